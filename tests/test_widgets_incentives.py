"""Widget apps of module 03, driven by changing their controls."""
from __future__ import annotations

import pytest

from course_lib import set_language
from course_lib.incentives import Plan
from course_lib.progress import get_store
from course_lib.widgets.incentives import PhaseExplorer, PlanDesigner, UniformVsTailored, saved_plan, split_care


def _png(out) -> bytes:
    assert len(out.outputs) == 1
    return out.outputs[0]["data"]["image/png"]


@pytest.fixture
def designer():
    set_language("en")
    return PlanDesigner()


def test_does_the_designer_start_with_a_plan_paying_ote_at_quota(designer):
    assert designer.plan.ote == pytest.approx(65_000)
    assert designer.result is not None
    assert designer.out.outputs and "image/png" in designer.out.outputs[0]["data"]
    assert not designer.error.has_error


def test_does_moving_the_threshold_change_the_curve_and_warn(designer):
    before = _png(designer.out)
    line_before = designer.chart.curve.total_line.get_ydata().copy()
    designer.threshold.value = 0.8
    assert designer.plan.threshold == 0.8
    assert _png(designer.out) != before
    assert (designer.chart.curve.total_line.get_ydata()[:50] != line_before[:50]).any() or \
        len(designer.chart.curve.total_line.get_ydata()) != len(line_before)
    assert "cliff" in [r.code for r in designer.result.risks]
    assert "Cliff" in designer.risks.value
    designer.threshold.value = 0.0
    assert "cliff" not in [r.code for r in designer.result.risks]


def test_does_the_cap_lower_total_incentive_and_show_a_warning(designer):
    designer.acc1_mult.value = 2.0
    uncapped = designer.result.total_incentive
    designer.use_cap.value = True
    designer.cap.value = 1.2
    assert designer.plan.cap == pytest.approx(1.2)
    assert designer.result.total_incentive < uncapped
    assert "cap" in [r.code for r in designer.result.risks]
    designer.use_cap.value = False
    designer.acc1_mult.value = 1.0
    assert designer.plan.accelerators == ()


def test_does_a_bad_weight_combination_show_an_error_and_recover(designer):
    designer.w_renewals.value = 0.7
    designer.w_satisfaction.value = 0.6
    assert designer.error.has_error
    assert "sum to 1" in designer.error.value
    assert designer.result is None
    designer.w_satisfaction.value = 0.3
    assert not designer.error.has_error
    assert designer.plan.weight_of["new_sales"] == pytest.approx(0.0)
    assert designer.plan.weight_of["renewals"] == pytest.approx(0.7)
    designer.w_renewals.value = 0.0
    designer.w_satisfaction.value = 0.0


def test_do_tiers_out_of_order_show_an_error(designer):
    designer.acc1_mult.value = 1.5
    designer.acc2_mult.value = 2.0
    designer.acc2_from.value = 0.9          # below tier 1 at 100 %
    assert "rising order" in designer.error.value
    designer.acc2_from.value = 1.5
    assert not designer.error.has_error
    assert designer.plan.accelerators == ((1.0, 1.5), (1.5, 2.0))
    designer.acc1_mult.value = 1.0
    designer.acc2_mult.value = 1.0


def test_does_quarterly_settlement_change_the_periods(designer):
    designer.period.value = "quarter"
    assert designer.result.period == "quarter"
    assert len(designer.result.rows) == 80
    designer.period.value = "month"
    assert len(designer.result.rows) == 240


def test_does_the_metrics_box_show_cost_of_sales(designer):
    r = designer.result
    assert "Cost of sales" in designer.metrics.value
    assert f"{100 * r.cost_of_sales:.1f}%" in designer.metrics.value
    assert "Øyvind Hagen" in designer.sellers_table.value


def test_does_save_store_a_plan_the_capstone_can_read():
    set_language("en")
    app = PlanDesigner(plan=Plan.from_ote(70_000, 0.5, 400_000, threshold=0.5, accelerators=[(1.0, 2.0)], cap=3.0,
                                          name="hunter plan"))
    assert app.plan.ote == pytest.approx(70_000)
    assert app.plan.accelerators == ((1.0, 2.0),)
    app.save_button.click()
    assert "hunter plan" in app.saved.value
    again = saved_plan("hunter plan")
    assert again == app.plan
    assert get_store().get("plans", "hunter plan")["cap"] == 3.0
    assert saved_plan("nothing") is None


def test_does_the_designer_speak_norwegian():
    set_language("nb")
    app = PlanDesigner()
    assert app.ote.description.startswith("Målinntekt")
    assert "Salgskostnad" in app.metrics.value


