"""QR codes of practice addresses: PNG files made at build time, no service asked.

The code itself comes from zxing-cpp, whose writer is zint's C encoder: about 0.3 ms a code
(segno, in pure Python, took 8 ms, 2 with our own mask search). This module writes it as a
black-and-white PNG, 8 pixels a module, so that a module is one byte of a 1-bit row: the four
chunks of the PNG standard around zlib's stream, about 0.6 KB a code. Pillow, which drew it before,
took twice as long (1.1 ms a code, half of it in its PNG writer) for a file 0.8 KB long; an SVG of
the same code (a stroked path through its runs) was 3.1 KB, and there is a code per practice and
language (about 15 MB of PNG at 5,000 practices in five languages).
"""
from __future__ import annotations

import struct
import zlib

import zxingcpp

QR_FOLDER = "qr"
QUIET_ZONE = 4  # modules of white around the code, as the standard asks
ERROR_CORRECTION = "M"  # 15 % of the code can be lost (a crease, a stain) and it still reads
# Sharp when shown at 140 px on a screen of twice the density, or scaled up without smoothing; and
# a module is then one byte of a row of 1-bit pixels, which is how qr_png writes it (so it stays 8).
MODULE_PIXELS = 8
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


def png_chunk(kind: bytes, data: bytes) -> bytes:
    """One chunk of a PNG file: its length, type, data and CRC (the PNG standard, section 5.3)."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def qr_png(address: str) -> bytes:
    """A PNG QR code of `address`: black on an opaque white ground (it scans on the dark scheme
    too), with the quiet zone, MODULE_PIXELS pixels a module, and the density that prints a
    module MODULE_MM wide. A 1-bit greyscale image (0 black, 1 white): each of qr_modules' bytes
    (0 dark, 255 light) is a module's 8 pixels, and each row of modules is written MODULE_PIXELS
    times, every row with PNG's filter 0 (none)."""
    rows = qr_modules(address)
    modules = len(rows) + 2 * QUIET_ZONE
    quiet = b"\xff" * QUIET_ZONE
    blank = [b"\x00" + b"\xff" * modules] * QUIET_ZONE  # each row starts with its filter's byte
    lines = blank + [b"\x00" + quiet + row + quiet for row in rows] + blank
    pixels = b"".join(line * MODULE_PIXELS for line in lines)
    side = modules * MODULE_PIXELS
    per_metre = MODULE_PIXELS * 1000 // MODULE_MM
    # zlib's level 6: 0.2 ms a code; level 9 took longer for a larger file
    return (b"\x89PNG\r\n\x1a\n"
            + png_chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))  # 1 bit, greyscale
            + png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))  # pixels a metre
            + png_chunk(b"IDAT", zlib.compress(pixels, 6))
            + png_chunk(b"IEND", b""))
