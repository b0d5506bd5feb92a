/* The header search (overrides/partials/kb-search.html): its box, made here, and Pagefind results
 * as you type, in Material's look, for practices (first) and hand-written pages.
 *
 * Nothing is downloaded until someone types: then Pagefind's script, its metadata and only
 * the index pieces for the typed words, then the few results shown. "Narrow" loads the
 * facet filters (country, theme, funder, …) with counts for the current words. "Filter in
 * Explore" opens /explore/?q=… with the filters chosen here (by label: Explore maps them to its
 * value ids) and every other filter to choose from. Without JavaScript the form itself opens
 * Explore. The script lives in the header, which instant navigation keeps: it runs once.
 *
 * Its texts and the filter names are the page's language's (assets/kb-texts.js, read through
 * assets/messages.js; translations/<language>.yml). Pagefind's index is the
 * whole site's, at its root (data-kb-pagefind), and Pagefind picks the part for the page's
 * <html lang>, so a search on a Slovak page searches the Slovak pages.
 */
(function () {
  "use strict";

  var FIRST = 8;          // results shown first, and added by "More results"
  var TYPING_DELAY = 150; // ms of quiet typing before a search
  var PAGE_HANDICAP = 3;  // a hand-written page must match this many times better than a practice to come first
  var script = document.currentScript;
  var dialog = document.querySelector("[data-kb-search]");
  if (!dialog || !script || window.kbSearchBound) { return; }
  window.kbSearchBound = true;

  var language = document.documentElement.lang;
  var t = window.kbMessages(dialog);  // assets/messages.js, listed before this script in mkdocs.yml
  if (!dialog.querySelector("form")) { makeDialog(); }
  // Pagefind filters written on practice pages (overrides/kb/practice.md): [key, name] pairs.
  var FACETS = (window.kbTexts && window.kbTexts.facets) || [];
  var siteRoot = new URL("../", script.src);  // the script is <language root>/assets/search.js
  // Resolved now: the header outlives the page it came with, so its relative addresses would go stale.
  var pagefindUrl = new URL(dialog.getAttribute("data-kb-pagefind") || "../pagefind/pagefind.js", location.href);
  var toggle = document.getElementById("__search");
  var form = dialog.querySelector("form");
  var input = document.getElementById("kb-search-input");
  var meta = document.getElementById("kb-search-meta");
  var list = document.getElementById("kb-search-results");
  var links = document.getElementById("kb-search-links");
  var narrow = document.getElementById("kb-search-narrow");
  var number = new Intl.NumberFormat(language);

  var pagefind = null;    // Promise of the Pagefind module
  var timer = 0;
  var token = 0;
  var chosen = {};        // facet key -> value label
  var narrowing = false;  // facet filters loaded (the Narrow panel was opened)
  var lastSearch = null;
  var shownCount = 0;
  var refocus = "";       // the facet select to focus again once the panel is rebuilt

  form.action = new URL("explore/", siteRoot).href;  // the header outlives the page it came with

  /* ---- the box, in Material's markup (overrides/partials/kb-search.html says why it is made here) ---- */

  function tagged(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function makeDialog() {
    var template = dialog.querySelector("template");
    var icons = template ? template.content.querySelectorAll("svg") : [];
    var magnify = document.querySelector('label.md-header__button[for="__search"] svg');
    var icon = function (svg) { return svg ? svg.cloneNode(true) : document.createTextNode(""); };
    var box = tagged("form", {"class": "md-search__form", name: "search", method: "get"}, [
      tagged("input", {type: "search", "class": "md-search__input", name: "q", id: "kb-search-input",
                        "aria-label": t("search.label"), placeholder: t("search.placeholder"),
                        autocapitalize: "off", autocorrect: "off", autocomplete: "off", spellcheck: "false",
                        "aria-controls": "kb-search-results", "aria-describedby": "kb-search-meta", required: ""}),
      tagged("label", {"class": "md-search__icon md-icon", "for": "__search"}, [icon(magnify), " ", icon(icons[0])]),
      tagged("nav", {"class": "md-search__options", "aria-label": t("search.button")}, [
        tagged("button", {type: "reset", "class": "md-search__icon md-icon", title: t("search.reset"),
                           "aria-label": t("search.reset"), tabindex: "-1"}, [icon(icons[1])])])]);
    var output = tagged("div", {"class": "md-search__output"}, [
      tagged("div", {"class": "md-search__scrollwrap", tabindex: "0", role: "region",
                      "aria-label": t("search.results"), "data-md-scrollfix": ""}, [
        tagged("div", {"class": "md-search-result"}, [
          tagged("div", {"class": "md-search-result__meta", id: "kb-search-meta", "aria-live": "polite"}, [t("search.prompt")]),
          tagged("div", {"class": "kb-search-narrow", id: "kb-search-narrow", hidden: ""}),
          tagged("ol", {"class": "md-search-result__list", id: "kb-search-results"}),
          tagged("p", {"class": "kb-search-links", id: "kb-search-links", hidden: ""})])])]);
    dialog.appendChild(tagged("label", {"class": "md-search__overlay", "for": "__search"}));
    dialog.appendChild(tagged("div", {"class": "md-search__inner", role: "search"}, [box, output]));
  }

  /* ---- opening and closing, as Material's search does ---- */

  function open() {
    if (toggle && !toggle.checked) { toggle.checked = true; }
  }

  function close() {
    if (toggle && toggle.checked) { toggle.checked = false; }
  }

  input.addEventListener("focus", open);
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) { setTimeout(function () { input.focus(); }, 50); }
    });
  }
  dialog.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !dialog.contains(event.relatedTarget)) { close(); }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
    if (event.key === "Escape" && dialog.contains(target)) {
      close();
      input.blur();
    } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
      event.preventDefault();
      open();
      input.focus();
    }
  });

  /* ---- keyboard within the results ---- */

  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") { return; }
    if (event.target.tagName === "SELECT") { return; }
    var targets = [input].concat(Array.prototype.slice.call(list.querySelectorAll("a")));
    var at = targets.indexOf(document.activeElement);
    if (at < 0) { return; }
    var next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next >= 0 && next < targets.length) {
      event.preventDefault();
      targets[next].focus();
    }
  });

  /* ---- searching ---- */

  form.addEventListener("reset", function () {
    setTimeout(function () { chosen = {}; clearResults(); input.focus(); }, 0);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, TYPING_DELAY);
  });
  form.addEventListener("submit", function (event) {
    // Enter opens the first result; with none yet, Explore shows everything for the words.
    var first = list.querySelector("a");
    if (first) {
      event.preventDefault();
      first.click();
    }
  });

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(pagefindUrl.href).then(function (module) {
        return Promise.resolve(module.options({ baseUrl: new URL("..", pagefindUrl).pathname, excerptLength: 24 }))
          .then(function () { return module; });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  function filters() {
    var result = {};
    FACETS.forEach(function (facet) {
      var key = facet[0];
      if (chosen[key]) { result[key] = chosen[key]; } else if (narrowing) { result[key] = []; }
    });
    return result;
  }

  /* Practices and hand-written pages are searched apart (the filter "kind" on every page,
   * overrides/main.html) and merged: a page comes before a practice only when it matches
   * PAGE_HANDICAP times better, so practices come first. With a facet chosen only practices
   * can match. The result keeps Pagefind's shape: results and the practices' filter counts. */
  function searchBoth(module, words) {
    var practiceFilters = filters();
    practiceFilters.kind = "practice";
    var practices = module.search(words || null, { filters: practiceFilters });
    var pages = words && !Object.keys(chosen).length
      ? module.search(words, { filters: { kind: "page" } }) : Promise.resolve(null);
    return Promise.all([practices, pages]).then(function (found) {
      if (!found[0]) { return null; }  // a newer search replaced this one
      var merged = found[0].results.map(function (result) { return { result: result, score: result.score }; });
      ((found[1] && found[1].results) || []).forEach(function (result) {
        merged.push({ result: result, score: result.score / PAGE_HANDICAP });
      });
      merged.sort(function (a, b) { return b.score - a.score; });
      return { results: merged.map(function (entry) { return entry.result; }), filters: found[0].filters };
    });
  }

  function run() {
    var words = input.value.trim();
    var mine = ++token;
    if (words.length < 2 && !Object.keys(chosen).length) { clearResults(); return; }
    meta.textContent = t("search.searching");
    loadPagefind()
      .then(function (module) { return searchBoth(module, words); })
      .then(function (search) {
        if (mine !== token || !search) { return; }
        lastSearch = search;
        shownCount = 0;
        list.textContent = "";
        return showMore(mine).then(function () { summarise(words, search); });
      })
      .catch(function (error) {
        if (mine !== token) { return; }
        meta.textContent = t("search.unavailable");
        showLinks(words);
        if (window.console) { console.warn("Search unavailable:", error); }
      });
  }

  function showMore(mine) {
    var batch = lastSearch.results.slice(shownCount, shownCount + FIRST);
    shownCount += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (mine !== token) { return; }
      var fragment = document.createDocumentFragment();
      pages.forEach(function (page) { fragment.appendChild(resultItem(page)); });
      list.appendChild(fragment);
      if (!dialog.hasAttribute("data-kb-first-result") && pages.length) {
        dialog.setAttribute("data-kb-first-result", "true");
        if (window.performance && performance.mark) { performance.mark("kb-search-first-result"); }
      }
    });
  }

  function summarise(words, search) {
    var count = search.results.length;
    var narrowed = Object.keys(chosen).length;
    meta.textContent = count === 0
      ? t(narrowed ? "search.none_filtered" : "search.none")
      : t(narrowed ? "search.count_filtered" : "search.count", { count: count });
    showLinks(words);
    showNarrow(search);
  }

  function clearResults() {
    token++;
    lastSearch = null;
    list.textContent = "";
    links.hidden = true;
    narrow.hidden = true;
    meta.textContent = t("search.prompt");
  }

  /* ---- results, in Material's markup ---- */

  function resultItem(page) {
    var item = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = page.url;
    var article = element("article", "md-search-result__article md-typeset");
    var title = element("h1", "");
    title.textContent = (page.meta && page.meta.title) || page.url;
    article.appendChild(title);
    if (page.meta && page.meta.where) {
      var where = element("p", "kb-where");
      where.textContent = page.meta.where;
      article.appendChild(where);
    }
    var excerpt = element("p", "");
    appendMarked(excerpt, page.excerpt || "");
    article.appendChild(excerpt);
    if (page.meta && page.meta.text_lang) {  // a practice shown untranslated: its title and text are in its own language
      title.lang = page.meta.text_lang;
      excerpt.lang = page.meta.text_lang;
    }
    link.appendChild(article);
    link.addEventListener("click", close);
    item.appendChild(link);
    return item;
  }

  /* Pagefind's excerpt is escaped text with <mark> around the words found: keep only those. */
  function appendMarked(parent, html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function showLinks(words) {
    links.textContent = "";
    if (lastSearch && shownCount < lastSearch.results.length) {
      var more = element("button", "md-button kb-search-more");
      more.type = "button";
      more.textContent = t("search.more");
      more.addEventListener("click", function () {
        var mine = token, first = shownCount;
        showMore(mine).then(function () {
          showLinks(words);
          var next = list.querySelectorAll("a")[first];
          if (next) { next.focus(); }
        });
      });
      links.appendChild(more);
    }
    var explore = element("a", "md-button");
    var params = new URLSearchParams();  // the words and the filters chosen here, which Explore takes by label
    if (words) { params.append("q", words); }
    FACETS.forEach(function (facet) { if (chosen[facet[0]]) { params.append(facet[0], chosen[facet[0]]); } });
    var query = params.toString();
    explore.href = new URL("explore/" + (query ? "?" + query : ""), siteRoot).href;
    explore.textContent = t("search.explore");
    explore.addEventListener("click", close);
    links.appendChild(explore);
    links.hidden = false;
  }

  /* ---- narrowing by facet ---- */

  function showNarrow(search) {
    var counts = search.filters || {};
    narrow.textContent = "";
    var details = element("details", "kb-search-narrow__panel");
    details.open = narrowing;
    var summary = element("summary", "");
    var picked = Object.keys(chosen).length;
    summary.textContent = picked ? t("search.narrow_chosen", { count: picked }) : t("search.narrow");
    details.appendChild(summary);
    details.addEventListener("toggle", function () {
      if (details.open && !narrowing) { narrowing = true; run(); }
      if (!details.open) { narrowing = false; }
    });
    if (narrowing) {
      FACETS.forEach(function (facet) {
        var values = counts[facet[0]] || {};
        var names = Object.keys(values).filter(function (name) { return values[name] > 0 || chosen[facet[0]] === name; });
        if (!names.length && !chosen[facet[0]]) { return; }
        names.sort(function (a, b) { return a.localeCompare(b, language); });
        details.appendChild(facetSelect(facet[0], facet[1], names, values));
      });
    }
    narrow.appendChild(details);
    narrow.hidden = false;
    if (refocus) {
      var again = details.querySelector('select[data-kb-facet="' + refocus + '"]');
      refocus = "";
      if (again) { again.focus(); }
    }
  }

  function facetSelect(key, label, names, values) {
    var field = element("label", "kb-search-narrow__field");
    field.appendChild(document.createTextNode(label + " "));
    var select = document.createElement("select");
    select.setAttribute("data-kb-facet", key);
    select.appendChild(new Option(t("search.any"), ""));
    names.forEach(function (name) {
      select.appendChild(new Option(name + " (" + number.format(values[name] || 0) + ")", name));
    });
    select.value = chosen[key] || "";
    select.addEventListener("change", function () {
      if (select.value) { chosen[key] = select.value; } else { delete chosen[key]; }
      refocus = key;
      run();
    });
    field.appendChild(select);
    return field;
  }

  function element(tag, className) {
    return tagged(tag, className ? {"class": className} : {});
  }
})();
