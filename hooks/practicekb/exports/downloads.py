"""Files the build publishes beside the pages, for people and programs: every practice's QR
code, the Atom feed and the open data. Paths are from the site root."""
from __future__ import annotations

from .feed import FEED_PATH, feed_xml
from ..model.model import KnowledgeBase, practice_src_uri
from .opendata import data_files
from ..pages.addresses import SiteSettings
from ..pages.qrcodes import qr_path


def qr_addresses(kb: KnowledgeBase, settings: SiteSettings) -> dict[str, str]:
    """Each practice's QR code file and the address it encodes (qrfiles.py makes them)."""
    return {qr_path(slug): settings.page_address(practice_src_uri(slug)) for slug in kb.practices}


def download_files(kb: KnowledgeBase, settings: SiteSettings) -> dict[str, str]:
    """The feed and the open data, made at once: they take milliseconds."""
    files = {FEED_PATH: feed_xml(kb, settings)}
    files.update(data_files(kb, settings))
    return files
