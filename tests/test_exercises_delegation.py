"""Module 04 exercises: computational checks and the question bank."""
from __future__ import annotations

import pytest

from course_lib import delegation as dl
from course_lib.exercises import delegation as ex
from course_lib.exercises import question, questions_for
from course_lib.exercises.checking import check
from course_lib.progress import get_store


pytestmark = pytest.mark.usefixtures("english")  # these tests read English messages


def fixed_table():
    table = ex.broken_table()
    table["hire_sellers"]["hr_director"] = "C"
    table["bonus_system"]["hr_director"] = "C"
    table["bonus_system"]["sales_manager"] = "A/R"
    table["ict_budget"]["sales_manager"] = "A/R"
    return table


# --------------------------------------------------------------------------- fix the RACI table


def test_broken_table_has_the_three_faults():
    """Does the starting table have exactly the three intended faults?"""
    assert sorted(p.kind for p in dl.validate_raci(ex.broken_table())) == [
        "no_accountable", "several_accountable", "unknown_letter"]


def test_fixed_table_is_accepted_and_recorded():
    """Is a correct repair accepted and the attempt saved?"""
    result = ex.check_fixed_raci(fixed_table())
    assert result.correct is True
    assert "valid" in result.message
    assert get_store().answers()[ex.FIX_ID]["correct"] is True


def test_fix_accepts_a_dataframe_too():
    """Is the same repair accepted as a DataFrame?"""
    assert ex.check_fixed_raci(dl.to_frame(fixed_table()), record=False).correct is True


def test_unchanged_table_is_rejected_with_all_problems():
    """Is the unchanged table rejected, naming each problem?"""
    result = ex.check_fixed_raci(ex.broken_table(), record=False)
    assert result.correct is False
    assert "3 problem(s)" in result.message and "'S'" in result.message


def test_half_fixed_table_names_what_is_left():
    """When only the two A's are fixed, does the feedback name the missing A on the ICT budget?"""
    table = ex.broken_table()
    table["bonus_system"]["hr_director"] = "C"
    table["bonus_system"]["sales_manager"] = "A/R"
    result = ex.check_fixed_raci(table, record=False)
    assert result.correct is False
    assert "ICT/CRM budget: nobody holds A" in result.message
    assert "several roles" not in result.message


def test_fixing_by_deleting_a_decision_is_rejected():
    """Is dropping the faulty ICT row rejected as no longer covering the same decisions?"""
    table = fixed_table()
    del table["ict_budget"]
    result = ex.check_fixed_raci(table, record=False)
    assert result.correct is False and "ICT/CRM budget" in result.message


def test_valid_fix_that_keeps_hr_as_a_gets_a_note():
    """Is a valid fix that leaves HR with the A on bonus accepted, with a note about the source?"""
    table = fixed_table()
    table["bonus_system"]["hr_director"] = "A/R"
    table["bonus_system"]["sales_manager"] = "C"
    result = ex.check_fixed_raci(table, record=False)
    assert result.correct is True and "HR with the A" in result.message


def test_fix_unanswered_and_wrong_type():
    """Is ... 'not answered', and is a list instead of a table rejected clearly?"""
    assert ex.check_fixed_raci(..., record=False).correct is None
    result = ex.check_fixed_raci(["A", "R"], record=False)
    assert result.correct is False and "DataFrame" in result.message


# --------------------------------------------------------------------------- find the gaps


def test_gap_setup_answer():
    assert ex.expected_gap_kpis() == ("lead_volume", "seller_retention", "customer_satisfaction")


RIGHT_GAPS = ["lead_volume", "seller_retention", "customer_satisfaction"]


@pytest.mark.parametrize("answer", [RIGHT_GAPS, ("Customer satisfaction", "Seller retention", "Lead volume"),
                                    {"antall leads", "selgere som blir", "kundetilfredshet"}])
def test_right_gaps_are_accepted_in_any_form(answer):
    """Are the right KPIs accepted as ids or labels, in either language, in any order?"""
    assert ex.check_gap_kpis(answer, record=False).correct is True


def test_counting_r_as_control_misses_kpis_and_is_explained():
    """When she is only R under someone else's A (campaigns, customer service), does the feedback
    explain that R under another's A is not control?"""
    result = ex.check_gap_kpis(["seller_retention"], record=False)
    assert result.correct is False
    assert "You missed Lead volume" in result.message and "her cell: R; A: Marketing" in result.message
    assert "You missed Customer satisfaction" in result.message
    assert "R under someone else's A" in result.message
    assert "R counts" not in result.message


