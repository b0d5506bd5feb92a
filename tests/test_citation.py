"""Every practice page suggests a citation: its organisations (lead first) as authors, the year it
was last verified, title, site name, full address and "accessed" with the date of access."""
from __future__ import annotations

import pytest

from conftest import VALID_PRACTICE, build_site, make_project
from published import expected_citation
from sitepages import page
from test_build import SLUGS

PLACEHOLDER = "[date of access]"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_practice_page_suggests_its_citation(real_site, slug):
    share = page(real_site, f"practices/{slug}/").select_one(".kb-share")
    citation = share.select_one("#kb-citation")
    assert citation.get_text() == expected_citation(slug, PLACEHOLDER)
    assert citation.select_one("[data-kb-today]").get_text() == PLACEHOLDER  # share.js writes today's date here
    button = share.find("button", string="Copy citation")
    assert button["data-kb-copy-from"] == "kb-citation"


def test_lead_organisation_comes_first_and_a_practice_without_organisations_is_cited_to_the_site(tmp_path):
    lead_last = VALID_PRACTICE.replace("  - {id: pina, role: lead}\n",
                                       "  - {id: iom-slovenia, role: partner}\n  - {id: pina, role: lead}\n")
    no_organisations = VALID_PRACTICE.replace("organisations:\n  - {id: pina, role: lead}\n", "") \
        .replace("Test coordination body in Testtown", "Test advisory council in Testtown")
    project = make_project(tmp_path / "p", {"lead-last.md": lead_last, "nobody.md": no_organisations})
    assert build_site(project, tmp_path / "site").returncode == 0
    for slug in ("lead-last", "nobody"):
        text = page(tmp_path / "site", f"practices/{slug}/").select_one("#kb-citation").get_text()
        assert text == expected_citation(slug, PLACEHOLDER, root=project)
    assert page(tmp_path / "site", "practices/lead-last/").select_one("#kb-citation").get_text().startswith("PiNA")


OTHER_LANGUAGES = ("sk", "sl", "lt", "nb")
COUNTRY_LANGUAGE = {"SI": "sl", "SK": "sk", "LT": "lt", "NO": "nb"}  # the site's languages, by their country


def organisation_names_in(language: str) -> dict[str, tuple[str, str]]:
    """id -> (name, its language) for a reader of `language`: the vocabulary's name in that language,
    else the organisation's own (in its country's language, where the vocabulary has it), else English."""
    import yaml

    from conftest import REPO

    terms = yaml.load((REPO / "vocabularies" / "organisations.yml").read_text(encoding="utf-8"),
                      Loader=yaml.BaseLoader)["terms"]  # BaseLoader: "NO" stays the country code
    names = {}
    for term in terms:
        labels = term["label"]
        for candidate in (language, COUNTRY_LANGUAGE.get(term.get("country", "")), "en"):
            if candidate in labels:
                names[term["id"]] = (labels[candidate], candidate)
                break
    return names


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_citations_name_organisations_as_the_pages_language_does(real_site, language):
    from sitepages import front_matter
    from conftest import REPO

    names = organisation_names_in(language)
    for slug in SLUGS:
        data = front_matter(REPO / "practices" / f"{slug}.md")
        organisations = data.get("organisations", [])
        ordered = dict.fromkeys([o["id"] for o in organisations if o["role"] == "lead"] +
                                [o["id"] for o in organisations if o["role"] != "lead"])
        soup = page(real_site, f"{language}/practices/{slug}/")
        text = soup.select_one("#kb-citation").get_text()
        if ordered:
            assert text.startswith("; ".join(names[i][0] for i in ordered) + " ("), (slug, text)
        facts = {link.get_text(): link.get("lang") for link in soup.select(".kb-facts a[href*='organisations/']")}
        for i in ordered:
            name, shown = names[i]
            assert facts[name] == (None if shown == language else shown), (slug, name)


def test_pina_is_cited_by_its_own_name_on_the_slovak_pages(real_site):
    text = page(real_site, "sk/practices/koper-coordination-body-for-migrant-inclusion/").select_one("#kb-citation").get_text()
    assert text.startswith("PiNA - Kulturno izobraževalno društvo, Koper; Mesto Koper (")


def test_names_and_titles_in_another_language_are_marked_in_the_citation(real_site):
    koper = page(real_site, "sk/practices/koper-coordination-body-for-migrant-inclusion/").select_one("#kb-citation")
    assert [(span.get_text(), span["lang"]) for span in koper.select("span[lang]")] == [
        ("PiNA - Kulturno izobraževalno društvo, Koper", "sl")]  # the title is translated, "Mesto Koper" Slovak
    untranslated = page(real_site, "sk/practices/bydelsmodre-neighbourhood-mothers/").select_one("#kb-citation")
    assert ("Bydelsmødre (Neighbourhood Mothers) in Denmark", "en") in [
        (span.get_text(), span["lang"]) for span in untranslated.select("span[lang]")]
    english = page(real_site, "practices/koper-coordination-body-for-migrant-inclusion/").select_one("#kb-citation")
    assert english.select("span[lang]") == []
