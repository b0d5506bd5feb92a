"""Writing the social cards of a site: unchanged cards from the cache, the rest drawn,
in worker processes when there are many.

The cache is a folder (the build uses .cache/cards/<language>/) of PNGs named by cards.card_key, so a
card is drawn again only when something it shows, the drawing code or the font changes.
Cards the site no longer uses are dropped from it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import astuple, dataclass
from pathlib import Path

from .cards import CardText, card_key, card_png


@dataclass(frozen=True)
class CardJob:
    text: CardText
    target: Path  # where the PNG goes in the built site


@dataclass
class CardStats:
    drawn: int = 0
    cached: int = 0


PARALLEL_FROM = 200  # cards to draw before it pays to start worker processes


def draw_to(job: CardJob, cached: Path | None) -> None:
    """Draw one card into the site, and into the cache when there is one."""
    data = card_png(job.text)
    job.target.write_bytes(data)
    if cached is not None:
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, cached)  # never a half-written card in the cache


def draw_all(work: list[tuple[CardJob, Path | None]], workers: int) -> None:
    """Draw cards one after another, or, when there are many, in worker processes
    (`python -m practicekb.cardfiles JOBS.json`), each given an equal share."""
    if workers < 2 or len(work) < PARALLEL_FROM:
        for job, cached in work:
            draw_to(job, cached)
        return
    package_parent = str(Path(__file__).resolve().parents[1])  # workers import this package even if not installed
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    with tempfile.TemporaryDirectory(prefix="kb-cards-") as temp:
        running = []
        for number in range(workers):
            share = Path(temp) / f"{number}.json"
            share.write_text(json.dumps([[astuple(job.text), str(job.target), str(cached) if cached else None]
                                         for job, cached in work[number::workers]], ensure_ascii=False),
                             encoding="utf-8")
            running.append(subprocess.Popen([sys.executable, "-m", "practicekb.cardfiles", str(share)], env=env,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
        failures = []
        for process in running:
            _, error = process.communicate()
            if process.returncode != 0:
                failures.append(error.strip())
    if failures:
        raise RuntimeError("Drawing the social cards failed:\n" + "\n".join(failures))


def main(argv: list[str]) -> int:
    """A worker: draw the cards listed in a JSON file written by draw_all."""
    for text, target, cached in json.loads(Path(argv[0]).read_text(encoding="utf-8")):
        draw_to(CardJob(CardText(*text), Path(target)), Path(cached) if cached else None)
    return 0


def link_or_copy(source: Path, target: Path) -> None:
    """A hard link where the file system allows one (no bytes copied), else a copy. A card in the
    cache is never changed in place (a new one replaces it), so the site's link keeps its bytes."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_cards(jobs: list[CardJob], cache: Path | None = None, workers: int | None = None) -> CardStats:
    """Write every card, copying unchanged ones from the cache, then drop cached cards this
    site no longer uses."""
    work: list[tuple[CardJob, Path | None]] = []
    keep: set[str] = set()
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    for folder in {job.target.parent for job in jobs}:
        folder.mkdir(parents=True, exist_ok=True)
    for job in jobs:
        cached = cache / f"{card_key(job.text)}.png" if cache is not None else None
        if cached is not None:
            keep.add(cached.name)
            if cached.is_file():
                link_or_copy(cached, job.target)
                continue
        work.append((job, cached))
    draw_all(work, workers if workers is not None else min(4, os.cpu_count() or 1))
    if cache is not None:
        for entry in cache.iterdir():
            if entry.suffix == ".png" and entry.name not in keep:
                entry.unlink(missing_ok=True)
    return CardStats(drawn=len(work), cached=len(jobs) - len(work))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
