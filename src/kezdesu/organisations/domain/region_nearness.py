"""How far apart two regions are: the distance between their centres, from the boundaries shipped with the
organisations app (the same file the maps draw). Lists "nearest to your region first" sort by it."""

from __future__ import annotations

import itertools
import json
import math
from functools import cache
from pathlib import Path
from typing import Any

GEOJSON = Path(__file__).resolve().parents[1] / "data" / "geo" / "kz-adm1-2024.geojson"
EARTH_RADIUS_KM = 6371.0


def _outer_rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [polygon[0] for polygon in polygons]


def _centre(rings: list[list[list[float]]]) -> tuple[float, float]:
    """The area-weighted centroid of the outer rings, as (latitude, longitude): close enough at this scale."""
    area_sum = x_sum = y_sum = 0.0
    for ring in rings:
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            cross = x0 * y1 - x1 * y0
            area_sum += cross
            x_sum += (x0 + x1) * cross
            y_sum += (y0 + y1) * cross
    if area_sum == 0:
        points = [point for ring in rings for point in ring]
        return sum(p[1] for p in points) / len(points), sum(p[0] for p in points) / len(points)
    return y_sum / (3 * area_sum), x_sum / (3 * area_sum)


@cache
def region_centres() -> dict[str, tuple[float, float]]:
    """Each region's centre (latitude, longitude) by its KATO code, read once per process."""
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    return {feature["properties"]["KATO"]: _centre(_outer_rings(feature["geometry"])) for feature in features}


def distance_km(kato_a: str, kato_b: str) -> float:
    """The great-circle distance between two regions' centres; 0 for the same region, infinite when unknown."""
    if kato_a == kato_b:
        return 0.0
    centres = region_centres()
    if kato_a not in centres or kato_b not in centres:
        return math.inf
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, centres[kato])) for kato in (kato_a, kato_b))
    haversine = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(haversine))
