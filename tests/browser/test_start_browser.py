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
