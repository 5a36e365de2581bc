"""Every widget app of the course in a real browser, in JupyterLab and in Voilà (issue 14).

Run: ``.venv/bin/python benchmarks/bench_browser.py [--repeat 5] [--only NAME] [--front lab|voila|both]
[--lang nb|en] [--loads 3] [--voila-loads 1] [--verbose]`` (a measurement, not a test; needs
Debian's chromium, as the browser tests do, and prints a note instead when it is missing).

The servers and the browser are the browser tests' own fixtures (``tests/browser/conftest.py``:
JupyterLab and Voilà on free loopback ports, each in its own process group, stopped by id at the
end; headless chromium through Playwright). The apps are those of ``bench_apps.APPS`` (modules
00-05, with the same control the kernel-side benchmark moves) plus module 06's capstone app (filled
from the case, its phase toggle), the trainer's class-summary app (its refresh button, on a made-up
class of 30 that gains or loses one participant before each refresh) and module 00's language picker.

* **change** (per app and front end): the control is changed in the page (slider: ArrowRight /
  ArrowLeft on its handle; dropdown: the next / previous option; toggle buttons: the other button;
  button: a click), and the time is taken from that event until the app's display stops changing:
  the last change to the page inside the app (a new or changed figure counts once the image is
  decoded and a frame has been painted) followed by ``--settle`` ms of quiet. Changes inside the
  controls themselves (the slider's own readout) do not count. The first change is a warm-up; the
  median and the 90th percentile (nearest rank) of ``--repeat`` changes are shown.
* **first** display: from the start of the app's cell to the app visible with its figures painted
  and settled. In JupyterLab the cell is run again from the page (its imports already done, as
  ``bench_apps`` does), median of ``--loads`` runs. In Voilà (one notebook per app: language, the
  app's import, the app) it is timed from the kernel's clock at the start of the app's cell (Voilà
  runs the whole notebook before the page's widget manager shows anything), median of
  ``--voila-loads`` page loads; **page** is the whole wait from starting to load the page (a new
  kernel, the imports, the notebook, the widgets) to the same point.
* **anchor**: a new simple 7x4-inch figure with one line, title and axis labels drawn to PNG at
  100 dpi (``bench_apps.anchor_once``, wall clock), timed in the JupyterLab kernel at the start,
  between the front ends and at the end of the same run. Targets: change on screen <= 1.5x the
  anchor, first display <= 2.5x.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
for _p in (ROOT / "tests", ROOT / "tests" / "browser", HERE):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from bench_apps import APPS, _first, anchor_once, load  # noqa: E402
import scratch  # noqa: E402  (benchmarks/, on the path when a script runs)


CLASS_DIR_VAR = "BENCH_CLASS_DIR"


def _class_summary(cls):
    """The trainer's app on a made-up class of 30 (the harness's folder, or one made here)."""
    folder = os.environ.get(CLASS_DIR_VAR)
    if not folder:
        from course_lib.classroom import demo_class

        folder = scratch.folder("bench-class-")
        demo_class(folder, participants=30)
    return cls(folder=folder)


def _capstone(cls):
    """Module 06 with the package filled from the case: the phase toggle then changes the findings."""
    app = cls()
    app.fill_from_case()
    return app


class _ClassArrivals:
    """Before each refresh of the class summary one more participant arrives or leaves again,
    so the refresh has something new to show (as in class, while answers come in)."""

    def __init__(self):
        self.written = []

    def __call__(self, step: int) -> None:
        from course_lib.classroom import demo_class

        if self.written:
            for path in self.written:
                Path(path).unlink(missing_ok=True)
            self.written = []
        else:
            self.written = demo_class(os.environ[CLASS_DIR_VAR], participants=1, seed=1000 + step)


# (label, module, class names, control (None: the first control found, as in bench_apps), maker)
# how the harness builds an app in the page when the plain constructor will not do
MAKERS = {"06 capstone": _capstone, "trainer class summary": _class_summary}
BROWSER_APPS = [(*row, MAKERS.get(row[0])) for row in APPS] + [
    # last: it switches the kernel's language (back again after an even number of changes)
    ("00 language picker", "language", ["LanguagePicker"], None, lambda cls: cls("00_start_here.ipynb")),
]
# what the harness does before each change of an app (outside the browser)
BEFORE_CHANGE = {"trainer class summary": _ClassArrivals}


def _entry(label: str):
    for row in BROWSER_APPS:
        if row[0] == label:
            return row
    raise LookupError(f"unknown app {label!r}")


# --------------------------------------------------------------------- run inside the kernel
def prepare(label: str) -> None:
    """Import app ``label``'s module and build the app once (a notebook's import cell, before the
    app's own cell), so that its first display is timed with warm imports, as in ``bench_apps``; the
    widgets of that build are closed again so the page does not load them."""
    from ipywidgets.widgets.widget import _instances

    _label, module, names, _control_of, maker = _entry(label)
    cls = load(module, names)
    before = set(_instances)
    _app = maker(cls) if maker else cls()
    for key in set(_instances) - before:
        widget = _instances.get(key)
        if widget is not None:
            widget.close()


def show(label: str):
    """Build app ``label`` in a notebook cell, marking its root and the control the benchmark moves.

    The root also carries the wall-clock time at which the cell started (class ``bench-t0-<ms>``), so
    the page can time the app's first display from the cell's start (used in Voilà).
    """
    started = time.time()
    _label, module, names, control_of, maker = _entry(label)
    cls = load(module, names)
    app = maker(cls) if maker else cls()
    app.widget.add_class("bench-app")
    app.widget.add_class(f"bench-t0-{started * 1000:.0f}")
    (control_of or _first)(app).add_class("bench-control")
    return app


def anchor(runs: int = 9) -> None:
    """Print the anchor's wall-clock times in ms (after three warm-up runs)."""
    import bench_apps

    bench_apps.CLOCK = time.perf_counter
    for _ in range(3):
        anchor_once()
    print("ANCHOR_MS", " ".join(f"{anchor_once() * 1000:.1f}" for _ in range(runs)))


