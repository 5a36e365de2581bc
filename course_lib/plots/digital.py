"""Figures for module 05: the inbound funnel, maturity on the seven steps, the investment case.

Each widget figure is a small class that builds the figure once and updates its artists
(``update``), so a redraw costs little more than the PNG encoding; the ``plot_*`` functions
return a fresh ``Figure`` for notebooks.

Example:
    >>> from course_lib import funnel
    >>> fig = plot_funnel(funnel.funnel(60_000, n=1_000, seed=1), target=2_000_000)
    >>> type(fig).__name__
    'Figure'
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import LogLocator, NullLocator

from .. import funnel as fn
from ..i18n import format_money, format_number, format_percent, t
from .blit import blit_png, figure_key, freeze_cached, snapped
from .style import DARK, PALETTE, freeze_layout, money_axis, new_figure, number_axis, percent_axis, set_alt, styled

BINS = 30


def _nice_top(value: float) -> float:
    """A round upper axis limit a little above ``value``."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    exponent = 10 ** np.floor(np.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * exponent >= value * 1.05:
            return float(step * exponent)
    return float(10 * exponent)


class _Histogram:
    """A histogram of fixed bin count whose bars are moved in place (no new artists per redraw)."""

    def __init__(self, ax, color):
        self.ax = ax
        self.bars = ax.bar(np.arange(BINS), np.zeros(BINS), width=1.0, align="edge", color=color,
                           edgecolor="white", linewidth=0.4)

    def update(self, values: np.ndarray, lo: float, hi: float, colour_below=None, split: float | None = None,
               colour=None) -> float:
        if hi <= lo:
            hi = lo + 1.0
        counts, edges = np.histogram(values, bins=BINS, range=(lo, hi))
        share = counts / max(len(values), 1)
        width = edges[1] - edges[0]
        for bar, left, h in zip(self.bars, edges[:-1], share):
            bar.set_x(left)
            bar.set_width(width)
            bar.set_height(h)
            if split is not None:
                bar.set_facecolor(colour_below if left + width / 2 < split else colour)
        return float(share.max()) if len(share) else 0.0


def _room_right(fig, *axes, share: float = 0.03) -> None:
    """After the layout is frozen, leave room at the right so a tick label at the edge is not cut."""
    for ax in axes:
        pos = ax.get_position()
        ax.set_position([pos.x0, pos.y0, pos.width - share, pos.height])


def _spread(values: np.ndarray) -> tuple[float, float]:
    lo, hi = np.quantile(values, [0.005, 0.995])
    if hi <= lo:
        lo, hi = lo - 1, hi + 1
    pad = 0.05 * (hi - lo)
    return float(lo - pad), float(hi + pad)


# --------------------------------------------------------------------------- funnel


