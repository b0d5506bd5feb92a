"""The contributor guide's field reference, read from the same schema that validates practices."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..checks.schema import REQUIRED
from ..core.taxonomies import BY_KEY

SMALL_LIST = 12  # allowed values shown in full up to this many; longer lists link to their overview page


@dataclass
class FieldRow:
    name: str
    required: bool
    kind: str
    description: str
    allowed: list[str] = field(default_factory=list)
    vocabulary: str | None = None  # taxonomy key whose overview page lists the allowed ids
    parts: list["FieldRow"] = field(default_factory=list)


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
