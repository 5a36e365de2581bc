"""Handouts (HTML + PDF) are produced without error output; one notebook per language (full set: make handouts)."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_handouts_html_and_pdf_without_errors(tmp_path):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed (scripts/ensure-chromium)")
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "handouts.py"), "--out", str(tmp_path),
                          "--only", "00_start_here"], capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stderr
    assert "Error" not in res.stderr and "Traceback" not in res.stderr, res.stderr
    for lang in ("nb", "en"):
        html = tmp_path / lang / "00_start_here.html"
        pdf = html.with_suffix(".pdf")
        assert html.exists() and "Traceback" not in html.read_text(encoding="utf-8")
        assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000


def test_error_outputs_are_found():
    import importlib.util

    import nbformat

    spec = importlib.util.spec_from_file_location("handouts", ROOT / "scripts" / "handouts.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1/0")
    cell.outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero", traceback=[])]
    ok = nbformat.v4.new_code_cell("1")
    nb.cells = [ok, cell]
    assert mod.error_outputs(nb) == ["ZeroDivisionError: division by zero"]
    nb.cells = [ok]
    assert mod.error_outputs(nb) == []
