"""Exercise checks and question bank of module 03: right answers pass, typical wrong ones are explained."""
from __future__ import annotations

import pytest

from course_lib import agency, set_language
from course_lib.exercises import incentives as ex
from course_lib.exercises.bank import question, questions_for
from course_lib.incentives import Plan, payout, tiered_commission
from course_lib.progress import get_store


pytestmark = pytest.mark.usefixtures("english")  # these tests read English messages


# --------------------------------------------------------------------------- bank answers follow the models


def test_does_the_payout_question_match_the_engine():
    q = question("incentives.payout_by_hand")
    plan = Plan.from_ote(60_000, 0.6, 400_000, threshold=0.5, accelerators=[(1.0, 2.0)], cap=2.0)
    assert q["answer"] == pytest.approx(payout(plan, 520_000))
    wrong = {m["value"] for m in q["common_mistakes"]}
    assert 36_000 + payout(plan, 520_000) in wrong                  # total cash
    assert 0.06 * 520_000 in wrong                                  # no accelerator


def test_does_the_table_question_match_tiered_commission():
    q = question("incentives.whole_vs_marginal")
    table = [(10_000, 0.10), (15_000, 0.20)]
    assert q["answer"] == pytest.approx(tiered_commission(18_000, table, "marginal"))
    assert tiered_commission(18_000, table, "whole") in {m["value"] for m in q["common_mistakes"]}


def test_does_the_len_question_match_len_optimal():
    assert question("incentives.len_beta")["answer"] == pytest.approx(agency.len_optimal(2, 1, 1.5).beta)


def test_is_the_loyalty_answer_the_one_the_simulation_prefers():
    q = question("incentives.loyalty_weights")
    right = [o for o in q["options"] if o["correct"]][0]
    assert right["id"] == "b"
    good = agency.simulate_phase(agency.weighted_plan(0.3, 0.5, 0.2), "loyalty").totals
    new_only = agency.simulate_phase(agency.weighted_plan(1.0), "loyalty").totals
    sat_only = agency.simulate_phase(agency.weighted_plan(0.0, 0.0, 1.0), "loyalty").totals
    assert good["profit"] > new_only["profit"] and good["profit"] > sat_only["profit"]


def test_has_the_bank_enough_questions():
    assert len(questions_for("incentives")) >= 8


# --------------------------------------------------------------------------- commission


def test_does_check_commission_accept_the_right_answer_and_record_it():
    r = ex.check_commission(19_200)
    assert r.correct is True
    assert get_store().answers()["incentives.commission"]


@pytest.mark.parametrize("wrong, fragment", [
    (37_200, "whole-amount"), (30_400, "stacked"), (25_200, "500,000"), (12_400, "2% on all"),
    (21_200, "from NOK 0"), (50_000, "lower"), (1_000, "higher"),
])
def test_does_check_commission_explain_typical_mistakes(wrong, fragment):
    r = ex.check_commission(wrong, record=False)
    assert r.correct is False
    assert fragment in r.message


def test_is_an_unanswered_commission_not_yet_answered():
    assert ex.check_commission(..., record=False).correct is None
    assert ex.check_commission("a lot", record=False).correct is False


# --------------------------------------------------------------------------- plan incentive


def test_does_check_incentive_accept_payout():
    assert ex.expected_incentive() == pytest.approx(26_000 + 9_750 + 5_200)
    assert ex.check_incentive(payout(ex.INCENTIVE_PLAN, ex.INCENTIVE_SALES), record=False).correct


@pytest.mark.parametrize("wrong, fragment", [
    (40_950 + 39_000, "total cash"), (0.065 * 540_000, "forgot the accelerators"),
    (0.13 * 540_000, "top rate"), (26_000 + 0.0975 * 140_000, "forgot tier 2"),
])
def test_does_check_incentive_explain_typical_mistakes(wrong, fragment):
    r = ex.check_incentive(wrong, record=False)
    assert r.correct is False and fragment in r.message


# --------------------------------------------------------------------------- loyalty plan


def test_does_check_loyalty_plan_accept_care_weighted_plans():
    r = ex.check_loyalty_plan(agency.weighted_plan(0.3, 0.5, 0.2))
    assert r.correct is True
    assert "Customers at the end" in r.message


@pytest.mark.parametrize("plan, fragment", [
    (agency.weighted_plan(1.0), "New sales weigh 100%"),
    (agency.weighted_plan(0.8, 0.2), "New sales weigh 80%"),
    (agency.weighted_plan(0.3, 0.5, 0.2, base_share=0.95), "fixed"),
])
def test_does_check_loyalty_plan_reject_typical_mistakes(plan, fragment):
    r = ex.check_loyalty_plan(plan, record=False)
    assert r.correct is False and fragment in r.message


def test_does_check_loyalty_plan_reject_a_non_plan():
    r = ex.check_loyalty_plan({"new_sales": 0.3}, record=False)
    assert r.correct is False and "must be a plan" in r.message
    assert ex.check_loyalty_plan(None, record=False).correct is None


# --------------------------------------------------------------------------- design brief

GOOD = Plan.from_ote(65_000, 0.6, 380_000, threshold=0.3, accelerators=[(1.0, 1.5)], cap=3.0,
                     weights={"new_sales": 0.7, "renewals": 0.2, "customer_satisfaction": 0.1},
                     renewal_quota=220_000)


def test_does_check_design_accept_a_plan_meeting_the_brief():
    r = ex.check_design(GOOD)
    assert r.correct is True, r.message
    assert r.message.count("✓") == 6


@pytest.mark.parametrize("plan, failing", [
    (GOOD.replace(base_salary=40_000), {"ote"}),                                   # pays 66 000 at quota
    (Plan.from_ote(65_000, 0.4, 380_000, weights=GOOD.weights, renewal_quota=220_000), {"mix"}),
    (GOOD.replace(weights=(("new_sales", 1.0),)), {"care"}),
    (GOOD.replace(threshold=0.8), {"risks"}),
    (GOOD.replace(accelerators=((1.0, 4.0),), cap=None), {"cost", "risks"}),
    (GOOD.replace(quota=250_000), {"cost"}),
])
def test_does_check_design_name_each_unmet_requirement(plan, failing):
    criteria = {key: met for key, met, _ in ex.design_criteria(plan)}
    assert {k for k, met in criteria.items() if not met} == failing
    r = ex.check_design(plan, record=False)
    assert r.correct is False
    assert f"{len(failing)} requirement" in r.message


def test_is_an_unanswered_design_not_yet_answered():
    assert ex.check_design(..., record=False).correct is None
    assert ex.check_design(42, record=False).correct is False


def test_do_checks_speak_norwegian():
    set_language("nb")
    assert "Ikke ennå" in ex.check_design(GOOD.replace(threshold=0.8), record=False).message
