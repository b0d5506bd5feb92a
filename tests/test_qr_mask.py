"""qrmask.py chooses the mask segno chooses, so every QR code is the code segno would make."""
from __future__ import annotations

import random
import string

import pytest
import segno
from segno import encoder

from practicekb import qrcodes, qrmask


def addresses(count: int, seed: int) -> list[str]:
    """Addresses of many lengths (QR versions 1 to about 20), with the letters our slugs and
    paths hold and a few that need byte mode."""
    chosen = random.Random(seed)
    letters = string.ascii_lowercase + string.digits + "-/é"
    return ["https://kb.example/" + "".join(chosen.choice(letters) for _ in range(chosen.randint(0, 420)))
            for _ in range(count)]


@pytest.fixture
def segno_alone():
    """Make codes with segno's own mask search, then put qrmask back."""
    qrmask.uninstall()
    yield
    qrmask.install()


def make_codes(texts: list[str], error: str) -> list[tuple[int, int, tuple]]:
    return [(code.version, code.mask, tuple(bytes(row) for row in code.matrix))
            for code in (segno.make(text, error=error, micro=False) for text in texts)]


@pytest.mark.parametrize("error", ["l", "m", "q", "h"])
def test_the_same_codes_as_segno_alone(error, request):
    texts = addresses(60, seed=ord(error))
    fast = make_codes(texts, error)
    request.getfixturevalue("segno_alone")
    assert encoder.find_and_apply_best_mask is not qrmask.find_and_apply_best_mask
    assert make_codes(texts, error) == fast
    assert len({version for version, _, _ in fast}) >= 8  # many sizes, so every line constant is tried
    assert len({mask for _, mask, _ in fast}) >= 5  # and most masks are chosen somewhere


def test_the_site_codes_use_it_and_stay_the_codes_segno_makes(segno_alone):
    address = "https://kb.example/knowledge-base/practices/koper-coordination-body/"
    by_segno = qrcodes.qr_svg(address)
    qrmask.install()
    assert encoder.find_and_apply_best_mask is qrmask.find_and_apply_best_mask
    assert qrcodes.qr_svg(address) == by_segno


def test_a_matrix_with_unfilled_modules_is_left_to_segno():
    matrix = encoder.make_matrix(21, 21)  # 0x2 wherever nothing is placed yet
    assert qrmask.best_mask(matrix, 21) is None
