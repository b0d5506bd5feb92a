"""Interface strings of the site's own templates and scripts, one catalogue per language.

translations/<code>.yml has two sections:

- `messages`: message id -> text, e.g. `fact.country: Country`. A text may name values in
  braces (`{count}`); a text that depends on a number is a mapping by CLDR plural category
  (`one`, `few`, `many`, `other` …, exactly the categories of the language).
- `mkdocs` (every language but the default): the texts of mkdocs.yml itself (site name,
  description, copyright, palette toggles, navigation titles), keyed by their English text.

translations/en.yml is the reference: every other catalogue has exactly its ids, with the
same values in braces. Material's own interface strings come from Material's language files, except
where a message `material.<key>` replaces Material's word `<key>` (adapter/themewords.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from ..core.languages import language_name, plural_categories, plural_category, whole_number
from ..source.translation_files import CATALOGUE_FOLDER
from ..core.problems import Problem, did_you_mean
from .textchecks import value_problems as text_problems
from ..source.yamlsource import YamlDocument

FOLDER = CATALOGUE_FOLDER
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
Message = str | dict[str, str]


@dataclass
class Catalogue:
    language: str
    messages: dict[str, Message]
    config_texts: dict[str, str] = field(default_factory=dict)
    # Messages without values, as made once (a practice page asks for a dozen, every language's
    # build for every practice): (message id, count) -> HTML.
    _plain: dict[tuple[str, int | None], Markup] = field(default_factory=dict, init=False, repr=False, compare=False)

    def t(self, message_id: str, count: int | None = None, **values: Any) -> Markup:
        """The message as HTML, for templates: its text escaped, and each value escaped too unless it
        is markup already (Markup, or `|e` and `|safe` in a template)."""
        if values:
            return Markup(self.text(message_id, count, _escape=True, **values))
        html = self._plain.get((message_id, count))
        if html is None:
            html = self._plain[message_id, count] = Markup(self.text(message_id, count, _escape=True))
        return html

    def text(self, message_id: str, count: int | None = None, _escape: bool = False, **values: Any) -> str:
        """The message in this language as plain text, with its values filled in; `count` picks the
        plural form."""
        message = self.messages[message_id]
        if isinstance(message, dict):
            category = plural_category(self.language, count if count is not None else 0)
            message = message.get(category) or message["other"]
        if count is not None:
            values.setdefault("count", count)
        values = {key: whole_number(value, self.language)
                  if isinstance(value, int) and not isinstance(value, bool) else value
                  for key, value in values.items()}
        if _escape:
            message, values = escape(message), {key: escape(value) for key, value in values.items()}
        return fill(message, values) if values else str(message)

    def config_text(self, english: str) -> str:
        """A text of mkdocs.yml in this language (the English text itself in the default language)."""
        return self.config_texts.get(english, english)

    def for_script(self, *prefixes: str) -> dict[str, Message]:
        """The messages a script needs (ids starting with one of `prefixes`), to hand over as JSON."""
        return {key: value for key, value in self.messages.items() if key.startswith(prefixes)}


def fill(text: str, values: dict[str, Any]) -> str:
    """Replace {name} with its value; the browser scripts do the same with the same pattern."""
    return PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], text)


def config_texts(config: dict[str, Any]) -> list[str]:
    """The texts of mkdocs.yml that readers see: what each non-default catalogue translates under `mkdocs`."""
    texts = [config.get(key) for key in ("site_name", "site_description", "copyright")]
    theme = config.get("theme") or {}
    palette = theme.get("palette") if hasattr(theme, "get") else None
    for scheme in palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        texts.append(toggle.get("name") if isinstance(toggle, dict) else None)

    def titles(items: Any) -> Iterable[str]:
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                for title, value in item.items():
                    yield title
                    yield from titles(value)

    texts += list(titles(config.get("nav")))
    return list(dict.fromkeys(" ".join(t.split()) for t in texts if isinstance(t, str) and t.strip()))


def check_catalogues(files: dict[str, tuple[YamlDocument | None, list[Problem]]], languages: tuple[str, ...],
                     config: dict[str, Any]) -> tuple[dict[str, Catalogue], list[Problem]]:
    """Every language's catalogue (as read), checked against English; problems for everything missing or wrong."""
    reference_document, problems = files["en"]
    problems = list(problems)
    reference = section(reference_document, "messages")
    if reference_document is not None:
        problems += value_problems(reference_document, "en", {}, f"{FOLDER}/en.yml")
        problems += text_problems(reference_document, f"{FOLDER}/en.yml", no_markup=True)
    catalogues = {"en": Catalogue("en", reference)}
    wanted_texts = config_texts(config)
    for code in languages:
        if code == "en":
            continue
        shown = f"{FOLDER}/{code}.yml"
        document, found = files[code]
        if document is None and [problem.message for problem in found] == ["is missing"]:
            found = [Problem(shown, 1, "file", "is missing",
                             f"copy {FOLDER}/en.yml to {shown} and translate every message into "
                             f"{language_name(code, 'en')}; add a section 'mkdocs:' for the texts of mkdocs.yml")]
        problems += found
        if document is None:
            continue
        problems += value_problems(document, code, reference, shown)
        problems += text_problems(document, shown, no_markup=True)
        problems += config_problems(document, wanted_texts, code, shown)
        messages = {**reference, **{k: v for k, v in section(document, "messages").items() if k in reference}}
        catalogues[code] = Catalogue(code, messages, {k: v for k, v in section(document, "mkdocs").items()
                                                      if isinstance(v, str)})
    if "en" not in languages:  # the reference language is not published: keep only what is
        catalogues.pop("en")
    return catalogues, problems


