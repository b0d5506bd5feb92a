/* The map on Explore (/explore/): shows the points of the practices that Explore lists.
 *
 * explore.js tells which, by slug, with a "kb-results" event on #kb-explore each time it shows
 * results (and keeps the last list in its kbShownSlugs property, for a map set up later). The map
 * is drawn at build time (overrides/kb/map.html); without JavaScript it shows every practice.
 * Countries stay as they are: their shade says how many practices they have in all.
 */
(function () {
  "use strict";

  var root = document.getElementById("kb-explore");
  var map = document.getElementById("kb-explore-map");
  if (!root || !map || map.getAttribute("data-kb-ready")) { return; }
  map.setAttribute("data-kb-ready", "true");

  function show(slugs) {
    var wanted = {};
    slugs.forEach(function (slug) { wanted[slug] = true; });
    var shown = 0;
    map.querySelectorAll("[data-kb-slug]").forEach(function (point) {
      var on = wanted[point.getAttribute("data-kb-slug")] === true;
      point.classList.toggle("kb-map__point--off", !on);
      if (on) { point.removeAttribute("tabindex"); shown++; } else { point.setAttribute("tabindex", "-1"); }
    });
    map.setAttribute("data-kb-points", String(shown));
  }

  root.addEventListener("kb-results", function (event) { show(event.detail); });
  if (root.kbShownSlugs) { show(root.kbShownSlugs); }
})();
