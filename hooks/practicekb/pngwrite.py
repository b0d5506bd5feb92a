"""A 4-bit palette PNG written directly from bands of rows: the social cards' file format, in a
fraction of the time Pillow's writer takes (0.5–0.7 ms a card against about 2.5 ms).

A card is mostly rows of background (palette index 0, so all-zero bytes), which Pillow packs and
zlib reads through byte by byte. Here the caller gives only the bands of rows with something on
them; each run of blank rows between them is a ready-made piece of compressed data (made once per
run length). The pieces join into one valid zlib stream because each ends with a full flush
(byte-aligned, no reference to earlier data), and the stream's checksum over the blank rows is
worked out rather than read: Adler-32 over n zero bytes leaves its first sum unchanged and adds n
times it to the second.
"""
from __future__ import annotations

import struct
import zlib
from functools import lru_cache

SIGNATURE = b"\x89PNG\r\n\x1a\n"
ADLER_MOD = 65521
COMPRESSION = (1, zlib.DEFLATED, -15, 9)  # raw deflate, zlib's fastest level: as fast as run-length only, smaller


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


@lru_cache(maxsize=1024)
def _blank_rows(count: int, row_size: int) -> bytes:
    """`count` rows of zeros (filter byte included) as raw deflate ending on a full flush."""
    compressor = zlib.compressobj(*COMPRESSION)
    return compressor.compress(bytes(count * row_size)) + compressor.flush(zlib.Z_FULL_FLUSH)


def _adler_over_zeros(checksum: int, count: int) -> int:
    first, second = checksum & 0xFFFF, checksum >> 16
    return ((second + count * first) % ADLER_MOD) << 16 | first


def _zlib_stream(bands: list[tuple[int, bytes]], row_bytes: int, height: int) -> bytes:
    """The image data: every row with filter type 0 in front, compressed, as a zlib stream."""
    row_size = row_bytes + 1
    compressor = zlib.compressobj(*COMPRESSION)
    parts = [b"\x78\x01"]  # zlib header: deflate with a 32 KB window
    checksum = 1
    row = 0
    for first, packed in [*bands, (height, b"")]:
        if first < row or len(packed) % row_bytes or first + len(packed) // row_bytes > height:
            raise ValueError(f"bands of rows must be whole rows of {row_bytes} bytes, in order, apart, "
                             f"within {height} rows (a band at row {first} of {len(packed)} bytes)")
        if first > row:
            parts.append(_blank_rows(first - row, row_size))
            checksum = _adler_over_zeros(checksum, (first - row) * row_size)
        if packed:
            data = b"".join(b"\0" + packed[start:start + row_bytes] for start in range(0, len(packed), row_bytes))
            checksum = zlib.adler32(data, checksum)
            parts += [compressor.compress(data), compressor.flush(zlib.Z_FULL_FLUSH)]
        row = first + len(packed) // row_bytes
    parts += [compressor.flush(zlib.Z_FINISH), struct.pack(">I", checksum)]
    return b"".join(parts)


def png_4bit(width: int, height: int, bands: list[tuple[int, bytes]], palette: list[int]) -> bytes:
    """A PNG of a palette image of at most 16 colours. `bands` are (first row, its rows packed two
    pixels a byte, as Pillow's "P;4" raw mode gives them), in order and apart; every other row is
    colour 0. `palette` holds the colours as flat RGB values."""
    stream = _zlib_stream(bands, (width + 1) // 2, height)
    return (SIGNATURE
            + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 4, 3, 0, 0, 0))
            + _chunk(b"PLTE", bytes(palette))
            + _chunk(b"IDAT", stream)
            + _chunk(b"IEND", b""))
