// Small accessibility fixes to the book theme, found by axe-core (tests/test_site.py):
// the search buttons show "Search ... Ctrl+K" but were named only "Search"; a control's name
// must contain its visible text, so their text names them. The colour-mode button is named
// "Color mode"; its icons (titled "Light", "Dark", ...) are decoration for screen readers.
(function () {
  "use strict";
  function fix() {
    document.querySelectorAll(".search-button__button[aria-label]").forEach((button) => {
      button.removeAttribute("aria-label");
    });
    document.querySelectorAll(".theme-switch-button i, .theme-switch-button svg").forEach((icon) => {
      icon.setAttribute("aria-hidden", "true");
      icon.removeAttribute("title");
      icon.querySelectorAll("title").forEach((title) => title.remove());
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
  // Font Awesome turns the icons into SVG after the page has loaded.
  window.addEventListener("load", () => setTimeout(fix, 0));
})();
