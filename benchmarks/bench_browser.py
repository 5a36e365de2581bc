"""From a control change to the new figure on screen, in a real JupyterLab (issue 14).

Run: ``.venv/bin/python benchmarks/bench_browser.py [--repeat 7] [--only NAME]`` (not a test;
needs Debian's chromium, as the browser tests do).

It starts JupyterLab on a free loopback port (as tests/browser/conftest.py does) serving a
generated notebook with one cell per app, opens it in headless chromium through Playwright, runs
it, and for each app changes its first control (a slider: ArrowRight/ArrowLeft on the focused
handle; else the first dropdown; else a toggle button) and times until the app's figure
(its first ``img``) has a new ``src`` — or, for an app without a figure, its text changed. It
prints the median and 90th percentile per app and, as the yardstick, the anchor (a new 7x4-inch
figure, one line, title, labels, PNG at 100 dpi) timed in the same kernel during the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from support import free_port, stop_group, wait_for_port  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_apps import APPS  # noqa: E402

ANCHOR_CELL = """\
import io, time, statistics
from matplotlib.figure import Figure
def _anchor():
    t0 = time.perf_counter()
    fig = Figure(figsize=(7, 4), dpi=100); ax = fig.subplots()
    ax.plot(range(30), [x * x for x in range(30)]); ax.set_title("Anchor"); ax.set_xlabel("x"); ax.set_ylabel("y")
    fig.savefig(io.BytesIO(), format="png", dpi=100)
    return time.perf_counter() - t0
_ = [_anchor() for _ in range(3)]
print("ANCHOR_MS", round(statistics.median(_anchor() for _ in range(9)) * 1000, 1))
"""


def notebook(apps) -> dict:
    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": "from course_lib import set_language\nset_language('nb')"}]
    for label, module, cls in apps:
        cells.append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                      "source": f"# {label}\nfrom course_lib.widgets.{module} import {cls}\n{cls}()"})
    cells.append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                  "source": ANCHOR_CELL})
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                        "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def available(only: str):
    import importlib

    found = []
    for label, module, names, _control in APPS:
        if only and only not in label:
            continue
        try:
            mod = importlib.import_module(f"course_lib.widgets.{module}")
        except ImportError:
            continue
        name = next((n for n in names if hasattr(mod, n)), None)
        if name:
            found.append((label, module, name))
    return found


CHANGE_JS = """
async ([root, step]) => {
  const img = root.querySelector('img');
  const before = img ? img.src : root.innerText;
  const handle = root.querySelector('.noUi-handle');
  const t0 = performance.now();
  if (handle) {
    handle.focus();
    const key = step % 2 === 0 ? 'ArrowRight' : 'ArrowLeft';
    handle.dispatchEvent(new KeyboardEvent('keydown', {key, code: key, bubbles: true}));
  } else if (root.querySelector('select')) {
    const sel = root.querySelector('select');
    const n = sel.options.length;
    const next = (sel.selectedIndex + (step % 2 === 0 ? 1 : n - 1)) % n;
    sel.selectedIndex = next;
    sel.dispatchEvent(new Event('change', {bubbles: true}));
  } else {
    const buttons = [...root.querySelectorAll('.widget-toggle-button')].filter(b => !b.classList.contains('mod-active'));
    buttons[0].click();
  }
  return await new Promise((resolve) => {
    const check = () => {
      const i = root.querySelector('img');
      const now = i ? i.src : root.innerText;
      if (now !== before && (!i || i.complete)) { resolve(performance.now() - t0); return; }
      if (performance.now() - t0 > 30000) { resolve(-1); return; }
      requestAnimationFrame(check);
    };
    check();
  });
}
"""


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--only", default="")
    args = ap.parse_args(argv)
    apps = available(args.only)
    base = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    root = base / "course"
    root.mkdir()
    (root / "bench_apps.ipynb").write_text(json.dumps(notebook(apps)))
    port, token = free_port(), "course-bench"
    env = dict(os.environ, COURSE_PROGRESS_DIR=str(base / "progress"), JUPYTER_CONFIG_DIR=str(base / "config"))
    log = open(base / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
         "--port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--LabApp.expose_app_in_browser=True", "--ServerApp.disable_check_xsrf=True"],
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        wait_for_port(port)
        from playwright.sync_api import sync_playwright

        import importlib.util

        spec = importlib.util.spec_from_file_location("browser_conftest", ROOT / "tests" / "browser" / "conftest.py")
        bconf = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = bconf  # its dataclass looks itself up there
        spec.loader.exec_module(bconf)
        CHROMIUM_ARGS, chromium_path = bconf.CHROMIUM_ARGS, bconf.chromium_path
        from helpers import open_notebook, run_all_cells

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.set_default_timeout(120_000)

            class _Lab:
                url = f"http://127.0.0.1:{port}/"

            _Lab.token = token
            open_notebook(page, _Lab, "bench_apps.ipynb")
            run_all_cells(page, timeout=600)
            cells = page.locator(".jp-Notebook .jp-CodeCell")
            rows = []
            for index, (label, _module, _cls) in enumerate(apps, start=1):
                out = cells.nth(index).locator(".jp-OutputArea").first
                out.scroll_into_view_if_needed()
                handle = out.element_handle()
                page.wait_for_timeout(300)
                times = []
                for step in range(args.repeat + 1):
                    ms = page.evaluate(CHANGE_JS, [handle, step])
                    page.wait_for_timeout(300)  # let the kernel go idle between changes
                    if step and ms >= 0:  # the first is a warm-up
                        times.append(ms)
                rows.append((label, times))
            anchor_cell = cells.nth(len(apps) + 1)
            run_anchor = "window.jupyterapp.commands.execute('notebook:run-cell')"
            anchor_cell.click()
            page.evaluate(run_anchor)
            page.wait_for_function(
                "el => /ANCHOR_MS/.test(el.innerText)", arg=anchor_cell.element_handle(), timeout=120_000)
            page.wait_for_timeout(500)
            text = anchor_cell.locator(".jp-OutputArea").inner_text()
            anchor = float(text.split("ANCHOR_MS")[1].split()[0])
            browser.close()
    finally:
        stop_group(proc)
        log.close()
        shutil.rmtree(base, ignore_errors=True)

    print(f"anchor (kernel, same run; new 7x4 in figure, one line, title, labels, PNG at 100 dpi): {anchor:.1f} ms")
    print(f"{'app':26} {'median ms':>10} {'x anchor':>9} {'p90 ms':>8} {'x anchor':>9}  n  target 1.5x")
    for label, times in rows:
        if not times:
            print(f"{label:26} no change seen on screen")
            continue
        med = statistics.median(times)
        p90 = sorted(times)[max(0, int(round(0.9 * len(times))) - 1)]
        ok = "ok" if med <= 1.5 * anchor else "OVER"
        print(f"{label:26} {med:10.0f} {med / anchor:9.2f} {p90:8.0f} {p90 / anchor:9.2f} {len(times):2d}  {ok}")


if __name__ == "__main__":
    main()
