"""Pages minified after MkDocs has written them (pageoutput.minified), in a worker process when a build
writes many: minifying takes about 2.5 ms a page, a fifth of the main process's work in a warm build,
and MkDocs writes its pages one by one on one core. Each page goes to the worker once MkDocs has
written it (when the next page comes, or after the last): the worker reads the file as MkDocs wrote
it and writes it again, minified, in place; the build waits for the worker after its last page. The
pages are the same either way."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.cachefiles import write_atomically
from ..core.workers import BackgroundBatch, available_cores
from .pageoutput import minified

if TYPE_CHECKING:  # the worker imports this module: not MkDocs with it
    from .conversion import ConversionOptions

CHUNK = 25  # pages sent to the worker at once


def minify_files(paths: list[str]) -> list[None]:
    """Minify each written page in place: what the worker runs."""
    for path in paths:
        page = Path(path)
        write_atomically(page, minified(page.read_text(encoding="utf-8")).encode("utf-8"))
    return [None] * len(paths)


class PageMinifier:
    """For one build of `pages` pages, as the Markdown conversion's settings say (its workers, from how
    many pages): in this process below that or without a core to spare, else in one worker process
    (`options.workers`: how many; one keeps up with MkDocs' page loop)."""

    def __init__(self, pages: int, options: ConversionOptions):
        workers = options.workers if options.workers is not None else min(1, available_cores() - 1)
        self.batch = BackgroundBatch("kb-minify", minify_files, [], workers=workers) \
            if workers >= 1 and pages >= options.parallel_from else None
        self.written: list[str] = []  # pages MkDocs has written, for the next chunk
        self.writing: str | None = None  # the page MkDocs writes next
        self.chunks = 0

    def page(self, html: str, path: str) -> str:
        """What MkDocs is to write at `path`: the page minified, or as it is when the worker minifies it."""
        if self.batch is None:
            return minified(html)
        if self.writing is not None:
            self.written.append(self.writing)  # MkDocs wrote it before asking for this page
            if len(self.written) >= CHUNK:
                self.send()
        self.writing = path
        return html

    def send(self) -> None:
        self.batch.add(self.written)
        self.chunks += 1
        self.written = []

    def finish(self) -> None:
        """Once MkDocs has written every page: wait until each is minified on disk."""
        if self.batch is None:
            return
        if self.writing is not None:
            self.written.append(self.writing)
            self.writing = None
        if self.written:
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
