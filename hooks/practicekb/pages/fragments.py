"""Finished HTML kept out of Markdown: a template marks it, Markdown sees one placeholder
paragraph instead, and the page gets the HTML back (GeneratedPage.with_fragments)."""
from __future__ import annotations

import secrets


def fragment_placeholder(nonce: str, number: int) -> str:
    """A one-word paragraph: cheap for Markdown, and unguessable, so contributor text cannot forge one."""
    return f"KBFRAGMENT{nonce}N{number}"


def word_placeholder(nonce: str, number: int) -> str:
    """A heading's words kept out of Markdown (GeneratedPage.words): letters and digits only, so
    Markdown keeps it as it is and the table of contents makes its id of it in lower case. A page's
    Markdown is then the same in every language that shows it untranslated, and is converted once
    for them all (adapter/headingwords.py puts each language's words in)."""
    return f"KBWORD{nonce}N{number}E"


def lang_placeholder(nonce: str) -> str:
    """The language of a practice page's title, kept out of Markdown like a heading's words: the
    value of its heading's lang attribute, which GeneratedPage.title_lang gives (or drops)."""
    return f"KBLANG{nonce}E"


class Fragments:
    """Finished HTML kept out of Markdown. A template writes it between `fragment_start` and
    `fragment_end`; Markdown sees one placeholder paragraph instead, the page gets the HTML back.
    The markers carry a nonce, so contributor text cannot forge one."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(8)  # never reaches the output: every placeholder is replaced
        self.start, self.end = f"KBSTART{self.nonce}", f"KBEND{self.nonce}"

    def split(self, rendered: str) -> tuple[str, tuple[str, ...]]:
        """The text with each marked stretch (from a start mark to the next end mark) replaced by its
        placeholder, and the stretches. Found with str.find: a lazy pattern over the page tried at
        every character of each fragment, ten times as long (0.7 s of a build at 1,000 × 5)."""
        parts: list[str] = []
        fragments: list[str] = []
        position = 0
        while (start := rendered.find(self.start, position)) != -1:
            end = rendered.find(self.end, start + len(self.start))
            if end == -1:
                break
            fragments.append(rendered[start + len(self.start):end].strip())
            parts += (rendered[position:start], fragment_placeholder(self.nonce, len(fragments) - 1))
            position = end + len(self.end)
        parts.append(rendered[position:])
        return "".join(parts), tuple(fragments)
