"""QR codes of practice addresses: SVG files made at build time with segno, no service asked."""
from __future__ import annotations

import io

import segno

from . import qrmask

qrmask.install()  # segno's own mask choice, found in a quarter of the time

QR_FOLDER = "qr"
MODULE_MM = 1  # one QR module is 1 mm when the file is printed or placed at its own size


def qr_path(slug: str) -> str:
    """Where a practice's QR code is published: one folder, named by slug, so a download keeps its name."""
    return f"{QR_FOLDER}/{slug}.svg"


def qr_svg(address: str) -> str:
    """An SVG QR code of `address`: black on an opaque white ground, so it scans on the dark scheme
    too, with the four-module quiet zone the standard asks for and a viewBox, so it scales.
    About 2 ms (qrmask.py chooses the mask); qrbatch.py makes many in parallel."""
    code = segno.make(address, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=MODULE_MM, unit="mm", border=4, dark="#000", light="#fff",
              title="QR code", desc=address, xmldecl=True, nl=True)
    return out.getvalue().decode("utf-8")
