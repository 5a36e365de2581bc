"""One table of every widget app in the course: redraw and first display, against an anchor.

Run: ``.venv/bin/python benchmarks/bench_apps.py [--repeat 15] [--profile N] [--only NAME]``
(prints a table; not a test).

The machine's speed varies a lot (other work, a loaded hub), so every figure is also given as a
ratio to the **anchor** measured in the same run: a new simple 7x4-inch matplotlib figure with one
line, a title and axis labels, drawn to PNG at 100 dpi. Targets (issue 14): kernel-side redraw
median <= 0.8x the anchor, first display <= 2.5x.

* **redraw**: the app's first control (or the control named in ``APPS``) is switched back and
  forth between two values; the time of each change (the app's callbacks: model, figure, PNG,
  widget state) is timed, median over ``--repeat`` changes.
* **first display**: constructing the app and asking for its display bundle (median over
  ``max(3, repeat // 4)`` builds); **1st build**: the first of them, which also pays for what the
  kernel keeps for later builds (layouts, static backgrounds and case data cached per kernel).
* A control that is a button (the trainer's refresh) is clicked instead of switched.
* ``--profile N``: a cProfile of the N slowest apps' redraws, split into model, matplotlib draw,
  PNG encoding, widget traffic (traitlets/ipywidgets/comm) and the rest.

Apps of modules that have not landed yet are listed as "missing".
"""
from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import scratch  # noqa: E402  (benchmarks/, on the path when a script runs)
scratch.progress_dir("bench-apps-")
os.environ.pop("COURSE_AUDIT_NUMBERS", None)

import ipywidgets as widgets  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

# (label, module, class names to try, control): control is None (the first control found in the
# app's widget tree) or a function app -> widget.
APPS = [
    ("00 start demo", "start", ["StartDemo"], None),
    ("01 profile", "motivation", ["ProfileApp"], None),
    ("01 expectancy", "motivation", ["ExpectancyApp"], lambda a: _first(a, widgets.FloatSlider)),
    ("01 rewards", "motivation", ["RewardsApp"], None),
    ("02 pipeline forecast", "goals", ["PipelineForecastApp"], None),
    ("02 budget setter", "goals", ["BudgetSetterApp"], None),
    ("02 control dashboard", "goals", ["ControlDashboardApp"], None),
    ("03 plan designer", "incentives", ["PlanDesigner"], None),
    ("03 phase explorer", "incentives", ["PhaseExplorer"], None),
    ("03 uniform vs tailored", "incentives", ["UniformVsTailored"], None),
    ("04 board (cell)", "delegation", ["DecisionRightsBoard"], lambda a: next(iter(a.cells.values()))),
    ("04 levels", "delegation", ["DelegationLevelsApp"], None),
    ("05 funnel", "digital", ["FunnelApp"], None),
    ("05 seven steps", "digital", ["SevenStepsApp"], None),
    ("05 investment", "digital", ["InvestmentApp"], None),
    ("06 capstone", "capstone", ["CapstoneApp"], None),
    # the trainer's class summary: its one control is the refresh button (reads the class folder again)
    ("trainer class summary", "classroom", ["ClassSummaryApp"], lambda a: a.button),
]


def _demo_class_folder() -> str:
    """A class folder with a demo class of 12 participants (the trainer's app reads it)."""
    from course_lib.classroom import demo_class

    folder = scratch.folder("bench-class-")
    demo_class(folder, participants=12)
    return folder


# how to build an app that needs more than ``cls()``
MAKE = {"trainer class summary": lambda cls: cls(folder=_demo_class_folder.folder)}

# CPU time of this process by default: on a machine shared with other work (load 10+ on 2 cores) the
# wall clock mostly measures the others; ``--clock wall`` gives what a learner on a quiet machine waits.
CLOCK = time.process_time

CONTROL_TYPES = (widgets.FloatSlider, widgets.IntSlider, widgets.SelectionSlider, widgets.FloatRangeSlider,
                 widgets.IntRangeSlider, widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons,
                 widgets.SelectMultiple, widgets.Checkbox)


def _walk(w):
    yield w
    for child in getattr(w, "children", ()) or ():
        yield from _walk(child)


def _first(app, types=CONTROL_TYPES):
    for w in _walk(app.widget):
        if isinstance(w, types) and not getattr(w, "disabled", False):
            return w
    raise LookupError("no control")


