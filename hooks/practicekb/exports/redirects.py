"""Permanent addresses: a page at each former address of a practice that sends readers on.

A practice lists its former slugs in `aliases:`. For each, the site gets a small static
page at /practices/<old-slug>/ with a meta refresh (no script needed), a canonical link
to the practice's address, and a visible link for anyone whose browser does not follow
the refresh. Validation has already made sure no former slug is a live slug or belongs
to two practices.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import jinja2

from ..model.model import KnowledgeBase, Practice
from ..pages.addresses import page_url, root_of
from ..pages.pages import template_environment
from ..pages.views import words_of


@dataclass(frozen=True)
class Redirect:
    path: str  # the file in the built site, e.g. practices/old-slug/index.html
    old_slug: str
    practice: Practice
    content: str  # the HTML page


def redirect_path(old_slug: str, directory_urls: bool = True) -> str:
    """The file that answers at the former address of a practice."""
    url = page_url(f"practices/{old_slug}.md", directory_urls)
    return url + "index.html" if url.endswith("/") else url


def redirect_html(kb: KnowledgeBase, practice: Practice, old_slug: str, site_url: str, template: jinja2.Template,
                  directory_urls: bool = True) -> str:
    """The page at a former address, in the knowledge base's language (overrides/kb/redirect.html):
    relative refresh and link (they work on any host and from disk), absolute canonical address
    from site_url when there is one."""
    language = kb.shown_language()
    shown = practice.text_language or practice.language
    return template.render(
        title=practice.title, title_lang=shown if shown != language else "", language=language,
        t=words_of(kb.interface.catalogues[language]),
        href=root_of(page_url(f"practices/{old_slug}.md", directory_urls)) + page_url(practice.src_uri, directory_urls),
        canonical=urljoin(site_url, page_url(practice.src_uri, directory_urls)) if site_url else "")


def redirects(kb: KnowledgeBase, site_url: str, templates_dir: Path, directory_urls: bool = True) -> list[Redirect]:
    """A redirect page for every former slug of every practice, in slug order."""
    template = template_environment(str(templates_dir)).get_template("redirect.html")
    pages = []
    for practice in kb.practices.values():
        for old_slug in practice.aliases:
            pages.append(Redirect(redirect_path(old_slug, directory_urls), old_slug, practice,
                                  redirect_html(kb, practice, old_slug, site_url, template, directory_urls)))
    return sorted(pages, key=lambda r: r.old_slug)
