// Draws the course's charts on the website: every <figure class="summitlab-chart"> holds a
// Vega-Lite specification (written by summitlab.render.site_bundle); vega-embed, served from
// this site, draws it as SVG with tooltips, and the drawing is labelled with the chart's
// description, its alt text for screen readers.
(function () {
  "use strict";
  async function draw(figure) {
    const view = figure.querySelector(".summitlab-chart-view");
    const source = figure.querySelector("script.summitlab-chart-spec");
    if (!view || !source || figure.dataset.drawn) return;
    figure.dataset.drawn = "pending";
    // A chart wider than the text column scrolls sideways instead of being cut off.
    figure.style.overflowX = "auto";
    figure.style.maxWidth = "100%";
    const spec = JSON.parse(source.textContent);
    try {
      await vegaEmbed(view, spec, { renderer: "svg", actions: false });
      const label = spec.description || "Chart without a description";
      const svg = view.querySelector("svg");
      if (svg) {
        svg.setAttribute("role", "graphics-document");
        svg.setAttribute("aria-label", label);
        // An interval selection's brush is drawn as marks with a role but no label: it is
        // what the reader drags, not data, so screen readers skip it.
        svg.querySelectorAll('[class*="_brush"]').forEach((brush) => {
          brush.setAttribute("aria-hidden", "true");
        });
      }
      if (figure.scrollWidth > figure.clientWidth) {
        // Keyboard users scroll it too: it takes the focus, then the arrow keys scroll it.
        figure.setAttribute("tabindex", "0");
      }
      figure.dataset.drawn = "done";
    } catch (error) {
      figure.dataset.drawn = "error";
      view.textContent = "This chart could not be drawn: " + error;
      console.error("summitlab chart:", error);
    }
  }
  function drawAll() {
    document.querySelectorAll("figure.summitlab-chart").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
