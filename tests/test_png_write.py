"""pngwrite.py writes 4-bit palette PNGs itself, joining pieces of compressed data: every file must
decode (zlib checking its Adler-32, Pillow its chunks' CRCs) to exactly the pixels it was given."""
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
def test_a_written_png_decodes_to_its_pixels(width, height, seed):
    image = image_of(width, height, random_rows(width, height, seed))
    png = png_4bit(width, height, image.tobytes("raw", "P;4"), PALETTE)
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
    png = png_4bit(9, 6, image.tobytes("raw", "P;4"), PALETTE)
    assert zlib.decompress(chunks(png)[b"IDAT"])
    with Image.open(io.BytesIO(png)) as decoded:
        assert decoded.tobytes() == image.tobytes()


def test_a_wrong_pixel_count_is_refused():
    with pytest.raises(ValueError, match="expected 6"):
        png_4bit(3, 3, bytes(5), PALETTE)


def test_a_card_file_holds_the_card_as_drawn():
    text = cards.CardText("Council for the inclusion of migrants in Škofja Loka", "Škofja Loka, Slovenia",
                          "Coordination bodies · Intercultural mediation", "Local integration practices")
    drawn = cards.draw_card(text)
    with Image.open(io.BytesIO(cards.card_png(text))) as decoded:
        decoded.load()
        assert decoded.size == (1200, 630) and decoded.tobytes() == drawn.tobytes()
        assert decoded.getpalette() == cards.PALETTE
    levels = set(drawn.tobytes())
    assert {0, cards.MUTED, cards.WHITE} <= levels <= set(range(16))  # background, muted and white text, smooth edges
    assert len(levels) > 8
