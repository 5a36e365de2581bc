"""Widget apps for module 03: the plan designer, the phase explorer, uniform vs tailored pay.

Each app: controls as attributes, one model call, figures built once and updated in place, one
error line. A notebook cell ending in ``PlanDesigner()`` shows the app.

Example:
    >>> app = PlanDesigner()                         # doctest: +SKIP
    >>> app.threshold.value = 0.5                    # doctest: +SKIP
    >>> [r.code for r in app.result.risks][:1]       # doctest: +SKIP
    ['cliff']
"""
from __future__ import annotations

import functools
import html

import ipywidgets as widgets
import pandas as pd

from .. import agency
from ..cases import load_team
from ..i18n import format_money, format_number, format_percent, t
from ..incentives import Plan
from ..incentives_review import format_millions, risk_note
from ..incentives_team import apply_plan
from ..plots.incentives import DesignerChart, PhaseChart, UniformChart
from ..plots.style import figure_alt
from ..progress import get_store
from .a11y import sr_only
from . import args as _args
from .base import App, FigureView, ErrorBox, guarded, readout, show_png
from .shared_models import own_layout

_STYLE = {"description_width": "170px"}
_ROW = {"width": "395px"}  # a dict, not a Layout: one model per app (shared_models), none per kernel


def _columns(*columns) -> widgets.HBox:
    """Side-by-side control columns that wrap below each other on a narrow screen (never clip)."""
    for column in columns:
        own_layout(column, min_width="400px")  # its own: the default layout is shared (shared_models)
    return widgets.HBox(list(columns), layout={"flex_flow": "row wrap"})


def _esc(text) -> str:
    return html.escape(str(text))


def _slider(value, low, high, step, label, fmt=".2f", integer=False, css=None):
    cls = widgets.IntSlider if integer else widgets.FloatSlider
    kwargs = {} if integer else {"readout_format": fmt}
    slider = cls(value=value, min=low, max=high, step=step, description=label, continuous_update=False,
                 style=_STYLE, layout=_ROW, tooltip=label, **kwargs)
    if css:
        slider.add_class(css)
    return slider


_KINDS = {"ote": ("money", 0), "quota": ("money", 0), "renewal_quota": ("money", 0), "base_share": ("percent", 0),
          "threshold": ("percent", 0), "acc1_from": ("percent", 0), "acc2_from": ("percent", 0),
          "w_renewals": ("percent", 0), "w_satisfaction": ("percent", 0), "team_share": ("percent", 0),
          "w_new": ("percent", 0), "renewals_share": ("percent", 0), "uniform_new": ("percent", 0),
          "growth_new": ("percent", 0), "loyalty_new": ("percent", 0)}


def _r(app, name: str):
    """The slider ``app.<name>`` beside a readout in the language's format."""
    kind, decimals = _KINDS.get(name, ("number", None))
    return readout(getattr(app, name), kind, decimals)


def _table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td style='padding:1px 10px 1px 0'>{_esc(k)}</td><td style='text-align:right'><b>{_esc(v)}</b></td></tr>"
                    for k, v in rows)
    return f"<table style='border-collapse:collapse'>{cells}</table>"


def risk_report(plan, period: str = "month") -> widgets.HTML:
    """The gaming risks of ``plan`` as a readable, coloured list (the designer's risk panel).

    Example:
        >>> from course_lib.incentives import Plan
        >>> "Cliff" in risk_report(Plan.from_ote(60_000, 0.6, 400_000, threshold=0.8)).value  # doctest: +SKIP
        True
    """
    from ..incentives import gaming_risks

    return widgets.HTML(PlanDesigner._risks_html(gaming_risks(plan, period)))


def split_care(new_sales: float, renewals_share: float = 0.7) -> tuple[float, float, float]:
    """Weights (new sales, renewals, satisfaction) when new sales get ``new_sales`` and the rest is
    split between renewals (``renewals_share``) and customer satisfaction.

    Example:
        >>> split_care(0.4)
        (0.4, 0.42, 0.18)
    """
    rest = 1.0 - new_sales
    renewals = round(rest * renewals_share, 10)
    return (round(new_sales, 10), renewals, round(rest - renewals, 10))


