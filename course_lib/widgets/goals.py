"""Widget apps for module 02: the pipeline forecast, the budget setter and the control dashboard.

Each app: controls as attributes, one model call, one figure built once and updated in place,
one error line. A notebook cell ending in ``PipelineForecastApp()`` shows the app.

Example:
    >>> app = PipelineForecastApp()                          # doctest: +SKIP
    >>> app.win_rates["proposal"].value = 0.8                # doctest: +SKIP
    >>> app.result.p_reach(app.budget) > 0.1                 # doctest: +SKIP
    True
"""
from __future__ import annotations

import functools
import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from .. import goals
from ..cases import load_team, region_name
from ..i18n import format_money, format_percent, t
from ..goals import _invalid as invalid
from ..incentives import Plan
from ..pipeline_data import STAGE_ORDER, stage_name
from ..plots.goals import BudgetChart, ControlChart, ForecastChart, month_name
from ..progress import get_store
from ..plots.style import PALETTE, figure_alt
from . import args as _args
from .base import App, FigureView, ErrorBox, guarded, labelled_slider, metrics_html, readout, show_png


_STYLE = {"description_width": "190px"}
_ROW = {"width": "420px"}  # a dict, not a Layout: one model per app (shared_models), none per kernel
HORIZON = 3


def _esc(text: Any) -> str:
    return html.escape(str(text))


@functools.lru_cache(maxsize=1)
def _read_case() -> tuple[pd.DataFrame, pd.DataFrame]:
    return load_team(), goals.case_pipeline()


def _case_team() -> pd.DataFrame:
    """The case's team data, read and checked once per kernel (a copy: an app may not change the cache)."""
    return _read_case()[0].copy()


def _case_pipeline() -> pd.DataFrame:
    """The case's pipeline, read once per kernel (a copy)."""
    return _read_case()[1].copy()






# --------------------------------------------------------------------------- forecast


class PipelineForecastApp(App):
    """Win rate per stage, slip, run-rate and horizon; the histogram of outcomes with the budget,
    P(reach budget) and P10/P50/P90. ``app.result`` is the :class:`~course_lib.goals.Forecast`
    (``None`` while the controls are invalid); ``app.budget`` the budget for the horizon.
    """

    def __init__(self, pipeline: pd.DataFrame | None = None, n: int = 10_000, seed: int = 2026):
        if pipeline is not None:
            _args.instance("pipeline", pipeline, pd.DataFrame, t("args.what.pipeline"))
        self.pipeline = _case_pipeline() if pipeline is None else pipeline
        # every slider move re-runs the simulation: more than 200 000 runs would make the app sluggish
        self.n, self.seed = _args.number("n", n, 100, 200_000, integer=True), _args.seed("seed", seed)
        self.error = ErrorBox()
        self.result: goals.Forecast | None = None
        self.budget = float("nan")
        self._quiet = True
        self.chart = ForecastChart(annotate=False)     # P(reach) and P10/P50/P90 are in the panel beside it
        self.out = FigureView()
        self.out.add_class("course-forecast-figure")
        self._team = _case_team()
        self._budgets: dict[int, float] = {}
        self.win_rates = {
            stage: labelled_slider(goals.DEFAULT_PROBABILITY[stage], 0.0, 1.0, 0.05,
                           t("goals.widget.win_rate", stage=stage_name(stage)), css=f"course-forecast-{stage}")
            for stage in STAGE_ORDER
        }
        self.slip = labelled_slider(0.0, 0.0, 0.6, 0.05, t("goals.widget.slip"), css="course-forecast-slip")
        self.run_rate = labelled_slider(goals.case_run_rate(self._team), 0, 4_000_000, 50_000, t("goals.widget.run_rate"),
                                css="course-forecast-run-rate", integer=True)
        self.horizon = labelled_slider(HORIZON, 1, 6, 1, t("goals.widget.horizon"), css="course-forecast-horizon", integer=True)
        self.metrics = widgets.HTML("")
        self.metrics.add_class("course-forecast-metrics")
        for control in self.controls():
            control.observe(self._on_change, names="value")
        left = widgets.VBox([widgets.HTML(f"<b>{_esc(t('goals.widget.group_win_rates'))}</b>")]
                            + [readout(s, "percent", 0) for s in self.win_rates.values()])
        right = widgets.VBox([widgets.HTML(f"<b>{_esc(t('goals.widget.group_other'))}</b>"),
                              readout(self.slip, "percent", 0), readout(self.run_rate, "money"),
                              readout(self.horizon, "number", 0), self.metrics])
        self.widget = widgets.VBox([widgets.HBox([left, right], layout={"flex_flow": "row wrap"}),
                                    self.error, self.out])
        self.widget.add_class("course-forecast-app")
        self._quiet = False
        self.refresh()

    def controls(self) -> list[widgets.Widget]:
        return [*self.win_rates.values(), self.slip, self.run_rate, self.horizon]

    def _refresh(self) -> None:
        self.result = None
        rates = {stage: s.value for stage, s in self.win_rates.items()}
        horizon = self.horizon.value
        result = goals.forecast(self.pipeline, horizon, n=self.n, seed=self.seed, win_rates=rates,
                                slip=self.slip.value, run_rate=self.run_rate.value)
        if horizon not in self._budgets:
            self._budgets[horizon] = goals.case_budget(horizon, team=self._team)
        self.budget = self._budgets[horizon]
        self.result = result
        self.chart.update(result, self.budget)
        show_png(self.out, self.chart.png(), figure_alt(self.chart.fig))
        naive = float((self.pipeline["amount"] * self.pipeline["probability"]).sum())
        q = result.summary()
        self.metrics.value = metrics_html([
            (t("goals.widget.m_budget", months=horizon), format_money(self.budget)),
            (t("goals.widget.m_p_reach"), format_percent(result.p_reach(self.budget), 0)),
            (t("goals.widget.m_expected"), format_money(round(result.expected, -3))),
            ("P10 / P50 / P90", " / ".join(format_money(round(q[k], -4)) for k in ("p10", "p50", "p90"))),
            (t("goals.widget.m_naive"), format_money(round(naive, -3))),
        ])


