"""Tests for course_lib.delegation: RACI validation, controllability gaps, delegation levels."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib import delegation as dl
from course_lib.i18n import set_language


pytestmark = pytest.mark.usefixtures("english")  # these tests read English messages


def kinds(problems):
    return sorted(p.kind for p in problems)


# --------------------------------------------------------------------------- catalogue


def test_levels_are_the_seven_management30_levels_in_order():
    """Are the seven levels numbered 1-7 with tell first and delegate last, in both languages?"""
    ids = [lv["id"] for lv in dl.DELEGATION_LEVELS]
    assert ids == ["tell", "sell", "consult", "agree", "advise", "inquire", "delegate"]
    assert [lv["level"] for lv in dl.DELEGATION_LEVELS] == list(range(1, 8))
    for lv in dl.DELEGATION_LEVELS:
        assert lv["name"]["nb"] and lv["name"]["en"] and lv["meaning"]["nb"] and lv["meaning"]["en"]
    assert len(dl.TANNENBAUM_SCHMIDT) == 7


def test_catalogue_has_the_source_decisions_and_roles():
    """Does the catalogue hold every decision and role the brief names, with known KPIs?"""
    assert set(dl.DECISIONS) == {
        "hire_sellers", "restructure_sellers", "end_employment", "bonus_system", "pay_levels", "ict_budget",
        "digital_strategy_targets", "price_discount_limits", "customer_service_processes",
        "marketing_campaigns", "top_management_seat"}
    assert set(dl.ROLES) == {"ceo", "sales_director", "sales_manager", "hr_director", "it", "marketing",
                             "customer_service"}
    for d in dl.DECISIONS.values():
        assert set(d.kpis) <= set(dl.KPIS)
        assert d.kpis, f"{d.id} drives no KPI"
        assert d.name["nb"] and d.name["en"]
    assert set(dl.REFERENCE_LEVELS) == set(dl.DECISIONS)


def test_labels_resolve_in_both_languages():
    """Are ids and labels in either language accepted for roles, decisions and KPIs?"""
    assert dl.role_id("salgssjef") == dl.role_id("Sales manager") == "sales_manager"
    assert dl.decision_id("IKT-/CRM-budsjett") == "ict_budget"
    assert dl.kpi_id("customer satisfaction") == "customer_satisfaction"


def test_unknown_role_names_the_allowed_ones():
    """Does an unknown role give a ValueError that lists the allowed roles?"""
    with pytest.raises(ValueError, match="Unknown role 'janitor'.*sales_manager"):
        dl.role_id("janitor")
    set_language("nb")
    with pytest.raises(ValueError, match="Ukjent rolle"):
        dl.role_id("janitor")


# --------------------------------------------------------------------------- validate_raci


def test_valid_table_has_no_problems():
    """Is a table with one A and at least one R per decision valid?"""
    table = {"hire_sellers": {"sales_manager": "A", "hr_director": "R", "ceo": "I"},
             "ict_budget": {"sales_manager": "A/R", "it": "C"}}
    assert dl.validate_raci(table) == []
    assert dl.validate_raci(dl.preset_matrix("today")) == []
    assert dl.validate_raci(dl.preset_matrix("proposal")) == []


@pytest.mark.parametrize("cell", ["AR", "RA", "A/R", "R/A", "a+r", " a , r "])
def test_a_plus_r_spellings_count_as_both(cell):
    """Are AR, RA, A/R and similar all read as A and R in one cell?"""
    assert dl.validate_raci({"pay_levels": {"hr_director": cell}}) == []
    assert dl.to_frame({"pay_levels": {"hr_director": cell}}).loc["pay_levels", "hr_director"] == "A/R"


def test_two_a_is_a_problem_naming_both_roles():
    """Are two A's on one decision reported, with both roles named?"""
    problems = dl.validate_raci({"bonus_system": {"hr_director": "A/R", "sales_manager": "A"}})
    assert kinds(problems) == ["several_accountable"]
    assert problems[0].roles == ("hr_director", "sales_manager")
    assert "HR director" in str(problems[0]) and "Sales manager" in str(problems[0])


def test_no_a_is_a_problem():
    """Is a decision with R but no A reported as lacking an accountable role?"""
    problems = dl.validate_raci({"ict_budget": {"it": "R", "sales_manager": "C"}})
    assert kinds(problems) == ["no_accountable"]
    assert problems[0].decision == "ict_budget"
    assert "ICT/CRM budget" in str(problems[0])