def two_values(control):
    """Two different valid values for ``control`` (the current one and another); for a button, two clicks."""
    if isinstance(control, widgets.Button):
        return None, None
    v = control.value
    if isinstance(control, widgets.Checkbox):
        return v, not v
    if isinstance(control, widgets.SelectMultiple):
        opts = [o[1] if isinstance(o, tuple) else o for o in control.options]
        other = tuple(x for x in opts if x not in v)[:1] + tuple(v)
        return v, other if set(other) != set(v) else tuple(v)[1:]
    if hasattr(control, "options"):
        opts = list(control._options_values) if hasattr(control, "_options_values") else list(control.options)
        others = [o for o in opts if o != v]
        return v, others[len(others) // 2]
    if isinstance(v, tuple):  # range slider: move the upper end
        lo, hi = v
        step = control.step
        new_hi = hi - step if hi - step > lo else hi + step
        return v, (lo, min(new_hi, control.max))
    step = control.step or 1
    other = v + step if v + step <= control.max else v - step
    return v, other


def anchor_once() -> float:
    start = CLOCK()
    fig = Figure(figsize=(7, 4), dpi=100)
    ax = fig.subplots()
    ax.plot(range(30), [x * x for x in range(30)])
    ax.set_title("Anchor")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    fig.savefig(io.BytesIO(), format="png", dpi=100)
    return CLOCK() - start


def load(module, names):
    try:
        mod = importlib.import_module(f"course_lib.widgets.{module}")
    except ImportError:
        return None
    for name in names:
        if hasattr(mod, name):
            return getattr(mod, name)
    return None


def set_control(control, value) -> None:
    """Change ``control`` (a value, or a click for a button)."""
    if isinstance(control, widgets.Button):
        control.click()
    else:
        control.value = value


def bench_app(cls, control_of, repeat, make=None):
    """(app, control, values, median first display, median redraw, the process's first build).

    The first build in the process pays for what a kernel keeps afterwards (layouts, backgrounds and
    case data the apps cache): it is what a learner waits the first time the cell runs.
    """
    first = []
    for _ in range(max(3, repeat // 4)):
        start = CLOCK()
        app = make(cls) if make else cls()
        app._repr_mimebundle_()
        first.append(CLOCK() - start)
    control = (control_of or _first)(app)
    a, b = two_values(control)
    for _ in range(2):  # warm up
        set_control(control, b)
        set_control(control, a)
    times = []
    for i in range(repeat):
        target = b if i % 2 == 0 else a
        start = CLOCK()
        set_control(control, target)
        times.append(CLOCK() - start)
    return app, control, (a, b), statistics.median(first), statistics.median(times), first[0]


CATEGORIES = [
    ("PNG encode", ("print_png", "_png.py", "PngImagePlugin", "ImageFile.py", "write_png", "zlib",
                    "ImagingEncoder")),
    ("mpl draw", ("matplotlib/", "matplotlib.ft2font", "_backend_agg", "ft2font")),  # C parts: text, paths
    ("widget traffic", ("ipywidgets/", "traitlets/", "comm/", "ipykernel/", "IPython/core/display")),
    ("model", ("course_lib/",)),
]


def profile_app(label, app, control, values, rounds=20) -> str:
    prof = cProfile.Profile()
    a, b = values
    prof.enable()
    for i in range(rounds):
        set_control(control, b if i % 2 == 0 else a)
    prof.disable()
    st = pstats.Stats(prof)
    total = sum(v[2] for v in st.stats.values())  # tottime over every function
    buckets = {name: 0.0 for name, _ in CATEGORIES}
    buckets["other"] = 0.0
    for (filename, _line, func), (_cc, _nc, tt, _ct, _callers) in st.stats.items():
        where = f"{filename}:{func}"
        for name, keys in CATEGORIES:
            if any(k in where for k in keys):
                buckets[name] += tt
                break
        else:
            buckets["other"] += tt
    parts = ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in buckets.items())
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(12)
    return f"{label}: {parts}\n" + "\n".join(out.getvalue().splitlines()[-22:])


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--profile", type=int, default=0, help="profile the N slowest apps")
    ap.add_argument("--only", default="", help="substring of the app labels to run")
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu")
    args = ap.parse_args(argv)
    global CLOCK
    CLOCK = time.perf_counter if args.clock == "wall" else time.process_time

    from course_lib import set_language

    set_language("nb")
    for _ in range(3):
        anchor_once()
    anchors = [anchor_once() for _ in range(args.repeat)]
    rows, keep, colds = [], {}, {}
    if any(not args.only or args.only in label for label in MAKE):
        _demo_class_folder.folder = _demo_class_folder()
    for label, module, names, control_of in APPS:
        if args.only and args.only not in label:
            continue
        cls = load(module, names)
        if cls is None:
            rows.append((label, None, None))
            continue
        try:
            app, control, values, first, redraw, cold = bench_app(cls, control_of, args.repeat, MAKE.get(label))
        except Exception as exc:  # noqa: BLE001 - a benchmark reports and goes on
            rows.append((label, f"{type(exc).__name__}: {exc}", None))
            continue
        keep[label] = (app, control, values)
        rows.append((label, first, redraw))
        colds[label] = cold
        anchors.append(anchor_once())  # spread over the run: the load changes while it runs
    anchor = statistics.median(anchors)
    print(f"anchor (new 7x4 in figure, one line, title, labels, PNG at 100 dpi): median "
          f"{anchor * 1000:.1f} ms {args.clock} time over {len(anchors)} runs")
    print(f"{'app':26} {'redraw ms':>10} {'x anchor':>9} {'first ms':>9} {'x anchor':>9}  target  "
          f"{'1st build ms':>12} {'x anchor':>9}")
    for label, first, redraw in rows:
        if first is None:
            print(f"{label:26} {'missing (module not merged yet)':>40}")
        elif isinstance(first, str):
            print(f"{label:26} error: {first}")
        else:
            ok = "ok" if redraw <= 0.8 * anchor and first <= 2.5 * anchor else "OVER"
            cold = colds.get(label, first)
            print(f"{label:26} {redraw * 1000:10.1f} {redraw / anchor:9.2f} {first * 1000:9.1f} "
                  f"{first / anchor:9.2f}  {ok:6}  {cold * 1000:12.1f} {cold / anchor:9.2f}")
    if args.profile:
        timed = sorted((r for r in rows if isinstance(r[2], float)), key=lambda r: -r[2])
        for label, _first, _redraw in timed[:args.profile]:
            print()
            print(profile_app(label, *keep[label]))


if __name__ == "__main__":
    main()
