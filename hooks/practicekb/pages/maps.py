"""The map, drawn at build time: the knowledge base and Natural Earth's boundaries in, shapes and points
in SVG units out (overrides/kb/map.html lays them out as inline SVG; no tiles, no request).

Projection: Lambert azimuthal equal-area centred on 10° E, 52° N, the projection of the EU's own
statistical maps (ETRS89-LAEA, EPSG:3035), on a sphere: areas compare fairly from Iceland to Cyprus.
Each shared border (a TopoJSON arc) is simplified once per map (Douglas-Peucker), so neighbours keep
the same line; rings are then clipped to the map's frame (Sutherland-Hodgman).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from ..model.model import KnowledgeBase, Practice
from ..source.boundaries import Boundaries, Polygon

CENTRE = (10.0, 52.0)  # longitude, latitude
# The frame of the map of Europe: these places are just inside it (Iceland, Portugal, Cyprus, the North Cape, Moscow).
EUROPE_CORNERS = ((-24.5, 66.6), (-9.6, 36.9), (34.6, 34.6), (25.8, 71.3), (40.0, 56.0), (10.0, 71.5))
EUROPE_WIDTH = 1000.0  # SVG units
COUNTRY_WIDTH = 600.0
TOLERANCE = 0.45  # SVG units a simplified border may stray from Natural Earth's
SPREAD = 7.0  # SVG units between points of practices at the same place, set in a ring around it
Point = tuple[float, float]
STEPS = ((1, 1), (2, 3), (4, 7), (8, None))  # practices per country of each shade, lightest first


def step_of(count: int) -> int:
    return next(n for n, (low, high) in enumerate(STEPS, 1) if high is None or count <= high)


@dataclass(frozen=True)
class MapPoint:
    practice: Practice
    place: object  # source.places.Place, or None for a practice's own coordinates
    x: float
    y: float


@dataclass(frozen=True)
class MapCountry:
    code: str  # ISO 3166-1 alpha-2
    path: str  # SVG path data
    count: int  # its practices
    step: int  # its shade: 1 to len(STEPS)


@dataclass(frozen=True)
class DrawnMap:
    """A map in SVG units: `countries` are drawn on their own (linked and shaded by the template), `land`
    is one path of all other land, `points` the practices' points."""

    width: float
    height: float
    countries: tuple[MapCountry, ...]
    land: str
    points: tuple[MapPoint, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def project(lon: float, lat: float) -> Point:
    """Lambert azimuthal equal-area (unit sphere); y grows southwards, as in SVG."""
    lam, phi = math.radians(lon - CENTRE[0]), math.radians(lat)
    phi0 = math.radians(CENTRE[1])
    cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
    k = math.sqrt(2 / max(1 + cos_c, 1e-12))
    return (k * math.cos(phi) * math.sin(lam),
            -k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam)))


class Frame:
    """A rectangle of the projected plane shown at `width` SVG units."""

    def __init__(self, west: float, north: float, east: float, south: float, width: float):
        self.x0, self.y0 = west, north
        self.scale = width / (east - west)
        self.width, self.height = width, round((south - north) * self.scale, 1)

    def to_svg(self, point: Point) -> Point:
        return ((point[0] - self.x0) * self.scale, (point[1] - self.y0) * self.scale)

    def around(self, box: tuple[float, float, float, float]) -> bool:
        """Whether a projected box (x0, y0, x1, y1) reaches into the frame."""
        x0, y0 = self.to_svg(box[:2])
        x1, y1 = self.to_svg(box[2:])
        return x1 >= 0 and y1 >= 0 and x0 <= self.width and y0 <= self.height


def europe_frame() -> Frame:
    xs, ys = zip(*(project(lon, lat) for lon, lat in EUROPE_CORNERS))
    return Frame(min(xs), min(ys), max(xs), max(ys), EUROPE_WIDTH)