def test_does_the_phase_explorer_show_lost_customers_under_a_new_sales_plan():
    set_language("en")
    app = PhaseExplorer(phase="loyalty", new_sales=0.3)
    caring_end = app.result.totals["customers_end"]
    first = _png(app.out)
    app.w_new.value = 1.0
    assert app.result.totals["customers_end"] < caring_end
    assert _png(app.out) != first
    assert app.result.totals["customers_end"] == pytest.approx(app.reference.totals["customers_end"], rel=0.02)
    app.phase.value = "growth"
    assert app.result.phase.key == "growth"
    app.months.value = 36
    assert len(app.result.monthly) == 36
    assert "Customers" in app.summary.value


def test_does_uniform_vs_tailored_report_the_profit_gap():
    set_language("en")
    app = UniformVsTailored()
    total = app.table[app.table["unit"] == "total"].set_index("arrangement")
    assert total.loc["tailored", "profit"] > total.loc["uniform", "profit"]
    assert "more profit" in app.summary.value
    app.growth_new.value = 0.1          # a poor tailored plan for the growth unit
    app.loyalty_new.value = 1.0
    total = app.table[app.table["unit"] == "total"].set_index("arrangement")
    assert total.loc["tailored", "profit"] < total.loc["uniform", "profit"]
    assert "uniform plan here earns" in app.summary.value and "million" in app.summary.value
    assert app.out.outputs


def test_does_split_care_sum_to_one():
    for x in (0.0, 0.35, 1.0):
        assert sum(split_care(x)) == pytest.approx(1.0)


def test_risk_report_lists_each_risk_in_the_learner_language():
    """Does the notebook's risk list name the cliff and the cap, and say when there is no risk?"""
    import course_lib
    from course_lib.incentives import Plan
    from course_lib.widgets.incentives import risk_report

    course_lib.set_language("en")
    risky = risk_report(Plan.from_ote(60_000, 0.6, 400_000, threshold=0.8, cap=1.5)).value
    assert "Cliff" in risky and "Cap" in risky and risky.count("<li") == 3
    course_lib.set_language("nb")
    assert "<li" in risk_report(Plan.from_ote(60_000, 0.6, 400_000)).value


def test_does_the_designer_explain_a_team_with_a_zero_quota_instead_of_a_plot_error():
    from course_lib.cases import load_team

    team = load_team().copy()
    team.loc[team.index[5], "quota"] = 0
    app = PlanDesigner(team=team)
    app.quotas.value = "data"
    assert app.result is None
    text = app.error.value
    assert "quota" in text and "NaN" not in text and "Axis limits" not in text
    app.threshold.value = 0.5          # the app stays usable and keeps explaining
    assert "quota" in app.error.value and app.result is None


def test_is_the_weights_message_in_norwegian_number_format():
    set_language("nb")
    try:
        app = PlanDesigner()
        app.w_renewals.value = 0.7
        app.w_satisfaction.value = 0.5
        assert app.result is None
        assert "1,2" in app.error.value and "1.2" not in app.error.value
    finally:
        set_language("en")


def test_does_the_designer_say_when_a_plan_does_not_fit_the_sliders():
    set_language("en")
    app = PlanDesigner()
    app.set_plan(Plan.from_ote(300_000, 0.6, 2_000_000))
    assert "outside the sliders" in app.error.value


@pytest.mark.parametrize("lang, words", [("nb", ["3 akseleratortrinn", "140 %"]),
                                         ("en", ["3 accelerator tiers", "140%"])])
def test_does_the_designer_name_the_accelerator_tiers_it_cannot_hold(lang, words):
    """A plan with three tiers lost its third silently in the designer (two tier sliders)."""
    set_language(lang)
    try:
        app = PlanDesigner()
        tiers = [(1.0, 1.5), (1.2, 2.0), (1.4, 2.5)]
        app.set_plan(Plan.from_ote(50_000, 0.7, 2_000_000, accelerators=tiers))
        assert all(w in app.error.value for w in words), app.error.value
        assert (app.acc1_from.value, app.acc2_from.value) == (1.0, 1.2)
        app.set_plan(Plan.from_ote(50_000, 0.7, 2_000_000, accelerators=tiers[:2]))
        assert not any(w in app.error.value for w in words)  # two tiers fit: no note
    finally:
        set_language("en")


@pytest.mark.parametrize("lang, label, value", [("nb", "Kundefrafall per år", "9,7 %"), ("en", "Churn per year", "9.7%")])
def test_does_the_phase_explorer_show_easts_yearly_churn_under_a_per_year_label(lang, label, value):
    import re
    set_language(lang)
    app = PhaseExplorer(phase="loyalty")
    assert app.reference.totals["churn_rate"] == pytest.approx(0.097, abs=0.001)   # case data, East
    row = re.search(r"<tr><td>([^<]*)</td><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td></tr>",
                    app.summary.value[app.summary.value.index(label) - 8:])
    assert row.group(1).startswith(label)
    assert "måned" not in row.group(1) and "month" not in row.group(1)
    assert row.group(3) == value          # the reference run (today's new-sales-only plan)
