"""Writing the social cards of a site: unchanged cards from the cache, the rest drawn,
in worker processes when there are many.

The cache is a folder (the build uses .cache/cards/<language>/) of PNGs named by cards.card_key, so a
card is drawn again only when something it shows, the drawing code or the font changes.
Cards the site no longer uses are dropped from it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import astuple, dataclass
from pathlib import Path

from .cachefiles import link_or_copy, partial_files, write_atomically
from .cards import CardText, card_key, card_png
from .workers import available_cores


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
    """Draw one card into the cache when there is one, and link it into the site (one file written, not two)."""
    data = card_png(job.text)
    if cached is None:
        job.target.write_bytes(data)
        return
    write_atomically(cached, data)
    link_or_copy(cached, job.target)


NICENESS = 10  # workers draw at low priority: they fill the time the build leaves a core idle


def start_workers(work: list[tuple[CardJob, Path | None]], workers: int, folder: Path) -> list[subprocess.Popen]:
    """Worker processes (`python -m practicekb.cardfiles JOBS.json`), each given an equal share of
    `work` in a JSON file in `folder`."""
    package_parent = str(Path(__file__).resolve().parents[1])  # workers import this package even if not installed
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    running = []
    for number in range(workers):
        share = folder / f"{number}.json"
        share.write_text(json.dumps([[astuple(job.text), str(job.target), str(cached) if cached else None]
                                     for job, cached in work[number::workers]], ensure_ascii=False),
                         encoding="utf-8")
        running.append(subprocess.Popen([sys.executable, "-m", "practicekb.cardfiles", str(share)], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
    return running


def main(argv: list[str]) -> int:
    """A worker: draw the cards listed in a JSON file written by start_workers."""
    if hasattr(os, "nice"):  # not on Windows, where the worker runs at normal priority
        os.nice(NICENESS)
    for text, target, cached in json.loads(Path(argv[0]).read_text(encoding="utf-8")):
        draw_to(CardJob(CardText(*text), Path(target)), Path(cached) if cached else None)
    return 0


class CardBatch:
    """The cards of a site, started when the build starts: cards not in the cache are drawn by
    worker processes at low priority while MkDocs builds the pages (a card is about 1.5 ms, so a
    thousand take 1.5 s of a core), or here by finish() when there are few; finish() waits for them
    and links the cached cards into the site. The site folder is cleaned before this starts."""

    def __init__(self, jobs: list[CardJob], cache: Path | None = None, workers: int | None = None):
        self.cache = cache
        self._linked: list[tuple[Path, Path]] = []  # (cached card, target)
        self._work: list[tuple[CardJob, Path | None]] = []  # cards to draw
        self._running: list[subprocess.Popen] = []
        self._folder: tempfile.TemporaryDirectory | None = None
        self._keep: set[str] = set()  # the cache's cards this site uses
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
        for folder in {job.target.parent for job in jobs}:
            folder.mkdir(parents=True, exist_ok=True)
        for job in jobs:
            cached = cache / f"{card_key(job.text)}.png" if cache is not None else None
            if cached is not None:
                self._keep.add(cached.name)
            if cached is not None and cached.is_file():
                self._linked.append((cached, job.target))
            else:
                self._work.append((job, cached))
        workers = workers if workers is not None else min(4, available_cores() - 1)  # a core for the build
        if workers >= 1 and len(self._work) >= PARALLEL_FROM:
            self._folder = tempfile.TemporaryDirectory(prefix="kb-cards-")
            self._running = start_workers(self._work, workers, Path(self._folder.name))

    def finish(self) -> CardStats:
        """Every card in the site; cached cards this site no longer uses are dropped."""
        failures = []
        drawn_by_workers = bool(self._running)
        try:
            for process in self._running:
                _, error = process.communicate()
                if process.returncode != 0:
                    failures.append(error.strip())
        finally:
            self.cancel()
        if failures:
            raise RuntimeError("Drawing the social cards failed:\n" + "\n".join(failures))
        if not drawn_by_workers:
            for job, cached in self._work:
                draw_to(job, cached)
        for cached, target in self._linked:
            link_or_copy(cached, target)
        if self.cache is not None:
            for entry in self.cache.iterdir():
                if entry.suffix == ".png" and entry.name not in self._keep:
                    entry.unlink(missing_ok=True)
        return CardStats(drawn=len(self._work), cached=len(self._linked))

    def cancel(self) -> None:
        """Stop the workers (a failed build, or a new one) and remove their job files."""
        for process in self._running:
            if process.poll() is None:
                process.kill()
                process.wait()
                if self.cache is not None:
                    for partial in partial_files(self.cache, process.pid):  # a card it was writing
                        partial.unlink(missing_ok=True)
        self._running = []
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