class FunnelChart:
    """Left: people per stage (likely rates) with the low-high span; right: new sales from the funnel
    over the simulated years against the target. ``stages=False``: the sales panel only.

    Example:
        >>> chart = FunnelChart()
        >>> chart.update(fn.funnel(60_000, n=1_000, seed=1), target=2_000_000)
        >>> len(chart.stage_bars)
        6
    """

    @styled
    def __init__(self, figsize=None, stages: bool = True):
        """``stages=False`` draws only the sales panel (the app shows the stages as HTML bars)."""
        self.stages = stages
        if not stages:
            self.fig, self.ax_sales = new_figure(figsize=figsize or (6.4, 3.6))
            self._init_sales()
            self._layout_key = ("FunnelChart", False) + figure_key(self.fig)
            freeze_cached(self.fig, self._layout_key, lambda: _room_right(self.fig, self.ax_sales))
            return
        self.fig, (self.ax_stages, self.ax_sales) = new_figure(figsize=figsize or (9.6, 4.0), ncols=2)
        ax = self.ax_stages
        y = np.arange(len(fn.STAGES))[::-1]
        self.stage_bars = ax.barh(y, np.ones(len(y)), color=PALETTE["sky"], edgecolor=PALETTE["blue"], height=0.62)
        self.span = ax.hlines(y, np.ones(len(y)), np.ones(len(y)) * 2, color=PALETTE["black"], lw=1.6)
        self.labels = [ax.text(0, yy, "", va="center", ha="left", fontsize=8.5) for yy in y]
        ax.set_yticks(y)
        ax.set_yticklabels([fn.stage_label(s) for s in fn.STAGES])
        ax.set_xscale("log")
        ax.xaxis.set_major_locator(LogLocator(base=100))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(t("digital.plot.people_log"))
        number_axis(ax, "x")
        ax.set_title(t("digital.plot.funnel_title"))
        self._init_sales()
        freeze_layout(self.fig)
        _room_right(self.fig, self.ax_sales, share=0.02)

    def _init_sales(self) -> None:
        self.hist = _Histogram(self.ax_sales, PALETTE["blue"])
        self.target_line = self.ax_sales.axvline(0, color=PALETTE["vermillion"], lw=2, ls="--",
                                                 label=t("digital.plot.target"))
        self.mean_line = self.ax_sales.axvline(0, color=PALETTE["black"], lw=1.2, label=t("digital.plot.mean"))
        money_axis(self.ax_sales, "x", thousands=True)
        percent_axis(self.ax_sales, "y")
        self.ax_sales.set_xlabel(t("digital.plot.sales_axis_k"))
        self.ax_sales.set_ylabel(t("digital.plot.share_of_years"))
        self.sales_title = self.ax_sales.set_title(t("digital.plot.sales_title_p", p="100 %"))
        self.ax_sales.legend(loc="upper right", fontsize=8)

    # The app's one-panel chart blits (plots/blit.py): bars, lines, legend and title over a
    # background of axes and ticks that stays while the limits do.
    def _moving(self):
        ax = self.ax_sales
        return [(ax, a) for a in (*self.hist.bars, self.target_line, self.mean_line, ax.get_legend(),
                                  self.sales_title)]

    def _key(self):
        return (self.ax_sales.get_xlim(), self.ax_sales.get_ylim())

    def png(self) -> bytes:
        """The figure as PNG; the one-panel chart draws only what moved."""
        if self.stages:
            from .style import to_png

            return to_png(self.fig)
        return blit_png(self)

    def update(self, result: fn.FunnelResult, target: float | None = None) -> None:
        """Redraw for a :class:`~course_lib.funnel.FunnelResult` and a new-sales target (NOK)."""
        if self.stages:
            self._update_stages(result)
        self._update_sales(result, target)
        likely = fn.stage_counts(result.visitors, result.rates, "likely").to_numpy()
        text = t("digital.plot.alt_funnel", visitors=format_number(result.visitors, 0),
                 customers=format_number(float(likely[-1]), 0 if likely[-1] >= 10 else 1),
                 mean=format_money(float(result.sales.mean())),
                 low=format_money(float(np.percentile(result.sales, 5))),
                 high=format_money(float(np.percentile(result.sales, 95))))
        if target is not None:
            text += " " + t("digital.plot.alt_funnel_target", target=format_money(target),
                            p=format_percent(result.p_reach(target), 0))
        set_alt(self.fig, text)

    def _update_stages(self, result: fn.FunnelResult) -> None:
        rates = result.rates
        likely = fn.stage_counts(result.visitors, rates, "likely").to_numpy()
        low = fn.stage_counts(result.visitors, rates, "low").to_numpy()
        high = fn.stage_counts(result.visitors, rates, "high").to_numpy()
        floor = 0.5
        for bar, value in zip(self.stage_bars, likely):
            bar.set_width(max(value, floor))
        ys = np.arange(len(fn.STAGES))[::-1]
        segs = [[(max(lo, floor), yy), (max(hi, floor), yy)] for lo, hi, yy in zip(low, high, ys)]
        self.span.set_segments(segs)
        for text, value, hi in zip(self.labels, likely, high):
            text.set_position((max(hi, value, floor) * 1.25, text.get_position()[1]))
            text.set_text(format_number(value, 0 if value >= 10 else 1))
        top = max(float(high.max()), 10.0)
        self.ax_stages.set_xlim(floor, top * 12)

    def _update_sales(self, result: fn.FunnelResult, target: float | None) -> None:
        lo_x, hi_x = _spread(result.sales)
        if target is not None:
            lo_x, hi_x = min(lo_x, target * 0.9), max(hi_x, target * 1.1)
        lo_x = max(lo_x, 0.0)
        peak = self.hist.update(result.sales, lo_x, hi_x)
        # limits on round units: nearby results keep the axes (and the blitted background) still
        self.ax_sales.set_xlim(*snapped(lo_x, hi_x))
        self.ax_sales.set_ylim(0, snapped(0, max(peak * 1.15, 0.01))[1])
        self.mean_line.set_xdata([result.sales.mean()] * 2)
        if target is not None:
            self.target_line.set_visible(True)
            self.target_line.set_xdata([target] * 2)
            self.sales_title.set_text(t("digital.plot.sales_title_p", p=format_percent(result.p_reach(target), 0)))
        else:
            self.target_line.set_visible(False)
            self.sales_title.set_text(t("digital.plot.sales_title"))


