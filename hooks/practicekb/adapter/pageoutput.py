"""A written page made light before it is saved: Material's inline icons become references to one
icon file of the whole site, and the HTML is minified.

Material writes each icon as an inline <svg> wherever it is shown: a practice page carried 14 of
them (5 KB, the same in every page). Each becomes an empty <svg class="kb-icon i…"> (its viewBox
kept only when it is not Material's usual square of 24), which Material's styles size as before, drawn in the text's colour through a CSS mask (kb.css)
whose image the site's one icon file, assets/kb-icons.css, gives as a data: address: downloaded
once, and found from any page, also after Material's instant navigation has changed the page's
address (a relative <use href> would then point elsewhere). Only Material's icon markup is replaced
(an <svg> of paths only, exactly as its .icons files write it): contributor HTML never holds an
<svg> (pages/sanitize.py removes it). Then minify-html (a maintained Rust minifier) drops the
templates' indentation and what HTML does not need, keeping closing tags so that every parser
reads the page alike.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import quote

import minify_html

ICONS_PATH = "assets/kb-icons.css"  # from the whole site's root; linked from every page (overrides/main.html)
SVG_NS = "http://www.w3.org/2000/svg"
SQUARE = "0 0 24 24"  # Material's own icons' viewBox: kb.css gives an icon without one a square box
# Material's icon files: <svg xmlns=… viewBox="0 0 24 24"><path d="…"/></svg> (some with several paths).
ICON = re.compile(r'<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="([0-9. ]+)">'
                  r'((?:<path(?: [a-z-]+="[^"<>]*")+/>)+)</svg>')


# minify-html writes every character reference as briefly as HTML allows: &lt; and &gt; become
# < and > inside attribute values and <title>, which browsers read as text but which the site never
# publishes for contributor text (escaped where shown). They are kept through the minifier as two
# private-use characters, written back as &lt; and &gt; after it.
KEPT = {"&lt;": "\ue000", "&gt;": "\ue001"}


def minified(html: str) -> str:
    """The page without blank indentation and what HTML does not need; closing tags, the <html>
    and <head> tags and every &lt; and &gt; are kept. A page that holds one of the stand-in
    characters itself is left as it is."""
    if any(stand_in in html for stand_in in KEPT.values()):
        return html
    for entity, stand_in in KEPT.items():
        html = html.replace(entity, stand_in)
    html = minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True,
                              minify_css=False, minify_js=False)
    for entity, stand_in in KEPT.items():
        html = html.replace(stand_in, entity)
    return html


class IconSprite:
    """The icons of every page of the site (every language's build adds to it), written once as
    one style sheet of data: addresses after the last page."""

    def __init__(self) -> None:
        self.icons: dict[str, tuple[str, str]] = {}  # id -> (viewBox, paths)

    def by_reference(self, html: str) -> str:
        """`html` with each of Material's inline icons replaced by a reference into the icon file."""
        def reference(match: re.Match) -> str:
            view_box, paths = match[1], match[2]
            key = "i" + hashlib.sha256(f"{view_box}|{paths}".encode("utf-8")).hexdigest()[:8]
            self.icons.setdefault(key, (view_box, paths))
            shape = "" if view_box == SQUARE else f' viewBox="{view_box}"'
            return f'<svg class="kb-icon {key}"{shape} aria-hidden="true"></svg>'
        return ICON.sub(reference, html)

    def text(self) -> str:
        rules = []
        for key, (view_box, paths) in sorted(self.icons.items()):
            svg = f'<svg xmlns="{SVG_NS}" viewBox="{view_box}">{paths}</svg>'
            rules.append(f'.kb-icon.{key}{{--kb-icon:url("data:image/svg+xml;charset=utf-8,{quote(svg, safe=" =/:;,.-")}")}}')
        return "/* Material's icons, drawn by svg.kb-icon in kb.css (hooks/practicekb/adapter/pageoutput.py) */\n" \
            + "\n".join(rules) + "\n"

    def write(self, site_root: Path) -> None:
        """Into the whole site's root folder (the default language's site_dir)."""
        target = site_root / ICONS_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.text(), encoding="utf-8")

