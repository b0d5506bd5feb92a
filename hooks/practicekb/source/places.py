"""The gazetteer of the map (vocabularies/places.yml): the places practices name, each with its point
and the GeoNames record the point comes from."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PLACES_FILE = "places.yml"  # in the vocabularies folder; optional: without it no practice has a point
GEONAMES_URL = "https://www.geonames.org/{id}"


@dataclass(frozen=True)
class Place:
    id: str
    name: str  # in the local spelling, as practices write their place
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    geonames: int  # the GeoNames record the point is taken from

    @property
    def source_url(self) -> str:
        return GEONAMES_URL.format(id=self.geonames)


def places_from_data(data: Any) -> dict[str, Place]:
    """Places of a checked places.yml, by id, in file order."""
    return {item["id"]: Place(item["id"], item["name"], item["country"], float(item["lat"]), float(item["lon"]),
                              int(item["geonames"]))
            for item in (data or {}).get("places", [])}
