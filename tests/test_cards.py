"""A social card file holds the card as drawn: 1200×630, the site's 16-level palette, 4 bits a pixel."""
from __future__ import annotations

import pytest

import io
import struct

from PIL import Image

from practicekb.exports import cards

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast


def test_a_card_file_holds_the_card_as_drawn_in_four_bits():
    text = cards.CardText("Council for the inclusion of migrants in Škofja Loka", "Škofja Loka, Slovenia",
                          "Coordination bodies · Intercultural mediation", "Local integration practices")
    drawn = cards.drawn_card(text)
    png = cards.card_png(text)
    width, height, bit_depth = struct.unpack(">IIB", png[16:25])  # the IHDR chunk
    assert (width, height, bit_depth) == (1200, 630, 4)
    assert len(png) < 40_000
    with Image.open(io.BytesIO(png)) as decoded:
        decoded.load()
        assert decoded.tobytes() == drawn.tobytes()
        assert decoded.getpalette()[:48] == cards.PALETTE
    levels = set(drawn.tobytes())
    assert {0, cards.MUTED, cards.WHITE} <= levels <= set(range(16))  # background, muted and white text, smooth edges
    assert len(levels) > 8


def test_a_long_title_is_cut_on_a_word_with_an_ellipsis():
    lines = cards.wrap("Intercultural mediation " * 20, 68, 1040, 3)
    assert len(lines) == 3 and lines[-1].endswith(cards.ELLIPSIS)
    assert all(cards.text_width(68, line) <= 1040 for line in lines)


@pytest.mark.parametrize("size,line", [(68, "Council for the inclusion of migrants"), (38, "Škofja Loka, Slovenia"),
                                       (30, "Coordination bodies · Intercultural mediation · Language learning")])
def test_a_line_drawn_word_by_word_is_where_pillow_draws_it(size, line):
    """Words are rendered once and pasted, each on the whole pixel nearest to Pillow's own placing."""
    from PIL import Image, ImageDraw

    ours, pillows = Image.new("L", (1200, 120)), Image.new("L", (1200, 120))
    cards.draw_text(ours, 20, 10, size, line, 255)
    ImageDraw.Draw(pillows).text((20, 10), line, font=cards.font(size), fill=255)
    assert all(abs(a - b) <= 1 for a, b in zip(ours.getbbox(), pillows.getbbox()))
    first_word_end = 20 + int(cards.word_width(size, line.split(" ")[0]))
    assert ours.crop((0, 0, first_word_end, 120)).tobytes() == pillows.crop((0, 0, first_word_end, 120)).tobytes()
