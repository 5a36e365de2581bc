"""The number-format audit (course_lib/format_audit.py and the hooks in the root conftest.py)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import course_lib
from course_lib import format_audit
from course_lib.format_audit import english_numbers

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- english_numbers


@pytest.mark.parametrize("text, found", [
    ("attainment 1.014613", ["1.014613"]),
    ("0.6299999999999999", ["0.6299999999999999"]),
    ("(0.5, 0.26249999999999996)", ["0.5", "0.26249999999999996"]),
    ("Salg: 43,345,000", ["43,345,000"]),
    ("1,200 kr", ["1,200"]),
    ("Andel: 12.5%", ["12.5%"]),
    ("Andel: 12%", ["12%"]),
    ("NOK 1,200", ["NOK 1,200"]),
    ("NOK 1 200 000", ["NOK 1 200 000"]),
    ("−0.40 og -0.40", ["0.40", "0.40"]),
    ("1,234.5", ["1,234.5"]),
    ("array([13000., 26000.])", ["13000.", "26000."]),
    ("1.5e-05", ["1.5e-05"]),
    ("Vektene må summere til 1 … 1.2.", ["1.2"]),
    ("r = 0.5 ved siden av r = 0,5", ["0.5"]),
])
def test_english_formatted_numbers_are_found(text, found):
    """Is each English way of writing a number found, and only that?"""
    assert english_numbers(text) == found


@pytest.mark.parametrize("text", [
    "43 345 000 kr", "101,5 %", "0,5", "0,345", "−0,40", "12,5 %", "1 749 800 kr",
    "januar 2025–desember 2026", "mar 25", "2025-07", "S01", "Q3", "10 selgere i 24 måneder",
    "Alt virker: Python 3.11.2, ipywidgets 8.1.5, matplotlib 3.10.0, pandas 2.2.3.",
    "127.0.0.1", "01.12.2026", "kl. 20.30", "quiz(\"start.position\")", "py3.11", "v1.2",
    "/usr/lib/python3.11/site-packages/x.py:12", "Management 3.0", "figure 860x652",
    "Slutt på setningen 12.", "(100000, 200000)", "1,5–2,0 millioner", "Q1 2026: 95,6 %",
])
def test_correct_norwegian_text_and_non_numbers_pass(text):
    """Do Norwegian numbers, dates, versions and identifiers pass without a finding?"""
    assert english_numbers(text) == []


def test_non_text_gives_no_findings():
    assert english_numbers(None) == [] and english_numbers("") == []


# --------------------------------------------------------------------------- notebook outputs


def test_output_texts_take_what_the_learner_sees():
    """HTML without tags and styles, stream text and the error message; no widget or image fallbacks."""
    outputs = [
        {"output_type": "execute_result", "data": {
            "text/html": "<style>td{width:0.5em}</style><td style='font-size:1.1em'>12.5%</td>",
            "text/plain": "12.5%"}},
        {"output_type": "display_data", "data": {
            "application/vnd.jupyter.widget-view+json": {"model_id": "x"},
            "text/plain": "FloatSlider(value=0.5)"}},
        {"output_type": "display_data", "data": {"image/png": "iVBOR", "text/plain": "<Figure size 860x652.5>"}},
        {"output_type": "stream", "name": "stdout", "text": "0.75\n"},
        {"output_type": "error", "ename": "ValueError", "evalue": "fikk 1.2",
         "traceback": ["File x.py:1.5 in f"]},
    ]
    assert format_audit.output_problems(outputs) == [
        "text/html: 12.5%", "text/plain: 12.5%", "stream: 0.75", "error: 1.2"]


def test_output_problems_list_each_number_once_and_cap_long_lists():
    text = " ".join(f"0.{i}" for i in range(1, 10)) + " 0.1 0.1"
    [line] = format_audit.output_problems([{"output_type": "stream", "name": "stdout", "text": text}], limit=3)
    assert line == "stream: 0.1, 0.2, 0.3 (and 6 more)"


@pytest.mark.parametrize("path, audited", [
    ("notebooks/nb/00_start_here.ipynb", True),
    ("exercises/nb/00_start_here.ipynb", True),
    ("exercises/solutions/nb/03_bonus_system.ipynb", True),
    ("notebooks/en/00_start_here.ipynb", False),
    ("exercises/solutions/en/00_start_here.ipynb", False),
    ("tests/fixtures/student_version/master.ipynb", False),
    ("notebooks/nb/README.md", False),
])
def test_which_notebooks_are_audited(path, audited):
    assert format_audit.audited_notebook(path, skip="") is audited


def test_skip_list_matches_name_stem_or_path_end():
    skip = "01_motivation, 03_bonus_system.ipynb, exercises/solutions/nb/04_authority.ipynb"
    assert not format_audit.audited_notebook("notebooks/nb/01_motivation.ipynb", skip)
    assert not format_audit.audited_notebook("exercises/nb/03_bonus_system.ipynb", skip)
    assert not format_audit.audited_notebook("exercises/solutions/nb/04_authority.ipynb", skip)
    assert format_audit.audited_notebook("notebooks/nb/04_authority.ipynb", skip)
    assert format_audit.audited_notebook("notebooks/nb/00_start_here.ipynb", skip)


def test_skip_list_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("COURSE_AUDIT_SKIP", "00_start_here")
    assert not format_audit.audited_notebook("notebooks/nb/00_start_here.ipynb")
    monkeypatch.delenv("COURSE_AUDIT_SKIP")
    assert format_audit.audited_notebook("notebooks/nb/00_start_here.ipynb")


# --------------------------------------------------------------------------- figures


def _figure(xs=(0, 0.25, 0.5, 0.75, 1.0)):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.plot(list(xs), [0, 1, 2, 3, 4], label="r = 0,5")
    return fig, ax


def test_default_ticks_are_found_in_a_figure():
    """Does matplotlib's default tick formatter (0.5) count as a problem, with where it sits?"""
    fig, _ = _figure()
    problems = format_audit.figure_problems(fig)
    assert any(p.startswith("axes 0 x tick: '0.4' -> 0.4") for p in problems), problems
    assert not any(" y tick" in p for p in problems)   # 0, 1, 2 ... are whole numbers


