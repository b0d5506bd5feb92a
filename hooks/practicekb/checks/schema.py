"""The one definition of a practice's front matter.

It validates practice files, is published as JSON Schema for editors, and
produces the field reference in the contributor guide. Vocabulary ids are filled
in from the vocabulary files, so a new theme needs no change here.
"""
from __future__ import annotations

from typing import Any

from babel.numbers import list_currencies

from ..core.countries import country_codes

# The end of the text. Python's $ also matches before a final newline (an alias "a\n" passed as a
# slug, and its redirect went to a folder named with a newline); "(?!\n)$" is the end alone, in
# Python as in JavaScript, which reads the published schema.
END = r"(?!\n)$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*" + END
DATE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])" + END
LOOSE_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?" + END
URL_PATTERN = r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?" + END
NOT_BLANK = r"\S"  # a text of spaces only says nothing
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+" + END
RESERVED_SLUGS = ("index",)  # practices/index.md would take the place of the list at /practices/


def currency_codes() -> list[str]:
    """ISO 4217 codes as CLDR knows them (Babel), current and historic."""
    return sorted(code for code in list_currencies() if len(code) == 3 and code.isupper())
LANGUAGES = ("en", "sk", "sl", "lt", "nb", "nn", "sv", "da", "fi", "is")
LEVELS = ("municipal", "regional", "national", "cross-border")
STATUSES = ("active", "ended", "archived")
ROLES = ("lead", "partner", "funder", "documented", "evaluator", "host")
EVALUATION_KINDS = ("internal", "external", "academic", "randomised")

REQUIRED = ("title", "summary", "countries", "level", "themes", "practice_type",
            "evidence", "sources", "status")


def _vocabulary(taxonomy: str, ids: list[str], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": sorted(ids), "x-vocabulary": taxonomy,
            "description": description}


def _list_of(item: dict[str, Any], description: str, min_items: int = 0) -> dict[str, Any]:
    schema = {"type": "array", "items": item, "uniqueItems": True, "description": description}
    if min_items:
        schema["minItems"] = min_items
    return schema


