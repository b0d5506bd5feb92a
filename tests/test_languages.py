"""The real site in every language, built once (conftest's real_site) and read page by page: every page
exists in every language, <html lang> and hreflang alternates are right, the switcher leads to the same
page, no interface string is left in English, the untranslated-text notice is exactly where a
translation is missing, a translation inherits the original's facts, and each language has its own
search index."""
from __future__ import annotations

import gzip
import html as htmlmod
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from practicekb.checks.catalogue import PLACEHOLDER
from practicekb.exports.searchindex import searchable_part
from sitepages import front_matter, interface_texts, page, resolve

CONFIG = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
PLUGIN = next(item["practicekb"] for item in CONFIG["plugins"] if isinstance(item, dict) and "practicekb" in item)
LANGUAGES: list[str] = [code.strip() for code in PLUGIN["languages"].strip("[]").split(",")] \
    if isinstance(PLUGIN["languages"], str) else PLUGIN["languages"]
DEFAULT, OTHERS = LANGUAGES[0], LANGUAGES[1:]
SITE_URL = CONFIG["site_url"].rstrip("/") + "/"
PRACTICES = REPO / "practices"
# Every (slug, language) with a translation file beside its practice: practices/<slug>.<language>.md
TRANSLATIONS = {tuple(path.name.removesuffix(".md").rsplit(".", 1)) for path in PRACTICES.glob("*.*.md")}
TRANSLATED = ("skofja-loka-council-for-inclusion", "sl")  # one of them, used as the example
UNTRANSLATED_SK = next(path.stem for path in sorted(PRACTICES.glob("*.md"))
                       if "." not in path.stem and not path.stem.startswith("_") and (path.stem, "sk") not in TRANSLATIONS)
