"""Contributed Markdown is untrusted: find raw HTML and links that could run or load something.

Harmless formatting (<br>, <sup>, <abbr>, <details>, tables…) stays allowed. What is
rejected can execute script, load content from another host when the page is viewed,
or collect data: script-like elements, event-handler attributes, javascript:/data:
addresses, forms, and images or media from other hosts (readers' privacy).
Code spans and fenced code blocks show their text and are not checked.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..core.problems import Problem

FORBIDDEN_ELEMENTS = {
    "script": "runs code", "style": "restyles the whole page and can load files",
    "iframe": "embeds another site", "frame": "embeds another site", "frameset": "embeds another site",
    "object": "embeds active content", "embed": "embeds active content", "applet": "embeds active content",
    "form": "collects data", "input": "collects data", "button": "collects data", "textarea": "collects data",
    "select": "collects data", "link": "loads files", "meta": "changes how the page behaves",
    "base": "changes every address on the page", "svg": "can carry scripts", "math": "can carry scripts",
    "template": "hides active content",
}
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background",
                      "srcset", "data", "cite", "longdesc", "ping"}
MEDIA_ELEMENTS = {"img", "video", "audio", "source", "track", "picture", "image"}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")

FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,}).*?^\1\2[`~]*[ \t]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
MARKDOWN_LINK = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)>\s]*)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s>]*)>")
ATTRIBUTE_LIST = re.compile(r"\{:?[^{}\n]*\}")
EVENT_IN_ATTRIBUTE_LIST = re.compile(r"(?:^|\s)(on[a-z]+)\s*=", re.IGNORECASE)
STYLE_IN_ATTRIBUTE_LIST = re.compile(r"(?:^|\s)style\s*=", re.IGNORECASE)

HINT = ("use plain Markdown: text, headings, lists, **bold**, [links](https://…); "
        "contributed pages may not run code or load anything from other sites")


def blank_code(text: str) -> str:
    """Replace code blocks and spans with spaces, keeping every line where it was."""
    if "`" not in text and "~~~" not in text:  # most bodies: no code, and the patterns are slow
        return text
    keep_lines = lambda match: re.sub(r"[^\n]", " ", match.group(0))  # noqa: E731
    return CODE_SPAN.sub(keep_lines, FENCE.sub(keep_lines, text))


def dangerous_address(address: str) -> bool:
    """True for javascript:, data: and similar, however they are disguised with entities or spaces."""
    plain = re.sub(r"[\s\x00-\x1f]", "", html.unescape(address)).lower()
    return plain.startswith(DANGEROUS_SCHEMES)


def remote_address(address: str) -> bool:
    plain = html.unescape(address).strip().lower()
    return plain.startswith(("http:", "https:", "//", "ftp:"))


# Levels of elements, quotes or lists inside each other that a body may have: Python-Markdown
# converts nested blocks recursively and fails (RecursionError) at a few hundred; text needs a handful.
MAX_NESTING = 30
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
DEEP_QUOTE = re.compile(r"^(?:[ \t]*>){%d}" % (MAX_NESTING + 1), re.MULTILINE)
DEEP_INDENT = re.compile(r"^[ \t]{%d}" % (4 * MAX_NESTING + 1), re.MULTILINE)  # a list level is 4 spaces
NESTING_HINT = f"keep to a few levels (at most {MAX_NESTING}) of lists, quotes or elements inside each other"


class _UnsafeHtmlFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []  # (line in text, field, message)
        self.depth = 0  # elements open
        self.too_deep = 0  # the line where they first nested deeper than MAX_NESTING

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.check(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.depth += 1
            if self.depth > MAX_NESTING and not self.too_deep:
                self.too_deep = self.getpos()[0]

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_ELEMENTS:
            self.depth = max(0, self.depth - 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # <br/>: no level
        self.check(tag, attrs)

    def check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append((line, f"<{tag}>", f"raw HTML element <{tag}> is not allowed: it {FORBIDDEN_ELEMENTS[tag]}"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"<{tag} {name}>", f"event-handler attribute '{name}' is not allowed: it runs code"))
            elif name == "style" and value and re.search(r"url\s*\(|expression\s*\(|@import", value, re.IGNORECASE):
                self.found.append((line, f"<{tag} style>", "a style that loads files or runs code is not allowed"))
            elif name in ADDRESS_ATTRIBUTES and value:
                if dangerous_address(value):
                    self.found.append((line, f"<{tag} {name}>", f"address '{value[:40]}' is not allowed: "
                                       "javascript: and data: addresses can run code"))
                elif tag in MEDIA_ELEMENTS and name in ("src", "srcset", "poster") and remote_address(value):
                    self.found.append((line, f"<{tag} {name}>", f"image or media from another site ('{value[:60]}') "
                                       "is not allowed: it would tell that site who reads the page"))


def markdown_addresses(text: str) -> list[tuple[int, bool, str]]:
    """(line from the text's first, is an image, address) of every Markdown link, image, reference
    definition and autolink in `text`, a body with its code blanked (blank_code)."""
    addresses = [(m.start(), m.group(1) == "!", m.group(2)) for m in MARKDOWN_LINK.finditer(text)] if "](" in text else []
    addresses += [(m.start(), False, m.group(1)) for m in REFERENCE_DEFINITION.finditer(text)] if "]:" in text else []
    addresses += [(m.start(), False, m.group(1)) for m in AUTOLINK.finditer(text)] if "<" in text else []
    return [(text.count("\n", 0, offset), is_image, address) for offset, is_image, address in sorted(addresses)]


def unsafe_html_problems(body: str, body_line: int, path: str) -> list[Problem]:
    """Every unsafe element, attribute or address in a practice body, each on its own line; and
    nesting too deep to convert (MAX_NESTING)."""
    text = blank_code(body)
    line_of = lambda offset: body_line + text.count("\n", 0, offset)  # noqa: E731
    problems: list[Problem] = []

    finder = _UnsafeHtmlFinder()
    finder.feed(text)
    finder.close()
    for line, field, message in finder.found:
        problems.append(Problem(path, body_line + line - 1, field, message, HINT))
    if finder.too_deep:
        problems.append(Problem(path, body_line + finder.too_deep - 1, "body",
                                f"HTML elements nest more than {MAX_NESTING} levels deep", NESTING_HINT))
    for pattern, what in ((DEEP_QUOTE, "quotes (>)"), (DEEP_INDENT, "indented lists or blocks")):
        if match := pattern.search(text):
            problems.append(Problem(path, line_of(match.start()), "body",
                                    f"{what} nest more than {MAX_NESTING} levels deep", NESTING_HINT))

    for line, is_image, address in markdown_addresses(text):
        if dangerous_address(address):
            problems.append(Problem(path, body_line + line, "link", f"address '{address[:40]}' is not allowed: "
                                    "javascript: and data: addresses can run code",
                                    "link to a web page starting with https://"))
        elif is_image and remote_address(address):
            problems.append(Problem(path, body_line + line, "image", f"image from another site ('{address[:60]}') is "
                                    "not allowed: it would tell that site who reads the page",
                                    "leave the image out, or link to the page that shows it"))

    for match in ATTRIBUTE_LIST.finditer(text):
        handler = EVENT_IN_ATTRIBUTE_LIST.search(match.group(0)[1:-1])
        if handler:
            problems.append(Problem(path, line_of(match.start()), "attribute list",
                                    f"event-handler attribute '{handler.group(1)}' is not allowed: it runs code", HINT))
        elif STYLE_IN_ATTRIBUTE_LIST.search(match.group(0)[1:-1]) and re.search(r"url\s*\(", match.group(0), re.I):
            problems.append(Problem(path, line_of(match.start()), "attribute list",
                                    "a style that loads files is not allowed", HINT))
    return sorted(problems)
