"""Open data: every practice and every vocabulary as JSON, and the practices as CSV.

Published once for the whole site, at the root (data/), whatever the number of languages: a
record holds the practice as written plus its address and its translation in every language, and
vocabularies.json holds every label in every language. A JSON record is the practice's front matter exactly as written (so it validates against
the published JSON Schema) plus the fields in ADDED_FIELDS, which the schema does not have:
strip them and the record is the front matter again.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from ..model.model import KnowledgeBase, Practice
from ..pages.addresses import SiteSettings, page_url
from ..pages.pages import SCHEMA_PATH
from ..checks.schema import practice_schema
from ..core.taxonomies import TAXONOMIES
from ..source.load import same_reads
from ..source.places import PLACES_FILE
from ..source.vocabularies import Term, Vocabulary

DATA_FOLDER = "data"
PRACTICES_JSON = f"{DATA_FOLDER}/practices.json"
PRACTICES_CSV = f"{DATA_FOLDER}/practices.csv"
VOCABULARIES_JSON = f"{DATA_FOLDER}/vocabularies.json"
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
LIST_SEPARATOR = "; "

ADDED_FIELDS = {
    "slug": "The practice's permanent id: its file name and the last part of its address.",
    "body": "The text of the practice page, in Markdown, as written in the file.",
    "url": "The address of the practice's page on the site.",
    "source_url": "The address of the practice's file in the repository (empty when the site has no repository).",
    "urls": "The address of the practice's page in each language of the site, by language code.",
    "translations": "The practice's translations, by language code: title, summary and body (Markdown) of each.",
}
FIELD_ORDER = tuple(practice_schema({})["properties"])
if set(ADDED_FIELDS) & set(FIELD_ORDER):  # a schema field must never be shadowed by an added one
    raise RuntimeError(f"open data: added fields {sorted(set(ADDED_FIELDS) & set(FIELD_ORDER))} are also schema fields")


def page_addresses(practice: Practice, settings: SiteSettings, languages: tuple[str, ...]) -> dict[str, str]:
    """The practice's page in every language: <site>/<code>/practices/<slug>/, the default at the root."""
    path = page_url(practice.src_uri, settings.directory_urls)
    return {code: settings.site_url + (f"{code}/" if n else "") + path for n, code in enumerate(languages)}


def practice_record(practice: Practice, settings: SiteSettings, kb: KnowledgeBase,
                    languages: tuple[str, ...]) -> dict[str, Any]:
    """The front matter in schema order, then the added fields; `kb` is the knowledge base as
    written (with every translation), `languages` the site's, the default first."""
    data = practice.data
    record: dict[str, Any] = {"slug": practice.slug}
    record.update((key, data[key]) for key in FIELD_ORDER if key in data)
    record.update((key, value) for key, value in data.items() if key not in record)  # none today: validated
    record["body"] = practice.body.strip() + "\n"
    record["url"] = settings.page_address(practice.src_uri)
    record["source_url"] = settings.source_url(practice.path)
    record["urls"] = page_addresses(practice, settings, languages)
    translations = kb.translations.get(practice.slug, {})
    record["translations"] = {code: {"title": translations[code].title, "summary": translations[code].summary,
                                     "body": translations[code].body.strip() + "\n"}
                              for code in languages if code in translations}
    return record


def _about(settings: SiteSettings, what: str) -> dict[str, Any]:
    return {"title": f"{settings.site_name}: {what}", "site": settings.site_url, "licence": LICENCE}


def _json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _json_item_per_line(document: dict[str, Any], items_key: str, items: list[str]) -> str:
    """`document` with its list `items_key` made of `items` (each already JSON) on a line each: readable
    and comparable a practice at a time, and written by json's C encoder (`indent` makes json use its
    pure-Python one: 0.2 s at 1,000 practices, about 1 s at 5,000)."""
    def field(key: str, value: Any) -> str:
        if key != items_key:
            return f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        return f" {json.dumps(key)}: [\n" + ",\n".join(items) + "\n ]"
    return "{\n" + ",\n".join(field(key, value) for key, value in document.items()) + "\n}\n"


KeptRows = dict[str, tuple[tuple, str, list[str]]]  # slug -> (what it was made from, JSON line, CSV row)


def practice_lines(kb: KnowledgeBase, settings: SiteSettings, languages: tuple[str, ...],
                   kept: KeptRows | None = None) -> list[tuple[str, list[str]]]:
    """Each practice's line of the JSON and row of the CSV. `kept`: a preview's (make serve), for a
    practice whose file and translations are the very objects read before (the preview's KeptReads
    keeps them), in a build with the same vocabularies and settings (it is emptied otherwise)."""
    columns = csv_columns(kb) + list(language_columns(languages))
    lines = []
    for practice in kb.practices.values():
        reads = (practice.data, practice.body, *kb.translations.get(practice.slug, {}).values())
        last = kept.get(practice.slug) if kept is not None else None
        if last is not None and same_reads(last[0], reads):
            lines.append(last[1:])
            continue
        record = practice_record(practice, settings, kb, languages)
        line = (json.dumps(record, ensure_ascii=False), [inert_cell(value(record)) for _, value in columns])
        if kept is not None:
            kept[practice.slug] = (reads, *line)
        lines.append(line)
    return lines


