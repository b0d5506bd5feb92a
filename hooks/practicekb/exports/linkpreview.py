"""Link previews: the Open Graph and Twitter card tags that decide what a shared link shows,
and where the social card images of the site live.

Every address in them is absolute, made from site_url (the one setting for where the site
is published). Without a site_url, the tags that need an absolute address are left out.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from babel.core import get_global

from .cardfiles import CardJob
from .cards import CardText
from ..model.model import KnowledgeBase, Practice

CARDS_DIR = "assets/cards"
SITE_CARD = f"{CARDS_DIR}/site.png"
CARD_WIDTH, CARD_HEIGHT = 1200, 630


def practice_card_path(slug: str) -> str:
    """The social card of a practice, relative to the site root."""
    return f"{CARDS_DIR}/practices/{slug}.png"


def og_locale(language: str) -> str:
    """An Open Graph locale (language_TERRITORY) for a language code: sl -> sl_SI, en -> en_US."""
    def territory(parts: list[str]) -> str:
        return next((part.upper() for part in parts[1:] if len(part) == 2), "")

    parts = language.replace("-", "_").split("_")
    own = territory(parts)
    likely = get_global("likely_subtags").get(parts[0].lower(), "").split("_")
    region = own or territory(likely)
    return f"{parts[0].lower()}_{region}" if region else parts[0].lower()


@dataclass(frozen=True)
class Preview:
    """What a link to one page shows."""

    title: str
    description: str
    url: str  # the page's canonical address, or ""
    image: str  # the card's absolute address, or ""
    image_alt: str
    site_name: str
    locale: str
    kind: str = "website"  # Open Graph type: article for a practice


def practice_preview(practice: Practice, places: str, url: str, site_url: str, site_name: str) -> Preview:
    """A practice: its summary, its own card, and the locale of the language it is written in."""
    image = urljoin(site_url, practice_card_path(practice.slug)) if site_url else ""
    alt = f"{practice.title}: {places}" if places else practice.title
    return Preview(practice.title, practice.description, url, image, alt, site_name,
                   og_locale(practice.text_language or practice.language), "article")


def page_preview(title: str, description: str, url: str, site_url: str, site_name: str, language: str) -> Preview:
    """Any other page: its description (or the site's) and the site card."""
    image = urljoin(site_url, SITE_CARD) if site_url else ""
    return Preview(title or site_name, description, url, image, site_name, site_name, og_locale(language))


def meta_tags(preview: Preview) -> list[tuple[str, str, str]]:
    """(attribute, name, content) of each <meta> tag, in order; empty values are left out."""
    tags = [
        ("property", "og:type", preview.kind),
        ("property", "og:site_name", preview.site_name),
        ("property", "og:locale", preview.locale),
        ("property", "og:title", preview.title),
        ("property", "og:description", preview.description),
        ("property", "og:url", preview.url),
    ]
    if preview.image:
        tags += [
            ("property", "og:image", preview.image),
            ("property", "og:image:type", "image/png"),
            ("property", "og:image:width", str(CARD_WIDTH)),
            ("property", "og:image:height", str(CARD_HEIGHT)),
            ("property", "og:image:alt", preview.image_alt),
        ]
    # X reads og:title, og:description and og:image where its own twitter: tags are missing: only the
    # card's kind and the image's text (which has no og: equivalent it reads) are said again.
    tags.append(("name", "twitter:card", "summary_large_image" if preview.image else "summary"))
    if preview.image:
        tags.append(("name", "twitter:image:alt", preview.image_alt))
    return [(attribute, name, " ".join(content.split())) for attribute, name, content in tags if content]


def places(kb: KnowledgeBase, practice: Practice) -> str:
    """Where a practice is, for its card: 'Škofja Loka, Slovenia'."""
    return kb.place_line(practice)


def card_jobs(kb: KnowledgeBase, site_dir: Path, site_name: str, site_description: str) -> list[CardJob]:
    """The site card and one card per practice, each with where it goes in the built site."""
    jobs = [CardJob(CardText(site_name, themes=site_description), site_dir / SITE_CARD)]
    for practice in kb.practices.values():
        themes = " · ".join(term.text(kb.shown_language()) for term in kb.terms_of(practice, "themes"))
        text = CardText(practice.title, places(kb, practice), themes, site_name)
        jobs.append(CardJob(text, site_dir / practice_card_path(practice.slug)))
    return jobs
