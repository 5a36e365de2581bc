"""The browser tests of one notebook run side by side, so a worker runs each notebook once (issue 14)."""
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from support import grouped_order

TESTS = Path(__file__).resolve().parent

ROOT = Path(__file__).resolve().parents[1]


def _items(*ids):
    return [SimpleNamespace(nodeid=i) for i in ids]


def test_interleaved_groups_come_out_side_by_side_where_each_began():
    items = _items("acc[a-nb]", "acc[a-en]", "solo", "mod_a[nb]", "mod_a[en]", "voila[x]")
    groups = {"acc[a-nb]": "a-nb", "mod_a[nb]": "a-nb", "acc[a-en]": "a-en", "mod_a[en]": "a-en",
              "voila[x]": "voila"}
    order = [i.nodeid for i in grouped_order(items, groups, lead=("voila",))]
    assert order == ["voila[x]", "acc[a-nb]", "mod_a[nb]", "acc[a-en]", "mod_a[en]", "solo"]
    assert [i.nodeid for i in grouped_order(items, groups)][-1] == "voila[x]"  # no lead: where it began


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


SYNTHETIC_CONFTEST = """
import sys
import pytest
sys.path.insert(0, {tests!r})
from support import apply_groups


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    groups = {{i.nodeid: "ab"[i.callspec.params["n"] % 2] for i in items if i.callspec.params["n"] < 6}}
    apply_groups(config, items, groups)
"""
SYNTHETIC_TEST = """
import os, time
import pytest


@pytest.mark.parametrize("n", range(8))
def test_step(n, request):
    group = "ab"[n % 2] if n < 6 else "-"
    with open(os.environ["ORDER_FILE"], "a") as f:
        f.write(f"{{os.environ.get('PYTEST_XDIST_WORKER')}} {{group}} {{n}}\\n")
    time.sleep(0.15)
"""


def test_xdist_keeps_each_group_on_one_worker_in_a_row(tmp_path):
    """The real scheduler (two workers, ``--dist loadgroup`` as ``make test`` runs it) on a made-up suite
    whose groups interleave: a0 b1 a2 b3 a4 b5 and two loose tests. Fails if the group never reaches
    xdist (pytest 9.2 ignores the ``_nodeid`` xdist writes, issue 14)."""
    (tmp_path / "conftest.py").write_text(SYNTHETIC_CONFTEST.format(tests=str(TESTS)))
    (tmp_path / "test_synthetic.py").write_text(SYNTHETIC_TEST.format())
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    order = tmp_path / "order.txt"
    env = dict(os.environ, ORDER_FILE=str(order), PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")  # xdist alone: quicker
    res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "xdist.plugin", "-n", "2", "--dist", "loadgroup",
                          "--no-loadscope-reorder", "-p", "no:cacheprovider", str(tmp_path)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    rows = [line.split() for line in order.read_text().splitlines()]
    assert len(rows) == 8
    for group in "ab":
        workers = {w for w, g, _n in rows if g == group}
        assert len(workers) == 1, f"group {group} ran on {workers}"
        on_worker = [g for w, g, _n in rows if w in workers]
        first = on_worker.index(group)
        assert on_worker[first:first + 3] == [group] * 3, f"group {group} interrupted: {on_worker}"
