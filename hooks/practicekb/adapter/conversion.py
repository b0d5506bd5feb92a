"""Generated pages' Markdown converted outside MkDocs' own step (prerender.py: from the cache of
the last build, by a worker in the order MkDocs builds them, or in this process), and put back
into each page before the theme renders it."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import language_builds as site_languages_
from ..pages.pages import GeneratedPage
from ..pages.sanitize import clean_text
from .headingwords import HeadingWords
from .htmlcache import HtmlCache, conversion_fingerprint
from .prerender import PARALLEL_FROM, MarkdownBatch
from .settings import cache_folder, clean_toc

log = logging.getLogger("mkdocs.plugins.practicekb")


@dataclass(frozen=True)
class ConversionOptions:
    """From the plugin's settings in mkdocs.yml (plugin.KnowledgeBaseConfig)."""

    enabled: bool = True  # False: MkDocs converts every page itself
    workers: int | None = None  # None: one worker where there are two cores or more
    parallel_from: int = PARALLEL_FROM  # fewer pages to convert than this: in this process, not a worker


class PrerenderedPage(Page):
    """A generated page whose HTML comes from prerender.py: MkDocs is given its Markdown empty
    (Conversion.skip_markdown), and this skips even converting that, a new Python-Markdown instance
    per page; Conversion.fill puts the HTML in before the theme. Set as the file's page in on_files,
    which MkDocs allows (File.page)."""

    def __init__(self, file: File, config: MkDocsConfig, converted: MarkdownBatch):
        super().__init__(None, file, config)
        self.converted = converted

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown or self.file.src_uri not in self.converted:
            super().render(config, files)
            return
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()  # the title: from the page's meta or nav


class Conversion:
    def __init__(self) -> None:
        self.batch: MarkdownBatch | None = None
        self.generated = 0
        self.headings: HeadingWords | None = None  # this build's language's heading words (headingwords.py)

    def start(self, pages: dict[str, GeneratedPage], files: Files, config: MkDocsConfig,
              options: ConversionOptions) -> None:
        """Take the generated pages' HTML from the last build's cache and hand the rest of their
        Markdown to prerender.py, which keeps what it converts in the cache (htmlcache.py)."""
        self.generated = len(pages)
        extensions = list(config.markdown_extensions)
        if not options.enabled or not all(isinstance(extension, str) for extension in extensions):
            return  # a worker needs the extensions by name
        self.headings = HeadingWords(extensions, dict(config.mdx_configs or {}))
        extension_configs = self.headings.settings  # the same in every language (headingwords.py)
        secrets = {page.nonce for page in pages.values()}  # one per build
        cache = HtmlCache(cache_folder(config, "html"), conversion_fingerprint(extensions, extension_configs),
                          secrets.pop()) if len(secrets) == 1 else None
        self.batch = MarkdownBatch({uri: page.content for uri, page in pages.items()}, extensions, extension_configs, cache,
                                   options.workers, options.parallel_from)
        in_nav = site_languages_.nav_titles(config.nav)  # MkDocs gives those their title from the nav
        for uri in pages:
            file = files.get_file_from_path(uri)
            if uri in self.batch and uri not in in_nav and file is not None:
                PrerenderedPage(file, config, self.batch)  # becomes file.page, which MkDocs then uses

    def converts(self, page: Page) -> bool:
        return self.batch is not None and page.file.src_uri in self.batch

    def skip_markdown(self, markdown: str, page: Page, generated: GeneratedPage | None) -> str:
        """A page converted here is given to MkDocs' own Markdown step empty; another generated page
        gets its headings' words back (GeneratedPage.with_words), so MkDocs converts it as written."""
        if self.converts(page):
            return ""
        return generated.with_words(markdown) if generated is not None else markdown

    def fill(self, page: Page, generated: GeneratedPage | None, insert_fragments: Callable[..., str]) -> None:
        """Before the theme renders a page converted here (`generated`): its HTML (with its heading
        words, and its fragments through `insert_fragments`), table of contents and anchors."""
        if not self.converts(page):
            return
        try:
            converted = self.batch.result(page.file.src_uri)
        except Exception as error:  # the conversion's own failure (an extension's error, a killed worker)
            raise PluginError(f"Converting the Markdown of {page.file.src_uri} failed: {error!r}") from None
        converted = self.headings.resolve(converted, generated)
        page.content = insert_fragments(converted.html, page.file.src_uri, cleaned=True)  # prerender.py cleaned it
        page.toc = get_toc(converted.toc_tokens)
        clean_toc(page.toc)
        page.title = clean_text(page.title or "")
        page.present_anchor_ids = set(converted.anchor_ids)

    def stop(self, keep: bool = False) -> None:
        """Once every page is built (or the build failed); `keep` (every page built) saves the
        converted pages for the next build."""
        if self.batch is not None:
            if keep:
                self.batch.save()
            self.batch.cancel()
        if keep:
            counts = self.batch.counts() if self.batch is not None else {"cache": 0, "worker": 0, "here": 0}
            shared = self.batch.from_other_languages() if self.batch is not None else 0
            log.info(f"Generated pages: {counts['cache']} from the cache, {counts['worker']} converted by a worker, "
                     f"{counts['here']} in this process, {self.generated - sum(counts.values())} by MkDocs; "
                     f"{shared} of those from the cache converted by another language's build")
        self.batch, self.headings = None, None
