"""The site search index during a build: started by the default language's build, fed every
written page by every language's build, written by Pagefind once the last language's pages are
in (exports/searchindex.py runs Pagefind as a service)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from . import language_builds as site_languages_
from ..core.languages import language_prefix
from ..exports.searchindex import SearchIndexError, SearchIndexer


class SiteSearch:
    def __init__(self) -> None:
        self.indexer: SearchIndexer | None = None  # the whole site's index, fed by every language
        self.owns_indexer = False  # the default language's build starts, writes and closes it

    def start(self, config: MkDocsConfig) -> None:
        """In the default language's build: a new indexer (the other languages' are handed it)."""
        if not site_languages_.is_default_build(config):
            return
        self.stop()
        try:
            self.indexer = SearchIndexer(keep_index_url=not config.use_directory_urls)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
        self.owns_indexer = True

    def stop(self) -> None:
        indexer, self.indexer = self.indexer, None
        if indexer is not None and self.owns_indexer:
            indexer.close()
        self.owns_indexer = False

    def share_with(self, other: SiteSearch) -> None:
        other.indexer, other.owns_indexer = self.indexer, False

    def start_writing(self, config: MkDocsConfig, page: Page | None, first_listing: str | None) -> None:
        """In the last language's build, from its first list of practices on (or after its pages),
        every page the search holds is in the index: Pagefind writes it while this build goes on
        (write() waits for it)."""
        if page is not None and page.file.src_uri != first_listing:
            return
        if self.indexer is None or site_languages_.build_language(config) != site_languages_.site_languages(config)[-1]:
            return
        try:
            self.indexer.start_writing(Path(config.site_dir) / site_languages_.site_root(config))
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def add_page(self, html: str, page: Page, config: MkDocsConfig) -> None:
        """Hand a written page to the indexer, at its address from the whole site's root."""
        if self.indexer is None or page.url is None:
            return
        prefix = language_prefix(site_languages_.build_language(config), site_languages_.site_languages(config))
        try:
            self.indexer.add_page("/" + prefix + page.url, html)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def write(self, config: MkDocsConfig) -> None:
        """After every language's build: the index into the site (the default language's build only)."""
        indexer, self.indexer = self.indexer, None
        owned, self.owns_indexer = self.owns_indexer, False
        if indexer is None or not owned:
            return
        try:
            indexer.write(Path(config.site_dir))
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
