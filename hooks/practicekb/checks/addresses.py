"""Checks across the collection: every practice's address (its file name) and its former
addresses (aliases) lead to one practice only."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import schema as schema_module
from ..core.problems import Problem
from ..source.load import PracticeSource


@dataclass(frozen=True)
class AddressClaim:
    """A practice claiming the address /practices/<slug>/: with its file name, or as a former slug."""

    source: PracticeSource
    line: int
    field: str  # "file name" or "aliases[N]"

    @property
    def is_alias(self) -> bool:
        return self.field != "file name"


def collection_problems(sources: list[PracticeSource]) -> list[Problem]:
    """Problems between practices: one address, one practice. A former slug (alias) keeps
    redirecting to its practice, so it can be neither a live slug nor another practice's alias."""
    problems: list[Problem] = []
    owners: dict[str, list[AddressClaim]] = defaultdict(list)
    for source in sources:
        owners[source.slug.lower()].append(AddressClaim(source, 1, "file name"))
        aliases = source.front_matter.data.get("aliases")
        listed: set[str] = set()
        for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
            if not isinstance(alias, str) or alias.lower() in listed:
                continue  # the schema reports a non-text or repeated alias
            listed.add(alias.lower())
            line = source.front_matter.line_of(("aliases", index))
            if alias.lower() in schema_module.RESERVED_SLUGS:
                problems.append(Problem(source.path, line, f"aliases[{index + 1}]", f"'{alias}' is reserved",
                                        "remove it: that address is the list of all practices"))
                continue
            if alias.lower() == source.slug.lower():
                problems.append(Problem(source.path, line, f"aliases[{index + 1}]",
                                        f"'{alias}' is this practice's own slug",
                                        "remove it: aliases lists only former slugs, whose addresses redirect here"))
                continue
            owners[alias.lower()].append(AddressClaim(source, line, f"aliases[{index + 1}]"))
    for slug, claims in sorted(owners.items()):
        if len(claims) > 1:
            problems += [address_problem(slug, claim, claims) for claim in claims]
    return problems


def address_problem(slug: str, claim: AddressClaim, claims: list[AddressClaim]) -> Problem:
    """What is wrong with one of several claims on /practices/<slug>/, and how to fix it."""
    live = sorted({c.source.path for c in claims if not c.is_alias and c.source is not claim.source})
    former = sorted({c.source.path for c in claims if c.is_alias and c.source is not claim.source})
    path, line, field = claim.source.path, claim.line, claim.field
    if not claim.is_alias and live:
        return Problem(path, line, field, f"duplicate slug: slug '{slug}' is also used by {', '.join(live)}",
                       "every practice needs its own address; rename one file")
    if not claim.is_alias:
        return Problem(path, line, field, f"slug '{slug}' is listed as a former slug in the aliases of {', '.join(former)}",
                       "rename this file (an old address keeps leading to the practice it belonged to), "
                       f"or remove '{slug}' from those aliases")
    if live:
        return Problem(path, line, field, f"former slug '{slug}' is the slug of {', '.join(live)}, a live practice",
                       f"remove '{slug}' from aliases, or rename {', '.join(live)}: "
                       "an address is a practice's page or a redirect, never both")
    return Problem(path, line, field, f"former slug '{slug}' is also listed in the aliases of {', '.join(former)}",
                   "an old address can redirect to one practice only; keep it in the practice that had that slug")
