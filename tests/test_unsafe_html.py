"""Contributed Markdown is untrusted: every rule that keeps code and third-party loads out, one test each."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from conftest import VALID_PRACTICE, build_site, make_project, run_kb

LINE = VALID_PRACTICE.count("\n") + 2  # the line the appended snippet lands on

# rule: (snippet appended to a valid body, field, a fragment of the message)
RULES = {
    "script element": ("<script>alert(1)</script>", "<script>", "runs code"),
    "script element in capitals": ("<SCRIPT src=x.js></SCRIPT>", "<script>", "runs code"),
    "iframe": ('<iframe src="https://example.org/"></iframe>', "<iframe>", "embeds another site"),
    "object": ('<object data="movie.swf"></object>', "<object>", "embeds active content"),
    "embed": ('<embed src="movie.swf">', "<embed>", "embeds active content"),
    "style element": ("<style>body { display: none }</style>", "<style>", "can load files"),
    "form": ('<form action="https://example.org/collect"><input name="q"></form>', "<form>", "collects data"),
    "event handler": ('<img src="logo.png" onerror="alert(1)">', "<img onerror>", "event-handler attribute 'onerror'"),
    "event handler on harmless tag": ('<span onmouseover="steal()">hover</span>', "<span onmouseover>", "runs code"),
    "javascript address in html": ('<a href="javascript:alert(1)">x</a>', "<a href>", "javascript: and data:"),
    "disguised javascript address": ('<a href="jav&#x61;script:alert(1)">x</a>', "<a href>", "javascript: and data:"),
    "data address in html": ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "<a href>", "javascript: and data:"),
    "javascript address in markdown link": ("[click](javascript:alert(1))", "link", "javascript: and data:"),
    "data address in markdown image": ("![x](data:image/svg+xml;base64,PHN2Zz4=)", "link", "javascript: and data:"),
    "javascript address in reference link": ("[1]: javascript:alert(1)", "link", "javascript: and data:"),
    "event handler in attribute list": ('[site](https://example.org){ onclick="alert(1)" }', "attribute list",
                                        "event-handler attribute 'onclick'"),
    "remote image": ("![logo](https://tracker.example.org/pixel.gif)", "image", "another site"),
    "remote image in html": ('<img src="https://tracker.example.org/pixel.gif" alt="">', "<img src>", "another site"),
    "svg": ('<svg><circle r="4"/></svg>', "<svg>", "can carry scripts"),
}


@pytest.mark.parametrize("rule", list(RULES))
def test_check_rejects_unsafe_html(tmp_path, rule):
    snippet, field, message = RULES[rule]
    project = make_project(tmp_path / "p", {"p.md": VALID_PRACTICE + "\n" + snippet + "\n"})
    result = run_kb(project, "check")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(f"practices/p.md:{LINE}: {field}: ")]
    assert lines, result.stdout
    assert message in lines[0]
    assert "(" in lines[0] and lines[0].endswith(")"), "every message ends with how to fix it"


def test_harmless_formatting_and_code_stay_allowed(tmp_path):
    body = "\n".join([
        "Line one<br>line two, H<sub>2</sub>O, 10<sup>3</sup>, <abbr title=\"Asylum, Migration and Integration Fund\">AMIF</abbr>.",
        "<details><summary>More</summary>Hidden text.</details>",
        "[The project page](https://example.org/project) and <https://example.org/auto>.",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "In code, `<script>alert(1)</script>` is only text.",
        "```html\n<iframe src=\"https://example.org\"></iframe>\n```",
        "{: .note }",
    ])
    project = make_project(tmp_path / "p", {"p.md": VALID_PRACTICE + "\n" + body + "\n"})
    result = run_kb(project, "check")
    assert result.returncode == 0, result.stdout


def test_every_unsafe_snippet_is_reported_in_one_run_and_the_build_fails(tmp_path):
    snippets = [snippet for snippet, _, _ in RULES.values()]
    project = make_project(tmp_path / "p", {"p.md": VALID_PRACTICE + "\n" + "\n\n".join(snippets) + "\n"})
    result = run_kb(project, "check")
    assert result.returncode == 1
    assert result.stdout.count("practices/p.md:") >= len(RULES)
    build = build_site(project, tmp_path / "site")
    assert build.returncode == 1
    assert "<script>: raw HTML element <script> is not allowed" in build.stdout + build.stderr
    assert not (tmp_path / "site" / "practices" / "p" / "index.html").exists()


class _Shown(HTMLParser):
    """The text a browser shows (all, and that of <title> and <h1>) and the content of named <meta> tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, str] = {}
        self.meta: dict[str, str] = {}
        self.text = ""  # all of it
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("title", "h1") and tag not in self.texts:
            self._open, self.texts[tag] = tag, ""
        elif tag == "meta" and (values.get("property") or values.get("name") or values.get("data-pagefind-meta")):
            self.meta[values.get("property") or values.get("name") or values["data-pagefind-meta"]] = values.get("content")
            if values.get("data-pagefind-meta"):  # what the site search shows, whatever the tag's name
                self.meta[values["data-pagefind-meta"]] = values.get("content")

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        self.text += data
        if self._open:
            self.texts[self._open] += data


def test_front_matter_text_is_shown_as_text_everywhere(tmp_path):
    # Material puts a page's title and description into the HTML as they are; a practice's are
    # contributor text, so markup in them must reach the reader as text, escaped once.
    title = 'Women & work: <script>alert("t")</script>'
    summary = 'Jobs "first" & language later"><img src=x onerror=alert(1)> in one <b>municipal</b> office.'
    practice = (VALID_PRACTICE.replace("title: Test coordination body in Testtown", f"title: '{title}'")
                .replace("summary: >-\n  A made-up practice for the tests: the municipality and an NGO set up a body that meets\n"
                         "  four times a year to agree on services for newcomers.", f"summary: '{summary}'")
                .replace("place: Testtown", "place: '<b>Town</b>'")
                .replace("publisher: Test publisher", "publisher: '<svg onload=alert(2)>'"))
    assert practice.count("<") == 8
    project = make_project(tmp_path / "p", {"women-and-work.md": practice})
    build = build_site(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    for path in (tmp_path / "site").rglob("*"):
        if path.suffix in (".html", ".xml"):
            text = path.read_text(encoding="utf-8")
            for raw in ("<script>alert", "<img src=x", "<svg onload", "<b>Town", "<b>municipal"):
                assert raw not in text, f"{raw} unescaped in {path}"
            assert "&amp;lt;" not in text and "&amp;amp;" not in text, f"escaped twice in {path}"
    shown = _Shown()
    shown.feed((tmp_path / "site" / "practices" / "women-and-work" / "index.html").read_text(encoding="utf-8"))
    assert shown.texts["h1"].strip().rstrip("¶") == title
    assert shown.texts["title"].startswith(title + " - ")
    assert shown.meta["description"] == shown.meta["og:description"] == summary
    assert shown.meta["og:title"] == shown.meta["title[content]"] == title
    home = _Shown()  # the home page lists the newest practices
    home.feed((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    assert title in home.text
