"""Checks of the map's gazetteer (vocabularies/places.yml) and of the places practices name: the form,
ids, coordinates inside the named country (its bounding box in the map's boundary data, when read),
and a practice's places lying in its own countries."""
from __future__ import annotations

from typing import Any, Callable

from jsonschema import Draft202012Validator

from ..core.countries import country_codes
from ..core.problems import Problem, did_you_mean
from ..source.load import PracticeSource
from ..source.yamlsource import YamlDocument
from .schema import NOT_BLANK, SLUG_PATTERN
from .textchecks import value_problems
from .validate import schema_problems

BBOX_MARGIN = 0.5  # degrees: the 1:50m coastline is simplified, and a harbour town may lie just off it


def places_schema() -> dict[str, Any]:
    """JSON Schema of vocabularies/places.yml."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
        "additionalProperties": False, "required": ["places"],
        "properties": {"places": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "name", "country", "lat", "lon", "geonames"],
            "properties": {
                "id": {"type": "string", "pattern": SLUG_PATTERN, "description": "The id practices name in `locations`."},
                "name": {"type": "string", "minLength": 2, "maxLength": 120, "pattern": NOT_BLANK,
                         "description": "The place in the local spelling, as practices write it."},
                "country": {"type": "string", "enum": list(country_codes()), "x-vocabulary": "countries",
                            "description": "ISO 3166-1 alpha-2 code."},
                "lat": {"type": "number", "minimum": -90, "maximum": 90, "description": "Latitude, in degrees north."},
                "lon": {"type": "number", "minimum": -180, "maximum": 180, "description": "Longitude, in degrees east."},
                "geonames": {"type": "integer", "minimum": 1,
                             "description": "The GeoNames id the coordinates are copied from (https://www.geonames.org/<id>)."},
                "point": {"type": "string", "pattern": NOT_BLANK,
                          "description": "What the point is, where it is not the named place itself (e.g. a municipality's centre)."},
            }}}},
    }


def places_problems(document: YamlDocument, shown: str,
                    bbox: Callable[[str], tuple[float, float, float, float] | None] | None = None) -> list[Problem]:
    """Every problem of places.yml; `bbox` gives a country's (west, south, east, north) from the boundary data."""
    problems = schema_problems(document, Draft202012Validator(places_schema()), shown)
    problems += value_problems(document, shown, no_markup=True)
    if problems:
        return problems
    seen: dict[str, int] = {}
    for index, place in enumerate(document.data["places"]):
        line = document.line_of(("places", index, "id"))
        if place["id"] in seen:
            problems.append(Problem(shown, line, f"places[{index + 1}].id", f"'{place['id']}' is used twice",
                                    f"it is first used on line {seen[place['id']]}; give each place its own id"))
        seen.setdefault(place["id"], line)
        box = bbox(place["country"]) if bbox else None
        if box is not None:
            west, south, east, north = box
            if not (west - BBOX_MARGIN <= place["lon"] <= east + BBOX_MARGIN
                    and south - BBOX_MARGIN <= place["lat"] <= north + BBOX_MARGIN):
                problems.append(Problem(
                    shown, document.line_of(("places", index, "lat")), f"places[{index + 1}].lat",
                    f"{place['lat']}, {place['lon']} is outside {place['country']} (latitude {south:.1f} to {north:.1f}, "
                    f"longitude {west:.1f} to {east:.1f})",
                    "copy lat and lon again from the GeoNames record; are they swapped, or is the country wrong?"))
    return problems


def location_problems(sources: list[PracticeSource], places: dict[str, Any], places_file: str) -> list[Problem]:
    """A practice's `locations` are ids of places.yml, in one of the practice's countries."""
    problems = []
    for source in sources:
        data = source.front_matter.data
        locations = data.get("locations") if isinstance(data, dict) else None
        countries = data.get("countries") if isinstance(data.get("countries"), list) else []
        for index, place_id in enumerate(locations if isinstance(locations, list) else []):
            if not isinstance(place_id, str):
                continue  # the schema check reports it
            line = source.front_matter.line_of(("locations", index))
            place = places.get(place_id, False)
            if place is False:
                hint = did_you_mean(place_id, places)
                problems.append(Problem(source.path, line, f"locations[{index + 1}]", f"unknown place id '{place_id}'",
                                        (hint + " " if hint else "") + f"the ids are in {places_file}; add the place "
                                        "there first, with its coordinates and GeoNames id"))
            elif place is not None and countries and place.country not in countries:
                problems.append(Problem(source.path, line, f"locations[{index + 1}]",
                                        f"'{place_id}' is in {place.country}, which is not in countries ({', '.join(map(str, countries))})",
                                        f"add {place.country} to countries, or name a place in them"))
    return problems
