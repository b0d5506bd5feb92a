"""Files the build publishes beside the pages, for people and programs: every practice's QR
code, the Atom feed (one per language) and the open data (once, at the whole site's root). Paths
are from the build's root."""
from __future__ import annotations

from .feed import FEED_PATH, feed_xml
from ..model.model import KnowledgeBase, practice_src_uri
from .opendata import KeptRows, data_files
from ..pages.addresses import SiteSettings
from ..pages.qrcodes import qr_path


def qr_addresses(kb: KnowledgeBase, settings: SiteSettings) -> dict[str, str]:
    """Each practice's QR code file and the address it encodes (qrfiles.py makes them)."""
    return {qr_path(slug): settings.page_address(practice_src_uri(slug)) for slug in kb.practices}


def download_files(kb: KnowledgeBase, settings: SiteSettings, source: KnowledgeBase | None = None,
                   languages: tuple[str, ...] = (), kept: KeptRows | None = None) -> dict[str, str]:
    """The feed of `kb` (a language's copy), and, given the knowledge base as written (`source`, in the
    default language's build only) and the site's languages, the open data of the whole site."""
    files = {FEED_PATH: feed_xml(kb, settings)}
    if source is not None:
        files.update(data_files(source, settings, languages, kept))
    return files
