"""Time to summarise a class folder: 30 participants (5 kinds each) plus 10 hostile files; medians.

    .venv/bin/python benchmarks/bench_classroom_summary.py [--participants 30] [--repeat 15]

Also times the three projector plots and the HTML rendering of the summary.

Measured 2026-12-02 (2 shared cores, load average about 2, 15 repeats): summarising 30 participants
(160 files, the 10 hostile ones skipped) took a median of 223 ms; the summary HTML 2 ms; the
projector plots to PNG 610 ms (profiles), 1 681 ms (votes) and 470 ms (quiz).
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from course_lib import set_language
from course_lib.classroom import demo_class, summarise
from course_lib.plots.classroom import plot_profiles, plot_quiz, plot_votes
from course_lib.plots.style import to_png
import scratch  # noqa: E402  (benchmarks/, on the path when a script runs)


def hostile(folder: Path) -> None:
    (folder / "bad.json").write_text("{")
    (folder / "huge.json").write_text("x" * 70_000)
    (folder / "deep.json").write_text("[" * 5000 + "]" * 5000)
    for i in range(7):
        (folder / f"h{i}.json").write_text(json.dumps({"version": 1, "kind": "<script>", "data": [i]}))


def median_ms(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    set_language("nb")
    folder = Path(scratch.folder("bench-class-"))
    demo_class(folder, participants=args.participants)
    hostile(folder)
    summarise(folder)  # warm-up: imports, schema compilation
    s = summarise(folder)
    print(f"{args.participants} participants, {len(list(folder.iterdir()))} files, {s.skipped} skipped")
    from course_lib import classroom_summary

    def every_file_new():
        classroom_summary._READ_CACHE.clear()  # as if every file had changed since the last refresh
        return summarise(folder)

    print(f"summarise, every file read: median {median_ms(every_file_new, args.repeat):.1f} ms")
    print(f"summarise, refresh with nothing changed: median {median_ms(lambda: summarise(folder), args.repeat):.1f} ms")
    print(f"summary HTML: median {median_ms(s.to_html, args.repeat):.1f} ms")
    for name, plot in (("profiles", plot_profiles), ("votes", plot_votes), ("quiz", plot_quiz)):
        print(f"plot {name} (to PNG): median {median_ms(lambda: to_png(plot(s)), max(3, args.repeat // 3)):.1f} ms")


if __name__ == "__main__":
    main()
