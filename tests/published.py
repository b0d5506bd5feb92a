"""What the published site should say about a practice, worked out from the files alone
(mkdocs.yml, practices/*.md, vocabularies/*.yml), never with the project's own code."""
from __future__ import annotations

from pathlib import Path

import yaml

from conftest import REPO
from sitepages import front_matter

CONFIG = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
SITE_URL: str = CONFIG["site_url"]
SITE_NAME: str = CONFIG["site_name"]


def practice_address(slug: str) -> str:
    return f"{SITE_URL}practices/{slug}/"


def organisation_names(vocabularies: Path = REPO / "vocabularies") -> dict[str, str]:
    terms = yaml.safe_load((vocabularies / "organisations.yml").read_text(encoding="utf-8"))["terms"]
    return {term["id"]: term["label"]["en"] for term in terms}


def expected_citation(slug: str, accessed: str, root: Path = REPO) -> str:
    """Organisations (lead first) (year of last_verified). Title. Site. Address (accessed date)."""
    data = front_matter(root / "practices" / f"{slug}.md")
    names = organisation_names(root / "vocabularies")
    organisations = data.get("organisations", [])
    ordered = [o["id"] for o in organisations if o["role"] == "lead"] + \
              [o["id"] for o in organisations if o["role"] != "lead"]
    authors = "; ".join(names[i] for i in dict.fromkeys(ordered)) or SITE_NAME
    return (f"{authors} ({data['last_verified'][:4]}). {data['title']}. {SITE_NAME}. "
            f"{practice_address(slug)} (accessed {accessed}).")
