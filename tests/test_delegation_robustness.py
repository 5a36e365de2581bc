"""Module 04 under bad input (issue 10): unknown names are reported with the valid ones listed,
non-finite and absurd values give a translated ValueError, and no public function lets another
exception through, whatever it is fed (property tests, both languages)."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import course_lib
from course_lib import delegation as dl
from course_lib.exercises import delegation as ex
from course_lib.plots.delegation import plot_board, plot_levels


def both_languages(call):
    """Run ``call`` in nb and en. Either both return, or both raise a ValueError whose
    message differs between the languages (it was translated). Any other exception fails."""
    outcomes = {}
    for lang in ("nb", "en"):
        course_lib.set_language(lang)
        try:
            outcomes[lang] = ("ok", call())
        except ValueError as exc:
            outcomes[lang] = ("error", str(exc))
    kinds = {kind for kind, _ in outcomes.values()}
    assert len(kinds) == 1, outcomes
    if kinds == {"error"}:
        nb, en = outcomes["nb"][1], outcomes["en"][1]
        assert nb and en and nb != en, (nb, en)
        assert "Traceback" not in nb and len(nb) < 2000
    return outcomes["en"]


# --------------------------------------------------------------------------- named cases


def test_validate_raci_reports_unknown_roles_and_decisions_with_the_valid_ones():
    """Are an unknown role and an unknown decision reported, listing the valid ones, in both languages?"""
    table = {"hire_sellers": {"salgsjef": "A/R"}, "hire_selers": {"sales_manager": "A/R"}}
    course_lib.set_language("en")
    problems = dl.validate_raci(table)
    kinds = [p.kind for p in problems]
    assert "unknown_role" in kinds and "unknown_decision" in kinds
    role_msg = next(str(p) for p in problems if p.kind == "unknown_role")
    assert "'salgsjef'" in role_msg and "sales_manager" in role_msg and "hr_director" in role_msg
    decision_msg = next(str(p) for p in problems if p.kind == "unknown_decision")
    assert "'hire_selers'" in decision_msg and "hire_sellers" in decision_msg
    course_lib.set_language("nb")
    assert "Ukjent rolle 'salgsjef'" in str(next(p for p in problems if p.kind == "unknown_role"))


@pytest.mark.parametrize("as_frame", [False, True])
def test_a_misspelt_role_column_is_reported_not_scored_zero(as_frame):
    """Does a board whose sales-manager column is misspelt raise a clear error instead of scoring 0?"""
    board = dl.matrix_to_dict(dl.preset_matrix("proposal"))
    for row in board.values():
        if "sales_manager" in row:
            row["salgsjef"] = row.pop("sales_manager")
    matrix = dl.to_frame(board) if as_frame else board
    kind, message = both_languages(lambda: dl.controllability_gaps(matrix))
    assert kind == "error"
    assert "'salgsjef'" in message and "sales_manager" in message
    course_lib.set_language("nb")
    with pytest.raises(ValueError, match="kolonne som ikke er en kjent rolle"):
        dl.controllability_gaps(matrix)
    with pytest.raises(ValueError, match="ikke er en kjent rolle"):
        plot_board(matrix)


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan, 1e308, 10**400, "5", "fem", None, True, 2.5,
                                 [5], {"x": 1}, b"5"])
def test_bad_delegation_levels_give_a_translated_value_error(bad):
    """Are inf, NaN, huge numbers, text, None, bools and containers rejected as levels, in both languages?"""
    for call in (lambda: dl.level_info(bad), lambda: dl.check_levels({"ict_budget": bad}),
                 lambda: dl.controllability_gaps(dl.preset_matrix("today"), levels={"ict_budget": bad}),
                 lambda: dl.controllability_gaps(dl.preset_matrix("today"), min_level=bad if bad is not None else 0),
                 lambda: dl.level_spread([{"ict_budget": bad}])):
        kind, message = both_languages(call)
        assert kind == "error" and "1" in message and "7" in message


def test_absurd_sizes_are_refused():
    """Is a board with thousands of rows, or a huge KPI list, refused with a clear message?"""
    huge = {f"d{i}": {"ceo": "A"} for i in range(500)}
    assert both_languages(lambda: dl.validate_raci(huge))[0] == "error"
    assert both_languages(lambda: dl.controllability_gaps(dl.preset_matrix("today"), ["new_sales"] * 5000))[0] \
        == "error"
    frame = pd.DataFrame([["A"] * 2], columns=["ceo", "ceo"], index=["ict_budget"])
    assert both_languages(lambda: dl.validate_raci(frame))[0] == "error"


def test_unknown_preset_and_kpi_list_valid_ones_in_the_widget_too():
    """Does the board app refuse an unknown preset with a translated ValueError (not a TraitError)?"""
    from course_lib.widgets.delegation import DecisionRightsBoard

    kind, message = both_languages(lambda: DecisionRightsBoard(preset="xyz"))
    assert kind == "error" and "today, proposal, empty" in message
    kind, message = both_languages(lambda: DecisionRightsBoard(measured_kpis=["revenue"]))
    assert kind == "error" and "new_sales" in message


# --------------------------------------------------------------------------- property tests

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
                    st.sampled_from(["A", "R", "A/R", "C", "I", "ar", "X", "sales_manager", "hire_sellers",
                                     "new_sales", "Salgssjef", "today", "5"]))
anything = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                        max_leaves=12)
known_roles = st.sampled_from(["ceo", "sales_director", "sales_manager", "hr_director", "it", "marketing",
                               "customer_service", "salgsjef", "Sales manager", ""])
known_decisions = st.sampled_from(["hire_sellers", "bonus_system", "ict_budget", "pay_levels", "Hire sellers",
                                   "hire_selers", "", "x" * 80])
cells = st.one_of(scalars, st.sampled_from(["A", "R", "A/R", "C", "I", "AC", ""]))
boards = st.one_of(
    anything,
    st.dictionaries(known_decisions, st.dictionaries(known_roles, cells, max_size=5), max_size=5),
    st.dictionaries(known_decisions, st.dictionaries(known_roles, cells, max_size=5), max_size=5).map(
        lambda d: pd.DataFrame(d).T),
)
levels_maps = st.one_of(anything, st.dictionaries(known_decisions, scalars, max_size=4))
kpi_lists = st.one_of(anything, st.lists(st.sampled_from(["new_sales", "gross_margin", "Nysalg", "revenue", ""]),
                                         max_size=4))

PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _valid_report(report):
    assert 0.0 <= report.score <= 1.0 and 0.0 <= report.working_share <= 1.0
    assert report.score + report.working_share <= 1.0 + 1e-9
    assert all(math.isfinite(v) for v in report.coverage.values())


@PROPERTY
@given(value=anything)
def test_lookups_and_labels_never_raise_anything_but_value_error(value):
    for func in (dl.role_id, dl.decision_id, dl.kpi_id, dl.decisions_driving, dl.level_info, dl.level_label,
                 dl.preset_matrix, dl.role_label, dl.decision_label, dl.kpi_label, dl.parse_cell):
        kind, result = both_languages(lambda: func(value))
        if kind == "ok" and func in (dl.role_label, dl.decision_label, dl.kpi_label, dl.level_label):
            assert isinstance(result, str)


@PROPERTY
@given(matrix=boards)
def test_board_functions_never_raise_anything_but_value_error(matrix):
    for func in (dl.to_frame, dl.validate_raci, dl.matrix_to_dict, dl.labelled):
        both_languages(lambda: func(matrix))
    kind, report = both_languages(lambda: dl.controllability_gaps(matrix))
    if kind == "ok":
        _valid_report(report)
        assert set(report.controlled) <= set(dl.DECISIONS)
    both_languages(lambda: dl.controls(matrix))
    both_languages(lambda: dl.works_under(matrix))
    both_languages(lambda: dl.accountable_for(matrix, "hire_sellers"))


@PROPERTY
@given(matrix=boards, kpis=kpi_lists, levels=levels_maps, role=st.one_of(known_roles, anything),
       min_level=scalars)
def test_gap_check_returns_a_valid_report_or_a_translated_error(matrix, kpis, levels, role, min_level):
    kind, report = both_languages(lambda: dl.controllability_gaps(matrix, kpis, role, levels, min_level))
    if kind == "ok":
        _valid_report(report)


@PROPERTY
@given(matrix=boards, decision=st.one_of(known_decisions, anything), role=st.one_of(known_roles, anything),
       cell=cells)
def test_grant_returns_a_board_or_a_translated_error(matrix, decision, role, cell):
    kind, frame = both_languages(lambda: dl.grant(matrix, decision, role, cell))
    if kind == "ok":
        assert isinstance(frame, pd.DataFrame)


@PROPERTY
@given(choices=levels_maps, responses=st.one_of(anything, st.lists(levels_maps, max_size=3)))
def test_level_functions_never_raise_anything_but_value_error(choices, responses):
    kind, df = both_languages(lambda: dl.check_levels(choices))
    if kind == "ok":
        assert df["within"].dtype == bool or df.empty
    both_languages(lambda: dl.level_spread(responses))


@PROPERTY
@given(matrix=boards, decisions=st.one_of(anything, st.lists(known_decisions, max_size=3)), kpis=kpi_lists)
def test_tables_never_raise_anything_but_value_error(matrix, decisions, kpis):
    both_languages(lambda: dl.score_steps(matrix, decisions, kpis))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matrix=boards, choices=levels_maps)
def test_plots_never_raise_anything_but_value_error(matrix, choices):
    both_languages(lambda: plot_board(matrix))
    both_languages(lambda: plot_levels(choices))


@PROPERTY
@given(answer=anything, decision=st.one_of(known_decisions, anything), level=scalars, reason=anything)
def test_exercise_checks_answer_anything_with_feedback(answer, decision, level, reason):
    """Do the checks give feedback (or a translated ValueError for an unknown decision) for any answer?"""
    for call in (lambda: ex.check_fixed_raci(answer, record=False), lambda: ex.check_gap_kpis(answer, record=False),
                 lambda: ex.check_gap_score(answer, record=False),
                 lambda: ex.check_level_choice(decision, level, reason, record=False)):
        kind, result = both_languages(call)
        if kind == "ok":
            assert result.correct in (True, False, None) and isinstance(result.message, str)
