"""Build the explorer's country outlines, src/annales/web/static/world.geojson.

The outlines are Natural Earth 1:110m admin-0 countries (public domain), as bundled in the
geopandas 0.14 wheel (BSD-3; the data itself is public domain). Coordinates are rounded to
0.1 degree and rings with fewer than 4 distinct points are dropped, which keeps the file
small (about 150 kB) for an SVG map drawn by our own JavaScript.

Usage (offline once the two wheels are downloaded):
    pip download --no-deps geopandas==0.14.4 pyshp -d /tmp/wheels
    python tools/make_world_geojson.py /tmp/wheels/geopandas-0.14.4-py3-none-any.whl \
        /tmp/wheels/pyshp-3.1.6-py3-none-any.whl
"""

from __future__ import annotations

import io
import json
import logging
import sys
import zipfile
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

OUT = Path(__file__).resolve().parents[1] / "src" / "annales" / "web" / "static" / "world.geojson"
_MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
_DIGITS = 1


def _ring(points: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        point = [round(x, _DIGITS), round(y, _DIGITS)]
        if not out or out[-1] != point:
            out.append(point)
    return out if len({tuple(p) for p in out}) >= 3 else []


def build(geopandas_wheel: Path, pyshp_wheel: Path) -> dict[str, Any]:
    """Read the Natural Earth shapefile out of the wheel and return a FeatureCollection."""
    sys.path.insert(0, str(pyshp_wheel))
    import shapefile

    with zipfile.ZipFile(geopandas_wheel) as wheel:
        parts = {ext: io.BytesIO(wheel.read(f"{_MEMBER}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding="latin-1")
    fields = [f[0] for f in reader.fields[1:]]
    features = []
    for shape_record in reader.iterShapeRecords():
        props = dict(zip(fields, shape_record.record, strict=True))
        shape = shape_record.shape
        bounds = [*shape.parts, len(shape.points)]
        rings = [_ring(shape.points[bounds[i] : bounds[i + 1]]) for i in range(len(shape.parts))]
        rings = [ring for ring in rings if ring]
        if not rings:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": props.get("name"), "iso_a3": props.get("iso_a3")},
                "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in rings]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    collection = build(Path(sys.argv[1]), Path(sys.argv[2]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    logger.info("wrote %s: %d countries, %d bytes", OUT, len(collection["features"]), OUT.stat().st_size)


if __name__ == "__main__":
    main()
