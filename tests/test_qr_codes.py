"""The QR code SVG draws exactly the code's modules, with its quiet zone, and reads back (with
zxing-cpp's reader, which shares no code with the zint encoder that writes it) as the address."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from practicekb.pages.qrcodes import QUIET_ZONE, qr_modules, qr_svg

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast

SVG = "{http://www.w3.org/2000/svg}"
ADDRESSES = [
    "https://example.org/",
    "https://example.org/knowledge-base/practices/koper-coordination-body-for-migrant-inclusion/",
    "https://example.org/kb/sk/practices/p1/?a=1&b=2#sources",
    "https://example.org/kb/practices/%C5%A1kofja-loka/",
    "https://example.org/" + "very-long-path/" * 20,
] + [f"https://example.org/kb/practices/synthetic-practice-{n:05d}/" for n in range(0, 2000, 97)]


def drawn_modules(svg: str) -> tuple[int, set[tuple[int, int]]]:
    """The side of the drawing and the dark modules its stroked path covers: a stroke of width 1
    along y + 0.5 from x to x + n covers the modules (x, y) to (x + n - 1, y). Each row starts with
    an absolute move (M x y.5), each next run in it with a relative one (m gap 0)."""
    root = ET.fromstring(svg.split("\n", 1)[1])
    side = int(root.get("viewBox").split()[2])
    dark = root.findall(f"{SVG}path")[1]
    assert (dark.get("stroke"), dark.get("stroke-width"), dark.get("fill")) == ("#000", "1", None)
    modules, x, y = set(), None, None
    for command in re.findall(r"M\d+ \d+\.5|m\d+ 0|h\d+", dark.get("d")):
        if command.startswith("M"):
            x, y = int(command[1:].split()[0]), int(command.split()[1].split(".")[0])
        elif command.startswith("m"):
            x += int(command[1:].split()[0])
        else:
            modules |= {(x + step, y) for step in range(int(command[1:]))}
            x += int(command[1:])
    assert re.sub(r"M\d+ \d+\.5|m\d+ 0|h\d+", "", dark.get("d")) == ""  # nothing else in the path
    return side, modules


@pytest.mark.parametrize("address", ADDRESSES)
def test_the_svg_reads_back_as_the_address(address):
    svg = qr_svg(address)
    side, dark = drawn_modules(svg)
    scale = 4
    image = Image.new("L", (side * scale, side * scale), 255)
    draw = ImageDraw.Draw(image)
    for x, y in dark:
        draw.rectangle((x * scale, y * scale, (x + 1) * scale - 1, (y + 1) * scale - 1), fill=0)
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [result.text for result in results] == [address]
    assert results[0].ec_level == "M"


@pytest.mark.parametrize("address", ADDRESSES[:3])
def test_the_svg_draws_every_module_inside_a_quiet_zone(address):
    rows = qr_modules(address)
    svg = qr_svg(address)
    side, dark = drawn_modules(svg)
    assert side == len(rows) + 2 * QUIET_ZONE
    assert dark == {(QUIET_ZONE + x, QUIET_ZONE + y) for y, row in enumerate(rows) for x, value in enumerate(row)
                    if value == 0}
    root = ET.fromstring(svg.split("\n", 1)[1])
    assert root.get("width") == root.get("height") == f"{side}mm"  # a module is 1 mm when printed
    assert root.find(f"{SVG}title").text == "QR code" and root.find(f"{SVG}desc").text == address
    ground = root.findall(f"{SVG}path")[0]
    assert (ground.get("fill"), ground.get("d")) == ("#fff", f"M0 0h{side}v{side}h-{side}z")  # opaque, for dark pages


def test_a_worker_makes_the_same_codes_and_the_cache_keeps_them_once(tmp_path):
    from practicekb.exports.qrfiles import qr_batch

    wanted = {f"assets/qr/p{n}.svg": f"https://example.org/practices/p{n}/" for n in range(3)}
    stats = qr_batch(wanted, tmp_path / "site", tmp_path / "cache", workers=1, parallel_from=2).finish()
    assert (stats.made, stats.cached) == (3, 0)
    for path, address in wanted.items():
        assert (tmp_path / "site" / path).read_text(encoding="utf-8") == qr_svg(address)
    kept = dict(list(wanted.items())[:1])
    stats = qr_batch(kept, tmp_path / "again", tmp_path / "cache", workers=1, parallel_from=2).finish()
    assert (stats.made, stats.cached) == (0, 1)
    assert len(list((tmp_path / "cache").iterdir())) == 1  # codes no longer wanted leave the cache
    assert (tmp_path / "again" / "assets/qr/p0.svg").read_text(encoding="utf-8") == qr_svg(wanted["assets/qr/p0.svg"])