# --------------------------------------------------------------------- run in the page
PAGE_JS = r"""
(() => {
  // what a learner operates; changes inside them (a slider's own readout) are not the app's answer
  const CONTROLS = '.widget-slider, .widget-hslider, .widget-vslider, .widget-dropdown, .widget-select, '
    + '.widget-select-multiple, .widget-toggle-buttons, .widget-radio, .widget-checkbox, .widget-text, '
    + '.widget-button, .jupyter-button, .bench-control';
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));

  function watch(root, ignoreControls) {
    const st = {last: 0, count: 0, pending: 0, first: 0, what: []};
    const mark = (m) => {
      st.last = performance.now(); st.count++;
      if (!st.first) st.first = st.last;
      if (m && st.what.length < 6) st.what.push(`${m.type}:${m.target.nodeType === 1 ? m.target.className : '#text'}`.slice(0, 60));
    };
    const onImg = (img) => {
      st.pending++;
      const done = () => requestAnimationFrame(() => { mark(); st.pending--; });
      (img.decode ? img.decode() : Promise.resolve()).then(done, done);
    };
    const inControl = (node) => {
      const el = node.nodeType === 1 ? node : node.parentElement;
      return !!(el && el.closest(CONTROLS));
    };
    st.observer = new MutationObserver((mutations) => {
      for (const m of mutations) {
        if (ignoreControls && inControl(m.target)) continue;
        mark(m);
        if (m.type === 'childList') {
          for (const n of m.addedNodes) {
            if (n.nodeType !== 1) continue;
            if (n.tagName === 'IMG') onImg(n);
            n.querySelectorAll('img').forEach(onImg);
          }
        } else if (m.type === 'attributes' && m.target.tagName === 'IMG' && m.attributeName === 'src') {
          onImg(m.target);
        }
      }
    });
    st.observer.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
    return st;
  }

  // resolves with the time of the last change once nothing changed for `settle` ms (-1: nothing changed)
  function settled(st, settle, deadline) {
    return new Promise((resolve) => {
      const check = () => {
        const now = performance.now();
        if (st.count > 0 && st.pending === 0 && now - st.last >= settle) {
          st.observer.disconnect(); resolve(st.last); return;
        }
        if (now > deadline) { st.observer.disconnect(); resolve(st.count > 0 ? st.last : -1); return; }
        setTimeout(check, 10);
      };
      check();
    });
  }

  const visible = (el) => el.getClientRects().length > 0 && el.getBoundingClientRect().height > 0;
  const painted = (root) => [...root.querySelectorAll('img')].every((i) => i.complete && i.naturalWidth > 0);

  // time (performance.now) at which the app found by findRoot is visible, painted and settled
  async function appears(findRoot, settle, timeout) {
    const deadline = performance.now() + timeout;
    let root = null;
    while (!(root = findRoot()) || !visible(root) || !painted(root)) {
      if (performance.now() > deadline) return -1;
      await new Promise((r) => setTimeout(r, 5));
    }
    await frame();
    const st = watch(root, false);
    st.count = 1; st.last = performance.now();
    return await settled(st, settle, deadline);
  }

  function act(ctl, step) {
    const handle = ctl.querySelector('.noUi-handle');
    if (handle) {
      const now = +handle.getAttribute('aria-valuenow'), max = +handle.getAttribute('aria-valuemax'),
            min = +handle.getAttribute('aria-valuemin');
      let key = step % 2 === 0 ? 'ArrowRight' : 'ArrowLeft';
      if (now >= max) key = 'ArrowLeft'; else if (now <= min) key = 'ArrowRight';
      handle.focus();
      handle.dispatchEvent(new KeyboardEvent('keydown', {key, code: key, bubbles: true, cancelable: true}));
      return 'slider';
    }
    const sel = ctl.tagName === 'SELECT' ? ctl : ctl.querySelector('select');
    if (sel && sel.multiple) {
      const o = sel.options[sel.options.length - 1];
      o.selected = !o.selected;
      sel.dispatchEvent(new Event('change', {bubbles: true}));
      return 'select-multiple';
    }
    if (sel) {
      const n = sel.options.length;
      sel.selectedIndex = (sel.selectedIndex + (step % 2 === 0 ? 1 : n - 1)) % n;
      sel.dispatchEvent(new Event('change', {bubbles: true}));
      return 'dropdown';
    }
    const toggle = [...ctl.querySelectorAll('.widget-toggle-button')].find((b) => !b.classList.contains('mod-active'));
    if (toggle) { toggle.click(); return 'toggle'; }
    const radio = ctl.querySelector('input[type=radio]:not(:checked)');
    if (radio) { radio.click(); return 'radio'; }
    const box = ctl.querySelector('input[type=checkbox]');
    if (box) { box.click(); return 'checkbox'; }
    const button = ctl.tagName === 'BUTTON' ? ctl : ctl.querySelector('button');
    if (button) { button.click(); return 'button'; }
    return null;
  }

  async function change(root, step, settle, timeout) {
    const ctl = root.classList.contains('bench-control') ? root : root.querySelector('.bench-control');
    if (!ctl) return {error: 'no control marked in the app'};
    const st = watch(root, true);
    const t0 = performance.now();
    const kind = act(ctl, step);
    if (!kind) { st.observer.disconnect(); return {error: 'the control is of a kind the benchmark cannot operate'}; }
    const last = await settled(st, settle, t0 + timeout);
    return {ms: last < 0 ? -1 : last - t0, kind, first: st.first ? st.first - t0 : -1, what: st.what};
  }

  const lab = () => window.jupyterapp.shell.currentWidget.content;
  window.__bench = {
    appears, change,
    labScroll(i) { lab().widgets[i].node.scrollIntoView({block: 'start'}); },
    async labFirst(i, settle, timeout) {
      const nb = lab(), cell = nb.widgets[i];
      cell.node.querySelectorAll('.bench-app').forEach((e) => e.setAttribute('data-bench-old', ''));
      nb.activeCellIndex = i; nb.deselectAll();
      const t0 = performance.now();
      window.jupyterapp.commands.execute('notebook:run-cell');
      const t = await appears(() => cell.node.querySelector('.bench-app:not([data-bench-old])'), settle, timeout);
      return t < 0 ? -1 : t - t0;
    },
    async labChange(i, step, settle, timeout) {
      const root = lab().widgets[i].node.querySelector('.bench-app:not([data-bench-old])');
      return root ? await change(root, step, settle, timeout) : {error: 'the app is not shown'};
    },
    async labRun(i) {
      const nb = lab();
      nb.activeCellIndex = i; nb.deselectAll();
      await window.jupyterapp.commands.execute('notebook:run-cell');
      return JSON.stringify(nb.widgets[i].model.outputs.toJSON());
    },
    async voilaFirst(settle, timeout) {
      const t = await appears(() => document.querySelector('.bench-app'), settle, timeout);
      if (t < 0) return {page: -1, cell: -1};
      const mark = [...document.querySelector('.bench-app').classList].find((c) => c.startsWith('bench-t0-'));
      return {page: t, cell: mark ? performance.timeOrigin + t - +mark.slice(9) : -1};
    },
    async voilaChange(step, settle, timeout) {
      const root = document.querySelector('.bench-app');
      return root ? await change(root, step, settle, timeout) : {error: 'the app is not shown'};
    },
  };
})();
"""


