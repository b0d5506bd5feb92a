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
from ..exports.cards import CardText
from ..exports.linkpreview import (SITE_CARD, card_jobs, meta_tags, page_preview, places, practice_card_path,
                                      practice_preview)
from ..model.model import KnowledgeBase, Practice
from .language_builds import plain_text_of
from .settings import cache_folder, plain_text

log = logging.getLogger("mkdocs.plugins.practicekb")


def practice_of(kb: KnowledgeBase | None, page: Page) -> Practice | None:
    if kb is None or page.meta.get("kb_kind") != "practice":
        return None
    return kb.practices.get(str(page.meta.get("kb_slug")))


def link_preview_tags(kb: KnowledgeBase | None, page: Page, config: MkDocsConfig, cards: SocialCards) -> str:
    """The Open Graph and Twitter card tags of a page, for overrides/partials/kb-link-preview.html."""
    site_url, url = config.site_url or "", page.canonical_url or ""
    practice = practice_of(kb, page)
    if practice is not None:
        card = practice_card_path(practice.slug)
        preview = practice_preview(practice, cards.place_shown(card) or places(kb, practice), url,
                                   cards.site_of(card, site_url), plain_text_of(config, "site_name"))
    else:
        # A page's title and description are HTML to MkDocs and Material (generated pages escape them).
        description = plain_text(page.meta.get("description") or plain_text_of(config, "site_description"))
        preview = page_preview(plain_text(page.title or ""), description, url, cards.site_of(SITE_CARD, site_url),
                               plain_text_of(config, "site_name"), site_languages_.build_language(config))
    return meta_tags(preview)


class SocialCards:
    """The cards of one language's build. A card speaks the language of the practice's text on the
    page: where the page shows a practice untranslated, in the default language, it links the
    default language's card, which is that text's card; so does a page whose card has the same words
    (title, place, themes) as the default language's. Only the other cards are drawn again."""

    def __init__(self) -> None:
        self.batch: FileBatch | None = None
        self.drawn: dict[str, CardText] = {}  # card path (from the build's root) -> what it shows
        self.default: dict[str, CardText] = {}  # the default language's cards, handed over (hand_over)
        self.at_root: set[str] = set()  # cards this build links from the default language's
        self.root_url = ""

    def hand_over(self, other: SocialCards, root_url: str) -> None:
        other.default, other.root_url = self.drawn, root_url

    def place_shown(self, card: str) -> str:
        """The place the default language's `card` shows, where this build links it: the image's text
        alternative then says what the image says (its words are the default language's)."""
        return self.default[card].place if card in self.at_root else ""

    def site_of(self, card: str, site_url: str) -> str:
        """The address of the site whose `card` (a path from its root) the page shows."""
        return self.root_url if card in self.at_root else site_url

    def start(self, config: MkDocsConfig, kb: KnowledgeBase, in_site: dict[Path, str] | None = None) -> None:
        """Start drawing the social cards that .cache/cards/<language>/ does not have (`in_site`: FileBatch's)."""
        site = Path(config.site_dir)
        default_language = site_languages_.site_languages(config)[0]
        in_default_language = {practice_card_path(practice.slug) for practice in kb.practices.values()
                               if practice.text_language == default_language}
        jobs = []
        for job in card_jobs(kb, site, plain_text_of(config, "site_name"), plain_text_of(config, "site_description")):
            path = job.target.relative_to(site).as_posix()
            shown = self.default.get(path)
            if shown is not None and (path in in_default_language or (shown.title, shown.place, shown.themes) == (
                    job.text.title, job.text.place, job.text.themes)):
                self.at_root.add(path)
                continue
            self.drawn[path] = job.text
            jobs.append(job)
        try:
            self.batch = card_batch(jobs, cache_folder(config, "cards"), in_site=in_site)
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
