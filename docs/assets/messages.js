/* Interface texts in the page's language, for the site's scripts (search.js, share.js,
 * explore.js, propose.js).
 *
 * kbMessages(element) takes the messages every page's scripts need from assets/kb-texts.js
 * (window.kbTexts, one cached file per language: hooks/practicekb/pages/scripttexts.py), and
 * those of one page's script from the element's data-kb-messages (Explore, the proposal form),
 * all from translations/<language>.yml, and returns t(id, values): the message with {name}
 * filled in from `values` (numbers written the language's way); a plural message picks its form
 * by values.count, as catalogue.py does. Loaded before each script that uses it; defined once
 * even when instant navigation runs it again.
 */
(function () {
  "use strict";
  if (window.kbMessages) { return; }

  window.kbMessages = function (element) {
    var texts = window.kbTexts || {};
    var language = texts.language || document.documentElement.lang;
    var messages = Object.assign({}, texts.messages);
    if (element && element.hasAttribute("data-kb-messages")) {
      try { Object.assign(messages, JSON.parse(element.getAttribute("data-kb-messages"))); } catch (error) { /* the shared texts */ }
    }
    var plurals = new Intl.PluralRules(language);
    var number = new Intl.NumberFormat(language);

    return function t(id, values) {
      var message = messages[id];
      if (message === undefined) { return id; }
      values = values || {};
      if (typeof message !== "string") {
        message = message[plurals.select(values.count || 0)] || message.other;
      }
      return message.replace(/\{([a-z_]+)\}/g, function (whole, name) {
        var value = values[name];
        return value === undefined ? whole : typeof value === "number" ? number.format(value) : String(value);
      });
    };
  };
})();
