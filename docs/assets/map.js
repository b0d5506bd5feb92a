/* The maps (overrides/kb/map.html): their links as SVG 2 writes them, and on Explore (/explore/)
 * the map itself, fetched when it is opened (explore/map.json: a point per practice), with the
 * points of the practices that Explore lists.
 *
 * The links come as xlink:href (see map.html: Material's instant navigation fails on an SVG link
 * with href in a page it fetches); here, in the page shown, they become href, which every browser,
 * crawler and checker reads as a link.
 *
 * On Explore, explore.js tells which practices it lists, by slug, with a "kb-results" event on
 * #kb-explore each time it shows results (and keeps the last list in its kbShownSlugs property,
 * for a map set up later). Until the map is opened, and without JavaScript, it is a link to the
 * map page. Countries stay as they are: their shade says how many practices they have in all.
 */
(function () {
  "use strict";

  var XLINK = "http://www.w3.org/1999/xlink";

  function linksAsHref(scope) {
    scope.querySelectorAll(".kb-map__svg a").forEach(function (link) {
      var address = link.getAttributeNS(XLINK, "href");
      if (address === null) { return; }
      link.setAttribute("href", address);
      link.removeAttributeNS(XLINK, "href");
    });
  }
  linksAsHref(document);

  var root = document.getElementById("kb-explore");
  var map = document.getElementById("kb-explore-map");
  if (!root || !map || map.getAttribute("data-kb-ready")) { return; }
  map.setAttribute("data-kb-ready", "true");
  var body = map.querySelector("[data-kb-map]");
  var loading = null;
  var loaded = false;
  var wanted = null;  // the slugs Explore lists; null: every practice

  function show() {
    var on = {};
    if (wanted) { wanted.forEach(function (slug) { on[slug] = true; }); }
    var shown = 0;
    map.querySelectorAll("[data-kb-slug]").forEach(function (point) {
      var visible = !wanted || on[point.getAttribute("data-kb-slug")] === true;
      point.classList.toggle("kb-map__point--off", !visible);
      if (visible) { point.removeAttribute("tabindex"); shown++; } else { point.setAttribute("tabindex", "-1"); }
    });
    map.setAttribute("data-kb-points", String(shown));
  }

  function load() {
    if (!loading) {
      loading = fetch(body.getAttribute("data-kb-map")).then(function (response) {
        if (!response.ok) { throw new Error("map: HTTP " + response.status); }
        return response.json();
      }).then(function (data) {
        body.innerHTML = data.html;  // the site's own map, written by the build
        linksAsHref(body);
        loaded = true;
        show();
      }).catch(function (error) {
        loading = null;  // the link to the map page stays; opening again tries again
        if (window.console) { console.warn("Explore: map unavailable:", error); }
      });
    }
    return loading;
  }

  root.addEventListener("kb-results", function (event) { wanted = event.detail; if (loaded) { show(); } });
  if (root.kbShownSlugs) { wanted = root.kbShownSlugs; }
  map.addEventListener("toggle", function () { if (map.open) { load(); } });
  if (map.open) { load(); }
})();
