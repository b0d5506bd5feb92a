/* "Propose a practice": turns the form on /propose/ into a practice file (front matter and
 * Markdown body) that `kb check` accepts. It runs only in the reader's browser and sends
 * nothing anywhere: the file leaves the computer only when the person presses "Download",
 * "Send by e-mail" (a mailto: link to the maintainers, the file in the message when it fits) or
 * "Propose on GitHub" (the repository's issue form, the file filled in when it fits the address).
 * Its texts are in the page's language: the form's data-kb-messages (propose.msg.* of
 * translations/<lang>.yml), read with messages.js.
 *
 * The checks mirror hooks/practicekb/schema.py and validate.py (required fields, lengths,
 * year ranges, address and date patterns, slug pattern, unique slugs, non-empty body).
 * Every string in the front matter is written as a JSON string, which YAML reads unchanged.
 *
 * Material's instant navigation re-runs this script whenever the page is shown again, so it
 * sets up only a form it has not set up yet. No inline handlers: everything is bound here.
 */
(function () {
  "use strict";

  // ISO 3166-1 alpha-2 codes, as pycountry lists them (tests/test_propose_form.py keeps them in step).
  var COUNTRY_CODES = (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO " +
    "FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE " +
    "JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO " +
    "MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW " +
    "PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM " +
    "TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW").split(" ");

  // The patterns of hooks/practicekb/schema.py.
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var ADDRESS = /^https?:\/\/[^\s\/?#]+\.[^\s\/?#]+(?:[\/?#]\S*)?$/;
  var LOOSE_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
  var EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
  var CURRENCY = /^[A-Z]{3}$/;
  var COUNTRY = /^[A-Z]{2}$/;
  var YEAR = /^\d{4}$/;
  var YEAR_MIN = 1900, YEAR_MAX = 2100;

  // Raw HTML that `kb check` rejects in a practice body (hooks/practicekb/safety.py), checked
  // outside code blocks and code spans.
  var FORBIDDEN_HTML = /<\s*(script|style|iframe|frame|frameset|object|embed|applet|form|input|button|textarea|select|link|meta|base|svg|math|template)\b/i;
  var EVENT_HANDLER = /<[a-z][^>]*\son[a-z]+\s*=/i;
  var BAD_ADDRESS = /(?:\]\(\s*<?|\b(?:href|src)\s*=\s*["']?)\s*(?:javascript|data|vbscript|file):/i;
  var FENCE = /^( {0,3})(`{3,}|~{3,})[\s\S]*?^\1\2[`~]*[ \t]*$/gm;
  var CODE_SPAN = /(`+)(?!`)[\s\S]+?(?<!`)\1(?!`)/g;

  function $(form, selector) { return form.querySelector(selector); }
  function $$(form, selector) { return Array.prototype.slice.call(form.querySelectorAll(selector)); }
  function chars(text) { return Array.from(text).length; }  // code points, as the schema counts

  /* Text as typed, without what YAML cannot hold: control characters, lone surrogates,
   * Unicode line separators (YAML would fold them). */
  function clean(text) {
    return String(text)
      .replace(/\r\n?|[\u2028\u2029]/g, "\n")
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "")
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  }
  function line(text) { return clean(text).replace(/\s+/g, " ").trim(); }

  /* A YAML scalar for a string: a JSON string is a valid YAML double-quoted scalar. */
  function quote(text) {
    return JSON.stringify(text).replace(/[\ufeff\ufffe\uffff]/g, function (c) {
      return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    });
  }
  function list(values) { return "[" + values.map(quote).join(", ") + "]"; }

  function slugify(title) {
    var special = { "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i" };
    var text = title.toLowerCase().replace(/[øæœßđðþłı]/g, function (c) { return special[c]; });
    text = text.normalize("NFKD").replace(/\p{M}+/gu, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (text.length > 80) text = text.slice(0, 80).replace(/-[^-]*$/, "");
    return text;
  }

  function setUp(form) {
    var taken = [];
    try { taken = JSON.parse(form.getAttribute("data-taken-slugs") || "[]"); } catch (e) { taken = []; }
    var errorBox = $(form, "#kb-errors");
    var statusMessage = $(form, "#kb-status-message");
    var output = $(form, "#kb-output");
    var outputText = $(form, "#kb-output-text");
    var outputName = $(form, "#kb-output-name");
    var download = $(form, "#kb-download");
    var github = $(form, "#kb-github");
    var title = $(form, "#kb-title");
    var slug = $(form, "#kb-slug");
    var end = $(form, "#kb-end");
    var ongoing = $(form, "#kb-ongoing");
    var made = null;  // {name, title, text} of the file last made
    var t = window.kbMessages(form);  // assets/messages.js
    var issueUrl = form.getAttribute("data-issue-url") || "";
    var email = form.getAttribute("data-email") || "";
    var mailLimit = Number(form.getAttribute("data-mail-limit") || 1800);
    var addressLimit = Number(form.getAttribute("data-address-limit") || 7000);
    var mailLink = $(form, "#kb-email");
    var sendNote = $(form, "#kb-send-note");
    var rowCounter = 0;

    // --- repeatable rows (organisations, funding, sources) ----------------------------------
    function renumber(group) {
      var name = group.getAttribute("data-row-name");
      $$(group, ".kb-row").forEach(function (row, index) {
        row.querySelector("legend").textContent = name + " " + (index + 1);
      });
    }

    function addRow(group, focus) {
      var template = document.getElementById(group.getAttribute("data-row-template"));
      var row = template.content.firstElementChild.cloneNode(true);
      var prefix = group.id + "-" + (++rowCounter);
      row.id = prefix;
      Array.prototype.forEach.call(row.querySelectorAll("[data-field]"), function (control) {
        control.id = prefix + "-" + control.getAttribute("data-field");
      });
      Array.prototype.forEach.call(row.querySelectorAll("label[data-for]"), function (label) {
        label.htmlFor = prefix + "-" + label.getAttribute("data-for");
      });
      row.querySelector(".kb-remove").addEventListener("click", function () {
        var minimum = Number(group.getAttribute("data-min-rows") || 0);
        var rows = $$(group, ".kb-row");
        if (rows.length <= minimum) {  // keep the last required row, emptied
          $$(row, "[data-field]").forEach(function (control) { control.value = ""; });
          row.querySelector("[data-field]").focus();
        } else {
          row.remove();
          renumber(group);
          group.querySelector(".kb-add").focus();
        }
        changed();
      });
      group.querySelector(".kb-row-list").appendChild(row);
      renumber(group);
      if (focus) row.querySelector("[data-field]").focus();
      return row;
    }

    $$(form, ".kb-rows").forEach(function (group) {
      group.querySelector(".kb-add").addEventListener("click", function () { addRow(group, true); changed(); });
      var minimum = Number(group.getAttribute("data-min-rows") || 0);
      for (var i = 0; i < minimum; i++) addRow(group, false);
    });

    function rows(groupId) {
      return $$(form, "#" + groupId + " .kb-row").map(function (row) {
        var values = {};
        $$(row, "[data-field]").forEach(function (control) {
          values[control.getAttribute("data-field")] = { control: control, value: line(control.value) };
        });
        return { row: row, values: values };
      });
    }

    // --- small helpers ---------------------------------------------------------------------
    title.addEventListener("input", function () {
      if (!slug.dataset.edited) slug.value = slugify(title.value);
    });
    slug.addEventListener("input", function () { slug.dataset.edited = slug.value ? "1" : ""; });
    function syncOngoing() {
      end.disabled = ongoing.checked;
      if (ongoing.checked) end.value = "";
    }
    ongoing.addEventListener("change", syncOngoing);
    syncOngoing();

    function changed() {
      if (made && !output.hidden) {
        output.hidden = true;
        made = null;
        statusMessage.textContent = t("propose.msg.changed");
      }
    }
    form.addEventListener("input", function (event) { if (event.target !== outputText) changed(); });
    form.addEventListener("change", function (event) { if (event.target !== outputText) changed(); });

    // --- errors ------------------------------------------------------------------------------
    function clearErrors() {
      $$(form, ".kb-error").forEach(function (el) { el.remove(); });
      $$(form, "[aria-invalid]").forEach(function (el) {
        el.removeAttribute("aria-invalid");
        var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
          return id && id.indexOf("-error") === -1;
        });
        if (described.length) el.setAttribute("aria-describedby", described.join(" "));
        else el.removeAttribute("aria-describedby");
      });
      errorBox.hidden = true;
      errorBox.textContent = "";
    }

    function showErrors(errors) {
      var counts = {};
      errors.forEach(function (error) {
        var target = error.target;
        var key = target.id;
        counts[key] = (counts[key] || 0) + 1;
        var message = document.createElement("p");
        message.className = "kb-error";
        message.id = key + "-error-" + counts[key];
        message.textContent = error.message;
        if (target.tagName === "FIELDSET") {
          var legend = target.querySelector("legend");
          legend.insertAdjacentElement("afterend", message);
        } else {
          var field = target.closest(".kb-field") || target.parentElement;
          field.appendChild(message);
        }
        target.setAttribute("aria-invalid", "true");
        var described = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        described.push(message.id);
        target.setAttribute("aria-describedby", described.join(" "));
      });
      var heading = document.createElement("p");
      heading.className = "kb-errors-heading";
      heading.textContent = t("propose.msg.problems", { count: errors.length });
      var listElement = document.createElement("ul");
      errors.forEach(function (error) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = "#" + error.target.id;
        link.textContent = error.label + ": " + error.message;
        link.addEventListener("click", function (event) {
          event.preventDefault();
          focusTarget(error.target);
        });
        item.appendChild(link);
        listElement.appendChild(item);
      });
      errorBox.appendChild(heading);
      errorBox.appendChild(listElement);
      errorBox.hidden = false;
      errorBox.focus();
    }

    function focusTarget(target) {
      var control = target.tagName === "FIELDSET" ? target.querySelector("input, select, textarea") : target;
      (control || target).focus();
      (control || target).scrollIntoView({ block: "center" });
    }

    function labelOf(control) {
      if (control.tagName === "FIELDSET") {
        return control.querySelector("legend").textContent.replace(/\s*\(.*$/, "");
      }
      var label = control.labels && control.labels[0] ? control.labels[0].textContent : control.name;
      var row = control.closest(".kb-row");
      label = label.replace(/\s*\(.*$/, "").replace(/:.*$/, "").replace(/,.*$/, "").trim();
      return row ? row.querySelector("legend").textContent + ", " + label.charAt(0).toLowerCase() + label.slice(1) : label;
    }

    // --- reading and checking the form ----------------------------------------------------------
    function checked(name) {
      return $$(form, "input[name='" + name + "']:checked").map(function (input) { return input.value; });
    }

    function yearValue(control, errors) {
      var text = line(control.value);
      if (!text) return null;
      if (!YEAR.test(text)) { errors.push({ target: control, message: t("propose.msg.year") }); return null; }
      var year = Number(text);
      if (year < YEAR_MIN || year > YEAR_MAX) {
        errors.push({ target: control, message: t("propose.msg.year_range", { min: String(YEAR_MIN), max: String(YEAR_MAX) }) });
        return null;
      }
      return year;
    }

    /* A decimal number as people type it ("46.166", "46,166", "-0.5"), or NaN. */
    function numberValue(text, decimals) {
      var normal = text.replace(/\s/g, "").replace(/,(?=\d+$)/, ".");
      var pattern = new RegExp("^[-+]?\\d{1,15}(\\.\\d{0," + decimals + "})?$");
      return pattern.test(normal) ? Number(normal) : NaN;
    }

    function bodyProblems(text) {
      var blank = function (match) { return match.replace(/[^\n]/g, " "); };
      var plain = text.replace(FENCE, blank).replace(CODE_SPAN, blank);
      var element = plain.match(FORBIDDEN_HTML);
      if (element) return t("propose.msg.raw_html", { element: "<" + element[1].toLowerCase() + ">" });
      if (EVENT_HANDLER.test(plain)) return t("propose.msg.handlers");
      if (BAD_ADDRESS.test(plain)) return t("propose.msg.bad_address");
      return null;
    }

    function collect() {
      var errors = [];
      var data = {};
      var text;

      // The practice
      data.title = line(title.value);
      if (!data.title) errors.push({ target: title, message: t("propose.msg.title_required") });
      else if (chars(data.title) < 5) errors.push({ target: title, message: t("propose.msg.too_short", { count: 5 }) });
      else if (chars(data.title) > 150) errors.push({ target: title, message: t("propose.msg.too_long", { count: 150 }) });

      data.slug = line(slug.value);
      if (!data.slug) errors.push({ target: slug, message: t("propose.msg.slug_required") });
      else if (!SLUG.test(data.slug)) errors.push({ target: slug, message: t("propose.msg.slug_pattern") });
      else if (taken.indexOf(data.slug) !== -1) errors.push({ target: slug, message: t("propose.msg.slug_taken", { slug: data.slug }) });

      var summary = $(form, "#kb-summary");
      data.summary = line(summary.value);
      if (!data.summary) errors.push({ target: summary, message: t("propose.msg.summary_required") });
      else if (chars(data.summary) < 40) errors.push({ target: summary, message: t("propose.msg.summary_short", { count: 40 }) });
      else if (chars(data.summary) > 800) errors.push({ target: summary, message: t("propose.msg.summary_long", { count: 800 }) });

      data.language = $(form, "#kb-language").value;

      // Where
      var countryBox = $(form, "#kb-countries");
      var other = $(form, "#kb-other-countries");
      var countries = checked("countries");
      line(other.value).split(/[\s,;]+/).filter(Boolean).forEach(function (code) {
        var upper = code.toUpperCase();
        if (!COUNTRY.test(upper) || COUNTRY_CODES.indexOf(upper) === -1) {
          errors.push({ target: other, message: t("propose.msg.country_code", { code: code }) });
        } else if (countries.indexOf(upper) === -1) {
          countries.push(upper);
        }
      });
      data.countries = countries;
      if (!countries.length && !errors.some(function (e) { return e.target === other; })) {
        errors.push({ target: countryBox, message: t("propose.msg.countries_required") });
      }

      var place = $(form, "#kb-place");
      data.place = line(place.value);
      if (data.place && chars(data.place) < 2) errors.push({ target: place, message: t("propose.msg.too_short", { count: 2 }) });
      if (chars(data.place) > 120) errors.push({ target: place, message: t("propose.msg.too_long", { count: 120 }) });

      var level = $(form, "#kb-level");
      data.level = level.value;
      if (!data.level) errors.push({ target: level, message: t("propose.msg.level_required") });

      var latitude = $(form, "#kb-latitude"), longitude = $(form, "#kb-longitude");
      var latText = line(latitude.value), lonText = line(longitude.value);
      if (latText || lonText) {
        var lat = numberValue(latText, 6), lon = numberValue(lonText, 6);
        if (!latText) errors.push({ target: latitude, message: t("propose.msg.latitude_missing") });
        else if (!isFinite(lat) || lat < -90 || lat > 90) errors.push({ target: latitude, message: t("propose.msg.latitude_range") });
        if (!lonText) errors.push({ target: longitude, message: t("propose.msg.longitude_missing") });
        else if (!isFinite(lon) || lon < -180 || lon > 180) errors.push({ target: longitude, message: t("propose.msg.longitude_range") });
        data.coordinates = [lat, lon];
      }

      // When
      var start = $(form, "#kb-start");
      data.start = yearValue(start, errors);
      data.end = ongoing.checked ? "ongoing" : yearValue(end, errors);
      if (typeof data.start === "number" && typeof data.end === "number" && data.end < data.start) {
        errors.push({ target: end, message: t("propose.msg.end_before", { end: String(data.end), start: String(data.start) }) });
      }
      var mainstreamed = $(form, "#kb-mainstreamed").value;
      data.mainstreamed = mainstreamed === "" ? null : mainstreamed === "true";

      // Results and resources (optional; each group is all or nothing)
      var reachedNumber = $(form, "#kb-reached-number"), reachedCounted = $(form, "#kb-reached-counted");
      var reachedYear = $(form, "#kb-reached-year");
      var reachedText = line(reachedNumber.value).replace(/[\s,.]/g, "");
      var counted = line(reachedCounted.value);
      data.people_reached = null;
      if (reachedText || counted || line(reachedYear.value)) {
        var reached = { number: Number(reachedText) };
        if (!/^[1-9]\d{0,11}$/.test(reachedText)) errors.push({ target: reachedNumber, message: t("propose.msg.reached_number") });
        var reachedIn = yearValue(reachedYear, errors);
        if (reachedIn !== null) reached.year = reachedIn;
        if (!counted) errors.push({ target: reachedCounted, message: t("propose.msg.reached_counted") });
        reached.counted = counted;
        data.people_reached = reached;
      }
      data.staff = line($(form, "#kb-staff").value);
      var budgetAmount = $(form, "#kb-budget-amount"), budgetCurrency = $(form, "#kb-budget-currency");
      var budgetCovers = $(form, "#kb-budget-covers");
      var amountText = line(budgetAmount.value), currencyText = line(budgetCurrency.value).toUpperCase();
      var period = line($(form, "#kb-budget-period").value), covers = line(budgetCovers.value);
      data.budget = null;
      if (amountText || currencyText || period || covers) {
        var amount = numberValue(amountText, 2);
        if (!isFinite(amount) || amount <= 0) errors.push({ target: budgetAmount, message: t("propose.msg.budget_amount") });
        if (!/^[A-Z]{3}$/.test(currencyText)) errors.push({ target: budgetCurrency, message: t("propose.msg.currency") });
        if (!covers) errors.push({ target: budgetCovers, message: t("propose.msg.budget_covers") });
        data.budget = { amount: amount, currency: currencyText };
        if (period) data.budget.period = period;
        data.budget.covers = covers;
      }
      var evaluationKind = $(form, "#kb-evaluation-kind"), evaluationTitle = $(form, "#kb-evaluation-title");
      var evaluationUrl = $(form, "#kb-evaluation-url"), evaluationYear = $(form, "#kb-evaluation-year");
      var evaluationName = line(evaluationTitle.value), evaluationAddress = line(evaluationUrl.value);
      data.evaluation = null;
      if (evaluationKind.value || evaluationName || evaluationAddress || line(evaluationYear.value)) {
        if (!evaluationKind.value) errors.push({ target: evaluationKind, message: t("propose.msg.evaluation_kind") });
        if (evaluationName.length < 3) errors.push({ target: evaluationTitle, message: t("propose.msg.evaluation_title") });
        if (!/^https?:\/\/[^\s]+$/.test(evaluationAddress)) errors.push({ target: evaluationUrl, message: t("propose.msg.evaluation_url") });
        data.evaluation = { kind: evaluationKind.value, title: evaluationName, url: evaluationAddress };
        var evaluatedIn = yearValue(evaluationYear, errors);
        if (evaluatedIn !== null) data.evaluation.year = evaluatedIn;
      }

      // What and for whom
      data.themes = checked("themes");
      if (!data.themes.length) errors.push({ target: $(form, "#kb-themes"), message: t("propose.msg.themes_required") });
      data.target_groups = checked("target_groups");
      data.practice_type = checked("practice_type")[0] || "";
      if (!data.practice_type) errors.push({ target: $(form, "#kb-practice-type"), message: t("propose.msg.practice_type_required") });

      // Who
      data.organisations = [];
      var seenOrganisations = {};
      rows("kb-organisations").forEach(function (item) {
        var id = item.values.id, role = item.values.role;
        if (!id.value && !role.value) return;
        if (!id.value) { errors.push({ target: id.control, message: t("propose.msg.organisation_missing") }); return; }
        if (!role.value) { errors.push({ target: role.control, message: t("propose.msg.role_missing") }); return; }
        var key = id.value + " " + role.value;
        if (seenOrganisations[key]) { errors.push({ target: id.control, message: t("propose.msg.organisation_twice") }); return; }
        seenOrganisations[key] = true;
        data.organisations.push({ id: id.value, role: role.value });
      });

      data.funding = [];
      var seenFunding = {};
      rows("kb-funding").forEach(function (item) {
        var v = item.values;
        var any = Object.keys(v).some(function (k) { return v[k].value; });
        if (!any) return;
        if (!v.funder.value) { errors.push({ target: v.funder.control, message: t("propose.msg.funder_missing") }); return; }
        var entry = { funder: v.funder.value };
        if (v.grant_id.value) entry.grant_id = v.grant_id.value;
        if (v.amount.value) {
          var amount = numberValue(v.amount.value, 2);
          if (!isFinite(amount) || amount <= 0) errors.push({ target: v.amount.control, message: t("propose.msg.amount") });
          else entry.amount = amount;
        }
        if (v.currency.value) {
          var currency = v.currency.value.toUpperCase();
          if (!CURRENCY.test(currency)) errors.push({ target: v.currency.control, message: t("propose.msg.currency") });
          else entry.currency = currency;
        }
        if (v.note.value) entry.note = v.note.value;
        var key = JSON.stringify(entry);
        if (seenFunding[key]) { errors.push({ target: v.funder.control, message: t("propose.msg.funding_twice") }); return; }
        seenFunding[key] = true;
        data.funding.push(entry);
      });

      // Organisations the site does not know yet: the file carries their vocabulary entries
      // (new_organisations), which the maintainers move to vocabularies/organisations.yml.
      data.new_organisations = [];
      var known = $$(form, "#kb-contact-organisation option").map(function (option) { return option.value; });
      rows("kb-new-organisations").forEach(function (item) {
        var v = item.values;
        var any = Object.keys(v).some(function (k) { return v[k].value; });
        if (!any) return;
        var ok = true;
        if (chars(v.name.value) < 2) { errors.push({ target: v.name.control, message: t("propose.msg.new_name_required") }); ok = false; }
        if (!v.type.value) { errors.push({ target: v.type.control, message: t("propose.msg.new_type_required") }); ok = false; }
        if (!v.country.value) { errors.push({ target: v.country.control, message: t("propose.msg.new_country_required") }); ok = false; }
        if (v.url.value && !ADDRESS.test(v.url.value)) { errors.push({ target: v.url.control, message: t("propose.msg.address") }); ok = false; }
        if (chars(v.description.value) < 10) { errors.push({ target: v.description.control, message: t("propose.msg.new_description_required") }); ok = false; }
        if (!v.role.value) { errors.push({ target: v.role.control, message: t("propose.msg.role_missing") }); ok = false; }
        var id = slugify(v.name.value);
        if (ok && known.indexOf(id) !== -1) { errors.push({ target: v.name.control, message: t("propose.msg.new_known", { name: v.name.value }) }); ok = false; }
        if (!ok) return;
        var entry = { id: id, type: v.type.value, country: v.country.value, label: v.name.value, description: v.description.value };
        if (v.url.value) entry.url = v.url.value;
        data.new_organisations.push(entry);
        if (!seenOrganisations[id + " " + v.role.value]) data.organisations.push({ id: id, role: v.role.value });
        seenOrganisations[id + " " + v.role.value] = true;
      });

      data.projects = checked("projects");

      data.contact = {};
      var contactOrganisation = $(form, "#kb-contact-organisation").value;
      var contactUrl = $(form, "#kb-contact-url"), contactEmail = $(form, "#kb-contact-email");
      if (contactOrganisation) data.contact.organisation = contactOrganisation;
      text = line(contactUrl.value);
      if (text) {
        if (!ADDRESS.test(text)) errors.push({ target: contactUrl, message: t("propose.msg.address") });
        else data.contact.url = text;
      }
      text = line(contactEmail.value);
      if (text) {
        if (!EMAIL.test(text)) errors.push({ target: contactEmail, message: t("propose.msg.email") });
        else data.contact.email = text;
      }

      // Evidence and sources
      data.evidence = checked("evidence")[0] || "";
      if (!data.evidence) errors.push({ target: $(form, "#kb-evidence"), message: t("propose.msg.evidence_required") });

      data.sources = [];
      var seenSources = {};
      rows("kb-sources").forEach(function (item) {
        var v = item.values;
        var any = Object.keys(v).some(function (k) { return v[k].value; });
        if (!any) return;
        var entry = {}, ok = true;
        if (!v.title.value) { errors.push({ target: v.title.control, message: t("propose.msg.source_title_required") }); ok = false; }
        else if (chars(v.title.value) < 3) { errors.push({ target: v.title.control, message: t("propose.msg.too_short", { count: 3 }) }); ok = false; }
        else entry.title = v.title.value;
        if (v.publisher.value) entry.publisher = v.publisher.value;
        if (!v.url.value) { errors.push({ target: v.url.control, message: t("propose.msg.source_url_required") }); ok = false; }
        else if (!ADDRESS.test(v.url.value)) { errors.push({ target: v.url.control, message: t("propose.msg.address") }); ok = false; }
        else entry.url = v.url.value;
        if (v.date.value) {
          if (!LOOSE_DATE.test(v.date.value)) { errors.push({ target: v.date.control, message: t("propose.msg.source_date") }); ok = false; }
          else entry.date = v.date.value;
        }
        if (!ok) return;
        var key = JSON.stringify(entry);
        if (seenSources[key]) { errors.push({ target: v.title.control, message: t("propose.msg.source_twice") }); return; }
        seenSources[key] = true;
        data.sources.push(entry);
      });
      if (!data.sources.length && !errors.some(function (e) { return e.target.closest && e.target.closest("#kb-sources"); })) {
        errors.push({ target: $(form, "#kb-sources"), message: t("propose.msg.sources_required") });
      }

      data.status = checked("status")[0] || "";
      if (!data.status) errors.push({ target: $(form, "#kb-status"), message: t("propose.msg.status_required") });

      // The story
      data.sections = [];
      $$(form, "#kb-body textarea[data-heading]").forEach(function (area) {
        var body = clean(area.value).replace(/[ \t]+$/gm, "").replace(/^\n+|\s+$/g, "");
        if (!body) return;
        var problem = bodyProblems(body);
        if (problem) errors.push({ target: area, message: problem });
        data.sections.push({ heading: area.getAttribute("data-heading"), text: body });
      });
      if (!data.sections.length) errors.push({ target: $(form, "#kb-body"), message: t("propose.msg.section_required") });

      // No last_verified: that date says a maintainer checked the facts, which only the review does.
      errors.forEach(function (error) { error.label = labelOf(error.target); });
      return { data: data, errors: errors };
    }

    // --- writing the file ------------------------------------------------------------------
    function practiceFile(data) {
      var out = ["---"];
      out.push("title: " + quote(data.title));
      out.push("summary: " + quote(data.summary));
      out.push("countries: " + list(data.countries));
      if (data.place) out.push("place: " + quote(data.place));
      out.push("level: " + quote(data.level));
      if (data.coordinates) out.push("coordinates: [" + data.coordinates.map(String).join(", ") + "]");
      if (data.start !== null) out.push("start: " + data.start);
      if (data.end !== null) out.push("end: " + (data.end === "ongoing" ? quote("ongoing") : data.end));
      if (data.mainstreamed !== null) out.push("mainstreamed: " + data.mainstreamed);
      out.push("themes: " + list(data.themes));
      if (data.target_groups.length) out.push("target_groups: " + list(data.target_groups));
      out.push("practice_type: " + quote(data.practice_type));
      if (data.funding.length) {
        out.push("funding:");
        data.funding.forEach(function (entry) {
          var first = true;
          ["funder", "grant_id", "amount", "currency", "note"].forEach(function (key) {
            if (!(key in entry)) return;
            var value = key === "amount" ? String(entry[key]) : quote(entry[key]);
            out.push((first ? "  - " : "    ") + key + ": " + value);
            first = false;
          });
        });
      }
      if (data.organisations.length) {
        out.push("organisations:");
        data.organisations.forEach(function (entry) {
          out.push("  - id: " + quote(entry.id));
          out.push("    role: " + quote(entry.role));
        });
      }
      if (data.projects.length) out.push("projects: " + list(data.projects));
      out.push("evidence: " + quote(data.evidence));
      [["people_reached", data.people_reached], ["budget", data.budget], ["evaluations", data.evaluation]].forEach(function (pair) {
        if (!pair[1]) return;
        out.push(pair[0] + ":");
        Object.keys(pair[1]).forEach(function (key, index) {
          var value = typeof pair[1][key] === "number" ? String(pair[1][key]) : quote(pair[1][key]);
          out.push((index === 0 ? "  - " : "    ") + key + ": " + value);
        });
      });
      if (data.staff) out.push("staff: " + quote(data.staff));
      out.push("sources:");
      data.sources.forEach(function (entry) {
        var first = true;
        ["title", "publisher", "url", "date"].forEach(function (key) {
          if (!(key in entry)) return;
          out.push((first ? "  - " : "    ") + key + ": " + quote(entry[key]));
          first = false;
        });
      });
      out.push("status: " + quote(data.status));
      var contactKeys = ["organisation", "url", "email"].filter(function (key) { return key in data.contact; });
      if (contactKeys.length) {
        out.push("contact:");
        contactKeys.forEach(function (key) { out.push("  " + key + ": " + quote(data.contact[key])); });
      }
      if (data.language && data.language !== "en") out.push("language: " + quote(data.language));
      if (data.new_organisations.length) {
        out.push("new_organisations:");
        data.new_organisations.forEach(function (entry) {
          out.push("  - id: " + quote(entry.id), "    type: " + quote(entry.type), "    country: " + quote(entry.country),
                   "    label: {en: " + quote(entry.label) + "}", "    description: {en: " + quote(entry.description) + "}");
          if (entry.url) out.push("    url: " + quote(entry.url));
        });
      }
      out.push("---");
      data.sections.forEach(function (section) {
        out.push("", "## " + section.heading, "", section.text);
      });
      return out.join("\n") + "\n";
    }

    /* The issue form (.github/ISSUE_TEMPLATE/propose-practice.yml) with the file under "Practice file",
     * or, when the address would be longer than GitHub answers, a short text asking for the file. */
    function issueAddress(name, title, text) {
      var start = issueUrl + "&title=" + encodeURIComponent("Practice: " + title) + "&slug=" + encodeURIComponent(name.replace(/\.md$/, ""));
      var full = start + "&practice=" + encodeURIComponent(text);
      if (full.length <= addressLimit) return { address: full, whole: true };
      return { address: start + "&practice=" + encodeURIComponent(t("propose.msg.issue_paste", { name: name })), whole: false };
    }

    /* A mail to the maintainers with the file in the message, when the link stays within what mail
     * programs take (mailLimit); else a short message asking to attach the downloaded file. */
    function mailAddress(name, title, text) {
      var subject = "?subject=" + encodeURIComponent(t("propose.msg.mail_subject", { title: title }));
      var full = "mailto:" + encodeURIComponent(email).replace(/%40/g, "@") + subject + "&body=" +
        encodeURIComponent(t("propose.msg.mail_body", { name: name }) + "\n\n" + text);
      if (full.length <= mailLimit) return { address: full, whole: true };
      return { address: "mailto:" + encodeURIComponent(email).replace(/%40/g, "@") + subject + "&body=" +
        encodeURIComponent(t("propose.msg.mail_attach", { title: title, name: name })), whole: false };
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors();
      var result = collect();
      if (result.errors.length) {
        made = null;
        output.hidden = true;
        outputText.value = "";
        statusMessage.textContent = "";
        showErrors(result.errors);
        return;
      }
      var text = practiceFile(result.data);
      var name = result.data.slug + ".md";
      made = { name: name, text: text };
      outputText.value = text;
      outputName.textContent = "practices/" + name;
      download.textContent = t("propose.msg.download", { name: name });
      var notes = [];
      if (mailLink) {
        var mail = mailAddress(name, result.data.title, text);
        mailLink.href = mail.address;
        if (!mail.whole) notes.push(t("propose.msg.mail_too_long"));
      }
      if (github) {
        var issue = issueAddress(name, result.data.title, text);
        github.href = issue.address;
        if (!issue.whole) notes.push(t("propose.msg.issue_too_long"));
      }
      sendNote.textContent = notes.join(" ");
      output.hidden = false;
      statusMessage.textContent = t("propose.msg.ready", { name: name });
      outputText.focus();
    });

    download.addEventListener("click", function () {
      if (!made) return;
      var blob = new Blob([made.text], { type: "text/markdown;charset=utf-8" });
      var address = window.URL.createObjectURL(blob);
      var link = document.createElement("a");
      link.href = address;
      link.download = made.name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { window.URL.revokeObjectURL(address); }, 10000);
    });

    form.hidden = false;
    var note = document.querySelector(".kb-propose-nojs");
    if (note) note.hidden = true;
  }

  function start() {
    var form = document.getElementById("kb-propose");
    if (!form || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    setUp(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
