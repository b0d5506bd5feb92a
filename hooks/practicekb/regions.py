"""Regions for grouping countries in filters: a small mapping for Europe, where the practices are.

CLDR's own regions (UN M49) put Slovenia in Southern Europe and Lithuania in Northern Europe,
which is not how municipal readers look for peers, so the groups are written down here.
Countries not named fall into OTHER.
"""
from __future__ import annotations

REGIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Nordic countries", ("DK", "FI", "IS", "NO", "SE", "AX", "FO", "GL", "SJ")),
    ("Baltic states", ("EE", "LT", "LV")),
    ("Central Europe", ("AT", "CH", "CZ", "DE", "HU", "LI", "PL", "SI", "SK")),
    ("Western Europe", ("BE", "FR", "GB", "GG", "IE", "IM", "JE", "LU", "MC", "NL")),
    ("Southern Europe", ("AD", "CY", "ES", "GI", "GR", "IT", "MT", "PT", "SM", "VA")),
    ("South-eastern Europe", ("AL", "BA", "BG", "HR", "ME", "MK", "RO", "RS", "TR", "XK")),
    ("Eastern Europe", ("BY", "MD", "RU", "UA")),
)
OTHER = "Outside Europe"
REGION_ORDER: tuple[str, ...] = tuple(name for name, _ in REGIONS) + (OTHER,)
_BY_CODE = {code: name for name, codes in REGIONS for code in codes}


def region_of(code: str) -> str:
    """The browse region of an ISO 3166-1 alpha-2 code, e.g. 'SI' -> 'Central Europe'."""
    return _BY_CODE.get(code.upper(), OTHER)
