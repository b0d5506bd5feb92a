"""Open data on the real site: data/practices.json (records validate against the published JSON
Schema once the documented added fields are removed), data/practices.csv (every practice, one row,
lists joined with "; "), data/vocabularies.json (every vocabulary and term), and the Open data page."""
from __future__ import annotations

import csv
import io
import json

import jsonschema
import yaml

from conftest import REPO
from published import SITE_URL, practice_address
from sitepages import front_matter, page, resolve
from test_build import PRACTICE_FILES

ADDED = {"slug", "body", "url", "source_url", "urls", "translations"}
LANGUAGES = ("en", "sk", "sl", "lt", "nb")
REPOSITORY = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["repo_url"]


def load_json(site, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


def as_yaml_text(value):
    """JSON's true and false as YAML writes them, so a record compares with the file read as text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return {key: as_yaml_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_yaml_text(item) for item in value]
    return value


def test_practices_json_holds_every_practice_valid_against_the_published_schema(real_site):
    schema = load_json(real_site, "schema/practice.schema.json")
    document = load_json(real_site, "data/practices.json")
    assert document["licence"]["name"] == "CC BY 4.0"
    assert document["schema"] == SITE_URL + "schema/practice.schema.json"
    assert set(document["added_fields"]) == ADDED
    assert not ADDED & set(schema["properties"])
    validator = jsonschema.Draft202012Validator(schema)
    records = {record["slug"]: record for record in document["practices"]}
    assert set(records) == {path.stem for path in PRACTICE_FILES} and document["count"] == len(PRACTICE_FILES)
    # one practice a line, so a change to the collection shows as changed lines
    lines = (real_site / "data/practices.json").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line.rstrip(","))["slug"] for line in lines if line.startswith('{"')) == sorted(records)
    for path in PRACTICE_FILES:
        record = records[path.stem]
        facts = {key: value for key, value in record.items() if key not in ADDED}
        assert list(validator.iter_errors(facts)) == [], path.stem
        # every fact exactly as the file has it (read independently, every scalar as text: numbers and
        # booleans are compared as the file writes them; the files' YAML has no dates)
        as_text = as_yaml_text(json.loads(json.dumps(facts), parse_int=str, parse_float=str))
        assert as_text == front_matter(path), path.stem
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert record["body"].strip() == body.strip()
        assert record["url"] == practice_address(path.stem)
        assert record["source_url"] == f"{REPOSITORY}/blob/main/practices/{path.name}"
        assert record["urls"] == {code: practice_address(path.stem).replace(SITE_URL, SITE_URL + (f"{code}/" if code != "en" else ""))
                                  for code in LANGUAGES}
        # each translation file's words, read independently of the project's loader
        translations = {t.name.split(".")[1]: t for t in (REPO / "practices").glob(f"{path.stem}.*.md")}
        assert set(record["translations"]) == set(translations), path.stem
        for code, translation in translations.items():
            _, front, text = translation.read_text(encoding="utf-8").split("---\n", 2)
            words = yaml.safe_load(front)
            assert record["translations"][code]["title"] == words["title"]
            assert record["translations"][code]["summary"].split() == words["summary"].split()
            assert record["translations"][code]["body"].strip() == text.strip()
    assert document["languages"] == list(LANGUAGES)


def test_open_data_is_published_once_for_every_language(real_site):
    """One practices.json, .csv and vocabularies.json at the root; no language has copies of its own."""
    for code in LANGUAGES[1:]:
        assert [p.name for p in (real_site / code / "data").iterdir()] == ["index.html"], code  # the Data page only


def test_practices_csv_has_one_row_per_practice_with_lists_joined(real_site):
    text = (real_site / "data" / "practices.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert sorted(row["slug"] for row in rows) == sorted(path.stem for path in PRACTICE_FILES)
    for row in rows:
        data = front_matter(REPO / "practices" / f"{row['slug']}.md")
        assert row["title"] == data["title"]
        assert row["countries"].split("; ") == data["countries"]
        assert row["themes"].split("; ") == data["themes"]
        assert row["organisations"].split("; ") == [f"{o['id']} ({o['role']})" for o in data.get("organisations", [])]
        assert row["sources"].split("; ") == [s["url"] for s in data["sources"]]
        assert row["last_verified"] == data["last_verified"]
        assert row["url"] == practice_address(row["slug"])
        for code in LANGUAGES[1:]:
            assert row[f"url_{code}"] == practice_address(row["slug"]).replace(SITE_URL, f"{SITE_URL}{code}/")
        translated = {t.name.split(".")[1] for t in (REPO / "practices").glob(f"{row['slug']}.*.md")}
        assert {code for code in LANGUAGES[1:] if row[f"title_{code}"]} == translated, row["slug"]
    schema = load_json(real_site, "schema/practice.schema.json")
    header = rows[0].keys()
    assert all(any(column.startswith(field) or field.startswith(column) for column in header)
               for field in schema["properties"]), "every front-matter field has a column"


def test_vocabularies_json_holds_every_vocabulary_and_term(real_site):
    vocabularies = load_json(real_site, "data/vocabularies.json")["vocabularies"]
    for path in sorted((REPO / "vocabularies").glob("*.yml")):
        key = path.stem
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        published = vocabularies[key]
        assert published["file"] == f"vocabularies/{path.name}"
        if key == "places":  # the map's places: not terms, but points with their GeoNames record
            assert [(p["id"], p["lat"], p["lon"], p["geonames"]) for p in published["places"]] == [
                (p["id"], p["lat"], p["lon"], p["geonames"]) for p in data["places"]]
            assert published["places"][0]["source"] == f"https://www.geonames.org/{data['places'][0]['geonames']}"
            continue
        assert [term["id"] for term in published["terms"]] == [term["id"] for term in data["terms"]], key
        for term, source in zip(published["terms"], data["terms"]):
            assert term["label"] == source["label"] and term["description"] == source["description"]
        for section in ("groups", "types"):
            assert [g["id"] for g in published.get(section, [])] == [g["id"] for g in data.get(section, [])]
    codes = sorted({code for path in PRACTICE_FILES for code in front_matter(path)["countries"]})
    assert sorted(term["id"] for term in vocabularies["countries"]["terms"]) == codes


def test_data_page_links_the_files_the_schema_the_feed_and_the_licence(real_site):
    for code in LANGUAGES:
        prefix = "" if code == "en" else f"{code}/"
        soup = page(real_site, f"{prefix}data/")
        article = soup.find("article")
        targets = {}
        for link in article.find_all("a", href=True):
            target = resolve(real_site, f"{prefix}data/", link["href"])
            targets[link["href"] if target is None else target.relative_to(real_site).as_posix()] = link
        for name in ("practices.json", "practices.csv", "vocabularies.json"):  # one address, whatever the language
            assert SITE_URL + "data/" + name in targets, (code, name)
            assert (real_site / "data" / name).is_file()
        for path in ("schema/practice.schema.json", "feed.xml"):
            assert prefix + path in targets, (code, path)
            assert (real_site / prefix / path).is_file()
        assert "https://creativecommons.org/licenses/by/4.0/" in targets
    nav = page(real_site, "about/").find("nav", class_="md-nav--primary")  # under About in the navigation
    entry = next(a for a in nav.find_all("a", href=True) if a.get_text(strip=True) == "Open data")
    assert resolve(real_site, "about/", entry["href"]) == real_site / "data" / "index.html"


LANGUAGE_FOLDERS = {"en": "", "sk": "sk/", "sl": "sl/", "lt": "lt/", "nb": "nb/"}


def vocabulary_labels(file: str, language: str) -> dict[str, str]:
    """Term id -> label in `language`, read from the vocabulary file (English where it has none)."""
    terms = yaml.safe_load((REPO / "vocabularies" / file).read_text(encoding="utf-8"))["terms"]
    return {term["id"]: term["label"].get(language) or term["label"]["en"] for term in terms}


def catalogue(language: str) -> dict[str, str]:
    data = yaml.safe_load((REPO / "translations" / f"{language}.yml").read_text(encoding="utf-8"))
    return next(value for value in data.values() if isinstance(value, dict) and "level.municipal" in value)


def test_the_csv_starts_with_a_byte_order_mark_and_names_terms_beside_their_ids(real_site):
    """One CSV for the whole site (issue 21), with names in the site's first language (issue 24)."""
    language = "en"
    raw = (real_site / "data" / "practices.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, so Excel reads it as UTF-8"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert sorted(row["slug"] for row in rows) == sorted(path.stem for path in PRACTICE_FILES)
    themes = vocabulary_labels("themes.yml", language)
    kinds = vocabulary_labels("practice-types.yml", language)
    evidence = vocabulary_labels("evidence.yml", language)
    words = catalogue(language)
    for row in rows:
        data = front_matter(REPO / "practices" / f"{row['slug']}.md")
        assert row["themes"].split("; ") == data["themes"]  # the ids stay, for programs
        assert row["theme_labels"].split("; ") == [themes[i] for i in data["themes"]]
        assert row["practice_type_label"] == kinds[data["practice_type"]]
        assert row["evidence_label"] == evidence[data["evidence"]]
        assert row["level_label"] == words[f"level.{data['level']}"]
        assert row["status_label"] == words[f"status.{data['status']}"]
        assert len(row["country_names"].split("; ")) == len(data["countries"])
    slovenia = next(row for row in rows if row["countries"] == "SI")
    assert slovenia["country_names"] == {"en": "Slovenia", "sk": "Slovinsko", "sl": "Slovenija", "lt": "Slovėnija",
                                         "nb": "Slovenia"}[language]


def test_the_data_page_says_how_to_open_the_csv_in_a_spreadsheet(real_site):
    text = " ".join(page(real_site, "data/").find("article").get_text(" ").split())
    assert "byte-order mark" in text and "comma" in text
    for column in ("theme_labels", "country_names", "organisation_names", "text_language"):
        assert column in text, column
