"""How long ranking venues takes: prints JSON with p50/p95 in milliseconds.

    python benchmarks/bench_venue_ranking.py [--venues 5000] [--runs 200] [--limit 20]

Target: 5,000 venues ranked (top 20 with reasons) in 20 ms or less.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.figures import percentile
from benchmarks.synthetic_venues import make_venues
from chatplanner.domain.venue_ranking import RankingWeights, rank_venues

TARGET_MS = 20.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venues", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--limit", type=int, default=20)
    args = parser.parse_args()

    venues = make_venues(args.venues)
    weights = RankingWeights()
    base, contact = (43.6532, -79.3832), (43.7001, -79.4163)
    for _ in range(5):  # warm-up: imports, caches
        rank_venues(venues, base, contact, weights, "Jessica", limit=args.limit)
    samples = []
    for _ in range(args.runs):
        started = time.perf_counter()
        rank_venues(venues, base, contact, weights, "Jessica", limit=args.limit)
        samples.append((time.perf_counter() - started) * 1000)
    p95 = percentile(samples, 0.95)
    print(
        json.dumps(
            {
                "benchmark": "rank_venues",
                "venues": args.venues,
                "limit": args.limit,
                "runs": args.runs,
                "p50_ms": round(statistics.median(samples), 3),
                "p95_ms": round(p95, 3),
                "max_ms": round(max(samples), 3),
                "target_ms": TARGET_MS,
                "within_target": p95 <= TARGET_MS,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
