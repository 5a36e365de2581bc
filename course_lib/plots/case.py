"""Figures for the case company (notebook 00 and recaps in later modules).

* :func:`sales_by_region` - the team's new sales per month, stacked by region, against the team quota:
  the market's seasons against a flat budget.
* :func:`attainment_ranking` - sellers ranked by attainment (new sales / quota): stars and laggards.
* :func:`manager_position` - the sales manager between the budget from above and the spread of her
  sellers below (Kunøe & Berntsen): the team's monthly attainment, the 100 % budget line and the
  range of individual sellers around it.

Each function takes the team data (as from :func:`course_lib.cases.load_team`) and returns a
``matplotlib.figure.Figure``; titles and labels follow the current language.

Example:
    >>> from course_lib.cases import load_team
    >>> fig = sales_by_region(load_team())
    >>> type(fig).__name__
    'Figure'
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..periods import month_label
from ..cases import monthly_totals, region_name, seller_attainment, team_summary
from ..i18n import format_money, format_percent, get_language, invalid, t
from .live import new_figure
from .style import DARK, PALETTE, SERIES, money_axis, percent_axis, set_alt, styled

STAR_LEVEL = 1.10      # attainment at or above this is shown as "well above quota"
LAGGARD_LEVEL = 0.85   # attainment below this is shown as "well below quota"


def month_ticks(months) -> list[str]:
    """Short month labels in the current language: ``"2025-03"`` -> ``"mar 25"`` (nb) / ``"Mar 25"`` (en).

    Example:
        >>> from course_lib import set_language
        >>> _ = set_language("nb")
        >>> month_ticks(["2025-05", "2026-12"])
        ['mai 25', 'des 26']
    """
    from ..case_content import parse_month

    names = t("cases.plot.month_names").split(",")
    if isinstance(months, (str, bytes)) or not hasattr(months, "__iter__"):
        raise invalid("cases.plot.bad_months", value=repr(months)[:40])
    out = []
    for label in months:
        parsed = parse_month(label) if isinstance(label, str) else None
        if parsed is None:
            raise invalid("cases.plot.bad_months", value=repr(label)[:40])
        year, month = parsed
        out.append(f"{names[month - 1].strip()} {str(year)[2:]}")
    return out


def _set_month_axis(ax, months, every=2):
    positions = np.arange(len(months))
    ax.set_xticks(positions[::every])
    ax.set_xticklabels(month_ticks(list(months))[::every], rotation=45, ha="right")
    ax.set_xlim(-0.6, len(months) - 0.4)


@styled
def sales_by_region(df: pd.DataFrame):
    """Team new sales per month, stacked by region, with the team's monthly quota as a line.

    Example:
        >>> from course_lib.cases import load_team
        >>> fig = sales_by_region(load_team())
        >>> len(fig.axes)
        1
    """
    totals = monthly_totals(df, by_region=True)
    sales = totals.pivot(index="month", columns="region", values="new_sales").fillna(0).sort_index()
    quota = totals.groupby("month")["quota"].sum().reindex(sales.index)
    months = list(sales.index)
    x = np.arange(len(months))

    fig, ax = new_figure(figsize=(8.5, 4.4))
    bottom = np.zeros(len(months))
    for i, region in enumerate(sorted(sales.columns)):
        values = sales[region].to_numpy(dtype=float)
        ax.bar(x, values, bottom=bottom, width=0.75, color=SERIES[i % len(SERIES)], label=region_name(region))
        bottom += values
    ax.step(x, quota.to_numpy(dtype=float), where="mid", color=PALETTE["black"], linewidth=2,
            label=t("cases.plot.team_quota"))
    money_axis(ax, "y", thousands=True)
    ax.set_ylabel(t("cases.plot.new_sales_knok"))
    _set_month_axis(ax, months)
    ax.set_title(t("cases.plot.sales_by_region_title"))
    ax.legend(loc="upper left", ncols=3, fontsize=9)
    ax.set_ylim(0, max(bottom.max(), quota.max()) * 1.18)
    above = int((bottom >= quota.to_numpy(dtype=float)).sum())
    set_alt(fig, t("cases.plot.alt_sales_by_region", months=len(months), first=month_label(months[0]),
                   last=month_label(months[-1]), low=format_money(float(bottom.min())),
                   high=format_money(float(bottom.max())), above=above))
    return fig


@styled
def attainment_ranking(df: pd.DataFrame):
    """Sellers ranked by attainment over the whole period (new sales / quota), with a 100 % line.

    Bars at or above 110 % and below 85 % get their own colours, so stars and laggards stand out.

    Example:
        >>> from course_lib.cases import load_team
        >>> fig = attainment_ranking(load_team())
        >>> len(fig.axes[0].patches)
        10
    """
    summary = team_summary(df).sort_values("attainment", ascending=True).reset_index(drop=True)
    lang = get_language()
    colours = [
        PALETTE["blue"] if a >= STAR_LEVEL else PALETTE["vermillion"] if a < LAGGARD_LEVEL else PALETTE["grey"]
        for a in summary["attainment"]
    ]
    labels = [f"{name} ({region_name(region).split(' ')[0]})"
              for name, region in zip(summary["seller_name"], summary["region"])]
    height = max(3.0, 0.42 * len(summary) + 1.4)
    fig, ax = new_figure(figsize=(7.5, height))
    y = np.arange(len(summary))
    ax.barh(y, summary["attainment"], color=colours, height=0.7)
    for yi, value in zip(y, summary["attainment"]):
        ax.text(value + 0.01, yi, format_percent(value, 0, lang), va="center", fontsize=9, zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.85})
    ax.axvline(1.0, color=PALETTE["black"], linewidth=1.5)
    ax.text(1.0, len(summary) - 0.3, " " + t("cases.plot.quota_line"), fontsize=9, va="bottom")
    ax.set_yticks(y)
    ax.set_yticklabels(labels)
    ax.grid(axis="y", visible=False)
    percent_axis(ax, "x")
    ax.set_xlim(0, max(1.2, float(summary["attainment"].max()) + 0.15))
    ax.set_ylim(-0.6, len(summary) + 0.2)
    ax.set_xlabel(t("cases.plot.attainment_axis"))
    ax.set_title(t("cases.plot.ranking_title", first=month_label(df["month"].min()), last=month_label(df["month"].max())))
    from matplotlib.patches import Patch

    ax.legend(handles=[
        Patch(color=PALETTE["blue"], label=t("cases.plot.band_high", level=format_percent(STAR_LEVEL, 0, lang))),
        Patch(color=PALETTE["grey"], label=t("cases.plot.band_mid")),
        Patch(color=PALETTE["vermillion"], label=t("cases.plot.band_low", level=format_percent(LAGGARD_LEVEL, 0, lang))),
    ], loc="lower right", fontsize=8)
    best, worst = summary.iloc[-1], summary.iloc[0]
    set_alt(fig, t("cases.plot.alt_ranking", n=len(summary), best=best["seller_name"],
                   best_value=format_percent(float(best["attainment"]), 0, lang), worst=worst["seller_name"],
                   worst_value=format_percent(float(worst["attainment"]), 0, lang),
                   above=int((summary["attainment"] >= 1.0).sum())))
    return fig


@styled
def manager_position(df: pd.DataFrame):
    """The sales manager in the middle: budget from above, the spread of sellers below.

    Plots, per month, the team's attainment (her number, what top management reads), the budget at
    100 % (what top management asks for), and the lowest-to-highest range of the individual sellers
    with a dot per seller (what she has to work with). The side notes give the budget growth from the
    first to the last calendar year and the widest spread, both computed from ``df``.

    Example:
        >>> from course_lib.cases import load_team
        >>> fig = manager_position(load_team())
        >>> fig.axes[0].get_ylabel() != ""
        True
    """
    lang = get_language()
    per_seller = seller_attainment(df)
    team = monthly_totals(df, by_region=False).set_index("month").reindex(per_seller.index)
    months = list(per_seller.index)
    x = np.arange(len(months))
    low = per_seller.min(axis=1).to_numpy(dtype=float)
    high = per_seller.max(axis=1).to_numpy(dtype=float)

    fig, (ax, side) = new_figure(figsize=(9.5, 5.0), ncols=2)
    ax.get_gridspec().set_width_ratios([4.2, 1.0])
    side.set_axis_off()
    ax.fill_between(x, low, high, color=PALETTE["sky"], alpha=0.25, linewidth=0,
                    label=t("cases.plot.seller_range"))
    values = per_seller.to_numpy(dtype=float)
    ax.scatter(np.repeat(x, values.shape[1]), values.ravel(), s=9, color=PALETTE["grey"], alpha=0.7,
               label=t("cases.plot.one_seller"), zorder=2)
    ax.axhline(1.0, color=PALETTE["vermillion"], linewidth=2, linestyle="--", label=t("cases.plot.budget_line"),
               zorder=3)
    ax.plot(x, team["attainment"].to_numpy(dtype=float), color=PALETTE["blue"], linewidth=2.8, marker="o",
            markersize=4, label=t("cases.plot.team_line"), zorder=4)
    percent_axis(ax, "y")
    ax.set_ylabel(t("cases.plot.attainment_axis"))
    _set_month_axis(ax, months)
    top = max(1.6, float(np.nanmax(high)) * 1.05)
    ax.set_ylim(0, top)
    ax.set_title(t("cases.plot.position_title"))
    ax.legend(loc="upper center", ncols=2, fontsize=8.5, bbox_to_anchor=(0.5, -0.2))

    # average monthly team quota in the first and the last calendar year (partial years compare fairly)
    monthly_quota = team["quota"].groupby(team.index.str[:4]).mean()
    growth = (float(monthly_quota.iloc[-1] / monthly_quota.iloc[0] - 1)
              if len(monthly_quota) > 1 and monthly_quota.iloc[0] > 0 else 0.0)
    spread = high - low
    widest = int(np.nanargmax(spread))
    notes = [
        (1.0, t("cases.plot.from_above", growth=format_percent(growth, 0, lang)), DARK["vermillion"]),   # AA contrast
        (0.64, t("cases.plot.her_number", average=format_percent(float(team["new_sales"].sum() / team["quota"].sum()), 0, lang)),
         PALETTE["blue"]),
        (0.36, t("cases.plot.from_below", low=format_percent(low[widest], 0, lang),
                 high=format_percent(high[widest], 0, lang), month=month_label(months[widest])), DARK["charcoal"]),
    ]
    for y_frac, text, colour in notes:
        side.text(0.08, y_frac, text, transform=side.transAxes, fontsize=9, color=colour, va="top", ha="left")
    side.annotate("", xy=(0.02, 0.66), xytext=(0.02, 0.98), xycoords="axes fraction",
                  arrowprops={"arrowstyle": "-|>", "color": PALETTE["vermillion"], "linewidth": 1.8})
    side.annotate("", xy=(0.02, 0.50), xytext=(0.02, 0.18), xycoords="axes fraction",
                  arrowprops={"arrowstyle": "-|>", "color": DARK["charcoal"], "linewidth": 1.8})
    set_alt(fig, " ".join([t("cases.plot.alt_position",
                              team=format_percent(float(team["new_sales"].sum() / team["quota"].sum()), 0, lang))]
                          + [" ".join(note.split()) for _y, note, _c in notes]))
    return fig