def section(document: YamlDocument | None, key: str) -> dict[str, Any]:
    data = document.data if document is not None else None
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def placeholders(message: Any) -> set[str]:
    texts = message.values() if isinstance(message, dict) else [message]
    return {name for text in texts if isinstance(text, str) for name in PLACEHOLDER.findall(text)}


def value_problems(document: YamlDocument, code: str, reference: dict[str, Message], shown: str) -> list[Problem]:
    """Each message is text (or a plural mapping where English has one), with English's placeholders."""
    data = document.data
    problems = [Problem(shown, document.line_of((key,)), key, "unknown section", "the sections are messages and mkdocs")
                for key in data if key not in ("messages", "mkdocs")]
    if not isinstance(data.get("messages"), dict):
        return problems + [Problem(shown, document.line_of(("messages",)), "messages", "is missing or not a mapping",
                                   "write 'messages:' and under it one 'id: text' line per message")]
    messages = data["messages"]
    categories = plural_categories(code)
    for key, value in messages.items():
        line, field_name = document.line_of(("messages", key)), f"messages.{key}"
        if reference and key not in reference:
            problems.append(Problem(shown, line, field_name, f"is not a message of {FOLDER}/en.yml",
                                    did_you_mean(key, reference) or "remove it"))
            continue
        english = reference.get(key) if reference else value
        if isinstance(english, dict) or (not reference and isinstance(value, dict)):
            if not isinstance(value, dict) or set(value) != set(categories):
                problems.append(Problem(shown, line, field_name,
                                        "should give one text per plural form: " + ", ".join(categories),
                                        f"these are CLDR's plural categories for {language_name(code, 'en')}; "
                                        "write each on its own line, e.g. `one: \"{count} practice\"`"))
                continue
        elif not isinstance(value, str):
            problems.append(Problem(shown, line, field_name, "should be text", "write the translation on the same line"))
            continue
        texts = value.values() if isinstance(value, dict) else [value]
        if any(not isinstance(text, str) or not text.strip() for text in texts):
            problems.append(Problem(shown, line, field_name, "is empty", "write the translation"))
        elif reference and placeholders(value) != placeholders(english):
            want = ", ".join(f"{{{n}}}" for n in sorted(placeholders(english))) or "none"
            problems.append(Problem(shown, line, field_name, "names other values in braces than English",
                                    f"use exactly these: {want}"))
    for key, english in reference.items():
        if key not in messages:
            sample = english if isinstance(english, str) else english.get("other", "")
            problems.append(Problem(shown, document.line_of(("messages",)), f"messages.{key}", "is missing",
                                    f"translate '{sample}' into {language_name(code, 'en')}"))
    return problems


def config_problems(document: YamlDocument, wanted: list[str], code: str, shown: str) -> list[Problem]:
    """The `mkdocs` section translates exactly the texts mkdocs.yml has now."""
    given = document.data.get("mkdocs")
    if not isinstance(given, dict):
        return [Problem(shown, document.line_of(("mkdocs",)), "mkdocs", "is missing or not a mapping",
                        "add 'mkdocs:' with one '\"English text\": translation' line for each of: "
                        + "; ".join(wanted))]
    problems = []
    for text in wanted:
        if text not in given:
            problems.append(Problem(shown, document.line_of(("mkdocs",)), f"mkdocs.{text}", "is missing",
                                    f"mkdocs.yml has this text: add '\"{text}\": …' in {language_name(code, 'en')}"))
    for text, value in given.items():
        line = document.line_of(("mkdocs", text))
        if text not in wanted:
            problems.append(Problem(shown, line, f"mkdocs.{text}", "is not a text of mkdocs.yml (any more)",
                                    did_you_mean(text, wanted) or "remove it, or translate the new text instead"))
        elif not isinstance(value, str) or not value.strip():
            problems.append(Problem(shown, line, f"mkdocs.{text}", "is empty or not text", "write the translation"))
    return problems