# --------------------------------------------------------------------- the harness
def _notebook(sources) -> str:
    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": s}
             for s in sources]
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                   "language": "python"}},
                       "nbformat": 4, "nbformat_minor": 5})


def _head(lang: str) -> list[str]:
    return [f"from course_lib import set_language\nset_language({lang!r})",
            f"import sys\nsys.path.insert(0, {str(HERE)!r})\nfrom bench_browser import anchor, prepare, show"]


def _browser_conftest():
    """tests/browser/conftest.py as a module: its fixtures start the servers and the browser."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("browser_conftest", ROOT / "tests" / "browser" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    os.environ.setdefault(module.SAVE_WIDGET_STATE, "0")  # as in a learner's JupyterLab: no widget state saved
    return module


@contextlib.contextmanager
def _fixture(fixture, *args):
    """Run a pytest generator fixture outside pytest: set-up on entry, its own tear-down on exit."""
    func = getattr(fixture, "__wrapped__", None)
    if func is None and hasattr(fixture, "_get_wrapped_function"):
        func = fixture._get_wrapped_function()
    if func is None and hasattr(fixture, "__pytest_wrapped__"):
        func = fixture.__pytest_wrapped__.obj
    gen = (func or fixture)(*args)
    value = next(gen)
    try:
        yield value
    finally:
        gen.close()


class _TmpPaths:
    """The one method of pytest's ``tmp_path_factory`` the Lab fixture uses."""

    def __init__(self, base: Path):
        self.base = base

    def mktemp(self, name: str) -> Path:
        return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.base))


