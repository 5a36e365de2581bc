"""The browser tests of one notebook run side by side, so a worker runs each notebook once (issue 14)."""
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from support import grouped_order

ROOT = Path(__file__).resolve().parents[1]


def _items(*ids):
    return [SimpleNamespace(nodeid=i) for i in ids]


def test_interleaved_groups_come_out_side_by_side_where_each_began():
    items = _items("acc[a-nb]", "acc[a-en]", "solo", "mod_a[nb]", "mod_a[en]", "voila[x]")
    groups = {"acc[a-nb]": "a-nb", "mod_a[nb]": "a-nb", "acc[a-en]": "a-en", "mod_a[en]": "a-en",
              "voila[x]": "voila"}
    order = [i.nodeid for i in grouped_order(items, groups)]
    assert order == ["voila[x]", "acc[a-nb]", "mod_a[nb]", "acc[a-en]", "mod_a[en]", "solo"]


PRINT_GROUPS = """
def pytest_collection_finish(session):
    for item in session.items:
        mark = item.get_closest_marker("xdist_group")
        print("GROUP", mark.args[0] if mark else "-", item.nodeid)
"""


def test_the_collected_browser_tests_keep_each_notebook_together(tmp_path):
    (tmp_path / "print_groups.py").write_text(PRINT_GROUPS)
    env = dict(os.environ, PYTHONPATH=f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "browser", "tests/browser",
                          "-p", "print_groups", "-p", "no:cacheprovider"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120).stdout
    groups = [line.split()[1] for line in out.splitlines() if line.startswith("GROUP ")]
    assert len(groups) > 30
    notebooks = {g for g in groups if g.startswith("lab:notebooks/")}
    assert len(notebooks) == 14, "every module notebook in both languages"
    runs = [g for index, g in enumerate(groups) if g != "-" and (index == 0 or groups[index - 1] != g)]
    assert len(runs) == len(set(runs)), f"a group's tests are split: {runs}"
