"""An NGO without Git, in its own language: the proposal form filled in Slovak in real Chromium, with a
new organisation, sent by e-mail (the mail link's text read back) and through the issue path (the
issue's address and text read back, then turned into a practice file by `kb propose`, which passes
`kb check`); a file too long for a link falls back to attaching it, said in Slovak."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from conftest import REPO, VALID_PRACTICE, check_in_process, make_project
from test_proposal import issue_body, propose

pytest_plugins = ["browser"]

EMAIL = "navrhy@example.org"  # the maintainers' address in the test project's mkdocs.yml
SK = yaml.safe_load((REPO / "translations" / "sk.yml").read_text(encoding="utf-8"))["messages"]
TITLE = "Medzikultúrni mediátori v školách v Testove"
SUMMARY = ("Vymyslená prax pre testy: obec Testovo platí dvoch mediátorov, ktorí pomáhajú školám "
           "a rodičom migrantov porozumieť si.")
CONTEXT = "Školy v Testove požiadali o pomoc s rodičmi, ktorí nehovoria po slovensky."


def project_with_maintainers(root: Path) -> Path:
    """The real configuration and vocabularies, in English and Slovak, with the maintainers' address set."""
    project = make_project(root, {"testtown.md": VALID_PRACTICE}, vocabularies=REPO / "vocabularies",
                           languages=("en", "sk"))
    config = project / "mkdocs.yml"
    text, count = re.subn(r'(\n\s+email: )""', rf'\1"{EMAIL}"', config.read_text(encoding="utf-8"))
    assert count == 1, "mkdocs.yml has no maintainers email setting"
    config.write_text(text, encoding="utf-8")
    return project


def fill(page, label: str, text: str, scope=None) -> None:
    """As pasting would (one input event); the names below are typed key by key."""
    field = (scope or page).get_by_label(label, exact=True)
    field.click()
    field.fill(text)


def fill_in_slovak(page) -> None:
    """What a Slovak NGO would enter, by the Slovak labels, with an organisation the site does not know."""
    fill(page, "Názov (povinné)", TITLE)
    fill(page, "Zhrnutie (povinné)", SUMMARY)
    page.get_by_role("checkbox", name="Slovensko (SK)").check()
    fill(page, "Miesto", "Testovo")
    page.get_by_label("Úroveň správy (povinné)").select_option("municipal")
    page.locator("input[name=themes][value=intercultural-mediation]").check()
    page.locator("input[name=practice_type][value=advisory-body]").check()
    page.get_by_role("button", name="Pridať organizáciu, ktorá nie je v zozname").press("Enter")
    new = page.locator("#kb-new-organisations .kb-row")
    fill(page, "Názov (povinné)", "Ľudia pre Testovo", scope=new)
    new.get_by_label("Druh (povinné)").select_option("ngo")
    new.get_by_label("Krajina (povinné)").select_option("SK")
    fill(page, "Webová adresa, začínajúca https://", "https://example.org/ludia", scope=new)
    fill(page, "Čo robí, jednou vetou po anglicky (povinné)", "A made-up NGO in Testovo for the tests.", scope=new)
    new.get_by_label("Úloha").select_option("lead")
    page.locator("input[name=evidence][value=described]").check()
    sources = page.locator("#kb-sources")
    fill(page, "Názov dokumentu alebo stránky (povinné)", "Mediátori v Testove", scope=sources)
    fill(page, "Adresa, začínajúca https:// (povinné)", "https://example.org/mediatori", scope=sources)
    page.locator("input[name=status][value=active]").check()
    fill(page, "Kontext", CONTEXT)


