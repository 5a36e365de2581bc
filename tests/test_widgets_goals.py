"""Widget apps of module 02, driven by changing their controls."""
from __future__ import annotations

import pytest

from course_lib import goals, set_language
from course_lib.incentives import Plan
from course_lib.progress import get_store
from course_lib.widgets.goals import (BudgetSetterApp, ControlDashboardApp, PipelineForecastApp,
                                      default_manager_plan, saved_manager_plan)


@pytest.fixture(autouse=True)
def _english():
    """The shared apps below are built in English; each test runs in English unless it says otherwise."""
    set_language("en")


def _png(out) -> bytes:
    assert len(out.outputs) == 1
    return out.outputs[0]["data"]["image/png"]


@pytest.fixture(scope="module")
def forecast_app():
    set_language("en")
    return PipelineForecastApp(n=4_000)


def test_does_the_forecast_app_start_with_the_case_budget_and_a_figure(forecast_app):
    assert forecast_app.result is not None and not forecast_app.error.has_error
    assert forecast_app.budget == 12_800_000
    assert "image/png" in forecast_app.out.outputs[0]["data"]
    assert "NOK 12,800,000" in forecast_app.metrics.value


def test_does_a_higher_win_rate_raise_the_chance_and_redraw(forecast_app):
    before_png = _png(forecast_app.out)
    before = forecast_app.result.p_reach(forecast_app.budget)
    forecast_app.win_rates["proposal"].value = 0.9
    after = forecast_app.result.p_reach(forecast_app.budget)
    assert after > before
    assert _png(forecast_app.out) != before_png
    forecast_app.win_rates["proposal"].value = 0.5


def test_does_slip_lower_the_expected_value(forecast_app):
    before = forecast_app.result.expected
    forecast_app.slip.value = 0.3
    assert forecast_app.result.expected < before
    forecast_app.slip.value = 0.0
    assert forecast_app.result.expected == pytest.approx(before)


def test_does_the_run_rate_move_the_mean_by_run_rate_times_horizon(forecast_app):
    before = forecast_app.result.expected
    forecast_app.run_rate.value += 100_000
    assert forecast_app.result.expected - before == pytest.approx(300_000)
    forecast_app.run_rate.value -= 100_000


def test_does_a_longer_horizon_change_the_budget_and_the_title(forecast_app):
    forecast_app.horizon.value = 6
    assert forecast_app.budget == pytest.approx(25_600_000, rel=0.01)
    assert "6 months" in forecast_app.chart.title.get_text()
    forecast_app.horizon.value = 3


def test_does_the_nb_forecast_app_show_norwegian_numbers():
    set_language("nb")
    app = PipelineForecastApp(n=1_000)
    assert "12 800 000 kr" in app.metrics.value
    readouts = [box.children[1].value for box in app.widget.children[0].children[0].children[1:]]
    assert readouts[2] == "50 %"


@pytest.fixture
def budget_app():
    set_language("en")
    return BudgetSetterApp(n=4_000)


def test_does_a_lower_budget_raise_the_chance_and_move_into_the_zone(budget_app):
    high = budget_app.state["p_reach"]
    assert not budget_app.state["in_zone"]
    before_png = _png(budget_app.out)
    budget_app.budget.value = int(round(budget_app.zone.centre, -5))
    assert budget_app.state["p_reach"] > high
    assert budget_app.state["in_zone"]
    assert budget_app.state["atkinson"] > 0.2          # close to the peak of 0.25 at P = 0.5
    assert _png(budget_app.out) != before_png
    assert "within reach" in budget_app.metrics.value


def test_does_the_default_plan_give_a_threshold_at_eighty_percent(budget_app):
    assert not budget_app.plan_saved
    assert budget_app.state["threshold"] == pytest.approx(0.8 * budget_app.state["budget"])
    assert budget_app.state["p_threshold"] >= budget_app.state["p_reach"]
    assert "No plan saved in module 03" in budget_app.plan_note.value


def test_does_the_setter_read_the_plan_saved_in_module_03():
    set_language("en")
    plan = Plan.from_ote(80_000, 0.7, 4_000_000, threshold=0.5, name="Ingrid 2027")
    get_store().put("plans", plan.name, plan.to_dict())
    loaded, saved = saved_manager_plan()
    assert saved and loaded.threshold == 0.5 and loaded.name == "Ingrid 2027"
    app = BudgetSetterApp(n=2_000)
    assert app.plan_saved and "Ingrid 2027" in app.plan_note.value
    assert app.state["threshold"] == pytest.approx(0.5 * app.state["budget"])
    assert app.state["p_threshold"] == pytest.approx(1.0, abs=0.01)


