"""Figures for module 02: the forecast histogram, the budget setter's curves, the control dashboard.

Each widget figure is a class that builds the figure once (layout frozen) and updates its
artists in ``update``, so a redraw is one model call and one PNG encoding; ``plot_*`` functions
return a fresh ``Figure`` for notebooks.

Example:
    >>> from course_lib import goals
    >>> f = goals.forecast(goals.case_pipeline(), horizon=3, n=2_000)
    >>> fig = plot_forecast(f, budget=12_800_000)
    >>> type(fig).__name__
    'Figure'
"""
from __future__ import annotations

import datetime

import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from .. import goals
from ..goals import MONTH_NAMES, month_name
from ..pipeline_data import STAGES
from ..i18n import format_money, format_number, format_percent, get_language, t
from .blit import blit_png, figure_key, freeze_cached, snapped, stable_limit
from .style import DARK, PALETTE, money_axis, new_figure, number_axis, percent_axis, set_alt, styled



def _nice_step(span: float) -> float:
    raw = span / 5 if span > 0 else 1.0
    exponent = 10 ** np.floor(np.log10(raw))
    for step in (1, 2, 2.5, 5, 10):
        if step * exponent >= raw:
            return float(step * exponent)
    return float(10 * exponent)


# the charts blit: the static part is drawn once, a redraw draws what moves (see plots/blit.py)
_blit_png = blit_png


# --------------------------------------------------------------------------- forecast