def plot_funnel(result: fn.FunnelResult, target: float | None = None):
    """The funnel chart for one result, as a new figure."""
    chart = FunnelChart()
    chart.update(result, target)
    return chart.fig


# --------------------------------------------------------------------------- tornado


class TornadoChart:
    """Horizontal bars from the base value to the value with one input at its low and at its high end."""

    @styled
    def __init__(self, rows: int, ax=None, figsize=(7.0, 3.8), money: bool = True, labels=None,
                 title: str | None = None, xlabel: str | None = None):
        self.money = money
        own = ax is None
        if own:
            self.fig, ax = new_figure(figsize=figsize)
        else:
            self.fig = ax.figure
        self.ax = ax
        self.rows = rows
        y = np.arange(rows)[::-1]
        self.low_bars = ax.barh(y, np.zeros(rows), color=PALETTE["vermillion"], height=0.6, label=t("digital.plot.at_low"))
        self.high_bars = ax.barh(y, np.zeros(rows), color=PALETTE["blue"], height=0.6, label=t("digital.plot.at_high"))
        self.base_line = ax.axvline(0, color=PALETTE["black"], lw=1)
        ax.set_yticks(y)
        # the longest labels reserve their room before the layout is frozen
        ax.set_yticklabels((list(labels or []) + [""] * rows)[:rows], fontsize=8.5)
        ax.grid(axis="y", visible=False)
        if money:
            money_axis(ax, "x", thousands=True)
        else:
            number_axis(ax, "x")
        ax.legend(loc="lower right", fontsize=8)
        self.title = ax.set_title(title if title is not None else t("digital.plot.tornado_title"))
        ax.set_xlabel(xlabel if xlabel is not None else (t("digital.plot.npv_axis_k") if money else ""))
        if own:
            freeze_layout(self.fig)

    def update(self, table: pd.DataFrame, title: str = "", xlabel: str = "") -> None:
        base = float(table["base"].iloc[0]) if len(table) else 0.0
        labels = list(table["label"])[: self.rows] + [""] * (self.rows - len(table))
        for i in range(self.rows):
            if i < len(table):
                lo, hi = float(table["low"].iloc[i]), float(table["high"].iloc[i])
            else:
                lo = hi = base
            self.low_bars[i].set_x(min(base, lo))
            self.low_bars[i].set_width(abs(lo - base))
            self.high_bars[i].set_x(min(base, hi))
            self.high_bars[i].set_width(abs(hi - base))
        self.ax.set_yticklabels(labels)
        self.base_line.set_xdata([base, base])
        ends = np.concatenate([table["low"].to_numpy(), table["high"].to_numpy(), [base]]) if len(table) else [base]
        lo, hi = float(np.min(ends)), float(np.max(ends))
        pad = 0.12 * (hi - lo) if hi > lo else max(abs(base), 1.0) * 0.1
        self.ax.set_xlim(lo - pad, hi + pad)
        self.title.set_text(title)
        if xlabel:
            self.ax.set_xlabel(xlabel)
        fmt = format_money if self.money else (lambda v: format_number(v, 0))
        if len(table):
            top = table.iloc[0]
            set_alt(self.ax.figure, t("digital.plot.alt_tornado", title=title or t("digital.plot.tornado_title"),
                                      base=fmt(base), label=str(top["label"]), low=fmt(float(top["low"])),
                                      high=fmt(float(top["high"])), rows=len(table)))


