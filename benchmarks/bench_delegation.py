"""Module 04 benchmarks: redraw time of the decision-rights board and the delegation-level app.

    .venv/bin/python benchmarks/bench_delegation.py

Prints medians (ms) of one control change = model + validation + gap check + heatmap
update + PNG into the Output. The acceptance limit is a median under 100 ms. As a baseline
measured in the same run, it also prints the time to render a plain one-line figure to PNG.
"""
from __future__ import annotations

import os
import statistics
import time

import scratch  # noqa: E402  (benchmarks/, on the path when a script runs)
scratch.progress_dir("bench-progress-")


def median_ms(samples):
    return statistics.median(samples) * 1000


def timed(action, n):
    samples = []
    for i in range(n):
        t = time.perf_counter()
        action(i)
        samples.append(time.perf_counter() - t)
    return samples


def main(n=40):
    import course_lib
    from course_lib import delegation as dl
    from course_lib.plots.style import new_figure, to_png
    from course_lib.widgets.delegation import DecisionRightsBoard, DelegationLevelsApp

    course_lib.set_language("nb")

    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    base = timed(lambda i: to_png(fig), n)
    print(f"baseline: plain line figure to PNG        median {median_ms(base):6.1f} ms")

    m = dl.preset_matrix("today")
    model = timed(lambda i: (dl.validate_raci(m), dl.controllability_gaps(m)), n)
    print(f"model: validate_raci + controllability_gaps median {median_ms(model):6.1f} ms")

    t = time.perf_counter()
    board = DecisionRightsBoard()
    print(f"board: build (77 dropdowns + first draw)   {1000 * (time.perf_counter() - t):6.1f} ms")
    cells = ["A/R", "I"]
    cell = timed(lambda i: setattr(board.cells["ict_budget", "sales_manager"], "value", cells[i % 2]), n)
    print(f"board: change one cell (full redraw)       median {median_ms(cell):6.1f} ms  (limit 100 ms)")
    kpis = [("new_sales",), dl.SALES_MANAGER_KPIS]
    measured = timed(lambda i: setattr(board.measured, "value", kpis[i % 2]), n)
    print(f"board: change measured KPIs                median {median_ms(measured):6.1f} ms  (limit 100 ms)")

    app = DelegationLevelsApp()
    app.reveal()
    level = timed(lambda i: setattr(app.levels["hire_sellers"], "value", 1 + i % 7), n)
    print(f"levels: change one level (save + redraw)   median {median_ms(level):6.1f} ms  (limit 100 ms)")


if __name__ == "__main__":
    main()