class ForecastChart:
    """Histogram of simulated totals with the budget, the expected value and P10/P50/P90.

    Example:
        >>> chart = ForecastChart()
        >>> f = goals.forecast(goals.case_pipeline(), horizon=3, n=2_000)
        >>> chart.update(f, budget=12_800_000)
        >>> chart.budget_line.get_xdata()[0]
        12800000
    """

    BINS = 40

    @styled
    def __init__(self, figsize=(7.6, 3.9), annotate: bool = True):
        self.annotate = annotate
        self.fig, ax = new_figure(figsize=figsize)
        self.ax = ax
        edges = np.linspace(0, 1, self.BINS + 1)
        self.hist = ax.stairs(np.zeros(self.BINS), edges, fill=True, color=PALETTE["sky"], alpha=1.0,
                              label=t("goals.plot.simulations"))
        self.miss = ax.stairs(np.zeros(self.BINS), edges, fill=True, color=PALETTE["grey"], alpha=1.0,
                              label=t("goals.plot.below_budget"))
        self.budget_line = ax.axvline(0, color=PALETTE["vermillion"], lw=2.2, label=t("goals.plot.budget"))
        self.mean_line = ax.axvline(0, color=PALETTE["black"], lw=1.4, ls="--", label=t("goals.plot.expected"))
        self.band = ax.axvspan(0, 1, color=PALETTE["orange"], alpha=0.12, lw=0, label=t("goals.plot.p10_p90"))
        self.text = ax.text(0.01, 0.97, "", transform=ax.transAxes, va="top", ha="left", fontsize=9,
                            bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
        money_axis(ax, "x", thousands=True)
        percent_axis(ax, "y", decimals=0)
        ax.set_xlabel(t("goals.plot.total_axis_k"))
        ax.set_ylabel(t("goals.plot.share_axis"))
        self.title = ax.set_title(t("goals.plot.forecast_title", months=3))
        ax.legend(loc="upper right", fontsize=8, frameon=True, framealpha=0.9, edgecolor="none")
        ax.set_xlim(0, 20_000_000)
        ax.set_ylim(0, 0.2)
        self._layout_key = ("ForecastChart", annotate) + figure_key(self.fig)
        freeze_cached(self.fig, self._layout_key)

    def _moving(self):
        ax = self.ax
        return [(ax, a) for a in (self.hist, self.miss, self.band, self.budget_line, self.mean_line, self.text,
                                  ax.get_legend(), self.title)]

    def _key(self):
        return (self.ax.get_xlim(), self.ax.get_ylim())

    png = _blit_png

    def update(self, result: "goals.Forecast", budget: float) -> None:
        """Redraw for a :class:`~course_lib.goals.Forecast` and a budget (NOK)."""
        lo, hi = np.quantile(result.totals, [0.001, 0.999])
        lo, hi = min(lo, budget), max(hi, budget)
        pad = max((hi - lo) * 0.08, 1.0)
        width = (hi - lo + 2 * pad) / (self.BINS - 1)
        # bins aligned so the budget is an edge: each bar is wholly above or below it
        start = budget - np.ceil((budget - (lo - pad)) / width) * width
        edges = start + width * np.arange(self.BINS + 1)
        counts, _ = np.histogram(result.totals, bins=edges)
        share = counts / result.n
        reached = edges[:-1] >= budget - 1e-6 * width
        self.hist.set_data(np.where(reached, share, 0.0), edges)
        self.miss.set_data(np.where(reached, 0.0, share), edges)
        self.budget_line.set_xdata([budget, budget])
        self.mean_line.set_xdata([result.expected, result.expected])
        p10, p50, p90 = np.quantile(result.totals, [0.1, 0.5, 0.9])
        _set_span(self.band, p10, p90)
        lang = get_language()
        self.text.set_visible(self.annotate)
        self.text.set_text("" if not self.annotate else "\n".join([
            t("goals.plot.p_reach_line", value=format_percent(result.p_reach(budget), 0, lang)),
            *(f"{name}: {format_money(round(value, -4), 0, lang)}"
              for name, value in (("P10", p10), ("P50", p50), ("P90", p90))),
        ]))
        # limits on round units: nearby results keep the axes, and the background with the ticks
        # stays valid (plots/blit.py); the same result always gives the same axes
        self.ax.set_xlim(*snapped(float(edges[0]), float(edges[-1])))
        self.ax.set_ylim(0, snapped(0, max(0.05, float(share.max()) * 1.6))[1])
        self.title.set_text(t("goals.plot.forecast_title", months=result.horizon))
        set_alt(self.fig if hasattr(self, "fig") else self.ax.figure, t(
            "goals.plot.alt_forecast", months=result.horizon, budget=format_money(budget, 0, lang),
            p=format_percent(result.p_reach(budget), 0, lang), expected=format_money(result.expected, 0, lang),
            p10=format_money(round(p10, -4), 0, lang), p90=format_money(round(p90, -4), 0, lang)))


def _set_span(patch, x0: float, x1: float) -> None:
    """Move an ``axvspan`` (a Rectangle in newer matplotlib, a Polygon in older)."""
    if isinstance(patch, Rectangle):
        patch.set_x(x0)
        patch.set_width(x1 - x0)
    else:  # pragma: no cover
        xy = patch.get_xy()
        xy[:, 0] = [x0, x0, x1, x1, x0][: len(xy)]
        patch.set_xy(xy)


def _set_hspan(patch, y0: float, y1: float) -> None:
    if isinstance(patch, Rectangle):
        patch.set_y(y0)
        patch.set_height(y1 - y0)
    else:  # pragma: no cover
        xy = patch.get_xy()
        xy[:, 1] = [y0, y1, y1, y0, y0][: len(xy)]
        patch.set_xy(xy)


def plot_forecast(result: "goals.Forecast", budget: float):
    """The forecast histogram for a notebook."""
    chart = ForecastChart()
    chart.update(result, budget)
    return chart.fig


# --------------------------------------------------------------------------- budget setter


class BudgetChart:
    """Against the budget (x): P(reach), Atkinson's tendency (scaled so its peak is 1) and the
    Locke-Latham prediction, the stretch zone shaded, the chosen budget and the bonus threshold.

    Example:
        >>> f = goals.forecast(goals.case_pipeline(), horizon=3, n=2_000)
        >>> chart = BudgetChart()
        >>> chart.set_forecast(f)
        >>> chart.update(12_000_000, threshold=9_600_000)
    """

    POINTS = 161

    @styled
    def __init__(self, figsize=(7.8, 4.0)):
        self.fig, ax = new_figure(figsize=figsize)
        self.ax = ax
        self.zone = ax.axvspan(0, 1, color=PALETTE["green"], alpha=0.13, lw=0, label=t("goals.plot.zone"))
        (self.p_line,) = ax.plot([], [], color=PALETTE["blue"], lw=2.4, label=t("goals.plot.p_reach"))
        (self.atk_line,) = ax.plot([], [], color=DARK["orange"], lw=2, ls="--", label=t("goals.plot.atkinson"))
        (self.ll_line,) = ax.plot([], [], color=PALETTE["purple"], lw=2, ls="-.", label=t("goals.plot.locke_latham"))
        self.budget_line = ax.axvline(0, color=PALETTE["vermillion"], lw=2, label=t("goals.plot.your_budget"))
        self.threshold_line = ax.axvline(0, color=PALETTE["black"], lw=1.2, ls=":", label=t("goals.plot.bonus_threshold"))
        (self.points,) = ax.plot([], [], "o", color=PALETTE["vermillion"], ms=6, zorder=5)
        money_axis(ax, "x", thousands=True)
        number_axis(ax, "y", decimals=1)
        ax.set_ylim(0, 1.05)
        ax.set_xlabel(t("goals.plot.budget_axis_k"))
        ax.set_ylabel(t("goals.plot.index_axis"))
        ax.set_title(t("goals.plot.budget_title"))
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
        ax.set_xlim(0, 20_000_000)
        self._layout_key = ("BudgetChart",) + figure_key(self.fig)
        freeze_cached(self.fig, self._layout_key)
        self._curves_key = None
        self.budgets = np.linspace(0, 1, self.POINTS)
        self.p = self.atk = self.ll = np.zeros(self.POINTS)
        self._background = None

    def _moving(self):
        return [(self.ax, a) for a in (self.budget_line, self.threshold_line, self.points)]

    def _key(self):
        return tuple(self.ax.get_xlim()) + (self._curves_key,)

    png = _blit_png

    def set_forecast(self, result: "goals.Forecast", zone: "goals.BudgetZone | None" = None) -> None:
        """Compute the curves for a forecast (once per forecast; a budget change only moves lines)."""
        lo, hi = np.quantile(result.totals, [0.001, 0.999])
        span = max(hi - lo, 1.0)
        self.budgets = np.linspace(lo - 0.25 * span, hi + 0.25 * span, self.POINTS)
        self.p = result.p_reach(self.budgets)
        self.atk = 4 * goals.atkinson_tendency(self.p)
        ability = float(np.quantile(result.totals, 0.9))
        self.ll = goals.locke_latham(np.maximum(self.budgets, 0), ability=max(ability, 1.0))
        self.p_line.set_data(self.budgets, self.p)
        self.atk_line.set_data(self.budgets, self.atk)
        self.ll_line.set_data(self.budgets, self.ll)
        zone = zone or goals.budget_zone(result)
        _set_span(self.zone, zone.low, zone.high)
        self.ax.set_xlim(self.budgets[0], self.budgets[-1])
        # what the background shows besides the limits: the curves and the zone
        self._curves_key = (hash(self.budgets.tobytes()), hash(np.asarray(self.p).tobytes()),
                            hash(np.asarray(self.ll).tobytes()), float(zone.low), float(zone.high))
        self._background = None

    def update(self, budget: float, threshold: float | None = None) -> None:
        """Move the budget line (and the bonus threshold line) without recomputing the curves."""
        x0, x1 = self.budgets[0], self.budgets[-1]
        self.budget_line.set_xdata([budget, budget])
        self.ax.set_xlim(min(x0, budget), max(x1, budget))
        at = [float(np.interp(budget, self.budgets, y)) for y in (self.p, self.atk, self.ll)]
        self.points.set_data([budget] * 3, at)
        lang = get_language()
        set_alt(self.ax.figure, t("goals.plot.alt_budget", budget=format_money(budget, 0, lang),
                                  p=format_percent(at[0], 0, lang), atk=format_number(at[1], 2, lang),
                                  ll=format_number(at[2], 2, lang)))
        visible = threshold is not None and threshold > 0
        self.threshold_line.set_visible(visible)
        if visible:
            self.threshold_line.set_xdata([threshold, threshold])
            self.ax.set_xlim(min(self.ax.get_xlim()[0], threshold), self.ax.get_xlim()[1])


def plot_budget(result: "goals.Forecast", budget: float, threshold: float | None = None):
    """The budget setter's curves for a notebook."""
    chart = BudgetChart()
    chart.set_forecast(result)
    chart.update(budget, threshold)
    return chart.fig


def plot_goal_theories(points: int = 101):
    """Atkinson's tendency and the Locke-Latham prediction against the chance of reaching a goal.

    Example:
        >>> type(plot_goal_theories()).__name__
        'Figure'
    """
    return _plot_theories(points)


@styled
def _plot_theories(points: int):
    fig, ax = new_figure(figsize=(7.2, 3.8))
    p = np.linspace(0, 1, points)
    ax.plot(p, 4 * goals.atkinson_tendency(p), color=DARK["orange"], lw=2.2, ls="--", label=t("goals.plot.atkinson"))
    # the same goals as multiples of what she can reach at best: difficulty rises as P falls
    difficulty = 1.3 * (1 - p)
    ax.plot(p, goals.locke_latham(difficulty, ability=1.0), color=PALETTE["purple"], lw=2.2, ls="-.",
            label=t("goals.plot.locke_latham"))
    ax.axvline(0.5, color=PALETTE["grey"], lw=1, ls=":")
    percent_axis(ax, "x", decimals=0)
    number_axis(ax, "y", decimals=1)
    ax.invert_xaxis()
    ax.set_xlabel(t("goals.plot.p_axis_harder"))
    ax.set_ylabel(t("goals.plot.index_axis"))
    ax.set_title(t("goals.plot.theories_title"))
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower center", fontsize=8.5)
    set_alt(fig, t("goals.plot.alt_theories", mid=format_percent(0.5, 0)))
    return fig


# --------------------------------------------------------------------------- control dashboard


class ControlChart:
    """Two panels: cumulative plan and actual with the two year-end forecasts (top), and the monthly
    variance against the Shewhart control band (bottom), signals marked.

    Example:
        >>> from course_lib.cases import load_team
        >>> chart = ControlChart()
        >>> chart.update(goals.control_table(load_team(), as_of="2026-06"))
    """

    @styled
    def __init__(self, figsize=(8.6, 5.6)):
        self.lang = get_language()
        self.fig, (top, bottom) = new_figure(figsize=figsize, nrows=2)
        self.top, self.bottom = top, bottom
        x = np.arange(12)
        (self.cum_plan,) = top.plot(x, np.zeros(12), color=PALETTE["grey"], lw=2, ls="--", label=t("goals.plot.cum_plan"))
        (self.cum_actual,) = top.plot([], [], color=PALETTE["blue"], lw=2.4, marker="o", ms=4,
                                      label=t("goals.plot.cum_actual"))
        (self.rr_whisker,) = top.plot([], [], color=PALETTE["orange"], lw=6, alpha=0.45, solid_capstyle="butt")
        (self.rr_point,) = top.plot([], [], "D", color=PALETTE["orange"], ms=7, label=t("goals.plot.fc_run_rate"))
        (self.pf_whisker,) = top.plot([], [], color=PALETTE["green"], lw=6, alpha=0.45, solid_capstyle="butt")
        (self.pf_point,) = top.plot([], [], "s", color=PALETTE["green"], ms=7, label=t("goals.plot.fc_pipeline"))
        self.now_top = top.axvline(0, color=PALETTE["black"], lw=0.8, alpha=0.5)
        money_axis(top, "y", thousands=True)
        top.set_ylabel(t("goals.plot.cum_axis_k"))
        self.top_title = top.set_title(t("goals.plot.control_title", year="2026"))
        top.legend(loc="upper left", fontsize=8)
        top.set_xlim(-0.5, 11.9)
        top.set_ylim(0, 60_000_000)

        self.band = bottom.axhspan(-0.2, 0.2, color=PALETTE["green"], alpha=0.13, lw=0, label=t("goals.plot.control_band"))
        self.centre = bottom.axhline(0, color=PALETTE["green"], lw=1, ls="--")
        self.lower = bottom.axhline(-0.2, color=PALETTE["green"], lw=1)
        self.upper = bottom.axhline(0.2, color=PALETTE["green"], lw=1)
        bottom.axhline(0, color=PALETTE["black"], lw=0.6, alpha=0.4)
        (self.var_line,) = bottom.plot([], [], color=PALETTE["blue"], lw=1.6, marker="o", ms=5, label=t("goals.plot.variance"))
        (self.signals,) = bottom.plot([], [], "o", color=PALETTE["vermillion"], ms=10, mfc="none", mew=2,
                                      label=t("goals.plot.signal"))
        self.now_bottom = bottom.axvline(0, color=PALETTE["black"], lw=0.8, alpha=0.5)
        percent_axis(bottom, "y", decimals=0)
        bottom.yaxis.set_major_locator(MaxNLocator(nbins=6))
        bottom.set_ylabel(t("goals.plot.variance_axis"))
        bottom.set_title(t("goals.plot.band_title"), fontsize=10.5)
        bottom.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), fontsize=8, ncols=3)
        bottom.set_xlim(-0.5, 11.9)
        bottom.set_ylim(-0.8, 0.8)
        for ax in (top, bottom):
            ax.set_xticks(x)
        top.tick_params(labelbottom=False)      # the months are read off the lower panel
        bottom.set_xticklabels(MONTH_NAMES[self.lang])
        self._layout_key = ("ControlChart",) + figure_key(self.fig)
        freeze_cached(self.fig, self._layout_key)

    def _moving(self):
        top = [(self.top, a) for a in (self.cum_actual, self.rr_whisker, self.rr_point, self.pf_whisker,
                                      self.pf_point, self.now_top)]
        return top + [(self.bottom, a) for a in (self.var_line, self.signals, self.now_bottom)]

    def _key(self):
        return (tuple(self.top.get_ylim()), tuple(self.bottom.get_ylim()), getattr(self, "_band_key", None),
                self.top_title.get_text())

    png = _blit_png

    def update(self, result: "goals.ControlResult") -> None:
        """Redraw for a :class:`~course_lib.goals.ControlResult`."""
        tab = result.table
        n = int(tab["actual"].notna().sum())
        x = np.arange(len(tab))
        self.cum_plan.set_data(x, tab["cum_plan"].to_numpy())
        self.cum_actual.set_data(x[:n], tab["cum_actual"].to_numpy()[:n])
        fc = result.forecasts.set_index("method")
        end = len(tab) - 1
        for whisker, point, method, dx in ((self.rr_whisker, self.rr_point, "run_rate", 0.15),
                                          (self.pf_whisker, self.pf_point, "pipeline", 0.45)):
            row = fc.loc[method]
            whisker.set_data([end + dx, end + dx], [row["low"], row["high"]])
            point.set_data([end + dx], [row["forecast"]])
        top_value = max(float(tab["cum_plan"].max()), float(fc["high"].max())) * 1.08
        _stable_limit(self.top, 0.0, top_value)
        self.top_title.set_text(t("goals.plot.control_title", year=result.year))
        variance = tab["variance_pct"].to_numpy()[:n]
        band = result.band
        self.var_line.set_data(x[:n], variance)
        outside = (variance < band.lower) | (variance > band.upper)
        self.signals.set_data(x[:n][outside], variance[outside])
        _set_hspan(self.band, band.lower, band.upper)
        self.centre.set_ydata([band.centre, band.centre])
        self.lower.set_ydata([band.lower, band.lower])
        self.upper.set_ydata([band.upper, band.upper])
        # limits move only when the data no longer fit them (or would waste a third of the axis), so a month
        # change usually keeps the axes still and the background valid
        year = np.abs(tab["variance_pct"].to_numpy()[:n])
        reach = max(0.3, float(np.nanmax(year)) if n else 0.3, abs(band.lower), abs(band.upper)) * 1.15
        _stable_limit(self.bottom, -reach, reach, symmetric=True)
        self._band_key = (band.lower, band.upper, band.centre, tuple(tab["cum_plan"]))
        for line in (self.now_top, self.now_bottom):
            line.set_xdata([n - 1 + 0.5, n - 1 + 0.5])
        lang = get_language()
        set_alt(self.top.figure, t(
            "goals.plot.alt_control", year=result.year,
            after=t("goals.plot.after_one" if n == 1 else "goals.plot.after_many", months=n),
            actual=format_money(float(tab["cum_actual"].to_numpy()[n - 1]) if n else 0.0, 0, lang),
            plan=format_money(float(tab["cum_plan"].to_numpy()[n - 1]) if n else 0.0, 0, lang),
            run_rate=format_money(float(fc.loc["run_rate", "forecast"]), 0, lang),
            pipeline=format_money(float(fc.loc["pipeline", "forecast"]), 0, lang),
            signals=int(outside.sum())))


