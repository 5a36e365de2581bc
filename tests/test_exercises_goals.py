"""Module 02 exercises: each check accepts the right answer and recognises typical wrong ones;
the bank's numeric answers are recomputed from the models."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from course_lib import goals, set_language
from course_lib.exercises import goals as ex
from course_lib.exercises import question, questions_for


def _msg(result) -> str:
    return result.message


@pytest.mark.parametrize("check", [ex.check_weighted, ex.check_p_reach, ex.check_p50, ex.check_budget_70,
                                   ex.check_variance, ex.check_lower_limit])
def test_is_an_unanswered_exercise_not_yet_answered(check):
    assert check(..., record=False).correct is None
    assert check(None, record=False).correct is None
    assert check("mye", record=False).correct is False


def test_does_the_weighted_check_know_the_usual_slips():
    deals = ex.EXERCISE_DEALS
    right = float((deals["amount"] * deals["probability"])[deals["close_month"] <= 3].sum())
    assert ex.check_weighted(right, record=False).correct
    set_language("en")
    assert "without probabilities" in _msg(ex.check_weighted(float(deals["amount"].sum()), record=False))
    inside = deals[deals["close_month"] <= 3]
    assert "without multiplying" in _msg(ex.check_weighted(float(inside["amount"].sum()), record=False))
    assert "do not belong in the quarter" in _msg(
        ex.check_weighted(float((deals["amount"] * deals["probability"]).sum()), record=False))
    assert "average probability" in _msg(
        ex.check_weighted(float(inside["amount"].sum() * inside["probability"].mean()), record=False))
    assert "should be" in _msg(ex.check_weighted(right + 50_000, record=False))


def test_does_the_p_reach_check_accept_another_seed_and_catch_miss_and_percent():
    p = goals.forecast(ex.EXERCISE_DEALS, 3, n=20_000, seed=99).p_reach(ex.EXERCISE_TARGET)
    assert ex.check_p_reach(p, record=False).correct
    set_language("en")
    assert "chance of missing" in _msg(ex.check_p_reach(1 - ex.expected_p_reach(), record=False))
    assert "in per cent" in _msg(ex.check_p_reach(100 * ex.expected_p_reach(), record=False))
    assert "divided the weighted pipeline" in _msg(ex.check_p_reach(ex.expected_weighted() / 1e6, record=False))


def test_does_the_p50_check_reject_the_mean():
    f = goals.forecast(ex.SKEWED_DEALS, 1, n=10_000, seed=1)
    assert ex.check_p50(f.p50, record=False).correct
    set_language("en")
    assert "expected value (the mean)" in _msg(ex.check_p50(f.expected, record=False))
    assert "P90" in _msg(ex.check_p50(ex._skewed_forecast().p90, record=False))


def test_does_the_budget_check_catch_the_reversed_quantile():
    f = goals.forecast(goals.case_pipeline(), 3, n=10_000, seed=5, run_rate=goals.case_run_rate())
    assert ex.check_budget_70(f.quantile(0.3), record=False).correct
    set_language("en")
    assert "30% chance" in _msg(ex.check_budget_70(ex._case_forecast().quantile(0.7), record=False))
    assert "top management's budget" in _msg(ex.check_budget_70(goals.case_budget(3), record=False))


def test_does_the_variance_check_catch_nok_percent_and_sign():
    from course_lib.cases import load_team

    team = load_team()
    july = team[team["month"] == "2026-07"]
    actual, plan = july["new_sales"].sum(), july["quota"].sum()
    assert ex.check_variance((actual - plan) / plan, record=False).correct
    set_language("en")
    assert "in NOK" in _msg(ex.check_variance(float(actual - plan), record=False))
    assert "in per cent" in _msg(ex.check_variance(100 * (actual - plan) / plan, record=False))
    assert "sign is reversed" in _msg(ex.check_variance((plan - actual) / plan, record=False))
    assert "divided plan by actual" in _msg(ex.check_variance(plan / actual - 1, record=False))


def test_does_the_control_limit_check_catch_three_sigma_and_ddof():
    v = ex.variance_2025()
    assert ex.check_lower_limit(v.mean() - 2 * v.std(ddof=1), record=False).correct
    set_language("en")
    assert "3 standard deviations" in _msg(ex.check_lower_limit(v.mean() - 3 * v.std(ddof=1), record=False))
    assert "ddof=0" in _msg(ex.check_lower_limit(v.mean() - 2 * np.std(v), record=False))
    assert "centred the band on zero" in _msg(ex.check_lower_limit(-2 * v.std(ddof=1), record=False))


def test_are_the_bank_answers_what_the_models_compute():
    deals = pd.DataFrame({"amount": [400_000, 200_000, 100_000], "probability": [0.25, 0.5, 0.9],
                          "close_month": [1, 1, 1]})
    assert question("goals.weighted_by_hand")["answer"] == pytest.approx(goals.weighted_pipeline(deals))
    f = goals.forecast(deals, 1, n=1_000, seed=1)
    assert question("goals.p_all_by_hand")["answer"] == pytest.approx(100 * f.p_all)
    wrong = {m["value"] for m in question("goals.weighted_by_hand")["common_mistakes"]}
    assert 700_000 in wrong                      # summing amounts without probabilities
    skewed = goals.forecast(ex.SKEWED_DEALS, 1, n=10_000, seed=1)
    assert skewed.p50 < skewed.expected          # the bank's p50_vs_mean answer


def test_does_the_bank_hold_the_questions_the_notebooks_use():
    ids = {q["id"] for q in questions_for("goals")}
    assert {"goals.weighted_by_hand", "goals.p_all_by_hand", "goals.spread_not_mean", "goals.p50_vs_mean",
            "goals.atkinson_peak", "goals.locke_latham_limit", "goals.case_budget", "goals.signal_noise",
            "goals.match_conditions", "goals.reflection"} <= ids


def test_is_the_attempt_recorded():
    from course_lib.progress import get_store

    ex.check_weighted(ex.expected_weighted())
    assert get_store().answers()["goals.weighted"]["correct"] is True
