/* The maps (overrides/kb/map.html): their links as SVG 2 writes them, and on Explore (/explore/)
 * the points of the practices that Explore lists.
 *
 * The links come as xlink:href (see map.html: Material's instant navigation fails on an SVG link
 * with href in a page it fetches); here, in the page shown, they become href, which every browser,
 * crawler and checker reads as a link.
 *
 * On Explore, explore.js tells which practices it lists, by slug, with a "kb-results" event on
 * #kb-explore each time it shows results (and keeps the last list in its kbShownSlugs property,
 * for a map set up later). Without JavaScript the map shows every practice. Countries stay as they
 * are: their shade says how many practices they have in all.
 */
(function () {
  "use strict";

  var XLINK = "http://www.w3.org/1999/xlink";
  document.querySelectorAll(".kb-map__svg a").forEach(function (link) {
    var address = link.getAttributeNS(XLINK, "href");
    if (address === null) { return; }
    link.setAttribute("href", address);
    link.removeAttributeNS(XLINK, "href");
  });

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
