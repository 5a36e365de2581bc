"""The browser benchmark (benchmarks/bench_browser.py) covers every widget app and marks what it moves."""
from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import sys
from pathlib import Path

import pytest

import course_lib.widgets as course_widgets
from course_lib.widgets.base import App

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    saved = {k: os.environ.get(k) for k in ("COURSE_AUDIT_NUMBERS", "COURSE_PROGRESS_DIR")}
    sys.path.insert(0, str(BENCH))
    try:
        module = importlib.import_module("bench_browser")
    finally:
        sys.path.remove(str(BENCH))
        for key, value in saved.items():  # bench_apps adjusts both when imported; the tests keep theirs
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return module


def _app_classes():
    found = set()
    for info in pkgutil.iter_modules(course_widgets.__path__):
        module = importlib.import_module(f"course_lib.widgets.{info.name}")
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, App) and obj is not App and obj.__module__ == module.__name__:
                found.add(name)
    return found


def test_every_widget_app_of_the_course_is_in_the_browser_benchmark(bench):
    covered = {name for row in bench.BROWSER_APPS for name in row[2]}
    assert _app_classes() - covered == set()
    labels = [row[0] for row in bench.BROWSER_APPS]
    assert len(labels) == len(set(labels))


def _marked(widget):
    from bench_apps import _walk

    return [w for w in _walk(widget) if "bench-control" in getattr(w, "_dom_classes", ())]


def test_show_marks_the_app_its_start_time_and_exactly_one_control(bench):
    app = bench.show("00 start demo")
    classes = app.widget._dom_classes
    assert "bench-app" in classes
    assert any(c.startswith("bench-t0-") and c[9:].isdigit() for c in classes)
    assert _marked(app.widget) == [app.month]


def test_the_board_row_moves_one_cell_not_the_preset(bench):
    app = bench.show("04 board (cell)")
    marked = _marked(app.widget)
    assert len(marked) == 1 and marked[0] in app.cells.values() and marked[0] is not app.preset


def test_p90_is_the_nearest_rank(bench):
    assert bench._p90([5, 1, 4, 2, 3]) == 5
    assert bench._p90(list(range(1, 11))) == 9
    assert bench._p90([7]) == 7
