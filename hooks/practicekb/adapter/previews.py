"""What a shared link shows: each page's Open Graph and Twitter card tags, and the social cards
(drawn in worker processes while MkDocs writes the pages, exports/cardfiles.py)."""
from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from . import language_builds as site_languages_
from ..core.filebatch import FileBatch
from ..exports.cardfiles import card_batch
from ..exports.linkpreview import card_jobs, meta_tags, page_preview, places, practice_preview
from ..model.model import KnowledgeBase, Practice
from .language_builds import plain_text_of
from .settings import cache_folder, plain_text

log = logging.getLogger("mkdocs.plugins.practicekb")


def practice_of(kb: KnowledgeBase | None, page: Page) -> Practice | None:
    if kb is None or page.meta.get("kb_kind") != "practice":
        return None
    return kb.practices.get(str(page.meta.get("kb_slug")))


def link_preview_tags(kb: KnowledgeBase | None, page: Page, config: MkDocsConfig) -> str:
    """The Open Graph and Twitter card tags of a page, for overrides/partials/kb-link-preview.html."""
    site_url, url = config.site_url or "", page.canonical_url or ""
    practice = practice_of(kb, page)
    if practice is not None:
        preview = practice_preview(practice, places(kb, practice), url, site_url, plain_text_of(config, "site_name"))
    else:
        # A page's title and description are HTML to MkDocs and Material (generated pages escape them).
        description = plain_text(page.meta.get("description") or plain_text_of(config, "site_description"))
        preview = page_preview(plain_text(page.title or ""), description, url, site_url, plain_text_of(config, "site_name"),
                               site_languages_.build_language(config))
    return meta_tags(preview)


class SocialCards:
    def __init__(self) -> None:
        self.batch: FileBatch | None = None

    def start(self, config: MkDocsConfig, kb: KnowledgeBase) -> None:
        """Start drawing the social cards that .cache/cards/<language>/ does not have."""
        jobs = card_jobs(kb, Path(config.site_dir), plain_text_of(config, "site_name"),
                         plain_text_of(config, "site_description"))
        try:
            self.batch = card_batch(jobs, cache_folder(config, "cards"))
        except OSError as error:
            raise PluginError(f"The social cards cannot be written: {error}") from None

    def write(self) -> None:
        """A 1200×630 card per practice and one for the site, once the workers have drawn them."""
        batch, self.batch = self.batch, None
        if batch is None:
            return
        waited = time.perf_counter()
        try:
            stats = batch.finish()
        except (OSError, RuntimeError) as error:
            raise PluginError(f"The social cards cannot be written: {error}") from None
        log.info(f"Social cards: {stats.made} drawn, {stats.cached} from the cache, "
                 f"{time.perf_counter() - waited:.2f} seconds after the pages")

    def cancel(self) -> None:
        if self.batch is not None:
            self.batch.cancel()
            self.batch = None