MATERIAL = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
# Pages are read with regular expressions (hundreds of pages in five languages): a tag, then its
# attributes in any order, quoted or not (the pages are minified).
ATTRIBUTE = re.compile(r"""([a-zA-Z-]+)(?:=("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
SWITCHER = re.compile(r"data-kb-languages>(.*?)</ul>", re.S)


def tags(html: str, name: str) -> list[dict[str, str]]:
    """The attributes of every <name …> tag in `html`, unquoted and unescaped."""
    found = []
    for match in re.finditer(rf"<{name}\b([^>]*)>", html):
        found.append({key: htmlmod.unescape(value.strip("'\"")) if value else "" for key, value in ATTRIBUTE.findall(match[1])})
    return found


def prefix(language: str) -> str:
    return "" if language == DEFAULT else f"{language}/"


@pytest.fixture(scope="module")
def pages(real_site) -> list[str]:
    """Every page of the default language, as paths below the site root (practices/x/index.html)."""
    found = []
    for html in sorted(real_site.rglob("*.html")):
        relative = html.relative_to(real_site).as_posix()
        if relative.split("/")[0] in OTHERS or relative.startswith("pagefind/"):
            continue
        found.append(relative)
    return found


def url_of(relative: str) -> str:
    return relative.removesuffix("index.html")


def test_every_page_exists_in_every_language_with_its_html_lang(real_site, pages):
    assert len(pages) > 50
    for language in LANGUAGES:
        for relative in pages:
            file = real_site / prefix(language) / relative
            assert file.is_file(), f"{language}: {relative} is missing"
            assert tags(file.read_text(encoding="utf-8"), "html")[0]["lang"] == language, f"{prefix(language)}{relative}"


def test_hreflang_alternates_name_the_same_page_in_every_language(real_site, pages):
    for language in LANGUAGES:
        for relative in pages:
            if relative.endswith("404.html"):
                continue
            html = (real_site / prefix(language) / relative).read_text(encoding="utf-8")
            links = {link["hreflang"]: link["href"] for link in tags(html, "link") if link.get("rel") == "alternate " and "hreflang" in link}
            expected = {code: SITE_URL + prefix(code) + url_of(relative) for code in LANGUAGES}
            expected["x-default"] = expected[DEFAULT]
            assert links == expected, f"{prefix(language)}{relative}"


def test_the_switcher_keeps_the_reader_on_the_same_page(real_site, pages):
    for language in LANGUAGES:
        for relative in pages:
            if relative.endswith("404.html"):
                continue
            html = (real_site / prefix(language) / relative).read_text(encoding="utf-8")
            block = SWITCHER.search(html)
            assert block, f"no language switcher on {prefix(language)}{relative}"
            links = {a["hreflang"]: a["href"] for a in tags(block[1], "a") if "hreflang" in a}
            assert list(links) == LANGUAGES
            for code, href in links.items():
                target = resolve(real_site, prefix(language) + url_of(relative), href)
                assert target == real_site / prefix(code) / relative, f"{code} on {prefix(language)}{relative}: {href}"


# --- no interface string left in English ------------------------------------------------------

def forms(message) -> list[str]:
    return list(message.values()) if isinstance(message, dict) else [message]


def fragments(text: str) -> list[str]:
    """The literal parts of a message around its {values}, as they would stand in a page."""
    return [part.strip(" .,:;()…") for part in PLACEHOLDER.split(text)[::2] if part.strip(" .,:;()…")]


@lru_cache(maxsize=None)
def script_texts(site: Path, language: str) -> dict:
    """window.kbTexts of a language's build (assets/kb-texts.js): the scripts' texts."""
    text = (site / prefix(language) / "assets" / "kb-texts.js").read_text(encoding="utf-8")
    return json.loads(text.split("window.kbTexts = ", 1)[1].rstrip().removesuffix(";"))


def catalogue(language: str) -> dict:
    return yaml.safe_load((REPO / "translations" / f"{language}.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def material_strings(language: str) -> dict[str, str]:
    text = (MATERIAL / f"{language}.html").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([a-z.]+)": "(.*)",?$', text, re.M))


@lru_cache(maxsize=None)
def english_probes(language: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """English texts that must not be seen on a page in `language`: whole texts (exact), and longer
    phrases (anywhere). Texts the language writes the same way are left out."""
    exact: set[str] = set()
    phrases: set[str] = set()
    english, own = catalogue("en")["messages"], catalogue(language)["messages"]
    for key, message in english.items():
        if key.startswith("propose.section.") and not key.endswith("_hint"):
            continue  # a practice's section headings: an untranslated practice's own text, in its table of contents
        theirs = {part for form in forms(own[key]) for part in fragments(form)}
        for form in forms(message):
            for part in fragments(form):
                if part not in theirs:
                    exact.add(part)
                    if len(part.split()) >= 3:
                        phrases.add(part)
    for text, translation in catalogue(language)["mkdocs"].items():
        if text != translation:
            exact.add(text)
            if len(text.split()) >= 3:
                phrases.add(text)
    own_material = material_strings(language)
    for key, text in material_strings("en").items():
        if key in own_material and own_material[key] != text and not key.startswith(("language", "direction", "search.config")):
            exact.add(text.replace("#", "").strip())
    return frozenset(exact), tuple(sorted(phrases))


@pytest.mark.parametrize("language", OTHERS)
def test_no_interface_string_is_left_in_english(real_site, pages, language):
    """Every text of the page's own language (not marked lang="en" as an untranslated practice, page or
    description is) is free of the English catalogue's, mkdocs.yml's and Material's English strings."""
    exact, phrases = english_probes(language)
    found = []
    for relative in pages:
        html = (real_site / prefix(language) / relative).read_text(encoding="utf-8")
        for text in interface_texts(html, language):
            bare = text.strip(" .,:;()…")
            if bare in exact or any(phrase in text for phrase in phrases):
                found.append(f"{prefix(language)}{relative}: {text!r}")
    assert found == []


@pytest.mark.parametrize("language", OTHERS)
def test_scripts_get_their_texts_in_the_page_language(real_site, language):
    soup = page(real_site / language, "explore/")
    explore = json.loads(soup.find(id="kb-explore")["data-kb-messages"])
    own = catalogue(language)["messages"]
    assert explore == {key: value for key, value in own.items() if key.startswith("explore.")}
    # What every page's scripts need comes once per language, in a file the page loads before them.
    texts = script_texts(real_site, language)
    assert texts["language"] == language
    assert texts["messages"] == {key: value for key, value in own.items()
                                 if key.startswith(("search.", "share.", "correction."))}
    assert dict(texts["facets"])["country"] == own["taxonomy.countries.singular"]
    scripts = [script["src"] for script in soup.find_all("script", src=True)]
    assert scripts.index("../assets/kb-texts.js") < scripts.index("../assets/messages.js") < scripts.index("../assets/search.js")


