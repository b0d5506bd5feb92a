"""Contributor HTML passes an allowlist before it is published: whatever the source checks miss.

The source checks (safety.py) tell a contributor what is wrong and on which line; this is the
defence. Markdown that contributors send (practice bodies and their translations, translations of
hand-written pages, vocabulary texts on generated pages) is converted by Python-Markdown, and the
HTML it becomes is cleaned by nh3 (the Python binding of the Ammonia sanitizer): only the elements
and attributes text needs, addresses only http(s), mailto and the site's own relative links, images
only from the site itself, no style, no event handlers, no comments.
"""
from __future__ import annotations

import html as html_module
from functools import lru_cache
from urllib.parse import urlsplit

import nh3

TEXT_ELEMENTS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd", "samp", "var",
    "strong", "b", "em", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "cite", "q", "dfn",
    "span", "div", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "colgroup", "col", "thead", "tbody",
    "tfoot", "tr", "th", "td", "a", "img", "figure", "figcaption", "details", "summary", "time", "wbr", "bdi", "bdo",
}
# Everywhere: what headings, admonitions, footnotes, tables and language marks need; the site's own
# markers that keep text out of the search index; `id` for anchors.
GLOBAL_ATTRIBUTES = {"id", "class", "lang", "dir", "title", "data-pagefind-ignore", "data-search-exclude"}
ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "time": {"datetime"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
SCHEMES = {"http", "https", "mailto"}


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """Images come only from the site itself: an address with a host would tell that host who reads."""
    if element == "img" and attribute == "src":
        parts = urlsplit(value.strip())
        if parts.scheme or parts.netloc or value.strip().startswith(("//", "\\")):
            return None
    if attribute in ("cite",) and urlsplit(value.strip()).scheme not in ("", "http", "https"):
        return None
    return value


def clean_html(html: str) -> str:
    """The HTML with everything outside the allowlist removed (elements unwrapped to their text,
    script and style with their content)."""
    return nh3.clean(
        html, tags=TEXT_ELEMENTS, attributes={"*": GLOBAL_ATTRIBUTES, **ATTRIBUTES}, url_schemes=SCHEMES,
        attribute_filter=_keep_attribute, link_rel=None, strip_comments=True,
        clean_content_tags={"script", "style"})


@lru_cache(maxsize=16384)  # the same titles and headings recur on every page and in every language
def clean_text(text: str) -> str:
    """Text for a place that takes no markup at all and may be an attribute (a table of contents
    entry, a page title): any element reduced to its text, then escaped, quotes too. Text that is
    escaped already comes out the same."""
    plain = html_module.unescape(nh3.clean(text, tags=set(), attributes={}, strip_comments=True,
                                           clean_content_tags={"script", "style"}))
    return html_module.escape(plain, quote=True)
