/* Interface texts in the page's language, for the site's scripts (explore.js, search.js).
 *
 * kbMessages(element) reads the messages the build wrote into the element's data-kb-messages
 * (from translations/<language>.yml) and returns t(id, values): the message with {name} filled
 * in from `values` (numbers written the language's way); a plural message picks its form by
 * values.count, as catalogue.py does. Loaded before each script that uses it; defined once even
 * when instant navigation runs it again.
 */
(function () {
  "use strict";
  if (window.kbMessages) { return; }

  window.kbMessages = function (element) {
    var language = document.documentElement.lang || "en";
    var messages = {};
    try { messages = JSON.parse(element.getAttribute("data-kb-messages")) || {}; } catch (error) { messages = {}; }
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
