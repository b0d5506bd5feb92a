"""The QR code mask segno would choose, found on whole rows at once instead of module by module.

A QR code takes the one of eight masks with the lowest penalty (ISO/IEC 18004:2015, 7.8.3).
segno applies and scores each mask module by module in pure Python: about 6 ms a code, most of
the time a code takes, and most of the QR codes' share of a cold build. Here the matrix is one
integer with a byte per module (0 or 1), rows one after another, and a mask is one XOR; runs,
blocks and dark modules are counted with shifts, ANDs and `int.bit_count`, and the finder-like
patterns with `bytes.find`. The rules, and their details at the edges, are segno's own
(`segno.encoder.mask_scores`), so the choice, and so the code, is the one segno makes:
tests/test_qr_mask.py compares both on 240 addresses of every size and error level. `install()` puts it in front of
segno's own search; anything it does not handle (Micro QR codes, a mask asked for) goes to segno.
"""
from __future__ import annotations

from functools import lru_cache

from segno import encoder

N3_PATTERN = b"\x01\x00\x01\x01\x01\x00\x01"  # dark light dark dark dark light dark
_SEGNO_FIND_AND_APPLY = encoder.find_and_apply_best_mask


class _Lines:
    """The constants for counting along the lines (rows, or columns) of a `size`×`size` matrix
    held as one integer, a byte per module, line after line."""

    def __init__(self, size: int):
        self.size = size
        self.modules = size * size
        line = b"\x00" + b"\x01" * (size - 1)
        self.after_first_module = int.from_bytes(line * size, "big")  # every module but each line's first
        self.after_first_line = int.from_bytes(b"\x00" * size + b"\x01" * (self.modules - size), "big")
        self.line_shift = 8 * size


@lru_cache(maxsize=64)
def _layout(size: int) -> tuple[_Lines, tuple[tuple[int, int], ...]]:
    """The line constants and, for each of the eight masks, its modules in the encoding region
    as (row-wise integer, column-wise integer). Computed once per symbol size."""
    function_matrix = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(function_matrix, size, size)
    encoder.add_alignment_patterns(function_matrix, size, size)
    function_matrix[-8][8] = 0x1  # the dark module, as segno marks it
    masks = []
    for pattern in encoder.get_data_mask_functions(is_micro=False):
        grid = [[1 if function_matrix[i][j] > 0x1 and pattern(i, j) else 0 for j in range(size)]
                for i in range(size)]
        by_rows = bytes(value for row in grid for value in row)
        by_columns = bytes(grid[i][j] for j in range(size) for i in range(size))
        masks.append((int.from_bytes(by_rows, "big"), int.from_bytes(by_columns, "big")))
    return _Lines(size), tuple(masks)


def _runs_and_blocks(lines: _Lines, value: int) -> tuple[int, int]:
    """Penalty N1 along the lines (3 for a run of five modules of one colour, one more for each
    further module) and the number of 2×2 blocks of one colour between neighbouring lines."""
    same_as_previous = (value ^ (value >> 8) ^ lines.after_first_module) & lines.after_first_module
    five = same_as_previous & (same_as_previous >> 8) & (same_as_previous >> 16) & (same_as_previous >> 24)
    run_starts = five & ~(five >> 8)
    runs = five.bit_count() + 2 * run_starts.bit_count()
    same_as_line_before = (value ^ (value >> lines.line_shift) ^ lines.after_first_line) & lines.after_first_line
    blocks = (same_as_previous & (same_as_previous >> lines.line_shift) & same_as_line_before).bit_count()
    return runs, blocks


def _finder_like(lines: _Lines, value: int) -> int:
    """Penalty N3: 40 for each 1:1:3:1:1 pattern with four light modules (or the edge) before or
    after it, searched line by line as segno does (after a counted pattern the search goes on
    behind it, otherwise from its middle)."""
    data = value.to_bytes(lines.modules, "big")
    if N3_PATTERN not in data:
        return 0
    size = lines.size
    score = 0
    for start in range(0, lines.modules, size):
        end = start + size
        idx = data.find(N3_PATTERN, start, end)
        while idx != -1:
            at = idx - start
            offset = idx + 7
            if at in (0, size - 7) or not any(data[max(idx - 4, start):idx]) \
                    or not any(data[offset:min(offset + 4, end)]):
                score += 40
            else:
                offset = idx + 4
            idx = data.find(N3_PATTERN, offset, end)
    return score


def best_mask(matrix, size: int) -> tuple[int, bytes] | None:
    """The number of the mask segno would choose for this unmasked QR code matrix, and the
    matrix with it applied (rows one after another); None if the matrix holds anything but 0
    and 1 (then segno decides)."""
    by_rows = b"".join(matrix)
    if by_rows.translate(None, b"\x00\x01"):
        return None
    by_columns = b"".join(by_rows[j::size] for j in range(size))
    rows, columns = int.from_bytes(by_rows, "big"), int.from_bytes(by_columns, "big")
    lines, masks = _layout(size)
    best, best_score = None, None
    for number, (row_mask, column_mask) in enumerate(masks):
        masked_rows, masked_columns = rows ^ row_mask, columns ^ column_mask
        row_runs, blocks = _runs_and_blocks(lines, masked_rows)
        column_runs, _ = _runs_and_blocks(lines, masked_columns)
        dark = masked_rows.bit_count() / lines.modules
        score = (row_runs + column_runs + 3 * blocks
                 + _finder_like(lines, masked_rows) + _finder_like(lines, masked_columns)
                 + 10 * int(abs(dark * 100 - 50) / 5))
        if best_score is None or score < best_score:
            best, best_score = (number, masked_rows), score
    number, masked_rows = best
    return number, masked_rows.to_bytes(lines.modules, "big")


def find_and_apply_best_mask(matrix, width, height, proposed_mask=None):
    """segno's `find_and_apply_best_mask` (mask number, masked matrix as a tuple of bytearrays),
    with the mask chosen by `best_mask` for QR codes."""
    if proposed_mask is None and width == height and width >= 21:
        chosen = best_mask(matrix, width)
        if chosen is not None:
            number, masked = chosen
            return number, tuple(bytearray(masked[i:i + width]) for i in range(0, width * height, width))
    return _SEGNO_FIND_AND_APPLY(matrix, width, height, proposed_mask)


def install() -> None:
    """Let segno's encoder choose masks with `best_mask` (same choice, a fraction of the time)."""
    encoder.find_and_apply_best_mask = find_and_apply_best_mask


def uninstall() -> None:
    """segno's own mask search again (the tests compare the two)."""
    encoder.find_and_apply_best_mask = _SEGNO_FIND_AND_APPLY