# --------------------------------------------------------------------------- budget setter


def default_manager_plan() -> Plan:
    """The case's default bonus plan for the sales manager, as module 03 uses it: OTE 90 000 kr a month,
    60 % fixed, measured on the team's attainment against the budget, the bonus paid from 80 %.

    Example:
        >>> default_manager_plan().threshold
        0.8
    """
    return Plan.from_ote(90_000, 0.6, 1.0, threshold=0.8, name=t("goals.widget.default_plan"))


def saved_manager_plan() -> tuple[Plan, bool]:
    """The plan last saved by the module 03 plan designer (section ``plans``) and ``True``, or the
    default case plan and ``False`` when none is saved (or the saved one cannot be read)."""
    try:
        plans = get_store().load().get("sections", {}).get("plans", {})
    except Exception:  # noqa: BLE001 - a damaged store must not break the app
        plans = {}
    for name in reversed(list(plans)):
        try:
            return Plan.from_dict(plans[name]), True
        except (ValueError, TypeError, KeyError):
            continue
    return default_manager_plan(), False


class BudgetSetterApp(App):
    """A budget slider: P(reach), Atkinson's tendency and the Locke-Latham prediction together,
    the stretch zone, and the chance the sales manager's own bonus threshold is reached (from the
    plan saved in module 03, else the default case plan).

    ``app.state`` holds the numbers shown (``p_reach``, ``atkinson``, ``locke_latham``,
    ``threshold``, ``p_threshold``, ``in_zone``). "Save the budget" (:meth:`save`) keeps the chosen
    budget and the forecast figures it rests on in the progress store (section ``budgets``), where
    the capstone (module 06) reads them.
    """

    def __init__(self, pipeline: pd.DataFrame | None = None, horizon: int = HORIZON, n: int = 10_000,
                 seed: int = 2026, plan: Plan | None = None):
        self.own_pipeline = pipeline is not None
        self.pipeline = _case_pipeline() if pipeline is None else pipeline
        self.error = ErrorBox()
        self._quiet = True
        team = _case_team()
        self.run_rate = goals.case_run_rate(team)
        self.forecast = goals.forecast(self.pipeline, horizon, n=n, seed=seed, run_rate=self.run_rate)
        self.zone = goals.budget_zone(self.forecast)
        self.ability = self.forecast.p90
        if plan is None:
            self.plan, self.plan_saved = saved_manager_plan()
        else:
            self.plan, self.plan_saved = plan, True
        self.state: dict[str, Any] = {}
        self.chart = BudgetChart()
        self.chart.set_forecast(self.forecast, self.zone)
        self.out = FigureView()
        self.out.add_class("course-budget-figure")
        start = goals.case_budget(horizon, team=team)
        low = int(round(self.forecast.quantile(0.001) * 0.95, -5))
        high = int(round(max(self.forecast.quantile(0.999), start) * 1.08, -5))
        self.budget = labelled_slider(int(start), low, high, 100_000, t("goals.widget.budget", months=horizon),
                              css="course-budget-slider", integer=True)
        self.metrics = widgets.HTML("")
        self.metrics.add_class("course-budget-metrics")
        self.plan_note = widgets.HTML(f"<i>{_esc(self._plan_text())}</i>")
        self.budget.observe(self._on_change, names="value")
        self.typed = widgets.Text(value="", placeholder=t("goals.widget.typed_placeholder"),
                                  description=t("goals.widget.typed"), continuous_update=False, style=_STYLE,
                                  layout=_ROW)
        self.typed.add_class("course-budget-typed")
        self.typed.observe(self._on_typed, names="value")
        self.save_button = widgets.Button(description=t("goals.widget.save_budget"), icon="save")
        self.save_button.add_class("course-budget-save")
        self.save_button.on_click(lambda _b: guarded(self.error)(self.save)())
        self.saved = widgets.HTML("")
        self.saved.add_class("course-budget-saved")
        self.widget = widgets.VBox([readout(self.budget, "money"), self.typed, self.error, self.out, self.metrics,
                                    self.plan_note, widgets.HBox([self.save_button, self.saved])])
        self.widget.add_class("course-budget-app")
        self._quiet = False
        self.refresh()

    def _on_typed(self, change=None) -> None:
        """A budget typed as text (``12 800 000``, ``12,8 mill`` is not accepted): parsed in the
        language's format; a bad value is explained in the error line and the slider stays."""
        def apply():
            text = self.typed.value.strip()
            if not text:
                return
            value = _parse_amount(text)
            if not self.budget.min <= value <= self.budget.max:
                raise invalid("goals.widget.typed_range", value=format_money(value),
                              low=format_money(self.budget.min), high=format_money(self.budget.max))
            self.budget.value = int(round(value / self.budget.step) * self.budget.step)

        guarded(self.error)(apply)()

    def save(self) -> dict:
        """Save the chosen budget and the forecast figures behind it (P(reach), P10/P50/P90, the zone,
        the quantiles) under ``budgets/budget``; module 06 uses them for its threshold check."""
        from ..capstone_budget import KEY, SECTION, budget_record

        record = budget_record(self.forecast, float(self.budget.value), pipeline=self.pipeline,
                               run_rate=self.run_rate, plan_threshold=self.plan.threshold, zone=self.zone,
                               source="own" if self.own_pipeline else "case")
        get_store().put(SECTION, KEY, record)
        self.saved.value = (f"<span style='color:#007A5A'>"
                            f"{_esc(t('goals.widget.budget_saved', budget=format_money(record['budget'])))}</span>")
        return record

    def _plan_text(self) -> str:
        share = format_percent(self.plan.threshold, 0)
        key = "goals.widget.plan_saved" if self.plan_saved else "goals.widget.plan_default"
        return t(key, name=self.plan.name or "-", threshold=share)

    def _refresh(self) -> None:
        budget = float(self.budget.value)
        if budget <= 0:
            raise invalid("goals.arg.positive", name=t("goals.widget.budget_name"), value=budget)
        p = self.forecast.p_reach(budget)
        threshold = self.plan.threshold * budget
        p_threshold = self.forecast.p_reach(threshold) if threshold > 0 else 1.0
        self.state = {
            "budget": budget, "p_reach": p, "atkinson": goals.atkinson_tendency(p),
            "locke_latham": goals.locke_latham(budget, ability=self.ability),
            "threshold": threshold, "p_threshold": p_threshold, "in_zone": self.zone.contains(budget),
        }
        self.chart.update(budget, threshold)
        show_png(self.out, self.chart.png(), figure_alt(self.chart.fig))  # <img> with alt, one state message
        zone_key = "goals.widget.zone_in" if self.state["in_zone"] else (
            "goals.widget.zone_low" if budget < self.zone.low else "goals.widget.zone_high")
        self.metrics.value = metrics_html([
            (t("goals.widget.m_p_reach"), format_percent(p, 0)),
            (t("goals.widget.m_atkinson"), format_percent(self.state["atkinson"] / 0.25, 0)),
            (t("goals.widget.m_locke_latham"), format_percent(self.state["locke_latham"], 0)),
            (t("goals.widget.m_zone"), f"{format_money(round(self.zone.low, -5))} – {format_money(round(self.zone.high, -5))}"),
            (t("goals.widget.m_threshold"), format_money(round(threshold, -3))),
            (t("goals.widget.m_p_threshold"), format_percent(p_threshold, 0)),
        ]) + f"<p>{_esc(t(zone_key))}</p>"


