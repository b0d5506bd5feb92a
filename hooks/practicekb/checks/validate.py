"""Check loaded files against the schema and the rules between records.

Every check adds Problems; none stops at the first, so a contributor sees
everything wrong in one run.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import Any, Iterable

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from . import schema as schema_module
from ..core.countries import country_code_hint
from ..source.load import KeptReads, PracticeSource
from ..core.problems import Problem, did_you_mean
from .addresses import collection_problems
from .proposals import NEW_ORGANISATIONS, new_organisation_problems
from .safety import unsafe_html_problems
from .textchecks import value_problems
from ..core.taxonomies import BY_KEY
from ..source.vocabularies import Vocabulary
from ..source.yamlsource import YamlDocument

PYTHON_TYPES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
                "array": "a list", "object": "a group of 'key: value' fields", "null": "empty"}
TYPE_EXAMPLES = {"array": "write a list, e.g. `field: [first, second]` or one '- item' per line",
                 "string": "put the text in quotes if it looks like a number or date",
                 "integer": "write a year such as 2018, without quotes",
                 "object": "indent its fields under it, e.g. `  id: …`",
                 "boolean": "write true or false"}


def _dotted(path: Iterable[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "front matter"


def _type_name(value: Any) -> str:
    for name, kind in (("true or false", bool), ("a whole number", int), ("a number", float), ("text", str),
                       ("a list", list), ("a group of fields", dict)):
        if isinstance(value, kind):
            return name
    return "empty" if value is None else type(value).__name__


def _describe(value: Any) -> str:
    """The value as a message quotes it, on one line: a newline or other control character written
    as \\n, \\t or \\x1b, so the reader sees it (letters such as č stay as they are)."""
    if isinstance(value, str):
        shown = "".join(repr(c)[1:-1] if unicodedata.category(c) == "Cc" else c for c in value)
        text = f"'{shown}'"
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…'"


class SchemaValidator:
    """One schema, two engines: fastjsonschema's generated code answers "valid?" in a
    fraction of the time, and jsonschema lists every error, with its path, for the
    rare file that is not."""

    def __init__(self, schema: dict[str, Any]):
        self.full = Draft202012Validator(schema)
        self._fast = fastjsonschema.compile(as_draft_7(schema))

    def is_valid(self, data: Any) -> bool:
        try:
            self._fast(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def iter_errors(self, data: Any) -> Iterable[ValidationError]:
        return self.full.iter_errors(data)


def as_draft_7(schema: Any) -> Any:
    """The same rules in draft 7, the newest draft fastjsonschema reads: `prefixItems` becomes `items`."""
    if isinstance(schema, list):
        return [as_draft_7(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {key: as_draft_7(value) for key, value in schema.items() if key != "prefixItems"}
    if "prefixItems" in schema:
        if "items" in converted:
            converted["additionalItems"] = converted.pop("items")
        converted["items"] = as_draft_7(schema["prefixItems"])
    if converted.get("$schema"):
        converted["$schema"] = "http://json-schema.org/draft-07/schema#"
    return converted


def schema_problems(document: YamlDocument, validator: SchemaValidator | Draft202012Validator,
                    shown: str) -> list[Problem]:
    """Problems for every way `document.data` breaks the validator's schema, each on its own line."""
    problems: list[Problem] = []
    if isinstance(validator, SchemaValidator) and validator.is_valid(document.data):
        return problems
    for error in validator.iter_errors(document.data):
        problems += _problems_from_error(error, document, shown)
    return problems


