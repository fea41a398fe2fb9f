"""Timing helpers: a warm-up, then the median and 95th percentile of several runs; peak memory of this process."""

from __future__ import annotations

import dataclasses
import resource
import time
from typing import Callable

import numpy as np


@dataclasses.dataclass(frozen=True)
class Timing:
    p50_s: float
    p95_s: float
    runs: int

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def measure(action: Callable[[], object], runs: int, warmups: int = 1,
            before_each: Callable[[], object] | None = None) -> Timing:
    """Time `action` `runs` times after `warmups` untimed calls; `before_each` runs untimed before every call."""
    for _ in range(warmups):
        if before_each:
            before_each()
        action()
    seconds = []
    for _ in range(runs):
        if before_each:
            before_each()
        started = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - started)
    return Timing(float(np.percentile(seconds, 50)), float(np.percentile(seconds, 95)), runs)


def peak_memory_bytes() -> int:
    """The most resident memory this process has used so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
