"""Country boundaries for the map: Natural Earth's admin-0 countries as TopoJSON, from the npm package
world-atlas (pinned in package.json, fetched by `make`), read and decoded here; never judged.

TopoJSON keeps each border once, as an arc shared by the countries on both sides, so the map can
simplify a border once and both neighbours keep the same line (pages/maps.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

BOUNDARIES_FILE = "node_modules/world-atlas/countries-50m.json"  # world-atlas 2.0.2: Natural Earth 1:50m
MAX_BYTES = 8_000_000  # the 1:50m file is 0.76 MB; a bigger file is not the one we pinned
FETCH = "run `make build`, or `npm ci`, which fetches world-atlas as package.json pins it"
MISSING = f"{BOUNDARIES_FILE}: the map's country boundaries are missing ({FETCH})"
Ring = tuple[int, ...]  # arc numbers; a negative number ~n is arc n backwards
Polygon = tuple[Ring, ...]  # the outer ring, then holes


class Arcs:
    """The file's arcs, decoded into (longitude, latitude) points when first asked for: a check or a
    map of Europe needs a few hundred of the file's ten thousand, so reading stays cheap."""

    def __init__(self, encoded: list, scale: tuple[float, float], translate: tuple[float, float]) -> None:
        self.encoded, self.scale, self.translate = encoded, scale, translate
        self.decoded: dict[int, tuple[tuple[float, float], ...]] = {}

    def __len__(self) -> int:
        return len(self.encoded)

    def __getitem__(self, number: int) -> tuple[tuple[float, float], ...]:
        if number not in self.decoded:
            (sx, sy), (tx, ty) = self.scale, self.translate
            x = y = 0
            points = []
            for dx, dy in self.encoded[number]:  # quantized and delta-encoded (TopoJSON's transform)
                x, y = x + dx, y + dy
                points.append((round(x * sx + tx, 5), round(y * sy + ty, 5)))
            self.decoded[number] = tuple(points)
        return self.decoded[number]


@dataclass(frozen=True)
class Boundaries:
    """Arcs as (longitude, latitude) points and each country's polygons as rings of arcs. `countries` is
    keyed by ISO 3166-1 alpha-2 code; `others` is land without a code (Kosovo, Northern Cyprus, …)."""

    arcs: Arcs
    countries: dict[str, tuple[Polygon, ...]]
    others: tuple[tuple[Polygon, ...], ...]
    source: str  # the file it was read from, relative to the project
    # Maps drawn from these boundaries (pages/maps.py), kept with them so that every language's build,
    # which shares the boundaries, reuses them: the shapes do not depend on the language.
    drawn: dict = field(default_factory=dict, compare=False, repr=False)

    def bbox(self, code: str) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) of a country, in degrees; None for a code the data lacks."""
        polygons = self.countries.get(code)
        if not polygons:
            return None
        points = [point for polygon in polygons for ring in polygon for arc in ring for point in self.arc(arc)]
        longitudes, latitudes = [p[0] for p in points], [p[1] for p in points]
        return min(longitudes), min(latitudes), max(longitudes), max(latitudes)

    def arc(self, number: int) -> tuple[tuple[float, float], ...]:
        return self.arcs[number] if number >= 0 else self.arcs[~number][::-1]


class BoundariesMissing(Exception):
    """The boundary file is absent or not TopoJSON: the message says how to fetch it."""


def read_boundaries(path: Path, shown: str = BOUNDARIES_FILE) -> Boundaries:
    """Read and decode world-atlas's TopoJSON (quantized, delta-encoded arcs)."""
    fetch = FETCH
    if not path.is_file():
        raise BoundariesMissing(MISSING.replace(BOUNDARIES_FILE, shown, 1))
    if path.stat().st_size > MAX_BYTES:
        raise BoundariesMissing(f"{shown}: is over {MAX_BYTES:,} bytes, not the world-atlas file package.json pins ({fetch})")
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        transform = topology["transform"]
        arcs = Arcs(topology["arcs"], tuple(transform["scale"]), tuple(transform["translate"]))
        if not isinstance(arcs.encoded, list) or len(arcs.scale) != 2 or len(arcs.translate) != 2:
            raise TypeError("arcs or transform of the wrong shape")
        countries: dict[str, tuple[Polygon, ...]] = {}
        others = []
        for geometry in topology["objects"]["countries"]["geometries"]:
            if geometry.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            parts = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
            polygons = tuple(tuple(tuple(int(n) for n in ring) for ring in polygon) for polygon in parts)
            if any(not -len(arcs) <= n < len(arcs) for polygon in polygons for ring in polygon for n in ring):
                raise IndexError("a ring names an arc the file does not have")
            country = pycountry.countries.get(numeric=str(geometry.get("id") or "").zfill(3)) if geometry.get("id") else None
            if country is None:
                others.append(polygons)
            else:
                countries[country.alpha_2] = countries.get(country.alpha_2, ()) + polygons
    except (ValueError, KeyError, TypeError, IndexError) as error:
        raise BoundariesMissing(f"{shown}: is not world-atlas's TopoJSON ({error}; {fetch})") from None
    return Boundaries(arcs, countries, tuple(others), shown)
