"""check_number: the base of every computational exercise check."""
import numpy as np
import pytest

import course_lib
from course_lib.exercises.computed import check_number

MISTAKES = [(200.0, {"nb": "Du tok med fornyelsene.", "en": "You included renewals."})]


def run(value, **kw):
    return check_number("demo.total", value, 100.0, name="total", mistakes=MISTAKES, abs_tol=0.5, **kw)


def test_placeholder_means_not_answered(store):
    """Does the student version's `...` give 'not answered yet' and record nothing?"""
    for value in (..., None):
        result = run(value)
        assert result.correct is None and "Ikke besvart ennå" in result.message
    assert store.answers() == {}


def test_right_answer_is_accepted_and_recorded(store):
    result = run(100.2)
    assert result.correct is True and bool(result)
    assert store.answers()["demo.total"]["correct"] is True


def test_numpy_values_are_numbers():
    assert run(np.float64(100.0), record=False).correct is True
    assert run(np.array(100.0), record=False).correct is True


def test_typical_mistake_is_explained():
    course_lib.set_language("en")
    result = run(200.0, record=False)
    assert result.correct is False and "You included renewals." in result.message


@pytest.mark.parametrize("value, word", [(50.0, "higher"), (150.0, "lower")])
def test_other_wrong_answers_get_a_direction(value, word):
    course_lib.set_language("en")
    assert word in run(value, record=False).message


def test_text_is_not_a_number():
    result = run("hundre", record=False)
    assert result.correct is False and "ikke et tall" in result.message


def test_result_renders_as_html():
    html = run(100.0, record=False)._repr_html_()
    assert "✓" in html
