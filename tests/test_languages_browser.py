"""The real site in Chromium in other languages: <html lang>, the language switcher, the header search
searching the page's language (and nothing missing or off-site requested), Explore's texts."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from test_contributor_pages import catalogue as contributor_words
from test_languages import LANGUAGES, UNTRANSLATED_SK, prefix, script_texts

pytest_plugins = ["browser"]

KOPER = "practices/koper-coordination-body-for-migrant-inclusion/"


@pytest.fixture
def failed_responses(page) -> list[str]:
    """Every response with an error status (a missing index piece or language file would be one)."""
    failed: list[str] = []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    return failed


@pytest.fixture
def requested(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def search(page, words: str) -> list[str]:
    page.fill("#kb-search-input", words)
    page.locator("#kb-search-results li a").first.wait_for()
    return page.eval_on_selector_all("#kb-search-results a", "links => links.map(a => a.pathname)")


def test_slovak_page_searches_slovak_pages_and_switches_to_the_same_page(
        page, real_site_url, failed_responses, requested, offsite_requests, page_errors):
    page.goto(real_site_url + "sk/" + KOPER)
    assert page.evaluate("document.documentElement.lang") == "sk"
    assert page.locator("#kb-search-input").get_attribute("placeholder") == "Hľadať"
    results = search(page, "Koper")
    assert results and all(path.startswith("/sk/") for path in results), results
    assert "/sk/" + KOPER in results
    assert re.search(r"výsled", page.locator("#kb-search-meta").inner_text())
    assert page.locator(f'#kb-search-results a[href$="/sk/{KOPER}"] h1').first.get_attribute("lang") is None  # translated
    # Åre and Inderøy's practice has no Slovak translation: its English title and excerpt are marked
    # English, its place line (in the page's language) is not
    search(page, "Inderøy")
    untranslated = page.locator('#kb-search-results a[href$="/sk/practices/are-inderoy-labour-supply-border-region/"] article').first
    assert untranslated.locator("h1").get_attribute("lang") == "en"
    assert untranslated.locator("p:not(.kb-where)").first.get_attribute("lang") == "en"
    assert untranslated.locator(".kb-where").get_attribute("lang") is None
    pagefind = [url for url in requested if "/pagefind/" in url]
    assert any(re.search(r"/pagefind/pagefind\.sk_\w+\.pf_meta$", url) for url in pagefind), pagefind
    assert not any(re.search(r"\.(en|sl|lt|nb)_\w+\.pf_meta$", url) for url in pagefind)  # only Slovak's index
    # The switcher, as a reader uses it: open the menu, choose Slovenščina, stay on the same practice.
    page.keyboard.press("Escape")
    page.locator("[data-kb-languages] button").hover()
    page.locator("[data-kb-languages] a[hreflang=sl]").click()
    page.wait_for_url("**/sl/" + KOPER)
    assert page.evaluate("document.documentElement.lang") == "sl"
    assert failed_responses == [] and offsite_requests == [] and page_errors == []


def test_slovenian_search_finds_the_slovenian_translation(
        page, real_site_url, failed_responses, offsite_requests, page_errors):
    page.goto(real_site_url + "sl/")
    results = search(page, "mediatorki")
    assert "/sl/practices/skofja-loka-council-for-inclusion/" in results
    assert "Svet za vključevanje" in page.locator("#kb-search-results").inner_text()
    translated = page.locator('#kb-search-results a[href$="/sl/practices/skofja-loka-council-for-inclusion/"] h1').first
    assert translated.get_attribute("lang") is None  # in the page's language: nothing to mark
    assert failed_responses == [] and offsite_requests == [] and page_errors == []


def test_norwegian_explore_speaks_norwegian(page, real_site_url, failed_responses, offsite_requests, page_errors):
    page.goto(real_site_url + "nb/explore/")
    page.wait_for_selector("#kb-explore[data-kb-ready='true']")
    assert page.evaluate("document.documentElement.lang") == "nb"
    assert re.fullmatch(r"\d+ praksiser, A til Å\.", page.locator("#kb-count").inner_text())
    assert page.locator("[data-kb-facet=country] > legend").inner_text().startswith("Land")
    themes = page.locator("[data-kb-facet=theme]").inner_text()
    assert "Interkulturell mekling" in themes and "Intercultural mediation" not in themes
    page.check("input[name=country][value=SI]")
    page.wait_for_function("() => / av \\d+ praksiser/.test(document.querySelector('#kb-count').textContent)")
    assert "(1 valgt)" in page.locator("[data-kb-facet=country] > legend").inner_text()
    page.fill("#kb-q", "Koper")
    page.wait_for_function("() => /Koper/.test(document.querySelector('#kb-explore').getAttribute('data-kb-words'))")
    page.wait_for_function("() => !document.querySelector('#kb-explore').hasAttribute('aria-busy')")
    links = page.eval_on_selector_all("#kb-results a", "links => links.map(a => a.pathname)")
    assert links and all(link.startswith("/nb/practices/") for link in links)
    assert failed_responses == [] and offsite_requests == [] and page_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_suggest_a_correction_starts_the_issue_with_the_file_and_a_question_in_the_page_language(
        page, real_site_url, language, page_errors):
    """assets/share.js adds the body to the link (the page carries the short link)."""
    slug = "skofja-loka-council-for-inclusion"
    page.goto(real_site_url + prefix(language) + f"practices/{slug}/")
    completed = "() => new URL(document.querySelector('a[data-kb-prefill=correction]').href).searchParams.has('body')"
    page.wait_for_function(completed)
    query = parse_qs(urlsplit(page.get_attribute("a[data-kb-prefill=correction]", "href")).query)
    words = contributor_words(language)
    assert query["body"] == [words["correction.file"].replace("{path}", f"practices/{slug}.md") + "\n\n"
                             + words["correction.question"] + "\n"]
    assert query["labels"] == ["correction"] and query["title"][0].startswith(words["correction.title"].split("{")[0])
    assert page_errors == []


def test_translate_it_starts_the_new_file_with_the_fields_to_fill_in(page, real_site, real_site_url, page_errors):
    page.goto(real_site_url + f"sk/practices/{UNTRANSLATED_SK}/")
    link = "[data-kb-notice] a[data-kb-prefill=translation]"
    page.wait_for_function(f"() => new URL(document.querySelector('{link}').href).searchParams.has('value')")
    query = parse_qs(urlsplit(page.get_attribute(link, "href")).query)
    assert query["filename"] == [f"{UNTRANSLATED_SK}.sk.md"]
    (skeleton,) = query["value"]
    assert skeleton == script_texts(real_site, "sk")["skeleton"].replace("{path}", f"practices/{UNTRANSLATED_SK}.md")
    assert skeleton.startswith("---\ntitle: \nsummary: >-\n") and "translator: \n---\n" in skeleton
    assert f"the text of practices/{UNTRANSLATED_SK}.md into Slovak." in skeleton
    assert page_errors == []
