"""The "Propose a practice" form, in real Chromium on the real site: a person fills it in with
the keyboard, the file it makes passes `kb check` and builds, missing or wrong fields are all
shown at once, and nothing is requested from any host but the site's own."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml
from bs4 import BeautifulSoup

from conftest import REPO, build_site, make_project, run_kb
from practicekb.core.countries import country_codes

pytest_plugins = ["browser"]

PROPOSE_JS = REPO / "docs" / "assets" / "propose.js"
CONFIG = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
REPO_URL = CONFIG["repo_url"].rstrip("/")

TITLE = 'Council "Skupaj" for inclusion: Škofja Loka #1'
SLUG = "council-skupaj-for-inclusion-skofja-loka-1"
SUMMARY = ("The municipality and local NGOs set up a council that meets four times a year: "
           "it agrees on services for newcomers and follows them up. {{ not a macro }} 50% done.")
CONTEXT = "Škofja Loka had no place where services met.\n\n- schools\n- the health centre: \"busy\"\n\n{% raw %}"
DONE = "In 2019 the council **met** for the first time.\nSee [the report](https://example.org/report?a=1&b=2)."


def label(taxonomy_file: str, term_id: str) -> str:
    data = yaml.safe_load((REPO / "vocabularies" / taxonomy_file).read_text(encoding="utf-8"))
    return next(term["label"]["en"] for term in data["terms"] if term["id"] == term_id)


def open_form(page, site_url: str):
    page.goto(site_url + "propose/")
    form = page.locator("#kb-propose")
    form.wait_for(state="visible")
    return form


def type_into(page, field_label: str, text: str, scope=None) -> None:
    """Fill a field as pasting would (one input event); the title is typed key by key (test below)."""
    field = (scope or page).get_by_label(field_label, exact=True)
    field.click()
    field.fill(text)


def tick(page, role: str, name: str, exact: bool = True) -> None:
    box = page.get_by_role(role, name=name, exact=exact)
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()


def test_country_codes_are_those_of_pycountry():
    listed = re.search(r"var COUNTRY_CODES = \(([^)]*)\)", PROPOSE_JS.read_text(encoding="utf-8")).group(1)
    codes = " ".join(re.findall(r'"([^"]*)"', listed)).split()
    assert tuple(codes) == country_codes()


def test_page_is_an_explanation_without_javascript(real_site, browser, real_site_url):
    soup = BeautifulSoup((real_site / "propose" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    assert article.find("form", id="kb-propose").has_attr("hidden")
    assert not [f"<{tag.name} {name}>" for tag in article.find_all(True) for name in tag.attrs if name.startswith("on")]
    assert not [s for s in soup.find_all("script") if s.get("src") is None and "propose" in s.get_text()]
    assert article.find("script", src="../assets/propose.js") is not None

    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(real_site_url + "propose/")
        assert page.locator(".kb-propose-nojs").is_visible()
        assert page.locator(".kb-propose-nojs a", has_text="practice template").get_attribute("href") == \
            f"{REPO_URL}/blob/main/practices/_template.md"
        assert not page.locator("#kb-propose").is_visible()
    finally:
        context.close()


def test_every_control_has_a_label_and_the_keyboard_reaches_the_button(page, real_site_url, offsite_requests,
                                                                      page_errors):
    form = open_form(page, real_site_url)
    assert not page.locator(".kb-propose-nojs").is_visible()
    for name in ("Add an organisation", "Add a funder"):
        page.get_by_role("button", name=name).press("Enter")
    unlabelled = form.evaluate("""form => Array.from(form.querySelectorAll('input, select, textarea'))
        .filter(el => !(el.labels && el.labels.length && el.labels[0].textContent.trim()))
        .map(el => el.outerHTML)""")
    assert unlabelled == []
    assert form.evaluate("form => Array.from(form.querySelectorAll('fieldset')).every(f => f.querySelector('legend'))")
    assert page.locator("#kb-errors").get_attribute("aria-live") == "assertive"

    page.get_by_label("Title (required)").focus()
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Make the file":
            break
    else:
        raise AssertionError("Tab never reached the 'Make the file' button")
    assert offsite_requests == [] and page_errors == []


def test_a_filled_form_makes_a_file_that_kb_check_accepts(page, real_site_url, tmp_path, offsite_requests,
                                                           page_errors):
    open_form(page, real_site_url)
    page.get_by_label("Title (required)", exact=True).press_sequentially(TITLE)  # the file name follows each key
    assert page.get_by_label("File name (required)").input_value() == SLUG
    type_into(page, "Summary (required)", SUMMARY)
    page.get_by_label("Language of the text").select_option("sl")

    tick(page, "checkbox", "Slovenia (SI)")
    type_into(page, "Other countries", "at, hr")
    type_into(page, "Place", "Škofja Loka")
    page.get_by_label("Level of government (required)").select_option("municipal")
    type_into(page, "Latitude", "46,1655")
    type_into(page, "Longitude", "14.3064")

    type_into(page, "Start year", "2019")
    tick(page, "checkbox", "It is still running (ongoing)")
    page.get_by_label("Did it become a regular (mainstream) service after the project phase?").select_option("true")

    tick(page, "checkbox", label("themes.yml", "coordination-bodies"))
    tick(page, "checkbox", label("themes.yml", "political-and-public-participation"))
    tick(page, "checkbox", label("target-groups.yml", "third-country-nationals"))
    tick(page, "radio", label("practice-types.yml", "advisory-body"), exact=False)

    organisations = page.locator("#kb-organisations")
    page.get_by_role("button", name="Add an organisation").press("Enter")
    organisations.get_by_label("Organisation", exact=True).select_option("pina")
    organisations.get_by_label("Role", exact=True).select_option("lead")
    page.get_by_role("button", name="Add an organisation").press("Enter")
    organisations.get_by_label("Organisation", exact=True).nth(1).select_option("municipality-of-koper")
    organisations.get_by_label("Role", exact=True).nth(1).select_option("partner")

    funding = page.locator("#kb-funding")
    page.get_by_role("button", name="Add a funder").press("Enter")
    funding.get_by_label("Funder or programme").select_option("amif")
    type_into(page, "Grant or contract number", "101038534", scope=funding)
    type_into(page, "Amount granted", "8 442,50", scope=funding)
    type_into(page, "Currency (ISO code, e.g. EUR, NOK)", "eur", scope=funding)

    tick(page, "checkbox", label("projects.yml", "includ-eu"))
    page.get_by_label("Organisation to contact").select_option("pina")
    type_into(page, "Organisational e-mail address", "info@example.org")

    type_into(page, "People reached", "1 200")
    type_into(page, "Year of that number", "2023")
    type_into(page, "What was counted", "participants in the courses")
    type_into(page, "Staff", "two intercultural mediators")
    type_into(page, "Budget: amount", "85 000")
    type_into(page, "Budget: currency (ISO code, e.g. EUR, NOK)", "eur")
    type_into(page, "Budget: period", "2021–2023")
    type_into(page, "Budget: what it covers", "the mediators' salaries")
    page.get_by_label("Evaluation: kind").select_option("external")
    type_into(page, "Evaluation: title", "Evaluation of the council")
    type_into(page, "Evaluation: address, starting with https://", "https://example.org/evaluation")
    type_into(page, "Evaluation: year", "2023")

    tick(page, "radio", label("evidence.yml", "running"), exact=False)
    sources = page.locator("#kb-sources")
    type_into(page, "Title of the document or page (required)", 'Report: "Skupaj" 2019–2022', scope=sources)
    type_into(page, "Publisher", "Municipality of Škofja Loka", scope=sources)
    type_into(page, "Address, starting with https:// (required)", "https://example.org/report?a=1&b=2#p3", scope=sources)
    type_into(page, "Publication date: YYYY, YYYY-MM or YYYY-MM-DD", "2023-05", scope=sources)
    page.get_by_role("button", name="Add a source").press("Enter")
    type_into(page, "Title of the document or page (required)", "Second source", scope=sources.locator(".kb-row").nth(1))
    type_into(page, "Address, starting with https:// (required)", "http://example.com",
              scope=sources.locator(".kb-row").nth(1))
    tick(page, "radio", "Still running", exact=False)

    type_into(page, "Context", CONTEXT)
    type_into(page, "What was done", DONE)

    page.get_by_role("button", name="Make the file").press("Enter")
    output = page.locator("#kb-output-text")
    output.wait_for(state="visible")
    assert not page.locator("#kb-errors").is_visible()
    text = output.input_value()
    assert output.get_attribute("readonly") is not None
    assert page.locator("#kb-output-name").text_content() == f"practices/{SLUG}.md"

    with page.expect_download() as download:
        page.get_by_role("button", name=f"Download {SLUG}.md").press("Enter")
    assert download.value.suggested_filename == f"{SLUG}.md"
    assert Path(download.value.path()).read_text(encoding="utf-8") == text

    address = urlsplit(page.get_by_role("link", name="Propose on GitHub").get_attribute("href"))
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPO_URL}/issues/new"
    query = parse_qs(address.query, keep_blank_values=True)  # the issue form, the file filled in
    assert query == {"template": ["propose-practice.yml"], "title": [f"Practice: {TITLE}"], "slug": [SLUG],
                     "practice": [text]}
    assert page.locator("#kb-email").count() == 0  # the site names no address: no e-mail button

    front, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    data = yaml.safe_load(front)
    assert "last_verified" not in data  # a maintainer sets it on review
    assert data == {
        "title": TITLE, "summary": SUMMARY, "countries": ["SI", "AT", "HR"], "place": "Škofja Loka",
        "level": "municipal", "coordinates": [46.1655, 14.3064], "start": 2019, "end": "ongoing",
        "mainstreamed": True, "themes": ["coordination-bodies", "political-and-public-participation"],
        "target_groups": ["third-country-nationals"], "practice_type": "advisory-body",
        "funding": [{"funder": "amif", "grant_id": "101038534", "amount": 8442.5, "currency": "EUR"}],
        "organisations": [{"id": "pina", "role": "lead"}, {"id": "municipality-of-koper", "role": "partner"}],
        "projects": ["includ-eu"], "evidence": "running",
        "people_reached": [{"number": 1200, "year": 2023, "counted": "participants in the courses"}],
        "budget": [{"amount": 85000, "currency": "EUR", "period": "2021–2023", "covers": "the mediators' salaries"}],
        "evaluations": [{"kind": "external", "title": "Evaluation of the council", "url": "https://example.org/evaluation",
                         "year": 2023}],
        "staff": "two intercultural mediators",
        "sources": [{"title": 'Report: "Skupaj" 2019–2022', "publisher": "Municipality of Škofja Loka",
                     "url": "https://example.org/report?a=1&b=2#p3", "date": "2023-05"},
                    {"title": "Second source", "url": "http://example.com"}],
        "status": "active", "contact": {"organisation": "pina", "email": "info@example.org"}, "language": "sl",
    }
    for line in front.splitlines():  # every string is JSON-quoted
        value = line.split(": ", 1)[1] if ": " in line else ""
        assert not value or value[0] in '"[' or re.fullmatch(r"-?[\d.]+|true|false", value), line
    assert body == f"\n## Context\n\n{CONTEXT}\n\n## What was done\n\n{DONE}\n"

    project = make_project(tmp_path / "project", {f"{SLUG}.md": text}, vocabularies=REPO / "vocabularies")
    check = run_kb(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"note: practices/{SLUG}.md:1: last_verified: not set" in check.stdout
    reviewed = text.replace('\nstatus: "active"', '\nlast_verified: "2026-12-01"\nstatus: "active"')
    (project / "practices" / f"{SLUG}.md").write_text(reviewed, encoding="utf-8")  # the maintainer's review
    site = tmp_path / "site"
    built = build_site(project, site)
    assert built.returncode == 0, built.stderr
    practice_page = (site / "practices" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Skupaj" in practice_page and "{{ not a macro }}" in BeautifulSoup(practice_page, "html.parser").get_text()

    assert offsite_requests == [] and page_errors == []


def test_missing_required_fields_are_all_shown_and_no_file_is_made(page, real_site_url, offsite_requests,
                                                                   page_errors):
    open_form(page, real_site_url)
    page.get_by_label("Title (required)").press("Enter")  # implicit submission, as a person would
    errors = page.locator("#kb-errors")
    errors.wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "kb-errors"
    summary = errors.inner_text()
    for field in ("Title:", "File name:", "Summary:", "Countries:", "Level of government:", "Themes:",
                  "Practice type:", "Evidence:", "Sources: required: add at least one source", "Status:",
                  "The story:"):
        assert field in summary, (field, summary)
    assert "11 problems" in summary
    assert page.get_by_label("Title (required)").get_attribute("aria-invalid") == "true"
    described = page.get_by_label("Title (required)").get_attribute("aria-describedby").split()
    assert any(page.locator(f"#{i}").text_content().startswith("required") for i in described if "error" in i)
    assert page.locator("#kb-themes").get_attribute("aria-invalid") == "true"
    assert page.locator("#kb-propose .kb-error").count() == 11
    assert not page.locator("#kb-output").is_visible()
    assert page.locator("#kb-output-text").input_value() == ""

    # Wrong values: every rule at once, then nothing is made either.
    type_into(page, "Title (required)", "Abc")
    type_into(page, "File name (required)", "Bad Slug")
    type_into(page, "Summary (required)", "Too short.")
    type_into(page, "Other countries", "XX, SVN")
    type_into(page, "Latitude", "95")
    type_into(page, "Start year", "2015")
    type_into(page, "End year", "2010")
    sources = page.locator("#kb-sources")
    type_into(page, "Title of the document or page (required)", "Report", scope=sources)
    type_into(page, "Address, starting with https:// (required)", "www.example.org", scope=sources)
    type_into(page, "Publication date: YYYY, YYYY-MM or YYYY-MM-DD", "2023/05", scope=sources)
    type_into(page, "Context", "<script>alert(1)</script>")
    page.get_by_role("button", name="Make the file").press("Enter")
    summary = errors.inner_text()
    for expected in ("Title: too short (at least 5 characters)", "File name: use lowercase letters",
                     "Summary: too short (at least 40 characters)", "‘XX’ is not an ISO 3166-1",
                     "‘SVN’ is not an ISO 3166-1", "Latitude: a number between -90 and 90",
                     "Longitude: give the longitude too", "End year: 2010 is before the start year 2015",
                     "Source 1, address: write the full address, starting with https://",
                     "Source 1, publication date: write the date as YYYY, YYYY-MM or YYYY-MM-DD",
                     "Context: raw HTML <script> is not allowed"):
        assert expected in summary, (expected, summary)
    assert "Title: required" not in summary
    assert not page.locator("#kb-output").is_visible()
    assert page.locator("#kb-output-text").input_value() == ""

    page.get_by_label("File name (required)").fill("koper-coordination-body-for-migrant-inclusion")
    page.get_by_role("button", name="Make the file").press("Enter")
    assert "practices/koper-coordination-body-for-migrant-inclusion.md already exists" in errors.inner_text()
    assert offsite_requests == [] and page_errors == []


def test_form_starts_once_after_instant_navigation(page, real_site_url, offsite_requests, page_errors):
    page.goto(real_site_url)
    page.wait_for_function("typeof window.location$ !== 'undefined'")
    page.evaluate(f"window.location$.next(new URL({real_site_url + 'propose/'!r}))")
    page.locator("#kb-propose").wait_for(state="visible")
    page.evaluate(f"window.location$.next(new URL({real_site_url!r}))")
    page.locator("#kb-propose").wait_for(state="detached")  # the home page is in (the address never changed)
    page.evaluate(f"window.location$.next(new URL({real_site_url + 'propose/'!r}))")
    page.locator("#kb-propose").wait_for(state="visible")
    assert page.locator("#kb-sources .kb-row").count() == 1
    page.get_by_role("button", name="Add a source").press("Enter")
    assert page.locator("#kb-sources .kb-row").count() == 2
    assert offsite_requests == [] and page_errors == []


def test_results_and_resources_are_all_or_nothing(page, real_site_url, offsite_requests, page_errors):
    """A number without what was counted, an amount without a currency, an evaluation without its
    address: each named at its field, and no file is made."""
    open_form(page, real_site_url)
    type_into(page, "People reached", "about 40")
    type_into(page, "Budget: amount", "85 000")
    type_into(page, "Budget: currency (ISO code, e.g. EUR, NOK)", "eu")
    type_into(page, "Evaluation: title", "An evaluation")
    page.get_by_role("button", name="Make the file").press("Enter")
    errors = page.locator("#kb-errors")
    errors.wait_for(state="visible")
    summary = errors.inner_text()
    for message in ("a whole number of people", "say what was counted", "a three-letter ISO 4217 code",
                    "say what the amount covers", "choose the kind of evaluation", "starting with https://"):
        assert message in summary, (message, summary)
    assert page.get_by_label("Budget: currency (ISO code, e.g. EUR, NOK)").get_attribute("aria-invalid") == "true"
    assert not page.locator("#kb-output").is_visible()
    assert offsite_requests == [] and page_errors == []
