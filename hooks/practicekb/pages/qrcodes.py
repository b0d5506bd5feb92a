"""QR codes of practice addresses: PNG files made at build time, no service asked.

The code itself comes from zxing-cpp, whose writer is zint's C encoder: about 0.3 ms a code
(segno, in pure Python, took 8 ms, 2 with our own mask search). This module draws its modules
with Pillow as a black-and-white PNG, 8 pixels a module: about 0.75 KB a code, where an SVG of
the same code (a stroked path through its runs) was 3.1 KB, and there is a code per practice and
language (78 MB of SVG at 5,000 practices in five languages, 19 MB of PNG).
"""
from __future__ import annotations

import io

import zxingcpp
from PIL import Image

QR_FOLDER = "qr"
QUIET_ZONE = 4  # modules of white around the code, as the standard asks
ERROR_CORRECTION = "M"  # 15 % of the code can be lost (a crease, a stain) and it still reads
MODULE_PIXELS = 8  # sharp when shown at 140 px on a screen of twice the density, or scaled up without smoothing
MODULE_MM = 1  # a module is 1 mm when printed at the size the file says (its pixels per inch)


def qr_path(slug: str) -> str:
    """Where a practice's QR code is published: one folder, named by slug, so a download keeps its name."""
    return f"{QR_FOLDER}/{slug}.png"


def qr_modules(address: str) -> list[bytes]:
    """The code's modules, row by row, without the quiet zone: a 0 byte for each dark module, 255 for a light one."""
    code = zxingcpp.create_barcode(address, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR_CORRECTION)
    image = code.to_image(scale=1, add_quiet_zones=False)
    size = image.shape[1]
    pixels = bytes(memoryview(image))
    return [pixels[start:start + size] for start in range(0, len(pixels), size)]


def qr_png(address: str) -> bytes:
    """A PNG QR code of `address`: black on an opaque white ground (it scans on the dark scheme
    too), with the quiet zone, MODULE_PIXELS pixels a module, and the density that prints a
    module MODULE_MM wide."""
    rows = qr_modules(address)
    size = len(rows)
    code = Image.frombytes("L", (size, size), b"".join(rows)).convert("1", dither=Image.Dither.NONE)
    side = size + 2 * QUIET_ZONE
    image = Image.new("1", (side, side), 1)
    image.paste(code, (QUIET_ZONE, QUIET_ZONE))
    image = image.resize((side * MODULE_PIXELS, side * MODULE_PIXELS), Image.Resampling.NEAREST)
    out = io.BytesIO()
    dpi = MODULE_PIXELS / MODULE_MM * 25.4
    # zlib at level 6 without Pillow's optimize: 0.6 ms a code against 1.7 ms, for a tenth more bytes (0.7 KB)
    image.save(out, "PNG", compress_level=6, dpi=(dpi, dpi))
    return out.getvalue()