def practices_json(kb: KnowledgeBase, settings: SiteSettings, languages: tuple[str, ...],
                   lines: list[tuple[str, list[str]]]) -> str:
    document = _about(settings, "practices")
    document.update({
        "schema": settings.site_url + SCHEMA_PATH,
        "added_fields": ADDED_FIELDS,
        "count": len(kb.practices),
        "languages": list(languages),
        "practices": [],
    })
    return _json_item_per_line(document, "practices", [line for line, _ in lines])


def _joined(values: list[Any] | None) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values or [])


def _funding(item: dict[str, Any]) -> str:
    details = [f"grant {item['grant_id']}"] if item.get("grant_id") else []
    if item.get("amount"):
        amount = item["amount"]
        amount = int(amount) if float(amount).is_integer() else amount
        details.append(f"{amount} {item.get('currency', '')}".strip())
    return item["funder"] + (f" ({', '.join(details)})" if details else "")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


# (column, value): one row per practice; lists are joined with LIST_SEPARATOR.
CSV_COLUMNS: tuple[tuple[str, Callable[[dict[str, Any]], str]], ...] = (
    ("slug", lambda r: r["slug"]),
    ("title", lambda r: r["title"]),
    ("summary", lambda r: r["summary"]),
    ("countries", lambda r: _joined(r["countries"])),
    ("place", lambda r: _scalar(r.get("place"))),
    ("level", lambda r: r["level"]),
    ("coordinates", lambda r: _joined(r.get("coordinates"))),
    ("locations", lambda r: _joined(r.get("locations"))),
    ("start", lambda r: _scalar(r.get("start"))),
    ("end", lambda r: _scalar(r.get("end"))),
    ("mainstreamed", lambda r: _scalar(r.get("mainstreamed"))),
    ("themes", lambda r: _joined(r["themes"])),
    ("target_groups", lambda r: _joined(r.get("target_groups"))),
    ("practice_type", lambda r: r["practice_type"]),
    ("funding", lambda r: _joined([_funding(item) for item in r.get("funding", [])])),
    ("organisations", lambda r: _joined([f"{o['id']} ({o['role']})" for o in r.get("organisations", [])])),
    ("projects", lambda r: _joined(r.get("projects"))),
    ("evidence", lambda r: r["evidence"]),
    ("people_reached", lambda r: _joined([f"{p['number']} ({p.get('year', '')}): {p['counted']}".replace(" ()", "")
                                          for p in r.get("people_reached", [])])),
    ("budget", lambda r: _joined([" ".join(filter(None, [str(b["amount"]), b["currency"], b.get("period", ""),
                                                         f"({b['covers']})"])) for b in r.get("budget", [])])),
    ("staff", lambda r: _scalar(r.get("staff"))),
    ("evaluations", lambda r: _joined([f"{e['kind']}: {e['title']} {e['url']}" for e in r.get("evaluations", [])])),
    ("sources", lambda r: _joined([s["url"] for s in r["sources"]])),
    ("source_titles", lambda r: _joined([s["title"] for s in r["sources"]])),
    ("last_verified", lambda r: r["last_verified"]),
    ("status", lambda r: r["status"]),
    ("contact", lambda r: _joined([r.get("contact", {}).get(k) for k in ("organisation", "url", "email")
                                   if r.get("contact", {}).get(k)])),
    ("language", lambda r: r.get("language", "en")),
    ("aliases", lambda r: _joined(r.get("aliases"))),
    ("url", lambda r: r["url"]),
    ("source_url", lambda r: r["source_url"]),
)


BYTE_ORDER_MARK = "\ufeff"  # so Excel reads the file as UTF-8 (without it, a Central European Windows reads cp1250)


