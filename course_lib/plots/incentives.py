"""Figures for module 03: payout curves, the team under a plan, business phases, uniform vs tailored pay.

Each widget figure is a small class that builds the figure once and updates its artists
(``update``), so a redraw is cheap; ``plot_*`` functions return a fresh ``Figure`` for notebooks.

Example:
    >>> from course_lib.incentives import Plan
    >>> fig = plot_payout_curve(Plan.from_ote(65_000, 0.6, 380_000, threshold=0.5, accelerators=[(1.0, 2.0)]))
    >>> type(fig).__name__
    'Figure'
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator

from ..periods import period_tick
from .. import agency
from ..i18n import format_money, format_number, format_percent, get_language, t
from ..incentives import Plan, payout_curve
from .blit import blit_png, figure_key, freeze_cached, snapped
from .live import fix_titles, new_figure
from .style import DARK, PALETTE, money_axis, percent_axis, set_alt, styled


def _number_axes(ax, decimals: int = 1) -> None:
    """Tick labels of both axes in the current language's number format (``0,5`` in nb)."""
    lang = get_language()
    fmt = FuncFormatter(lambda v, _pos: format_number(v, decimals, lang))
    ax.xaxis.set_major_formatter(fmt)
    ax.yaxis.set_major_formatter(fmt)


