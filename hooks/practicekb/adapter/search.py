"""The search index of one language's build: Pagefind (run as a service, exports/searchindex.py)
started when the build starts, fed every page as it is written, and writing <build>/pagefind/ once
the build reaches its lists of practices. Each language's build has its own, stopped before the
next language is built, so memory holds one language's index at a time (all five at once took
3.6 GB at 5,000 practices)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from ..exports.searchindex import SearchIndexError, SearchIndexer


class SiteSearch:
    def __init__(self) -> None:
        self.indexer: SearchIndexer | None = None  # this language's index

    def start(self, config: MkDocsConfig) -> None:
        self.stop()
        try:
            self.indexer = SearchIndexer(keep_index_url=not config.use_directory_urls)
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

    def write(self, config: MkDocsConfig) -> None:
        """After the build's pages: the index into <build>/pagefind/, and Pagefind stopped."""
        indexer, self.indexer = self.indexer, None
        if indexer is None:
            return
        try:
            indexer.write(Path(config.site_dir))
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