def label_columns(kb: KnowledgeBase) -> dict[str, tuple[str, Callable[[dict[str, Any]], str]]]:
    """Beside a column of ids, the column of their names in the file's language (the language of
    the knowledge base: the Slovak site's file names themes in Slovak), keyed by the id column."""
    lang = kb.shown_language()
    words = kb.interface.catalogues[lang]

    def names(taxonomy: str, ids: list[str] | None) -> str:
        return _joined([kb.term(taxonomy, i).text(lang) for i in ids or []])

    return {
        "countries": ("country_names", lambda r: names("countries", [c.lower() for c in r["countries"]])),
        "level": ("level_label", lambda r: words.text("level." + r["level"])),
        "themes": ("theme_labels", lambda r: names("themes", r["themes"])),
        "target_groups": ("target_group_labels", lambda r: names("target-groups", r.get("target_groups"))),
        "practice_type": ("practice_type_label", lambda r: names("practice-types", [r["practice_type"]])),
        "funding": ("funder_names", lambda r: names("funders", [item["funder"] for item in r.get("funding", [])])),
        "organisations": ("organisation_names", lambda r: _joined(
            [f"{kb.term('organisations', o['id']).text(lang)} ({words.text('role.' + o['role'])})"
             for o in r.get("organisations", [])])),
        "projects": ("project_names", lambda r: names("projects", r.get("projects"))),
        "evidence": ("evidence_label", lambda r: names("evidence", [r["evidence"]])),
        "status": ("status_label", lambda r: words.text("status." + r["status"])),
        "language": ("text_language", lambda r: kb.practices[r["slug"]].text_language or r.get("language", "en")),
    }


def csv_columns(kb: KnowledgeBase) -> list[tuple[str, Callable[[dict[str, Any]], str]]]:
    """CSV_COLUMNS, each column of ids followed by its names (label_columns)."""
    labels = label_columns(kb)
    return [column for name, value in CSV_COLUMNS for column in ((name, value), *([labels[name]] if name in labels else []))]


def language_columns(languages: tuple[str, ...]) -> tuple[tuple[str, Callable[[dict[str, Any]], str]], ...]:
    """After the columns of the practice as written: for each other language its page's address and
    the translated title and summary (empty where the practice has no translation)."""
    def text(code: str, key: str) -> Callable[[dict[str, Any]], str]:
        return lambda r: r["translations"].get(code, {}).get(key, "")
    return tuple(column for code in languages[1:] for column in (
        (f"url_{code}", lambda r, code=code: r["urls"][code]), (f"title_{code}", text(code, "title")),
        (f"summary_{code}", text(code, "summary"))))


def practices_csv(kb: KnowledgeBase, languages: tuple[str, ...], lines: list[tuple[str, list[str]]]) -> str:
    """One row per practice; the body is left out (it is in the JSON), so every row is one line of
    text. UTF-8 with a byte-order mark, comma-separated (docs/data.md says how to open it); the
    labels in the default language, then each other language's address, title and summary."""
    columns = csv_columns(kb) + list(language_columns(languages))
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in columns])
    writer.writerows(row for _, row in lines)
    return out.getvalue()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(text: str) -> str:
    """A spreadsheet takes a cell starting with = + - @ (or a tab) for a formula, which can run
    commands: such text gets a leading apostrophe, as OWASP advises. Numbers stay numbers."""
    if text.startswith(FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _term(term: Term) -> dict[str, Any]:
    if term.taxonomy == "countries":
        return {"id": term.get("code"), "label": term.label}
    record = {"id": term.id, "label": term.label, "description": term.description}
    record.update(term.data)
    return record


def _vocabulary(vocabulary: Vocabulary, file: str | None) -> dict[str, Any]:
    record: dict[str, Any] = {"file": f"vocabularies/{file}" if file else None}
    for key, groups in (("groups", vocabulary.groups), ("types", vocabulary.types)):
        if groups:
            record[key] = [{"id": g.id, "label": g.label, **({"description": g.description} if g.description else {})}
                           for g in groups.values()]
    record["terms"] = [_term(term) for term in vocabulary.terms.values()]
    return record


def vocabularies_json(kb: KnowledgeBase, settings: SiteSettings) -> str:
    """Every vocabulary, keyed by taxonomy; countries are the ones the practices name, with CLDR names."""
    document = _about(settings, "vocabularies")
    document["vocabularies"] = {t.key: _vocabulary(kb.vocabularies[t.key], t.vocabulary_file) for t in TAXONOMIES}
    # The map's places (vocabularies/places.yml), which practices name in `locations`, with their GeoNames record.
    document["vocabularies"]["places"] = {"file": f"vocabularies/{PLACES_FILE}", "places": [
        {"id": place.id, "name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon,
         "geonames": place.geonames, "source": place.source_url} for place in kb.places.values()]}
    return _json(document)


def data_files(kb: KnowledgeBase, settings: SiteSettings, languages: tuple[str, ...],
               kept: KeptRows | None = None) -> dict[str, str]:
    """The open data of the whole site: `kb` as written (not a language's copy), `settings` of the
    default language's build (the site's root), `languages` the site's, the default first; `kept`:
    practice_lines'."""
    lines = practice_lines(kb, settings, languages, kept)
    return {PRACTICES_JSON: practices_json(kb, settings, languages, lines), PRACTICES_CSV: practices_csv(kb, languages, lines),
            VOCABULARIES_JSON: vocabularies_json(kb, settings)}