def test_does_a_damaged_saved_plan_fall_back_to_the_default():
    get_store().put("plans", "broken", {"quota": -1})
    plan, saved = saved_manager_plan()
    assert not saved and plan.threshold == default_manager_plan().threshold


def test_does_a_typed_budget_move_the_slider(budget_app):
    budget_app.typed.value = "NOK 11,500,000"
    assert budget_app.budget.value == 11_500_000 and not budget_app.error.has_error


@pytest.fixture(scope="module")
def dashboard():
    set_language("en")
    return ControlDashboardApp()


def test_does_the_dashboard_start_in_june_with_a_reading(dashboard):
    assert dashboard.result.as_of == "2026-06"
    assert dashboard.result.reading == "leave"
    assert "Leave alone" in dashboard.reading.value
    assert "Year-end forecast, run-rate" in dashboard.forecasts.value


def test_does_july_with_a_flat_plan_say_act_and_seasonal_phasing_calm_it(dashboard):
    before = _png(dashboard.out)
    dashboard.month.value = "2026-07"
    assert dashboard.result.reading == "act_low" and "Act" in dashboard.reading.value
    assert _png(dashboard.out) != before
    dashboard.phasing.value = "seasonal"
    assert dashboard.result.reading in ("leave", "watch")
    dashboard.phasing.value = "flat"
    dashboard.month.value = "2026-06"


def test_does_choosing_a_region_limit_the_sellers_and_the_numbers(dashboard):
    total = dashboard.result.budget
    dashboard.region.value = "west"
    assert dashboard.result.budget < total
    assert all(v is None or v in {"S07", "S08", "S09", "S10"} for _, v in dashboard.seller.options)
    dashboard.seller.value = "S08"
    assert dashboard.result.table["plan"].iloc[0] > 0
    one = dashboard.result.budget
    dashboard.region.value = None
    assert dashboard.seller.value is None and dashboard.result.budget == pytest.approx(total) and one < total


def test_does_the_nb_dashboard_speak_norwegian():
    set_language("nb")
    app = ControlDashboardApp()
    assert "La være" in app.reading.value and "juni 2026" in app.reading.value
    assert " kr" in app.forecasts.value


def test_does_a_fast_sequence_of_slider_moves_end_on_the_last_value(forecast_app):
    """Is no control change lost: after quick moves the result and the figure follow the last one?"""
    for value in (0.1, 0.9, 0.3, 0.7, 0.65):
        forecast_app.win_rates["verbal"].value = value
    expected = forecast_app.result.expected
    check = forecast_app.pipeline.assign(probability=forecast_app.pipeline["probability"].where(
        forecast_app.pipeline["stage"] != "verbal", 0.65))
    assert expected == pytest.approx(goals.weighted_pipeline(check, horizon=3, run_rate=forecast_app.run_rate.value))
    forecast_app.win_rates["verbal"].value = 0.9


def test_are_learner_tables_free_of_english_numbers_in_norwegian():
    import re

    from course_lib.cases import load_team
    from course_lib.plots import goals as views

    set_language("nb")
    f = goals.forecast(goals.case_pipeline(), 3, n=2_000, run_rate=goals.case_run_rate())
    control = goals.control_table(load_team(), as_of="2026-07")
    tables = [views.table_deals(goals.case_pipeline(), rows=None), views.table_stages(goals.case_pipeline()),
              views.table_forecast(f, 12_800_000), views.table_zone(goals.budget_zone(f)),
              views.table_control(control), views.table_year_end(control),
              views.table_conditions(goals.three_conditions(goals.CASE_ANSWERS))]
    for table in tables:
        text = str(table)
        assert not re.search(r"\d[.,]\d{3}\b(?! kr)|\d\.\d", text.replace(" kr", "")), text[:300]
        assert "NOK" not in text


def test_is_the_blitted_figure_the_same_as_a_full_drawing():
    """Do the budget setter and the dashboard, which redraw only what moves, show what a full drawing shows?"""
    import io

    import numpy as np
    from PIL import Image

    from course_lib.cases import load_team
    from course_lib.plots.goals import BudgetChart, ControlChart
    from course_lib.plots.style import to_png

    def pixels(data):
        return np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).astype(int)

    f = goals.forecast(goals.case_pipeline(), 3, n=2_000, run_rate=goals.case_run_rate())
    budget = BudgetChart()
    budget.set_forecast(f)
    control = ControlChart()
    team = load_team()
    for step, (b, month) in enumerate([(12_000_000, "2026-04"), (11_300_000, "2026-08"), (12_600_000, "2026-11")]):
        budget.update(b, 0.8 * b)
        control.update(goals.control_table(team, as_of=month, region="west" if step == 2 else None))
        for chart in (budget, control):
            assert np.abs(pixels(chart.png()) - pixels(to_png(chart.fig))).max() <= 40