def practice_schema(vocabulary_ids: dict[str, list[str]]) -> dict[str, Any]:
    """JSON Schema (2020-12) of a practice's front matter, given the ids of each vocabulary."""
    ids = lambda key: vocabulary_ids.get(key, [])  # noqa: E731
    year = {"type": "integer", "minimum": 1900, "maximum": 2100}
    properties: dict[str, Any] = {
        "title": {"type": "string", "minLength": 5, "maxLength": 150, "pattern": NOT_BLANK,
                  "description": "Name of the practice, as its makers call it (English, with the local name in brackets if useful).",
                  "examples": ["Municipal council for the inclusion of migrants in Škofja Loka"]},
        "summary": {"type": "string", "minLength": 40, "maxLength": 800, "pattern": NOT_BLANK,
                    "description": "One paragraph (at most about 100 words): what problem, what was done, what came of it. Lists, search results and link previews show it."},
        "countries": _list_of({"type": "string", "enum": list(country_codes()), "x-vocabulary": "countries"},
                              "Where it takes place: ISO 3166-1 alpha-2 codes such as NO, SI, SK.", 1),
        "place": {"type": "string", "minLength": 2, "maxLength": 120, "pattern": NOT_BLANK,
                  "description": "Municipality or region, in the local spelling, e.g. 'Škofja Loka' or 'Nordland'."},
        "level": {"type": "string", "enum": list(LEVELS),
                  "description": "Level of government it works at: " + ", ".join(LEVELS) + "."},
        "coordinates": {"type": "array", "minItems": 2, "maxItems": 2,
                        "prefixItems": [{"type": "number", "minimum": -90, "maximum": 90},
                                        {"type": "number", "minimum": -180, "maximum": 180}],
                        "description": "Optional map point as [latitude, longitude]; the town centre unless the source says otherwise."},
        "locations": _list_of({"type": "string", "pattern": SLUG_PATTERN, "description": "A place id from vocabularies/places.yml."},
                              "Where the map shows it: ids of vocabularies/places.yml (each with its GeoNames point). "
                              "Leave it out for a practice of a whole country: the map shows that as the country itself."),
        "start": dict(year, description="Year it started, e.g. 2018."),
        "end": {"oneOf": [year, {"const": "ongoing"}],
                "description": "Year it ended, or 'ongoing'."},
        "mainstreamed": {"type": "boolean",
                         "description": "true if it became a regular (mainstream) service after the project phase."},
        "themes": _list_of(_vocabulary("themes", ids("themes"), "A theme id from vocabularies/themes.yml."),
                           "What it works on: one or more ids from vocabularies/themes.yml.", 1),
        "target_groups": _list_of(_vocabulary("target-groups", ids("target-groups"), "A target group id."),
                                  "Whom it serves: ids from vocabularies/target-groups.yml."),
        "practice_type": _vocabulary("practice-types", ids("practice-types"),
                                     "What kind of practice: an id from vocabularies/practice-types.yml."),
        "funding": _list_of({
            "type": "object", "additionalProperties": False, "required": ["funder"],
            "properties": {
                "funder": _vocabulary("funders", ids("funders"),
                                      "A funder or programme id from vocabularies/funders.yml."),
                "grant_id": {"type": "string", "pattern": NOT_BLANK, "description": "The grant or contract number, as the funder writes it."},
                "amount": {"type": "number", "exclusiveMinimum": 0, "description": "Amount granted, as a number."},
                "currency": {"type": "string", "enum": currency_codes(), "x-vocabulary": "currencies",
                             "description": "ISO 4217 code, e.g. EUR, NOK."},
                "note": {"type": "string", "pattern": NOT_BLANK, "description": "Anything the amount needs to be read right (period, share)."},
            }}, "Who paid for it, with optional grant id, amount and currency."),
        "organisations": _list_of({
            "type": "object", "additionalProperties": False, "required": ["id", "role"],
            "properties": {
                "id": _vocabulary("organisations", ids("organisations"),
                                  "An organisation id from vocabularies/organisations.yml."),
                "role": {"type": "string", "enum": list(ROLES),
                         "description": "Its role: " + ", ".join(ROLES) + "."},
            }}, "Who runs or supports it, each with a role."),
        "projects": _list_of(_vocabulary("projects", ids("projects"), "A source project id."),
                             "Projects that documented or transferred it: ids from vocabularies/projects.yml."),
        "evidence": _vocabulary("evidence", ids("evidence"),
                                "How well it is shown to work: an id from vocabularies/evidence.yml."),
        "people_reached": _list_of({
            "type": "object", "additionalProperties": False, "required": ["number", "counted"],
            "properties": {
                "number": {"type": "integer", "minimum": 1, "description": "How many, as the source counts them."},
                "year": dict(year, description="The year the number is for (or up to)."),
                "counted": {"type": "string", "minLength": 3, "maxLength": 200, "pattern": NOT_BLANK,
                            "description": "What was counted, e.g. 'participants in total since April 2024'."},
            }}, "People it reached, as its sources count them: a number, its year and what was counted (a target is not a result)."),
        "budget": _list_of({
            "type": "object", "additionalProperties": False, "required": ["amount", "currency", "covers"],
            "properties": {
                "amount": {"type": "number", "exclusiveMinimum": 0, "description": "The amount, as a number."},
                "currency": {"type": "string", "enum": currency_codes(), "x-vocabulary": "currencies",
                             "description": "ISO 4217 code, e.g. EUR, NOK."},
                "period": {"type": "string", "minLength": 2, "maxLength": 80, "pattern": NOT_BLANK,
                           "description": "The period it is for, e.g. '2018–2021' or 'a year'."},
                "covers": {"type": "string", "minLength": 3, "maxLength": 200, "pattern": NOT_BLANK,
                           "description": "What it pays for, e.g. 'building the centre'."},
            }}, "What it cost, as its sources say: amount, currency, period and what it covers."),
        "staff": {"type": "string", "minLength": 3, "maxLength": 200, "pattern": NOT_BLANK,
                  "description": "Who does the work, as the sources say, e.g. 'two intercultural mediators' or 'one coordinator at 50 %'."},
        "evaluations": _list_of({
            "type": "object", "additionalProperties": False, "required": ["kind", "title", "url"],
            "properties": {
                "kind": {"type": "string", "enum": list(EVALUATION_KINDS),
                         "description": "Who evaluated it and how: " + ", ".join(EVALUATION_KINDS) + "."},
                "title": {"type": "string", "minLength": 3, "pattern": NOT_BLANK, "description": "Title of the evaluation."},
                "url": {"type": "string", "pattern": URL_PATTERN, "description": "Its full address, starting with https://."},
                "year": dict(year, description="The year it was published."),
            }}, "Evaluations of it: kind (internal, external, academic, randomised), title and address."),
        "sources": _list_of({
            "type": "object", "additionalProperties": False, "required": ["title", "url"],
            "properties": {
                "title": {"type": "string", "minLength": 3, "pattern": NOT_BLANK, "description": "Title of the document or page."},
                "publisher": {"type": "string", "pattern": NOT_BLANK, "description": "Who published it."},
                "url": {"type": "string", "pattern": URL_PATTERN, "description": "Its full address, starting with https://."},
                "date": {"type": "string", "pattern": LOOSE_DATE_PATTERN,
                         "description": "Publication date: YYYY, YYYY-MM or YYYY-MM-DD."},
            }}, "Where every fact comes from: at least one, each with title and address.", 1),
        "last_verified": {"type": "string", "pattern": DATE_PATTERN,
                          "description": "Date (YYYY-MM-DD) a maintainer last checked the facts against the sources. A proposal "
                                         "leaves it out; the maintainer who reviews it sets it, and the site publishes "
                                         "only practices that have it."},
        "status": {"type": "string", "enum": list(STATUSES),
                   "description": "active (running), ended (finished, still worth reading) or archived (kept for the record)."},
        "contact": {"type": "object", "additionalProperties": False, "minProperties": 1,
                    "properties": {
                        "organisation": _vocabulary("organisations", ids("organisations"),
                                                    "The organisation to contact."),
                        "url": {"type": "string", "pattern": URL_PATTERN, "description": "A contact page."},
                        "email": {"type": "string", "pattern": EMAIL_PATTERN,
                                  "description": "An organisational address, never a private person's."},
                    },
                    "description": "Organisational contact (never a private person)."},
        "language": {"type": "string", "enum": list(LANGUAGES),
                     "description": "Language of title, summary and body (ISO 639-1); default en."},
        "aliases": _list_of({"type": "string", "pattern": SLUG_PATTERN},
                            "Former slugs of this practice, after its file was renamed: the page at each old "
                            "address /practices/<old-slug>/ sends readers on to this one. A former slug cannot "
                            "be the slug of a live practice or another practice's alias."),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "practice.schema.json",
        "title": "Practice front matter",
        "description": "Facts about one local integration practice: the YAML front matter of practices/<slug>.md.",
        "type": "object",
        "additionalProperties": False,
        "required": list(REQUIRED),
        "properties": properties,
    }


