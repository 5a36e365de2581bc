"""Benchmarks for module 02: the Monte Carlo forecast and the three apps' redraws.

Run: ``.venv/bin/python benchmarks/bench_goals.py`` (prints medians; not a test).

1. ``goals.forecast``: 10 000 simulations of the whole case pipeline (77 deals), median over repetitions,
   against a plain Python loop over the same simulations (run on 500 simulations and scaled up).
2. Each app's redraw after a control change (model + figure update + PNG), against the anchor of
   issue 14: a new simple 7x4-inch figure with one line, title and axis labels, drawn to PNG at 100 dpi,
   measured in the same run. Aim: at most 0.8x the anchor (about 50 ms on a quiet day).
"""
from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import scratch  # noqa: E402  (benchmarks/, on the path when a script runs)
scratch.progress_dir("bench02-")

import numpy as np  # noqa: E402

from course_lib import goals  # noqa: E402


def median_ms(func, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times) * 1000, times[int(0.9 * (len(times) - 1))] * 1000


def anchor() -> float:
    from matplotlib.figure import Figure

    def draw():
        fig = Figure(figsize=(7, 4), dpi=100)
        ax = fig.subplots()
        ax.plot(np.arange(50), np.sin(np.arange(50) / 5))
        ax.set_title("anchor")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        import io

        fig.savefig(io.BytesIO(), format="png")

    draw()
    return median_ms(draw, 15)[0]


def python_forecast(amount, p, n, seed=1):
    rnd = random.Random(seed)
    totals = []
    for _ in range(n):
        total = 0.0
        for a, q in zip(amount, p):
            if rnd.random() < q:
                total += a
        totals.append(total)
    return totals


def bench_forecast() -> None:
    deals = goals.case_pipeline()
    goals.forecast(deals, 3)
    med, p90 = median_ms(lambda: goals.forecast(deals, 3, n=10_000, seed=None), 30)
    amount = deals["amount"].to_numpy(float).tolist()
    p = deals["probability"].to_numpy(float).tolist()
    loop, _ = median_ms(lambda: python_forecast(amount, p, 500), 5)
    loop *= 10_000 / 500
    print(f"forecast, 10,000 simulations x {len(deals)} deals: numpy median {med:.1f} ms (90th pct {p90:.1f} ms; "
          f"limit 50 ms); plain Python loop {loop:.0f} ms (scaled from 500); ratio {loop / med:.0f}x")


def bench_apps(anchor_ms: float) -> None:
    from course_lib.widgets.goals import BudgetSetterApp, ControlDashboardApp, PipelineForecastApp

    rows = []
    start = time.perf_counter()
    app = PipelineForecastApp()
    first = (time.perf_counter() - start) * 1000
    values = [0.4, 0.45, 0.5, 0.55, 0.6]
    state = {"i": 0}

    def change_rate():
        state["i"] += 1
        app.win_rates["proposal"].value = values[state["i"] % len(values)]

    rows.append(("pipeline forecast (win rate)", first, *median_ms(change_rate, 30)))

    start = time.perf_counter()
    setter = BudgetSetterApp()
    first = (time.perf_counter() - start) * 1000
    budgets = [11_500_000, 11_800_000, 12_100_000, 12_400_000]

    def change_budget():
        state["i"] += 1
        setter.budget.value = budgets[state["i"] % len(budgets)]

    rows.append(("budget setter (budget)", first, *median_ms(change_budget, 30)))

    start = time.perf_counter()
    dash = ControlDashboardApp()
    first = (time.perf_counter() - start) * 1000
    months = dash.months[2:10]

    def change_month():
        state["i"] += 1
        dash.month.value = months[state["i"] % len(months)]

    rows.append(("control dashboard (month)", first, *median_ms(change_month, 30)))
    print(f"anchor (new 7x4 figure to PNG): median {anchor_ms:.1f} ms")
    print(f"{'app (control)':34s} {'first display':>14s} {'redraw median':>14s} {'90th pct':>9s} {'ratio':>6s}")
    for name, first, med, p90 in rows:
        print(f"{name:34s} {first:11.0f} ms {med:11.1f} ms {p90:6.1f} ms {med / anchor_ms:6.2f}")


if __name__ == "__main__":
    a = anchor()
    bench_forecast()
    bench_apps(a)
