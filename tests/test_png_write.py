"""pngwrite.py writes 4-bit palette PNGs itself from bands of rows, joining pieces of compressed data:
every file must decode (zlib checking its Adler-32, Pillow its chunks' CRCs) to exactly the pixels
it was given, the rows outside the bands blank."""
from __future__ import annotations

import io
import random
import struct
import zlib

import pytest
from PIL import Image

from practicekb import cards
from practicekb.pngwrite import png_4bit

PALETTE = [value for level in range(16) for value in (level * 16, 255 - level * 16, level * 8)]


def chunks(png: bytes) -> dict[bytes, bytes]:
    found, offset = {}, 8
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset:offset + 8])
        found[kind] = png[offset + 8:offset + 8 + length]
        offset += 12 + length
    return found


def image_of(width: int, height: int, rows: list[list[int]]) -> Image.Image:
    image = Image.new("P", (width, height))
    image.putdata([level for row in rows for level in row])
    image.putpalette(PALETTE)
    return image


def bands_of(image: Image.Image, split: bool) -> list[tuple[int, bytes]]:
    """The image as one band, or as a band per run of rows that are not blank."""
    width, height = image.size
    if not split:
        return [(0, image.tobytes("raw", "P;4"))]
    drawn = [row for row in range(height) if image.crop((0, row, width, row + 1)).getbbox()]
    runs: list[list[int]] = []
    for row in drawn:
        if runs and runs[-1][-1] == row - 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return [(run[0], image.crop((0, run[0], width, run[-1] + 1)).tobytes("raw", "P;4")) for run in runs]


def random_rows(width: int, height: int, seed: int) -> list[list[int]]:
    """Runs of blank rows (at the top, in the middle, at the foot) between rows of any levels."""
    chance = random.Random(seed)
    rows = []
    for _ in range(height):
        if chance.random() < 0.6:
            rows.append([0] * width)
        else:
            rows.append([chance.choice([0, 0, 0, chance.randrange(16)]) for _ in range(width)])
    return rows


SHAPES = [(1, 1), (2, 3), (7, 5), (1200, 40), (33, 300)]


@pytest.mark.parametrize("width,height", SHAPES)
@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("split", [False, True])
def test_a_written_png_decodes_to_its_pixels(width, height, seed, split):
    image = image_of(width, height, random_rows(width, height, seed))
    png = png_4bit(width, height, bands_of(image, split), PALETTE)
    found = chunks(png)
    assert list(found) == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    assert struct.unpack(">IIBBBBB", found[b"IHDR"]) == (width, height, 4, 3, 0, 0, 0)
    raw = zlib.decompress(found[b"IDAT"])  # checks the worked-out Adler-32
    row_bytes = (width + 1) // 2
    assert len(raw) == height * (row_bytes + 1)
    with Image.open(io.BytesIO(png)) as decoded:
        decoded.load()
        assert (decoded.mode, decoded.size) == ("P", (width, height))
        assert decoded.tobytes() == image.tobytes()
        assert decoded.getpalette() == PALETTE


@pytest.mark.parametrize("rows", [[[0] * 9] * 6, [[15] * 9] * 6, [[0] * 9] * 3 + [[5] * 9] + [[0] * 9] * 2])
def test_blank_and_full_images(rows):
    image = image_of(9, 6, rows)
    png = png_4bit(9, 6, bands_of(image, split=True), PALETTE)
    assert zlib.decompress(chunks(png)[b"IDAT"])
    with Image.open(io.BytesIO(png)) as decoded:
        assert decoded.tobytes() == image.tobytes()


@pytest.mark.parametrize("bands", [[(0, bytes(5))], [(2, bytes(4))], [(1, bytes(2)), (0, bytes(2))],
                                   [(0, bytes(4)), (1, bytes(2))]])
def test_bands_that_are_not_whole_rows_in_order_are_refused(bands):
    with pytest.raises(ValueError, match="bands of rows must be whole rows of 2 bytes"):
        png_4bit(3, 3, bands, PALETTE)


def test_a_card_file_holds_the_card_as_drawn():
    text = cards.CardText("Council for the inclusion of migrants in Škofja Loka", "Škofja Loka, Slovenia",
                          "Coordination bodies · Intercultural mediation", "Local integration practices")
    drawn, rows = cards.drawn_card(text)
    bands = cards.bands(rows)
    inside = {row for top, bottom in bands for row in range(top, bottom)}
    assert len(inside) < 630 / 2  # most of a card is background, left out of the bands
    assert all(drawn.crop((0, row, 1200, row + 1)).getbbox() is None for row in set(range(630)) - inside)
    with Image.open(io.BytesIO(cards.card_png(text))) as decoded:
        decoded.load()
        assert decoded.size == (1200, 630) and decoded.tobytes() == drawn.tobytes()
        assert decoded.getpalette() == cards.PALETTE
    levels = set(drawn.tobytes())
    assert {0, cards.MUTED, cards.WHITE} <= levels <= set(range(16))  # background, muted and white text, smooth edges
    assert len(levels) > 8


@pytest.mark.parametrize("size,line", [(68, "Council for the inclusion of migrants"), (38, "Škofja Loka, Slovenia"),
                                       (30, "Coordination bodies · Intercultural mediation · Language learning"),
                                       (44, "AVAJ WAVE «Vrtec» fi ffl")])
def test_a_line_drawn_word_by_word_is_where_pillow_draws_it(size, line):
    """Words start on whole pixels (at most half a pixel from Pillow's own placing), nothing else moves."""
    from PIL import ImageDraw

    ours, pillows = Image.new("L", (1200, 120)), Image.new("L", (1200, 120))
    cards.draw_text(ImageDraw.Draw(ours), 20, 10, size, line, 255, [])
    ImageDraw.Draw(pillows).text((20, 10), line, font=cards.font(size), fill=255)
    assert all(abs(a - b) <= 1 for a, b in zip(ours.getbbox(), pillows.getbbox()))
    first_word_end = 20 + int(cards.word_width(size, line.split(" ")[0]))
    assert ours.crop((0, 0, first_word_end, 120)).tobytes() == pillows.crop((0, 0, first_word_end, 120)).tobytes()
    ink = sum(ours.tobytes()), sum(pillows.tobytes())
    assert abs(ink[0] - ink[1]) / ink[1] < 0.01  # the same letters, only some moved by under a pixel
