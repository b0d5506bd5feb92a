"""Which links of a practice page print their full address: links to other practices, not anchors,
outside addresses, the page itself or other kinds of pages."""
from __future__ import annotations

import pytest

from practicekb.pages.addresses import with_print_addresses

pytestmark = pytest.mark.unit

SITE = "https://example.org/kb/sk/"
PAGE = SITE + "practices/koper/"


@pytest.mark.parametrize("href,printed", [
    ("../bergen/", SITE + "practices/bergen/"),
    ("../bergen/#results", SITE + "practices/bergen/"),
    ("../../practices/are-nyar/", SITE + "practices/are-nyar/"),
    ("../../themes/intercultural-mediation/", None),  # a term page: the fact box, not the text
    ("../", None),  # the list of practices
    ("./", None),  # the page itself
    ("#sources", None),
    ("https://example.org/kb/sk/practices/bergen/", None),  # absolute already: the source list prints those
    ("mailto:someone@example.org", None),
    ("../../../practices/bergen/", None),  # another language's page
])
def test_links_to_other_practices_get_their_full_address(href, printed):
    html = f'<p>See <a href="{href}">it</a>.</p>'
    marked = with_print_addresses(html, PAGE, SITE + "practices/")
    assert marked == (html if printed is None else f'<p>See <a href="{href}" data-kb-print-href="{printed}">it</a>.</p>')
