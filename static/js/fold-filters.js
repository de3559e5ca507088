// Folds a list's filter form on a narrow screen, where it would fill the first screen;
// the page is sent with the form open, so without this script nothing is hidden.
// Loaded right after the form: it runs before the page is first drawn, with no flicker.
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 51.99rem)");
  var panels = document.querySelectorAll("details.filters-panel");
  panels.forEach(function (panel) {
    if (narrow.matches && !panel.hasAttribute("data-keep-open")) {
      panel.open = false;
    }
  });
  // Widened (a phone turned, a window resized): the form beside the results is open again.
  narrow.addEventListener("change", function (event) {
    if (!event.matches) {
      panels.forEach(function (panel) { panel.open = true; });
    }
  });
})();
