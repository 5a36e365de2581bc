"""Median redraw time (model + figure + PNG into the Output) of the module 01 widget apps.

Run: ``.venv/bin/python benchmarks/bench_motivation.py`` (prints medians in ms; not a test).
The budget is a median under 100 ms per redraw; the aim is 50 ms.
"""
from __future__ import annotations

import os
import statistics
import sys
import time

import scratch  # noqa: E402  (benchmarks/, on the path when a script runs)
scratch.progress_dir("bench-motivation-")

from course_lib import set_language  # noqa: E402
from course_lib.plots.motivation import ForceChart  # noqa: E402
from course_lib.plots.style import to_png  # noqa: E402
from course_lib.widgets.motivation import ExpectancyApp, ProfileApp, RewardsApp  # noqa: E402


def median_ms(step, repeats: int) -> float:
    times = []
    for k in range(repeats):
        start = time.perf_counter()
        step(k)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main(repeats: int = 40) -> dict[str, float]:
    set_language("nb")
    profile, expectancy, rewards = ProfileApp(), ExpectancyApp(preset="baseline"), RewardsApp()
    rewards_cycle = ["positive_feedback", "completion_contingent", "performance_contingent", "engagement_contingent"]

    def profile_step(k):
        profile.sliders["re1"].value = 1 + k % 7

    def expectancy_step(k):
        expectancy.expectancy.value = round(0.05 * (k % 20), 2)

    def rewards_step(k):
        rewards.reward_type.value = rewards_cycle[k % len(rewards_cycle)]  # one change, one redraw

    def baseline_new_figure(k):  # the slow way, for comparison: a fresh figure per redraw
        chart = ForceChart()
        chart.update(0.05 * (k % 20), expectancy.pairs())
        to_png(chart.fig)

    results = {
        "profile redraw (slider)": median_ms(profile_step, repeats),
        "expectancy redraw (slider)": median_ms(expectancy_step, repeats),
        "rewards redraw (dropdown)": median_ms(rewards_step, repeats),
        "baseline: new expectancy figure each time": median_ms(baseline_new_figure, repeats // 2),
    }
    for name, value in results.items():
        print(f"{name:45s} median {value:6.1f} ms")
    return results


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
