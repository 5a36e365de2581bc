"""The trainer's class-summary notebooks run on a generated class folder (with hostile files) in nb and en."""
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course_lib.classroom import demo_class

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("lang, text", [("nb", "deltakere"), ("en", "participants")])
def test_class_summary_notebook_runs(tmp_path, monkeypatch, lang, text):
    folder = tmp_path / "class"
    folder.mkdir()
    demo_class(folder, participants=12)
    (folder / "evil.json").write_text('{"kind": "<script>alert(1)</script>"}')
    monkeypatch.setenv("COURSE_CLASS_DIR", str(folder))
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path / "progress"))
    path = ROOT / "docs" / "trainer" / f"class_summary_{lang}.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit without outputs"
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html_out = "".join(o.get("data", {}).get("text/html", "") for o in outputs if "data" in o)
    assert f"12 {text}" in html_out and "<script>alert" not in html_out
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 4
