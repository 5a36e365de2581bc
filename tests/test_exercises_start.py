"""The computational exercise of module 00 (course_lib/exercises/start.py)."""
from __future__ import annotations

import pytest

import course_lib
from course_lib.cases import load_team
from course_lib.exercises import start
from course_lib.progress import get_store


@pytest.fixture(scope="module")
def team():
    return load_team()


def _west_2025(team):
    return team[(team["region"] == "west") & team["month"].str.startswith("2025")]


def test_right_answer_is_accepted(team):
    """Is the learner's straightforward pandas answer accepted, as int, float and numpy number?"""
    value = _west_2025(team)["new_sales"].sum()
    for answer in (value, int(value), float(value), float(value) + 0.4):
        result = start.check_total_new_sales(answer, record=False)
        assert result.correct is True, answer


def test_expected_is_recomputed_from_the_data(team):
    assert start.expected_total_new_sales() == pytest.approx(14_035_900)
    assert start.expected_total_new_sales(team) == _west_2025(team)["new_sales"].sum()


def test_unanswered_says_not_answered_yet():
    for lang, text in (("nb", "Ikke besvart"), ("en", "Not answered")):
        course_lib.set_language(lang)
        for value in (..., None):
            result = start.check_total_new_sales(value, record=False)
            assert result.correct is None
            assert text in result.message


@pytest.mark.parametrize("mistake, nb_word, en_word", [
    ("east", "Øst", "East"),
    ("both", "begge regionene", "both regions"),
    ("renewals", "renewals", "renewals"),
    ("quota", "quota", "quota"),
    ("all_years", "hele perioden", "whole period"),
    ("no_july", "juli 2025", "July 2025"),
    ("no_december", "desember 2025", "December 2025"),
])
def test_typical_wrong_answers_get_a_specific_explanation(team, mistake, nb_word, en_word):
    west = _west_2025(team)
    values = {
        "east": team[(team["region"] == "east") & team["month"].str.startswith("2025")]["new_sales"].sum(),
        "both": team[team["month"].str.startswith("2025")]["new_sales"].sum(),
        "renewals": west["renewals"].sum(),
        "quota": west["quota"].sum(),
        "all_years": team[team["region"] == "west"]["new_sales"].sum(),
        "no_july": west[west["month"] != "2025-07"]["new_sales"].sum(),
        "no_december": west[west["month"] < "2025-12"]["new_sales"].sum(),
    }
    for lang, word in (("nb", nb_word), ("en", en_word)):
        course_lib.set_language(lang)
        result = start.check_total_new_sales(values[mistake], record=False)
        assert result.correct is False
        assert word in result.message, result.message
        assert "2025-" not in result.message, "months are named, not written as ISO dates"


def test_other_wrong_numbers_say_higher_or_lower():
    right = start.expected_total_new_sales()
    course_lib.set_language("en")
    low = start.check_total_new_sales(right * 0.5, record=False)
    high = start.check_total_new_sales(right * 1.5, record=False)
    assert low.correct is False and high.correct is False
    assert low.message != high.message


def test_text_instead_of_a_number_is_explained():
    result = start.check_total_new_sales("14 million", record=False)
    assert result.correct is False
    assert "total_new_sales" in result.message


def test_the_mistakes_are_all_different_from_the_answer():
    right = start.expected_total_new_sales()
    for value, _feedback in start.typical_mistakes():
        assert abs(value - right) > 1


def test_attempts_are_recorded():
    start.check_total_new_sales(123.0)
    start.check_total_new_sales(start.expected_total_new_sales())
    entry = get_store().answers()[start.EXERCISE_ID]
    assert [a["correct"] for a in entry["attempts"]] == [False, True]
    assert entry["correct"] is True


def test_numbers_written_in_the_exercise_notebooks_match_the_data(team):
    """The trainer note and the 'think about it' cell quote sums; keep them equal to the data."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    west = _west_2025(team)
    for lang, fmt in (("nb", lambda v: f"{v:,}".replace(",", " ") + " kr"), ("en", lambda v: f"NOK {v:,}")):
        for folder in ("exercises/solutions", "exercises"):
            cells = json.loads((root / folder / lang / "00_start_here.ipynb").read_text(encoding="utf-8"))["cells"]
            text = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
            assert fmt(int(west["quota"].sum())) in text, (folder, lang)
            if folder == "exercises/solutions":
                assert fmt(int(west["new_sales"].sum())) in text, lang
            else:
                assert fmt(int(west["new_sales"].sum())) not in text, "the answer leaked into the student version"


def test_month_names_and_periods_read_naturally():
    """Are data months shown as words in both languages, never as ISO dates?"""
    assert start.month_name("2025-01", lang="nb") == "januar 2025"
    assert start.month_name("2026-12", lang="en") == "December 2026"
    assert start.period_text("2025-01", "2026-12", lang="nb") == "januar 2025–desember 2026"
    assert start.period_text("2025-01", "2026-12", lang="en") == "January 2025–December 2026"
