"""Benchmarks for module 03: payout speed and the plan designer's redraw.

Run: ``.venv/bin/python benchmarks/bench_incentives.py`` (prints medians; not a test).

1. ``payout`` for one million seller-months (vectorised numpy) against a plain Python loop over the
   same rows (the loop runs on a 50 000-row slice and is scaled up), with the ratio.
2. The plan designer's redraw (model + figure) after a slider change, median over repetitions.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import scratch  # noqa: E402  (benchmarks/, on the path when a script runs)
scratch.progress_dir("bench03-")

import numpy as np  # noqa: E402

from course_lib.incentives import Plan, payout  # noqa: E402

ROWS = 1_000_000
LOOP_ROWS = 50_000


def python_payout(plan: Plan, sales: list[float]) -> list[float]:
    """The same plan, one row at a time, in plain Python (the baseline)."""
    out = []
    ti, q, thr, cap = plan.target_incentive, plan.quota, plan.threshold, plan.cap
    for s in sales:
        a = max(s / q, 0.0)
        f = a
        prev = 1.0
        for start, m in plan.accelerators:
            if a > start:
                f += (m - prev) * (a - start)
            prev = m
        if a < thr:
            f = 0.0
        if cap is not None and f > cap:
            f = cap
        out.append(ti * f)
    return out


def median_time(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_payout() -> None:
    plan = Plan.from_ote(65_000, 0.6, 380_000, threshold=0.5, accelerators=[(1.0, 1.5), (1.3, 2.0)], cap=3.0)
    rng = np.random.default_rng(0)
    sales = rng.gamma(4.0, 95_000, ROWS)
    vec = median_time(lambda: payout(plan, sales), 15)
    small = sales[:LOOP_ROWS].tolist()
    loop = median_time(lambda: python_payout(plan, small), 5) * (ROWS / LOOP_ROWS)
    assert np.allclose(payout(plan, sales[:LOOP_ROWS]), python_payout(plan, small))
    print(f"payout, {ROWS:,} seller-months: numpy median {vec * 1000:.1f} ms "
          f"(limit 100 ms); plain Python loop {loop * 1000:.0f} ms (scaled from {LOOP_ROWS:,} rows); "
          f"ratio {loop / vec:.0f}x")


def bench_designer() -> None:
    try:
        from course_lib.widgets.incentives import PlanDesigner
    except ImportError as exc:  # widgets not available
        print(f"plan designer: skipped ({exc})")
        return
    app = PlanDesigner()
    values = [0.5, 0.55, 0.6, 0.65, 0.7]
    times = []
    for i in range(40):
        start = time.perf_counter()
        app.base_share.value = values[i % len(values)]
        times.append(time.perf_counter() - start)
    print(f"plan designer redraw (model + figures), {len(times)} changes: median {statistics.median(times) * 1000:.1f} ms "
          f"(limit 100 ms, aim 50 ms); max {max(times) * 1000:.1f} ms")
    times = []
    for i in range(40):
        start = time.perf_counter()
        app.threshold.value = [0.0, 0.3, 0.5][i % 3]
        times.append(time.perf_counter() - start)
    print(f"plan designer redraw after threshold change: median {statistics.median(times) * 1000:.1f} ms")


if __name__ == "__main__":
    bench_payout()
    bench_designer()
