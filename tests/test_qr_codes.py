"""The QR code PNG draws exactly the code's modules, with its quiet zone, and reads back (with
zxing-cpp's reader, which shares no code with the zint encoder that writes it) as the address;
Pillow, which shares no code with the module that writes the file, reads and checks it."""
from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from practicekb.pages.qrcodes import MODULE_PIXELS, QUIET_ZONE, qr_modules, qr_png

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast

ADDRESSES = [
    "https://example.org/",
    "https://example.org/knowledge-base/practices/koper-coordination-body-for-migrant-inclusion/",
    "https://example.org/kb/sk/practices/p1/?a=1&b=2#sources",
    "https://example.org/kb/practices/%C5%A1kofja-loka/",
    "https://example.org/" + "very-long-path/" * 20,
] + [f"https://example.org/kb/practices/synthetic-practice-{n:05d}/" for n in range(0, 2000, 97)]


def opened(png: bytes) -> Image.Image:
    Image.open(io.BytesIO(png)).verify()  # Pillow reads every chunk and checks its CRC
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image


@pytest.mark.parametrize("address", ADDRESSES)
def test_the_png_reads_back_as_the_address(address):
    results = zxingcpp.read_barcodes(opened(qr_png(address)).convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    assert [result.text for result in results] == [address]
    assert results[0].ec_level == "M"


@pytest.mark.parametrize("address", ADDRESSES[:3])
def test_the_png_draws_every_module_inside_a_quiet_zone(address):
    rows = qr_modules(address)
    image = opened(qr_png(address)).convert("L")
    side = len(rows) + 2 * QUIET_ZONE
    assert image.size == (side * MODULE_PIXELS, side * MODULE_PIXELS)
    # every pixel of a module is its colour: black for a dark module, white for a light one and the quiet zone
    wanted = Image.new("L", (side, side), 255)
    wanted.paste(Image.frombytes("L", (len(rows), len(rows)), b"".join(rows)), (QUIET_ZONE, QUIET_ZONE))
    assert image.tobytes() == wanted.resize(image.size, Image.Resampling.NEAREST).tobytes()
    dpi = opened(qr_png(address)).info["dpi"]
    assert [round(d / 25.4, 2) for d in dpi] == [MODULE_PIXELS, MODULE_PIXELS]  # a module is 1 mm when printed


def test_a_worker_makes_the_same_codes_and_the_cache_keeps_them_once(tmp_path):
    from practicekb.exports.qrfiles import qr_batch

    wanted = {f"assets/qr/p{n}.png": f"https://example.org/practices/p{n}/" for n in range(3)}
    stats = qr_batch(wanted, tmp_path / "site", tmp_path / "cache", workers=1, parallel_from=2).finish()
    assert (stats.made, stats.cached) == (3, 0)
    for path, address in wanted.items():
        assert (tmp_path / "site" / path).read_bytes() == qr_png(address)
    kept = dict(list(wanted.items())[:1])
    stats = qr_batch(kept, tmp_path / "again", tmp_path / "cache", workers=1, parallel_from=2).finish()
    assert (stats.made, stats.cached) == (0, 1)
    assert len(list((tmp_path / "cache").iterdir())) == 1  # codes no longer wanted leave the cache
    assert (tmp_path / "again" / "assets/qr/p0.png").read_bytes() == qr_png(wanted["assets/qr/p0.png"])
