"""The interface texts the scripts of every page need (the header search, the share panel), in one
file per language, assets/kb-texts.js, which the browser caches: written into each page they came
to 2.5 KB of its HTML. With them, the first texts of the GitHub pages that practice pages link to
(a correction issue's body, a new translation's file), which assets/share.js adds to the links."""
from __future__ import annotations

import json

from ..checks.catalogue import Catalogue

SCRIPT_TEXTS_PATH = "assets/kb-texts.js"  # in each language's build; mkdocs.yml loads it before messages.js
SCRIPT_PREFIXES = ("search.", "share.", "correction.")  # assets/search.js and assets/share.js


def script_texts(catalogue: Catalogue, facets: list[tuple[str, str]], language: str, skeleton: str) -> str:
    """window.kbTexts for assets/messages.js: the language, its messages for the scripts, the
    search's filter names and a new translation file's first text (`skeleton`, with {path}), as JSON
    (contributed texts are data here, never code)."""
    data = {"language": language, "messages": catalogue.for_script(*SCRIPT_PREFIXES), "facets": facets,
            "skeleton": skeleton}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (f"/* The scripts' interface texts in this language (translations/{language}.yml), "
            f"written by hooks/practicekb/pages/scripttexts.py */\nwindow.kbTexts = {text};\n")
