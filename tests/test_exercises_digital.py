"""Checks of module 05's computational exercises: right answers pass, typical wrong ones are explained."""
from __future__ import annotations

import math

import pytest

from course_lib import funnel as fn
from course_lib import investment as iv
from course_lib.exercises import digital as ex
from course_lib.exercises import question
from course_lib.progress import get_store

pytestmark = pytest.mark.usefixtures("english")

R = list(ex.RATES.values())
V = ex.VISITORS


def test_are_the_expected_answers_what_the_models_compute():
    rates = {k: (v, v, v) for k, v in ex.RATES.items()}
    assert ex.expected_customers() == pytest.approx(fn.expected_customers(V, rates))
    assert ex.expected_sqls() == pytest.approx(fn.stage_counts(V, rates)["sql"])
    need = fn.visitors_needed(ex.TARGET, rates, deal_value=(ex.DEAL_VALUE,) * 3, n=100)
    assert ex.expected_visitors_needed() == pytest.approx(need.expected)
    assert ex.expected_npv() == pytest.approx(iv.npv(ex.RATE, ex.FLOWS))


@pytest.mark.parametrize("check,right", [
    (ex.check_sqls, ex.expected_sqls()), (ex.check_customers, ex.expected_customers()),
    (ex.check_visitors_needed, ex.expected_visitors_needed()), (ex.check_npv, ex.expected_npv()),
    (ex.check_payback, ex.expected_payback()),
])
def test_is_the_right_answer_accepted_and_recorded(check, right):
    result = check(right)
    assert result.correct is True
    assert get_store().answers()[result.exercise_id]["correct"] is True
    assert check(...).correct is None
    assert "not answered" in check(None).message.lower()
    assert check("twelve").correct is False


WRONG = [
    (ex.check_sqls, V * math.prod(R[2:]), "last three rates"),
    (ex.check_sqls, V * math.prod(R[:4]), "one step too many"),
    (ex.check_sqls, V * R[0] * R[2], "skipped Lead → MQL"),
    (ex.check_sqls, V * sum(R[:3]), "added the rates"),
    (ex.check_customers, V * math.prod(R[:2] + R[3:]), "skipped one step (step 3 of 5)"),
    (ex.check_customers, V * math.prod(R) * ex.DEAL_VALUE, "new sales in NOK"),
    (ex.check_customers, V * R[-1], "only the last rate"),
    (ex.check_visitors_needed, ex.TARGET / math.prod(R), "forgot the deal value"),
    (ex.check_visitors_needed, ex.TARGET * math.prod(R) / ex.DEAL_VALUE, "multiplied by the rates"),
    (ex.check_visitors_needed, ex.TARGET / (ex.DEAL_VALUE * math.prod(R[1:])), "step 1 of 5"),
    (ex.check_npv, sum(ex.FLOWS), "without discounting"),
    (ex.check_npv, iv.npv(ex.RATE, ex.FLOWS) / 1.08, "discounted year 0"),
    (ex.check_npv, sum(f / (1 + 0.08 * t) for t, f in enumerate(ex.FLOWS)), "simple interest"),
    (ex.check_payback, 900_000 / (1_500_000 - 150_000), "You used revenue"),
    (ex.check_payback, 900_000 / 1_500_000, "forgot the licences"),
    (ex.check_payback, 900_000 / 450_000, "licences of NOK 150,000"),
]


@pytest.mark.parametrize("check,wrong,words", WRONG, ids=[w[2] for w in WRONG])
def test_is_a_typical_wrong_answer_recognised_and_explained(check, wrong, words):
    result = check(wrong)
    assert result.correct is False
    assert words in result.message


def test_does_an_unknown_wrong_answer_say_higher_or_lower():
    assert "higher" in ex.check_npv(-1e9).message
    assert "lower" in ex.check_payback(50).message


def test_is_the_bank_numeric_answer_the_funnel_product_in_percent():
    q = question("digital.overall_conversion")
    rates = {s: (r, r, r) for s, r in zip(fn.STEPS, (0.02, 0.2, 0.5, 0.5, 0.2))}
    assert q["answer"] == pytest.approx(100 * fn.overall_rate(rates))
    wrong = [m["value"] for m in q["common_mistakes"]]
    assert any(w == pytest.approx(100 * (0.02 + 0.2 + 0.5 + 0.5 + 0.2)) for w in wrong)
    assert any(w == pytest.approx(fn.overall_rate(rates)) for w in wrong)


def test_is_the_npv_exercise_series_close_to_the_case_likely_flows():
    likely = iv.simulate(n=100).flows_likely
    assert ex.FLOWS[0] == pytest.approx(likely[0], rel=0.01)
    assert ex.FLOWS[2] == pytest.approx(likely[2], rel=0.02)