def _stable_limit(ax, low: float, high: float, symmetric: bool = False, which: str = "y") -> None:
    """Set the limits to (low, high) unless the current ones already hold them without wasting
    more than a third of the axis: small changes keep the axes still (and a redraw cheap)."""
    stable_limit(ax, low, high, which=which)


def plot_control(result: "goals.ControlResult"):
    """The control dashboard's figure for a notebook."""
    chart = ControlChart()
    chart.update(result)
    return chart.fig


# --------------------------------------------------------------------------- tables for the learner
# Model functions return plain numbers; these put them in front of a learner through the course's
# one table path (course_lib.tables.learner_table): headers translated, money and shares formatted.


def _learner_table(*args, **kwargs):
    from ..tables import learner_table

    return learner_table(*args, **kwargs)


_STAGE_VALUES = {code: spec["name"] for code, spec in STAGES.items()}


def table_deals(deals, rows: int | None = 8):
    """The first ``rows`` deals (all with ``None``) as a learner reads them.

    Example:
        >>> table_deals(goals.case_pipeline(), rows=2).frame.shape[0]
        2
    """
    from ..cases import COMPANY

    cols = [c for c in ("deal", "seller_name", "region", "customer", "stage", "amount", "probability", "close_date",
                        "close_month") if c in deals.columns]
    frame = deals[cols] if rows is None else deals[cols].head(rows)
    return _learner_table(frame, formats={"amount": "money", "probability": "percent:0", "close_month": "number"},
                          labels={c: f"goals.col.{c}" for c in cols},
                          values={"stage": _STAGE_VALUES, "region": COMPANY["regions"], "close_date": format_date})