def test_a_practice_card_speaks_the_language_of_the_practice_text(real_site):
    """A page showing a practice untranslated in the default language links that language's card
    (drawn once); a translated practice's page its own card, in its language."""
    def image(language: str, slug: str, tag_property: str = "og:image") -> str:
        return next(tag["content"] for tag in tags((real_site / prefix(language) / "practices" / slug / "index.html")
                                                  .read_text(encoding="utf-8"), "meta") if tag.get("property") == tag_property)
    default_card = f"{SITE_URL}assets/cards/practices/{UNTRANSLATED_SK}.png"
    assert image("sk", UNTRANSLATED_SK) == image(DEFAULT, UNTRANSLATED_SK) == default_card
    # the image's text alternative says what that card says, its place in the default language's words
    assert image("sk", UNTRANSLATED_SK, "og:image:alt") == image(DEFAULT, UNTRANSLATED_SK, "og:image:alt")
    assert not (real_site / "sk" / "assets" / "cards" / "practices" / f"{UNTRANSLATED_SK}.png").exists()
    slug, language = TRANSLATED
    assert image(language, slug) == f"{SITE_URL}{language}/assets/cards/practices/{slug}.png"
    assert (real_site / language / "assets" / "cards" / "practices" / f"{slug}.png").is_file()


# --- the notice, and a translation inheriting the facts ---------------------------------------

def has_notice(site: Path, language: str, relative: str) -> bool:
    return "data-kb-notice" in (site / prefix(language) / relative).read_text(encoding="utf-8")


def test_the_notice_is_where_a_translation_is_missing_and_nowhere_else(real_site, pages):
    docs = {path.relative_to(REPO / "docs").with_suffix("").as_posix() for path in (REPO / "docs").rglob("*.md")}
    for language in LANGUAGES:
        for relative in pages:
            parts = url_of(relative).strip("/")
            if relative.startswith("practices/"):
                slug = parts.split("/")[1]
                expected = language != DEFAULT and (slug, language) not in TRANSLATIONS
            elif parts in docs or (parts == "" and "index" in docs):
                name = parts or "index"
                expected = language != DEFAULT and f"{name}.{language}" not in docs
            else:
                expected = False  # generated lists, terms, Explore: wholly in the page's language
            assert has_notice(real_site, language, relative) == expected, f"{prefix(language)}{relative}"


def test_the_notice_names_the_original_and_invites_a_translation(real_site):
    soup = page(real_site / "sk", f"practices/{UNTRANSLATED_SK}/")
    notice = soup.find(attrs={"data-kb-notice": True})
    assert "angličtina" in notice.get_text()
    link = notice.find("a")["href"]
    assert link.startswith("https://github.com/integration-practices/knowledge-base/new/main/practices?")
    assert link.endswith(f"?filename={UNTRANSLATED_SK}.sk.md")
    # The new file's first text, the fields to fill in, is added to the link by assets/share.js from
    # the language's script texts (test_languages_browser.py follows it in Chromium).
    assert notice.find("a")["data-kb-path"] == f"practices/{UNTRANSLATED_SK}.md"
    skeleton = script_texts(real_site, "sk")["skeleton"]
    assert skeleton.startswith("---\ntitle: \nsummary: >-\n") and "translator: \n---\n" in skeleton
    assert "the text of {path} into Slovak." in skeleton
    # The untranslated text is marked as English for screen readers and search; the facts are Slovak.
    assert soup.find("h1")["lang"] == "en"
    assert soup.find(class_="kb-summary")["lang"] == "en"
    countries = front_matter(PRACTICES / f"{UNTRANSLATED_SK}.md")["countries"]
    assert soup.find(class_="kb-facts").find("dt").get_text() == ("Krajina" if len(countries) == 1 else "Krajiny")