def _problems_from_error(error: ValidationError, document: YamlDocument, shown: str) -> list[Problem]:
    location = list(error.absolute_path)
    line = document.line_of(tuple(location))
    field = _dotted(location)
    kind = error.validator
    rule = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance

    if kind == "required":
        properties = rule.get("properties", {})
        return [Problem(shown, line, _dotted(location + [name]), "required field is missing",
                        f"add '{name}:' — {properties.get(name, {}).get('description', '')}".rstrip(" —"))
                for name in error.validator_value if isinstance(value, dict) and name not in value]
    if kind == "additionalProperties":
        allowed = list(rule.get("properties", {}))
        problems = []
        for name in value:
            if name in allowed:
                continue
            hint = did_you_mean(name, allowed) or "allowed fields: " + ", ".join(allowed)
            problems.append(Problem(shown, document.line_of(tuple(location + [name])), _dotted(location + [str(name)]),
                                    "unknown field", hint))
        return problems
    if kind == "type":
        expected = error.validator_value
        expected_name = PYTHON_TYPES.get(expected, str(expected))
        return [Problem(shown, line, field, f"should be {expected_name}, not {_type_name(value)}",
                        TYPE_EXAMPLES.get(expected, "see the field reference in CONTRIBUTING.md"))]
    if kind == "enum":
        vocabulary = rule.get("x-vocabulary")
        if vocabulary == "countries":
            return [Problem(shown, line, field, f"unknown country code {_describe(value)}",
                            country_code_hint(value) or "use an ISO 3166-1 alpha-2 code such as NO, SE or SI")]
        if vocabulary == "currencies":
            hint = did_you_mean(value, error.validator_value)
            return [Problem(shown, line, field, f"unknown currency code {_describe(value)}",
                            (hint + " " if hint else "") + "use an ISO 4217 code in capitals, such as EUR, NOK, SEK or DKK")]
        if vocabulary:
            taxonomy = BY_KEY[vocabulary]
            hint = did_you_mean(value, error.validator_value)
            hint = (hint + " " if hint else "") + f"the ids are in vocabularies/{taxonomy.vocabulary_file}; add a new term there first"
            return [Problem(shown, line, field, f"unknown {taxonomy.singular.lower()} id {_describe(value)}", hint)]
        choices = ", ".join(map(str, error.validator_value))
        return [Problem(shown, line, field, f"{_describe(value)} is not allowed",
                        (did_you_mean(value, map(str, error.validator_value)) + " " if did_you_mean(value, map(str, error.validator_value)) else "") + f"use one of: {choices}")]
    if kind == "pattern":
        pattern = error.validator_value
        if pattern == schema_module.URL_PATTERN:
            return [Problem(shown, line, field, f"malformed address {_describe(value)}",
                            "write the full address, starting with https://, with no spaces")]
        if pattern in (schema_module.DATE_PATTERN, schema_module.LOOSE_DATE_PATTERN):
            wanted = "YYYY-MM-DD" if pattern == schema_module.DATE_PATTERN else "YYYY, YYYY-MM or YYYY-MM-DD"
            return [Problem(shown, line, field, f"{_describe(value)} is not a date", f"write it as {wanted}")]
        if pattern == schema_module.SLUG_PATTERN:
            return [Problem(shown, line, field, f"{_describe(value)} is not a valid id",
                            "use lowercase letters, digits and single hyphens, e.g. skofja-loka-council")]
        if pattern == schema_module.NOT_BLANK:
            return [Problem(shown, line, field, "is blank (only spaces)", "write the text, or leave the field out if it is optional")]
        if pattern == schema_module.EMAIL_PATTERN:
            return [Problem(shown, line, field, f"{_describe(value)} is not an e-mail address",
                            "write an organisation's address such as info@example.org")]
        return [Problem(shown, line, field, f"{_describe(value)} has the wrong form",
                        "see this field in the field reference (/contribute/fields/)")]
    if kind == "oneOf" and field.endswith("end"):
        return [Problem(shown, line, field, f"{_describe(value)} is neither a year nor 'ongoing'",
                        "write a year such as 2022, or ongoing")]
    messages = {
        "minLength": (f"is too short (at least {error.validator_value} characters)", "say a little more"),
        "maxLength": (f"is too long (at most {error.validator_value} characters)", "shorten it; details belong in the body"),
        "minItems": (f"needs at least {error.validator_value} item(s)", "add one"),
        "maxItems": (f"has more than {error.validator_value} item(s)", "remove the extra ones"),
        "uniqueItems": ("lists the same item twice", "remove the repeated one"),
        "minimum": (f"{_describe(value)} is below {error.validator_value}", "check the number"),
        "maximum": (f"{_describe(value)} is above {error.validator_value}", "check the number"),
        "exclusiveMinimum": (f"{_describe(value)} must be above {error.validator_value}", "check the number"),
        "minProperties": ("is empty", "fill in at least one field or remove it"),
        "const": (f"{_describe(value)} is not allowed", f"write {error.validator_value}"),
    }
    message, hint = messages.get(kind, (error.message, "see the field reference in CONTRIBUTING.md"))
    return [Problem(shown, line, field, message, hint)]


