"""Problems found in input files, reported all at once in one format."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file, with where it is and how to fix it."""

    path: str
    line: int
    field: str
    message: str
    hint: str = ""

    def human(self) -> str:
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def github(self, level: str = "error") -> str:
        """A GitHub Actions workflow command (error, warning or notice), so it shows on the PR diff line."""
        text = f"{self.field}: {self.message}" + (f" ({self.hint})" if self.hint else "")
        escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path},line={self.line},title=kb check::{escaped}"


class ProblemsFound(Exception):
    """Raised when input files cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    lines = [p.human() for p in problems]
    files = len({p.path for p in problems})
    lines.append(f"{len(problems)} problem(s) in {files} file(s).")
    return "\n".join(lines)


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """A 'did you mean' hint for a near-miss vocabulary id or code, or ''."""
    if not isinstance(value, str):
        return ""
    choices = [c for c in choices if isinstance(c, str)]  # a vocabulary may hold a mistyped id (7): its check says so
    lowered = {c.lower(): c for c in choices}
    if value.lower() in lowered:
        return f"did you mean '{lowered[value.lower()]}'?"
    close = difflib.get_close_matches(value.lower(), list(lowered), n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(f"'{lowered[c]}'" for c in close) + "?"
    return ""