def test_an_untranslated_page_reaches_search_without_its_navigation_or_its_notice(real_site):
    """The notice is inside the searched part, ignored there: Pagefind is sent the page without the
    header and navigation before it (searchable_part), and its index holds the practice, not the notice."""
    for language in LANGUAGES:
        for path in (real_site / prefix(language) / "practices").glob("*/index.html"):
            html = path.read_text(encoding="utf-8")
            assert "md-header" not in searchable_part(html), path
    fragments = [json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
                 for fragment in (real_site / "sk" / "pagefind" / "fragment").iterdir()]
    indexed = next(fragment for fragment in fragments if fragment["url"].rstrip("/").endswith(UNTRANSLATED_SK))
    soup = page(real_site / "sk", f"practices/{UNTRANSLATED_SK}/")
    notice = soup.find(attrs={"data-kb-notice": True}).get_text(" ", strip=True)
    assert notice.split(".")[0] not in indexed["content"]
    assert soup.find(class_="kb-summary").get_text(" ", strip=True)[:40] in indexed["content"]


def test_a_translation_shows_its_words_and_inherits_every_fact(real_site):
    slug, language = TRANSLATED
    translated = page(real_site / language, f"practices/{slug}/")
    original = page(real_site, f"practices/{slug}/")
    text = (REPO / "practices" / f"{slug}.{language}.md").read_text(encoding="utf-8")
    title = yaml.safe_load(text.split("---\n")[1])["title"]
    assert translated.find("h1").get_text().rstrip("¶") == title
    assert not translated.find("h1").get("lang")
    assert translated.find(class_="kb-translation") is not None
    assert original.find(class_="kb-translation") is None

    def facts(soup) -> list[str]:
        return [a["href"].split("/")[-2] for a in soup.select(".kb-facts a[href]")]

    assert facts(translated) == facts(original)
    assert [a["href"] for a in translated.select(".kb-sources a")] == [a["href"] for a in original.select(".kb-sources a")]
    edit = translated.find(class_="kb-edit").find("a")["href"]
    assert edit.endswith(f"/edit/main/practices/{slug}.{language}.md")


def test_each_language_has_its_own_search_index_of_every_page(real_site):
    """Built one language at a time: each language's build has an index of its own pages only."""
    counts = set()
    for code in LANGUAGES:
        folder = real_site / ("" if code == LANGUAGES[0] else code) / "pagefind"
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [code]
        value = entry["languages"][code]
        counts.add(value["page_count"])
        assert (folder / f"wasm.{value['wasm'] or 'unknown'}.pagefind").is_file(), code
        assert (folder / f"pagefind.{value['hash']}.pf_meta").is_file(), code
    assert len(counts) == 1  # every language indexes the same pages


def test_an_untranslated_page_keeps_its_navigation_title_and_invites_its_translation(tmp_path):
    """Every hand-written page of the real site is translated: a project without the Lithuanian About page."""
    from conftest import VALID_PRACTICE, build_site, make_project

    project = make_project(tmp_path / "project", {"test-practice.md": VALID_PRACTICE}, REPO / "vocabularies",
                           languages=("en", "lt"))
    (project / "docs" / "about.lt.md").unlink()
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    soup = page(tmp_path / "site" / "lt", "about/")
    link = soup.find(attrs={"data-kb-notice": True}).find("a")["href"]
    assert link == "https://github.com/integration-practices/knowledge-base/new/main/docs?filename=about.lt.md"
    assert soup.title.get_text().startswith(catalogue("lt")["mkdocs"]["About this site"])
    article = soup.find("article")
    assert article.find(attrs={"lang": "en"}).find("h1") is not None  # the English text, marked as English


def test_edit_this_page_opens_the_file_whose_words_are_shown(real_site):
    slug, language = TRANSLATED
    button = page(real_site / language, f"practices/{slug}/").find("a", attrs={"rel": "edit"})
    assert button["href"].endswith(f"/practices/{slug}.{language}.md")
    button = page(real_site / "sk", f"practices/{UNTRANSLATED_SK}/").find("a", attrs={"rel": "edit"})
    assert button["href"].endswith(f"/practices/{UNTRANSLATED_SK}.md")


