"""A translation says only what its original says: a number (a year, an amount, a count) that the
original does not state is a new fact, and the checker names it with its line. Facts live in the
original, where its sources are."""
from __future__ import annotations

import re
from pathlib import Path

from ..core.problems import Problem
from ..source.load import PracticeSource
from .translations import PracticeTranslation

THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f,.](?=\d{3}\b)")  # 8,442 · 8 442 · 8.442 are 8442
DIGITS = re.compile(r"\d+")


def numbers(text: str) -> set[str]:
    """The numbers a text states, written without thousands separators."""
    return set(DIGITS.findall(THOUSANDS.sub("", text)))


def new_number_problems(translation: PracticeTranslation, original: PracticeSource, root: Path) -> list[Problem]:
    """Each number of the translation's words that its original's file does not state, on its line."""
    try:
        original_text = (root / original.path).read_text(encoding="utf-8")
        lines = (root / translation.path).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []  # reading them is reported elsewhere
    stated = numbers(original_text)
    problems, seen = [], set()
    for number, line in enumerate(lines, start=1):
        if re.match(r"\s*translated\s*:", line):
            continue  # the translation's own date is not a fact about the practice
        for value in sorted(numbers(line) - stated - seen):
            seen.add(value)
            field = "body" if number >= translation.body_line else "front matter"
            problems.append(Problem(translation.path, number, field,
                                    f"states {value}, which {original.path} does not",
                                    "a translation says only what its original says: correct the number, or add "
                                    "it to the original together with the source that states it"))
    return problems


def translation_number_problems(translations: list[PracticeTranslation], sources: list[PracticeSource],
                                root: Path) -> list[Problem]:
    by_slug = {source.slug: source for source in sources}
    return [problem for translation in translations if translation.slug in by_slug
            for problem in new_number_problems(translation, by_slug[translation.slug], root)]
