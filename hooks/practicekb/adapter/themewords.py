"""Material's interface words for one build, each looked up once.

Material's partials/language.html is imported with context into every page, and each lookup
through it builds the language's table of about 80 words anew (about 4 % of the build's process
in a profile of 1,000 practices in five languages). overrides/partials/language.html hands
Material's templates this lookup instead; it asks the same partial's own branch for a theme
environment the plugin has not prepared (Material's three lines: the build's language, else
English, else the key) once for each word, and keeps the answer.

A word the build language's catalogue has as `material.<key>` (translations/<code>.yml) is taken
from there instead: Material's file for a language can have it wrong (Slovenian names the header
"Noga", foot) or in English (Norwegian "Header"), and a screen reader says it on every page.
"""
from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from ..checks.catalogue import Catalogue

GLOBAL_NAME = "kb_theme_word"  # what overrides/partials/language.html calls
CATALOGUE_PREFIX = "material."  # a catalogue's message that replaces Material's word of the same key


class ThemeWords:
    """`lang.t(key)` for the templates of one build (`config`: its MkDocs configuration; `catalogue`:
    the interface strings of its language)."""

    def __init__(self, environment: Environment, config: Any, catalogue: Catalogue):
        # GLOBAL_NAME undefined here, so the partial's module is Material's own lookup
        unprepared = {"config": config, GLOBAL_NAME: environment.undefined(name=GLOBAL_NAME)}
        self._material = environment.get_template("partials/language.html").make_module(unprepared)
        self._words: dict[str, Markup] = {
            key[len(CATALOGUE_PREFIX):]: catalogue.t(key) for key in catalogue.messages if key.startswith(CATALOGUE_PREFIX)}

    def __call__(self, key: str) -> Markup:
        word = self._words.get(key)
        if word is None:
            word = self._words[key] = Markup(self._material.t(key))
        return word