# --------------------------------------------------------------------------- plan designer


class PlanDesigner(App):
    """Every plan component as a control; the payout curve, the team's results, cost of sales,
    spread and gaming-risk warnings update live; the plan can be saved for the capstone.

    ``app.plan`` is the current :class:`~course_lib.incentives.Plan`; ``app.result`` the
    :class:`~course_lib.incentives_team.TeamResult` (``None`` while the controls are invalid).
    """

    def __init__(self, team: pd.DataFrame | None = None, plan: Plan | None = None):
        if plan is not None:
            _args.instance("plan", plan, Plan, t("args.what.plan"))
        self.team = load_team() if team is None else _args.team("team", team, values=False)  # values: the app explains
        self.error = ErrorBox()
        self.plan: Plan | None = None
        self.result = None
        self._quiet = True
        self.chart = DesignerChart(self.team["seller_id"].nunique())
        self.out = FigureView()
        self.out.add_class("course-plan-figure")
        self.ote = _slider(65_000, 30_000, 150_000, 1_000, t("incentives.widget.ote"), integer=True)
        self.base_share = _slider(0.6, 0.0, 1.0, 0.05, t("incentives.widget.base_share"), css="course-plan-base-share")
        self.quota = _slider(380_000, 100_000, 800_000, 10_000, t("incentives.widget.quota"), integer=True)
        self.threshold = _slider(0.0, 0.0, 1.0, 0.05, t("incentives.widget.threshold"), css="course-plan-threshold")
        self.acc1_from = _slider(1.0, 0.5, 2.0, 0.05, t("incentives.widget.acc1_from"))
        self.acc1_mult = _slider(1.0, 0.0, 4.0, 0.1, t("incentives.widget.acc1_mult"), fmt=".1f")
        self.acc2_from = _slider(1.5, 0.5, 3.0, 0.05, t("incentives.widget.acc2_from"))
        self.acc2_mult = _slider(1.0, 0.0, 4.0, 0.1, t("incentives.widget.acc2_mult"), fmt=".1f")
        self.use_cap = widgets.Checkbox(value=False, description=t("incentives.widget.use_cap"), indent=False)
        self.cap = _slider(2.5, 1.0, 5.0, 0.1, t("incentives.widget.cap"), fmt=".1f")
        self.w_renewals = _slider(0.0, 0.0, 1.0, 0.05, t("incentives.widget.w_renewals"))
        self.w_satisfaction = _slider(0.0, 0.0, 1.0, 0.05, t("incentives.widget.w_satisfaction"))
        self.w_new_label = widgets.HTML("")
        self.renewal_quota = _slider(220_000, 50_000, 600_000, 10_000, t("incentives.widget.renewal_quota"), integer=True)
        self.satisfaction_target = _slider(8.0, 5.0, 10.0, 0.1, t("incentives.widget.satisfaction_target"), fmt=".1f")
        self.use_gate = widgets.Checkbox(value=False, description=t("incentives.widget.use_gate"), indent=False)
        self.gate = _slider(7.0, 1.0, 10.0, 0.1, t("incentives.widget.gate"), fmt=".1f")
        self.team_share = _slider(0.0, 0.0, 1.0, 0.05, t("incentives.widget.team_share"))
        self.period = widgets.ToggleButtons(
            options=[(t("incentives.widget.month"), "month"), (t("incentives.widget.quarter"), "quarter")],
            value="month", description=t("incentives.widget.period"), style=_STYLE)
        self.quotas = widgets.ToggleButtons(
            options=[(t("incentives.widget.quota_plan"), "plan"), (t("incentives.widget.quota_data"), "data")],
            value="plan", description=t("incentives.widget.quotas"), style=_STYLE)
        self.name = widgets.Text(value=t("incentives.widget.default_name"), description=t("incentives.widget.name"),
                                 style=_STYLE, layout=_ROW)
        self.save_button = widgets.Button(description=t("incentives.widget.save"), icon="save")
        self.save_button.on_click(lambda _b: guarded(self.error)(self.save)())
        self.saved = widgets.HTML("")
        self.metrics = widgets.HTML("")
        self.metrics.add_class("course-plan-metrics")
        self.risks = widgets.HTML("")
        self.risks.add_class("course-plan-risks")
        self.sellers_table = widgets.HTML("")  # HTML, not an Output: one innerHTML swap in the browser
        for control in self.controls():
            control.observe(self._on_change, names="value")
        heading = lambda key: widgets.HTML(f"<b>{_esc(t(key))}</b>")  # noqa: E731
        r = lambda name: _r(self, name)  # noqa: E731
        left = widgets.VBox([
            heading("incentives.widget.group_mix"), r("ote"), r("base_share"), r("quota"),
            heading("incentives.widget.group_curve"), r("threshold"), r("acc1_from"), r("acc1_mult"),
            r("acc2_from"), r("acc2_mult"), self.use_cap, r("cap"),
        ])
        right = widgets.VBox([
            heading("incentives.widget.group_measures"), r("w_renewals"), r("w_satisfaction"), self.w_new_label,
            r("renewal_quota"), r("satisfaction_target"), self.use_gate, r("gate"), r("team_share"),
            heading("incentives.widget.group_settlement"), self.period, self.quotas,
            widgets.HBox([self.name, self.save_button]), self.saved,
        ])
        self.widget = widgets.VBox([
            _columns(left, right), self.error,
            self.out, widgets.HBox([self.metrics, self.risks]), self.sellers_table,
        ])
        self.widget.add_class("course-plan-designer")
        # --- class sharing (trainer's kit): the plan's numbers (never its name); can be withdrawn
        from .classroom import ShareButton, cr
        self.share = ShareButton("plan", lambda: cr.plan_payload(self.build_plan()))
        self.widget.children += (self.share.widget,)
        self._quiet = False
        if plan is not None:
            self.set_plan(plan)
        else:
            self.refresh()

    def controls(self) -> list[widgets.Widget]:
        return [self.ote, self.base_share, self.quota, self.threshold, self.acc1_from, self.acc1_mult,
                self.acc2_from, self.acc2_mult, self.use_cap, self.cap, self.w_renewals, self.w_satisfaction,
                self.renewal_quota, self.satisfaction_target, self.use_gate, self.gate, self.team_share,
                self.period, self.quotas]

    # ------------------------------------------------------------------ plan <-> controls

    def build_plan(self) -> Plan:
        """The plan the controls describe (raises ``ValueError`` when they do not fit together)."""
        tiers = [(s.value, m.value) for s, m in ((self.acc1_from, self.acc1_mult), (self.acc2_from, self.acc2_mult))
                 if m.value != 1.0]
        w_new = round(1.0 - self.w_renewals.value - self.w_satisfaction.value, 10)
        weights = (("new_sales", w_new), ("renewals", self.w_renewals.value),
                   ("customer_satisfaction", self.w_satisfaction.value))
        if w_new < 0:
            weights = tuple((k, max(v, 0.0)) for k, v in weights)   # the sum check explains the problem
        return Plan.from_ote(
            self.ote.value, self.base_share.value, self.quota.value, threshold=self.threshold.value,
            accelerators=tiers, cap=self.cap.value if self.use_cap.value else None, weights=weights,
            renewal_quota=self.renewal_quota.value, satisfaction_target=self.satisfaction_target.value,
            gate_satisfaction=self.gate.value if self.use_gate.value else None,
            team_share=self.team_share.value, name=self.name.value.strip(),
        )

    def set_plan(self, plan: Plan) -> None:
        """Set every control from ``plan`` (amounts are rounded to the sliders' steps), one redraw."""
        _args.instance("plan", plan, Plan, t("args.what.plan"))
        quiet, self._quiet = self._quiet, True
        self.clamped = []
        _set = self._set_checked
        try:
            tiers = list(plan.accelerators) + [(1.5, 1.0)] * 2
            w = plan.weight_of
            wanted = [(self.ote, int(round(plan.ote)), "ote"), (self.base_share, plan.base_share, "base_share"),
                      (self.quota, int(round(plan.quota)), "quota"), (self.threshold, plan.threshold, "threshold"),
                      (self.acc1_from, tiers[0][0], "acc1_from"), (self.acc1_mult, tiers[0][1], "acc1_mult"),
                      (self.acc2_from, tiers[1][0], "acc2_from"), (self.acc2_mult, tiers[1][1], "acc2_mult"),
                      (self.w_renewals, w["renewals"], "w_renewals"),
                      (self.w_satisfaction, w["customer_satisfaction"], "w_satisfaction"),
                      (self.satisfaction_target, plan.satisfaction_target, "satisfaction_target"),
                      (self.team_share, plan.team_share, "team_share")]
            if plan.cap is not None:
                wanted.append((self.cap, plan.cap, "cap"))
            if plan.renewal_quota:
                wanted.append((self.renewal_quota, int(round(plan.renewal_quota)), "renewal_quota"))
            if plan.gate_satisfaction is not None:
                wanted.append((self.gate, plan.gate_satisfaction, "gate"))
            for slider, value, name in wanted:  # every slider: a value it cannot show is named, not clamped silently
                _set(slider, value, name)
            self.ote.value = int(round(plan.ote))
            self.base_share.value = plan.base_share
            self.quota.value = int(round(plan.quota))
            self.threshold.value = plan.threshold
            (self.acc1_from.value, self.acc1_mult.value) = tiers[0]
            (self.acc2_from.value, self.acc2_mult.value) = tiers[1]
            self.use_cap.value = plan.cap is not None
            if plan.cap is not None:
                self.cap.value = plan.cap
            self.w_renewals.value = w["renewals"]
            self.w_satisfaction.value = w["customer_satisfaction"]
            if plan.renewal_quota:
                self.renewal_quota.value = int(round(plan.renewal_quota))
            self.satisfaction_target.value = plan.satisfaction_target
            self.use_gate.value = plan.gate_satisfaction is not None
            if plan.gate_satisfaction is not None:
                self.gate.value = plan.gate_satisfaction
            self.team_share.value = plan.team_share
            if plan.name:
                self.name.value = plan.name
        finally:
            self._quiet = quiet
        self.refresh()
        notes = []
        if self.clamped:
            notes.append(t("incentives.widget.clamped", fields=", ".join(self.clamped)))
        if len(plan.accelerators) > 2:  # the designer has two tiers: say which were left out
            left_out = ", ".join(format_percent(start, 0) for start, _mult in plan.accelerators[2:])
            notes.append(t("incentives.widget.extra_tiers", n=len(plan.accelerators), left_out=left_out))
        if notes:
            self.error.show(" ".join(notes))

    def _set_checked(self, slider, value, name: str) -> None:
        """Note a value the slider cannot show (it would be clamped to the slider's range)."""
        if not slider.min <= value <= slider.max:
            shown = format_number(value, 0 if float(value).is_integer() else 2)
            self.clamped.append(f"{t('incentives.widget.' + name)} ({shown})")

    def save(self) -> dict:
        """Save the current plan in the progress store under ``plans/<name>`` (the capstone reads it)."""
        plan = self.build_plan()
        name = plan.name or t("incentives.widget.default_name")
        data = plan.to_dict()
        get_store().put("plans", name, data)
        self.saved.value = f"<span style='color:#007A5A'>{_esc(t('incentives.widget.saved', name=name))}</span>"
        return data

    # ------------------------------------------------------------------ redraw

    def _refresh(self) -> None:
        w_new = 1.0 - self.w_renewals.value - self.w_satisfaction.value
        self.w_new_label.value = t("incentives.widget.w_new", value=format_percent(max(w_new, 0.0), 0))
        self.result = None
        self.plan = None
        plan = self.build_plan()
        result = self._apply(plan, self.period.value, self.quotas.value)
        self.plan, self.result = plan, result
        self.chart.update(plan, result)
        show_png(self.out, self.chart.png(), figure_alt(self.chart.fig))
        self.metrics.value = self._metrics_html(result)
        self.risks.value = self._risks_html(result.risks)
        self.sellers_table.value = self._sellers_html(result)

    def _apply(self, plan: Plan, period: str, quotas: str):
        """``apply_plan`` on the app's team, remembered for the last few settings (a learner who
        moves a slider back finds the result ready; the team does not change while the app lives)."""
        cache = self.__dict__.setdefault("_results", {})
        key = (plan, period, quotas, id(self.team))
        try:
            found = cache.get(key)
        except TypeError:                       # an unhashable plan: compute it
            return apply_plan(plan, self.team, period, quotas)
        if found is None:
            found = apply_plan(plan, self.team, period, quotas)
            cache[key] = found
            while len(cache) > 16:
                cache.pop(next(iter(cache)))
        return found

    def _metrics_html(self, r) -> str:
        band = r.band
        rows = [
            (t("incentives.widget.m_plan"), r.plan.describe()),
            (t("incentives.widget.m_cost_of_sales"), format_percent(r.cost_of_sales, 1)),
            (t("incentives.widget.m_total_pay"), format_money(r.total_pay)),
            (t("incentives.widget.m_median"), format_money(r.median_pay)),
            (t("incentives.widget.m_spread"), f"{format_number(r.top_decile_ratio, 2)} / "
                                              f"{format_number(r.incentive_top_decile_ratio, 2)}"),
            (t("incentives.widget.m_at_quota"), f"{format_percent(r.share_sellers_at_quota, 0)} / "
                                                f"{format_percent(r.share_periods_at_quota, 0)}"),
            (t("incentives.widget.m_band"), " · ".join(
                f"{format_percent(b['attainment'], 0)}: {format_money(b['total_cash'])} ({format_percent(b['cost_of_sales'], 1)})"
                for b in band)),
        ]
        return _table(rows[1:]) + f"<div style='font-size:0.9em;color:#555'>{_esc(rows[0][1])}</div>"

    @staticmethod
    def _risks_html(risks) -> str:
        if not risks:
            return f"<div style='color:#007A5A'>✓ {_esc(t('incentives.risk.none'))}</div>"
        # not by colour alone: a word and a symbol (▲▲▲ high, ▲▲ medium, ▲ low); text colours meet WCAG AA on white
        colour = {"high": "#B34700", "medium": "#7A5200", "low": "#555555"}
        symbol = {"high": "▲▲▲", "medium": "▲▲", "low": "▲"}
        items = "".join(
            f"<li style='margin:2px 0'><b style='color:{colour[r.severity]}'><span aria-hidden='true'>{symbol[r.severity]}</span> "
            f"{_esc(t('incentives.widget.severity_' + r.severity))}</b>"
            f" {_esc(r.message)}</li>" for r in risks)
        return (f"<b>{_esc(t('incentives.widget.risks'))}</b><ul style='margin:2px 0 0 16px;padding:0'>{items}</ul>"
                f"<div style='font-size:0.85em;color:#555'>{_esc(risk_note())}</div>")

    @staticmethod
    def _sellers_html(r) -> str:
        head = "".join(f"<th style='padding:2px 8px;text-align:right'>{_esc(t(k))}</th>" for k in (
            "incentives.widget.c_seller", "incentives.widget.c_region", "incentives.widget.c_attainment",
            "incentives.widget.c_base", "incentives.widget.c_incentive", "incentives.widget.c_total",
            "incentives.widget.c_cost"))
        body = []
        for row in r.sellers.sort_values("total_cash", ascending=False).itertuples():
            cells = [row.seller_name, row.region, format_percent(row.attainment, 0), format_money(row.base),
                     format_money(row.incentive), format_money(row.total_cash), format_percent(row.cost_of_sales, 1)]
            body.append("<tr>" + "".join(f"<td style='padding:1px 8px;text-align:right'>{_esc(c)}</td>" for c in cells)
                        + "</tr>")
        return (f"<details><summary>{_esc(t('incentives.widget.sellers_table'))}</summary>"
                f"<table style='border-collapse:collapse;font-size:0.9em'><tr>{head}</tr>{''.join(body)}</table></details>")