def plot_tornado(table: pd.DataFrame, title: str | None = None, money: bool = True, xlabel: str | None = None):
    """A tornado chart (``funnel.sensitivity`` or ``investment.tornado`` tables) as a new figure.

    ``xlabel`` defaults to the NPV axis; pass ``t("digital.plot.sales_axis_k")`` for the funnel's table.
    """
    heading = title if title is not None else t("digital.plot.tornado_title")
    label = xlabel if xlabel is not None else t("digital.plot.npv_axis_k")
    chart = TornadoChart(len(table), figsize=(7.2, 0.45 * len(table) + 1.6), money=money,
                         labels=list(table["label"]), title=heading, xlabel=label)
    chart.update(table, heading, label)
    return chart.fig


# --------------------------------------------------------------------------- maturity


class MaturityChart:
    """Maturity (1-5) per step: the case company's bars and the learner's beside them."""

    @styled
    def __init__(self, titles: list[str], figsize=(8.6, 4.2)):
        self.fig, ax = new_figure(figsize=figsize)
        self.ax = ax
        n = len(titles)
        y = np.arange(n)[::-1].astype(float)
        self.case_bars = ax.barh(y + 0.18, np.zeros(n), height=0.34, left=0, color=PALETTE["grey"],
                                 label=t("digital.plot.case"))
        self.learner_bars = ax.barh(y - 0.18, np.zeros(n), height=0.34, left=0, color=PALETTE["blue"],
                                    label=t("digital.plot.learner"))
        self.marks = [ax.axvline(x, color=colour, lw=1, ls=":")
                      for x, colour in ((2.5, PALETTE["orange"]), (3.75, PALETTE["green"]))]
        ax.set_yticks(y)
        ax.set_yticklabels(titles, fontsize=8.5)
        ax.set_xlim(0, 5)
        ax.set_xticks([0, 1, 2, 3, 4, 5])
        number_axis(ax, "x")
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(t("digital.plot.maturity_axis"))
        ax.set_title(t("digital.plot.maturity_title"))
        ax.legend(loc="lower right", fontsize=8, frameon=True, framealpha=0.9, edgecolor="none")
        self._layout_key = ("MaturityChart", tuple(titles)) + figure_key(self.fig)
        freeze_cached(self.fig, self._layout_key)

    # bars, marks and legend over a background of axes, ticks and titles (plots/blit.py)
    def _moving(self):
        return [(self.ax, a) for a in (*self.case_bars, *self.learner_bars, *self.marks, self.ax.get_legend())]

    def _key(self):
        return (self.ax.get_xlim(), self.ax.get_ylim())

    png = blit_png

    def update(self, case: pd.DataFrame, learner: pd.DataFrame | None = None) -> None:
        for bar, value in zip(self.case_bars, case["maturity"]):
            bar.set_width(0 if not np.isfinite(value) else value)
        values = learner["maturity"] if learner is not None else [np.nan] * len(self.learner_bars)
        for bar, value in zip(self.learner_bars, values):
            bar.set_width(0 if not np.isfinite(value) else value)
        def describe(frame):
            return "; ".join(f"{i + 1}: {format_number(float(v), 1)}" for i, v in enumerate(frame["maturity"])
                             if np.isfinite(v))
        text = t("digital.plot.alt_maturity", case=describe(case))
        if learner is not None:
            text += " " + t("digital.plot.alt_maturity_you", you=describe(learner))
        set_alt(self.fig, text)


