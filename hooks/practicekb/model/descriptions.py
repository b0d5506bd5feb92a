"""A practice's summary as link previews and search engines show it: whole sentences, short."""
from __future__ import annotations

import re

DESCRIPTION_LENGTH = 300  # Open Graph asks for a sentence or two; search engines show some 160 characters
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def short_description(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """`text`'s whole sentences up to `limit` characters; a longer first sentence cut at a word, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in SENTENCE_END.split(text):
        if len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}" if kept else sentence
    return kept or text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
