"""The words of a generated page's own headings, put into its HTML after its Markdown is converted.

A practice shown untranslated has the same text in every language; only its headings ("Sources",
"Share and cite", "Related practices"), its title's lang attribute and the permalinks' titles differ.
Its Markdown carries a placeholder for each (pages/fragments.py; a neutral permalink title here), so
the page's Markdown is the same in every language, and the converted-HTML cache (htmlcache.py)
serves the other languages what the first converted. This module then gives a converted page what
converting its Markdown with the words in would have given: each heading's words as Markdown makes them, its id as the table of contents makes it (unique among the page's ids,
taken after the headings before it, as the toc extension takes them in order), and the title of its
permalinks. Words and title come from converting one heading with the build's own settings; the
words are sanitized as the page was (prerender.py), being catalogue text.
"""
from __future__ import annotations

from html import escape

from markdown.extensions.toc import unique

from ..pages.fragments import word_placeholder
from ..pages.pages import GeneratedPage
from ..pages.sanitize import clean_html
from .prerender import ConvertedPage, Converter

PERMALINK_MARK = "KBPERMALINKTITLE"  # the permalinks' title while a page is converted; letters only


def neutral_settings(extension_configs: dict) -> dict:
    """The Markdown settings pages are converted with: the same, with the permalinks' title (in the
    build's language) a mark that HeadingWords.resolve replaces."""
    toc = extension_configs.get("toc")
    if not isinstance(toc, dict) or not toc.get("permalink"):
        return extension_configs
    return {**extension_configs, "toc": {**toc, "permalink_title": PERMALINK_MARK}}


class HeadingWords:
    """For one build: its language's heading words and permalink title, made from its Markdown settings."""

    def __init__(self, extensions: list, extension_configs: dict):
        self._real = Converter(extensions, extension_configs)
        self._neutral_settings = neutral_settings(extension_configs)
        self._neutral = Converter(extensions, self._neutral_settings) \
            if self._neutral_settings is not extension_configs else None
        self._headings: dict[str, tuple[str, str, str]] = {}
        self._title: str | None = None

    @property
    def settings(self) -> dict:
        """What to convert pages with (neutral_settings)."""
        return self._neutral_settings

    def heading(self, words: str) -> tuple[str, str, str]:
        """(HTML, table-of-contents name, id) of a heading of `words`, as Markdown makes them."""
        if words not in self._headings:
            tokens = self._real.page(f"## {words}\n").toc_tokens
            escaped = escape(words, quote=False)  # settings whose table of contents leaves out level 2
            token = tokens[0] if tokens else {"html": escaped, "name": escaped, "id": ""}
            self._headings[words] = (clean_html(token.get("html", token["name"])), token["name"], token["id"])
        return self._headings[words]

    def permalink_title(self) -> str:
        """The permalinks' title attribute as the build's settings write it (`title="…"`), or ""."""
        if self._title is None:
            self._title = ""
            if self._neutral is not None:
                real, neutral = self._real.page("## x\n").html, self._neutral.page("## x\n").html
                start = neutral.find(PERMALINK_MARK)
                end = len(neutral) - start - len(PERMALINK_MARK)  # characters after the mark
                self._title = real[start:len(real) - end]
        return self._title

    def resolve(self, page: ConvertedPage, generated: GeneratedPage) -> ConvertedPage:
        """`page` (converted from `generated`'s Markdown with placeholders) as if its Markdown had
        held the words (and its title's language)."""
        html, tokens = page.html.replace(*generated.title_lang_attribute()), page.toc_tokens
        if self._neutral is not None and PERMALINK_MARK in html:
            html = html.replace(f'title="{PERMALINK_MARK}"', f'title="{self.permalink_title()}"')
        marks = [(word_placeholder(generated.nonce, number), text) for number, text in enumerate(generated.words)]
        marks = [(mark, text) for mark, text in marks if mark in html]
        if not marks:
            return ConvertedPage(html, tokens, page.anchor_ids) if html != page.html else page
        placeholders = {mark.lower() for mark, _ in marks}
        ids = set(page.anchor_ids) - placeholders
        renamed: dict[str, dict] = {}  # placeholder id -> what its token becomes
        for mark, text in marks:  # in the order the headings come: the template's
            inner, name, slug = self.heading(text)
            anchor = unique(slug, ids)
            html = html.replace(mark.lower(), anchor).replace(mark, inner)
            renamed[mark.lower()] = {"id": anchor, "name": name, "html": inner}
        return ConvertedPage(html, _renamed(tokens, renamed), frozenset(ids))


def _renamed(tokens: list, renamed: dict[str, dict]) -> list:
    """The table of contents' tokens with the placeholders' replaced (new lists and dictionaries:
    the page's own may be shared)."""
    result = []
    for token in tokens:
        token = dict(token)
        if token.get("id") in renamed:  # only the fields the token has ("html" is newer than the others)
            token.update({key: value for key, value in renamed[token["id"]].items() if key in token})
        if token.get("children"):
            token["children"] = _renamed(token["children"], renamed)
        result.append(token)
    return result
