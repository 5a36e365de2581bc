"""Figures speak: every course figure carries a text alternative with its key numbers, in nb and en.

Also the projector switch (``plots.style.set_presentation``) and the image alt of a bare figure.
"""
from __future__ import annotations

import pytest

from course_lib import agency, set_language
from course_lib import investment as iv
from course_lib import motivation as mot
from course_lib.cases import load_team
from course_lib.delegation import preset_matrix
from course_lib.i18n import format_money, format_percent
from course_lib.incentives import Plan
from course_lib.incentives_team import apply_plan
from course_lib.plots import case, delegation, digital, incentives, motivation
from course_lib.plots.style import figure_alt, new_figure, presentation, presenting, set_presentation


@pytest.fixture(params=["nb", "en"])
def lang(request):
    set_language(request.param)
    yield request.param
    set_language("nb")


def test_payout_curve_alt_states_the_plan_in_numbers(lang):
    plan = Plan.from_ote(65_000, 0.6, 380_000, threshold=0.5)
    alt = figure_alt(incentives.plot_payout_curve(plan))
    for number in (format_money(39_000), format_money(65_000), format_percent(0.5, 0), format_percent(2.0, 0)):
        assert number in alt, (number, alt)
    assert ("Utbetalingskurve" in alt) == (lang == "nb")
    assert not alt.startswith(("Figur", "Figure")), "a specific alt, not the generic fallback"


def test_payout_curve_alt_changes_with_the_plan(lang):
    a = figure_alt(incentives.plot_payout_curve(Plan.from_ote(65_000, 0.6, 380_000, threshold=0.5)))
    b = figure_alt(incentives.plot_payout_curve(Plan.from_ote(80_000, 0.6, 380_000, threshold=0.8)))
    assert a != b and format_money(80_000) in b and format_percent(0.8, 0) in b


def test_team_chart_alt_gives_the_pay_range(lang):
    result = apply_plan(Plan.from_ote(65_000, 0.6, 380_000), load_team())
    alt = figure_alt(incentives.plot_team(result))
    assert format_money(result.median_pay) in alt
    assert format_money(float(result.sellers["total_cash"].max())) in alt


def test_board_alt_names_the_score_and_the_gaps(lang):
    from course_lib.delegation import controllability_gaps

    report = controllability_gaps(preset_matrix("today"), ["new_sales"])
    alt = figure_alt(delegation.plot_board(preset_matrix("today"), ["new_sales"]))
    assert "⚠" in alt and format_percent(report.score, 0) in alt
    assert ("Beslutningsmatrise" in alt) == (lang == "nb")


def test_levels_alt_lists_the_choice_and_the_reference(lang):
    alt = figure_alt(delegation.plot_levels({"hire_sellers": 6}))
    assert "6" in alt and ("Ansette selgere" in alt if lang == "nb" else "Hire sellers" in alt)


def test_motivation_alts_hold_the_scores(lang):
    alt = figure_alt(motivation.plot_profile(dict.fromkeys(mot.FACTORS, 5.0)))
    assert ("5,0" if lang == "nb" else "5.0") in alt
    outcomes = {o: (0.5, 0.6) for o in list(mot.OUTCOMES)[:3]}
    alt = figure_alt(motivation.plot_force(0.8, outcomes))
    assert ("0,72" if lang == "nb" else "0.72") in alt


def test_investment_alt_gives_the_chance_of_a_positive_npv(lang):
    result = iv.simulate(n=500, seed=1)
    alt = figure_alt(digital.plot_npv(result))
    assert format_percent(result.p_positive, 0) in alt and format_money(result.npv_likely) in alt
    alt = figure_alt(digital.plot_cash_flows([-100_000, 30_000, 50_000, 60_000]))
    assert format_money(-100_000) in alt and "3" in alt


def test_case_alts(lang):
    df = load_team()
    alt = figure_alt(case.attainment_ranking(df))
    assert "Øyvind Hagen" in alt and format_percent(1.2, 0) in alt
    assert "\n" not in figure_alt(case.manager_position(df))


def test_every_phase_and_uniform_alt_is_specific(lang):
    res = agency.simulate_phase(agency.weighted_plan(0.5, 0.5), "loyalty")
    alt = figure_alt(incentives.plot_phase(res))
    assert format_money(float(res.monthly["profit"].sum())) in alt
    table = agency.uniform_vs_tailored(agency.weighted_plan(0.5, 0.5), {
        "growth": agency.weighted_plan(0.9, 0.1), "loyalty": agency.weighted_plan(0.3, 0.7)})
    assert not figure_alt(incentives.plot_uniform(table)).startswith(("Figur", "Figure"))