def _p90(values):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


VERBOSE = False


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _anchor_ms(page, index: int) -> list[float]:
    outputs = json.loads(page.evaluate("i => window.__bench.labRun(i)", index))
    text = "".join("".join(o.get("text", "")) for o in outputs if o.get("output_type") == "stream")
    if "ANCHOR_MS" not in text:
        raise RuntimeError(f"the anchor cell printed no times: {outputs}")
    return [float(x) for x in text.split("ANCHOR_MS", 1)[1].split()]


def _changes(evaluate, repeat: int, errors: list, before=None) -> list[float]:
    times = []
    for step in range(repeat + 1):
        if before is not None:
            before(step)
        result = evaluate(step)
        if "error" in result:
            errors.append(result["error"])
            break
        if result["ms"] < 0:
            errors.append(f"no change on screen after moving the {result['kind']}")
            break
        if VERBOSE:
            _log(f"   {result}")
        if step:  # the first change is a warm-up
            times.append(result["ms"])
    return times


def _before(label: str):
    maker = BEFORE_CHANGE.get(label)
    return maker() if maker else None


def run(args) -> dict:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    bconf = _browser_conftest()
    wanted = [w.strip().lower() for w in args.only.split(",")]
    labels = [row[0] for row in BROWSER_APPS if any(w in row[0].lower() for w in wanted)]
    importable = [label for label in labels if load(_entry(label)[1], _entry(label)[2]) is not None]
    results = {"labels": labels, "missing": [x for x in labels if x not in importable], "anchor": [],
               "lab": {}, "voila": {}}
    settle, budget = args.settle, args.timeout * 1000
    base = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    saved_env = os.environ.get(CLASS_DIR_VAR)
    try:
        if "trainer class summary" in importable:
            from course_lib.classroom import demo_class

            os.environ[CLASS_DIR_VAR] = str(base / "class")  # the servers' kernels inherit it
            (base / "class").mkdir()
            demo_class(base / "class", participants=30)
        with contextlib.ExitStack() as stack:
            lab = stack.enter_context(_fixture(bconf.lab, _TmpPaths(base)))
            folder = lab.root / "bench"
            folder.mkdir()
            lab_apps = importable if args.front in ("lab", "both") else []
            (folder / "lab.ipynb").write_text(_notebook(
                _head(args.lang) + [f"show({label!r})" for label in lab_apps] + ["anchor()"]))
            first_app, anchor_cell = 2, 2 + len(lab_apps)
            browser = stack.enter_context(_fixture(bconf.browser))
            lab_context = browser.new_context(viewport={"width": 1400, "height": 1000})
            lab_context.add_init_script(script=PAGE_JS)
            page = lab_context.new_page()
            page.set_default_timeout(120_000)
            from helpers import open_notebook, run_all_cells

            _log(f"JupyterLab: running {len(lab_apps)} apps once")
            open_notebook(page, lab, "bench/lab.ipynb")
            run_all_cells(page, timeout=900)
            results["anchor"] += _anchor_ms(page, anchor_cell)
            for n, label in enumerate(lab_apps):
                index, errors = first_app + n, []
                _log(f"JupyterLab: {label}")
                page.evaluate("i => window.__bench.labScroll(i)", index)
                page.wait_for_timeout(300)
                firsts = [page.evaluate("([i, s, t]) => window.__bench.labFirst(i, s, t)", [index, settle, budget])
                          for _ in range(args.loads)]
                if VERBOSE:
                    _log(f"   first {firsts}")
                if any(t < 0 for t in firsts):
                    errors.append("the app did not appear after running its cell")
                    changes = []
                else:
                    page.wait_for_timeout(300)
                    changes = _changes(lambda step: page.evaluate(
                        "([i, k, s, t]) => window.__bench.labChange(i, k, s, t)", [index, step, settle, budget]),
                        args.repeat, errors, _before(label))
                results["lab"][label] = {"first": [t for t in firsts if t >= 0], "change": changes,
                                         "errors": errors}
            if args.front in ("voila", "both"):
                results["anchor"] += _anchor_ms(page, anchor_cell)
                voila = stack.enter_context(_fixture(bconf.voila, lab))
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                context.add_init_script(script=PAGE_JS)
                for n, label in enumerate(importable):
                    name = f"app{n:02d}.ipynb"
                    (folder / name).write_text(_notebook(_head(args.lang) + [f"prepare({label!r})", f"show({label!r})"]))
                    _log(f"Voilà: {label}")
                    firsts, pages, changes, errors = [], [], [], []
                    for load_no in range(args.voila_loads):
                        vpage = context.new_page()
                        vpage.set_default_timeout(300_000)
                        try:
                            vpage.goto(f"{voila}voila/render/bench/{name}", wait_until="commit")
                            shown = vpage.evaluate("([s, t]) => window.__bench.voilaFirst(s, t)", [settle, 300_000])
                        except PlaywrightTimeout:
                            shown = {"page": -1, "cell": -1}
                        if VERBOSE:
                            _log(f"   first {shown}")
                        if shown["page"] < 0:
                            errors.append("the app did not appear in the Voilà page")
                            vpage.close(run_before_unload=True)
                            break
                        firsts.append(shown["cell"])
                        pages.append(shown["page"])
                        if load_no == args.voila_loads - 1:
                            vpage.wait_for_timeout(300)
                            changes = _changes(lambda step, p=vpage: p.evaluate(
                                "([k, s, t]) => window.__bench.voilaChange(k, s, t)", [step, settle, budget]),
                                args.repeat, errors, _before(label))
                        vpage.close(run_before_unload=True)  # Voilà shuts the page's kernel down
                        time.sleep(0.5)
                    results["voila"][label] = {"first": firsts, "page": pages, "change": changes, "errors": errors}
                context.close()
                page.bring_to_front()
            results["anchor"] += _anchor_ms(page, anchor_cell)
            lab_context.close()
    finally:
        if saved_env is None:
            os.environ.pop(CLASS_DIR_VAR, None)
        else:
            os.environ[CLASS_DIR_VAR] = saved_env
        shutil.rmtree(base, ignore_errors=True)
    return results


