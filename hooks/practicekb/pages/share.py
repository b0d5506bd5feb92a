"""What a practice page offers for sharing: its address, its QR code and its citation."""
from __future__ import annotations

from dataclasses import dataclass

from .citation import Citation, citation
from ..model.model import KnowledgeBase, Practice
from .qrcodes import qr_path


@dataclass(frozen=True)
class Share:
    address: str  # absolute, as published
    qr_path: str  # the PNG file, from the site root
    qr_download_name: str  # the file name a download is saved as
    citation: Citation


def share_of(kb: KnowledgeBase, practice: Practice, address: str, site_name: str, **citation_words: str) -> Share:
    """`citation_words`: the citation's accessed_word and placeholder in the page's language."""
    return Share(address, qr_path(practice.slug), f"{practice.slug}-qr.png",
                 citation(kb, practice, address, site_name, **citation_words))
