"""Benchmark: how long `peacetalks.data.load` takes per table, the first time and once warm (budget: 100 ms).

Usage: python benchmarks/load_speed.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import time

from peacetalks.data import load, table_names

BUDGET_MS = 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    for name in table_names():
        started = time.perf_counter()
        rows = len(load(name))
        cold = (time.perf_counter() - started) * 1000
        warm = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            load(name)
            warm.append((time.perf_counter() - started) * 1000)
        median = statistics.median(warm)
        print(f"{name:18s} {rows:5d} rows  first {cold:6.1f} ms ({cold / BUDGET_MS:.2f} of budget)  "
              f"warm {median:5.2f} ms ({median / BUDGET_MS:.3f} of budget)")


if __name__ == "__main__":
    main()
