"""Social cards: the 1200×630 PNG a link preview shows, drawn with Pillow, offline.

One card per practice (title, place, country, themes, site name) and one for the rest of
the site. Text is drawn with DejaVu Sans, vendored in fonts/ with its licence, so every
letter of the languages the site covers (č ć š ž ľ ĺ ŕ ô ä ą ę ė į ų ū ø å æ ð þ …) has a
glyph whatever fonts the machine has.

Cards are drawn in 16 levels from the background to white (a palette) and saved by Pillow as a
4-bit PNG of about 15 KB. `renderer_fingerprint` covers what decides a card's pixels besides its
text (this module, Pillow, the font), so cardfiles.py can reuse cards that have not changed.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FONT_PATH = Path(__file__).with_name("fonts") / "DejaVuSans.ttf"
BACKGROUND = (40, 53, 147)  # Material's indigo 800: white text on it passes WCAG AAA
WHITE = 15  # palette levels: 0 is the background, 15 white
MUTED = 11  # a light indigo, for the site name and the themes
ELLIPSIS = "…"


@dataclass(frozen=True)
class CardText:
    """Everything a card shows."""

    title: str
    place: str = ""  # "Škofja Loka, Slovenia"
    themes: str = ""  # "Coordination bodies · Intercultural mediation"
    site_name: str = ""


LEVELS = WHITE + 1  # shades from the background to white: enough for smooth letters, and a 4-bit PNG


def palette() -> list[int]:
    """LEVELS colours from the background (0) to white (LEVELS - 1)."""
    colours: list[int] = []
    for level in range(LEVELS):
        share = level / (LEVELS - 1)
        colours += [round(channel + (255 - channel) * share) for channel in BACKGROUND]
    return colours


PALETTE = palette()


@lru_cache(maxsize=None)
def font(size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont  # Pillow is imported only when a card is drawn: not in a build whose cards are cached
    return ImageFont.truetype(str(FONT_PATH), size)


@lru_cache(maxsize=65536)
def word_width(size: int, word: str) -> float:
    """Words recur across cards (theme and country names), so each is measured once per size."""
    return font(size).getlength(word)


def text_width(size: int, text: str) -> float:
    """Width of a line: its words plus the spaces between them (no kerning acts across a space)."""
    words = text.split(" ")
    return sum(word_width(size, word) for word in words) + word_width(size, " ") * (len(words) - 1)


def wrap(text: str, size: int, width: int, max_lines: int) -> list[str]:
    """Lines of `text` no wider than `width`; the last ends with … if the text does not fit."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(size, candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while text_width(size, line) > width:  # one word longer than the line: break it
            cut = len(line)
            while cut > 1 and text_width(size, line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    if len(lines) <= max_lines:
        return lines
    kept = lines[max_lines - 1].split()
    while len(kept) > 1 and text_width(size, " ".join(kept) + ELLIPSIS) > width:
        kept.pop()  # end on a whole word
    last = " ".join(kept)
    while last and text_width(size, last + ELLIPSIS) > width:
        last = last[:-1]
    return lines[:max_lines - 1] + [last.rstrip(" ,·:;") + ELLIPSIS]


TITLE_TOP = 178
TITLE_SIZES = (68, 60, 52, 44)
PLACE_SIZE, PLACE_LINE = 38, 48
THEME_SIZE, THEME_LINE = 30, 42
GAP = 24


def title_lines(title: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits in `height` (three lines at most), or the smallest, cut short."""
    for size in TITLE_SIZES:
        lines = wrap(title, size, width, 99)
        if len(lines) <= 3 and len(lines) * line_height(size) <= height:
            return font(size), lines
    size = TITLE_SIZES[-1]
    return font(size), wrap(title, size, width, max(1, min(3, height // line_height(size))))


def line_height(size: int) -> int:
    return round(size * 1.22)


def layout(text: CardText, width: int) -> tuple[ImageFont.FreeTypeFont, list[str], list[str], list[str]]:
    """Title, place and theme lines: themes at the foot (two lines at most), the place under
    the title (two lines, or one if the title would not fit), the title as large as fits."""
    themes = wrap(text.themes, THEME_SIZE, width, 2) if text.themes else []
    bottom = HEIGHT - 60 - THEME_LINE * len(themes) - (GAP if themes else 0)
    for place_lines in (2, 1):
        place = wrap(text.place, PLACE_SIZE, width, place_lines) if text.place else []
        room = bottom - TITLE_TOP - (GAP + PLACE_LINE * len(place) if place else 0)
        face, title = title_lines(text.title, width, room)
        if " ".join(title) == " ".join(text.title.split()) or place_lines == 1:
            return face, title, place, themes
    raise AssertionError("unreachable")


@lru_cache(maxsize=4096)
def word_mask(size: int, word: str) -> tuple[Image.Image, int, int]:
    """A word's coverage (0–255) and its offset from where it is drawn. Words recur from card to
    card (theme, country and site names), so each is rendered once per process and size."""
    from PIL import Image, ImageDraw
    left, top, right, bottom = font(size).getbbox(word)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), word, fill=255, font=font(size))
    return mask, left, top


def draw_text(canvas: Image.Image, x: int, y: int, size: int, line: str, level: int) -> None:
    """A line in palette level `level`, word by word: each word's coverage is pasted in `level` onto
    the image of levels (so a pixel blends from the background, 0, towards `level` and is already a
    palette index), starting on the whole pixel nearest to where the line would put it (no kerning
    acts across a space)."""
    space = word_width(size, " ")
    left = float(x)
    for word in line.split(" "):
        if word:
            mask, dx, dy = word_mask(size, word)
            canvas.paste(level, (round(left) + dx, y + dy), mask)
        left += word_width(size, word) + space


@lru_cache(maxsize=4)
def blank_card(site_name: str) -> Image.Image:
    """The background with the site's name and the rule under it, the same on every card."""
    from PIL import Image, ImageDraw
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)
    if site_name:
        draw = ImageDraw.Draw(canvas)
        draw_text(canvas, MARGIN, 64, 30, wrap(site_name, 30, WIDTH - 2 * MARGIN, 1)[0], MUTED)
        draw.rectangle((MARGIN, 116, MARGIN + 96, 121), fill=WHITE)
    return canvas


def drawn_card(text: CardText) -> Image.Image:
    """The card as a palette image, 1200×630, drawn straight in palette levels (a pixel's level
    is how much of the text colour covers it), so no colour is mapped."""
    canvas = blank_card(text.site_name).copy()
    face, title, place, themes = layout(text, WIDTH - 2 * MARGIN)
    y = TITLE_TOP
    for line in title:
        draw_text(canvas, MARGIN, y, face.size, line, WHITE)
        y += line_height(face.size)
    y += GAP
    for line in place:
        draw_text(canvas, MARGIN, y, PLACE_SIZE, line, WHITE)
        y += PLACE_LINE
    y = HEIGHT - 60 - THEME_LINE * len(themes)
    for line in themes:
        draw_text(canvas, MARGIN, y, THEME_SIZE, line, MUTED)
        y += THEME_LINE
    canvas.putpalette(PALETTE)  # an "L" image of levels becomes a "P" image of the same bytes
    return canvas


def card_png(text: CardText) -> bytes:
    """The card as a 4-bit palette PNG (Pillow's `bits` option), about 15 KB."""
    from io import BytesIO
    out = BytesIO()
    # zlib's level 4, the knee: 2.9 ms a card against 4.6 ms at level 6, for 4 % more bytes (a sixth
    # fewer than level 1, for 0.8 ms more); notes/benchmark.md has the table.
    drawn_card(text).save(out, "PNG", bits=4, compress_level=4)
    return out.getvalue()


@lru_cache(maxsize=1)
def renderer_fingerprint() -> str:
    """Changes when this module, Pillow or the font changes, so old cached cards are not reused."""
    from PIL import __version__ as pillow_version
    digest = hashlib.sha256(Path(__file__).read_bytes() + pillow_version.encode())
    digest.update(FONT_PATH.read_bytes())
    return digest.hexdigest()
