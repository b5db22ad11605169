// Small accessibility fixes to the book theme, found by axe-core (tests/test_site.py):
// the search buttons show "Search ... Ctrl+K" but were named only "Search"; a control's name
// must contain its visible text, so their text names them.
(function () {
  "use strict";
  function fix() {
    document.querySelectorAll(".search-button__button[aria-label]").forEach((button) => {
      button.removeAttribute("aria-label");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
})();