def _parse_amount(text: str) -> float:
    """An amount as the learner types it, through the course's number reader."""
    from ..tabular import parse_number

    try:
        value = float(parse_number(text))
    except (ValueError, TypeError):
        raise invalid("goals.widget.typed_number", value=text[:40]) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise invalid("goals.widget.typed_number", value=text[:40])
    if value <= 0:
        raise invalid("goals.arg.positive", name=t("goals.widget.budget_name"), value=value)
    return value


# --------------------------------------------------------------------------- control dashboard


class ControlDashboardApp(App):
    """Month slider, region and seller selector and phasing: plan against actual with two year-end
    forecasts and the control band; an "act / watch / leave alone" reading in words.
    ``app.result`` is the :class:`~course_lib.goals.ControlResult`.
    """

    def __init__(self, team: pd.DataFrame | None = None, year: str | None = None):
        self.team = _case_team() if team is None else _args.team("team", team)
        years = sorted({m[:4] for m in self.team["month"]})
        if year is not None:  # 2025 or "2025"; another year, a bool or a float is refused naming the years
            _args.choice("year", str(year) if isinstance(year, (str, int)) and not isinstance(year, bool) else year,
                         years)
        self.error = ErrorBox()
        self.result: goals.ControlResult | None = None
        self._quiet = True
        self.year = str(year or years[-1])
        self.months = sorted(m for m in set(self.team["month"]) if m[:4] == self.year)
        self.chart = ControlChart()
        self.out = FigureView()
        self.out.add_class("course-control-figure")
        self.month = widgets.SelectionSlider(
            options=[(month_name(m, year=True), m) for m in self.months], value=self.months[min(5, len(self.months) - 1)],
            description=t("goals.widget.month"), continuous_update=False, style=_STYLE, layout=_ROW)
        self.month.add_class("course-control-month")
        regions = sorted(set(self.team["region"]))
        self.region = widgets.Dropdown(options=[(t("goals.widget.all"), None)] + [(region_name(r), r) for r in regions],
                                       value=None, description=t("goals.widget.region"), style=_STYLE, layout=_ROW)
        self.seller = widgets.Dropdown(options=self._seller_options(None), value=None,
                                       description=t("goals.widget.seller"), style=_STYLE, layout=_ROW)
        self.phasing = widgets.ToggleButtons(
            options=[(t("goals.widget.phasing_flat"), "flat"), (t("goals.widget.phasing_seasonal"), "seasonal")],
            value="flat", description=t("goals.widget.phasing"), style=_STYLE)
        self.phasing.add_class("course-control-phasing")
        self.reading = widgets.HTML("")
        self.reading.add_class("course-control-reading")
        self.forecasts = widgets.HTML("")
        self.forecasts.add_class("course-control-forecasts")
        self.region.observe(self._on_region, names="value")
        for control in (self.month, self.seller, self.phasing):
            control.observe(self._on_change, names="value")
        self.widget = widgets.VBox([
            widgets.HBox([widgets.VBox([self.month, self.region, self.seller]), self.phasing],
                         layout={"flex_flow": "row wrap"}),
            self.error, self.reading, self.out, self.forecasts,
        ])
        self.widget.add_class("course-control-app")
        self._quiet = False
        self.refresh()

    def _seller_options(self, region):
        rows = self.team if region is None else self.team[self.team["region"] == region]
        sellers = rows.drop_duplicates("seller_id").sort_values("seller_id")
        return [(t("goals.widget.all"), None)] + [(f"{r.seller_name} ({r.seller_id})", r.seller_id)
                                                  for r in sellers.itertuples()]

    def _on_region(self, _change=None) -> None:
        quiet, self._quiet = self._quiet, True
        try:
            self.seller.options = self._seller_options(self.region.value)
            self.seller.value = None
        finally:
            self._quiet = quiet
        self._on_change()

    def _refresh(self) -> None:
        self.result = None
        result = goals.control_table(self.team, year=self.year, as_of=self.month.value, region=self.region.value,
                                     seller=self.seller.value, phasing=self.phasing.value)
        self.result = result
        self.chart.update(result)
        show_png(self.out, self.chart.png(), figure_alt(self.chart.fig))  # <img> with alt, one state message
        colour = {"act_low": PALETTE["vermillion"], "act_high": PALETTE["blue"], "watch": PALETTE["orange"],
                  "leave": PALETTE["green"]}[result.reading]
        # not by colour alone: a symbol as well as the words
        symbol = {"act_low": "▼", "act_high": "▲", "watch": "●", "leave": "✓"}[result.reading]
        self.reading.value = (f"<div style='border-left:5px solid {colour};padding:4px 10px'>"
                              f"<span aria-hidden='true'>{symbol}</span> {_esc(result.reading_text())}</div>")
        rows = [(t("goals.widget.m_year_budget", year=result.year), format_money(round(result.budget, -3)))]
        for row in result.forecasts.itertuples():
            rows.append((t(f"goals.widget.fc_{row.method}"),
                         t("goals.widget.fc_value", value=format_money(round(row.forecast, -4)),
                           low=format_money(round(row.low, -4)), high=format_money(round(row.high, -4)),
                           gap=format_percent(row.vs_budget, 1))))
        self.forecasts.value = metrics_html(rows)


__all__ = ["PipelineForecastApp", "BudgetSetterApp", "ControlDashboardApp", "default_manager_plan",
           "saved_manager_plan"]