def test_presentation_mode_makes_text_larger_relative_to_the_figure():
    set_language("en")
    try:
        set_presentation(True)
        big, _ = new_figure(figsize=(7.5, 4.2))
    finally:
        set_presentation(False)
    normal, _ = new_figure(figsize=(7.5, 4.2))
    # same pixels, fewer inches: every point-sized font and line is larger on the image
    assert big.get_size_inches()[0] * big.dpi == pytest.approx(normal.get_size_inches()[0] * normal.dpi)
    assert big.get_size_inches()[0] < normal.get_size_inches()[0] / 1.3


def test_presentation_mode_reaches_the_apps_figures():
    set_language("en")
    try:
        set_presentation(True)
        chart = incentives.PayoutCurveChart()
    finally:
        set_presentation(False)
    assert chart.fig.dpi > 130


def test_module_02_apps_show_figures_with_their_numbers(lang):
    from course_lib.widgets import goals as wg

    app = wg.PipelineForecastApp()
    bundle = app.out.outputs[-1]["data"]
    assert "alt=" in bundle["text/html"]
    assert bundle["text/plain"].startswith("Prognose" if lang == "nb" else "Forecast")
    assert ("%" in bundle["text/plain"]) and (("kr" if lang == "nb" else "NOK") in bundle["text/plain"])
    control = wg.ControlDashboardApp()
    html_ = control.out.outputs[-1]["data"]["text/html"]
    assert "alt=" in html_ and ("kr" in html_ if lang == "nb" else "NOK" in html_)


def _px(points: float, fig) -> float:
    """A size in points as pixels on ``fig``'s image."""
    return points * fig.dpi / 72


def test_an_app_with_presentation_true_has_larger_figures_and_the_projector_class():
    """Does ``presentation=True`` enlarge the app's figure text and lines and mark its root box; and the default not?"""
    from course_lib.widgets.goals import ControlDashboardApp
    from course_lib.widgets.base import PRESENTATION_CLASS

    set_language("en")
    big, normal = ControlDashboardApp(presentation=True), ControlDashboardApp()
    fig_big, fig_normal = big.chart.top.figure, normal.chart.top.figure
    # same pixels, larger type and thicker lines on them
    assert fig_big.get_size_inches()[0] * fig_big.dpi == pytest.approx(
        fig_normal.get_size_inches()[0] * fig_normal.dpi, rel=0.01)
    title_big, title_normal = big.chart.top.title, normal.chart.top.title
    assert _px(title_big.get_fontsize(), fig_big) > 1.3 * _px(title_normal.get_fontsize(), fig_normal)
    line_big, line_normal = big.chart.cum_plan, normal.chart.cum_plan
    assert _px(line_big.get_linewidth(), fig_big) > 1.3 * _px(line_normal.get_linewidth(), fig_normal)
    assert PRESENTATION_CLASS in big.widget._dom_classes
    assert PRESENTATION_CLASS not in normal.widget._dom_classes and normal.presentation is None
    assert fig_normal.dpi == 100
    # a redraw keeps the app's mode, and leaves the global switch off
    big.refresh()
    assert big.chart.top.figure.dpi > 130 and not presentation()


def test_presentation_false_wins_over_the_global_switch():
    """Does ``presentation=False`` keep an app normal inside ``presenting()`` (and the default follow it)?"""
    from course_lib.widgets.motivation import RewardsApp

    set_language("en")
    with presenting():
        normal, following = RewardsApp(presentation=False), RewardsApp()
    assert normal.chart.fig.dpi == 100 and following.chart.fig.dpi > 130


def test_presentation_style_enlarges_the_widgets_text():
    """Does the projector CSS target the class the apps carry and raise ipywidgets' font size?"""
    import re

    from course_lib.widgets.a11y import PRESENTATION_CSS
    from course_lib.widgets.base import PRESENTATION_CLASS

    assert f".{PRESENTATION_CLASS}" in PRESENTATION_CSS
    size = int(re.search(r"--jp-widgets-font-size:\s*(\d+)px", PRESENTATION_CSS).group(1))
    assert size >= 1.3 * 13, "ipywidgets' default is 13px"


def test_projector_pages_build_their_app_with_the_presentation_flag():
    """Does ``course present`` build its app with ``presentation=True`` (no global switch)?"""
    from course_lib.present import APPS, notebook_for

    for name in APPS:
        code = "\n".join(c.source for c in notebook_for(name, "nb").cells if c.cell_type == "code")
        assert "presentation=True)" in code and "set_presentation" not in code, name


# ----------------------------------------------------------------- module 05: funnel, tornado, maturity