def test_no_r_is_a_problem():
    """Is a decision with an A but nobody doing the work reported?"""
    problems = dl.validate_raci({"hire_sellers": {"ceo": "A", "hr_director": "C"}})
    assert kinds(problems) == ["no_responsible"]


def test_unknown_letter_is_rejected_with_allowed_letters_named():
    """Is a letter outside R, A, C, I rejected, naming the cell and the allowed letters?"""
    problems = dl.validate_raci({"hire_sellers": {"ceo": "A", "hr_director": "R", "sales_manager": "X"}})
    assert kinds(problems) == ["unknown_letter"]
    text = str(problems[0])
    assert "'X'" in text and "R, A, C, I" in text and "Sales manager" in text
    set_language("nb")
    assert "ikke en RACI-bokstav" in str(problems[0])


def test_mixing_r_with_c_is_a_conflict():
    """Is a cell that says both R and C reported as a conflict?"""
    problems = dl.validate_raci({"hire_sellers": {"ceo": "A", "hr_director": "RC"}})
    assert kinds(problems) == ["conflict"]


def test_empty_row_reports_both_missing_a_and_missing_r():
    """Does a decision with no letters at all report both a missing A and a missing R?"""
    assert kinds(dl.validate_raci({"pay_levels": {"ceo": "", "hr_director": None}})) == [
        "no_accountable", "no_responsible"]
    assert kinds(dl.validate_raci({})) == ["empty"]
    assert len(dl.validate_raci(dl.empty_matrix())) == 2 * len(dl.DECISIONS)


def test_dataframe_and_dict_give_the_same_problems():
    """Does the validator treat a DataFrame and the equivalent dict of dicts alike?"""
    table = {"hire_sellers": {"ceo": "A", "hr_director": "A"}, "pay_levels": {"hr_director": "Q"}}
    frame = pd.DataFrame(table).T.fillna("")
    assert [str(p) for p in dl.validate_raci(frame)] == [str(p) for p in dl.validate_raci(table)]


def test_non_table_input_raises():
    """Is a matrix that is neither a DataFrame nor a dict rejected with a clear ValueError?"""
    with pytest.raises(ValueError, match="DataFrame"):
        dl.validate_raci(["A", "R"])


# --------------------------------------------------------------------------- controllability


def test_today_preset_has_gaps_on_every_default_kpi():
    """In the traditional set-up, is every KPI she answers for missing some input, and does
    restructuring (she is R, HR holds A) show as work under someone else's A, not as control?"""
    report = dl.controllability_gaps(dl.preset_matrix("today"))
    assert report.role == "sales_manager"
    assert set(report.gap_kpis) == set(dl.SALES_MANAGER_KPIS)
    assert report.controlled == ()
    assert report.working == ("restructure_sellers",)
    assert report.score == 0.0 and report.working_share == pytest.approx(4 / 20)
    new_sales = report.gaps[0]
    assert new_sales.working == ("restructure_sellers",)
    assert "She does the work while someone else holds A: Restructure or reassign sellers (A: HR director)" \
        in str(new_sales)


def test_proposal_gives_her_a_where_the_source_says_she_decides():
    """Does the proposal give her A on hiring, restructuring, the bonus system and the ICT budget
    (HR supports), and leave the A elsewhere exactly where the reference level is below 5?"""
    proposal = dl.preset_matrix("proposal")
    report = dl.controllability_gaps(proposal)
    for d in ("hire_sellers", "restructure_sellers", "bonus_system", "ict_budget"):
        assert "A" in dl.parse_cell(proposal.loc[d, "sales_manager"])[0]
    assert proposal.loc["hire_sellers", "hr_director"] == "R"
    for d, ref in dl.REFERENCE_LEVELS.items():
        hers = "A" in dl.parse_cell(proposal.loc[d, "sales_manager"])[0]
        assert hers is (ref.level >= dl.DEFAULT_CONTROL_LEVEL), d
    assert report.score == pytest.approx(14 / 20)
    assert set(report.working) == {"pay_levels", "digital_strategy_targets", "marketing_campaigns"}