def saved_plan(name: str) -> Plan | None:
    """A plan saved with the designer's save button, or ``None`` if there is none by that name.

    Example:
        >>> saved_plan("no such plan") is None       # doctest: +SKIP
        True
    """
    data = get_store().get("plans", name)
    return None if data is None else Plan.from_dict(data)


# --------------------------------------------------------------------------- phase explorer


@functools.lru_cache(maxsize=16)
def _reference_run(plan: Plan, phase: str, months: int):
    """The new-sales-only reference run: it depends on the phase and months only, not on the
    sliders, so it is simulated once per (phase, months) instead of on every redraw (~1/6 of it)."""
    return agency.simulate_phase(plan, phase, months)


@functools.lru_cache(maxsize=32)
def _phase_run(plan: Plan, phase: str, months: int, start_plan: Plan | None):
    """The explorer's run for one setting of its controls (seeded, so the same every time): a
    learner moving a slider back and forth gets the runs already made."""
    return agency.simulate_phase(plan, phase, months, start_plan=start_plan)


class PhaseExplorer(App):
    """Measure weights and a phase preset; the team simulated over time against a new-sales-only
    reference. ``app.result`` and ``app.reference`` are :class:`~course_lib.agency.SimulationResult`.
    """

    def __init__(self, phase: str = "loyalty", new_sales: float = 0.4):
        _args.choice("phase", phase, ("growth", "loyalty"))
        _args.number("new_sales", new_sales, 0.0, 1.0)
        self.error = ErrorBox()
        self.result = None
        self.reference = None
        self._quiet = True
        self.chart = PhaseChart()
        self.out = FigureView()
        self.out.add_class("course-phase-figure")
        self.phase = widgets.ToggleButtons(
            options=[(t("incentives.widget.phase_growth"), "growth"), (t("incentives.widget.phase_loyalty"), "loyalty")],
            value=phase, description=t("incentives.widget.phase"), style=_STYLE)
        self.w_new = _slider(new_sales, 0.0, 1.0, 0.05, t("incentives.widget.w_new_slider"), css="course-phase-new")
        self.renewals_share = _slider(0.7, 0.0, 1.0, 0.05, t("incentives.widget.renewals_share"))
        self.base_share = _slider(0.6, 0.0, 1.0, 0.05, t("incentives.widget.base_share"))
        self.months = _slider(24, 24, 36, 1, t("incentives.widget.months"), integer=True)
        self.from_current = widgets.Checkbox(value=True, description=t("incentives.widget.from_current"), indent=False)
        self.summary = widgets.HTML("")
        for control in (self.phase, self.w_new, self.renewals_share, self.base_share, self.months, self.from_current):
            control.observe(self._on_change, names="value")
        self.widget = widgets.VBox([
            self.phase, _columns(widgets.VBox([_r(self, "w_new"), _r(self, "renewals_share")]),
                                 widgets.VBox([_r(self, "base_share"), _r(self, "months"), self.from_current])),
            self.error, self.summary, self.out])
        self.widget.add_class("course-phase-explorer")
        self._quiet = False
        self.refresh()

    def plan(self) -> Plan:
        """The plan the controls describe."""
        return agency.weighted_plan(*split_care(self.w_new.value, self.renewals_share.value),
                                    base_share=self.base_share.value)

    def _refresh(self) -> None:
        self.result = None
        current = agency.weighted_plan(1.0, base_share=0.6)
        start = current if self.from_current.value else None
        result = _phase_run(self.plan(), self.phase.value, self.months.value, start)
        reference = _reference_run(current, self.phase.value, self.months.value)
        self.result, self.reference = result, reference
        self.chart.update(result, reference)
        show_png(self.out, self.chart.png(), figure_alt(self.chart.fig))
        self.summary.value = self._summary_html(result, reference)

    @staticmethod
    def _summary_html(res, ref) -> str:
        a, b = res.totals, ref.totals
        head = (f"<tr><th>{sr_only(_esc(t('incentives.widget.s_measure')))}</th>"
                f"<th style='padding:0 10px'>{_esc(t('incentives.plot.your_plan'))}</th>"
                f"<th style='padding:0 10px'>{_esc(t('incentives.plot.reference'))}</th></tr>")
        rows = [
            ("incentives.widget.s_profit", format_millions(a["profit"]), format_millions(b["profit"])),
            ("incentives.widget.s_pay", format_millions(a["pay"]), format_millions(b["pay"])),
            ("incentives.widget.s_customers", f"{format_number(a['customers_start'])} → {format_number(a['customers_end'])}",
             f"{format_number(b['customers_start'])} → {format_number(b['customers_end'])}"),
            ("incentives.widget.s_churn", format_percent(a["churn_rate"], 1), format_percent(b["churn_rate"], 1)),
            ("incentives.widget.s_satisfaction", format_number(a["customer_satisfaction"], 1),
             format_number(b["customer_satisfaction"], 1)),
            ("incentives.widget.s_effort", " / ".join(format_number(x, 2) for x in res.effort),
             " / ".join(format_number(x, 2) for x in ref.effort)),
        ]
        body = "".join(f"<tr><td>{_esc(t(k))}</td><td style='text-align:right;padding:0 10px'>{_esc(x)}</td>"
                       f"<td style='text-align:right;padding:0 10px'>{_esc(y)}</td></tr>" for k, x, y in rows)
        note = f"<div style='font-size:0.9em;color:#555'>{_esc(t('incentives.widget.assumptions'))}</div>"
        return f"<table style='border-collapse:collapse'>{head}{body}</table>{note}"


