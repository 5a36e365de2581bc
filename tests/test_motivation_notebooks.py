"""Notebook 01 covers what the issue names (parity, outputs and student versions are checked for all notebooks elsewhere)."""
from pathlib import Path

import nbformat
import pytest


ROOT = Path(__file__).resolve().parents[1]


def _read(pattern, lang):
    return nbformat.read(ROOT / pattern.format(lang=lang), as_version=4)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_notebook_uses_every_motivation_app_and_cites_sources(lang):
    text = "\n".join(c.source for c in _read("notebooks/{lang}/01_motivation.ipynb", lang).cells)
    for needle in ("ProfileApp()", "ExpectancyApp(", "RewardsApp()", "reflection_module",
                   "Deci, Koestner", "Cerasoli, C. P., Nicklin, J. M. & Ford", "Herzberg", "Bandura", "Vroom"):
        assert needle in text
    if lang == "nb":
        assert "salgssjef" in text and "salgsleder" not in text


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_notebook_cites_the_verified_sources(lang):
    """Are the references checked for issue 8 there with their details (goal-setting, U3, Oliver)?"""
    text = "\n".join(c.source for c in _read("notebooks/{lang}/01_motivation.ipynb", lang).cells)
    for needle in ("Locke, E. A. & Latham, G. P. (1990)", "Locke, E. A. & Latham, G. P. (2002)",
                   "*American Psychologist, 57*(9), 705–717", "Cohen, J. (1988)", "Oliver, R. L. (1974)",
                   "02"):
        assert needle in text
    assert "Giraud" not in text


def test_norwegian_notebook_outputs_show_no_english_numbers(tmp_path, monkeypatch):
    """Run notebook 01 in bokmål: no executed text or table output may show a number like 0.63."""
    import re

    from nbclient import NotebookClient

    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path))
    book = _read("notebooks/{lang}/01_motivation.ipynb", "nb")
    NotebookClient(book, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    english = re.compile(r"(?<![\w.,])\d+\.\d+(?![\w.])")
    shown = []
    for cell in book.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for kind in ("text/plain", "text/html"):
                if kind in data and "widget" not in str(data.get("text/plain", "")):
                    shown.append(re.sub(r"<style>.*?</style>", "", data[kind], flags=re.S))
            if output.get("output_type") == "stream":
                shown.append(output.get("text", ""))
    assert shown, "the notebook showed nothing to check"
    found = [m.group(0) for text in shown for m in english.finditer(text)]
    assert not found, f"English-formatted numbers in the bokmål notebook: {found[:5]}"
