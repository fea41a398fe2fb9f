"""Timing helpers: a warm-up, then the median and 95th percentile of several runs; peak memory of this process."""

from __future__ import annotations

import dataclasses
import resource
import time
from typing import Callable

import numpy as np


@dataclasses.dataclass(frozen=True)
class Timing:
    """Wall-clock median and 95th percentile, and the median CPU time of this process (all its threads): on a
    machine shared with other work the wall clock also counts waiting for a core, the CPU time does not."""
    p50_s: float
    p95_s: float
    runs: int
    cpu_p50_s: float = float("nan")

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def measure(action: Callable[[], object], runs: int, warmups: int = 1,
            before_each: Callable[[], object] | None = None) -> Timing:
    """Time `action` `runs` times after `warmups` untimed calls; `before_each` runs untimed before every call."""
    for _ in range(warmups):
        if before_each:
            before_each()
        action()
    seconds, cpu_seconds = [], []
    for _ in range(runs):
        if before_each:
            before_each()
        started, cpu_started = time.perf_counter(), time.process_time()
        action()
        seconds.append(time.perf_counter() - started)
        cpu_seconds.append(time.process_time() - cpu_started)
    return Timing(float(np.percentile(seconds, 50)), float(np.percentile(seconds, 95)), runs,
                  float(np.percentile(cpu_seconds, 50)))


def peak_memory_bytes() -> int:
    """The most resident memory this process has used so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
