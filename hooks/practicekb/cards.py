"""Social cards: the 1200×630 PNG a link preview shows, drawn with Pillow, offline.

One card per practice (title, place, country, themes, site name) and one for the rest of
the site. Text is drawn with DejaVu Sans, vendored in fonts/ with its licence, so every
letter of the languages the site covers (č ć š ž ľ ĺ ŕ ô ä ą ę ė į ų ū ø å æ ð þ …) has a
glyph whatever fonts the machine has.

Cards are drawn as grey levels, then coloured through a palette of 16 shades from the
background to white: a 4-bit PNG of about 20 KB, drawn and compressed in a few milliseconds. Finished cards are kept in a cache folder under a hash of everything
drawn on them (text, this module, the font), so a rebuild draws only what changed.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
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


LEVELS = 16  # shades from the background to white: enough for smooth letters, and a 4-bit PNG


def palette() -> list[int]:
    """LEVELS colours from the background (0) to white (LEVELS - 1)."""
    colours: list[int] = []
    for level in range(LEVELS):
        share = level / (LEVELS - 1)
        colours += [round(channel + (255 - channel) * share) for channel in BACKGROUND]
    return colours


PALETTE = palette()
TO_LEVELS = [round(value * (LEVELS - 1) / 255) for value in range(256)]  # grey level -> palette index


@lru_cache(maxsize=None)
def font(size: int) -> ImageFont.FreeTypeFont:
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


def draw_card(text: CardText) -> Image.Image:
    """The card as a palette image, 1200×630."""
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(canvas)
    width = WIDTH - 2 * MARGIN
    if text.site_name:
        draw.text((MARGIN, 64), wrap(text.site_name, 30, width, 1)[0], font=font(30), fill=MUTED)
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
    card = canvas.point(TO_LEVELS)
    card.putpalette(PALETTE)
    return card


def card_png(text: CardText) -> bytes:
    buffer = io.BytesIO()
    draw_card(text).save(buffer, "PNG", bits=4, compress_level=5)
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


PARALLEL_FROM = 200  # cards to draw before it pays to start worker processes


def draw_to(job: CardJob, cached: Path | None) -> None:
    """Draw one card into the site, and into the cache when there is one."""
    data = card_png(job.text)
    job.target.write_bytes(data)
    if cached is not None:
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, cached)  # never a half-written card in the cache


def draw_all(work: list[tuple[CardJob, Path | None]], workers: int) -> None:
    """Draw cards one after another, or, when there are many, in worker processes
    (`python -m practicekb.cards JOBS.json`), each given an equal share."""
    if workers < 2 or len(work) < PARALLEL_FROM:
        for job, cached in work:
            draw_to(job, cached)
        return
    package_parent = str(Path(__file__).resolve().parents[1])  # workers import this package even if not installed
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    with tempfile.TemporaryDirectory(prefix="kb-cards-") as temp:
        running = []
        for number in range(workers):
            share = Path(temp) / f"{number}.json"
            share.write_text(json.dumps([[astuple(job.text), str(job.target), str(cached) if cached else None]
                                         for job, cached in work[number::workers]], ensure_ascii=False),
                             encoding="utf-8")
            running.append(subprocess.Popen([sys.executable, "-m", "practicekb.cards", str(share)], env=env,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
        failures = [error for process in running
                    for _, error in [process.communicate()] if process.returncode != 0]
    if failures:
        raise RuntimeError("Drawing the social cards failed:\n" + "\n".join(failures))


def main(argv: list[str]) -> int:
    """A worker: draw the cards listed in a JSON file written by draw_all."""
    for text, target, cached in json.loads(Path(argv[0]).read_text(encoding="utf-8")):
        draw_to(CardJob(CardText(*text), Path(target)), Path(cached) if cached else None)
    return 0


def write_cards(jobs: list[CardJob], cache: Path | None = None, workers: int | None = None) -> CardStats:
    """Write every card, copying unchanged ones from the cache, then drop cached cards this
    site no longer uses."""
    work: list[tuple[CardJob, Path | None]] = []
    keep: set[str] = set()
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    for job in jobs:
        job.target.parent.mkdir(parents=True, exist_ok=True)
        cached = cache / f"{card_key(job.text)}.png" if cache is not None else None
        if cached is not None:
            keep.add(cached.name)
            if cached.is_file():
                shutil.copyfile(cached, job.target)
                continue
        work.append((job, cached))
    draw_all(work, workers if workers is not None else min(4, os.cpu_count() or 1))
    if cache is not None:
        for entry in cache.iterdir():
            if entry.suffix == ".png" and entry.name not in keep:
                entry.unlink(missing_ok=True)
    return CardStats(drawn=len(work), cached=len(jobs) - len(work))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