def short_titles(lang: str | None = None) -> list[str]:
    """Numbered short step names for axis labels (``"3. Egen digital kanal"``)."""
    from .. import strategy
    from ..i18n import pick

    return [f"{s['number']}. {pick(s['short'], lang)}" for s in strategy.steps()]


def plot_maturity(case: pd.DataFrame, learner: pd.DataFrame | None = None):
    """Maturity per step for the case (and the learner), as a new figure."""
    chart = MaturityChart(short_titles())
    chart.update(case, learner)
    return chart.fig


# --------------------------------------------------------------------------- investment


class InvestmentChart:
    """Left: NPV over the simulated draws with zero marked and P(NPV > 0); right: tornado of the inputs.

    Example:
        >>> from course_lib import investment as iv
        >>> chart = InvestmentChart(tornado=False)
        >>> chart.update(iv.simulate(n=500, seed=1))
        >>> chart.tornado is None
        True
    """

    @styled
    def __init__(self, rows: int = 9, figsize=None, tornado: bool = True):
        """``tornado=False`` draws only the NPV panel (the app shows the tornado as HTML bars)."""
        if tornado:
            self.fig, (self.ax_npv, ax_t) = new_figure(figsize=figsize or (10.4, 4.2), ncols=2)
        else:
            self.fig, self.ax_npv = new_figure(figsize=figsize or (6.4, 3.6))
            ax_t = None
        self.hist = _Histogram(self.ax_npv, PALETTE["blue"])
        self.zero = self.ax_npv.axvline(0, color=PALETTE["black"], lw=1.2)
        self.likely_line = self.ax_npv.axvline(0, color=DARK["orange"], lw=2, ls="--",
                                               label=t("digital.plot.likely_case"))
        money_axis(self.ax_npv, "x", thousands=True)
        percent_axis(self.ax_npv, "y")
        self.ax_npv.set_xlabel(t("digital.plot.npv_axis_k"))
        self.ax_npv.set_ylabel(t("digital.plot.share_of_draws"))
        self.npv_title = self.ax_npv.set_title(t("digital.plot.npv_title", p="100 %"))
        self.ax_npv.legend(loc="upper right", fontsize=8)
        from ..investment import INPUTS, input_label

        self.tornado = TornadoChart(rows, ax=ax_t, labels=[input_label(k) for k in INPUTS]) if ax_t is not None else None
        self._layout_key = ("InvestmentChart", rows, tornado) + figure_key(self.fig)
        freeze_cached(self.fig, self._layout_key,
                      lambda: _room_right(self.fig, *([ax_t] if ax_t is not None else [self.ax_npv]), share=0.02))

    # The app's one-panel chart blits (plots/blit.py), as the funnel's sales panel.
    def _moving(self):
        ax = self.ax_npv
        return [(ax, a) for a in (*self.hist.bars, self.zero, self.likely_line, ax.get_legend(), self.npv_title)]

    def _key(self):
        return (self.ax_npv.get_xlim(), self.ax_npv.get_ylim())

    def png(self) -> bytes:
        """The figure as PNG; the one-panel chart draws only what moved."""
        if self.tornado is not None:
            from .style import to_png

            return to_png(self.fig)
        return blit_png(self)

    def update(self, result, table: pd.DataFrame | None = None) -> None:
        lo, hi = _spread(result.npv)
        lo, hi = min(lo, -0.05 * abs(hi)), max(hi, 0.05 * abs(lo))
        peak = self.hist.update(result.npv, lo, hi, colour_below=PALETTE["vermillion"], split=0.0,
                                colour=PALETTE["blue"])
        self.ax_npv.set_xlim(*snapped(lo, hi))
        self.ax_npv.set_ylim(0, snapped(0, max(peak * 1.15, 0.01))[1])
        self.likely_line.set_xdata([result.npv_likely] * 2)
        self.npv_title.set_text(t("digital.plot.npv_title", p=format_percent(result.p_positive, 0)))
        if table is not None and self.tornado is not None:
            self.tornado.update(table, t("digital.plot.tornado_title"))
        text = t("digital.plot.alt_npv", likely=format_money(float(result.npv_likely)),
                 low=format_money(float(np.percentile(result.npv, 5))),
                 high=format_money(float(np.percentile(result.npv, 95))), p=format_percent(result.p_positive, 0))
        if table is not None and self.tornado is not None and len(table):
            text += " " + t("digital.plot.alt_npv_tornado", label=str(table.iloc[0]["label"]))
        set_alt(self.fig, text)


