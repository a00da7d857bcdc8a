"""Small helpers the benchmark scripts share for turning timings into figures."""

from __future__ import annotations

import itertools
import json
import math
import statistics
import sys
from collections.abc import Sequence
from typing import Any


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The sample at `fraction` (0.95 for p95) of the sorted samples, nearest rank: the
    smallest sample with at least that fraction of the samples at or below it."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summary(samples: Sequence[float], digits: int = 3) -> dict[str, float | int]:
    """Median, nearest-rank p95 and the spread (min, max) of repeated runs: the spread says
    how noisy the machine was while they ran."""
    return {
        "runs": len(samples),
        "median": round(statistics.median(samples), digits),
        "p95": round(percentile(samples, 0.95), digits),
        "min": round(min(samples), digits),
        "max": round(max(samples), digits),
    }


def ratio(figure: float, floor: float) -> float:
    return round(figure / floor, 2) if floor > 0 else math.inf


class GrowthError(SystemExit):
    """A figure grew faster than its size: the benchmark fails loudly."""


def check_linear(
    figures: dict[int, float], what: str, slack: float = 1.3
) -> dict[str, float | bool]:
    """Each step up in size (3k -> 30k -> 100k) must cost at most `slack` times its share:
    the figure may grow by at most slack x the size ratio. Raises GrowthError otherwise.

    Returns the growth of each step against the size's (1.0: exactly linear).
    """
    sizes = sorted(figures)
    growth: dict[str, float | bool] = {}
    failures = []
    for small, large in itertools.pairwise(sizes):
        relative = (figures[large] / figures[small]) / (large / small)
        growth[f"{small}->{large}"] = round(relative, 2)
        if relative > slack:
            failures.append(
                f"{what}: {small} -> {large} grew {figures[large] / figures[small]:.1f}x for "
                f"{large / small:.1f}x the size (worse than linear)"
            )
    if failures:
        raise GrowthError("\n".join(failures))
    growth["linear_or_better"] = True
    return growth


def beside_floor(
    name: str, firsts: list[float], calls: list[float], floors: list[float]
) -> dict[str, Any]:
    """A service call's figures beside its floor measured in the same processes: the first
    call, the steady calls, the floor, and the calls' p95 and median against the floor's median.
    `name` names the call in the keys (first_<name>_ms, <name>_ms)."""
    floor_median = statistics.median(floors)
    return {
        f"first_{name}_ms": summary(firsts, 2),
        f"{name}_ms": summary(calls, 3),
        "floor_ms": summary(floors, 3),
        "p95_ratio_to_floor_median": ratio(percentile(calls, 0.95), floor_median),
        "median_ratio": ratio(statistics.median(calls), floor_median),
    }


def print_report(report: dict[str, Any], medians: dict[int, float], what: str) -> int:
    """Print `report` as JSON with the growth of `medians` by size under "growth"; the exit
    status: 1 (and the failure on stderr) when they grow worse than linearly, else 0."""
    try:
        report["growth"] = check_linear(medians, what)
    except GrowthError as error:
        report["growth"] = {"error": str(error)}
        print(json.dumps(report, indent=2))
        print(error, file=sys.stderr)
        return 1
    print(json.dumps(report, indent=2))
    return 0
