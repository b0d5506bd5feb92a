"""Checks of the vocabulary files: the schema, ids, groups, types and parents, cycles of parents,
and a label in every language of the site where readers see one."""
from __future__ import annotations

from jsonschema import Draft202012Validator

from . import schema as schema_module
from ..core.languages import language_name
from ..core.problems import Problem, did_you_mean
from ..source.yamlsource import YamlDocument
from .textchecks import value_problems
from .validate import schema_problems


def validate_vocabulary(taxonomy_key: str, document: YamlDocument, shown: str) -> list[Problem]:
    problems = schema_problems(document, Draft202012Validator(schema_module.vocabulary_schema()), shown)
    problems += value_problems(document, shown, no_markup=True)
    data = document.data if isinstance(document.data, dict) else {}

    def listed(key: str) -> list:  # a list of the file, or none where the schema reports another type
        return data.get(key) if isinstance(data.get(key), list) else []

    def ids(items: list) -> set[str]:
        return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}

    terms = listed("terms")
    seen: dict[str, int] = {}
    group_ids, type_ids, term_ids = ids(listed("groups")), ids(listed("types")), ids(terms)
    for index, term in enumerate(terms):
        if not isinstance(term, dict) or not isinstance(term.get("id"), str):
            continue  # the schema reports a term that is not a mapping, or an id that is not text
        term_id = term.get("id")
        line = document.line_of(("terms", index, "id"))
        if term_id in seen:
            problems.append(Problem(shown, line, f"terms[{index + 1}].id", f"'{term_id}' is used twice",
                                    f"it is first used on line {seen[term_id]}; give each term its own id"))
        elif term_id in schema_module.RESERVED_SLUGS:
            problems.append(Problem(shown, line, f"terms[{index + 1}].id", f"'{term_id}' is reserved: the term's page "
                                    "would take the place of the list of all terms", "choose another id"))
        else:
            seen[term_id] = line
        for key, known, what in (("group", group_ids, "groups"), ("type", type_ids, "types"),
                                 ("parent", term_ids, "terms")):
            if isinstance(term.get(key), str) and (what != "types" or type_ids) and term[key] not in known:
                problems.append(Problem(shown, document.line_of(("terms", index, key)), f"terms[{index + 1}].{key}",
                                        f"unknown {key} '{term[key]}'",
                                        did_you_mean(term[key], known) or f"use an id from this file's {what}"))
    return problems + parent_cycle_problems(terms, document, shown)


def parent_cycle_problems(terms: list, document: YamlDocument, shown: str) -> list[Problem]:
    """A term that is its own parent, directly or through others: its pages would list each other forever."""
    parents = {t["id"]: t["parent"] for t in terms if isinstance(t, dict) and isinstance(t.get("id"), str)
               and isinstance(t.get("parent"), str)}
    problems = []
    for index, term in enumerate(terms):
        if not isinstance(term, dict) or term.get("id") not in parents:
            continue
        chain, current = [term["id"]], parents[term["id"]]
        while current in parents and current not in chain:
            chain.append(current)
            current = parents[current]
        if current == term["id"]:
            through = " → ".join(chain + [current])
            problems.append(Problem(shown, document.line_of(("terms", index, "parent")), f"terms[{index + 1}].parent",
                                    f"'{term['id']}' is its own parent ({through})",
                                    "a programme names the funder above it; the top funder has no parent"))
    return problems


# Vocabularies whose labels every language of the site must have; organisations and source
# projects are proper names, shown as written where a language has no label of its own.
TRANSLATED_VOCABULARIES: tuple[str, ...] = ("themes", "target-groups", "practice-types", "evidence", "funders")


def vocabulary_language_problems(taxonomy_key: str, document: YamlDocument, shown: str,
                                 languages: tuple[str, ...]) -> list[Problem]:
    """A label in each of the site's languages for the group and type headings of every vocabulary,
    and for the terms of translated vocabularies."""
    if not isinstance(document.data, dict):
        return []
    problems: list[Problem] = []
    for key in ("groups", "types", "terms") if taxonomy_key in TRANSLATED_VOCABULARIES else ("groups", "types"):
        items = document.data.get(key)
        for index, item in enumerate(items if isinstance(items, list) else []):
            label = item.get("label") if isinstance(item, dict) else None
            if not isinstance(label, dict) or "en" not in label:
                continue  # the schema check reports it
            missing = [code for code in languages if code not in label]
            if missing:
                names = ", ".join(f"{code} ({language_name(code, 'en')})" for code in missing)
                problems.append(Problem(shown, document.line_of((key, index, "label")), f"{key}[{index + 1}].label",
                                        f"has no label in {names}",
                                        "add it to the same line, e.g. {en: \"Work\", "
                                        + ", ".join(f'{code}: "…"' for code in missing) + "}"))
    return problems