# --- practices --------------------------------------------------------------

def _body_is_empty(body: str) -> bool:
    text = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    return not any(line.strip() and not line.lstrip().startswith("#") for line in text.split("\n"))


def practice_problems(source: PracticeSource, validator: SchemaValidator, today: dt.date) -> list[Problem]:
    """Problems of one practice on its own (schema, dates, body)."""
    shown, document = source.path, source.front_matter
    data = document.data
    problems = [problem for problem in schema_problems(document, validator, shown)  # explained by proposals.py
                if not (problem.field == NEW_ORGANISATIONS and problem.message == "unknown field")]
    if not re.match(schema_module.SLUG_PATTERN, source.slug):
        problems.append(Problem(shown, 1, "file name", f"'{source.slug}.md' is not a valid slug",
                                "rename the file with lowercase letters, digits and hyphens, e.g. koper-advisory-body.md"))
    elif source.slug in schema_module.RESERVED_SLUGS:
        problems.append(Problem(shown, 1, "file name", f"'{source.slug}.md' is reserved: its page would take the place "
                                "of the site's own page at that address", "rename the file after the practice, e.g. "
                                "koper-advisory-body.md"))
    problems += value_problems(document, shown)
    start, end = data.get("start"), data.get("end")
    if isinstance(start, int) and isinstance(end, int) and not isinstance(end, bool) and end < start:
        problems.append(Problem(shown, document.line_of(("end",)), "end", f"{end} is before the start year {start}",
                                "check both years; end is the year it stopped"))
    verified = data.get("last_verified")
    if isinstance(verified, str) and re.match(schema_module.DATE_PATTERN, verified):
        try:
            day = dt.date.fromisoformat(verified)
            if day > today:
                problems.append(Problem(shown, document.line_of(("last_verified",)), "last_verified",
                                        f"{verified} is in the future", "write the date you checked the facts"))
        except ValueError:
            problems.append(Problem(shown, document.line_of(("last_verified",)), "last_verified",
                                    f"'{verified}' is not a real date", "write an existing date as YYYY-MM-DD"))
    if _body_is_empty(source.body):
        problems.append(Problem(shown, source.body_line, "body", "is empty",
                                "below the front matter, write the sections Context, What was done, Results, "
                                "How to start it in your municipality and Lessons"))
    problems += unsafe_html_problems(source.body, source.body_line, shown)
    return problems


def practice_validator_schema(vocabularies: dict[str, Vocabulary]) -> dict[str, Any]:
    return schema_module.practice_schema({key: list(v.terms) for key, v in vocabularies.items()})


def validate_practices(sources: list[PracticeSource], vocabularies: dict[str, Vocabulary],
                       today: dt.date | None = None, kept: KeptReads | None = None) -> list[Problem]:
    """Each practice's problems and those of the collection. `kept`: the files an earlier build of
    this process read, with their problems (a preview checks again only the edited practices)."""
    schema = practice_validator_schema(vocabularies)
    today = today or dt.date.today()
    problems: list[Problem] = []
    known = set(vocabularies["organisations"].terms) if "organisations" in vocabularies else set()
    depends = json.dumps([schema, sorted(known), today.isoformat()], sort_keys=True, default=str) if kept else ""
    validator = kept.made("validator", depends, lambda: SchemaValidator(schema)) if kept else SchemaValidator(schema)
    for source in sources:
        check = lambda source=source: practice_problems(source, validator, today) + new_organisation_problems(source, known)  # noqa: E731
        problems += kept.checked(source, depends, check) if kept is not None else check()
    if kept is not None:
        kept.forget_unread()
    return problems + collection_problems(sources)
