"""Writing the social cards of a site: unchanged cards from the cache, the rest drawn, in worker
processes at low priority while MkDocs builds the pages when there are many (core/filebatch.py).

The cache (the build uses .cache/cards/<language>/) holds PNGs named by everything a card shows and
by cards.renderer_fingerprint, so a card is drawn again only when something it shows, the drawing
code or the font changes. Cards the site no longer uses are dropped from it.
"""
from __future__ import annotations

from dataclasses import astuple, dataclass
from pathlib import Path

from ..core.cachefiles import FileCache
from .cards import CardText, card_png, renderer_fingerprint
from ..core.filebatch import FileBatch, FileJob


@dataclass(frozen=True)
class CardJob:
    text: CardText
    target: Path  # where the PNG goes in the built site


PARALLEL_FROM = 200  # cards to draw before it pays to start worker processes (a card is a few ms)


def draw_cards(texts: list[CardText]) -> list[bytes]:
    return [card_png(text) for text in texts]


def card_batch(jobs: list[CardJob], cache: Path | None = None, workers: int | None = None,
               parallel_from: int = PARALLEL_FROM, in_site: dict[Path, str] | None = None) -> FileBatch:
    """The cards of a site, started when the build starts and finished after the pages are written."""
    files = FileCache(cache, renderer_fingerprint(), ".png") if cache is not None else None
    return FileBatch("kb-cards", draw_cards, [FileJob(astuple(job.text), job.text, job.target) for job in jobs], files,
                     parallel_from, workers=workers, in_site=in_site)
