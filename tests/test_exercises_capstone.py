"""Checks of module 06's exercises: right answers pass, typical wrong ones are explained."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import course_lib
from course_lib import capstone as cp
from course_lib.cases import load_team
from course_lib.exercises import capstone as ex
from course_lib.exercises import question
from course_lib.progress import get_store

pytestmark = pytest.mark.usefixtures("english")
ROOT = Path(__file__).resolve().parents[1]

PLAN = cp.case_part("plan")
TEAM = load_team()
LAST12 = TEAM[TEAM["month"].isin(sorted(TEAM["month"].unique())[-12:])]
LEVEL = PLAN["threshold"] * PLAN["quota"]
GOOD_PLAN = {**PLAN, "threshold": 0.7, "weights": {"new_sales": 0.4, "renewals": 0.4, "customer_satisfaction": 0.2}}


def test_are_the_expected_answers_what_the_capstone_model_computes():
    assert ex.expected_threshold_p() == pytest.approx(float((LAST12["new_sales"] >= LEVEL).mean()))
    assert ex.expected_threshold_p() == pytest.approx(cp.threshold_probability(replace(cp.case_package(), budget=None)))
    pkg = replace(cp.case_package(), phase="loyalty")
    assert ex.expected_phase_points() == pytest.approx(10 * cp.criterion_shares(pkg)["phase_fit"][0])
    assert ex.expected_phase_points() == pytest.approx(10 * (1 - (0.8 - 0.5) / 0.5))
    shares = [ex.SHARES[r["id"]] for r in cp.data()["rubric"]]
    weights = [r["weight"] for r in cp.data()["rubric"]]
    assert ex.expected_rubric_total() == pytest.approx(float(np.dot(shares, weights)))


@pytest.mark.parametrize("check,right", [
    (ex.check_threshold_p, (LAST12["new_sales"] >= LEVEL).mean()),       # a numpy float, as pandas gives it
    (ex.check_phase_points, 10 * (1 - (0.8 - 0.5) / (1 - 0.5))),
    (ex.check_rubric_total, 0.5 * 15 + 4 / 6 * 30 + 0.6 * 15 + 0.8 * 15 + 0.4 * 10 + 1.0 * 15),
    (ex.check_rubric_total, 67.6),                                        # 4/6 rounded to 67 % in the table
    (ex.check_fixed_plan, GOOD_PLAN),
    (ex.check_fixed_plan, {**PLAN, "threshold": 0.5, "weights": {"new_sales": 0.5, "renewals": 0.5}}),
])
def test_is_a_right_answer_accepted_and_recorded(check, right):
    result = check(right)
    assert result.correct is True, result.message
    assert get_store().answers()[result.exercise_id]["correct"] is True
    assert check(...).correct is None
    assert "not answered" in check(None).message.lower()
    assert check("twelve").correct is False


WRONG = [
    (ex.check_threshold_p, float((TEAM["new_sales"] >= LEVEL).mean()), "every month in the data"),
    (ex.check_threshold_p, float((LAST12["new_sales"] >= PLAN["quota"]).mean()), "whole quota"),
    (ex.check_threshold_p, float((LAST12["new_sales"] >= PLAN["threshold"] * LAST12["quota"]).mean()),
     "each seller's own quota"),
    (ex.check_threshold_p, float((LAST12["new_sales"] >= LEVEL).sum()), "number of seller-months"),
    (ex.check_threshold_p, 100 * float((LAST12["new_sales"] >= LEVEL).mean()), "in percent"),
    (ex.check_phase_points, 0.4, "That is the share"),
    (ex.check_phase_points, 10 * (1 - 0.8), "1 minus the weight"),
    (ex.check_phase_points, 10 * (0.8 - 0.5), "the excess as it is"),
    (ex.check_phase_points, 10 * (1 - (0.8 - 0.5)), "Nearly"),
    (ex.check_phase_points, 0, "not all or nothing"),
    (ex.check_rubric_total, 100 * np.mean(list(ex.SHARES.values())), "without weights"),
    (ex.check_rubric_total, sum(ex.SHARES.values()), "You added the shares"),
    (ex.check_rubric_total, 0.675, "share of the maximum"),
    (ex.check_rubric_total, 32.5, "points the package loses"),
]


@pytest.mark.parametrize("check,wrong,words", WRONG, ids=[w[2] for w in WRONG])
def test_is_a_typical_wrong_answer_recognised_and_explained(check, wrong, words):
    result = check(wrong)
    assert result.correct is False
    assert words in result.message


def test_are_the_typical_wrong_answers_apart_from_the_right_ones():
    for expected, mistakes, tol in ((ex.expected_threshold_p(), ex.threshold_mistakes(), 5e-4),
                                    (ex.expected_phase_points(), ex.phase_mistakes(), 0.01)):
        values = [expected] + [v for v, _ in mistakes]
        assert min(abs(a - b) for i, a in enumerate(values) for b in values[i + 1:]) > tol


WRONG_PLANS = [
    ({**PLAN, "threshold": 0.5}, "does not fit the phase"),
    ({**PLAN, "weights": {"new_sales": 0.4, "renewals": 0.6}}, "reaches too seldom"),
    (PLAN, "reaches too seldom"),
    ({**GOOD_PLAN, "weights": {"new_sales": 0.4, "renewals": 0.4}}, "add up to 1"),
    ({**GOOD_PLAN, "weights": {"new_sales": 0.4, "renewals": 0.4, "profit": 0.2}}, "Unknown measure"),
    ({**GOOD_PLAN, "threshold": 70}, "between 0 and 1"),
    ({**GOOD_PLAN, "target_incentive": 0}, "no longer pays a bonus"),
    ([("threshold", 0.7)], "dictionary"),
]


@pytest.mark.parametrize("plan,words", WRONG_PLANS, ids=[w[1] for w in WRONG_PLANS])
def test_is_a_wrong_plan_rejected_with_the_reason(plan, words):
    result = ex.check_fixed_plan(plan)
    assert result.correct is False
    assert words in result.message
    assert get_store().answers()[ex.PLAN_ID]["correct"] is False


def test_does_the_fixed_plan_check_answer_in_norwegian():
    course_lib.set_language("nb")
    assert "Planen passer ikke fasen" in ex.check_fixed_plan({**PLAN, "threshold": 0.5}, record=False).message
    assert ex.check_fixed_plan(GOOD_PLAN, record=False).message.startswith("Riktig")
    assert ex.shares_table().frame.iloc[1].tolist() == ["Sammenheng uten motstridende mål", "30", "67 %"]


def test_do_the_bank_questions_of_the_exercise_notebook_exist_with_one_right_option():
    for qid in ("capstone.case_parts", "capstone.points_or_conflict"):
        q = question(qid)
        assert sum(o["correct"] for o in q["options"]) == 1
        assert all(o["feedback"]["nb"] and o["feedback"]["en"] for o in q["options"])


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_does_the_master_call_every_check_and_its_solution_pass(lang):
    """The master's solution cells, run as written, give right answers to every check."""
    nb = json.loads((ROOT / "exercises/solutions" / lang / "06_capstone.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"
                     and "quiz(" not in "".join(c["source"]))
    for name in ("check_threshold_p", "check_phase_points", "check_rubric_total", "check_fixed_plan"):
        assert f"ex.{name}(" in code
    namespace: dict = {}
    exec(compile(code, "master", "exec"), namespace)
    assert ex.check_threshold_p(namespace["threshold_p"], record=False).correct
    assert ex.check_phase_points(namespace["phase_points"], record=False).correct
    assert ex.check_rubric_total(namespace["total"], record=False).correct
    assert ex.check_fixed_plan(namespace["fixed"], record=False).correct