def test_titles_legends_and_texts_are_checked():
    fig, ax = _figure()
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.1f}".replace(".", ","))
    ax.set_title("Andel 12.5%")
    ax.legend(["r = 0.5"])
    ax.annotate("1,200 kr", (0.5, 2))
    fig.suptitle("Salg NOK 1 200")
    problems = format_audit.figure_problems(fig)
    assert not any("tick" in p for p in problems)
    joined = "\n".join(problems)
    for piece in ("12.5%", "r = 0.5", "1,200", "NOK 1 200"):
        assert piece in joined, (piece, problems)


def test_a_norwegian_figure_is_clean():
    fig, ax = _figure()
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.2f}".replace(".", ","))
    ax.set_title("Måloppnåelse 101,5 %")
    ax.legend()
    assert format_audit.figure_problems(fig) == []


def test_hidden_axes_are_not_checked():
    """An axes turned off (a side panel for text) draws no ticks, so its default ticks do not count."""
    from matplotlib.figure import Figure

    fig = Figure()
    main, side = fig.subplots(1, 2)
    main.plot([0, 1, 2], [0, 1, 2])
    for axis in (main.xaxis, main.yaxis):
        axis.set_major_formatter(lambda v, _pos: f"{v:.1f}".replace(".", ","))
    side.set_axis_off()
    side.text(0.1, 0.5, "101,5 %")
    assert format_audit.figure_problems(fig) == []


def test_audit_figure_raises_in_norwegian_only():
    fig, _ = _figure()
    with pytest.raises(AssertionError, match=r"x tick: '0\.4'"):
        format_audit.audit_figure(fig)
    course_lib.set_language("en")
    format_audit.audit_figure(fig)   # English ticks are right in English


def test_audit_switch(monkeypatch):
    monkeypatch.setenv("COURSE_AUDIT_NUMBERS", "1")
    assert format_audit.audit_enabled()
    monkeypatch.setenv("COURSE_AUDIT_NUMBERS", "0")
    assert not format_audit.audit_enabled()


