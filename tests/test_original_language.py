"""Words shown in another language than the page's are marked with theirs (lang="…"), so screen
readers speak them right and translators see them: titles of untranslated practices wherever they
appear (lists, related practices, links, the header), their places, organisations' own names. And
a place that already names its country, in the reader's language or its own, is not followed by it."""
from __future__ import annotations


import pytest
import yaml

from conftest import REPO
from sitepages import page, text_parent, tree

LANGUAGES = ("sk", "sl", "lt", "nb")
ORIGINALS = sorted(path for path in (REPO / "practices").glob("*.md") if "." not in path.stem and path.stem != "_template")


def untranslated_titles(language: str) -> dict[str, str]:
    """Title -> slug of the practices without a translation into `language` (all written in English)."""
    titles = {}
    for path in ORIGINALS:
        if not path.with_name(f"{path.stem}.{language}.md").exists():
            data = yaml.load(path.read_text(encoding="utf-8").split("---\n")[1], Loader=yaml.BaseLoader)
            assert data.get("language", "en") == "en"
            titles[" ".join(data["title"].split())] = path.stem
    return titles


def marked(element, language: str) -> bool:
    """Whether the nearest lang attribute above the text says `language`."""
    for node in [element, *element.iterancestors()]:
        if node.get("lang"):
            return node.get("lang") == language
    return False


@pytest.mark.parametrize("language", LANGUAGES)
def test_untranslated_titles_are_marked_english_on_every_page(real_site, language):
    titles = untranslated_titles(language)
    assert titles
    pages = sorted((real_site / language).rglob("index.html"))
    seen, unmarked = 0, []
    for path in pages:
        for text in tree(real_site, path.relative_to(real_site).as_posix()).xpath("//text()"):
            parent = text_parent(text)
            if " ".join(text.split()) in titles and parent.tag not in ("title", "script", "style"):
                seen += 1
                if not marked(parent, "en"):
                    unmarked.append(f"{path.relative_to(real_site)}: <{parent.tag} class={parent.get('class')}>")
    assert seen > len(titles)  # in lists, related practices, headers
    assert unmarked == [], "\n".join(unmarked[:20])


def test_the_header_of_an_untranslated_practice_shows_its_title_in_english(real_site):
    slug = untranslated_titles("sk")["Bydelsmødre (Neighbourhood Mothers) in Denmark"]
    topic = page(real_site, f"sk/practices/{slug}/").select_one("[data-md-component=header-topic] .md-ellipsis")
    assert topic["lang"] == "en" and "Bydelsmødre" in topic.get_text()
    translated = page(real_site, "sk/practices/koper-coordination-body-for-migrant-inclusion/")
    assert not translated.select_one("[data-md-component=header-topic] .md-ellipsis").get("lang")


BYDELSMODRE = "bydelsmodre-neighbourhood-mothers"
PLACE = "Vollsmose (Odense) and other towns in Denmark"  # practices/bydelsmodre-neighbourhood-mothers.md


@pytest.mark.parametrize("language", ("en", *LANGUAGES))
def test_a_place_that_names_its_country_is_not_followed_by_it(real_site, language):
    folder = "" if language == "en" else f"{language}/"
    data = yaml.load((REPO / "practices" / f"{BYDELSMODRE}.md").read_text(encoding="utf-8").split("---\n")[1],
                     Loader=yaml.BaseLoader)
    assert data["place"] == PLACE and data["countries"] == ["DK"]
    wheres = []
    for address in (f"{folder}explore/", f"{folder}countries/dk/", f"{folder}themes/{data['themes'][0]}/"):
        soup = page(real_site, address)
        for link in soup.select(f"a[href$='practices/{BYDELSMODRE}/']"):
            where = link.find_next("span", class_="kb-where")
            wheres.append(" ".join(where.get_text().split()))
            place = where.find("span", lang=True)  # the place's words are the practice file's, in English
            assert (place is None) if language == "en" else (place.get_text() == PLACE and place["lang"] == "en")
    assert wheres and all(where.split(" · ")[0] == PLACE for where in wheres), wheres
    practice = page(real_site, f"{folder}practices/{BYDELSMODRE}/")
    alt = practice.find("meta", property="og:image:alt")
    assert alt is None or alt["content"].endswith(f": {PLACE}"), alt


def fact_values(real_site, relative: str, label: str) -> list:
    """The <dd> values of one fact (by its <dt> label) on a built page."""
    facts = tree(real_site, relative).xpath(f"//div[contains(@class, 'kb-facts')]//dt[.='{label}']")
    assert facts, relative
    values = []
    for node in facts[0].itersiblings():
        if node.tag == "dt":
            break
        values.append(node)
    return values


def test_a_fact_box_place_and_funding_note_of_an_untranslated_practice_are_marked_english(real_site):
    """The place and a funding note are the practice file's words (facts are not translated): on the
    Lithuanian page they are marked English, as the place in lists already was."""
    practice = "lt/practices/iceland-coordinated-reception-of-refugees/index.html"
    place = fact_values(real_site, "lt/practices/kapacity-municipal-integration-coordinators/index.html", "Vieta")
    assert any(marked(span, "en") and "Košice" in span.text_content() for span in place[0].iter("span"))
    notes = [span for value in fact_values(real_site, practice, "Finansavimas") for span in value.iter("span")
             if "government" in span.text_content()]
    assert notes and all(marked(span, "en") for span in notes)
