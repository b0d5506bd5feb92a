/* Share panel of practice pages (overrides/kb/share.html): copy the address or the citation,
   and write today's date wherever a page asks for it ([data-kb-today]: the citation's access
   date and the date on a printed page). Also completes the links to GitHub that start a text
   ([data-kb-prefill]: a correction issue, a new translation file) with its first words in the
   page's language (assets/kb-texts.js), which each page would otherwise carry in the link;
   without JavaScript those links open GitHub's form empty. Listeners sit on the document, so
   pages that Material's instant navigation swaps in work without binding anything again. */
(function () {
  "use strict";

  function today() {
    var now = new Date();
    var iso = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
      String(now.getDate()).padStart(2, "0");
    var language = document.documentElement.lang || "en";
    var text = now.toLocaleDateString(language === "en" ? "en-GB" : language, { day: "numeric", month: "long", year: "numeric" });
    return { iso: iso, text: text };
  }

  function fillDates() {
    var date = today();
    document.querySelectorAll("[data-kb-today]").forEach(function (element) {
      if (element.hasAttribute("data-kb-time")) {  // a <time> only now: an empty one is not valid HTML
        var time = document.createElement("time");
        time.setAttribute("datetime", date.iso);
        time.textContent = date.text;
        element.replaceChildren(time);
      } else {
        element.textContent = date.text;
      }
    });
    document.querySelectorAll("[data-kb-dated]").forEach(function (element) { element.hidden = false; });
    document.querySelectorAll(".kb-share__actions[hidden]").forEach(function (element) { element.hidden = false; });
  }

  var PREFILLS = {  // [data-kb-prefill] -> the GitHub form's field, and its first text for a file's path
    correction: function (texts, t, path) {
      return ["body", t("correction.file", { path: path }) + "\n\n" + t("correction.question") + "\n"];
    },
    translation: function (texts, t, path) { return ["value", (texts.skeleton || "").replace("{path}", path)]; }
  };

  function prefillLinks() {
    var texts = window.kbTexts || {};
    var t = window.kbMessages(null);
    document.querySelectorAll("a[data-kb-prefill][data-kb-path]").forEach(function (link) {
      var prefill = PREFILLS[link.getAttribute("data-kb-prefill")];
      if (!prefill) return;
      var field = prefill(texts, t, link.getAttribute("data-kb-path"));
      var address = new URL(link.href);
      address.searchParams.set(field[0], field[1]);
      link.href = address.href;
    });
  }

  function pageShown() {
    fillDates();
    prefillLinks();
  }

  function announce(button, message) {
    var status = button.closest(".kb-share").querySelector(".kb-share__status");
    if (status) status.textContent = message;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {  // plain http: the old way, through a selection
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      if (done) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-kb-copy-from]");
    var source = button && document.getElementById(button.getAttribute("data-kb-copy-from"));
    if (!source) return;
    var text = source.textContent.replace(/\s+/g, " ").trim();
    var t = window.kbMessages(null);  // the page's language's texts (assets/kb-texts.js, messages.js)
    var what = source.id === "kb-citation" ? "citation" : "link";
    copy(text).then(function () {
      button.setAttribute("data-kb-copied", "");
      announce(button, t("share." + what + "_copied"));
    }, function () {
      announce(button, t("share." + what + "_not_copied"));
    });
  });

  window.addEventListener("beforeprint", fillDates);  // a page left open overnight prints today's date
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(pageShown);  // Material: every page, also after instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", pageShown);
  } else {
    pageShown();
  }
})();