def plot_npv(result, table: pd.DataFrame | None = None):
    """NPV distribution (and tornado when ``table`` is given), as a new figure."""
    chart = InvestmentChart(len(table) if table is not None else 9)
    chart.update(result, table)
    return chart.fig


def plot_cash_flows(flows, title: str | None = None):
    """Yearly cash flows (bars) and the cumulative cash flow (line) in NOK."""
    return _plot_cash_flows(np.asarray(flows, dtype=float), title)


@styled
def _plot_cash_flows(flows: np.ndarray, title: str | None):
    fig, ax = new_figure(figsize=(7.0, 3.6))
    years = np.arange(flows.size)
    ax.bar(years, flows, color=[PALETTE["vermillion"] if f < 0 else PALETTE["blue"] for f in flows], width=0.6,
           label=t("digital.plot.flow"))
    ax.plot(years, np.cumsum(flows), color=PALETTE["black"], marker="o", lw=1.6, label=t("digital.plot.cumulative"))
    ax.axhline(0, color=PALETTE["grey"], lw=0.8)
    ax.set_xticks(years)
    number_axis(ax, "x")
    money_axis(ax, "y", thousands=True)
    ax.set_xlabel(t("digital.plot.year"))
    ax.set_ylabel(t("digital.plot.money_axis_k"))
    ax.set_title(title or t("digital.plot.flows_title"))
    ax.legend(loc="upper left", fontsize=8)
    cumulative = np.cumsum(flows)
    positive = np.nonzero(cumulative >= 0)[0]
    payback = next((int(i) for i in positive if (cumulative[i:] >= 0).all()), None)
    set_alt(fig, t("digital.plot.alt_flows", years=flows.size, first=format_money(float(flows[0])),
                   total=format_money(float(cumulative[-1])))
            + " " + (t("digital.plot.alt_payback", year=payback) if payback is not None
                     else t("digital.plot.alt_no_payback")))
    return fig


def plot_funnel_tornado(table: pd.DataFrame):
    """The funnel's sensitivity table (``funnel.sensitivity``) as a tornado of expected new sales."""
    return plot_tornado(table, t("digital.plot.funnel_tornado_title"), xlabel=t("digital.plot.expected_sales_axis_k"))


# --------------------------------------------------------------------------- light HTML bar charts for the apps


def _pct_width(value: float, top: float) -> float:
    return 0.0 if top <= 0 or not np.isfinite(value) else max(0.0, min(100.0, 100.0 * value / top))


