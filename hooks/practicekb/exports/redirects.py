"""Permanent addresses: a page at each former address of a practice that sends readers on.

A practice lists its former slugs in `aliases:`. For each, the site gets a small static
page at /practices/<old-slug>/ with a meta refresh (no script needed), a canonical link
to the practice's address, and a visible link for anyone whose browser does not follow
the refresh. Validation has already made sure no former slug is a live slug or belongs
to two practices.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urljoin

from ..model.model import KnowledgeBase, Practice
from ..pages.addresses import page_url, url_via_root


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


def redirect_html(practice: Practice, old_slug: str, site_url: str, directory_urls: bool = True) -> str:
    """The page at a former address: relative refresh and link (they work on any host and
    from disk), absolute canonical address from site_url when there is one."""
    target = url_via_root(f"practices/{old_slug}.md", practice.src_uri, directory_urls)
    canonical = urljoin(site_url, page_url(practice.src_uri, directory_urls)) if site_url else ""
    title = html.escape(practice.title)
    language = html.escape(str(practice.data.get("language", "en")))
    href = html.escape(target)
    canonical_link = f'<link rel="canonical" href="{html.escape(canonical)}">\n' if canonical else ""
    return (
        "<!doctype html>\n"
        f'<html lang="{language}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f"{canonical_link}"
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        '<meta name="robots" content="noindex">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "</head>\n"
        "<body>\n"
        f'<p>This practice has a new address: <a href="{href}">{title}</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )


def redirects(kb: KnowledgeBase, site_url: str, directory_urls: bool = True) -> list[Redirect]:
    """A redirect page for every former slug of every practice, in slug order."""
    pages = []
    for practice in kb.practices.values():
        for old_slug in practice.data.get("aliases", []):
            pages.append(Redirect(redirect_path(old_slug, directory_urls), old_slug, practice,
                                  redirect_html(practice, old_slug, site_url, directory_urls)))
    return sorted(pages, key=lambda r: r.old_slug)