def country_frame(boundaries: Boundaries, code: str, extra: Iterable[Point] = ()) -> Frame:
    """The country's main land in Europe (its polygons of at least 1 % of the largest one's size: no far islands)
    and its places, with a margin, in a frame between 3:4 and 16:9."""
    europe = europe_frame()
    boxes = [box(boundaries, polygon) for polygon in boundaries.countries.get(code, ())]
    boxes = [b for b in boxes if europe.around(b)]  # not Svalbard, for one
    largest = max(((b[2] - b[0]) * (b[3] - b[1]) for b in boxes), default=0)
    boxes = [b for b in boxes if (b[2] - b[0]) * (b[3] - b[1]) >= largest / 100]
    xs = [v for b in boxes for v in (b[0], b[2])] + [p[0] for p in extra]
    ys = [v for b in boxes for v in (b[1], b[3])] + [p[1] for p in extra]
    if not xs:
        return europe_frame()
    west, east, north, south = min(xs), max(xs), min(ys), max(ys)
    margin = max(east - west, south - north) * 0.08
    west, east, north, south = west - margin, east + margin, north - margin, south + margin
    width, height = east - west, south - north
    if height > width * 4 / 3:
        grow = (height * 3 / 4 - width) / 2
        west, east = west - grow, east + grow
    elif width > height * 16 / 9:
        grow = (width * 9 / 16 - height) / 2
        north, south = north - grow, south + grow
    return Frame(west, north, east, south, COUNTRY_WIDTH)


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative; the ends stay."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        worst, where = -1.0, 0
        for index in range(first + 1, last):
            px, py = points[index]
            distance = (abs(dy * (px - ax) - dx * (py - ay)) / length) if length else math.hypot(px - ax, py - ay)
            if distance > worst:
                worst, where = distance, index
        if worst > tolerance:
            keep[where] = True
            stack += [(first, where), (where, last)]
    return [point for point, kept in zip(points, keep) if kept]


def clip(ring: list[Point], x0: float, y0: float, x1: float, y1: float) -> list[Point]:
    """Sutherland-Hodgman against a rectangle: the part of a ring inside it (edges along the sides
    fall outside the view box, which is a little smaller)."""
    def cut(points, inside, cross):
        out = []
        for index, current in enumerate(points):
            previous = points[index - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        return out

    at_x = lambda x: lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))  # noqa: E731
    at_y = lambda y: lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)  # noqa: E731

    for inside, cross in ((lambda p: p[0] >= x0, at_x(x0)), (lambda p: p[0] <= x1, at_x(x1)),
                          (lambda p: p[1] >= y0, at_y(y0)), (lambda p: p[1] <= y1, at_y(y1))):
        ring = cut(ring, inside, cross)
        if not ring:
            break
    return ring


def number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace("-0.", "-.") if text.startswith("-0.") else text


class Drawing:
    """One map's arcs, projected, framed and simplified once each."""

    def __init__(self, boundaries: Boundaries, frame: Frame):
        self.boundaries, self.frame = boundaries, frame
        self.arcs: dict[int, list[Point]] = {}

    def arc(self, number_: int) -> list[Point]:
        index = number_ if number_ >= 0 else ~number_
        if index not in self.arcs:
            x0, y0, scale = self.frame.x0, self.frame.y0, self.frame.scale
            self.arcs[index] = simplify([((x - x0) * scale, (y - y0) * scale) for x, y in projected(self.boundaries, index)],
                                        TOLERANCE)
        return self.arcs[index] if number_ >= 0 else self.arcs[index][::-1]

    def path(self, polygons: Iterable[Polygon]) -> str:
        """SVG path data: absolute moves, relative lines, one decimal."""
        margin, parts = 2.0, []
        for polygon in polygons:
            for ring in polygon:
                points: list[Point] = []
                for arc in ring:
                    line = self.arc(arc)
                    points += line[1:] if points else line
                points = clip(points, -margin, -margin, self.frame.width + margin, self.frame.height + margin)
                rounded = [(round(x, 1), round(y, 1)) for x, y in points]
                rounded = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
                if len(rounded) < 3:
                    continue
                (x, y), steps = rounded[0], []
                for px, py in rounded[1:]:
                    steps.append(f"{number(px - x)} {number(py - y)}")
                    x, y = px, py
                parts.append(f"M{number(rounded[0][0])} {number(rounded[0][1])}l" + " ".join(steps) + "z")
        return "".join(parts).replace(" -", "-")

    def reaches_in(self, polygons: Iterable[Polygon]) -> bool:
        return any(self.frame.around(box(self.boundaries, polygon)) for polygon in polygons)


def projected(boundaries: Boundaries, index: int) -> list[Point]:
    """An arc in the projected plane, worked out once for every map."""
    arcs = boundaries.drawn.setdefault("projected", {})
    if index not in arcs:
        arcs[index] = [project(lon, lat) for lon, lat in boundaries.arcs[index]]
    return arcs[index]


NEAR_EUROPE = (-45.0, 25.0, 75.0, 85.0)  # degrees west, south, east, north: land beyond cannot reach a map