def test_listing_a_kpi_without_gap_is_explained():
    """Is listing gross margin (she holds A/R on price limits) explained as having no gap?"""
    result = ex.check_gap_kpis(RIGHT_GAPS + ["gross_margin"], record=False)
    assert result.correct is False and "Gross margin has no gap" in result.message
    assert "holds A on every input" in result.message


def test_listing_an_unmeasured_kpi_is_explained():
    result = ex.check_gap_kpis(RIGHT_GAPS + ["new_sales"], record=False)
    assert result.correct is False and "not among the KPIs" in result.message


def test_gaps_unanswered_and_unknown_kpi():
    assert ex.check_gap_kpis(..., record=False).correct is None
    result = ex.check_gap_kpis(["revenue"], record=False)
    assert result.correct is False and "Unknown KPI" in result.message


# --------------------------------------------------------------------------- score


def test_score_right_answer_accepted():
    """Is 6/11 accepted, also rounded to three decimals?"""
    assert ex.expected_gap_score() == pytest.approx(6 / 11)
    assert ex.check_gap_score(6 / 11, record=False).correct is True
    assert ex.check_gap_score(0.545, record=False).correct is True


@pytest.mark.parametrize("wrong,phrase", [(10 / 11, "counted R as control"), (1.0, "both R and C"),
                                          (7 / 11, "counted C"), (0.25, "counted KPIs"),
                                          (5 / 11, "does not decide")])
def test_score_typical_mistakes_are_explained(wrong, phrase):
    """Is each typical miscount recognised and explained?"""
    result = ex.check_gap_score(wrong, record=False)
    assert result.correct is False and phrase in result.message


def test_score_other_wrong_value_gets_direction():
    result = ex.check_gap_score(0.8, record=False)
    assert result.correct is False and result.correct is not None


def test_pairs_table_lists_eleven_pairs():
    assert len(ex.pairs_table().frame) == 11


# --------------------------------------------------------------------------- bank


def test_bank_has_at_least_eight_questions_with_feedback():
    """Does the bank hold at least eight questions, each option or item explained in both languages?"""
    qs = questions_for("delegation")
    assert len(qs) >= 8
    for q in qs:
        for opt in q.get("options", []):
            assert opt["feedback"]["nb"] and opt["feedback"]["en"]
        for item in q.get("items", []):
            assert item["feedback"]["nb"] and item["feedback"]["en"]


@pytest.mark.parametrize("qid,right,wrong", [
    ("delegation.parity", "a", "b"),
    ("delegation.controllability", "a", "c"),
    ("delegation.informativeness", "a", "b"),
    ("delegation.raci_fix", "a", "b"),
    ("delegation.level_hiring", "l6", "l1"),
    ("delegation.level_seat", "ceo", "her"),
])
def test_single_choice_accepts_right_and_rejects_wrong(qid, right, wrong):
    """Is the right option accepted and a typical wrong one rejected?"""
    q = question(qid)
    assert check(q, right).correct is True
    assert check(q, wrong).correct is False


def test_multiple_and_matching_questions():
    q = question("delegation.hr_support")
    assert check(q, ["process", "advise"]).correct is True
    assert check(q, ["process", "veto"]).correct is False
    q = question("delegation.agyki")
    right = {"ansvarlig": "r", "godkjennende": "a", "ytende": "s", "konsultert": "c", "informert": "i"}
    assert check(q, right).correct is True
    assert check(q, {**right, "ansvarlig": "a", "godkjennende": "r"}).correct is False


# --------------------------------------------------------------------------- choose and justify a level

REASON = "She meets the customers every day; within margin limits set above her she should decide discounts herself."


def test_level_choice_within_range_with_reason_is_accepted():
    """Is level 5 for price limits with a real justification accepted and explained?"""
    result = ex.check_level_choice("price_discount_limits", 5, REASON, record=False)
    assert result.correct is True and "within the reference 4–6" in result.message


@pytest.mark.parametrize("level,phrase", [(1, "lower than the reference"), (7, "higher than the reference")])
def test_level_choice_outside_range_is_explained(level, phrase):
    result = ex.check_level_choice("price_discount_limits", level, REASON, record=False)
    assert result.correct is False and phrase in result.message and "Margin limits" in result.message


def test_level_choice_needs_a_justification():
    """Is a right level with a one-word reason rejected and asked for more?"""
    result = ex.check_level_choice("price_discount_limits", 5, "because", record=False)
    assert result.correct is False and "at least 12" in result.message


def test_level_choice_unanswered_and_bad_level():
    assert ex.check_level_choice("price_discount_limits", ..., ..., record=False).correct is None
    result = ex.check_level_choice("price_discount_limits", 9, REASON, record=False)
    assert result.correct is False and "1 to 7" in result.message
