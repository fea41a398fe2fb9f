"""Benchmark data sets: the sample-data generator at three sizes, written once and reused (bench/out/data/)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DATA = OUT / "data"

# label -> generator scale; each scale step adds 6 synthetic associations x 38 provinces x 4 segments x 58 months
SIZES = {"100k": 3, "1m": 20, "10m": 190}
FORMATS = ("csv", "parquet")


def _generator():
    sys.path.insert(0, str(ROOT / "sample_data"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    return generate


def dataset(size: str, fmt: str) -> Path:
    """The folder holding the `size` data set with its enrollment file in `fmt`, generated on first use."""
    scale = SIZES[size]
    folder = DATA / size / fmt
    marker = folder / "generated.json"
    if marker.exists() and json.loads(marker.read_text())["scale"] == scale:
        return folder
    _generator().generate(folder, scale=scale, fmt=fmt)
    marker.write_text(json.dumps({"scale": scale}))
    return folder


def enrollment_file(folder: Path) -> Path:
    return next(folder.glob("enrollment.*"))