def box(boundaries: Boundaries, polygon: Polygon) -> tuple[float, float, float, float]:
    """A polygon's projected bounding box (x0, y0, x1, y1), worked out once for every map; land far from
    Europe gets a box far outside every frame without being projected."""
    boxes = boundaries.drawn.setdefault("boxes", {})
    if polygon not in boxes:
        degrees = [p for arc in polygon[0] for p in boundaries.arcs[arc if arc >= 0 else ~arc]]
        west, south, east, north = NEAR_EUROPE
        if (max(p[0] for p in degrees) < west or min(p[0] for p in degrees) > east
                or max(p[1] for p in degrees) < south or min(p[1] for p in degrees) > north):
            boxes[polygon] = (1e9, 1e9, 1e9, 1e9)
        else:
            points = [point for arc in polygon[0] for point in projected(boundaries, arc if arc >= 0 else ~arc)]
            boxes[polygon] = (min(p[0] for p in points), min(p[1] for p in points),
                              max(p[0] for p in points), max(p[1] for p in points))
    return boxes[polygon]


def practice_points(kb: KnowledgeBase, practices: Iterable[Practice], frame: Frame,
                    country: str | None = None) -> tuple[MapPoint, ...]:
    """Each practice at each of its places (in `country` only, if given); practices at the same place in a
    ring around it, so that each has a point of its own to point at."""
    at: dict[tuple, list[tuple[Practice, object]]] = {}
    for practice in practices:
        for place_id in practice.locations:
            place = kb.places[place_id]
            if country is None or place.country == country:
                at.setdefault((place.lon, place.lat), []).append((practice, place))
        own = practice.data.get("coordinates")
        if own and not practice.locations and (country is None or country in practice.country_codes):
            at.setdefault((own[1], own[0]), []).append((practice, None))
    points = []
    for (lon, lat), here in sorted(at.items(), key=lambda item: (-item[0][1], item[0][0])):
        x, y = frame.to_svg(project(lon, lat))
        radius = 0 if len(here) == 1 else SPREAD / (2 * math.sin(math.pi / len(here)))
        for n, (practice, place) in enumerate(here):
            angle = 2 * math.pi * n / len(here) - math.pi / 2
            points.append(MapPoint(practice, place, round(x + radius * math.cos(angle), 1),
                                   round(y + radius * math.sin(angle), 1)))
    return tuple(point for point in points if 0 <= point.x <= frame.width and 0 <= point.y <= frame.height)


def draw(kb: KnowledgeBase, frame: Frame, shown: Iterable[str], practices: Iterable[Practice],
         country: str | None = None) -> DrawnMap:
    """The countries in `shown` on their own, every other land in one path, and the practices' points."""
    boundaries = kb.boundaries
    key = (frame.x0, frame.y0, frame.scale, frame.width, frame.height, tuple(shown))
    if key not in boundaries.drawn:  # the same in every language's build: drawn once
        drawing = Drawing(boundaries, frame)
        own = tuple((code, drawing.path(boundaries.countries[code])) for code in key[-1] if code in boundaries.countries)
        rest = [polygons for code, polygons in boundaries.countries.items() if code not in key[-1]]
        land = drawing.path(p for polygons in (*rest, *boundaries.others) if drawing.reaches_in(polygons) for p in polygons)
        boundaries.drawn[key] = (own, land)
    own, land = boundaries.drawn[key]
    boundaries.drawn.setdefault("used", set()).add(key)  # what pages/mapshapes.py keeps for the next build
    counted = tuple(MapCountry(code, path, kb.count("countries", code.lower()),
                               step_of(kb.count("countries", code.lower()))) for code, path in own)
    return DrawnMap(frame.width, frame.height, counted, land, practice_points(kb, practices, frame, country))


def europe_map(kb: KnowledgeBase) -> DrawnMap:
    """Europe: every country with practices shaded and linked, every practice at its places."""
    codes = sorted({code for practice in kb.practices.values() for code in practice.country_codes})
    return draw(kb, europe_frame(), codes, kb.practices.values())


def country_map(kb: KnowledgeBase, code: str) -> DrawnMap:
    """One country and its surroundings, with the points of its practices in it."""
    practices = kb.practices_of("countries", code.lower())
    places = [project(kb.places[i].lon, kb.places[i].lat) for p in practices for i in p.locations
              if kb.places[i].country == code]
    frame = country_frame(kb.boundaries, code, places)
    return draw(kb, frame, [code], practices, code)
