"""Benchmarks for module 05: redraw medians of the funnel explorer, the seven-steps assessment and the
investment case, against the anchor of issue 14 measured in the same run.

Run: ``.venv/bin/python benchmarks/bench_digital.py`` (prints medians; not a test).

The anchor is a new simple 7 x 4-inch figure with one line, title and axis labels, drawn to PNG at
100 dpi. The aim is every kernel-side redraw at most 0.8 x the anchor (about 50 ms on a quiet day).
Each app keeps one figure and updates its artists; a redraw is model + artist updates + PNG.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import scratch  # noqa: E402  (benchmarks/, on the path when a script runs)
scratch.progress_dir("bench05-")

REPEAT = 15


def median_ms(func, repeat: int = REPEAT) -> float:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        func(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def anchor(_i=0) -> None:
    from course_lib.plots.style import new_figure, to_png

    fig, ax = new_figure(figsize=(7, 4))
    ax.plot([0, 1, 2, 3], [1, 3, 2, 4])
    ax.set_title("anchor")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    to_png(fig)


def main() -> None:
    from course_lib import set_language
    from course_lib.widgets.digital import FunnelApp, InvestmentApp, SevenStepsApp

    set_language("nb")
    anchor()                                          # warm up matplotlib
    start = time.perf_counter()
    FunnelApp(), SevenStepsApp(), InvestmentApp()      # warm up: imports, content loading and validation
    cold = (time.perf_counter() - start) * 1000
    rows = []
    start = time.perf_counter()
    funnel = FunnelApp()
    first_funnel = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    steps = SevenStepsApp()
    first_steps = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    invest = InvestmentApp()
    first_invest = (time.perf_counter() - start) * 1000

    base = median_ms(anchor)
    rows.append(("anchor (new 7x4 figure to PNG)", base, None))
    rows.append(("funnel explorer: visitors slider",
                 median_ms(lambda i: setattr(funnel.visitors, "value", 60_000 + 5_000 * (i % 2 + 1))), first_funnel))
    rows.append(("funnel explorer: a step's likely rate",
                 median_ms(lambda i: setattr(funnel.likely["mql_to_sql"], "value", 0.30 + 0.05 * (i % 2))), None))
    rows.append(("seven steps: one Likert answer",
                 median_ms(lambda i: setattr(steps.choices["own_channel.website"], "value", 2 + i % 3)), first_steps))
    rows.append(("investment case: discount rate",
                 median_ms(lambda i: setattr(invest.rate, "value", 0.08 + 0.01 * (i % 3))), first_invest))
    rows.append(("investment case: typed range",
                 median_ms(lambda i: invest.set_input("training", 30_000, 60_000 + 1_000 * (i % 3), 120_000)), None))
    print(f"{'app / control':40s} {'redraw ms':>10s} {'x anchor':>9s} {'first display ms':>17s} {'x anchor':>9s}")
    for name, ms, first in rows:
        ratio = ms / base
        first_text = f"{first:17.0f} {first / base:9.2f}" if first is not None else ""
        print(f"{name:40s} {ms:10.1f} {ratio:9.2f} {first_text}")
    print(f"first display is measured warm; the first of the three apps in a fresh kernel took {cold:.0f} ms together "
          "(imports, loading and validating the content)")
    print("aim: redraw <= 0.8 x anchor, first display <= 2.5 x anchor (issue 14)")


if __name__ == "__main__":
    main()
