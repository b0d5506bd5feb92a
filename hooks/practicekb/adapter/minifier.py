"""Pages minified and written by a worker process when a build writes many: minifying takes about
0.5 ms a page and MkDocs writes its pages one by one on one core, the build's critical path. Each
page MkDocs has rendered goes to the worker (25 at a time), which minifies it and writes it; MkDocs
is handed an empty page, which it does not write (its "Page skipped" notice for these pages is kept
out of the log). Writing them on the build's main thread took about an eighth of it at 1,000
practices in five languages, its folders' look-ups slowed by the worker rewriting the pages beside
them. The build waits for the worker after its last page. The pages are the same either way."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.cachefiles import write_atomically
from ..core.workers import BackgroundBatch, available_cores
from .pageoutput import minified

if TYPE_CHECKING:  # the worker imports this module: not MkDocs with it
    from .conversion import ConversionOptions

CHUNK = 25  # pages sent to the worker at once
# The loggers of the module whose page loop skips an empty page (MkDocs' and ProperDocs' own).
BUILD_LOGGERS = ("mkdocs.commands.build", "properdocs.commands.build")
SKIPPED = "Page skipped: '"  # how that notice starts, the page's source path after it


def minify_files(pages: list[tuple[str, str]]) -> list[None]:
    """Minify each page and write it at its path: what the worker runs."""
    for path, html in pages:
        page = Path(path)
        page.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(page, minified(html).encode("utf-8"))
    return [None] * len(pages)


class HandedPages(logging.Filter):
    """MkDocs' notice that it skipped an empty page, for the pages the worker writes (no other)."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith(SKIPPED) and message[len(SKIPPED):].split("'", 1)[0] in self.sources)


class PageMinifier:
    """For one build of `pages` pages, as the Markdown conversion's settings say (its workers, from how
    many pages): in this process below that or without a core to spare, else in one worker process
    (`options.workers`: how many; one keeps up with MkDocs' page loop)."""

    def __init__(self, pages: int, options: ConversionOptions):
        workers = options.workers if options.workers is not None else min(1, available_cores() - 1)
        self.batch = BackgroundBatch(minify_files, [], workers=workers) \
            if workers >= 1 and pages >= options.parallel_from else None
        self.pending: list[tuple[str, str]] = []  # pages for the next chunk: (path, HTML)
        self.chunks = 0
        self.handed = HandedPages()
        if self.batch is not None:
            for name in BUILD_LOGGERS:
                logging.getLogger(name).addFilter(self.handed)

    def page(self, html: str, path: str, source: str) -> str:
        """What MkDocs is to write at `path` for the page of `source`: the page minified, or nothing
        (which MkDocs does not write) when the worker writes it."""
        if self.batch is None:
            return minified(html)
        self.pending.append((path, html))
        self.handed.sources.add(source)
        if len(self.pending) >= CHUNK:
            self.send()
        return ""

    def send(self) -> None:
        self.batch.add(self.pending)
        self.chunks += 1
        self.pending = []

    def finish(self) -> None:
        """Once MkDocs has rendered every page: wait until each is minified on disk."""
        if self.batch is None:
            return
        if self.pending:
            self.send()
        try:
            for chunk in range(self.chunks):
                self.batch.result(chunk)
        finally:
            self.cancel()

    def cancel(self) -> None:
        if self.batch is not None:
            self.batch.cancel()
            self.batch = None
        for name in BUILD_LOGGERS:
            logging.getLogger(name).removeFilter(self.handed)