def test_being_r_under_another_a_is_not_control():
    """Is she R while HR holds A on hiring reported as work under HR's A, not counted in the score?"""
    m = dl.empty_matrix()
    m.loc["price_discount_limits", "sales_director"] = "A"
    m.loc["price_discount_limits", "sales_manager"] = "R"
    report = dl.controllability_gaps(m, ["gross_margin"])
    assert report.score == 0.0 and report.gap_kpis == ("gross_margin",)
    assert report.gaps[0].working == ("price_discount_limits",)
    assert dl.works_under(m) == {"price_discount_limits": "sales_director"}
    m.loc["price_discount_limits", "sales_director"] = "C"
    m.loc["price_discount_limits", "sales_manager"] = "A/R"
    assert dl.controllability_gaps(m, ["gross_margin"]).gaps == ()


def test_gap_names_missing_decision_and_who_holds_it():
    """Does a gap say which decision she lacks and who holds A on it?"""
    report = dl.controllability_gaps(dl.preset_matrix("today"), ["gross_margin"])
    (gap,) = report.gaps
    assert gap.kpi == "gross_margin" and gap.missing == ("price_discount_limits",)
    assert gap.holders == {"price_discount_limits": "sales_director"}
    assert "Gross margin" in str(gap) and "Price and discount limits" in str(gap) and "Sales director" in str(gap)


def test_granting_a_right_closes_exactly_that_gap():
    """Does giving her A/R on one decision remove exactly that decision from every gap, and nothing else?"""
    today = dl.preset_matrix("today")
    before = dl.controllability_gaps(today)
    after = dl.controllability_gaps(dl.grant(today, "price_discount_limits"))
    before_pairs = {(g.kpi, d) for g in before.gaps for d in g.missing}
    after_pairs = {(g.kpi, d) for g in after.gaps for d in g.missing}
    assert before_pairs - after_pairs == {("new_sales", "price_discount_limits")}
    assert after_pairs < before_pairs
    assert after.score > before.score


def test_granting_the_only_missing_input_removes_the_kpi_from_gaps():
    """When one decision is all a KPI lacks, does granting it remove that KPI from the gap list?"""
    today = dl.preset_matrix("today")
    assert dl.controllability_gaps(today, ["gross_margin"]).gap_kpis == ("gross_margin",)
    report = dl.controllability_gaps(dl.grant(today, "price_discount_limits", cell="A"), ["gross_margin"])
    assert report.gaps == () and report.score == 1.0
    still = dl.controllability_gaps(dl.grant(today, "price_discount_limits", cell="R"), ["gross_margin"])
    assert still.gap_kpis == ("gross_margin",) and still.working == ("price_discount_limits",)


def test_consulted_informed_or_responsible_does_not_count_as_control():
    """Does being only C, I or R (under the sales director's A) on a decision leave the gap open?"""
    today = dl.preset_matrix("today")
    for cell in ("C", "I", "R"):
        m = today.copy()
        m.loc["price_discount_limits", "sales_manager"] = cell
        assert dl.controllability_gaps(m, ["gross_margin"]).gap_kpis == ("gross_margin",)


def test_grant_moves_the_a_so_the_table_stays_valid():
    """After granting A/R, does the former A holder lose A and the table stay valid?"""
    m = dl.grant(dl.preset_matrix("today"), "bonus_system")
    assert m.loc["bonus_system", "sales_manager"] == "A/R"
    assert m.loc["bonus_system", "hr_director"] == "R"
    assert dl.validate_raci(m) == []


@pytest.mark.parametrize("level,closed", [(4, False), (5, True), (7, True)])
def test_delegation_level_closes_gap_only_when_high_enough(level, closed):
    """Does a delegation level close a gap only from level 5 (advise) upwards by default?"""
    report = dl.controllability_gaps(dl.preset_matrix("today"), ["gross_margin"],
                                     levels={"price_discount_limits": level})
    assert (report.gaps == ()) is closed


def test_min_level_can_be_raised():
    """With min_level=7, is level 6 no longer enough?"""
    report = dl.controllability_gaps(dl.preset_matrix("today"), ["gross_margin"],
                                     levels={"price_discount_limits": 6}, min_level=7)
    assert report.gap_kpis == ("gross_margin",)


def test_gaps_for_another_role():
    """Can the check run for another role, e.g. the HR director measured on seller retention?"""
    report = dl.controllability_gaps(dl.preset_matrix("today"), ["seller_retention"], role="HR director")
    assert report.role == "hr_director"
    assert report.controlled == ("restructure_sellers", "bonus_system", "pay_levels")
    assert report.gap_kpis == ("seller_retention",)
    assert report.gaps[0].working == ("hire_sellers", "end_employment")  # HR is R under the CEO's A
    assert report.score == 0.5


