"""Values that are valid YAML but not valid data: every text and number of a document, checked.

YAML can write any character as an escape ("\\a", "\\u0000"), and numbers such as .nan and .inf;
web pages, feeds and strict JSON readers accept none of them. Interface strings and vocabulary
texts are shown as text, so markup in them is a mistake to report (the pages escape it anyway).
"""
from __future__ import annotations

import math
import re
from typing import Any, Iterator

from ..core.problems import Problem
from ..source.yamlsource import YamlDocument

# C0 and C1 controls but tab and line feed, lone surrogates, and the two non-characters XML forbids.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>?|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")


def _dotted(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "front matter"


def values(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every value of a document with its path (keys and list indexes), keys included as values."""
    yield path, data
    if isinstance(data, dict):
        for key, item in data.items():
            if isinstance(key, str):
                yield path + (key,), key
            yield from values(item, path + (key,))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from values(item, path + (index,))


def value_problems(document: YamlDocument, shown: str, no_markup: bool = False,
                   markup_paths: tuple[str, ...] = ()) -> list[Problem]:
    """Control characters in any text, numbers that are not finite, and (with `no_markup`, or in
    values under one of `markup_paths`) markup in texts that are shown as text."""
    problems: list[Problem] = []
    for path, value in values(document.data):
        if not path:
            continue
        line, field = document.line_of(path), _dotted(path)
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem(shown, line, field, f"{value} is not a number a reader can use",
                                    "write the number itself, e.g. 12000, or leave the field out"))
        elif isinstance(value, str):
            if control := CONTROL.search(value):
                problems.append(Problem(shown, line, field,
                                        f"contains the control character U+{ord(control.group()):04X}, which web "
                                        "pages and feeds cannot show",
                                        "delete it (it may be written as an escape such as \\a, \\x07 or \\u0007)"))
            elif (no_markup or (path and path[0] in markup_paths)) and (found := MARKUP.search(value)):
                problems.append(Problem(shown, line, field, f"contains markup '{found.group()[:30]}'",
                                        "write plain text: the site shows this text exactly as it is written, "
                                        "and links and formatting come from the templates"))
    return problems
