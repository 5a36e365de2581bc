"""Numeric answers typed the way people write numbers in each language; non-numbers refused with a hint."""
import math

import numpy as np
import pytest

from course_lib.exercises.checking import check
from course_lib.exercises.computed import check_number


def _question(answer, tolerance=0.5):
    text = {"nb": "x", "en": "x"}
    return {"id": "demo.n", "type": "numeric", "prompt": text, "answer": answer, "tolerance": tolerance,
            "feedback": {"correct": text, "too_low": text, "too_high": text}}


RIGHT = {
    "nb": [("1 100", 1100), ("1.100,00", 1100), ("1 100 kr", 1100), ("1\u00a0100", 1100), ("1100", 1100),
           ("12,5 %", 12.5), ("12,5", 12.5), ("12.5", 12.5), ("−3", -3), ("kr 1 100", 1100)],
    "en": [("1,100", 1100), ("NOK 1,100", 1100), ("1,100.00", 1100), ("1100", 1100), ("12.5%", 12.5),
           ("12.5", 12.5), ("-3", -3)],
}


@pytest.mark.parametrize("lang_code, typed, value", [(k, t, v) for k, pairs in RIGHT.items() for t, v in pairs])
def test_right_answers_typed_the_language_s_way_are_right(lang_code, typed, value):
    """'1 100' and '1.100,00' in nb, '1,100' in en: read as 1100, not 1.1?"""
    verdict = check(_question(value), typed, lang=lang_code)
    assert verdict.correct is True, (typed, verdict)
    assert verdict.answer == pytest.approx(value)


@pytest.mark.parametrize("typed", ["1,100", "1.100"])
def test_the_same_text_means_what_the_language_means(typed):
    nb = check(_question(1100), typed, lang="nb").correct
    en = check(_question(1100), typed, lang="en").correct
    assert {"1,100": (False, True), "1.100": (True, False)}[typed] == (nb, en)


BAD = ["nan", "NaN", "inf", "-inf", "Infinity", "mye", "1,2,3.4.5", "12 %%", "kr", "1e5000", "٣", "1/2",
       "x" * 10_000, "12,5 kroner og litt", "--5",
       # separators that do not group digits in threes are not thousands separators ("1,2,3" is not 123)
       "1,2,3", "1.2.3", "1 2 3", "1,2,3.5", "12,34,567", "1 10", "1,100.000,5"]


@pytest.mark.parametrize("typed", BAD)
def test_text_nan_and_infinity_are_refused_with_a_hint(lang, typed):
    """'nan' gives a translated hint, not 'cannot convert float NaN to integer' or 'should be lower'."""
    with pytest.raises(ValueError) as info:
        check(_question(1100), typed)
    message = str(info.value)
    assert ("Skriv" in message) == (lang == "nb") and ("Write" in message) == (lang == "en")
    assert "convert" not in message and "lower" not in message and len(message) < 400


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -math.inf, np.float64("nan")])
def test_quiz_refuses_non_finite_numbers(lang, value):
    with pytest.raises(ValueError):
        check(_question(1100), value)


def test_numeric_quiz_widget_shows_the_hint_and_keeps_working(store, lang):
    from course_lib.exercises import question
    from course_lib.widgets.quiz import make_quiz_widget
    from course_lib.exercises.bank import all_questions

    q = next(q for q in all_questions().values() if q["type"] == "numeric")
    w = make_quiz_widget(q)
    w.control.value = "nan"
    w.check_button.click()
    assert w.error.has_error and ("ikke" in w.error.value) == (lang == "nb")
    assert "Unexpected" not in w.error.value and "Uventet" not in w.error.value
    from course_lib.i18n import format_number
    w.control.value = format_number(q["answer"], 4, lang)
    w.check_button.click()
    assert not w.error.has_error and w.verdict.correct is True
    assert store.answers()[q["id"]]["correct"] is True


@pytest.mark.parametrize("value, correct", [("100", True), ("100,2", True), ("1 000", False), ("hundre", False),
                                            ("nan", False), (float("nan"), False), (math.inf, False),
                                            (10**400, False), (np.array([1.0, 2.0]), False), ([100], False),
                                            ({"a": 1}, False), (True, False), (np.float32(100.0), True)])
def test_check_number_reads_text_and_refuses_non_numbers_plainly(lang, value, correct):
    result = check_number("demo.total", value, 100.0, name="total", abs_tol=0.5, record=False)
    assert result.correct is correct
    assert "cannot convert" not in result.message and "Traceback" not in result.message
    if isinstance(value, float) and not math.isfinite(value):
        assert ("regne med" in result.message) == (lang == "nb")


def test_check_number_with_an_unwritable_store_still_answers(tmp_path, monkeypatch, lang):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(blocker))
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = check_number("demo.total", 100.0, 100.0, name="total")
    assert result.correct is True and "COURSE_PROGRESS_DIR" in result.message


@pytest.mark.parametrize("lang_code, typed, value", [("nb", "0.484", 0.484), ("en", "0,125", 0.125)])
def test_a_leading_zero_is_never_a_thousands_group(lang_code, typed, value):
    assert check(_question(value, 0.001), typed, lang=lang_code).correct is True