def funnel_bars_html(result: fn.FunnelResult) -> str:
    """The funnel as HTML bars: people per stage at the likely rates (log-scaled widths), with the
    low-high count beside each bar. Cheap to redraw; numbers in the language's format."""
    import html as _html

    likely = fn.stage_counts(result.visitors, result.rates, "likely").to_numpy()
    low = fn.stage_counts(result.visitors, result.rates, "low").to_numpy()
    high = fn.stage_counts(result.visitors, result.rates, "high").to_numpy()
    top = np.log10(max(float(likely[0]), 10.0)) + 1
    rows = []
    for stage, v, lo, hi in zip(fn.STAGES, likely, low, high):
        width = _pct_width(np.log10(max(v, 1.0)) + 1, top)
        number = format_number(v, 0 if v >= 10 else 1)
        span = f"{format_number(lo, 0 if lo >= 10 else 1)}–{format_number(hi, 0 if hi >= 10 else 1)}"
        rows.append(
            f"<tr><td style='padding:2px 8px 2px 0;white-space:nowrap'>{_html.escape(fn.stage_label(stage))}</td>"
            f"<td style='width:260px'><div style='background:{PALETTE['sky']};border:1px solid {PALETTE['blue']};"
            f"height:16px;width:{width:.1f}%'></div></td>"
            f"<td style='text-align:right;padding:0 6px'><b>{_html.escape(number)}</b></td>"
            f"<td style='color:{DARK['ink']};font-size:90%'>({_html.escape(span)})</td></tr>")
    return (f"<div class='course-funnel-bars'><b>{_html.escape(t('digital.plot.funnel_title'))}</b> "
            f"<span style='color:{DARK['ink']};font-size:90%'>{_html.escape(t('digital.plot.funnel_bars_note'))}</span>"
            f"<table style='border-collapse:collapse'>{''.join(rows)}</table></div>")


def tornado_html(table: pd.DataFrame, title: str | None = None) -> str:
    """A tornado chart as HTML bars around the base value (money), largest swing first."""
    import html as _html

    if not len(table):
        return ""
    base = float(table["base"].iloc[0])
    reach = float(max((table["low"] - base).abs().max(), (table["high"] - base).abs().max(), 1.0))
    rows = []
    for r in table.itertuples():
        cells = []
        for side in ("left", "right"):
            parts = []
            for value, colour in ((r.low, PALETTE["vermillion"]), (r.high, PALETTE["blue"])):
                delta = value - base
                if (delta < 0) == (side == "left") and delta != 0:
                    parts.append((abs(delta), colour))
            bar = "".join(f"<div style='position:absolute;{'right' if side == 'left' else 'left'}:0;top:{2 + 7 * k}px;"
                          f"height:6px;width:{_pct_width(w, reach):.1f}%;background:{c}'></div>"
                          for k, (w, c) in enumerate(sorted(parts, reverse=True)))
            cells.append(f"<td style='width:170px;position:relative;height:18px;"
                         f"{'border-right' if side == 'left' else 'border-left'}:1px solid {PALETTE['black']}'>"
                         f"<div style='position:relative;height:16px'>{bar}</div></td>")
        rows.append(f"<tr><td style='padding:1px 8px 1px 0;white-space:nowrap'>{_html.escape(str(r.label))}</td>"
                    f"<td style='text-align:right;padding-right:6px;font-size:90%'>{_html.escape(format_money(r.low))}</td>"
                    f"{cells[0]}{cells[1]}"
                    f"<td style='padding-left:6px;font-size:90%'>{_html.escape(format_money(r.high))}</td></tr>")
    legend = (f"<span style='color:{PALETTE['vermillion']}'>■</span> {_html.escape(t('digital.plot.at_low'))} "
              f"<span style='color:{PALETTE['blue']}'>■</span> {_html.escape(t('digital.plot.at_high'))} · "
              f"{_html.escape(t('digital.plot.tornado_base', base=format_money(base)))}")
    heading = _html.escape(title if title is not None else t("digital.plot.tornado_title"))
    return (f"<div class='course-tornado'><b>{heading}</b><br><span style='font-size:90%'>{legend}</span>"
            f"<table style='border-collapse:collapse'>{''.join(rows)}</table></div>")