# --------------------------------------------------------------------------- the nbval hook, end to end

pytest_plugins = ["pytester"]


def _notebook(folder: Path, name: str, sources: list[str]) -> None:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell(src) for src in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)


ENGLISH = ['print("Måloppnåelse i juli: 47.5")',
           'from IPython.display import HTML\nHTML("<table><tr><td>12.5%</td></tr></table>")']
NORWEGIAN = ['print("Måloppnåelse i juli: 47,5 %")',
             'from IPython.display import HTML\nHTML("<table><tr><td>12,5 %</td></tr></table>")']


@pytest.fixture
def notebook_project(pytester):
    """A small project with the course's root conftest and nb/en fixture notebooks."""
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    _notebook(pytester.path / "notebooks" / "nb", "english_numbers.ipynb", ENGLISH)
    _notebook(pytester.path / "notebooks" / "nb", "norwegian_numbers.ipynb", NORWEGIAN)
    _notebook(pytester.path / "notebooks" / "en", "english_numbers.ipynb", ENGLISH)
    return pytester


def _run(pytester, *paths, skip=""):
    env_skip = os.environ.get("COURSE_AUDIT_SKIP")
    os.environ["COURSE_AUDIT_SKIP"] = skip
    try:
        return pytester.runpytest_subprocess("--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider",
                                             *paths, timeout=300)
    finally:
        if env_skip is None:
            os.environ.pop("COURSE_AUDIT_SKIP", None)
        else:
            os.environ["COURSE_AUDIT_SKIP"] = env_skip


@pytest.mark.skipif(sys.platform == "win32", reason="kernels are slow to start on Windows runners")
def test_hook_fails_a_norwegian_notebook_with_english_numbers_and_passes_a_correct_one(notebook_project):
    """Can the check fail? English numbers in nb outputs fail their cells; nb numbers and en notebooks pass."""
    result = _run(notebook_project, "notebooks")
    result.assert_outcomes(failed=2, passed=4)
    out = result.stdout.str()
    assert "English-formatted numbers" in out
    assert "stream: 47.5" in out and "text/html: 12.5%" in out
    assert "notebooks/nb/english_numbers.ipynb" in out


def test_skip_list_leaves_a_notebook_out(notebook_project):
    """Does COURSE_AUDIT_SKIP let a notebook that others are still fixing pass?"""
    result = _run(notebook_project, "notebooks/nb", skip="english_numbers")
    result.assert_outcomes(passed=4)


# ------------------------------------------------- module notebooks executed in the browser tests


def _executed(*outputs, count=1):
    return {"cells": [{"cell_type": "markdown", "source": "0.5"},
                      {"cell_type": "code", "execution_count": count, "outputs": list(outputs)}]}


def test_executed_notebook_check_passes_a_clean_norwegian_notebook():
    clean = _executed({"output_type": "stream", "name": "stdout", "text": "12,5 % og 1 200 000 kr\n"})
    assert format_audit.executed_notebook_problems(clean, "notebooks/nb/01_motivation.ipynb") == []


def test_executed_notebook_check_fails_english_numbers_errors_and_an_unsaved_run():
    english = _executed({"output_type": "execute_result", "data": {"text/plain": "attainment 1.014613"}})
    problems = format_audit.executed_notebook_problems(english, "notebooks/nb/00_start_here.ipynb")
    assert problems and "1.014613" in problems[0] and "code cell 1" in problems[0]
    # the same output is fine in English, and the audit can be switched off
    assert format_audit.executed_notebook_problems(english, "notebooks/en/00_start_here.ipynb") == []
    assert format_audit.executed_notebook_problems(english, "notebooks/nb/00_start_here.ipynb", numbers=False) == []
    error = _executed({"output_type": "error", "ename": "NameError", "evalue": "name 'x' is not defined",
                       "traceback": []})
    assert format_audit.executed_notebook_problems(error, "notebooks/en/x.ipynb") == [
        "notebooks/en/x.ipynb code cell 1: NameError: name 'x' is not defined"]
    never_run = _executed(count=None)
    assert "no cell was executed" in format_audit.executed_notebook_problems(never_run, "notebooks/en/x.ipynb")[0]
