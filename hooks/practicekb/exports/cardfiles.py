"""Writing the social cards of a site: unchanged cards from the cache, the rest drawn, in worker
processes at low priority while MkDocs builds the pages when there are many.

The cache (the build uses .cache/cards/<language>/) holds PNGs named by everything a card shows and
by cards.renderer_fingerprint, so a card is drawn again only when something it shows, the drawing
code or the font changes. Cards the site no longer uses are dropped from it.
"""
from __future__ import annotations

from dataclasses import astuple, dataclass
from pathlib import Path

from ..core.cachefiles import FileCache
from .cards import CardText, card_png, renderer_fingerprint
from ..core.workers import BackgroundBatch, available_cores


@dataclass(frozen=True)
class CardJob:
    text: CardText
    target: Path  # where the PNG goes in the built site


@dataclass
class CardStats:
    drawn: int = 0
    cached: int = 0


PARALLEL_FROM = 200  # cards to draw before it pays to start worker processes (a card is a few ms)
CHUNK = 50
NICENESS = 10  # workers draw at low priority: they fill the time the build leaves a core idle


def draw_cards(texts: list[CardText]) -> list[bytes]:
    return [card_png(text) for text in texts]


class CardBatch:
    """The cards of a site, started when the build starts, finished (waited for and put into the
    site) after the pages are written. The site folder is cleaned before this starts."""

    def __init__(self, jobs: list[CardJob], cache: Path | None = None, workers: int | None = None,
                 parallel_from: int = PARALLEL_FROM):
        self._cache = FileCache(cache, renderer_fingerprint(), ".png") if cache is not None else None
        self._jobs = [(job, self._cache.key(*astuple(job.text)) if self._cache else "") for job in jobs]
        self._work = [(job, key) for job, key in self._jobs if not (self._cache and self._cache.has(key))]
        workers = workers if workers is not None else min(4, available_cores() - 1)  # a core for the build
        self._batch: BackgroundBatch | None = None
        if workers >= 1 and len(self._work) >= parallel_from:
            chunks = [[job.text for job, _ in self._work[i:i + CHUNK]] for i in range(0, len(self._work), CHUNK)]
            self._batch = BackgroundBatch(draw_cards, chunks, workers=workers, niceness=NICENESS)

    def finish(self) -> CardStats:
        """Every card in the site; cached cards this site no longer uses are dropped."""
        drawn: dict[int, bytes] = {}
        try:
            for start in range(0, len(self._work), CHUNK):
                chunk = self._work[start:start + CHUNK]
                pngs = self._batch.result(start // CHUNK) if self._batch else draw_cards([job.text for job, _ in chunk])
                drawn.update(zip(range(start, start + len(chunk)), pngs))
        finally:
            self.cancel()
        new = {id(job): drawn[n] for n, (job, _) in enumerate(self._work)}
        for job, key in self._jobs:
            if self._cache is None:
                job.target.parent.mkdir(parents=True, exist_ok=True)
                job.target.write_bytes(new[id(job)])
            else:
                self._cache.publish(key, new.get(id(job)), job.target)
        if self._cache is not None:
            self._cache.prune()
        return CardStats(drawn=len(self._work), cached=len(self._jobs) - len(self._work))

    def cancel(self) -> None:
        """Stop the workers (a failed build, or a new one)."""
        if self._batch is not None:
            self._batch.cancel()
            self._batch = None
