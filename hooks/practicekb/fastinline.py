"""Python-Markdown's inline step, made faster without changing what it produces.

Python-Markdown tries every inline pattern (code, escapes, links, images, autolinks, raw HTML,
entities, line breaks, emphasis) on every piece of text, each a regular-expression search: a third
of the time it takes to convert a practice page. Yet each of those patterns can only match text
that holds a certain character: a link needs "[", raw HTML and autolinks "<", an entity "&", and
so on. InlineSkipping skips a pattern when its piece of text has none of that pattern's characters,
the answer Python-Markdown would have come to itself ("no match"), so the HTML is the same.

Patterns are recognised by their regular expression, as written in the installed Python-Markdown;
one this module does not know (an extension's, or a changed one after an upgrade) is always tried.
If Python-Markdown's inline step changes shape, `install` leaves its own in place.
"""
from __future__ import annotations

import markdown
from markdown import inlinepatterns, treeprocessors, util

# Every default inline pattern's regular expression -> the characters a match needs (one of them).
NEEDS: dict[str, str] = {
    # backticks, or escaped backslashes followed by one (the look-ahead reads the same text)
    inlinepatterns.BACKTICK_RE: "`",
    inlinepatterns.ESCAPE_RE: "\\",
    inlinepatterns.LINK_RE: "[",  # also the reference patterns
    inlinepatterns.IMAGE_LINK_RE: "[",  # also the image reference patterns
    inlinepatterns.AUTOLINK_RE: "<",
    inlinepatterns.AUTOMAIL_RE: "<",
    inlinepatterns.HTML_RE: "<",
    inlinepatterns.ENTITY_RE: "&",
    inlinepatterns.LINE_BREAK_RE: "\n",
}
PRIORITY = 20  # the inline step's place among Python-Markdown's tree processors (its own)


def needed_characters(pattern: inlinepatterns.Pattern) -> str | None:
    """The characters of which a match of `pattern` holds at least one; None if not known."""
    delimiters = getattr(inlinepatterns, "DelimiterProcessor", None)
    if delimiters is not None and isinstance(pattern, delimiters):  # emphasis: '*' and '_'
        return "".join(token[0] for token in pattern.tokens) or None
    compiled = getattr(pattern, "compiled_re", None)
    return NEEDS.get(compiled.pattern) if compiled is not None else None


class InlineSkipping(treeprocessors.InlineProcessor):
    """Python-Markdown's inline step with its own loop over the patterns (`__handleInline`, the
    same loop, which skips the patterns that cannot match)."""

    def run(self, tree, ancestors=None):
        self._patterns = list(self.inlinePatterns)
        self._needs = [needed_characters(pattern) for pattern in self._patterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802 (the name it overrides)
        if isinstance(data, util.AtomicString):
            return data
        patterns, needs = self._patterns, self._needs
        start = 0
        while patternIndex < len(patterns):
            characters = needs[patternIndex]
            if characters is not None and not any(character in data for character in characters):
                patternIndex, start = patternIndex + 1, 0  # what a pattern that did not match gives
                continue
            data, matched, start = self._InlineProcessor__applyPattern(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def fits() -> bool:
    """Whether the installed Python-Markdown's inline step has the loop InlineSkipping replaces."""
    base = treeprocessors.InlineProcessor
    return all(hasattr(base, name) for name in ("_InlineProcessor__handleInline", "_InlineProcessor__applyPattern"))


def install(md: markdown.Markdown) -> bool:
    """Use InlineSkipping as `md`'s inline step, when it fits; returns whether it does."""
    if not fits() or type(md.treeprocessors["inline"]) is not treeprocessors.InlineProcessor:
        return False
    md.treeprocessors.register(InlineSkipping(md), "inline", PRIORITY)
    return True
