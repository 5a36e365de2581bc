"""Notebook 01 covers what the issue names (parity, outputs and student versions are checked for all notebooks elsewhere)."""
import os
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


def test_norwegian_notebook_outputs_are_audited_for_english_numbers_when_make_test_runs_them():
    """Notebook 01 in bokmål runs once in `make test`: in JupyterLab, in the browser tests, whose
    helper saves it after "Run all" and applies nbval's checks to its outputs, the number audit
    included (`format_audit.executed_notebook_problems`); nbval no longer runs it a second time.
    """
    from course_lib.format_audit import audited_notebook

    assert os.environ.get("COURSE_AUDIT_NUMBERS") == "1"
    assert audited_notebook("notebooks/nb/01_motivation.ipynb")
    recipe = (ROOT / "Makefile").read_text()
    test_target = recipe[recipe.index("\ntest:"):recipe.index("\ntest-fast:")]
    assert "-m browser tests/browser" in test_target and "notebooks/nb" not in test_target
    helpers = (ROOT / "tests" / "browser" / "helpers.py").read_text()
    run = helpers[helpers.index("def open_and_run"):helpers.index("def save_notebook")]
    assert "saved_output_problems" in run
    browser_tests = (ROOT / "tests" / "browser" / "test_motivation_browser.py").read_text()
    assert 'notebook_page(f"notebooks/{lang}/01_motivation.ipynb")' in browser_tests