_NB_MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
              "november", "desember"]


def format_date(text: str, lang: str | None = None) -> str:
    """An ISO date as the learner reads it: ``15. mars 2027`` (nb), ``15 Mar 2027`` (en); other text passes through.

    Text shaped like a date that is none (``2027-02-30``, ``2027-13-01``) passes through as it is too.

    Example:
        >>> format_date("2027-03-15", "nb"), format_date("2027-03-15", "en")
        ('15. mars 2027', '15 Mar 2027')
        >>> format_date("2027-00-01", "nb")
        '2027-00-01'
    """
    text = str(text)
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return text
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return text
    code = lang or get_language()
    if code == "nb":
        return f"{day.day}. {_NB_MONTHS[day.month - 1]} {text[:4]}"
    return f"{day.day} {MONTH_NAMES['en'][day.month - 1]} {text[:4]}"


def table_stages(deals):
    """Deals, amount, probability and weighted amount per stage, with a total row.

    Example:
        >>> len(table_stages(goals.case_pipeline()).frame)
        6
    """
    frame = goals.pipeline_by_stage(deals)
    return _learner_table(frame, formats={"deals": "number", "amount": "money", "probability": "percent:0",
                                          "weighted": "money"},
                          labels={c: f"goals.col.{c}" for c in frame.columns},
                          values={"stage": {**_STAGE_VALUES, "total": {"nb": "Sum", "en": "Total"}}})