def test_funnel_alt_gives_visitors_customers_sales_and_the_chance_of_the_target(lang):
    """Does the funnel's alt state the visitors, the simulated sales and the chance of the target, in the language's format?"""
    from course_lib import funnel as fn
    from course_lib.i18n import format_number

    result, target = fn.funnel(fn.CASE_VISITORS), fn.case_inbound_target()
    alt = figure_alt(digital.plot_funnel(result, target))
    for number in (format_number(fn.CASE_VISITORS, 0), format_money(float(result.sales.mean())),
                   format_money(target), format_percent(result.p_reach(target), 0)):
        assert number in alt, (number, alt)
    assert ("60 000" if lang == "nb" else "60,000") in alt
    assert alt.startswith("Salgstrakt" if lang == "nb" else "Sales funnel")


def test_tornado_alt_names_the_input_that_swings_the_result_most(lang):
    """Does the tornado's alt give the base value, the strongest input and its low and high result?"""
    from course_lib import funnel as fn

    table = fn.sensitivity(fn.CASE_VISITORS)
    top = table.sort_values("swing", ascending=False).iloc[0]
    alt = figure_alt(digital.plot_funnel_tornado(table))
    for text in (str(top["label"]), format_money(float(top["base"])), format_money(float(top["low"])),
                 format_money(float(top["high"])), str(len(table))):
        assert text in alt, (text, alt)
    assert not alt.startswith(("Figur", "Figure")), "a specific alt, not the generic fallback"


def test_maturity_alt_lists_each_step_for_the_case_and_the_learner(lang):
    """Does the maturity chart's alt give every step's score (and the learner's) with the language's decimal mark?"""
    from course_lib import strategy as sg
    from course_lib.i18n import format_number

    case_scores = sg.score(sg.case_answers())
    alt = figure_alt(digital.plot_maturity(case_scores))
    for number, value in zip(case_scores["number"], case_scores["maturity"]):
        assert f"{number}: {format_number(float(value), 1)}" in alt, (number, alt)
    assert ("3,0" if lang == "nb" else "3.0") in alt
    learner = {key: 5 for key in sg.case_answers()}
    both = sg.compare(learner)
    alt = figure_alt(digital.plot_maturity(both.rename(columns={"case": "maturity"}),
                                           both.rename(columns={"learner": "maturity"})[["maturity"]]))
    assert ("Din vurdering" if lang == "nb" else "Your assessment") in alt
    assert f"1: {format_number(5.0, 1)}" in alt


# ----------------------------------------------------------------- module 02: forecast, budget, theories, control


@pytest.fixture(scope="module")
def pipeline_forecast():
    from course_lib import goals
    from course_lib.pipeline_data import load_pipeline

    return goals.forecast(load_pipeline(), horizon=3, run_rate=goals.case_run_rate()), goals.case_budget(3)


def test_forecast_alt_gives_the_budget_the_chance_and_the_expected_sales(lang, pipeline_forecast):
    """Does the forecast's alt state the budget, the chance of reaching it and the expected value?"""
    from course_lib.plots import goals as views

    result, budget = pipeline_forecast
    alt = figure_alt(views.plot_forecast(result, budget))
    for number in (format_money(budget), format_percent(result.p_reach(budget), 0), format_money(result.expected)):
        assert number in alt, (number, alt)
    assert alt.startswith("Prognose" if lang == "nb" else "Forecast")


def test_budget_and_theories_alts_give_their_numbers(lang, pipeline_forecast):
    """Do the budget chart's and the goal theories' alts carry the budget, the chance and the 50 % peak?"""
    from course_lib.plots import goals as views

    result, budget = pipeline_forecast
    alt = figure_alt(views.plot_budget(result, budget))
    assert format_money(budget) in alt and format_percent(result.p_reach(budget), 0) in alt
    alt = figure_alt(views.plot_goal_theories())
    assert format_percent(0.5, 0) in alt and ("Atkinson" in alt)


def test_control_alt_gives_actual_against_plan_and_the_forecasts(lang):
    """Does the control chart's alt give the cumulative actual and plan, and both year forecasts?"""
    from course_lib import goals
    from course_lib.plots import goals as views

    control = goals.control_table(load_team(), as_of="2026-07")
    alt = figure_alt(views.plot_control(control))
    july = control.table.iloc[6]
    forecasts = control.forecasts.set_index("method")["forecast"]
    for number in (format_money(float(july["cum_actual"])), format_money(float(july["cum_plan"])),
                   format_money(float(forecasts["run_rate"])), format_money(float(forecasts["pipeline"]))):
        assert number in alt, (number, alt)
    assert alt.startswith("Budsjettkontroll 2026" if lang == "nb" else "Budget control 2026")
