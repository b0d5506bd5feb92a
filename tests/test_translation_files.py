"""Broken translations and interface strings get a precise message from the checks (tests/test_strict_build.py
builds):
translation files of practices and pages, the catalogues in translations/, the languages setting."""
from __future__ import annotations

import pytest

from conftest import REPO, VALID_PRACTICE, check_in_process, check_reports, make_project

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast

LANGUAGES = ("en", "sl")
TRANSLATION = """\
---
title: Preskusno koordinacijsko telo v Preskusnem kraju
summary: >-
  Izmišljena praksa za preskuse: občina in nevladna organizacija sta ustanovili telo, ki se
  sestaja štirikrat na leto in se dogovarja o storitvah za priseljence.
translator: Preskusni prevajalec
translated: "2025-02-01"
---

## Ozadje

Preskusni kraj ni imel prostora, kjer bi se službe srečale.
"""


def practice_project(tmp_path, files: dict[str, str], languages=LANGUAGES):
    """A project in English and Slovenian with the real vocabularies (labelled in every language)."""
    return make_project(tmp_path / "project", {"p.md": VALID_PRACTICE, **files}, REPO / "vocabularies", languages)


# name: (files in practices/, expected "path:line: field: message" start, a fragment of the hint)
CASES = {
    "a fact in a translation": (
        {"p.sl.md": TRANSLATION.replace("translator:", "countries: [SK]\ntranslator:")},
        "practices/p.sl.md:6: countries: is a fact of the practice, and facts are not translated", "never disagree"),
    "a number the original does not state": (
        {"p.sl.md": TRANSLATION.replace("Preskusni kraj ni imel prostora", "Leta 1937 Preskusni kraj ni imel prostora")},
        "practices/p.sl.md:12: body: states 1937, which practices/p.md does not", "add it to the original"),
    "a translation without its practice": (
        {"q.sl.md": TRANSLATION},
        "practices/q.sl.md:1: file name: there is no practice 'q' to translate", "<slug>.<language>.md"),
    "a misspelt practice name": (
        {"pp.sl.md": TRANSLATION},
        "practices/pp.sl.md:1: file name: there is no practice 'pp' to translate", "did you mean 'p'?"),
    "a language the site does not have": (
        {"p.xx.md": TRANSLATION},
        "practices/p.xx.md:1: file name: 'xx' is not a language of the site", "en, sl"),
    "a name that is neither a practice's nor a translation's": (
        {"p..md": VALID_PRACTICE},
        "practices/p..md:1: file name: 'p..md' is neither a practice nor a translation", "<slug>.<language>.md"),
    "a translation into the practice's own language": (
        {"p.en.md": TRANSLATION},
        "practices/p.en.md:1: file name: practices/p.md is already written in English", "another language"),
    "a missing summary": (
        {"p.sl.md": TRANSLATION.replace("summary: >-\n  Izmišljena", "opis: >-\n  Izmišljena")},
        "practices/p.sl.md:1: summary: required field is missing", "add 'summary:'"),
    "an unknown field": (
        {"p.sl.md": TRANSLATION.replace("translator:", "translater:")},
        "practices/p.sl.md:6: translater: unknown field", "did you mean 'translator'"),
    "a summary far too short": (
        {"p.sl.md": TRANSLATION.replace("summary: >-\n  Izmišljena praksa za preskuse: občina in nevladna organizacija sta ustanovili telo, ki se\n  sestaja štirikrat na leto in se dogovarja o storitvah za priseljence.", "summary: Kratko.")},
        "practices/p.sl.md:3: summary: should be 40 to 800 characters long, not 7", "as long as the original"),
    "a translation date that is not one": (
        {"p.sl.md": TRANSLATION.replace('translated: "2025-02-01"', 'translated: "1. 2. 2025"')},
        "practices/p.sl.md:7: translated: '1. 2. 2025' is not a date", "YYYY-MM-DD"),
    "an empty translated text": (
        {"p.sl.md": TRANSLATION.split("## Ozadje")[0] + "## Ozadje\n"},
        "practices/p.sl.md:9: body: is empty", "translate the original's sections"),
    "unsafe HTML in a translation": (
        {"p.sl.md": TRANSLATION + "\n<script>alert(1)</script>\n"},
        "practices/p.sl.md:", "plain Markdown"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_check_reports_a_broken_translation_precisely(tmp_path, name):
    files, expected, hint = CASES[name]
    check_reports(practice_project(tmp_path, files), expected, hint)


@pytest.mark.parametrize("name", ["p..md", "p.sl.extra.md"])
def test_a_file_name_of_no_known_shape_gets_one_message(tmp_path, name):
    """Its content is not checked as a translation: the file may be a practice with a mistyped name."""
    result = check_reports(practice_project(tmp_path, {name: VALID_PRACTICE}), f"practices/{name}:1: file name:", "rename it")
    assert [line for line in result.stdout.splitlines() if line.startswith(f"practices/{name}:")] == [
        f"practices/{name}:1: file name: '{name}' is neither a practice nor a translation "
        "(rename it: a practice is <slug>.md, its translation <slug>.<language>.md)"]


def test_a_valid_translation_passes(tmp_path):
    result = check_in_process(practice_project(tmp_path, {"p.sl.md": TRANSLATION}))
    assert result.returncode == 0, result.stdout


# --- interface strings (translations/<code>.yml) and the languages setting ----------------------

def catalogue_project(tmp_path, edit, languages=LANGUAGES):
    project = make_project(tmp_path / "project", {"p.md": VALID_PRACTICE}, REPO / "vocabularies", languages)
    edit(project)
    return project


def replace_in(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


SL = "translations/sl.yml"
# name: (edit of the project, the file, a text on the problem's line (None: line 1), expected
# "field: message" after "path:line: ", a fragment of the hint)
CATALOGUE_CASES = {
    "a message left out": (
        lambda p: replace_in(p / SL, '  fact.place: "Kraj"\n', ""),
        SL, "messages:", "messages.fact.place: is missing", "translate 'Place' into Slovenian"),
    "a message English does not have": (
        lambda p: replace_in(p / SL, '  fact.place: "Kraj"\n', '  fact.place: "Kraj"\n  fact.plaec: "Kraj"\n'),
        SL, "fact.plaec", "messages.fact.plaec: is not a message of translations/en.yml", "did you mean 'fact.place'"),
    "a value in braces renamed": (
        lambda p: replace_in(p / SL, '"do leta {year}"', '"do leta {leto}"'),
        SL, "do leta", "messages.period.until: names other values in braces than English", "{year}"),
    "a plural form missing": (
        lambda p: replace_in(p / SL, '    two: "{count} rezultata"\n', ""),
        SL, "  search.count:", "messages.search.count: should give one text per plural form: one, two, few, other",
        "CLDR's plural categories for Slovenian"),
    "an empty message": (
        lambda p: replace_in(p / SL, '"Nazadnje preverjeno"', '""'),
        SL, "fact.last_verified", "messages.fact.last_verified: is empty", "write the translation"),
    "a navigation title not translated": (
        lambda p: replace_in(p / SL, '  "Field reference": "Opis polj"\n', ""),
        SL, "mkdocs:", "mkdocs.Field reference: is missing", "mkdocs.yml has this text"),
    "a language without its catalogue": (
        lambda p: (p / SL).unlink(),
        SL, None, "file: is missing", "copy translations/en.yml"),
    "a target group without its Slovenian label": (
        lambda p: replace_in(p / "vocabularies/target-groups.yml", ', sl: "Ženske"', ""),
        "vocabularies/target-groups.yml", '{en: "Women"', "terms[4].label: has no label in sl (Slovenian)",
        'sl: "…"'),
    "a theme group heading without its Slovenian label": (
        lambda p: replace_in(p / "vocabularies/themes.yml", ', sl: "Načrtovanje in upravljanje"', ""),
        "vocabularies/themes.yml", '{en: "Plan and govern"', "groups[1].label: has no label in sl (Slovenian)",
        'sl: "…"'),
    "an organisation type heading without its Slovenian label": (
        lambda p: replace_in(p / "vocabularies/organisations.yml", ', sl: "Občine in regije"', ""),
        "vocabularies/organisations.yml", '{en: "Municipalities and regions"',
        "types[1].label: has no label in sl (Slovenian)", 'sl: "…"'),
    "an unknown language in the setting": (
        lambda p: replace_in(p / "mkdocs.yml", "languages: [en, sl]", "languages: [en, sl, zz]"),
        "mkdocs.yml", None, "plugins.practicekb.languages[3]: unknown language code 'zz'", "ISO 639-1"),
}


@pytest.mark.parametrize("name", list(CATALOGUE_CASES))
def test_check_reports_a_broken_catalogue_precisely(tmp_path, name):
    edit, shown, on_line, problem, hint = CATALOGUE_CASES[name]
    project = catalogue_project(tmp_path, edit)
    number = line_of(project / shown, on_line) if on_line else 1
    expected = f"{shown}:{number}: {problem}"
    check_reports(project, expected, hint)


def test_the_real_catalogues_are_complete():
    """Every language of the real site has every message and every text of mkdocs.yml (kb check only reads)."""
    result = check_in_process(REPO)
    assert result.returncode == 0, result.stdout


def test_a_number_is_the_same_number_whatever_its_thousands_separator():
    from practicekb.checks.faithful import numbers
    assert numbers("8,442 EUR") == numbers("8 442 EUR") == numbers("8\u00a0442 EUR") == numbers("8442 EUR") == {"8442"}
    assert numbers("in 2019 and 2021") == {"2019", "2021"}
