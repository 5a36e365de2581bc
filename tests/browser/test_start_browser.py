"""Module 00 in a real JupyterLab: run all cells, answer a quiz question, see the answer saved."""
import time

import pytest


FEEDBACK = {"nb": ("Riktig!", "Ikke helt."), "en": ("Correct!", "Not quite.")}


@pytest.mark.lab_notebook("notebooks/{lang}/00_start_here.ipynb")
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_start_module_runs_and_saves_a_quiz_answer(notebook_page, lab, lang):
    page = notebook_page(f"notebooks/{lang}/00_start_here.ipynb")

    quiz = page.locator(".course-quiz-single").first  # the first question, start.read_table, follows the first table
    quiz.scroll_into_view_if_needed()
    options = quiz.locator(".widget-radio-box label")
    assert options.count() >= 2
    options.nth(1).click()
    quiz.locator(".course-quiz-check").click()

    feedback = quiz.locator(".course-quiz-feedback")
    feedback.locator("b").wait_for(state="visible")
    assert feedback.locator("b").inner_text() in FEEDBACK[lang]

    deadline = time.monotonic() + 10
    record = None
    while time.monotonic() < deadline and record is None:
        record = lab.progress().get("answers", {}).get("start.read_table")
        time.sleep(0.2)
    assert record is not None, "the answer did not reach the progress store"
    from course_lib.exercises.bank import question
    second_option = question("start.read_table")["options"][1]
    assert record["attempts"][-1]["answer"] == second_option["id"]
    assert record["correct"] is second_option["correct"]


def _handouts():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "handouts.py"
    spec = importlib.util.spec_from_file_location("handouts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.lab_notebook("notebooks/{lang}/00_start_here.ipynb")
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_run_start_module_makes_a_handout_in_html_and_pdf(notebook_page, lab, browser, lang, tmp_path):
    """The start module as JupyterLab ran it (widget state saved) becomes a handout as ``make handouts``
    writes it: HTML without code or error, its figures with alt text in the language, and a PDF."""
    import nbformat

    from .helpers import save_notebook

    relpath = f"notebooks/{lang}/00_start_here.ipynb"
    page = notebook_page(relpath)
    save_notebook(page)
    nb = nbformat.read(lab.root / relpath, as_version=4)
    assert nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state")
    handouts = _handouts()
    html = handouts.export_html(nb, tmp_path / lang / "00_start_here.html")
    text = html.read_text(encoding="utf-8")
    assert "Traceback" not in text and "set_language(" not in text  # code cells hidden
    # the apps are on the page as HTML (their figures and controls), not left to a script from a CDN
    assert text.count('class="course-print"') >= 2 and "widget-state+json" not in text
    assert len(handouts.image_alts(text)) >= 3 and handouts.alt_problems(text, lang) == []
    [pdf] = handouts.print_pdfs([html], browser=browser)
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000