# --------------------------------------------------------------------------- uniform vs tailored


class UniformVsTailored(App):
    """Two units in different phases (East loyalty, West growth): HR's one plan for both vs a plan
    tailored to each. ``app.table`` is the comparison from :func:`course_lib.agency.uniform_vs_tailored`.
    """

    def __init__(self, uniform_new: float = 0.5, growth_new: float = 0.9, loyalty_new: float = 0.4):
        for field, value in (("uniform_new", uniform_new), ("growth_new", growth_new), ("loyalty_new", loyalty_new)):
            _args.number(field, value, 0.0, 1.0)
        self.error = ErrorBox()
        self.table: pd.DataFrame | None = None
        self._quiet = True
        self.chart = UniformChart()
        self.out = FigureView()
        self.out.add_class("course-uniform-figure")
        self.uniform_new = _slider(uniform_new, 0.0, 1.0, 0.05, t("incentives.widget.uniform_new"))
        self.growth_new = _slider(growth_new, 0.0, 1.0, 0.05, t("incentives.widget.growth_new"))
        self.loyalty_new = _slider(loyalty_new, 0.0, 1.0, 0.05, t("incentives.widget.loyalty_new"))
        self.base_share = _slider(0.6, 0.0, 1.0, 0.05, t("incentives.widget.base_share"))
        self.summary = widgets.HTML("")
        for control in (self.uniform_new, self.growth_new, self.loyalty_new, self.base_share):
            control.observe(self._on_change, names="value")
        self.widget = widgets.VBox([
            _columns(widgets.VBox([_r(self, "uniform_new"), _r(self, "base_share")]),
                     widgets.VBox([_r(self, "growth_new"), _r(self, "loyalty_new")])),
            self.error, self.summary, self.out])
        self.widget.add_class("course-uniform-app")
        self._quiet = False
        self.refresh()

    def _plan(self, new_share: float) -> Plan:
        return agency.weighted_plan(*split_care(new_share), base_share=self.base_share.value)

    def _refresh(self) -> None:
        self.table = None
        table = agency.uniform_vs_tailored(
            self._plan(self.uniform_new.value),
            {"growth": self._plan(self.growth_new.value), "loyalty": self._plan(self.loyalty_new.value)})
        self.table = table
        self.chart.update(table)
        show_png(self.out, self.chart.png(), figure_alt(self.chart.fig))
        total = table[table["unit"] == "total"].set_index("arrangement")
        gain = float(total.loc["tailored", "profit"] - total.loc["uniform", "profit"])
        key = "incentives.widget.tailored_gain" if gain >= 0 else "incentives.widget.uniform_gain"
        self.summary.value = (f"<b>{_esc(t(key, amount=format_millions(abs(gain))))}</b>"
                              f"<div style='font-size:0.9em;color:#555'>{_esc(t('incentives.widget.assumptions'))}</div>")


__all__ = ["PhaseExplorer", "PlanDesigner", "UniformVsTailored", "saved_plan", "split_care"]
