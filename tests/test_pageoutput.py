"""Written pages made light (hooks/practicekb/adapter/pageoutput.py): Material's icons by reference
into one style sheet, the HTML minified, contributor text still escaped."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from practicekb.adapter.pageoutput import IconSprite, minified

pytestmark = pytest.mark.unit

MATERIAL_ICONS = Path(__import__("material").__file__).parent / "templates" / ".icons"
MAGNIFY = (MATERIAL_ICONS / "material" / "magnify.svg").read_text(encoding="utf-8").strip()


class Texts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts, self.attributes = [], []

    def handle_data(self, data):
        self.texts.append(data)

    def handle_starttag(self, tag, attrs):
        self.attributes += [value for _, value in attrs if value]


def test_material_icons_become_references_into_one_style_sheet():
    icons = IconSprite()
    page = f'<label>{MAGNIFY}</label><button>{MAGNIFY}</button><svg viewBox="0 0 1 1"><circle r="1"/></svg>'
    light = icons.by_reference(page)
    assert "<path" not in light.split("<circle")[0]  # both copies of Material's icon are references
    assert light.count('<svg class="kb-icon i') == 2 and '<circle r="1"/>' in light  # other SVG kept
    key = light.split('class="kb-icon ')[1].split('"')[0]
    sheet = icons.text()
    assert sheet.count(".kb-icon.i") == 1 and f".kb-icon.{key}{{" in sheet
    assert 'url("data:image/svg+xml;charset=utf-8,' in sheet and "%3Cpath" in sheet


def test_minified_page_keeps_its_text_escaped_and_loses_its_indentation():
    page = ('<!doctype html>\n<html lang="en">\n  <head>\n    <title>A &amp; &lt;script&gt;</title>\n'
            '    <meta property="og:title" content="A &lt;b&gt; &quot;x&quot;">\n  </head>\n'
            '  <body>\n    <p title="&lt;i&gt;">\n      One &lt;b&gt;two&lt;/b&gt;\n    </p>\n  </body>\n</html>\n')
    light = minified(page)
    assert "\n  " not in light and len(light) < len(page)
    for raw in ("<script>", "<b>", "<i>"):
        assert raw not in light
    before, after = Texts(), Texts()
    before.feed(page), after.feed(light)
    assert " ".join(" ".join(after.texts).split()) == " ".join(" ".join(before.texts).split())
    assert sorted(after.attributes) == sorted(before.attributes)
    assert "</p>" in light and "<head>" in light  # closing tags kept


def test_a_page_with_the_stand_in_characters_is_left_whole():
    page = "<p>\n  private use \ue000 character\n</p>"
    assert minified(IconSprite().by_reference(page)) == page


def test_pages_minified_by_the_worker_are_the_pages_minified_here(tmp_path):
    """adapter/minifier.py: with a worker, each page is written as MkDocs gives it and minified in place
    once written (never before MkDocs writes it); the files end as the build's own minify makes them."""
    from practicekb.adapter.conversion import ConversionOptions
    from practicekb.adapter.minifier import PageMinifier

    minifier = PageMinifier(60, ConversionOptions(workers=1, parallel_from=10))
    pages = []
    for n in range(60):
        html = f"<!doctype html>\n<html>\n  <head>\n    <title>Page {n}</title>\n  </head>\n  <body>\n    <p>\n      Text &lt;{n}&gt;\n    </p>\n  </body>\n</html>\n"
        path = tmp_path / f"page-{n}.html"
        written = minifier.page(html, str(path))
        assert written == html  # the worker minifies it, after MkDocs has written it
        path.write_text(written, encoding="utf-8")  # what MkDocs does with it
        pages.append((path, html))
    minifier.finish()
    assert [path.read_text(encoding="utf-8") for path, _ in pages] == [minified(html) for _, html in pages]
    assert all("&lt;" in path.read_text(encoding="utf-8") and "\n  " not in path.read_text(encoding="utf-8")
               for path, _ in pages)
    here = PageMinifier(5, ConversionOptions(workers=1, parallel_from=10))  # fewer pages than parallel_from: minified at once
    assert here.page(pages[0][1], str(tmp_path / "here.html")) == minified(pages[0][1])
