"""The contributor guide's field reference, read from the same schema that validates practices."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..checks.schema import REQUIRED
from ..core.taxonomies import BY_KEY

SMALL_LIST = 12  # allowed values shown in full up to this many; longer lists link to their overview page
# What a field holds, as the page says it in each language: translations/<lang>.yml, fields.kind.<id>
KIND_IDS = {"text": "text", "whole number": "whole_number", "number": "number", "true or false": "boolean",
            "the fields below": "fields_below", "id": "id", "year": "year", "web address": "web_address",
            "date": "date", "year or the word 'ongoing'": "year_or_ongoing", "list of 2 numbers": "coordinates",
            "list of country codes": "country_codes", "list of entries, each with the fields below": "entries",
            "list of ids": "ids", "list of texts": "texts"}


@dataclass
class FieldRow:
    name: str
    required: bool
    kind: str
    description: str
    allowed: list[str] = field(default_factory=list)
    vocabulary: str | None = None  # taxonomy key whose overview page lists the allowed ids
    parts: list["FieldRow"] = field(default_factory=list)

    @property
    def kind_message(self) -> str:
        """The catalogue's id for what the field holds (fields.kind.*); a kind the schema gains needs one."""
        return "fields.kind." + KIND_IDS[self.kind]


def _kind(spec: dict[str, Any]) -> str:
    if "oneOf" in spec:
        return " or ".join(_kind(option) for option in spec["oneOf"])
    if "const" in spec:
        return f"the word '{spec['const']}'"
    kind = spec.get("type")
    if kind == "array":
        items = spec.get("items") or {}
        if "prefixItems" in spec:
            return f"list of {len(spec['prefixItems'])} numbers"
        if items.get("x-vocabulary") == "countries":
            return "list of country codes"
        if items.get("type") == "object":
            return "list of entries, each with the fields below"
        return f"list of {'id' if items.get('x-vocabulary') else _kind(items)}s"
    if spec.get("x-vocabulary"):
        return "id"
    if kind == "integer" and spec.get("minimum") == 1900:
        return "year"
    if kind == "string" and "pattern" in spec and "https" in spec.get("description", ""):
        return "web address"
    if kind == "string" and "pattern" in spec and "YYYY" in spec.get("description", ""):
        return "date"
    return {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false",
            "object": "the fields below"}.get(kind, kind or "value")


def _row(name: str, spec: dict[str, Any], required: bool) -> FieldRow:
    target = spec.get("items", spec) if spec.get("type") == "array" else spec
    vocabulary = target.get("x-vocabulary")
    allowed = [] if vocabulary else [str(v) for v in target.get("enum", [])]
    parts = []
    if target.get("type") == "object":
        needed = set(target.get("required", []))
        parts = [_row(key, sub, key in needed) for key, sub in target.get("properties", {}).items()]
    return FieldRow(name, required, _kind(spec), spec.get("description", ""),
                    allowed if len(allowed) <= SMALL_LIST else [], vocabulary if vocabulary in BY_KEY else None, parts)


def field_rows(schema: dict[str, Any]) -> list[FieldRow]:
    """Required fields first, each in the schema's own order."""
    rows = [_row(name, spec, name in REQUIRED) for name, spec in schema["properties"].items()]
    return [r for r in rows if r.required] + [r for r in rows if not r.required]
