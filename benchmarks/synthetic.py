"""Synthetic practices for tests and benchmarks: generated, marked SYNTHETIC, never published.

They use the real vocabularies with a skewed (Zipf-like) choice of terms, so
term pages are as uneven as in real collections, and bodies of realistic length.
"""
from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

import yaml

MARK = "SYNTHETIC"
COUNTRIES = ["NO", "SE", "DK", "FI", "IS", "SI", "SK", "LT", "LV", "EE", "PL", "CZ", "AT", "DE", "HR"]
WORDS = ("municipality council residents newcomers school language course mediator office network volunteers "
         "employment housing health library strategy coordination training meeting survey families children "
         "women youth employer partner association service information advice welcome centre region budget "
         "plan evaluation report pilot participants staff workshop dialogue community trust").split()
SECTIONS = ("Context", "What was done", "Results", "How to start it in your municipality", "Lessons")


@lru_cache(maxsize=None)  # read each vocabulary once, not once per practice
def _ids(vocabularies: Path, name: str, parents: bool = True) -> list[str]:
    data = yaml.safe_load((vocabularies / name).read_text(encoding="utf-8"))
    return [t["id"] for t in data["terms"] if parents or "parent" not in t]


def _skewed(rng: random.Random, items: list[str], k: int) -> list[str]:
    weights = [1 / (rank + 1) for rank in range(len(items))]
    chosen: list[str] = []
    while len(chosen) < min(k, len(items)):
        pick = rng.choices(items, weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def practice_text(index: int, rng: random.Random, vocabularies: Path) -> str:
    """The text of one synthetic practice file."""
    start = rng.randint(2005, 2023)
    funders = _skewed(rng, _ids(vocabularies, "funders.yml"), rng.randint(0, 2))
    organisations = _skewed(rng, _ids(vocabularies, "organisations.yml"), rng.randint(1, 3))
    front = {
        "title": f"{MARK} practice {index}: {_sentence(rng)[:60].rstrip('.')}",
        "summary": f"{MARK} test data, not a real practice. " + _paragraph(rng)[:400],
        "countries": _skewed(rng, COUNTRIES, 1 if rng.random() < 0.9 else 2),
        "place": f"Town {index % 400}",
        "level": rng.choice(["municipal", "municipal", "regional", "national", "cross-border"]),
        "start": start,
        "end": rng.choice(["ongoing", start + rng.randint(0, 4)]),
        "themes": _skewed(rng, _ids(vocabularies, "themes.yml"), rng.randint(1, 4)),
        "target_groups": _skewed(rng, _ids(vocabularies, "target-groups.yml"), rng.randint(1, 2)),
        "practice_type": _skewed(rng, _ids(vocabularies, "practice-types.yml"), 1)[0],
        "funding": [{"funder": f} for f in funders],
        "organisations": [{"id": o, "role": rng.choice(["lead", "partner"])} for o in organisations],
        "projects": _skewed(rng, _ids(vocabularies, "projects.yml"), rng.randint(0, 1)),
        "evidence": _skewed(rng, _ids(vocabularies, "evidence.yml"), 1)[0],
        "sources": [{"title": f"Source {index}", "publisher": "Example", "url": f"https://example.org/{index}"}],
        "last_verified": f"{rng.randint(2023, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "status": rng.choice(["active", "ended"]),
    }
    front = {k: v for k, v in front.items() if v != []}
    body = "\n\n".join(f"## {title}\n\n" + "\n\n".join(_paragraph(rng) for _ in range(rng.randint(1, 3)))
                       for title in SECTIONS)
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"


def write_practices(folder: Path, count: int, vocabularies: Path, seed: int = 1) -> list[Path]:
    """Write `count` synthetic practices into `folder`; the same seed gives the same files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(1, count + 1):
        path = folder / f"synthetic-practice-{index:05d}.md"
        path.write_text(practice_text(index, rng, vocabularies), encoding="utf-8")
        paths.append(path)
    return paths