def mail_parts(href: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    return unquote(parts.path), {key: values[0] for key, values in parse_qs(parts.query).items()}


@pytest.fixture(scope="module")
def site_url(build_and_serve, tmp_path_factory) -> str:
    return build_and_serve(project_with_maintainers(tmp_path_factory.mktemp("maintainers") / "project"))


def test_a_slovak_proposal_with_a_new_organisation_goes_by_e_mail_and_by_issue(
        page, site_url, tmp_path, offsite_requests, page_errors):
    page.goto(site_url + "sk/propose/")
    page.locator("#kb-propose").wait_for(state="visible")
    assert page.locator("html").get_attribute("lang") == "sk"
    fill_in_slovak(page)
    page.get_by_role("button", name="Vytvoriť súbor").press("Enter")
    output = page.locator("#kb-output-text")
    output.wait_for(state="visible")
    text = output.input_value()
    slug = page.get_by_label("Názov súboru (povinné)").input_value()
    assert page.locator("#kb-status-message").text_content() == SK["propose.msg.ready"].replace("{name}", f"{slug}.md")
    data = yaml.safe_load(text.split("---\n")[1])
    assert data["organisations"] == [{"id": "ludia-pre-testovo", "role": "lead"}]
    assert data["new_organisations"] == [{"id": "ludia-pre-testovo", "type": "ngo", "country": "SK",
                                          "label": {"en": "Ľudia pre Testovo"},
                                          "description": {"en": "A made-up NGO in Testovo for the tests."},
                                          "url": "https://example.org/ludia"}]
    assert "last_verified" not in data and "\n## Kontext\n" in text  # the headings in the page's language

    # By e-mail: the file is in the message, which is in Slovak.
    address, fields = mail_parts(page.get_by_role("link", name="Poslať e-mailom").get_attribute("href"))
    assert address == EMAIL
    assert fields["subject"] == SK["propose.msg.mail_subject"].replace("{title}", TITLE)
    intro = SK["propose.msg.mail_body"].replace("{name}", f"{slug}.md")
    assert fields["body"] == f"{intro}\n\n{text}"
    assert len(page.get_by_role("link", name="Poslať e-mailom").get_attribute("href")) <= 1800

    # Through the issue: GitHub's issue form with the file under "Practice file".
    issue = urlsplit(page.get_by_role("link", name="Navrhnúť na GitHube").get_attribute("href"))
    assert f"{issue.scheme}://{issue.netloc}{issue.path}" == "https://github.com/integration-practices/knowledge-base/issues/new"
    query = {key: values[0] for key, values in parse_qs(issue.query).items()}
    assert query["template"] == "propose-practice.yml" and query["practice"] == text and query["slug"] == slug

    # The issue as GitHub writes it, into the converter the workflow runs: a file that passes kb check.
    converted = make_project(tmp_path / "repository", {"testtown.md": VALID_PRACTICE}, vocabularies=REPO / "vocabularies")
    code, comment = propose(converted, issue_body({"Practice file": query["practice"], "File name": query["slug"]}),
                            "--add-organisations")
    assert code == 0, comment
    assert (converted / "practices" / f"{slug}.md").read_text(encoding="utf-8") == text.split("new_organisations:")[0] + "---\n" + text.split("---\n", 2)[2]
    checked = check_in_process(converted)
    assert checked.returncode == 0, checked.stdout
    assert "ludia-pre-testovo" in (converted / "vocabularies" / "organisations.yml").read_text(encoding="utf-8")

    # The same file sent by e-mail (no converter): kb check explains how to add the organisation.
    by_mail = make_project(tmp_path / "by-mail", {"testtown.md": VALID_PRACTICE, f"{slug}.md": fields["body"].split("\n\n", 1)[1]},
                           vocabularies=REPO / "vocabularies")
    explained = check_in_process(by_mail)
    assert explained.returncode == 1
    assert "'Ľudia pre Testovo' is a new organisation, not yet in vocabularies/organisations.yml" in explained.stdout

    # A long story: too long for a mail link or GitHub's address, so both say to attach the file.
    page.get_by_label("Poučenia").fill("Dlhý text. " * 800)
    page.get_by_role("button", name="Vytvoriť súbor").press("Enter")
    page.locator("#kb-output-text").wait_for(state="visible")
    href = page.get_by_role("link", name="Poslať e-mailom").get_attribute("href")
    assert len(href) <= 1800
    _, fields = mail_parts(href)
    assert fields["body"] == SK["propose.msg.mail_attach"].replace("{title}", TITLE).replace("{name}", f"{slug}.md")
    href = page.get_by_role("link", name="Navrhnúť na GitHube").get_attribute("href")
    assert len(href) <= 7000
    assert parse_qs(urlsplit(href).query)["practice"][0] == SK["propose.msg.issue_paste"].replace("{name}", f"{slug}.md")
    note = page.locator("#kb-send-note").text_content()
    assert SK["propose.msg.mail_too_long"] in note and SK["propose.msg.issue_too_long"] in note
    assert offsite_requests == [] and page_errors == []


def test_errors_and_status_lines_are_in_the_page_language(page, site_url, offsite_requests, page_errors):
    page.goto(site_url + "sk/propose/")
    page.locator("#kb-propose").wait_for(state="visible")
    page.get_by_role("button", name="Pridať organizáciu, ktorá nie je v zozname").press("Enter")
    page.get_by_label("Názov (povinné)").first.press_sequentially("Abc")
    page.locator("#kb-new-organisations .kb-row").get_by_label("Názov (povinné)").press_sequentially("Ľudia")
    page.get_by_role("button", name="Vytvoriť súbor").press("Enter")
    errors = page.locator("#kb-errors")
    errors.wait_for(state="visible")
    summary = errors.inner_text()
    assert summary.startswith("14 problémov treba opraviť")  # Slovak's plural form for 5 and more
    for message in ("propose.msg.too_short", "propose.msg.new_type_required", "propose.msg.new_country_required",
                    "propose.msg.new_description_required", "propose.msg.sources_required",
                    "propose.msg.section_required"):
        wanted = SK[message]["other"].replace("{count}", "5") if isinstance(SK[message], dict) else SK[message]
        assert wanted in summary, (message, summary)
    assert "Nová organizácia 1, druh" in summary  # the row and field named in Slovak
    assert "required" not in summary and "choose" not in summary
    assert offsite_requests == [] and page_errors == []
