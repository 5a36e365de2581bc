"""Foundation benchmarks: import time, quiz latency, notebook run time, set-up time.

    .venv/bin/python benchmarks/bench_foundation.py            # the quick ones
    .venv/bin/python benchmarks/bench_foundation.py --setup    # also fresh environment set-up (slow)
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
import scratch  # noqa: E402  (benchmarks/, on the path when a script runs)
scratch.progress_dir("bench-progress-")


def median_ms(samples):
    return statistics.median(samples) * 1000


def bench_import(n=15):
    code = "import time; t=time.perf_counter(); import course_lib; print(time.perf_counter()-t)"
    samples = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(n)]
    baseline = [float(subprocess.run([sys.executable, "-c", code.replace("course_lib", "json")],
                                     capture_output=True, text=True, check=True).stdout) for _ in range(n)]
    print(f"import course_lib: median {median_ms(samples):.1f} ms over {n} fresh processes "
          f"(import json in the same run: {median_ms(baseline):.2f} ms); acceptance < 500 ms")


def bench_quiz(n=50):
    import course_lib
    from course_lib.exercises import quiz
    from course_lib.exercises.bank import all_questions

    course_lib.set_language("nb")
    all_questions()  # load banks once, as a notebook does on its first quiz
    render, check = [], []
    for _ in range(n):
        t = time.perf_counter()
        w = quiz("start.position")
        render.append(time.perf_counter() - t)
        w.control.value = w.question["options"][0]["id"]
        t = time.perf_counter()
        w.check_button.click()
        check.append(time.perf_counter() - t)
    print(f"quiz render: median {median_ms(render):.2f} ms; check + save: median {median_ms(check):.2f} ms (n={n})")


def bench_notebooks(n=3):
    import nbformat
    from nbclient import NotebookClient

    for lang in ("nb", "en"):
        path = ROOT / "notebooks" / lang / "00_start_here.ipynb"
        samples = []
        for _ in range(n):
            nb = nbformat.read(path, as_version=4)
            t = time.perf_counter()
            NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
            samples.append(time.perf_counter() - t)
        print(f"run notebooks/{lang}/00_start_here.ipynb: median {statistics.median(samples):.2f} s (n={n}, kernel start included)")


def bench_setup():
    lock = ROOT / "requirements.lock"
    for tool in ("uv", "pip"):
        target = Path(tempfile.mkdtemp(prefix=f"bench-venv-{tool}-"))
        try:
            subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
            t = time.perf_counter()
            if tool == "uv":
                subprocess.run([str(target / "bin/python"), "-m", "pip", "install", "-q", "uv==0.13.9"], check=True,
                               capture_output=True)
                subprocess.run([str(target / "bin/uv"), "pip", "sync", "-q", "--no-cache", "--python",
                                str(target / "bin/python"), str(lock)], check=True)
            else:
                subprocess.run([str(target / "bin/python"), "-m", "pip", "install", "-q", "--no-cache-dir",
                                "-r", str(lock)], check=True, capture_output=True)
            print(f"fresh environment from requirements.lock with {tool}: {time.perf_counter() - t:.1f} s")
        finally:
            shutil.rmtree(target, ignore_errors=True)


if __name__ == "__main__":
    bench_import()
    bench_quiz()
    bench_notebooks()
    if "--setup" in sys.argv:
        bench_setup()