def table_forecast(result: "goals.Forecast", budget: float):
    """Expected value (exact) beside the mean of the simulations, P10, P50, P90, the budget and the
    chance of reaching it, one row: the same mean as the weighted pipeline, with its spread.

    Example:
        >>> f = goals.forecast(goals.case_pipeline(), horizon=3, n=1_000)
        >>> list(table_forecast(f, 12_800_000).frame.columns)[:2] in (
        ...     ["Forventet verdi", "Snitt av simuleringene"], ["Expected value", "Mean of the simulations"])
        True
    """
    q = result.summary()
    row = {"expected": result.expected, "sim_mean": result.mean, "p10": q["p10"], "p50": q["p50"],
           "p90": q["p90"], "budget": budget, "p_reach": result.p_reach(budget)}
    money = {k: "money" for k in ("expected", "sim_mean", "p10", "p50", "p90", "budget")}
    return _learner_table({k: (round(v, -3) if k in money else v) for k, v in row.items()},
                          formats={**money, "p_reach": "percent:0"}, labels={k: f"goals.col.{k}" for k in row})


def table_zone(zone: "goals.BudgetZone"):
    """The budget zone (easy end, centre, hard end, expected value), one row."""
    row = {"zone_low": zone.low, "centre": zone.centre, "zone_high": zone.high, "expected": zone.expected}
    return _learner_table({k: round(v, -4) for k, v in row.items()}, formats={k: "money" for k in row},
                          labels={k: f"goals.col.{k}" for k in row})