def _nice_top(value: float) -> float:
    """A round upper axis limit a little above ``value``."""
    if value <= 0:
        return 1.0
    exponent = 10 ** np.floor(np.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * exponent >= value * 1.08:
            return float(step * exponent)
    return float(10 * exponent)


# --------------------------------------------------------------------------- payout curve


class PayoutCurveChart:
    """Monthly pay against new-sales attainment: base, total cash, OTE point, threshold and cap.

    Example:
        >>> chart = PayoutCurveChart()
        >>> chart.update(Plan.from_ote(60_000, 0.6, 400_000))
        >>> float(chart.total_line.get_ydata()[-1])
        84000.0
    """

    @styled
    def __init__(self, max_attainment: float = 2.0, figsize=(6.2, 3.8), ax=None):
        self.max_attainment = max_attainment
        own_figure = ax is None
        if own_figure:
            self.fig, ax = new_figure(figsize=figsize)
        else:
            self.fig = ax.figure
        self.ax = ax
        (self.total_line,) = ax.plot([], [], color=PALETTE["blue"], lw=2.4, label=t("incentives.plot.total_cash"))
        (self.base_line,) = ax.plot([], [], color=PALETTE["grey"], lw=1.5, ls="--", label=t("incentives.plot.base"))
        (self.ote_point,) = ax.plot([], [], "o", color=PALETTE["vermillion"], ms=8, zorder=5, label="OTE")
        self.ote_text = ax.text(0, 0, "", fontsize=9, color=DARK["vermillion"], ha="left", va="top")
        self.threshold_line = ax.axvline(0, color=DARK["orange"], lw=1.4, ls=":", label=t("incentives.plot.threshold"))
        self.cap_line = ax.axhline(0, color=DARK["purple"], lw=1.4, ls="-.", label=t("incentives.plot.cap"))
        self.target_line = ax.axvline(1.0, color=PALETTE["black"], lw=0.6, alpha=0.5)
        ax.set_xlim(0, max_attainment * 1.04)     # room for the last tick label
        ax.xaxis.set_major_locator(MultipleLocator(0.5))
        percent_axis(ax, "x")
        money_axis(ax, "y", thousands=True)
        ax.set_xlabel(t("incentives.plot.attainment_axis"))
        ax.set_ylabel(t("incentives.plot.pay_axis_k"))
        self.title = ax.set_title(t("incentives.plot.curve_title"))
        ax.legend(loc="lower right", fontsize=7.5, frameon=True, framealpha=0.9, edgecolor="none")
        ax.set_ylim(0, 100_000)
        self.top = 100_000.0
        if own_figure:
            freeze_cached(self.fig, ("PayoutCurveChart", max_attainment) + figure_key(self.fig))
            fix_titles(self.fig)   # same picture, no title re-placing per redraw

    def update(self, plan: Plan) -> None:
        """Redraw for ``plan``."""
        curve = payout_curve(plan, self.max_attainment, 241)
        a = curve["attainment"]
        self.total_line.set_data(a, curve["total_cash"])
        self.base_line.set_data([0, self.max_attainment], [plan.base_salary, plan.base_salary])
        self.ote_point.set_data([1.0], [plan.ote])
        self.ote_text.set_position((1.03, plan.ote))
        self.ote_text.set_text(f"OTE {format_money(plan.ote)}")
        self.threshold_line.set_xdata([plan.threshold, plan.threshold])
        self.threshold_line.set_visible(plan.threshold > 0)
        cap_value = plan.base_salary + plan.cap * plan.target_incentive if plan.cap is not None else 0
        self.cap_line.set_ydata([cap_value, cap_value])
        self.cap_line.set_visible(plan.cap is not None)
        self.top = max(float(curve["total_cash"].max()), cap_value)
        self.ax.set_ylim(0, _nice_top(self.top))
        self.title.set_text(t("incentives.plot.curve_title_plan", base=round(100 * plan.base_share),
                              variable=round(100 - 100 * plan.base_share)))
        self.alt = curve_alt(plan, curve)
        set_alt(self.fig, self.alt)


def curve_alt(plan: Plan, curve=None, max_attainment: float = 2.0) -> str:
    """The payout curve in words with its key numbers, in the learner's language.

    Example:
        >>> from course_lib.i18n import set_language
        >>> set_language("en")
        >>> curve_alt(Plan.from_ote(60_000, 0.6, 400_000))[:40]
        'Payout curve: base salary NOK 36,000 a m'
    """
    if curve is None:
        curve = payout_curve(plan, max_attainment, 241)
    a, pay = curve["attainment"], curve["total_cash"]
    text = t("incentives.plot.alt_curve", base=format_money(plan.base_salary),
             threshold=format_percent(plan.threshold, 0), ote=format_money(plan.ote),
             end=format_percent(float(a[-1]), 0), top=format_money(float(pay[-1])))
    if plan.cap is not None:
        text += " " + t("incentives.plot.alt_cap", cap=format_money(plan.base_salary + plan.cap * plan.target_incentive))
    return text


def plot_payout_curve(plan: Plan, compare: Plan | None = None, max_attainment: float = 2.0):
    """The payout curve of ``plan`` (and, dashed, of ``compare``)."""
    chart = PayoutCurveChart(max_attainment)
    chart.update(plan)
    if compare is not None:
        c = payout_curve(compare, max_attainment, 241)
        chart.ax.plot(c["attainment"], c["total_cash"], color=PALETTE["green"], lw=1.8, ls="--",
                      label=compare.name or t("incentives.plot.compare"))
        chart.ax.set_ylim(0, _nice_top(max(chart.top, float(c["total_cash"].max()))))
        chart.ax.legend(loc="lower right", fontsize=7.5)
    return chart.fig


# --------------------------------------------------------------------------- team


class PayBars:
    """Horizontal bars of each seller's pay over the horizon (base + incentive), attainment as text."""

    def __init__(self, ax, n_sellers: int):
        self.ax, self.n = ax, n_sellers
        self.lang = get_language()
        y = np.arange(n_sellers)[::-1]
        self.base_bars = ax.barh(y, np.zeros(n_sellers), color=PALETTE["grey"], height=0.65,
                                 label=t("incentives.plot.base"))
        self.inc_bars = ax.barh(y, np.zeros(n_sellers), color=PALETTE["blue"], height=0.65,
                                label=t("incentives.plot.incentive"))
        ax.set_yticks(y)
        # names with attainment, e.g. "Øyvind Hagen · 144 %"; wide placeholders give room in the one layout pass
        ax.set_yticklabels(["Wwwwwww Wwwwwww · 100 %"] * n_sellers, fontsize=8)
        self.median_line = ax.axvline(0, color=PALETTE["vermillion"], lw=1.2, ls="--",
                                      label=t("incentives.plot.median"))
        money_axis(ax, "x", thousands=True)
        ax.set_xlabel(t("incentives.plot.pay_total_axis_k"))
        ax.set_title(t("incentives.plot.pay_title"), fontsize=10.5)
        ax.grid(axis="y", visible=False)
        ax.set_xlim(0, 2_500_000)     # wide tick labels for the one layout pass
        self.labels: tuple = ()

    def update(self, result) -> None:
        sellers = result.sellers.sort_values("total_cash", ascending=False).reset_index(drop=True)
        n = min(self.n, len(sellers))
        top = float(sellers["total_cash"].max()) if n else 1.0
        labels = []
        for i in range(self.n):
            if i < n:
                row = sellers.iloc[i]
                self.base_bars[i].set_width(row["base"])
                self.inc_bars[i].set_x(row["base"])
                self.inc_bars[i].set_width(row["incentive"])
                labels.append(f"{row['seller_name']} · {format_percent(row['attainment'], 0, self.lang)}")
            else:
                self.base_bars[i].set_width(0)
                self.inc_bars[i].set_width(0)
                labels.append("")
        self.ax.set_yticklabels(labels)
        self.labels = tuple(labels)
        self.median_line.set_xdata([result.median_pay, result.median_pay])
        # a little past a round number: the last tick label stays inside; and nearby plans keep
        # the same axis, so a redraw need not draw the axis again (plots/blit.py)
        self.ax.set_xlim(0, snapped(0, top * 1.05)[1] * 1.03)


class DesignerChart:
    """The plan designer's one figure: the payout curve (left) and pay per seller (right).

    Example:
        >>> from course_lib.cases import load_team
        >>> from course_lib.incentives_team import apply_plan
        >>> plan = Plan.from_ote(65_000, 0.6, 380_000)
        >>> chart = DesignerChart(10)
        >>> chart.update(plan, apply_plan(plan, load_team()))
    """

    @styled
    def __init__(self, n_sellers: int = 10, figsize=(10.5, 3.9)):
        self.fig, (ax_curve, ax_pay) = new_figure(figsize=figsize, ncols=2)
        ax_curve.get_gridspec().set_width_ratios([1, 1.05])
        self.curve = PayoutCurveChart(ax=ax_curve)
        self.pay = PayBars(ax_pay, n_sellers)
        self._layout_key = ("DesignerChart", n_sellers) + figure_key(self.fig)
        freeze_cached(self.fig, self._layout_key)
        fix_titles(self.fig)   # same picture, no title re-placing per redraw

    def _moving(self):
        """What a redraw changes (plots/blit.py): the curve and its marks, the bars, the median."""
        c, p = self.curve, self.pay
        out = [(c.ax, a) for a in (c.total_line, c.base_line, c.ote_point, c.ote_text, c.threshold_line,
                                   c.cap_line, c.target_line, c.ax.get_legend(), c.title)]
        out += [(p.ax, bar) for bar in (*p.base_bars, *p.inc_bars)]
        out.append((p.ax, p.median_line))
        return out

    def _key(self):
        # the sellers' names and attainment are tick labels: part of the background
        return (self.curve.ax.get_ylim(), self.pay.ax.get_xlim(), self.pay.labels)

    png = blit_png

    def update(self, plan: Plan, result) -> None:
        self.curve.update(plan)
        self.pay.update(result)
        set_alt(self.fig, self.curve.alt + " " + pay_alt(result))


def pay_alt(result) -> str:
    """The team's pay over the horizon in words: range, median and spread."""
    pay = result.sellers["total_cash"]
    return t("incentives.plot.alt_pay", n=len(pay), low=format_money(float(pay.min())),
             high=format_money(float(pay.max())), median=format_money(result.median_pay))


class TeamChart:
    """The team over the horizon: pay per seller (base + incentive, with attainment) and the
    monthly cost of sales.

    Example:
        >>> from course_lib.cases import load_team
        >>> from course_lib.incentives_team import apply_plan
        >>> chart = TeamChart(10)
        >>> chart.update(apply_plan(Plan.from_ote(65_000, 0.6, 380_000), load_team()))
    """

    @styled
    def __init__(self, n_sellers: int = 10, figsize=(9.2, 3.8)):
        self.n = n_sellers
        self.lang = get_language()
        self.fig, (self.ax_pay, self.ax_cost) = new_figure(figsize=figsize, ncols=2)
        self.ax_pay.get_gridspec().set_width_ratios([1.35, 1])
        self.pay = PayBars(self.ax_pay, n_sellers)
        axc = self.ax_cost
        (self.cost_line,) = axc.plot([], [], color=PALETTE["blue"], lw=2, marker="o", ms=3,
                                     label=t("incentives.plot.cost_of_sales"))
        percent_axis(axc, "y")
        axc.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
        axc.set_xlabel(t("incentives.plot.period_axis"))
        axc.set_ylabel(t("incentives.plot.cost_of_sales"), color=PALETTE["blue"])
        axc.set_title(t("incentives.plot.cost_title"), fontsize=11)
        self.ax_att = axt = axc.twinx()
        (self.att_line,) = axt.plot([], [], color=DARK["orange"], lw=1.6, ls="--",
                                    label=t("incentives.plot.team_attainment"))
        percent_axis(axt, "y")
        axt.set_ylabel(t("incentives.plot.team_attainment"), color=DARK["orange"])
        axt.grid(False)
        axt.spines["right"].set_visible(True)
        axc.set_ylim(0, 0.2)
        axt.set_ylim(0, 1.6)
        freeze_cached(self.fig, ("TeamChart", n_sellers) + figure_key(self.fig))
        fix_titles(self.fig)   # same picture, no title re-placing per redraw

    def update(self, result) -> None:
        """Redraw for a :class:`course_lib.incentives_team.TeamResult`."""
        self.pay.update(result)
        per = result.rows.groupby("period")[["total_cash", "revenue", "new_sales", "quota"]].sum()
        x = np.arange(len(per))
        cost = (per["total_cash"] / per["revenue"]).to_numpy()
        att = (per["new_sales"] / per["quota"]).to_numpy()
        self.cost_line.set_data(x, cost)
        self.att_line.set_data(x, att)
        self.ax_cost.set_xlim(-0.5, max(len(per) - 0.5, 0.5))
        step = max(1, -(-len(per) // 5))
        self.ax_cost.set_xticks(x[::step])
        self.ax_cost.set_xticklabels([period_tick(p) for p in per.index[::step]], fontsize=7.5, rotation=0)
        if len(per):
            self.ax_cost.set_ylim(0, _nice_top(float(cost.max()) * 1.25))
            self.ax_att.set_ylim(0, max(1.5, _nice_top(float(att.max()))))
            set_alt(self.fig, pay_alt(result) + " " + t(
                "incentives.plot.alt_cost", low=format_percent(float(cost.min()), 1),
                high=format_percent(float(cost.max()), 1), att_low=format_percent(float(att.min()), 0),
                att_high=format_percent(float(att.max()), 0)))


def plot_team(result):
    """Pay per seller and cost of sales over time for a team result."""
    chart = TeamChart(len(result.sellers))
    chart.update(result)
    return chart.fig


# --------------------------------------------------------------------------- phases


class PhaseChart:
    """A phase simulation over time: customers, churn, satisfaction and cumulative profit,
    with a reference plan dashed.

    Example:
        >>> chart = PhaseChart()
        >>> res = agency.simulate_phase(agency.weighted_plan(0.5, 0.5), "loyalty")
        >>> chart.update(res, agency.simulate_phase(agency.weighted_plan(1.0), "loyalty"))
    """

    @styled
    def __init__(self, figsize=(9.2, 5.4)):
        self.fig, axes = new_figure(figsize=figsize, nrows=2, ncols=2)
        self.axes = axes
        specs = [
            ("customers", "incentives.plot.customers", None),
            ("churn_rate", "incentives.plot.churn", "percent"),
            ("customer_satisfaction", "incentives.plot.satisfaction", None),
            ("cum_profit", "incentives.plot.cum_profit", "money"),
        ]
        self.specs = specs
        self.lines = {}
        self.ref_lines = {}
        for ax, (key, label, fmt) in zip(axes.flat, specs):
            (self.lines[key],) = ax.plot([], [], color=PALETTE["blue"], lw=2.2, label=t("incentives.plot.your_plan"))
            (self.ref_lines[key],) = ax.plot([], [], color=DARK["orange"], lw=1.6, ls="--",
                                             label=t("incentives.plot.reference"))
            ax.set_title(t(label), fontsize=10.5)
            if fmt == "percent":
                percent_axis(ax, "y", 1)
            elif fmt == "money":
                money_axis(ax, "y", thousands=True)
                ax.set_ylabel(t("incentives.plot.mnok_k"))
            ax.set_xlabel(t("incentives.plot.month_axis"))
        (self.pay_line,) = axes[1, 1].plot([], [], color=PALETTE["grey"], lw=1.4, ls=":",
                                          label=t("incentives.plot.cum_pay"))
        axes[0, 0].legend(loc="best", fontsize=8)
        axes[1, 1].legend(loc="upper left", fontsize=8)
        axes[1, 0].set_ylim(1, 10)
        # lay out for the widest tick labels the case gives (1 500, 10,0 %, -20 000), not for empty
        # 0-1 axes: else the profit panel's axis label lands on the satisfaction panel's lines
        axes[0, 0].set_ylim(0, 1500)
        axes[0, 1].set_ylim(0, 0.1)
        axes[1, 1].set_ylim(-20_000_000, 40_000_000)
        self.suptitle = self.fig.suptitle(agency.phase_label("loyalty"), fontsize=11, fontweight="bold")
        self._layout_key = ("PhaseChart",) + figure_key(self.fig)
        freeze_cached(self.fig, self._layout_key)
        fix_titles(self.fig)   # same picture, no title re-placing per redraw

    def _moving(self):
        """What a redraw changes (plots/blit.py): the lines, the legends over them, the phase title."""
        out = []
        for ax, (key, _, _) in zip(self.axes.flat, self.specs):
            out += [(ax, self.lines[key]), (ax, self.ref_lines[key])]
        out.append((self.axes[1, 1], self.pay_line))
        out += [(ax, ax.get_legend()) for ax in self.axes.flat if ax.get_legend() is not None]
        out.append((self.axes[0, 0], self.suptitle))
        return out

    def _key(self):
        return tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.axes.flat)

    png = blit_png

    @staticmethod
    def _series(res) -> dict[str, np.ndarray]:
        m = res.monthly
        return {
            "month": m["month"].to_numpy(), "customers": m["customers"].to_numpy(),
            "churn_rate": m["churn_rate"].to_numpy(), "customer_satisfaction": m["customer_satisfaction"].to_numpy(),
            "cum_profit": m["profit"].cumsum().to_numpy(), "cum_pay": m["pay"].cumsum().to_numpy(),
        }

    def update(self, result, reference=None) -> None:
        """Redraw for a :class:`course_lib.agency.SimulationResult` (and a reference run, dashed)."""
        s = self._series(result)
        r = self._series(reference) if reference is not None else None
        for ax, (key, _, _) in zip(self.axes.flat, self.specs):
            self.lines[key].set_data(s["month"], s[key])
            if r is not None:
                self.ref_lines[key].set_data(r["month"], r[key])
            self.ref_lines[key].set_visible(r is not None)
            values = [s[key]] + ([r[key]] if r is not None else [])
            if key == "cum_profit":
                values.append(s["cum_pay"])
            lo = min(float(np.min(v)) for v in values)
            hi = max(float(np.max(v)) for v in values)
            ax.set_xlim(1, max(2, len(s["month"])))
            if key == "customer_satisfaction":
                continue
            if key in ("customers", "churn_rate"):
                ax.set_ylim(0, _nice_top(hi))
            else:
                ax.set_ylim(min(0.0, lo * 1.1), _nice_top(hi))
        self.pay_line.set_data(s["month"], s["cum_pay"])
        self.suptitle.set_text(agency.phase_label(result.phase))
        text = t("incentives.plot.alt_phase", phase=agency.phase_label(result.phase), months=len(s["month"]),
                 customers=format_number(float(s["customers"][-1]), 0), churn=format_percent(float(s["churn_rate"][-1]), 1),
                 profit=format_money(float(s["cum_profit"][-1])))
        if r is not None:
            text += " " + t("incentives.plot.alt_phase_ref", customers=format_number(float(r["customers"][-1]), 0),
                            profit=format_money(float(r["cum_profit"][-1])))
        set_alt(self.fig, text)


def plot_phase(result, reference=None):
    """Outcomes over time of a phase simulation (and of a reference plan, dashed)."""
    chart = PhaseChart()
    chart.update(result, reference)
    return chart.fig


# --------------------------------------------------------------------------- uniform vs tailored


class UniformChart:
    """Profit, pay and churn for each unit and in total: one uniform plan vs tailored plans.

    Example:
        >>> table = agency.uniform_vs_tailored(agency.weighted_plan(0.5, 0.5),
        ...     {"growth": agency.weighted_plan(0.9, 0.1), "loyalty": agency.weighted_plan(0.3, 0.7)})
        >>> UniformChart().update(table)
    """

    UNITS = ("east", "west", "total")

    @styled
    def __init__(self, figsize=(9.2, 3.6)):
        self.lang = get_language()
        self.fig, axes = new_figure(figsize=figsize, ncols=3)
        self.axes = axes
        x = np.arange(len(self.UNITS))
        self.x = x
        self.bars = {}
        self.texts = {}
        metrics = [("profit", "incentives.plot.profit_mnok"), ("pay", "incentives.plot.pay_mnok"),
                   ("churn_rate", "incentives.plot.churn")]
        self.metrics = metrics
        for ax, (key, label) in zip(axes, metrics):
            u = ax.bar(x - 0.2, np.zeros(3), 0.4, color=PALETTE["grey"], label=t("incentives.plot.uniform"))
            tl = ax.bar(x + 0.2, np.zeros(3), 0.4, color=PALETTE["blue"], label=t("incentives.plot.tailored"))
            self.bars[key] = (u, tl)
            ax.set_xticks(x)
            ax.set_xticklabels([t(f"incentives.plot.unit_{u_}") for u_ in self.UNITS], fontsize=8.5)
            ax.set_title(t(label), fontsize=10.5)
            ax.grid(axis="x", visible=False)
            if key == "churn_rate":
                percent_axis(ax, "y", 1)
            else:
                # 2,5 not "2" when the locator steps by halves
                ax.yaxis.set_major_formatter(FuncFormatter(
                    lambda v, _p, lang=self.lang: format_number(v, 0 if abs(v - round(v)) < 1e-9 else 1, lang)))
            self.texts[key] = [ax.text(xi, 0, "", ha="center", va="bottom", fontsize=7.5)
                               for xi in np.concatenate([x - 0.2, x + 0.2])]
        axes[0].legend(loc="upper left", fontsize=8)
        # lay out for the widest tick labels the case gives (100, 12,0 %), not for the empty 0-1 axes
        for ax, (key, _) in zip(axes, metrics):
            ax.set_ylim(0, 0.12 if key == "churn_rate" else 100)
        self._layout_key = ("UniformChart",) + figure_key(self.fig)
        freeze_cached(self.fig, self._layout_key)
        fix_titles(self.fig)   # same picture, no title re-placing per redraw

    def _moving(self):
        """What a redraw changes (plots/blit.py): bars, their value labels, the legend over them."""
        out = []
        for ax, (key, _) in zip(self.axes, self.metrics):
            out += [(ax, bar) for bars in self.bars[key] for bar in bars]
            out += [(ax, text) for text in self.texts[key]]
        out.append((self.axes[0], self.axes[0].get_legend()))
        return out

    def _key(self):
        return tuple(ax.get_ylim() for ax in self.axes)

    png = blit_png

    def update(self, table: pd.DataFrame) -> None:
        """Redraw for the table from :func:`course_lib.agency.uniform_vs_tailored`."""
        for ax, (key, _) in zip(self.axes, self.metrics):
            scale = 1e6 if key in ("profit", "pay") else 1.0
            values = []
            for arrangement, bars in zip(("uniform", "tailored"), self.bars[key]):
                sub = table[table["arrangement"] == arrangement].set_index("unit")
                for bar, unit in zip(bars, self.UNITS):
                    v = float(sub.loc[unit, key]) / scale
                    bar.set_height(v)
                    values.append(v)
            for text, v in zip(self.texts[key], values):
                text.set_y(max(v, 0))
                text.set_text(format_percent(v, 1, self.lang) if key == "churn_rate"
                              else format_number(v, 1, self.lang))
            lo = min(0.0, min(values) * 1.15)
            ax.set_ylim(lo, _nice_top(max(values) * 1.1) if max(values) > 0 else 1.0)
        total = {a: table[(table["arrangement"] == a) & (table["unit"] == "total")].iloc[0] for a in ("uniform", "tailored")}
        set_alt(self.fig, t("incentives.plot.alt_uniform",
                            profit_u=format_money(float(total["uniform"]["profit"])),
                            profit_t=format_money(float(total["tailored"]["profit"])),
                            pay_u=format_money(float(total["uniform"]["pay"])),
                            pay_t=format_money(float(total["tailored"]["pay"])),
                            churn_u=format_percent(float(total["uniform"]["churn_rate"]), 1),
                            churn_t=format_percent(float(total["tailored"]["churn_rate"]), 1)))


def plot_uniform(table: pd.DataFrame):
    """Uniform vs tailored plans side by side."""
    chart = UniformChart()
    chart.update(table)
    return chart.fig


# --------------------------------------------------------------------------- intensity


@styled
def plot_intensity(c: float = 1.0, risk_aversions: Sequence[float] = (0.5, 1.0, 2.0, 4.0), max_sigma2: float = 4.0):
    """The LEN incentive intensity beta* = 1/(1 + r c sigma2) against noise, one line per risk aversion."""
    fig, ax = new_figure(figsize=(6.4, 3.6))
    s2 = np.linspace(0, max_sigma2, 200)
    for r in risk_aversions:
        beta = [agency.len_optimal(r, c, v).beta for v in s2]
        ax.plot(s2, beta, lw=2, label=f"r = {format_number(r, 1)}")
    ax.set_ylim(0, 1.05)
    ax.set_xlabel(t("incentives.plot.noise_axis"))
    ax.set_ylabel(t("incentives.plot.beta_axis"))
    ax.set_title(t("incentives.plot.intensity_title"))
    ax.legend(fontsize=8)
    _number_axes(ax, 1)
    ends = "; ".join(f"r = {format_number(r, 1)}: {format_number(agency.len_optimal(r, c, max_sigma2).beta, 2)}"
                     for r in risk_aversions)
    set_alt(fig, t("incentives.plot.alt_intensity", noise=format_number(max_sigma2, 1), ends=ends))
    return fig


@styled
def plot_multitask(benefits=(1.0, 1.0), substitution: Sequence[float] = tuple(np.linspace(0, 0.5, 11)),
                   r: float = 1.0, sigma2_new: float = 1.0, baseline_care: float = 0.5):
    """Optimal intensity on new sales when customer care is measured (variance 1) or cannot be measured,
    as the two tasks compete more for the seller's time; with the seller's unpaid baseline care
    ``baseline_care`` and, dotted, without any (then there is no care to crowd out)."""
    fig, ax = new_figure(figsize=(6.4, 3.6))
    measured, unmeasured, no_care = [], [], []
    base = [0.0, baseline_care]
    for rho in substitution:
        C = [[1.0, rho], [rho, 1.0]]
        measured.append(agency.multitask_optimal(benefits, C, [[sigma2_new, 0], [0, 1.0]], r, baseline=base).beta[0])
        unmeasured.append(agency.multitask_optimal(benefits, C, [[sigma2_new, 0], [0, np.inf]], r, baseline=base).beta[0])
        no_care.append(agency.multitask_optimal(benefits, C, [[sigma2_new, 0], [0, np.inf]], r).beta[0])
    ax.plot(substitution, measured, lw=2, marker="o", ms=3, label=t("incentives.plot.care_measured"))
    ax.plot(substitution, unmeasured, lw=2, marker="s", ms=3, ls="--",
            label=t("incentives.plot.care_unmeasured_baseline", care=format_number(baseline_care, 1)))
    ax.plot(substitution, no_care, lw=1.6, ls=":", color=PALETTE["grey"], label=t("incentives.plot.care_unmeasured_none"))
    ax.set_xlabel(t("incentives.plot.substitution_axis"))
    ax.set_ylabel(t("incentives.plot.beta_new_axis"))
    ax.set_title(t("incentives.plot.multitask_title"))
    ax.set_ylim(0, 1.0)
    ax.set_xlim(-0.02, max(substitution) + 0.02)
    ax.legend(fontsize=8, loc="lower left")
    _number_axes(ax, 1)
    set_alt(fig, t("incentives.plot.alt_multitask", rho=format_number(float(substitution[-1]), 2),
                   m0=format_number(measured[0], 2), m1=format_number(measured[-1], 2),
                   u0=format_number(unmeasured[0], 2), u1=format_number(unmeasured[-1], 2)))
    return fig


__all__ = [
    "DesignerChart", "PayBars", "PayoutCurveChart", "PhaseChart", "TeamChart", "UniformChart", "plot_intensity", "plot_multitask",
    "plot_payout_curve", "plot_phase", "plot_team", "plot_uniform",
]