TRANSLATED_VOCABULARIES = {"themes": "theme", "target-groups": "target", "practice-types": "type",
                           "evidence": "evidence", "funders": "funder"}


def test_explore_filters_name_every_term_in_the_page_language(real_site):
    """Each Explore filter value of a translated vocabulary carries its label in the page's language."""
    for language in OTHERS:
        form = page(real_site / language, "explore/").find(id="kb-explore-form")
        for file, facet in TRANSLATED_VOCABULARIES.items():
            data = yaml.safe_load((REPO / "vocabularies" / f"{file}.yml").read_text(encoding="utf-8"))
            fieldset = form.find("fieldset", attrs={"data-kb-facet": facet})
            assert fieldset is not None, f"{language}: no {facet} filter"
            shown = [label.get_text(" ", strip=True).rsplit(" (", 1)[0] for label in fieldset.find_all("label")]
            expected = [term["label"][language] for term in data["terms"]]
            assert sorted(shown) == sorted(expected), f"{language} {facet}"


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("language", ["en", "sk", "sl", "lt", "nb"])
def test_each_language_feed_speaks_that_language(real_site, language):
    import xml.etree.ElementTree as ET
    feed = ET.parse(real_site / ("" if language == "en" else language) / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    assert feed.find(f"{ATOM}subtitle").text == catalogue(language)["messages"]["feed.subtitle"]
    themes = {term["id"]: term["label"] for term in
              yaml.safe_load((REPO / "vocabularies" / "themes.yml").read_text(encoding="utf-8"))["terms"]}
    labels = {category.get("term"): category.get("label") for category in feed.iter(f"{ATOM}category")}
    assert labels and all(label == themes[term][language] for term, label in labels.items())


def test_a_citation_names_the_organisation_in_the_page_language(real_site):
    soup = page(real_site / "nb", "practices/bergen-inclusion-centre/")
    citation = soup.find(id="kb-citation")
    assert "Bergen kommune" in citation.get_text() and "Municipality of Bergen" not in citation.get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_materials_own_words_are_in_the_page_language(real_site, language):
    """Material's words (its table for the build's language: overrides/partials/language.html) on a
    practice page: the skip link, the table of contents' title, the back-to-top button."""
    words = {key: htmlmod.unescape(value) for key, value in material_strings(language).items()}
    soup = page(real_site, f"{prefix(language)}practices/{TRANSLATED[0]}/")
    assert soup.select_one(".md-skip").get_text(strip=True) == words["action.skip"]
    assert soup.select_one(".md-nav--secondary .md-nav__title").get_text(strip=True) == words["toc"]
    assert soup.select_one(".md-top").get_text(strip=True) == words["top"]
    assert soup.select_one("nav.md-tabs")["aria-label"] == words["nav"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_corrects_materials_words(real_site, language):
    """Where Material's file for a language has a word wrong (Slovenian calls the header "Noga", the
    foot) or in English (Norwegian "Header"), the catalogue's `material.<key>` is what the page says."""
    soup = page(real_site, f"{prefix(language)}practices/{TRANSLATED[0]}/")
    label = soup.select_one("header nav.md-header__inner")["aria-label"]
    assert label == catalogue(language)["messages"]["material.header"]
    assert label == {"en": "Header", "sk": "Hlavička", "sl": "Glava", "lt": "Antraštė", "nb": "Topptekst"}[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_materials_own_plugins_get_its_words_through_the_override(language):
    """Material's plugins load partials/language.html in a theme environment of their own, which the
    knowledge base's plugin has not prepared (its search plugin asks it for the word separator, as
    `make bench-search`'s comparison build does): the override gives them Material's words too."""
    from mkdocs.config import load_config
    config = load_config(str(REPO / "mkdocs.yml"))
    config.theme["language"] = language
    words = material_strings(language)
    template = config.theme.get_env().get_template("partials/language.html", globals={"config": config})
    assert str(template.module.t("toc")) == htmlmod.unescape(words["toc"])
    assert str(template.module.t("no.such.key")) == "no.such.key"
