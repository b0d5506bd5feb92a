/* Explore (/explore/): filters, counts, sorts and searches every practice, in the browser.
 *
 * The page lists every practice, A to Z, linked (the first page of them as elements, the rest
 * in <noscript>): that list is the page without JavaScript. This script takes the list's
 * entries as the results (showing a page of them at a time), reads the compact facet index that
 * the build writes (hooks/practicekb/explore.py: one row per entry, in the same order), and
 * shows the filter form. Words are searched with the site's Pagefind index, the same one as
 * the header search (only the part of the index the words need is downloaded).
 *
 * The whole view lives in the address (?country=SI&theme=…&q=…&from=2015&sort=newest), so
 * reload, back and forward and a shared link restore it. Within a facet, values are
 * alternatives (SI or SK); across facets, all must hold. Each value shows how many practices
 * there would be with it chosen, given the other choices.
 *
 * Its texts come from the page (data-kb-messages), in the page's language. Deferred: it runs
 * once the page has been read, after Material's bundle and assets/messages.js.
 *
 * Material's instant navigation runs this script again whenever the page is shown again;
 * it sets up only a page it has not set up yet. No inline handlers: everything is bound here.
 */
(function () {
  "use strict";

  var TYPING_DELAY = 200;  // ms of quiet typing before the words are searched
  var SORTS = { title: "explore.sorted.title", newest: "explore.sorted.newest", place: "explore.sorted.place" };

  var root = document.getElementById("kb-explore");
  if (!root || root.getAttribute("data-kb-ready")) { return; }
  root.setAttribute("data-kb-ready", "loading");
  var PAGE = Number(root.getAttribute("data-kb-page"));  // entries shown at once; "Show more" adds as many again

  var language = document.documentElement.lang || "en";
  var t = window.kbMessages(root);  // assets/messages.js, run before deferred scripts

  // The elements below this script: found once the page has been read (setUp).
  var form, list, countLine, moreButton, showButton, items = [], total = 0;
  var number = new Intl.NumberFormat(language);

  var index = null;        // the facet index
  var keys = [];           // facet keys, in row order (row[4 + f])
  var valueNumbers = {};   // key -> {value id: number}
  var labelNumbers = {};   // key -> {value label: number}: the header search's filters come by label
  var foldedNumbers = {};  // key -> {id or label in lower case: number}: ?country=si is SI
  var boxes = {};          // key -> [checkbox per value number]
  var countSpans = {};     // key -> [count span per value number]
  var slugRows = null;     // slug -> row, for words found by Pagefind
  var textCache = {};      // words -> Uint8Array of matching rows
  var pagefind = null;     // Promise of the Pagefind module
  var shown = PAGE;
  var current = null;      // the state on screen
  var typingTimer = 0;
  var searchToken = 0;
  var pendingScroll = null; // where to scroll once the results are shown (Back to this view)

  // Back and Forward between views of this page: the popstate listener is in the page (explore.md).
  root.kbPath = location.pathname;

  // The facet index (preloaded by the page: this request is served from that download).
  var indexRequest = fetch(root.getAttribute("data-kb-index")).then(function (response) {
    if (!response.ok) { throw new Error("facet index: HTTP " + response.status); }
    return response.json();
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();  // instant navigation inserted the whole page before running this script
  }

  function setUp() {
    form = document.getElementById("kb-explore-form");
    list = document.getElementById("kb-results");
    countLine = document.getElementById("kb-count");
    moreButton = document.getElementById("kb-more");
    showButton = document.getElementById("kb-show-results");
    items = allEntries();
    total = items.length;
    indexRequest.then(start).catch(function (error) {
      // Without the index there is nothing to filter with: show the whole list.
      var fragment = document.createDocumentFragment();
      items.forEach(function (item) { fragment.appendChild(item); });
      list.appendChild(fragment);
      root.setAttribute("data-kb-ready", "failed");
      if (window.console) { console.warn("Explore: filters unavailable:", error); }
    });
  }

  /* Every entry, A to Z: the first page is in the list as the page came; the rest is in
   * <noscript>, as text while the page loads (cheap: no elements to build and lay out), as
   * elements when instant navigation brought the page in. */
  function allEntries() {
    var entries = Array.prototype.slice.call(list.children);
    var rest = document.getElementById("kb-all");
    if (!rest) { return entries; }
    var source = rest.querySelector("li") ? rest
      : new DOMParser().parseFromString(rest.textContent, "text/html").body;
    return entries.concat(Array.prototype.slice.call(source.querySelectorAll("li")));
  }

  function start(data) {
    if (!data.rows || data.rows.length !== total) {
      throw new Error("facet index does not match the list (" + total + " entries)");
    }
    index = data;
    keys = data.facets;
    keys.forEach(function (key) {
      valueNumbers[key] = {};
      labelNumbers[key] = {};
      foldedNumbers[key] = {};
      data.values[key].forEach(function (id, n) { valueNumbers[key][id] = n; foldedNumbers[key][fold(id)] = n; });
      boxes[key] = [];
      countSpans[key] = [];
      form.querySelectorAll('input[type="checkbox"][name="' + key + '"]').forEach(function (box) {
        var n = valueNumbers[key][box.value];
        if (n === undefined) { return; }
        boxes[key][n] = box;
        countSpans[key][n] = box.parentNode.querySelector("[data-kb-count]");
        labelNumbers[key][box.getAttribute("data-kb-label")] = n;
        if (ownEntry(foldedNumbers[key], fold(box.getAttribute("data-kb-label"))) === undefined) {
          foldedNumbers[key][fold(box.getAttribute("data-kb-label"))] = n;
        }
      });
    });
    form.hidden = false;
    bind();
    var state = readAddress();
    pendingScroll = savedScroll();  // before the address is rewritten (it would clear history.state)
    // The address as Explore writes it (value ids, what it does not know left out), so the link
    // shared from here is the view on screen.
    if (address(state) !== location.pathname + location.search + location.hash) {
      history.replaceState(null, "", address(state));
    }
    show(state, false);
    root.setAttribute("data-kb-ready", "true");
    if (window.performance && performance.mark) { performance.mark("kb-explore-ready"); }
  }

  /* ---- state: the address <-> the form ---- */

  function emptyState() {
    var state = { q: "", sort: "title", from: null, to: null, chosen: {}, unknown: [] };
    keys.forEach(function (key) { state.chosen[key] = []; });
    return state;
  }

  function year(text) {
    var value = parseInt(text, 10);
    return /^\d{4}$/.test(String(text || "")) ? value : null;
  }

  function fold(text) {
    return String(text || "").trim().toLocaleLowerCase(language);
  }

  function ownEntry(map, name) {  // own entries only: "toString" in an address names nothing
    return Object.prototype.hasOwnProperty.call(map, name) ? map[name] : undefined;
  }

  function readAddress() {
    var params = new URLSearchParams(location.search);
    var state = emptyState();
    state.q = (params.get("q") || "").trim();
    state.sort = ownEntry(SORTS, params.get("sort")) ? params.get("sort") : "title";
    state.from = year(params.get("from"));
    state.to = year(params.get("to"));
    keys.forEach(function (key) {
      params.getAll(key).forEach(function (id) {
        var n = ownEntry(valueNumbers[key], id);
        if (n === undefined) { n = ownEntry(labelNumbers[key], id); }  // not an id: a label (the header search's)
        if (n === undefined) { n = ownEntry(foldedNumbers[key], fold(id)); }  // another case: ?country=si
        if (n === undefined) {
          if (id.trim()) { state.unknown.push([key, id]); }  // named in a notice, not silently dropped
        } else if (state.chosen[key].indexOf(n) < 0) {
          state.chosen[key].push(n);
        }
      });
      state.chosen[key].sort(function (a, b) { return a - b; });
    });
    return state;
  }

  function readForm() {
    var state = emptyState();
    state.q = form.elements.q.value.trim();
    state.sort = SORTS[form.elements.sort.value] ? form.elements.sort.value : "title";
    if (form.elements.from) { state.from = year(form.elements.from.value); }
    if (form.elements.to) { state.to = year(form.elements.to.value); }
    keys.forEach(function (key) {
      boxes[key].forEach(function (box, n) { if (box && box.checked) { state.chosen[key].push(n); } });
    });
    return state;
  }

  function address(state) {
    var params = new URLSearchParams();
    if (state.q) { params.append("q", state.q); }
    keys.forEach(function (key) {
      state.chosen[key].forEach(function (n) { params.append(key, index.values[key][n]); });
    });
    if (state.from !== null) { params.append("from", state.from); }
    if (state.to !== null) { params.append("to", state.to); }
    if (state.sort !== "title") { params.append("sort", state.sort); }
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }

  function chosenCount(state) {
    var count = (state.from !== null ? 1 : 0) + (state.to !== null ? 1 : 0);
    keys.forEach(function (key) { count += state.chosen[key].length; });
    return count;
  }

  /* Values of the address that name nothing here (?country=XX): said, so the reader knows the
   * list is not filtered by them. */
  function showUnknown(state) {
    var notice = document.getElementById("kb-unknown");
    if (!notice) { return; }
    var named = state.unknown.map(function (pair) {
      var legend = form.querySelector('[data-kb-facet="' + pair[0] + '"] > legend');
      var facet = legend && legend.firstChild ? legend.firstChild.textContent.trim() : pair[0];
      return t("explore.unknown_value", { facet: facet, value: pair[1] });
    });
    notice.textContent = named.length ? t("explore.unknown", { values: named.join(", ") }) : "";
    notice.hidden = !named.length;
  }

  function fillForm(state) {
    showUnknown(state);
    var chosenAll = chosenCount(state);
    document.getElementById("kb-filters-toggle").textContent =
      chosenAll ? t("explore.filters_chosen", { count: chosenAll }) : t("explore.filters");
    if (form.elements.q.value.trim() !== state.q) { form.elements.q.value = state.q; }
    form.elements.sort.value = state.sort;
    if (form.elements.from) { form.elements.from.value = state.from === null ? "" : String(state.from); }
    if (form.elements.to) { form.elements.to.value = state.to === null ? "" : String(state.to); }
    keys.forEach(function (key) {
      boxes[key].forEach(function (box, n) { if (box) { box.checked = state.chosen[key].indexOf(n) >= 0; } });
      var note = form.querySelector('[data-kb-facet="' + key + '"] [data-kb-chosen]');
      var chosen = state.chosen[key].length;
      if (note) { note.textContent = chosen ? " " + t("explore.chosen", { count: chosen }) : ""; }
    });
  }

  /* ---- binding ---- */

  function bind() {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(typingTimer);
      commit(true);
    });
    form.addEventListener("change", function (event) {
      if (event.target === form.elements.q) { return; }
      commit(true);
      offerResults(event.target);
    });
    form.elements.q.addEventListener("input", function () {
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { commit(false); }, TYPING_DELAY);
    });
    form.addEventListener("keydown", function (event) {
      // Enter toggles a checkbox too (Space does natively), instead of submitting the form.
      var target = event.target;
      if (event.key === "Enter" && target.type === "checkbox") {
        event.preventDefault();
        target.click();
      }
    });
    var toggle = document.getElementById("kb-filters-toggle");
    toggle.addEventListener("click", function () {
      // Small screens: the facets fold away under one button, so the results are near the top.
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      document.getElementById("kb-facets").classList.toggle("kb-explore__facets--open", open);
      if (!open) { showButton.parentNode.hidden = true; }
    });
    showButton.addEventListener("click", function () {
      // To the results: the count line first, which screen readers read out.
      showButton.parentNode.hidden = true;
      countLine.scrollIntoView({ block: "start" });
      countLine.focus({ preventScroll: true });
    });
    // Back from a practice comes back to the same place in the list: where the page was when a
    // result was opened is kept for this entry of the history (restoreScroll).
    list.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) { keepScroll(); }
    });
    window.addEventListener("pagehide", keepScroll);
    document.getElementById("kb-clear").addEventListener("click", function () {
      fillForm(emptyState());
      commit(true);
      form.elements.q.focus();
    });
    moreButton.addEventListener("click", function () {
      var first = shown;
      shown += PAGE;
      render(current, false);
      var next = list.children[first];
      if (next) { next.querySelector("a").focus(); }
    });
    root.kbRestore = function () { show(readAddress(), false); };
  }

  /* Small screens (the facets fold under one button): after a filter is ticked, a button at the
   * foot of the screen says how many practices there are and leads to them. */
  function offerResults(target) {
    var small = window.matchMedia && window.matchMedia("(max-width: 59.9375em)").matches;
    if (!small || !target || target === form.elements.sort) { showButton.parentNode.hidden = true; return; }
    showButton.parentNode.hidden = false;
    updateShowButton();
  }

  function updateShowButton() {
    if (!showButton || showButton.parentNode.hidden) { return; }
    var count = Number(root.getAttribute("data-kb-results") || 0);
    showButton.textContent = t("explore.show_results", { count: count });
  }

  var SCROLL_KEY = "kb-explore-scroll";

  function keepScroll() {
    if (document.getElementById("kb-explore") !== root) { return; }
    var here = { url: location.pathname + location.search, y: Math.round(window.scrollY) };
    try { sessionStorage.setItem(SCROLL_KEY, JSON.stringify(here)); } catch (error) { /* private mode: no memory */ }
  }

  /* Where to scroll once the results are on screen, when this is Back (or Forward) to this very
   * view: the place kept in sessionStorage when a result was opened or the page was left (Back
   * is told by the popstate listener in the page (explore.md) under instant navigation, by the navigation's type
   * when the page is loaded again), else Material's offset in history.state (a reload). The
   * list is built after the page is shown, so the browser's own restoration comes too early:
   * render() scrolls there once the results are in. */
  function savedScroll() {
    var here = location.pathname + location.search;
    var navigation = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var firstView = !window.kbExploreSeen;  // the navigation's type is the first page's, not a later one's
    window.kbExploreSeen = true;
    var back = window.kbExploreReturn === here || (firstView && navigation && navigation.type === "back_forward");
    window.kbExploreReturn = null;
    var kept = null;
    try { kept = JSON.parse(sessionStorage.getItem(SCROLL_KEY) || "null"); } catch (error) { kept = null; }
    if (back && kept && kept.url === here) { return kept.y || null; }
    var state = history.state;  // Material's offset, e.g. on reload
    return state && typeof state.y === "number" && state.y > 0 ? state.y : null;
  }

  /* A new state from the form: into the address (a new history entry, or the same one while
   * typing), then on screen. */
  function commit(newEntry) {
    var state = readForm();
    var target = address(state);
    if (target !== location.pathname + location.search + location.hash) {
      if (newEntry) { history.pushState(null, "", target); } else { history.replaceState(null, "", target); }
    }
    shown = PAGE;
    show(state, true);
  }

  function show(state, fromForm) {
    if (!fromForm) { shown = PAGE; }
    fillForm(state);
    current = state;
    var token = ++searchToken;
    if (!state.q) { render(state, true); return; }
    var known = textCache[state.q];
    if (known) { render(state, true, known); return; }
    countLine.textContent = t("explore.searching", { words: state.q });
    root.setAttribute("aria-busy", "true");
    findWords(state.q).then(function (rows) {
      textCache[state.q] = rows;
      if (token === searchToken) { root.removeAttribute("aria-busy"); render(state, true, rows); }
    });
  }

  /* ---- words: Pagefind, or the titles and places when Pagefind cannot load ---- */

  function loadPagefind() {
    if (!pagefind) {
      var url = new URL(root.getAttribute("data-kb-pagefind"), location.href);
      var base = new URL("..", url).pathname;
      pagefind = import(url.href).then(function (module) {
        return Promise.resolve(module.options({ baseUrl: base })).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function findWords(words) {
    return loadPagefind()
      .then(function (module) { return module.search(words, { filters: { slug: [] } }); })
      .then(function (search) {
        var rows = new Uint8Array(total);
        var counts = (search && search.filters && search.filters.slug) || {};
        var slugs = rowsBySlug();
        Object.keys(counts).forEach(function (slug) {
          if (counts[slug] > 0 && slugs[slug] !== undefined) { rows[slugs[slug]] = 1; }
        });
        return rows;
      })
      .catch(function (error) {
        if (window.console) { console.warn("Explore: Pagefind unavailable, searching titles and places:", error); }
        return matchTitles(words);
      });
  }

  function slugOf(row) {
    var parts = items[row].querySelector("a").getAttribute("href").split("/").filter(Boolean);
    return parts[parts.length - 1].replace(/\.html$/, "");
  }

  function rowsBySlug() {
    if (!slugRows) {
      slugRows = {};
      items.forEach(function (item, row) {
        var parts = item.querySelector("a").getAttribute("href").split("/").filter(Boolean);
        slugRows[parts[parts.length - 1].replace(/\.html$/, "")] = row;
      });
    }
    return slugRows;
  }

  function matchTitles(words) {
    var wanted = words.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    var rows = new Uint8Array(total);
    items.forEach(function (item, row) {
      var text = item.textContent.toLocaleLowerCase();
      rows[row] = wanted.every(function (word) { return text.indexOf(word) >= 0; }) ? 1 : 0;
    });
    return rows;
  }

  /* ---- filtering and counting ---- */

  function inPeriod(row, from, to) {
    var first = row[2], last = row[3];
    if (first === null && last === null) { return false; }
    if (from !== null && (last === null ? first : last) < from) { return false; }
    if (to !== null && (first === null ? last : first) > to) { return false; }
    return true;
  }

  /* One pass over the rows. A row failing no condition is a result and counts for every
   * value it has; a row failing exactly one facet counts for that facet's values only,
   * which is how many results there would be with that value chosen too. */
  function compute(state, textRows) {
    var rows = index.rows;
    var facetCount = keys.length;
    var chosen = keys.map(function (key) {
      var set = {};
      state.chosen[key].forEach(function (n) { set[n] = true; });
      return state.chosen[key].length ? set : null;
    });
    var counts = keys.map(function (key) { return new Int32Array(index.values[key].length); });
    var periodSet = state.from !== null || state.to !== null;
    var fromCounts = {}, toCounts = {};
    var results = [];
    for (var r = 0; r < rows.length; r++) {
      if (textRows && !textRows[r]) { continue; }
      var row = rows[r];
      var failed = -1, failures = 0;
      for (var f = 0; f < facetCount && failures < 2; f++) {
        if (!chosen[f]) { continue; }
        var values = row[4 + f], ok = false;
        for (var v = 0; v < values.length; v++) { if (chosen[f][values[v]]) { ok = true; break; } }
        if (!ok) { failures++; failed = f; }
      }
      if (failures === 0) {
        // Year choices count what the other year bound and every facet leave.
        if (inPeriod(row, null, state.to)) { tally(fromCounts, row[3] === null ? row[2] : row[3]); }
        if (inPeriod(row, state.from, null)) { tally(toCounts, row[2] === null ? row[3] : row[2]); }
      }
      if (periodSet && !inPeriod(row, state.from, state.to)) { continue; }
      if (failures === 0) {
        results.push(r);
        for (f = 0; f < facetCount; f++) { add(counts[f], row[4 + f]); }
      } else if (failures === 1) {
        add(counts[failed], row[4 + failed]);
      }
    }
    return { results: results, counts: counts, fromCounts: fromCounts, toCounts: toCounts };
  }

  function add(counts, values) {
    for (var v = 0; v < values.length; v++) { counts[values[v]]++; }
  }

  function tally(byYear, value) {
    if (value !== null) { byYear[value] = (byYear[value] || 0) + 1; }
  }

  function sortResults(results, sort) {
    if (sort === "title") { return results; }  // rows are in title order
    var column = sort === "place" ? 0 : 1;
    var rows = index.rows;
    return results.slice().sort(function (a, b) { return rows[a][column] - rows[b][column]; });
  }

  /* ---- showing ---- */

  function render(state, recount, textRows) {
    if (textRows === undefined && state.q) { textRows = textCache[state.q]; }
    var outcome = compute(state, textRows || null);
    var results = sortResults(outcome.results, state.sort);
    var fragment = document.createDocumentFragment();
    var limit = Math.min(shown, results.length);
    for (var k = 0; k < limit; k++) { fragment.appendChild(items[results[k]]); }
    list.textContent = "";
    list.appendChild(fragment);
    moreButton.parentNode.hidden = results.length <= limit;
    moreButton.textContent = t("explore.more", { count: Math.min(PAGE, results.length - limit), rest: results.length - limit });
    if (recount) {
      updateCounts(outcome);
      countLine.textContent = describe(state, results.length);
    }
    root.setAttribute("data-kb-results", String(results.length));
    // The map of the results (assets/map.js) shows the same practices: it is told which, by slug.
    root.kbShownSlugs = results.map(slugOf);
    root.dispatchEvent(new CustomEvent("kb-results", { detail: root.kbShownSlugs }));
    root.setAttribute("data-kb-words", state.q);
    updateShowButton();
    if (pendingScroll !== null && recount) {
      window.scrollTo(0, pendingScroll);
      pendingScroll = null;
    }
  }

  function updateCounts(outcome) {
    keys.forEach(function (key, f) {
      countSpans[key].forEach(function (span, n) {
        if (span) {
          span.textContent = "(" + number.format(outcome.counts[f][n]) + ")";
        }
      });
    });
    yearCounts(form.elements.from, outcome.fromCounts, true);
    yearCounts(form.elements.to, outcome.toCounts, false);
  }

  /* "2015 (312)": how many practices run in or after (from) or in or before (to) that year. */
  function yearCounts(select, byYear, fromSide) {
    if (!select) { return; }
    var years = Object.keys(byYear).map(Number);
    var options = Array.prototype.slice.call(select.options, 1);
    options.forEach(function (option) {
      var y = Number(option.value), n = 0;
      years.forEach(function (other) { if (fromSide ? other >= y : other <= y) { n += byYear[other]; } });
      option.textContent = option.value + " (" + number.format(n) + ")";
    });
  }

  function describe(state, count) {
    var filtered = count !== total || state.q || state.from !== null || state.to !== null ||
      keys.some(function (key) { return state.chosen[key].length; });
    if (count === 0) { return t("explore.none"); }
    var order = t(SORTS[state.sort]);
    return filtered ? t("explore.count_of", { count: count, total: total, order: order })
      : t("explore.count", { count: total, order: order });
  }
})();
