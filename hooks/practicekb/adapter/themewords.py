"""Material's interface words for one build, each looked up once.

Material's partials/language.html is imported with context into every page, and each lookup
through it builds the language's table of about 80 words anew (about 4 % of the build's process
in a profile of 1,000 practices in five languages). overrides/partials/language.html hands
Material's templates this lookup instead; it asks the same partial's own branch for a theme
environment the plugin has not prepared (Material's three lines: the build's language, else
English, else the key) once for each word, and keeps the answer.
"""
from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup

GLOBAL_NAME = "kb_theme_word"  # what overrides/partials/language.html calls


class ThemeWords:
    """`lang.t(key)` for the templates of one build (`config`: its MkDocs configuration)."""

    def __init__(self, environment: Environment, config: Any):
        # GLOBAL_NAME undefined here, so the partial's module is Material's own lookup
        unprepared = {"config": config, GLOBAL_NAME: environment.undefined(name=GLOBAL_NAME)}
        self._material = environment.get_template("partials/language.html").make_module(unprepared)
        self._words: dict[str, Markup] = {}

    def __call__(self, key: str) -> Markup:
        word = self._words.get(key)
        if word is None:
            word = self._words[key] = Markup(self._material.t(key))
        return word
