"""A map of the regions coloured by a number of meetings: an inline SVG drawn on the server from
the boundaries shipped with the organisations app (no JavaScript, no tile server). The public
calendar colours it by approved meetings, the draft page by the draft's.

An equirectangular projection scaled by the cosine of the mean latitude is close enough for a
country-sized choropleth; the path strings are computed once per process.
"""

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext, ngettext

from kezdesu.organisations.models import Region

GEOJSON = Path(__file__).resolve().parents[2] / "organisations" / "data" / "geo" / "kz-adm1-2024.geojson"
MAP_WIDTH = 800.0
# Cities of republican significance are drawn last so the oblasts around them don't cover them.
CITY_KATOS = frozenset({"710000000", "750000000", "790000000"})


CLASSES = 4  # colour classes above zero: map-1 … map-4 in site.css


@dataclass(frozen=True)
class Bucket:
    css_class: str
    low: int
    high: int
    label: str


@dataclass(frozen=True)
class BucketLabels:
    """How a map's legend names what it counts: none of it, one number, a range."""

    none: Callable[[], str]
    one: Callable[[int], str]
    span: Callable[[int, int], str]
    region: Callable[[str, int], str]  # a region's name with its count, the drawing's tooltip
    heading: Callable[[], str]  # the count's column in the table that stands in for the drawing


MEETINGS = BucketLabels(
    none=lambda: gettext("no meetings"),
    one=lambda count: ngettext("%(count)d meeting", "%(count)d meetings", count) % {"count": count},
    span=lambda low, high: gettext("%(low)d–%(high)d meetings") % {"low": low, "high": high},
    region=lambda region, count: (
        ngettext("%(region)s: %(counter)s meeting", "%(region)s: %(counter)s meetings", count)
        % {"region": region, "counter": count}
    ),
    heading=lambda: gettext("Meetings"),
)


def buckets_for(highest: int, labels: BucketLabels = MEETINGS) -> list[Bucket]:
    """Zero, then up to four equal ranges up to the busiest region, so the map stays readable
    for one ministry's few meetings and for the whole country's hundreds alike."""
    buckets = [Bucket("map-0", 0, 0, labels.none())]
    step = max(1, math.ceil(highest / CLASSES))
    for number in range(CLASSES):
        low, high = number * step + 1, min((number + 1) * step, highest)
        if low > highest:
            break
        label = labels.one(low) if low == high else labels.span(low, high)
        buckets.append(Bucket(f"map-{number + 1}", low, high, label))
    return buckets


def bucket_for(count: int, buckets: list[Bucket]) -> Bucket:
    return next((bucket for bucket in buckets if bucket.low <= count <= bucket.high), buckets[-1])


@dataclass(frozen=True)
class RegionShape:
    kato: str
    path: str  # SVG path data


@dataclass(frozen=True)
class MapGeometry:
    width: float
    height: float
    shapes: tuple[RegionShape, ...]


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


@cache
def region_geometry() -> MapGeometry:
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    points = [point for feature in features for ring in _rings(feature["geometry"]) for point in ring]
    min_lon = min(point[0] for point in points)
    max_lon = max(point[0] for point in points)
    min_lat = min(point[1] for point in points)
    max_lat = max(point[1] for point in points)
    x_scale = math.cos(math.radians((min_lat + max_lat) / 2))
    scale = MAP_WIDTH / ((max_lon - min_lon) * x_scale)
    height = round((max_lat - min_lat) * scale, 1)

    def project(point: list[float]) -> str:
        return f"{(point[0] - min_lon) * x_scale * scale:.1f},{(max_lat - point[1]) * scale:.1f}"

    shapes = [
        RegionShape(
            kato=feature["properties"]["KATO"],
            path=" ".join(
                "M" + " L".join(project(point) for point in ring) + " Z" for ring in _rings(feature["geometry"])
            ),
        )
        for feature in features
    ]
    shapes.sort(key=lambda shape: shape.kato in CITY_KATOS)
    return MapGeometry(width=MAP_WIDTH, height=height, shapes=tuple(shapes))


@dataclass(frozen=True)
class MapRegion:
    kato: str
    path: str
    region: Region | None
    count: int
    bucket: Bucket
    url: str
    title: str = ""
    is_current: bool = False


@dataclass(frozen=True)
class RegionMap:
    """What `includes/region_map.html` draws."""

    width: float
    height: float
    regions: list[MapRegion]
    buckets: list[Bucket]
    count_heading: str = ""

    @property
    def table(self) -> list[MapRegion]:
        """The regions in alphabetical order, for the table that stands in for the drawing."""
        return sorted((shape for shape in self.regions if shape.region), key=lambda shape: str(shape.region))


def region_map(
    counts: Mapping[int, int],
    url_for: Callable[[str], str],
    *,
    current: str | None = None,
    labels: BucketLabels = MEETINGS,
) -> RegionMap:
    """The map for `counts` (meetings, or what `labels` names, per region id); `url_for(kato)` is where a
    region links to, `current` the KATO code of the region chosen, if any. One query, for the regions."""
    geometry = region_geometry()
    buckets = buckets_for(max(counts.values(), default=0), labels)
    regions = {region.kato: region for region in Region.objects.all()}
    shapes = []
    for shape in geometry.shapes:
        region = regions.get(shape.kato)
        count = counts.get(region.pk, 0) if region else 0
        shapes.append(
            MapRegion(
                kato=shape.kato,
                path=shape.path,
                region=region,
                count=count,
                bucket=bucket_for(count, buckets),
                url=url_for(shape.kato),
                title=labels.region(region.name, count) if region else "",
                is_current=shape.kato == current,
            )
        )
    return RegionMap(
        width=geometry.width, height=geometry.height, regions=shapes, buckets=buckets, count_heading=labels.heading()
    )
