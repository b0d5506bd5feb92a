"""Unit tests of a practice's short description (link previews, <meta name="description">)."""
from __future__ import annotations

import pytest

from practicekb.model.descriptions import DESCRIPTION_LENGTH, short_description

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast

FIRST = "The municipality set up a council of residents and officials in 2019."
SECOND = "It meets four times a year, with interpreters."


def test_a_short_summary_is_the_description_as_it_is():
    assert short_description(f"{FIRST}\n  {SECOND}") == f"{FIRST} {SECOND}"


def test_a_long_summary_keeps_its_whole_first_sentences_within_the_length():
    third = "Its proposals went to the town council, " + "which adopted most of them " * 12 + "by 2023."
    described = short_description(f"{FIRST} {SECOND} {third}")
    assert described == f"{FIRST} {SECOND}"
    assert len(f"{FIRST} {SECOND} {third}") > DESCRIPTION_LENGTH


def test_a_first_sentence_longer_than_the_length_is_cut_at_a_word():
    long = "Residents, officials and volunteers " * 20 + "met."
    described = short_description(long)
    kept = described.removesuffix("…")
    assert described.endswith("…") and len(described) <= DESCRIPTION_LENGTH
    assert long.startswith(kept) and long[len(kept)] in " ," and not kept.endswith(",")
