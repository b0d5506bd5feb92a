"""Regions for grouping countries in filters: a small mapping for Europe, where the practices are.

CLDR's own regions (UN M49) put Slovenia in Southern Europe and Lithuania in Northern Europe,
which is not how municipal readers look for peers, so the groups are written down here.
Countries not named fall into OTHER. Each region's name in every language is the message
region.<id> of translations/<language>.yml.
"""
from __future__ import annotations

REGIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("nordic", "Nordic countries", ("DK", "FI", "IS", "NO", "SE", "AX", "FO", "GL", "SJ")),
    ("baltic", "Baltic states", ("EE", "LT", "LV")),
    ("central", "Central Europe", ("AT", "CH", "CZ", "DE", "HU", "LI", "PL", "SI", "SK")),
    ("western", "Western Europe", ("BE", "FR", "GB", "GG", "IE", "IM", "JE", "LU", "MC", "NL")),
    ("southern", "Southern Europe", ("AD", "CY", "ES", "GI", "GR", "IT", "MT", "PT", "SM", "VA")),
    ("south-eastern", "South-eastern Europe", ("AL", "BA", "BG", "HR", "ME", "MK", "RO", "RS", "TR", "XK")),
    ("eastern", "Eastern Europe", ("BY", "MD", "RU", "UA")),
)
OTHER = "Outside Europe"
REGION_ORDER: tuple[str, ...] = tuple(name for _, name, _ in REGIONS) + (OTHER,)
REGION_ID: dict[str, str] = {name: region_id for region_id, name, _ in REGIONS} | {OTHER: "other"}
_BY_CODE = {code: name for _, name, codes in REGIONS for code in codes}


def region_of(code: str) -> str:
    """The browse region of an ISO 3166-1 alpha-2 code, e.g. 'SI' -> 'Central Europe'."""
    return _BY_CODE.get(code.upper(), OTHER)
