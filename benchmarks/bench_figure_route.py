"""How fast each way of showing a new figure reaches the screen in JupyterLab (issue 14).

Run: ``.venv/bin/python benchmarks/bench_figure_route.py [--repeat 9]`` (a measurement, not a test;
needs Debian's chromium, as the browser tests do).

The same two PNGs (the plan designer's payout figure at threshold 0 % and 50 %) are swapped by a
slider through four routes, so only the route differs:

* ``output``: an ``Output`` widget given a new display bundle (``widgets.base.show_png``, what the
  apps used before ``FigureView``: ``text/html`` with the ``<img alt>``, ``image/png`` and ``text/plain``);
* ``output-html``: the same ``Output`` with the ``text/html`` part only;
* ``html``: the apps' ``FigureView``, an ``HTML`` widget whose value is the ``<img alt>`` markup;
* ``image``: an ``Image`` widget given the PNG bytes (ipywidgets sets a blob URL; no ``alt``).

Each change is timed in the page from the key press to the last change inside the app, once the new
image is decoded and painted (``bench_browser``'s page script), median and 90th percentile of
``--repeat`` changes in two rounds; the anchor is timed in the same kernel.
"""
from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _p in (ROOT / "tests", ROOT / "tests" / "browser", HERE):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import bench_browser as bb  # noqa: E402
import scratch  # noqa: E402

ROUTES = ["output", "output-html", "html", "image"]
SETUP = r'''
import sys
sys.path.insert(0, {here!r})
import ipywidgets as widgets
from IPython.core.interactiveshell import InteractiveShell
from course_lib.plots.style import figure_alt
from course_lib.widgets.base import FigureImage, FigureView, show_png
from course_lib.widgets.incentives import PlanDesigner
from bench_browser import anchor

_app = PlanDesigner()
PNGS = []
for _threshold in (0.0, 0.5):
    _app.threshold.value = _threshold
    PNGS.append(_app.chart.png())
ALT = figure_alt(_app.chart.fig)


def route(name):
    slider = widgets.IntSlider(0, 0, 10)
    slider.add_class("bench-control")
    if name == "image":
        view = widgets.Image(format="png")
        def update(_change=None): view.value = PNGS[slider.value % 2]
    elif name == "html":
        view = FigureView()
        def update(_change=None): show_png(view, PNGS[slider.value % 2], ALT)
    else:
        view = widgets.Output()
        def update(_change=None):
            if name == "output":
                show_png(view, PNGS[slider.value % 2], ALT)
                return
            data, _meta = InteractiveShell.instance().display_formatter.format(FigureImage(PNGS[slider.value % 2], ALT))
            view.outputs = ({{"output_type": "display_data", "data": {{"text/html": data["text/html"]}}, "metadata": {{}}}},)
    update()
    slider.observe(update, names="value")
    box = widgets.VBox([slider, view])
    box.add_class("bench-app")
    return box
'''


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=9, help="changes per route and round (after one warm-up)")
    args = ap.parse_args(argv)
    bconf = bb._browser_conftest()  # tests/browser/conftest.py: the servers and the browser
    if bconf.chromium_path() is None:
        print("Debian's chromium is not installed (scripts/ensure-chromium); nothing measured")
        return
    base = Path(scratch.folder("bench-route-"))
    times: dict[str, list[float]] = {name: [] for name in ROUTES}
    with contextlib.ExitStack() as stack:
        lab = stack.enter_context(bb._fixture(bconf.lab, bb._TmpPaths(base)))
        cells = [SETUP.format(here=str(HERE))] + [f"route({name!r})" for name in ROUTES] + ["anchor()"]
        (lab.root / "route.ipynb").write_text(bb._notebook(cells))
        browser = stack.enter_context(bb._fixture(bconf.browser))
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(script=bb.PAGE_JS)
        page = context.new_page()
        page.set_default_timeout(120_000)
        from helpers import open_notebook, run_all_cells

        open_notebook(page, lab, "route.ipynb")
        run_all_cells(page, timeout=300)
        anchor_ms = bb._anchor_ms(page, len(ROUTES) + 1)
        for _round in range(2):
            for index, name in enumerate(ROUTES, start=1):
                page.evaluate("i => window.__bench.labScroll(i)", index)
                page.wait_for_timeout(300)
                errors: list = []
                times[name] += bb._changes(lambda step: page.evaluate(
                    "([i, k, s, t]) => window.__bench.labChange(i, k, s, t)", [index, step, 300, 20_000]),
                    args.repeat, errors)
                if errors:
                    raise SystemExit(f"{name}: {errors[0]}")
        anchor_ms += bb._anchor_ms(page, len(ROUTES) + 1)
    anchor = statistics.median(anchor_ms)
    print(f"anchor: {anchor:.1f} ms (new 7x4 in figure to PNG, wall clock in the JupyterLab kernel)")
    print(f"{'route':12s} {'median ms':>10s} {'p90 ms':>8s} {'x anchor':>9s}")
    for name in ROUTES:
        values = times[name]
        print(f"{name:12s} {statistics.median(values):10.1f} {bb._p90(values):8.1f} "
              f"{statistics.median(values) / anchor:9.2f}")


if __name__ == "__main__":
    main()
