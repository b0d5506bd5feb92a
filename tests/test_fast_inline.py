"""The faster inline step (hooks/practicekb/fastinline.py) is in use with the installed
Python-Markdown, skips only patterns that cannot match, and gives the HTML Python-Markdown gives."""
from __future__ import annotations

import random

import markdown
from mkdocs.config import load_config

from practicekb import fastinline
from conftest import REPO
from test_prerender import HARD_CASE, INLINE_CASE

# Pieces of inline Markdown from which random texts are put together: every construct a pattern
# looks for, broken ones, and their characters on their own.
PIECES = ["word", " ", "  \n", "\n", "*", "**", "_", "__", "`", "``", "\\", "\\\\", "[", "]", "(", ")", "!", "<", ">",
          "&", ";", "#", "@", ":", "/", '"', "=", "{", "}", ".", "x_y", "a*b", "[t](https://e.org/p)", "[t][r]", "[r]",
          "![i](https://e.org/i.png)", "<https://e.org/a>", "<m@e.org>", "<span>", "</span>", "<!-- c -->",
          "&amp;", "&#169;", "&#xA9;", "`c`", "*e*", "**s**", "_e_", "\\*", "\\`", "{ .c }"]


def random_texts(count: int, seed: int, tail: str = "\n\n[r]: https://e.org/r\n") -> list[str]:
    """Random inline Markdown, followed by `tail` (by default a reference the texts' [r] can use)."""
    chooser = random.Random(seed)
    return ["".join(chooser.choice(PIECES) for _ in range(chooser.randint(1, 40))) + tail for _ in range(count)]


def site_markdown(fast: bool) -> markdown.Markdown:
    config = load_config(str(REPO / "mkdocs.yml"))
    md = markdown.Markdown(extensions=list(config.markdown_extensions), extension_configs=dict(config.mdx_configs))
    if fast:
        assert fastinline.install(md)
    return md


def test_it_is_in_use_and_knows_every_default_pattern():
    """With the installed Python-Markdown the faster step replaces the inline step in its place,
    and knows what each default pattern needs (after an upgrade that changes one, this fails:
    the HTML stays right, but that pattern is tried everywhere again)."""
    stock, fast = site_markdown(False), site_markdown(True)
    assert type(fast.treeprocessors["inline"]) is fastinline.InlineSkipping
    assert [type(processor).__name__ for processor in fast.treeprocessors] == [
        "InlineSkipping" if name == "InlineProcessor" else name for name in
        (type(processor).__name__ for processor in stock.treeprocessors)]
    unknown = [type(pattern).__name__ for pattern in stock.inlinePatterns if fastinline.needed_characters(pattern) is None]
    assert unknown == []


def test_a_pattern_never_matches_text_without_the_characters_it_needs():
    """The ground for skipping: each default pattern's expression, searched in texts made of
    every other piece, finds nothing."""
    md = site_markdown(False)
    for number, pattern in enumerate(md.inlinePatterns):
        needed = fastinline.needed_characters(pattern)
        texts = [text for text in random_texts(5000, seed=number, tail="") if not any(c in text for c in needed)]
        assert len(texts) > 100
        assert [text for text in texts if pattern.compiled_re.search(text)] == [], needed


def test_the_html_is_python_markdowns():
    stock, fast = site_markdown(False), site_markdown(True)
    texts = [HARD_CASE, INLINE_CASE] + [path.read_text(encoding="utf-8") for path in sorted((REPO / "practices").glob("*.md"))]
    texts += random_texts(2000, seed=7)
    different = []
    for text in texts:
        stock.reset(), fast.reset()
        if fast.convert(text) != stock.convert(text):
            different.append(text)
    assert different == []


def test_a_pattern_it_does_not_know_is_always_tried():
    """An extension's own inline pattern (here one for ++inserted++ text) works as before."""
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    stock, fast = site_markdown(False), site_markdown(True)
    for md in (stock, fast):
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"()\+\+(.+?)\+\+", "ins"), "ins", 65)
    text = "Some ++inserted++ text, *and* ++more++."
    assert fast.convert(text) == stock.convert(text) == "<p>Some <ins>inserted</ins> text, <em>and</em> <ins>more</ins>.</p>"
