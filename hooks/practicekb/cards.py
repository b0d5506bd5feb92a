"""Social cards: the 1200×630 PNG a link preview shows, drawn with Pillow, offline.

One card per practice (title, place, country, themes, site name) and one for the rest of
the site. Text is drawn with DejaVu Sans, vendored in fonts/ with its licence, so every
letter of the languages the site covers (č ć š ž ľ ĺ ŕ ô ä ą ę ė į ų ū ø å æ ð þ …) has a
glyph whatever fonts the machine has.

Cards are drawn as grey levels, then coloured through a palette that runs from the
background to white: an 8-bit PNG is a third of the bytes to compress, so a card takes
a few milliseconds. Finished cards are kept in a cache folder under a hash of everything
drawn on them (text, this module, the font), so a rebuild draws only what changed.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FONT_PATH = Path(__file__).with_name("fonts") / "DejaVuSans.ttf"
BACKGROUND = (40, 53, 147)  # Material's indigo 800: white text on it passes WCAG AAA
WHITE = 255  # grey levels: 0 is the background, 255 white
MUTED = 190  # a light indigo, for the site name and the themes
ELLIPSIS = "…"


@dataclass(frozen=True)
class CardText:
    """Everything a card shows."""

    title: str
    place: str = ""  # "Škofja Loka, Slovenia"
    themes: str = ""  # "Coordination bodies · Intercultural mediation"
    site_name: str = ""


@dataclass(frozen=True)
class CardJob:
    text: CardText
    target: Path  # where the PNG goes in the built site


@dataclass
class CardStats:
    drawn: int = 0
    cached: int = 0


def palette() -> list[int]:
    """256 colours from the background (0) to white (255)."""
    colours: list[int] = []
    for level in range(256):
        share = level / 255
        colours += [round(channel + (255 - channel) * share) for channel in BACKGROUND]
    return colours


PALETTE = palette()


@lru_cache(maxsize=None)
def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Lines of `text` no wider than `width`; the last ends with … if the text does not fit."""
    words = text.split()
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if face.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while face.getlength(line) > width:  # one word longer than the line: break it
            cut = len(line)
            while cut > 1 and face.getlength(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    if len(lines) <= max_lines:
        return lines
    kept = lines[max_lines - 1].split()
    while len(kept) > 1 and face.getlength(" ".join(kept) + ELLIPSIS) > width:
        kept.pop()  # end on a whole word
    last = " ".join(kept)
    while last and face.getlength(last + ELLIPSIS) > width:
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
        lines = wrap(title, font(size), width, 99)
        if len(lines) <= 3 and len(lines) * line_height(size) <= height:
            return font(size), lines
    size = TITLE_SIZES[-1]
    return font(size), wrap(title, font(size), width, max(1, min(3, height // line_height(size))))


def line_height(size: int) -> int:
    return round(size * 1.22)


def layout(text: CardText, width: int) -> tuple[ImageFont.FreeTypeFont, list[str], list[str], list[str]]:
    """Title, place and theme lines: themes at the foot (two lines at most), the place under
    the title (two lines, or one if the title would not fit), the title as large as fits."""
    themes = wrap(text.themes, font(THEME_SIZE), width, 2) if text.themes else []
    bottom = HEIGHT - 60 - THEME_LINE * len(themes) - (GAP if themes else 0)
    for place_lines in (2, 1):
        place = wrap(text.place, font(PLACE_SIZE), width, place_lines) if text.place else []
        room = bottom - TITLE_TOP - (GAP + PLACE_LINE * len(place) if place else 0)
        face, title = title_lines(text.title, width, room)
        if " ".join(title) == " ".join(text.title.split()) or place_lines == 1:
            return face, title, place, themes
    raise AssertionError("unreachable")


def draw_card(text: CardText) -> Image.Image:
    """The card as a palette image, 1200×630."""
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(canvas)
    width = WIDTH - 2 * MARGIN
    if text.site_name:
        draw.text((MARGIN, 64), wrap(text.site_name, font(30), width, 1)[0], font=font(30), fill=MUTED)
        draw.rectangle((MARGIN, 116, MARGIN + 96, 121), fill=WHITE)
    face, title, place, themes = layout(text, width)
    y = TITLE_TOP
    for line in title:
        draw.text((MARGIN, y), line, font=face, fill=WHITE)
        y += line_height(face.size)
    y += GAP
    for line in place:
        draw.text((MARGIN, y), line, font=font(PLACE_SIZE), fill=WHITE)
        y += PLACE_LINE
    y = HEIGHT - 60 - THEME_LINE * len(themes)
    for line in themes:
        draw.text((MARGIN, y), line, font=font(THEME_SIZE), fill=MUTED)
        y += THEME_LINE
    canvas.putpalette(PALETTE)
    return canvas


def card_png(text: CardText) -> bytes:
    buffer = io.BytesIO()
    draw_card(text).save(buffer, "PNG", compress_level=3)
    return buffer.getvalue()


@lru_cache(maxsize=1)
def renderer_fingerprint() -> str:
    """Changes when this module or the font changes, so old cached cards are not reused."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(FONT_PATH.read_bytes())
    return digest.hexdigest()


def card_key(text: CardText) -> str:
    payload = json.dumps([renderer_fingerprint(), *astuple(text)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def write_card(job: CardJob, cache: Path | None) -> bool:
    """Write one card; True if it had to be drawn, False if it came from the cache."""
    job.target.parent.mkdir(parents=True, exist_ok=True)
    cached = cache / f"{card_key(job.text)}.png" if cache is not None else None
    if cached is not None and cached.is_file():
        shutil.copyfile(cached, job.target)
        return False
    data = card_png(job.text)
    job.target.write_bytes(data)
    if cached is not None:
        partial = cached.with_suffix(f".{os.getpid()}.{id(job)}.tmp")
        partial.write_bytes(data)
        os.replace(partial, cached)  # never a half-written card in the cache
    return True


def write_cards(jobs: list[CardJob], cache: Path | None = None, workers: int | None = None) -> CardStats:
    """Write every card (Pillow draws and compresses outside Python's lock, so threads help),
    then drop cached cards this site no longer uses."""
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    workers = workers or min(4, os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        drawn = list(pool.map(lambda job: write_card(job, cache), jobs))
    if cache is not None:
        keep = {f"{card_key(job.text)}.png" for job in jobs}
        for entry in cache.iterdir():
            if entry.suffix == ".png" and entry.name not in keep:
                entry.unlink(missing_ok=True)
    return CardStats(drawn=sum(drawn), cached=len(drawn) - sum(drawn))
