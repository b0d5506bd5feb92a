/* The language switcher keeps the view (overrides/partials/kb-languages.html).
 *
 * Without JavaScript each link opens the same page in another language. With it, the link also
 * keeps the address's query (Explore's filters: /explore/?country=SI&theme=…) and the section
 * the reader is at. Section anchors are made from each language's headings (#what-was-done,
 * #co-sa-urobilo), so the link carries the current anchor, and the section's place among the
 * page's headings goes with it in sessionStorage: the page in the other language, finding no
 * element with that anchor, goes to the heading in the same place (a translated practice has
 * the same sections in the same order) and puts that heading's anchor into the address.
 *
 * The links are rewritten when they are about to be used (pointer, focus, click), so every
 * page the header is shown with (instant navigation keeps the header) gets its own view.
 */
(function () {
  "use strict";
  if (window.kbLanguagesBound) { return; }
  window.kbLanguagesBound = true;

  var KEY = "kb-language-section";
  var HEADINGS = ".md-content h2[id], .md-content h3[id]";

  function headings() {
    return Array.prototype.slice.call(document.querySelectorAll(HEADINGS));
  }

  /* The heading the address names, or else the last one scrolled past (the section being read). */
  function currentSection() {
    var all = headings();
    var id = decodeURIComponent(location.hash.slice(1));
    if (id) {
      for (var n = 0; n < all.length; n++) { if (all[n].id === id) { return n; } }
    }
    var passed = -1;
    all.forEach(function (heading, at) { if (heading.getBoundingClientRect().top <= 80) { passed = at; } });
    return passed;
  }

  function rewrite(link) {
    var target = new URL(link.getAttribute("data-kb-page") || link.getAttribute("href"), location.href);
    if (!link.hasAttribute("data-kb-page")) { link.setAttribute("data-kb-page", target.pathname); }
    target.search = location.search;
    var section = currentSection();
    target.hash = section >= 0 ? headings()[section].id : "";
    link.href = target.href;
    return { path: target.pathname, index: section, id: section >= 0 ? headings()[section].id : "" };
  }

  function languageLink(event) {
    var link = event.target && event.target.closest ? event.target.closest("[data-kb-languages] a[hreflang]") : null;
    return link && !link.hasAttribute("aria-current") ? link : null;
  }

  ["pointerdown", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = languageLink(event);
      if (link) { rewrite(link); }
    }, true);
  });
  // Capturing, on the window: before Material's instant navigation reads the link.
  window.addEventListener("click", function (event) {
    var link = languageLink(event);
    if (!link) { return; }
    var section = rewrite(link);
    try {
      if (section.index >= 0) { sessionStorage.setItem(KEY, JSON.stringify(section)); } else { sessionStorage.removeItem(KEY); }
    } catch (error) { /* no sessionStorage: the anchor alone */ }
  }, true);

  /* On arrival: the anchor names no element here (it was the other language's): the heading in
   * the same place instead. */
  function arrive() {
    var kept = null;
    try { kept = JSON.parse(sessionStorage.getItem(KEY) || "null"); sessionStorage.removeItem(KEY); } catch (error) { kept = null; }
    if (!kept || kept.path !== location.pathname || !location.hash) { return; }
    var id = decodeURIComponent(location.hash.slice(1));
    if (document.getElementById(id)) { return; }
    var heading = headings()[kept.index];
    if (!heading) { return; }
    history.replaceState(history.state, "", location.pathname + location.search + "#" + heading.id);
    heading.scrollIntoView();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(arrive);  // Material: every page shown, instant navigation included
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", arrive);
  } else {
    arrive();
  }
})();
