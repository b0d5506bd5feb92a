"""Unit tests of the language pieces: plural forms and values of the catalogues, CLDR names, the
alphabetical order, translation file names, the same page in every language."""
from __future__ import annotations

import pytest

from types import SimpleNamespace

import yaml

from conftest import REPO
from practicekb.checks.catalogue import Catalogue, config_texts
from practicekb.core.languages import autonym, language_name, plural_categories, sort_key, translation_of
from practicekb.adapter.language_builds import LanguageBuild, alternates, nav_titles, translated_nav

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast


def catalogue(language: str) -> Catalogue:
    data = yaml.safe_load((REPO / "translations" / f"{language}.yml").read_text(encoding="utf-8"))
    return Catalogue(language, data["messages"], data.get("mkdocs", {}))


def test_plural_forms_follow_each_languages_rules():
    sl, sk, lt = catalogue("sl"), catalogue("sk"), catalogue("lt")
    assert [sl.t("search.count", count=n) for n in (1, 2, 3, 5, 101, 102)] == [
        "1 rezultat", "2 rezultata", "3 rezultati", "5 rezultatov", "101 rezultat", "102 rezultata"]
    assert [sk.t("search.count", count=n) for n in (1, 3, 5)] == ["1 výsledok", "3 výsledky", "5 výsledkov"]
    assert [lt.t("search.count", count=n) for n in (1, 21, 9, 11, 10)] == [
        "1 rezultatas", "21 rezultatas", "9 rezultatai", "11 rezultatų", "10 rezultatų"]
    assert plural_categories("nb") == ("one", "other")


def test_values_are_filled_in_and_numbers_written_the_languages_way():
    assert catalogue("en").t("explore.count", count=1234, order="A to Z") == "1,234 practices, A to Z."
    assert catalogue("nb").t("explore.count", count=1234, order="A til Å") == "1\xa0234 praksiser, A til Å."
    assert catalogue("sl").t("period.until", year="2015") == "do leta 2015"


def test_language_names_come_from_cldr():
    assert language_name("sl", "en") == "Slovenian"
    assert language_name("en", "sk") == "angličtina"
    assert autonym("nb") == "Norsk bokmål" and autonym("lt") == "Lietuvių"


def test_alphabetical_order_puts_accented_letters_with_their_base_letter():
    names = ["Zeta", "Česko", "Austria", "Ísland", "Chile"]
    assert sorted(names, key=sort_key) == ["Austria", "Česko", "Chile", "Ísland", "Zeta"]


def test_translation_file_names():
    assert translation_of("koper-body.sl.md") == ("koper-body", "sl")
    assert translation_of("koper-body.md") is None
    assert translation_of("about.sk.md") == ("about", "sk")


def test_navigation_and_config_texts_in_another_language():
    nav = [{"Home": "index.md"}, {"More": [{"Source projects": "projects/index.md"}]}]
    words = Catalogue("sl", {}, {"Home": "Domov", "More": "Več", "Source projects": "Izvorni projekti"})
    assert translated_nav(nav, words) == [{"Domov": "index.md"}, {"Več": [{"Izvorni projekti": "projects/index.md"}]}]
    assert nav_titles(nav) == {"index.md": "Home", "projects/index.md": "Source projects"}
    config = {"site_name": "Site", "copyright": "C", "nav": nav,
              "theme": {"palette": [{"toggle": {"name": "Dark"}}, {"toggle": {"name": "Light"}}]}}
    assert config_texts(config) == ["Site", "C", "Dark", "Light", "Home", "More", "Source projects"]


def test_every_language_of_a_page_is_one_click_away_from_it():
    def config(language: str | None):
        handed = LanguageBuild(language, "https://example.org/kb/") if language else LanguageBuild()
        plugin = SimpleNamespace(config={"languages": ["en", "sk", "sl"]}, language_build=handed)
        return SimpleNamespace(plugins={"practicekb": plugin},
                               site_url="https://example.org/kb/" + (f"{language}/" if language else ""))

    page = SimpleNamespace(url="practices/koper/")
    english = {a["code"]: (a["href"], a["url"], a["current"]) for a in alternates(config(None), page)}
    assert english == {
        "en": ("../../practices/koper/", "https://example.org/kb/practices/koper/", True),
        "sk": ("../../sk/practices/koper/", "https://example.org/kb/sk/practices/koper/", False),
        "sl": ("../../sl/practices/koper/", "https://example.org/kb/sl/practices/koper/", False)}
    slovak = {a["code"]: a["href"] for a in alternates(config("sk"), page)}
    assert slovak == {"en": "../../../practices/koper/", "sk": "../../../sk/practices/koper/",
                      "sl": "../../../sl/practices/koper/"}
    home = {a["code"]: a["href"] for a in alternates(config("sk"), SimpleNamespace(url=""))}
    assert home == {"en": "../", "sk": "../sk/", "sl": "../sl/"}
