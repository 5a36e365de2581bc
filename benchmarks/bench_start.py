"""Timings for the case company and module 00 (medians; run: .venv/bin/python benchmarks/bench_start.py)."""
from __future__ import annotations

import os
import statistics
import tempfile
import time

import scratch  # noqa: E402  (benchmarks/, on the path when a script runs)
scratch.progress_dir("bench-")

from course_lib import cases  # noqa: E402
from course_lib.plots import case  # noqa: E402
from course_lib.plots.style import to_png  # noqa: E402
from course_lib.widgets.start import StartDemo  # noqa: E402


def median_ms(func, repeat=30):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main():
    team = cases.load_team()
    path = os.path.join(tempfile.mkdtemp(), "team.csv")
    team.to_csv(path, index=False)
    rows = [
        ("generate_team() 10 x 24", lambda: cases.generate_team()),
        ("generate_team(n_sellers=24, months=120)", lambda: cases.generate_team(n_sellers=24, months=120)),
        ("load_team() shipped", lambda: cases.load_team()),
        ("load_team(path) validated", lambda: cases.load_team(path)),
        ("team_summary + monthly_totals", lambda: (cases.team_summary(team), cases.monthly_totals(team))),
    ]
    for name in ("sales_by_region", "attainment_ranking", "manager_position"):
        plot = getattr(case, name)
        rows.append((f"{name} -> PNG", lambda plot=plot: to_png(plot(team))))
    demo = StartDemo()
    months = list(demo.totals.index)
    state = {"i": 0}

    def move():
        state["i"] = (state["i"] + 1) % len(months)
        demo.month.value = months[state["i"]]

    rows.append(("StartDemo slider step (model + text)", move))
    for label, func in rows:
        print(f"{label:45s} median {median_ms(func, 10 if 'PNG' in label else 30):8.2f} ms")


if __name__ == "__main__":
    main()