def test_bad_inputs_to_gaps_raise_clear_errors():
    """Are an unknown KPI and an out-of-range level rejected with the field named?"""
    with pytest.raises(ValueError, match="Unknown KPI 'revenue'.*new_sales"):
        dl.controllability_gaps(dl.preset_matrix("today"), ["revenue"])
    with pytest.raises(ValueError, match="ict_budget must be a whole number from 1 to 7, got 9"):
        dl.controllability_gaps(dl.preset_matrix("today"), levels={"ict_budget": 9})
    with pytest.raises(ValueError, match="from 1 to 7"):
        dl.controllability_gaps(dl.preset_matrix("today"), levels={"ict_budget": 2.5})


def test_nothing_measured_scores_one_and_says_so():
    """With no KPIs measured, is the score 1 and is the learner told to choose some?"""
    report = dl.controllability_gaps(dl.preset_matrix("today"), [])
    assert report.score == 1.0 and report.gaps == ()
    assert "at least one KPI" in report.lines()[0]


decision_ids = st.sampled_from(list(dl.DECISIONS))


@settings(max_examples=60, deadline=None)
@given(st.sets(decision_ids), st.sets(decision_ids))
def test_more_rights_never_lower_the_score(first, extra):
    """Is the score monotone: granting more decisions never lowers it, and all decisions give 1?"""
    m1 = dl.empty_matrix()
    for d in first:
        m1 = dl.grant(m1, d)
    m2 = m1
    for d in extra:
        m2 = dl.grant(m2, d)
    s1 = dl.controllability_gaps(m1).score
    s2 = dl.controllability_gaps(m2).score
    assert 0.0 <= s1 <= s2 <= 1.0
    if set(dl.DECISIONS) <= first | extra:
        assert s2 == 1.0


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(decision_ids, st.integers(1, 7)))
def test_levels_and_matrix_agree(levels):
    """Is delegating at level >= 5 equivalent to holding A for the gap check?"""
    by_level = dl.controllability_gaps(dl.empty_matrix(), levels=levels)
    m = dl.empty_matrix()
    for d, lv in levels.items():
        if lv >= 5:
            m.loc[d, "sales_manager"] = "A"
    by_matrix = dl.controllability_gaps(m)
    assert by_level.gaps == by_matrix.gaps and by_level.score == by_matrix.score


# --------------------------------------------------------------------------- levels


def test_check_levels_compares_with_reference_range():
    """Does the comparison mark choices inside and outside the reference range correctly?"""
    df = dl.check_levels({"hire_sellers": 6, "top_management_seat": 7, "pay_levels": 1})
    assert bool(df.loc["hire_sellers", "within"]) is True
    assert bool(df.loc["top_management_seat", "within"]) is False
    assert int(df.loc["top_management_seat", "difference"]) == 6
    assert int(df.loc["pay_levels", "difference"]) == -3
    assert dl.check_levels({}).empty


def test_level_spread_counts_each_level():
    """Does the class spread give n, min, median, max and counts per level?"""
    s = dl.level_spread([{"ict_budget": 2, "pay_levels": 4}, {"ict_budget": 6}, {"ict_budget": 7}])
    assert s.loc["ict_budget", "n"] == 3
    assert (s.loc["ict_budget", "min"], s.loc["ict_budget", "median"], s.loc["ict_budget", "max"]) == (2, 6.0, 7)
    assert s.loc["ict_budget", "counts"] == (0, 1, 0, 0, 0, 1, 1)
    assert s.loc["pay_levels", "n"] == 1
    assert dl.level_spread([]).empty


def test_level_label_and_bad_level():
    """Is a level shown as number and name, and is 0 rejected?"""
    assert dl.level_label(5, "nb") == "5 Gi råd"
    assert dl.level_label(1, "en") == "1 Tell"
    with pytest.raises(ValueError, match="got 0"):
        dl.level_info(0)


def test_matrix_to_dict_round_trips():
    """Does saving a board as a dict and loading it back give the same table?"""
    today = dl.preset_matrix("today")
    again = dl.to_frame(dl.matrix_to_dict(today))
    for d in again.index:
        for r in again.columns:
            assert again.loc[d, r] == today.loc[d, r]


def test_unknown_preset_is_rejected():
    """Is an unknown preset name rejected with the allowed names?"""
    with pytest.raises(ValueError, match="today, proposal, empty"):
        dl.preset_matrix("tomorrow")
