"""Controlled vocabularies: terms with ids, labels per language and descriptions."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.countries import country_name, official_languages


@dataclass(frozen=True)
class Group:
    id: str
    label: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Term:
    """One term of one taxonomy; `data` keeps the optional facts (url, type, parent …)."""

    taxonomy: str
    id: str
    label: dict[str, str]
    description: dict[str, str]
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def text(self, language: str) -> str:
        """The label to show a reader of `language` (shown)."""
        return self.shown(language)[0]

    def shown(self, language: str) -> tuple[str, str]:
        """The label for a reader of `language`, and the language it is in: the label in `language`;
        else a term of a country (an organisation) keeps its own name, in a language of its country,
        where the vocabulary has it; else English, the vocabularies' reference language."""
        for candidate in (language, *official_languages(self.data.get("country")), "en"):
            if self.label.get(candidate):
                return self.label[candidate], candidate
        return self.label["en"], "en"

    def about(self, language: str) -> str:
        return self.description.get(language) or self.description.get("en", "")

    @property
    def src_uri(self) -> str:
        return f"{self.taxonomy}/{self.id}.md"

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass
class Vocabulary:
    """The terms of one taxonomy, in file order, and its groups (themes) or types (funders)."""

    taxonomy: str
    terms: dict[str, Term]
    groups: dict[str, Group] = field(default_factory=dict)
    types: dict[str, Group] = field(default_factory=dict)


def vocabulary_from_data(taxonomy: str, data: dict[str, Any]) -> Vocabulary:
    """Build a Vocabulary from a validated vocabulary file."""
    def groups(key: str) -> dict[str, Group]:
        return {g["id"]: Group(g["id"], g["label"], g.get("description", {})) for g in data.get(key, [])}

    terms = {}
    for item in data["terms"]:
        extra = {k: v for k, v in item.items() if k not in ("id", "label", "description")}
        terms[item["id"]] = Term(taxonomy, item["id"], item["label"], item["description"], extra)
    return Vocabulary(taxonomy, terms, groups("groups"), groups("types"))


def country_term(code: str, languages: tuple[str, ...]) -> Term:
    """A country as a term, named in each of the site's languages from CLDR (and in English, the
    vocabularies' reference language, which every term has)."""
    return Term("countries", code.lower(), {language: country_name(code, language) for language in ("en", *languages)},
                {}, {"code": code})
