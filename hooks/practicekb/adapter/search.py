"""The search index of one language's build: Pagefind (run as a service, exports/searchindex.py)
started when the build starts, fed every page as it is written, and writing <build>/pagefind/ once
the build reaches its lists of practices. Each language's build has its own, and the next
language's starts only once it has stopped, so memory holds one language's index at a time (all
five at once took 3.6 GB at 5,000 practices). In a build of every language, a language's Pagefind
finishes writing its index while the next language is built (IndexWrites), whose pages wait in a
queue until their Pagefind starts."""
from __future__ import annotations

import threading
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from ..exports.searchindex import SearchIndexError, SearchIndexer


class IndexWrites:
    """The languages' indexes, written one after another; shared by every language's build (the
    default language's hands it to the others). With `background`, each is written while the build
    goes on (the next language's), and wait() waits for them; without, at once."""

    def __init__(self, background: bool) -> None:
        self.background = background
        self._writes: list[tuple[threading.Thread, SearchIndexer, list[SearchIndexError]]] = []

    def add(self, indexer: SearchIndexer, site_dir: Path) -> None:
        """Write `indexer`'s index into `site_dir` (in a thread if background: wait() reports a failure)."""
        if not self.background:
            try:
                indexer.write(site_dir)
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
            return
        failures: list[SearchIndexError] = []

        def write() -> None:
            try:
                indexer.write(site_dir)
            except SearchIndexError as error:
                failures.append(error)

        thread = threading.Thread(target=write, name="pagefind-write", daemon=True)
        self._writes.append((thread, indexer, failures))
        thread.start()

    def last_done(self) -> None:
        """Until the index added last is written (a new language's Pagefind starts after it)."""
        if self._writes:
            self._writes[-1][0].join()

    def wait(self) -> None:
        """Until every index is written; the first failure stops the build."""
        writes, self._writes = self._writes, []
        for thread, _, _ in writes:
            thread.join()
        for _, _, failures in writes:
            if failures:
                raise PluginError(str(failures[0]))

    def cancel(self) -> None:
        """A failed build: every Pagefind still writing is stopped."""
        writes, self._writes = self._writes, []
        for thread, indexer, _ in writes:
            indexer.close()
            thread.join()


class SiteSearch:
    def __init__(self) -> None:
        self.indexer: SearchIndexer | None = None  # this language's index

    def start(self, config: MkDocsConfig, after: IndexWrites) -> None:
        """`after`: the indexes still being written; this language's Pagefind starts once they are."""
        self.stop()
        try:
            self.indexer = SearchIndexer(keep_index_url=not config.use_directory_urls,
                                         start_after=after.last_done if after.background else None)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def stop(self) -> None:
        indexer, self.indexer = self.indexer, None
        if indexer is not None:
            indexer.close()

    def start_writing(self, config: MkDocsConfig, page: Page | None, first_listing: str | None) -> None:
        """From the build's first list of practices on (or after its pages), every page the search
        holds is in the index: Pagefind writes it while the build goes on (write() waits for it)."""
        if page is not None and page.file.src_uri != first_listing:
            return
        if self.indexer is None:
            return
        try:
            self.indexer.start_writing(Path(config.site_dir))
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def add_page(self, html: str, page: Page, config: MkDocsConfig) -> None:
        """Hand a written page to the indexer, at its address from the build's root (the browser
        finds the index at <build>/pagefind/ and takes the folder above it as the base)."""
        if self.indexer is None or page.url is None:
            return
        try:
            self.indexer.add_page("/" + page.url, html)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def add_kept(self, pages: dict[str, str]) -> None:
        """Pages a preview's incremental build did not write, as they were when last written (serving.py)."""
        if self.indexer is None:
            return
        try:
            for url, html in pages.items():
                self.indexer.add_page(url, html)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def write(self, config: MkDocsConfig, writes: IndexWrites) -> None:
        """After the build's pages: the index into <build>/pagefind/, and Pagefind stopped (by `writes`)."""
        indexer, self.indexer = self.indexer, None
        if indexer is not None:
            writes.add(indexer, Path(config.site_dir))
