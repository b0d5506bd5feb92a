"""Files that once passed `kb check` unread, or stopped it with a traceback (an adversarial review,
2026-12-08): mistyped vocabulary values, page files named so that no check reads them, an empty or
doubled page translation. Each now gets its file, line, field and a fix, in one run."""
from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURE_VOCABULARIES, VALID_PRACTICE, check_in_process, check_reports, make_project

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast


def vocabulary_project(tmp_path, name: str, old: str, new: str):
    """The test project with one edit to one of its vocabularies."""
    folder = tmp_path / "vocabularies"
    shutil.copytree(FIXTURE_VOCABULARIES, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return make_project(tmp_path / "project", {"testtown.md": VALID_PRACTICE}, vocabularies=folder)


# (vocabulary file, text, replacement, expected "path:line: field: problem" start, a fragment of the hint)
VOCABULARY_CASES = {
    "an id that is a number": ("themes.yml", "  - id: coordination-bodies", "  - id: 7",
                               "vocabularies/themes.yml:21: terms[1].id: should be text, not a whole number", "quotes"),
    "a parent that is a list": ("funders.yml", "parent: eea-and-norway-grants", "parent: [eea-and-norway-grants]",
                                "vocabularies/funders.yml:25: terms[3].parent: should be text, not a list", "quotes"),
    "a type that is a mapping": ("organisations.yml", "type: research", "type: {a: b}",
                                 "vocabularies/organisations.yml:13: terms[1].type: should be text", "quotes"),
    "terms that are a number": ("funders.yml", "terms:\n", "terms: 5\nold_terms:\n",
                                "vocabularies/funders.yml:12: terms: should be a list, not a whole number", "write a list"),
    "types that are text": ("funders.yml", "types:\n", "types: x\nold_types:\n",
                            "vocabularies/funders.yml:3: types: should be a list, not text", "write a list"),
}


@pytest.mark.parametrize("name", list(VOCABULARY_CASES))
def test_a_mistyped_vocabulary_value_is_reported_without_a_traceback(tmp_path, name):
    file, old, new, expected, hint = VOCABULARY_CASES[name]
    check_reports(vocabulary_project(tmp_path, file, old, new), expected, hint)


@pytest.mark.parametrize("name, message, hint", [
    ("about.de.mdown", "'about.de.mdown' is a page no check reads: pages end in '.md'", "rename it to about.de.md"),
    ("evil.lt.markdown", "'evil.lt.markdown' is a page no check reads", "rename it to evil.lt.md"),
    ("notes/x.MD", "'x.MD' is a page no check reads", "rename it to x.md"),
    ("evil.html", "'evil.html' would be published as it is, unchecked", "write the page in Markdown"),
    ("pictures/map.svg", "'map.svg' would be published as it is, unchecked", "docs/assets/"),
])
def test_a_page_file_no_check_would_read_is_reported(tmp_path, name, message, hint):
    """MkDocs publishes .mdown, .markdown and .mkd pages, and HTML or SVG as it is: such a file
    carried a live <script> past every check (only <page>.<code>.md is read as a translation)."""
    project = make_project(tmp_path / "project", {"testtown.md": VALID_PRACTICE})
    path = project / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ntitle: T\n---\n# T\n\n<script>alert(1)</script>\n", encoding="utf-8")
    check_reports(project, f"docs/{name}:1: file name: {message}", hint)


def test_the_site_own_files_in_assets_are_not_reported(tmp_path):
    project = make_project(tmp_path / "project", {"testtown.md": VALID_PRACTICE})
    (project / "docs" / "assets" / "shape.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    outcome = check_in_process(project)
    assert outcome.returncode == 0, outcome.stdout


@pytest.mark.parametrize("text, expected, hint", [
    ("", "docs/about.sk.md:1: body: is empty: the page would show nothing in this language", "delete the file"),
    ("---\ntitle: Nadpis\n---\n\n", "docs/about.sk.md:4: body: is empty", "translate the page's text"),
    ("---\ntitle: Nadpis\ntitle: Iný\n---\n\n# Nadpis\n\nText.\n", "docs/about.sk.md:3: title: appears twice",
     "keep only one"),
])
def test_an_empty_or_doubled_page_translation_is_reported(tmp_path, text, expected, hint):
    """An empty docs/about.sk.md left the Slovak About page without its text, and a title written
    twice silently kept the last."""
    project = make_project(tmp_path / "project", {"testtown.md": VALID_PRACTICE}, languages=("en", "sk"))
    (project / "docs" / "about.sk.md").write_text(text, encoding="utf-8")
    check_reports(project, expected, hint)
