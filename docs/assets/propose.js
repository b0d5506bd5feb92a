/* "Propose a practice": turns the form on /propose/ into a practice file (front matter and
 * Markdown body) that `kb check` accepts. It runs only in the reader's browser and sends
 * nothing anywhere: the file leaves the computer only when the person presses "Download" or
 * follows "Open on GitHub".
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

  function today() {
    var now = new Date();
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function setUp(form) {
    var repoUrl = form.getAttribute("data-repo-url") || "";
    var branch = form.getAttribute("data-branch") || "main";
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
    var made = null;  // {slug, text} of the file last made
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
        statusMessage.textContent = "You changed the form after making the file: press “Make the file” again.";
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
      heading.textContent = errors.length === 1 ? "1 problem to fix before the file can be made:"
        : errors.length + " problems to fix before the file can be made:";
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

    function yearValue(control, errors, what) {
      var text = line(control.value);
      if (!text) return null;
      if (!YEAR.test(text)) { errors.push({ target: control, message: "write the " + what + " as a year such as 2018" }); return null; }
      var year = Number(text);
      if (year < YEAR_MIN || year > YEAR_MAX) {
        errors.push({ target: control, message: "a year between " + YEAR_MIN + " and " + YEAR_MAX });
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
      if (element) return "raw HTML <" + element[1].toLowerCase() + "> is not allowed: write plain Markdown";
      if (EVENT_HANDLER.test(plain)) return "HTML event handlers (on…=) are not allowed: write plain Markdown";
      if (BAD_ADDRESS.test(plain)) return "javascript: and data: addresses are not allowed";
      return null;
    }

    function collect() {
      var errors = [];
      var data = {};
      var text;

      // The practice
      data.title = line(title.value);
      if (!data.title) errors.push({ target: title, message: "required: give the practice its name" });
      else if (chars(data.title) < 5) errors.push({ target: title, message: "too short (at least 5 characters)" });
      else if (chars(data.title) > 150) errors.push({ target: title, message: "too long (at most 150 characters)" });

      data.slug = line(slug.value);
      if (!data.slug) errors.push({ target: slug, message: "required: the file name, e.g. koper-coordination-body" });
      else if (!SLUG.test(data.slug)) errors.push({ target: slug, message: "use lowercase letters, digits and single hyphens, e.g. koper-coordination-body" });
      else if (taken.indexOf(data.slug) !== -1) errors.push({ target: slug, message: "practices/" + data.slug + ".md already exists: choose another name" });

      var summary = $(form, "#kb-summary");
      data.summary = line(summary.value);
      if (!data.summary) errors.push({ target: summary, message: "required: one paragraph about the practice" });
      else if (chars(data.summary) < 40) errors.push({ target: summary, message: "too short (at least 40 characters): say a little more" });
      else if (chars(data.summary) > 800) errors.push({ target: summary, message: "too long (at most 800 characters): details belong in the story" });

      data.language = $(form, "#kb-language").value;

      // Where
      var countryBox = $(form, "#kb-countries");
      var other = $(form, "#kb-other-countries");
      var countries = checked("countries");
      line(other.value).split(/[\s,;]+/).filter(Boolean).forEach(function (code) {
        var upper = code.toUpperCase();
        if (!COUNTRY.test(upper) || COUNTRY_CODES.indexOf(upper) === -1) {
          errors.push({ target: other, message: "‘" + code + "’ is not an ISO 3166-1 two-letter country code (e.g. EE for Estonia)" });
        } else if (countries.indexOf(upper) === -1) {
          countries.push(upper);
        }
      });
      data.countries = countries;
      if (!countries.length && !errors.some(function (e) { return e.target === other; })) {
        errors.push({ target: countryBox, message: "required: tick at least one country or type its code" });
      }

      var place = $(form, "#kb-place");
      data.place = line(place.value);
      if (data.place && chars(data.place) < 2) errors.push({ target: place, message: "too short (at least 2 characters)" });
      if (chars(data.place) > 120) errors.push({ target: place, message: "too long (at most 120 characters)" });

      var level = $(form, "#kb-level");
      data.level = level.value;
      if (!data.level) errors.push({ target: level, message: "required: choose the level of government it works at" });

      var latitude = $(form, "#kb-latitude"), longitude = $(form, "#kb-longitude");
      var latText = line(latitude.value), lonText = line(longitude.value);
      if (latText || lonText) {
        var lat = numberValue(latText, 6), lon = numberValue(lonText, 6);
        if (!latText) errors.push({ target: latitude, message: "give the latitude too, or neither" });
        else if (!isFinite(lat) || lat < -90 || lat > 90) errors.push({ target: latitude, message: "a number between -90 and 90 with at most six decimals, e.g. 46.166" });
        if (!lonText) errors.push({ target: longitude, message: "give the longitude too, or neither" });
        else if (!isFinite(lon) || lon < -180 || lon > 180) errors.push({ target: longitude, message: "a number between -180 and 180 with at most six decimals, e.g. 14.306" });
        data.coordinates = [lat, lon];
      }

      // When
      var start = $(form, "#kb-start");
      data.start = yearValue(start, errors, "start");
      data.end = ongoing.checked ? "ongoing" : yearValue(end, errors, "end");
      if (typeof data.start === "number" && typeof data.end === "number" && data.end < data.start) {
        errors.push({ target: end, message: data.end + " is before the start year " + data.start });
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
        if (!/^[1-9]\d{0,11}$/.test(reachedText)) errors.push({ target: reachedNumber, message: "a whole number of people, e.g. 120" });
        var reachedIn = yearValue(reachedYear, errors, "year");
        if (reachedIn !== null) reached.year = reachedIn;
        if (!counted) errors.push({ target: reachedCounted, message: "say what was counted, e.g. participants in the courses" });
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
        if (!isFinite(amount) || amount <= 0) errors.push({ target: budgetAmount, message: "an amount greater than 0, e.g. 85000 or 8 442,50" });
        if (!/^[A-Z]{3}$/.test(currencyText)) errors.push({ target: budgetCurrency, message: "a three-letter ISO code, e.g. EUR or NOK" });
        if (!covers) errors.push({ target: budgetCovers, message: "say what the amount covers" });
        data.budget = { amount: amount, currency: currencyText };
        if (period) data.budget.period = period;
        data.budget.covers = covers;
      }
      var evaluationKind = $(form, "#kb-evaluation-kind"), evaluationTitle = $(form, "#kb-evaluation-title");
      var evaluationUrl = $(form, "#kb-evaluation-url"), evaluationYear = $(form, "#kb-evaluation-year");
      var evaluationName = line(evaluationTitle.value), evaluationAddress = line(evaluationUrl.value);
      data.evaluation = null;
      if (evaluationKind.value || evaluationName || evaluationAddress || line(evaluationYear.value)) {
        if (!evaluationKind.value) errors.push({ target: evaluationKind, message: "choose the kind of evaluation" });
        if (evaluationName.length < 3) errors.push({ target: evaluationTitle, message: "give the evaluation's title" });
        if (!/^https?:\/\/[^\s]+$/.test(evaluationAddress)) errors.push({ target: evaluationUrl, message: "the evaluation's full address, starting with https://" });
        data.evaluation = { kind: evaluationKind.value, title: evaluationName, url: evaluationAddress };
        var evaluatedIn = yearValue(evaluationYear, errors, "year");
        if (evaluatedIn !== null) data.evaluation.year = evaluatedIn;
      }

      // What and for whom
      data.themes = checked("themes");
      if (!data.themes.length) errors.push({ target: $(form, "#kb-themes"), message: "required: tick at least one theme" });
      data.target_groups = checked("target_groups");
      data.practice_type = checked("practice_type")[0] || "";
      if (!data.practice_type) errors.push({ target: $(form, "#kb-practice-type"), message: "required: choose what kind of practice it is" });

      // Who
      data.organisations = [];
      var seenOrganisations = {};
      rows("kb-organisations").forEach(function (item) {
        var id = item.values.id, role = item.values.role;
        if (!id.value && !role.value) return;
        if (!id.value) { errors.push({ target: id.control, message: "choose the organisation, or remove this row" }); return; }
        if (!role.value) { errors.push({ target: role.control, message: "choose its role" }); return; }
        var key = id.value + " " + role.value;
        if (seenOrganisations[key]) { errors.push({ target: id.control, message: "this organisation is listed twice with the same role" }); return; }
        seenOrganisations[key] = true;
        data.organisations.push({ id: id.value, role: role.value });
      });

      data.funding = [];
      var seenFunding = {};
      rows("kb-funding").forEach(function (item) {
        var v = item.values;
        var any = Object.keys(v).some(function (k) { return v[k].value; });
        if (!any) return;
        if (!v.funder.value) { errors.push({ target: v.funder.control, message: "choose the funder or programme, or remove this row" }); return; }
        var entry = { funder: v.funder.value };
        if (v.grant_id.value) entry.grant_id = v.grant_id.value;
        if (v.amount.value) {
          var amount = numberValue(v.amount.value, 2);
          if (!isFinite(amount) || amount <= 0) errors.push({ target: v.amount.control, message: "a number above 0 with at most two decimals and no currency, e.g. 8442 or 8442.50" });
          else entry.amount = amount;
        }
        if (v.currency.value) {
          var currency = v.currency.value.toUpperCase();
          if (!CURRENCY.test(currency)) errors.push({ target: v.currency.control, message: "a three-letter ISO 4217 code, e.g. EUR or NOK" });
          else entry.currency = currency;
        }
        if (v.note.value) entry.note = v.note.value;
        var key = JSON.stringify(entry);
        if (seenFunding[key]) { errors.push({ target: v.funder.control, message: "this funding is listed twice" }); return; }
        seenFunding[key] = true;
        data.funding.push(entry);
      });

      data.projects = checked("projects");

      data.contact = {};
      var contactOrganisation = $(form, "#kb-contact-organisation").value;
      var contactUrl = $(form, "#kb-contact-url"), contactEmail = $(form, "#kb-contact-email");
      if (contactOrganisation) data.contact.organisation = contactOrganisation;
      text = line(contactUrl.value);
      if (text) {
        if (!ADDRESS.test(text)) errors.push({ target: contactUrl, message: "write the full address, starting with https://, with no spaces" });
        else data.contact.url = text;
      }
      text = line(contactEmail.value);
      if (text) {
        if (!EMAIL.test(text)) errors.push({ target: contactEmail, message: "an address such as info@example.org" });
        else data.contact.email = text;
      }

      // Evidence and sources
      data.evidence = checked("evidence")[0] || "";
      if (!data.evidence) errors.push({ target: $(form, "#kb-evidence"), message: "required: choose the highest level your sources support" });

      data.sources = [];
      var seenSources = {};
      rows("kb-sources").forEach(function (item) {
        var v = item.values;
        var any = Object.keys(v).some(function (k) { return v[k].value; });
        if (!any) return;
        var entry = {}, ok = true;
        if (!v.title.value) { errors.push({ target: v.title.control, message: "required: the title of the document or page" }); ok = false; }
        else if (chars(v.title.value) < 3) { errors.push({ target: v.title.control, message: "too short (at least 3 characters)" }); ok = false; }
        else entry.title = v.title.value;
        if (v.publisher.value) entry.publisher = v.publisher.value;
        if (!v.url.value) { errors.push({ target: v.url.control, message: "required: the full address, starting with https://" }); ok = false; }
        else if (!ADDRESS.test(v.url.value)) { errors.push({ target: v.url.control, message: "write the full address, starting with https://, with no spaces" }); ok = false; }
        else entry.url = v.url.value;
        if (v.date.value) {
          if (!LOOSE_DATE.test(v.date.value)) { errors.push({ target: v.date.control, message: "write the date as YYYY, YYYY-MM or YYYY-MM-DD" }); ok = false; }
          else entry.date = v.date.value;
        }
        if (!ok) return;
        var key = JSON.stringify(entry);
        if (seenSources[key]) { errors.push({ target: v.title.control, message: "this source is listed twice" }); return; }
        seenSources[key] = true;
        data.sources.push(entry);
      });
      if (!data.sources.length && !errors.some(function (e) { return e.target.closest && e.target.closest("#kb-sources"); })) {
        errors.push({ target: $(form, "#kb-sources"), message: "required: add at least one source with its title and address" });
      }

      data.status = checked("status")[0] || "";
      if (!data.status) errors.push({ target: $(form, "#kb-status"), message: "required: choose active, ended or archived" });

      // The story
      data.sections = [];
      $$(form, "#kb-body textarea[data-heading]").forEach(function (area) {
        var body = clean(area.value).replace(/[ \t]+$/gm, "").replace(/^\n+|\s+$/g, "");
        if (!body) return;
        var problem = bodyProblems(body);
        if (problem) errors.push({ target: area, message: problem });
        data.sections.push({ heading: area.getAttribute("data-heading"), text: body });
      });
      if (!data.sections.length) errors.push({ target: $(form, "#kb-body"), message: "required: write at least one section" });

      data.last_verified = today();
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
      out.push("last_verified: " + quote(data.last_verified));
      out.push("status: " + quote(data.status));
      var contactKeys = ["organisation", "url", "email"].filter(function (key) { return key in data.contact; });
      if (contactKeys.length) {
        out.push("contact:");
        contactKeys.forEach(function (key) { out.push("  " + key + ": " + quote(data.contact[key])); });
      }
      if (data.language && data.language !== "en") out.push("language: " + quote(data.language));
      out.push("---");
      data.sections.forEach(function (section) {
        out.push("", "## " + section.heading, "", section.text);
      });
      return out.join("\n") + "\n";
    }

    function gitHubAddress(name, text) {
      return repoUrl + "/new/" + encodeURIComponent(branch) + "/practices?filename=" + encodeURIComponent(name) +
        "&value=" + encodeURIComponent(text);
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
      download.textContent = "Download " + name;
      if (repoUrl) {
        github.href = gitHubAddress(name, text);
        github.hidden = false;
      } else {
        github.hidden = true;
      }
      output.hidden = false;
      statusMessage.textContent = "The file " + name + " is ready below: download it or open it on GitHub.";
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
