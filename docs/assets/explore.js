/* Explore (/explore/): filters, counts, sorts and searches every practice, in the browser.
 *
 * The page lists the first page of practices, A to Z, linked: that list is the page without
 * JavaScript. This script shows the filter form, and once it is used (or at once when the address
 * holds a view) downloads the compact facet index that the build writes
 * (hooks/practicekb/model/explore.py: one row per practice, A to Z). It shows a page of results
 * at a time, fetching the cards it has not got from the files of a page of cards each
 * (explore/cards/<n>.json, hooks/practicekb/pages/explorepage.py): a first visit downloads the
 * page alone, whatever the number of practices. Words are searched with the site's Pagefind
 * index, the same one as the header search (only the part of the index the words need is
 * downloaded).
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
  var form, list, countLine, moreButton, showButton;
  var total = Number(root.getAttribute("data-kb-total"));
  var items = [];          // row -> its card (an <li>), once its page of cards is here
  var cardPages = {};      // page number -> Promise of its cards
  var cardsAddress = root.getAttribute("data-kb-cards");
  var number = new Intl.NumberFormat(language);

  var index = null;        // the facet index
  var keys = [];           // facet keys, in row order (row[4 + f])
  var valueNumbers = {};   // key -> {value id: number}
  var labelNumbers = {};   // key -> {value label: number}: the header search's filters come by label
  var foldedNumbers = {};  // key -> {id or label in lower case: number}: ?country=si is SI
  var boxes = {};          // key -> [checkbox per value number]
  var countSpans = {};     // key -> [count span per value number]
  var slugRows = null;     // slug -> row, for words found by Pagefind
  var indexRequest = null; // Promise of the facet index, once asked for
  var textCache = {};      // words -> Uint8Array of matching rows
  var pagefind = null;     // Promise of the Pagefind module
  var shown = PAGE;
  var current = null;      // the state on screen
  var typingTimer = 0;
  var searchToken = 0;
  var pendingScroll = null; // where to scroll once the results are shown (Back to this view)
  var renderToken = 0;
  var drawn = 0;

  // Back and Forward between views of this page: the popstate listener is in the page (explore.md).
  root.kbPath = location.pathname;

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
    Array.prototype.forEach.call(list.children, function (item, row) { items[row] = item; });
    bind();
    form.hidden = false;
    root.setAttribute("data-kb-results", String(total));
    if (location.search) {  // a view to show: the index at once
      whenReady(function () {
        pendingScroll = savedScroll();  // before the address is rewritten (it would clear history.state)
        // The address as Explore writes it (value ids, what it does not know left out), so the link
        // shared from here is the view on screen.
        var state = readAddress();
        if (address(state) !== location.pathname + location.search + location.hash) {
          history.replaceState(null, "", address(state));
        }
        return show(state, false);
      }).then(ready);
      return;
    }
    // The list as the page came: the index waits until the form is used.
    showMore(total);
    var y = savedScroll();
    if (y !== null) { window.scrollTo(0, y); }
    ready();
    form.addEventListener("focusin", loadIndex, { once: true });  // it downloads while the reader chooses
    form.addEventListener("pointerdown", loadIndex, { once: true });
  }

  function ready() {
    if (root.getAttribute("data-kb-ready") === "failed") { return; }
    root.setAttribute("data-kb-ready", "true");
    if (window.performance && performance.mark) { performance.mark("kb-explore-ready"); }
  }

  function loadIndex() {
    if (!indexRequest) {
      indexRequest = fetch(root.getAttribute("data-kb-index")).then(function (response) {
        if (!response.ok) { throw new Error("facet index: HTTP " + response.status); }
        return response.json();
      }).then(start);
      indexRequest.catch(function (error) {
        // Without the index there is nothing to filter with: the list stays as the page came.
        form.hidden = true;
        moreButton.parentNode.hidden = true;
        root.setAttribute("data-kb-ready", "failed");
        if (window.console) { console.warn("Explore: filters unavailable:", error); }
      });
    }
    return indexRequest;
  }

  /* `then` once the facet index is here (it is downloaded the first time). */
  function whenReady(then) {
    return loadIndex().then(then, function () { /* said once, in loadIndex */ });
  }

  function start(data) {
    if (!data.rows || data.rows.length !== total || !data.slugs || data.slugs.length !== total) {
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
    current = readAddress();
  }

  /* ---- the cards: the first page in the page, the others fetched a page at a time ---- */

  function cardPage(n) {
    if (!cardPages[n]) {
      cardPages[n] = fetch(cardsAddress + n + ".json").then(function (response) {
        if (!response.ok) { throw new Error("cards " + n + ": HTTP " + response.status); }
        return response.json();
      }).then(function (data) {
        var holder = document.createElement("template");
        holder.innerHTML = data.html;  // the site's own cards, written by the build
        var cards = Array.prototype.slice.call(holder.content.children);
        if (data.start !== n * PAGE || cards.length !== Math.min(PAGE, total - data.start)) {
          throw new Error("cards " + n + " do not match the index");
        }
        cards.forEach(function (card, k) { items[data.start + k] = card; });
      }).catch(function (error) {
        delete cardPages[n];  // asked for again next time
        if (window.console) { console.warn("Explore:", error); }
      });
    }
    return cardPages[n];
  }

  /* The cards of these rows, fetching the pages of cards that hold those not here yet. */
  function withCards(rows) {
    var wanted = {};
    rows.forEach(function (row) { if (!items[row]) { wanted[Math.floor(row / PAGE)] = true; } });
    return Promise.all(Object.keys(wanted).map(function (n) { return cardPage(Number(n)); }));
  }

  function allRows() {
    var rows = [];
    for (var r = 0; r < total; r++) { rows.push(r); }
    return rows;
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
      whenReady(function () { commit(true); });
    });
    form.addEventListener("change", function (event) {
      if (event.target === form.elements.q) { return; }
      whenReady(function () { commit(true); offerResults(event.target); });
    });
    form.elements.q.addEventListener("input", function () {
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { whenReady(function () { commit(false); }); }, TYPING_DELAY);
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
      whenReady(function () {
        fillForm(emptyState());
        commit(true);
        form.elements.q.focus();
      });
    });
    moreButton.addEventListener("click", function () {
      whenReady(function () {
        var first = shown;
        shown += PAGE;
        return render(current, false).then(function () {
          var next = list.children[first];
          if (next) { next.querySelector("a").focus(); }
        });
      });
    });
    root.kbRestore = function () { whenReady(function () { show(readAddress(), false); }); };
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
    if (!state.q) { return render(state, true); }
    var known = textCache[state.q];
    if (known) { return render(state, true, known); }
    countLine.textContent = t("explore.searching", { words: state.q });
    root.setAttribute("aria-busy", "true");
    return findWords(state.q).then(function (rows) {
      textCache[state.q] = rows;
      if (token === searchToken) { root.removeAttribute("aria-busy"); return render(state, true, rows); }
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
        return withCards(allRows()).then(function () { return matchTitles(words); });
      });
  }

  function slugOf(row) {
    return index.slugs[row];
  }

  function rowsBySlug() {
    if (!slugRows) {
      slugRows = {};
      index.slugs.forEach(function (slug, row) { slugRows[slug] = row; });
    }
    return slugRows;
  }

  function matchTitles(words) {
    var wanted = words.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    var rows = new Uint8Array(total);
    items.forEach(function (item, row) {  // every card is here (findWords)
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

  /* The results on screen, once their cards are here (a Promise): a later call wins. */
  function render(state, recount, textRows) {
    if (textRows === undefined && state.q) { textRows = textCache[state.q]; }
    var outcome = compute(state, textRows || null);
    var results = sortResults(outcome.results, state.sort);
    var limit = Math.min(shown, results.length);
    var token = ++renderToken;
    var wanted = results.slice(0, limit);
    if (wanted.some(function (row) { return !items[row]; })) { root.setAttribute("aria-busy", "true"); }
    return withCards(wanted).then(function () {
      if (token === renderToken) { draw(state, recount, outcome, results, limit); }
    });
  }

  function showMore(count) {
    var limit = Math.min(shown, count);
    moreButton.parentNode.hidden = count <= limit;
    moreButton.textContent = t("explore.more", { count: Math.min(PAGE, count - limit), rest: count - limit });
  }

  function draw(state, recount, outcome, results, limit) {
    var fragment = document.createDocumentFragment();
    for (var k = 0; k < limit; k++) {
      if (items[results[k]]) { fragment.appendChild(items[results[k]]); }  // a page of cards that failed: left out
    }
    list.textContent = "";
    list.appendChild(fragment);
    showMore(results.length);
    if (recount) {
      updateCounts(outcome);
      countLine.textContent = describe(state, results.length);
    }
    root.setAttribute("data-kb-results", String(results.length));
    root.removeAttribute("aria-busy");
    drawn += 1;
    root.setAttribute("data-kb-drawn", String(drawn));  // results drawn so far (benchmarks wait for the next)
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
