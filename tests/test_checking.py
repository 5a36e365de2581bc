"""Checking answers: right answers accepted, typical wrong ones rejected with an explanation."""
from pathlib import Path

import pytest

from course_lib.exercises import bank
from course_lib.exercises.checking import check, parse_number

QUESTIONS = {q["id"]: q for q in bank.load_bank_file(Path(__file__).parent / "fixtures/banks/sample.yaml")["questions"]}


def test_single_accepts_right_and_explains_wrong(lang):
    q = QUESTIONS["sample.single"]
    right = check(q, "b")
    assert right.correct is True
    wrong = check(q, "a")
    assert wrong.correct is False
    assert wrong.details[0] == q["options"][0]["feedback"][lang]


def test_single_without_choice_is_not_an_attempt():
    verdict = check(QUESTIONS["sample.single"], None)
    assert verdict.correct is None and not verdict.answered


def test_multiple_needs_exactly_the_right_set():
    q = QUESTIONS["sample.multiple"]
    assert check(q, ["salary", "car"]).correct is True
    partly = check(q, ["salary"], lang="en")
    assert partly.correct is False and partly.headline == "Partly right."
    assert any("did not tick" in d and "Company car" in d for d in partly.details)
    wrong = check(q, ["recognition"], lang="en")
    assert wrong.headline == "Not quite." and any("Recognition motivates." in d for d in wrong.details)
    assert check(q, ["salary", "car", "recognition"]).correct is False


@pytest.mark.parametrize("typed, correct", [("0.48", True), ("0,48", True), ("0,484", True), (0.49, False), ("0.4", False)])
def test_numeric_tolerance_and_decimal_marks(typed, correct):
    assert check(QUESTIONS["sample.numeric"], typed).correct is correct


def test_numeric_says_too_low_too_high_and_knows_common_mistakes():
    q = QUESTIONS["sample.numeric"]
    assert "remember to sum" in check(q, 0.1, lang="en").details[-1]
    assert "remember the expectancy" in check(q, 0.6, lang="en").details[-1]
    assert "forgot to multiply by E" in check(q, 0.8, lang="en").details[-1]


def test_numeric_rejects_text_with_a_clear_message():
    with pytest.raises(ValueError, match="ikke et tall"):
        check(QUESTIONS["sample.numeric"], "mye")


@pytest.mark.parametrize("text, value", [("1 200", 1200.0), ("12,5 %", 12.5), ("1,200.5", 1200.5), ("−3", -3.0)])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_likert_gives_band_feedback_and_no_verdict():
    q = QUESTIONS["sample.likert"]
    assert check(q, 2, lang="en").details == ["Low expectancy."]
    assert check(q, 6, lang="en").details == ["Good expectancy."]
    assert check(q, 6).correct is None
    with pytest.raises(ValueError):
        check(q, 9)


def test_reflection_counts_words_and_guides():
    q = QUESTIONS["sample.reflection"]
    short = check(q, "for lite", lang="en")
    assert "at least 5 words" in short.headline
    long = check(q, "hun trenger myndighet til å ansette selgere", lang="en")
    assert long.headline == "7 words" and "authority and goals" in long.details[0]
    assert check(q, "   ").answered is False


def test_matching_marks_each_row():
    q = QUESTIONS["sample.matching"]
    assert check(q, {"goals": "vroom", "self": "bandura"}).correct is True
    swapped = check(q, {"goals": "bandura", "self": "vroom"}, lang="en")
    assert swapped.correct is False and swapped.headline == "Not quite."
    assert any("That is expectancy E." in d for d in swapped.details)
    half = check(q, {"goals": "vroom", "self": "vroom"}, lang="en")
    assert half.headline == "Partly right."
    assert check(q, {"goals": "vroom"}).answered is False