def _label(description: str) -> dict[str, Any]:
    return {"type": "object", "required": ["en"], "additionalProperties": {"type": "string", "pattern": NOT_BLANK},
            "propertyNames": {"enum": list(LANGUAGES)}, "description": description}


def vocabulary_schema() -> dict[str, Any]:
    """JSON Schema of a vocabulary file (themes.yml, funders.yml, …)."""
    term = {
        "type": "object", "additionalProperties": False, "required": ["id", "label", "description"],
        "properties": {
            "id": {"type": "string", "pattern": SLUG_PATTERN, "description": "Permanent id, used in practice files and addresses."},
            "label": _label("Name per language; en is required."),
            "description": _label("One paragraph per language; en is required."),
            "group": {"type": "string", "description": "Id of a group in this file's groups."},
            "parent": {"type": "string", "description": "Id of the broader term (a funder for a programme)."},
            "type": {"type": "string", "description": "Kind of term, e.g. municipality, ngo; eu-fund, private-foundation."},
            "country": {"type": "string", "enum": list(country_codes()), "description": "Home country (ISO code)."},
            "url": {"type": "string", "pattern": URL_PATTERN, "description": "Official address."},
            "email": {"type": "string", "pattern": EMAIL_PATTERN,
                      "description": "A public address of the organisation (never a private person's)."},
            "rank": {"type": "integer", "minimum": 1, "description": "Order on a ladder (evidence levels)."},
            "start": {"type": "integer", "minimum": 1900, "maximum": 2100},
            "end": {"type": "integer", "minimum": 1900, "maximum": 2100},
        },
    }
    group = {"type": "object", "additionalProperties": False, "required": ["id", "label"],
             "properties": {"id": {"type": "string", "pattern": SLUG_PATTERN},
                            "label": _label("Name per language."), "description": _label("One paragraph.")}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object", "additionalProperties": False, "required": ["terms"],
        "properties": {
            "groups": {"type": "array", "items": group},
            "types": {"type": "array", "items": group},
            "terms": {"type": "array", "items": term, "minItems": 1},
        },
    }
