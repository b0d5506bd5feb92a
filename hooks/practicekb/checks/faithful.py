"""A translation says only what its original says: a number (a year, an amount, a count) that the
original does not state is a new fact, and the checker names it with its line. Facts live in the
original, where its sources are."""
from __future__ import annotations

import re
from typing import Any

from ..core.problems import Problem
from ..source.load import PracticeSource
from .translations import PracticeTranslation

THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f,.](?=\d{3}\b)")  # 8,442 · 8 442 · 8.442 are 8442
DIGITS = re.compile(r"\d+")


def numbers(text: str) -> set[str]:
    """The numbers a text states, written without thousands separators."""
    return set(DIGITS.findall(THOUSANDS.sub("", text)))


def scalars(value: Any) -> list[str]:
    """Every value of a front matter, as text."""
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in [str(key), *scalars(item)]]
    if isinstance(value, list):
        return [text for item in value for text in scalars(item)]
    return [str(value)]


def new_number_problems(translation: PracticeTranslation, original: PracticeSource) -> list[Problem]:
    """Each number of the translation's words that its original (front matter and text) does not state, on its line."""
    stated = numbers(original.body) | {n for text in scalars(original.front_matter.data) for n in numbers(text)}
    lines = [(translation.title_line, "title", translation.title), (translation.summary_line, "summary", translation.summary)]
    lines += [(translation.body_line + n, "body", line) for n, line in enumerate(translation.body.split("\n"))]
    problems, seen = [], set()
    for line, field, text in lines:
        for value in sorted(numbers(text) - stated - seen):
            seen.add(value)
            problems.append(Problem(translation.path, line, field, f"states {value}, which {original.path} does not",
                                    "a translation says only what its original says: correct the number, or add "
                                    "it to the original together with the source that states it"))
    return problems


def translation_number_problems(translations: list[PracticeTranslation], sources: list[PracticeSource]) -> list[Problem]:
    by_slug = {source.slug: source for source in sources}
    return [problem for translation in translations if translation.slug in by_slug
            for problem in new_number_problems(translation, by_slug[translation.slug])]
