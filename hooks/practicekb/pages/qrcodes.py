"""QR codes of practice addresses: SVG files made at build time, no service asked.

The code itself comes from zxing-cpp, whose writer is zint's C encoder: about 0.3 ms a code
(segno, in pure Python, took 8 ms, 2 with our own mask search). This module only draws its
modules as an SVG: one stroked path through the runs of dark modules, row by row.
"""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

import zxingcpp

QR_FOLDER = "qr"
QUIET_ZONE = 4  # modules of white around the code, as the standard asks
ERROR_CORRECTION = "M"  # 15 % of the code can be lost (a crease, a stain) and it still reads
DARK_RUN = re.compile(rb"\x00+")  # zxing-cpp's images: 0 dark, 255 light


def qr_path(slug: str) -> str:
    """Where a practice's QR code is published: one folder, named by slug, so a download keeps its name."""
    return f"{QR_FOLDER}/{slug}.svg"


def qr_modules(address: str) -> list[bytes]:
    """The code's modules, row by row, without the quiet zone: a 0 byte for each dark module."""
    code = zxingcpp.create_barcode(address, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR_CORRECTION)
    image = code.to_image(scale=1, add_quiet_zones=False)
    size = image.shape[1]
    pixels = bytes(memoryview(image))
    return [pixels[start:start + size] for start in range(0, len(pixels), size)]


def row_path(y: int, row: bytes) -> str:
    """One row's dark runs as a stroke along the row's middle: the first run from its start (M),
    each next from the end of the one before (m); a stroke of width 1 covers the row's height."""
    path, end = [], None
    for run in DARK_RUN.finditer(row):
        start = QUIET_ZONE + run.start()
        path.append(f"M{start} {QUIET_ZONE + y}.5" if end is None else f"m{start - end} 0")
        path.append(f"h{run.end() - run.start()}")
        end = QUIET_ZONE + run.end()
    return "".join(path)


def qr_svg(address: str) -> str:
    """An SVG QR code of `address`: black on an opaque white ground, so it scans on the dark scheme
    too, with the quiet zone and a viewBox, so it scales; a module is 1 mm when printed at its size.
    The dark modules are one stroked path, a third of the bytes of a rectangle per run."""
    rows = qr_modules(address)
    side = len(rows) + 2 * QUIET_ZONE
    runs = "".join(row_path(y, row) for y, row in enumerate(rows))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{side}mm" height="{side}mm" viewBox="0 0 {side} {side}">'
            f'<title>QR code</title><desc>{escape(address)}</desc>'
            f'<path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/>'
            f'<path stroke="#000" stroke-width="1" shape-rendering="crispEdges" d="{runs}"/></svg>\n')