def table_control(result: "goals.ControlResult"):
    """The control table month by month: plan, actual, variance in NOK and %, cumulative."""
    cols = ["month", "plan", "actual", "variance", "variance_pct", "cum_plan", "cum_actual", "cum_variance_pct"]
    frame = result.table[cols].copy()
    frame["month"] = [month_name(m, year=True) for m in frame["month"]]
    money = {c: "money" for c in ("plan", "actual", "variance", "cum_plan", "cum_actual")}
    return _learner_table(frame, formats={**money, "variance_pct": "percent", "cum_variance_pct": "percent"},
                          labels={c: f"goals.col.{c}" for c in cols})


def table_year_end(result: "goals.ControlResult"):
    """The two year-end forecasts with their spread, against the year's budget."""
    frame = result.forecasts.copy()
    for c in ("forecast", "low", "high"):
        frame[c] = frame[c].round(-4)
    return _learner_table(frame, formats={"forecast": "money", "low": "money", "high": "money", "vs_budget": "percent"},
                          labels={c: f"goals.col.{c}" for c in frame.columns},
                          values={"method": "goals.col.method_"})


def table_conditions(frame):
    """The three-conditions self-check (:func:`course_lib.goals.three_conditions`) as a learner reads it."""
    return _learner_table(frame, formats={"score": "number:1"},
                          labels={c: f"goals.col.{c}" for c in frame.columns},
                          values={"condition": {k: v["name"] for k, v in goals.CONDITIONS.items()},
                                  "weak": {True: {"nb": "ja", "en": "yes"}, False: {"nb": "nei", "en": "no"}}})


def table_statements():
    """The nine statements of the self-check in the current language."""
    return _learner_table(goals.condition_statements(), labels={c: f"goals.col.{c}" for c in ("item", "condition", "statement")})


__all__ = ["ForecastChart", "BudgetChart", "ControlChart", "plot_forecast", "plot_budget", "plot_goal_theories",
           "plot_control", "month_name", "MONTH_NAMES", "table_deals", "table_stages", "table_forecast",
           "table_zone", "table_control", "table_year_end", "table_conditions", "table_statements"]
