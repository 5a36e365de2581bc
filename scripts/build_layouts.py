"""Write course_lib/data/layouts.json: where a fresh kernel puts the axes of each app's figure.

Run: ``make layouts`` (or ``.venv/bin/python scripts/build_layouts.py``), after any change to
``course_lib``; ``tests/test_layout_store.py`` fails until then, and meanwhile the kernels simply
lay every figure out themselves (``course_lib/plots/layout_store.py``).

Each module notebook is run in both languages, and each projector app (``course present``) is
built in projector mode, each in a new Python process (as many at a time as there are cores, at
most four) with the shipped layouts turned off: the positions recorded are the ones that process
found, the same a learner's new kernel finds. Where two runs meet the same key, the first one's
positions (in the order listed here) are kept, as in one kernel.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Runs in the child: the notebook's code cells, or the projector apps, then prints the layouts found.
CHILD = r"""
import json, sys
import nbformat
from IPython.core.interactiveshell import InteractiveShell
from course_lib.plots import blit
from course_lib.plots.layout_store import key_text, serialise

blit._MAX_LAYOUTS = 10 ** 6
what, arg = sys.argv[1], sys.argv[2]
shell = InteractiveShell.instance()
if what == "notebook":
    for cell in nbformat.read(arg, as_version=4).cells:
        if cell.cell_type == "code":
            shell.run_cell(cell.source, store_history=False)
else:
    from course_lib import set_language
    from course_lib.present import APPS, projector_call
    set_language(arg)
    for name, (module, call) in APPS.items():
        shell.run_cell(f"from {module} import {call.split('(', 1)[0]}\n_app = {projector_call(call)}",
                       store_history=False)
print("LAYOUTS " + json.dumps({key_text(k): serialise(v) for k, v in blit._LAYOUTS.items()}))
"""


def run(what: str, arg: str, cwd: Path) -> dict:
    env = dict(os.environ, COURSE_SHIPPED_LAYOUTS="0", COURSE_PROGRESS_DIR=tempfile.mkdtemp(prefix="layouts-"),
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    env.pop("COURSE_LANG", None)
    env.pop("COURSE_AUDIT_NUMBERS", None)
    out = subprocess.run([sys.executable, "-c", CHILD, what, arg], cwd=cwd, env=env, capture_output=True,
                         text=True, timeout=600)
    lines = [line for line in out.stdout.splitlines() if line.startswith("LAYOUTS ")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"{what} {arg} failed:\n{out.stderr[-2000:]}")
    return json.loads(lines[-1][len("LAYOUTS "):])


def main() -> None:
    from course_lib.plots import layout_store

    started = time.monotonic()
    layouts: dict[str, list] = {}
    jobs = [("notebook", str(path), path.parent) for lang in ("nb", "en")
            for path in sorted((ROOT / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb"))]
    jobs += [("projector", lang, ROOT) for lang in ("nb", "en")]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        results = list(pool.map(lambda job: run(*job), jobs))     # merged below in the jobs' order
    for (what, arg, _), found in zip(jobs, results):
        new = {k: v for k, v in found.items() if k not in layouts}
        layouts.update(new)
        print(f"{what:9s} {Path(arg).name:28s} {len(found):3d} layouts, {len(new):3d} new")
    layout_store.write(layouts)
    size = layout_store.STORE.stat().st_size
    print(f"wrote {layout_store.STORE.relative_to(ROOT)}: {len(layouts)} layouts, {size / 1000:.0f} kB, "
          f"in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
