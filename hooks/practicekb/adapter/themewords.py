"""Material's interface words for one build, each looked up once.

Material's partials/language.html is imported with context into every page, and each lookup
through it builds the language's table of about 80 words anew (about 4 % of the build's process
in a profile of 1,000 practices in five languages). overrides/partials/language.html hands
Material's templates this instead: the word from Material's own table for the build's language
(partials/languages/<code>.html), else from its English table, else the key, as Material's
partial does, kept once found.
"""
from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup, escape

FALLBACK = "en"  # Material's own fallback table (its partials/language.html)


class ThemeWords:
    """`lang.t(key)` for the templates of one build, in `language` (Material's theme.language)."""

    def __init__(self, environment: Environment, language: str):
        self._tables = [environment.get_template(f"partials/languages/{code}.html").module
                        for code in dict.fromkeys((language, FALLBACK))]
        self._words: dict[str, Markup] = {}

    def __call__(self, key: str) -> Markup:
        word = self._words.get(key)
        if word is None:
            word = next((Markup(found) for table in self._tables if (found := table.t(key))), escape(key))
            self._words[key] = word
        return word
