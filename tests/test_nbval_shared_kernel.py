"""Notebooks under nbval share one kernel per test process (root conftest.py), yet each starts as in
a new kernel: nothing of the previous notebook's namespace, widgets, figures, language or working
directory is left."""
from __future__ import annotations

from pathlib import Path

pytest_plugins = ["pytester"]
ROOT = Path(__file__).resolve().parents[1]

FIRST = [
    "import os\nopen(os.environ['PID_FILE'], 'a').write(f'{os.getpid()}\\n')",
    "secret = 41",
    "import ipywidgets as w\nslider = w.IntSlider(value=3)\nslider",
    "import matplotlib.pyplot as plt\nfig = plt.figure()",
    "from course_lib import set_language\nset_language('en')",
]
SECOND = [
    "import os\nopen(os.environ['PID_FILE'], 'a').write(f'{os.getpid()}\\n')",
    "secret",                                                        # must fail: not defined here
    "import os\nassert os.path.basename(os.getcwd()) == 'b_folder', os.getcwd()",
    "from ipywidgets.widgets.widget import _instances\nassert not _instances, len(_instances)",
    "import sys\nassert 'matplotlib.pyplot' not in sys.modules or not sys.modules['matplotlib.pyplot'].get_fignums()",
    "from course_lib import get_language\nassert get_language() == 'nb', get_language()",
]


def _notebook(folder: Path, name: str, sources: list[str]) -> None:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell(src) for src in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)


def test_the_second_notebook_sees_nothing_of_the_first_in_the_same_kernel(pytester, monkeypatch):
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    _notebook(pytester.path / "a_folder", "first.ipynb", FIRST)
    _notebook(pytester.path / "b_folder", "second.ipynb", SECOND)
    pid_file = pytester.path / "pids.txt"
    monkeypatch.setenv("PID_FILE", str(pid_file))
    monkeypatch.delenv("COURSE_NBVAL_FRESH_KERNELS", raising=False)
    result = pytester.runpytest_subprocess("--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider",
                                           "a_folder", "b_folder", timeout=300)
    result.assert_outcomes(failed=1, passed=len(FIRST) + len(SECOND) - 1)
    assert "name 'secret' is not defined" in result.stdout.str()
    pids = pid_file.read_text().split()
    assert len(pids) == 2 and pids[0] == pids[1]                 # one kernel ran both