def report(results, args) -> None:
    anchor = statistics.median(results["anchor"])
    print(f"anchor: {anchor:.1f} ms (new 7x4 in figure, one line, title, labels, PNG at 100 dpi; wall clock in "
          f"the JupyterLab kernel, median of {len(results['anchor'])} runs at the start, middle and end)")
    print(f"language {args.lang}; change: median and p90 of {args.repeat} changes after one warm-up; first: "
          f"median of {args.loads} cell runs (lab) / {args.voila_loads} page loads (voila); 'settled' = "
          f"{args.settle} ms without a change. Targets: change <= 1.5x anchor, first <= 2.5x.")
    print()
    print(f"{'front':6} {'app':24} {'change ms':>9} {'p90 ms':>7} {'x anchor':>8} {'first ms':>9} "
          f"{'x anchor':>8} {'page ms':>8}  {'n':>2}  targets")
    for front in ("lab", "voila"):
        rows = results[front]
        for label in results["labels"]:
            if label in results["missing"]:
                print(f"{front:6} {label:24} missing (module not merged)")
                continue
            row = rows.get(label)
            if row is None:
                continue
            if not row["first"]:
                print(f"{front:6} {label:24} not driven: {'; '.join(row['errors'])}")
                continue
            first = statistics.median(row["first"])
            page = f"{statistics.median(row['page']):8.0f}" if row.get("page") else f"{'':8}"
            first_txt = f"{first:9.0f} {first / anchor:8.2f} {page}"
            change = row["change"]
            if not change:
                print(f"{front:6} {label:24} {'-':>9} {'-':>7} {'-':>8} {first_txt}  {0:2d}  "
                      f"change not measured: {'; '.join(row['errors'])}")
                continue
            med = statistics.median(change)
            # each target judged on its own: "change" is what a learner waits for on every move
            ok = " ".join(f"{what} {'ok' if value <= limit * anchor else 'OVER'}"
                          for what, value, limit in (("change", med, 1.5), ("first", first, 2.5)))
            print(f"{front:6} {label:24} {med:9.0f} {_p90(change):7.0f} {med / anchor:8.2f} {first_txt}  "
                  f"{len(change):2d}  {ok}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="control changes measured per app (after one warm-up)")
    ap.add_argument("--loads", type=int, default=3, help="first displays per app in JupyterLab (cell runs)")
    ap.add_argument("--voila-loads", type=int, default=1, help="Voilà pages loaded per app (each starts a kernel)")
    ap.add_argument("--only", default="", help="substring of the app labels to run (several: comma-separated)")
    ap.add_argument("--front", choices=["lab", "voila", "both"], default="both")
    ap.add_argument("--lang", choices=["nb", "en"], default="nb")
    ap.add_argument("--settle", type=int, default=500, help="ms without a change that end a measurement")
    ap.add_argument("--timeout", type=float, default=30, help="s to wait for one change to show")
    ap.add_argument("--verbose", action="store_true", help="print every measurement (stderr)")
    args = ap.parse_args(argv)
    global VERBOSE
    VERBOSE = args.verbose
    if min(args.repeat, args.loads, args.voila_loads) < 1:
        ap.error("--repeat, --loads and --voila-loads must be at least 1")
    bconf = _browser_conftest()
    if bconf.chromium_path() is None:
        print("bench_browser: Debian's chromium is not installed (scripts/ensure-chromium); nothing measured")
        return
    started = time.monotonic()
    results = run(args)
    report(results, args)
    print(f"(whole run {time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
