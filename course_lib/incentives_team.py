"""Apply a bonus plan to a sales team's data and compute what a sales director looks at.

Input: one row per seller per month in the case schema (``course_lib.cases.load_team()``):
``month``, ``seller_id``, ``seller_name``, ``region``, ``quota``, ``new_sales``, ``renewals``,
``churned_revenue``, ``customer_satisfaction`` ...

Figures (all over the whole horizon of the data):

* **cost of sales** = (base salaries + incentives) / revenue, revenue = new sales + renewals;
* **pay spread**: the median seller's total pay, and the top decile (90th percentile) over the median
  (the "leverage" ratio practitioners use, e.g. Prosperio, DOMAIN_NOTES 2.1);
* **share at quota**: sellers whose new sales over the horizon reach their summed quota, and the
  share of seller-periods at or above quota;
* **cost band**: pay at 90, 100 and 110 % attainment;
* **gaming risks** from :func:`course_lib.incentives.gaming_risks`.

Settlement per quarter adds up three months of sales and quota (and pays three months of base and
target incentive), which smooths out the month-to-month jumps around a threshold.

Example:
    >>> import pandas as pd
    >>> from course_lib.incentives import Plan
    >>> team = pd.DataFrame({"month": ["2025-01", "2025-01"], "seller_id": ["S1", "S2"],
    ...     "seller_name": ["A", "B"], "region": ["east", "west"], "quota": [400_000, 400_000],
    ...     "new_sales": [400_000, 200_000], "renewals": [200_000, 200_000],
    ...     "churned_revenue": [0, 0], "customer_satisfaction": [8.0, 7.0]})
    >>> r = apply_plan(Plan.from_ote(60_000, 0.6, 400_000), team)
    >>> r.rows["incentive"].tolist()
    [24000.0, 12000.0]
    >>> round(r.cost_of_sales, 3)
    0.108
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .i18n import invalid
from .incentives import MAX_AMOUNT, Plan, cost_band, gaming_risks, payout
from .incentives_checks import number_array

MAX_TEAM_ROWS = 1_000_000
"""The most seller-month rows a team may have."""

REQUIRED_COLUMNS = ("month", "seller_id", "seller_name", "region", "quota", "new_sales", "renewals",
                    "customer_satisfaction")
PERIODS = ("month", "quarter")


@dataclass(frozen=True)
class TeamResult:
    """A plan applied to a team: rows per seller and period, a summary per seller, and key figures."""

    plan: Plan
    period: str
    rows: pd.DataFrame
    sellers: pd.DataFrame
    revenue: float
    total_base: float
    total_incentive: float
    cost_of_sales: float
    median_pay: float
    top_decile_ratio: float
    median_incentive: float
    incentive_top_decile_ratio: float
    share_sellers_at_quota: float
    share_periods_at_quota: float
    share_periods_below_threshold: float = 0.0
    band: list = field(default_factory=list)
    risks: list = field(default_factory=list)

    @property
    def total_pay(self) -> float:
        """Base salaries plus incentives over the horizon (NOK)."""
        return self.total_base + self.total_incentive

    def table(self) -> pd.DataFrame:
        """The key figures as a two-column table in the current language (for notebooks)."""
        from .i18n import format_money, format_number, format_percent, t

        rows = [
            ("incentives.table.revenue", format_money(self.revenue)),
            ("incentives.table.total_pay", format_money(self.total_pay)),
            ("incentives.table.cost_of_sales", format_percent(self.cost_of_sales, 1)),
            ("incentives.table.median_pay", format_money(self.median_pay)),
            ("incentives.table.spread_pay", format_number(self.top_decile_ratio, 2)),
            ("incentives.table.spread_incentive", format_number(self.incentive_top_decile_ratio, 2)),
            ("incentives.table.sellers_at_quota", format_percent(self.share_sellers_at_quota, 0)),
            ("incentives.table.periods_at_quota", format_percent(self.share_periods_at_quota, 0)),
        ]
        return pd.DataFrame({t("incentives.table.value"): [v for _, v in rows]},
                            index=pd.Index([t(k) for k, _ in rows], name=t("incentives.table.figure")))

    def summary(self) -> dict[str, float]:
        """The key figures as a plain dict."""
        return {
            "revenue": self.revenue, "total_pay": self.total_pay, "total_incentive": self.total_incentive,
            "cost_of_sales": self.cost_of_sales, "median_pay": self.median_pay,
            "top_decile_ratio": self.top_decile_ratio, "median_incentive": self.median_incentive,
            "incentive_top_decile_ratio": self.incentive_top_decile_ratio,
            "share_sellers_at_quota": self.share_sellers_at_quota,
            "share_periods_at_quota": self.share_periods_at_quota,
        }


NUMERIC_COLUMNS = {"quota": (0.0, MAX_AMOUNT), "new_sales": (-MAX_AMOUNT, MAX_AMOUNT),
                   "renewals": (-MAX_AMOUNT, MAX_AMOUNT), "customer_satisfaction": (1.0, 10.0)}


def _check_team(team: Any) -> pd.DataFrame:
    if not isinstance(team, pd.DataFrame):
        raise invalid("incentives.team.not_frame", value=type(team).__name__)
    missing = [c for c in REQUIRED_COLUMNS if c not in team.columns]
    if missing:
        raise invalid("incentives.team.missing_columns", columns=", ".join(missing),
                      required=", ".join(REQUIRED_COLUMNS))
    if team.empty:
        raise invalid("incentives.team.empty")
    if len(team) > MAX_TEAM_ROWS:
        raise invalid("incentives.input.size", field="team", value=len(team), limit=MAX_TEAM_ROWS)
    team = team.copy()
    for column, (low, high) in NUMERIC_COLUMNS.items():
        try:
            values = pd.to_numeric(team[column], errors="raise")
        except (TypeError, ValueError):
            raise invalid("incentives.input.array", field=column, value=str(team[column].iloc[0])[:60]) from None
        team[column] = number_array(column, values.to_numpy(dtype=float, na_value=np.nan), low, high,
                                    positive=(column == "quota"))
    months = team["month"].map(str)
    bad = ~months.str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])").fillna(False).astype(bool)
    if bad.any():
        raise invalid("incentives.team.month", value=str(months[bad].iloc[0])[:20])
    return team


def _quarter(month: pd.Series) -> pd.Series:
    text = month.astype(str)
    q = (text.str.slice(5, 7).astype(int) - 1) // 3 + 1
    return text.str.slice(0, 4) + "-Q" + q.astype(str)


def settle(team: pd.DataFrame, period: str = "month", quotas: str = "plan", plan: Plan | None = None) -> pd.DataFrame:
    """Rows per seller and settlement period with summed sales and quota and mean satisfaction.

    ``quotas="plan"`` gives every seller the plan's quota; ``quotas="data"`` keeps each seller's own
    quota from the data (their monthly budget, ramped for newcomers).
    """
    team = _check_team(team)
    if not isinstance(period, str) or period not in PERIODS:
        raise invalid("incentives.team.period", value=period, allowed=", ".join(PERIODS))
    if not isinstance(quotas, str) or quotas not in ("plan", "data"):
        raise invalid("incentives.team.quotas", value=quotas)
    frame = team.loc[:, list(REQUIRED_COLUMNS)].copy()
    frame["months"] = 1
    if quotas == "plan":
        if plan is None:
            raise invalid("incentives.team.quotas", value=quotas)
        frame["quota"] = float(plan.quota)
    frame["renewal_quota"] = float(plan.renewal_quota) if plan is not None and plan.renewal_quota else np.nan
    frame["period"] = frame["month"].astype(str) if period == "month" else _quarter(frame["month"])
    grouped = frame.groupby(["period", "seller_id"], sort=True, as_index=False).agg(
        seller_name=("seller_name", "first"), region=("region", "first"), months=("months", "sum"),
        quota=("quota", "sum"), new_sales=("new_sales", "sum"), renewals=("renewals", "sum"),
        renewal_quota=("renewal_quota", "sum"),
        customer_satisfaction=("customer_satisfaction", "mean"),
    )
    return grouped


def apply_plan(plan: Plan, team: pd.DataFrame, period: str = "month", quotas: str = "plan") -> TeamResult:  # noqa: C901
    """Pay every seller under ``plan`` and compute the director's figures.

    Args:
        plan: the bonus plan (amounts per month).
        team: the case schema, one row per seller and month.
        period: ``"month"`` or ``"quarter"`` settlement.
        quotas: ``"plan"`` (everyone on the plan's quota) or ``"data"`` (each seller's own quota).

    Returns:
        A :class:`TeamResult`.
    """
    if not isinstance(plan, Plan):
        raise invalid("agency.not_a_plan", value=type(plan).__name__)
    rows = settle(team, period, quotas, plan)
    months = rows["months"].to_numpy(float)
    quota = rows["quota"].to_numpy(float)
    sales = rows["new_sales"].to_numpy(float)
    team_totals = rows.groupby("period")[["new_sales", "quota"]].transform("sum")
    team_att = (team_totals["new_sales"] / team_totals["quota"]).to_numpy(float)
    renewal_quota = rows["renewal_quota"].to_numpy(float) if plan.renewal_quota else None
    per_month = payout(
        plan, sales, quota=quota, renewals=rows["renewals"].to_numpy(float),
        renewal_quota=renewal_quota,
        satisfaction=rows["customer_satisfaction"].to_numpy(float), team_attainment=team_att,
    )
    rows["attainment"] = sales / quota
    rows["team_attainment"] = team_att
    # payout scales the period's target incentive: months in the period x monthly target
    rows["incentive"] = per_month * months
    rows["base"] = plan.base_salary * months
    rows["total_cash"] = rows["base"] + rows["incentive"]
    rows["revenue"] = rows["new_sales"] + rows["renewals"]
    sellers = rows.groupby("seller_id", as_index=False, sort=True).agg(
        seller_name=("seller_name", "first"), region=("region", "first"), quota=("quota", "sum"),
        new_sales=("new_sales", "sum"), renewals=("renewals", "sum"), base=("base", "sum"),
        incentive=("incentive", "sum"), total_cash=("total_cash", "sum"), revenue=("revenue", "sum"),
        customer_satisfaction=("customer_satisfaction", "mean"),
    )
    sellers["attainment"] = sellers["new_sales"] / sellers["quota"]
    sellers["cost_of_sales"] = sellers["total_cash"] / sellers["revenue"]
    revenue = float(rows["revenue"].sum())
    pay = sellers["total_cash"].to_numpy(float)
    inc = sellers["incentive"].to_numpy(float)
    below = float((rows["attainment"] < plan.threshold).mean()) if plan.threshold > 0 else 0.0
    median_pay = float(np.median(pay))
    median_inc = float(np.median(inc))
    return TeamResult(
        plan=plan, period=period, rows=rows, sellers=sellers, revenue=revenue,
        total_base=float(rows["base"].sum()), total_incentive=float(rows["incentive"].sum()),
        cost_of_sales=float(rows["total_cash"].sum()) / revenue if revenue else float("inf"),
        median_pay=median_pay,
        top_decile_ratio=float(np.quantile(pay, 0.9)) / median_pay if median_pay else float("inf"),
        median_incentive=median_inc,
        incentive_top_decile_ratio=float(np.quantile(inc, 0.9)) / median_inc if median_inc else float("inf"),
        share_sellers_at_quota=float((sellers["attainment"] >= 1).mean()),
        share_periods_at_quota=float((rows["attainment"] >= 1).mean()),
        share_periods_below_threshold=below,
        band=cost_band(plan),
        risks=gaming_risks(plan, period, below if plan.threshold > 0 else None),
    )


def manager_bonus(plan: Plan, team: pd.DataFrame, period: str = "quarter", region: str | None = None) -> pd.DataFrame:
    """The sales manager's own incentive: her plan applied to her team's attainment.

    Her attainment is the team's new sales over the sum of the sellers' own quotas (the budget she
    was given). ``plan`` is her plan, with amounts per month; its quota is not used.

    Example:
        >>> from course_lib.cases import generate_team
        >>> df = manager_bonus(Plan.from_ote(90_000, 0.6, 1.0), generate_team(), "quarter")
        >>> list(df.columns)
        ['period', 'quota', 'new_sales', 'attainment', 'incentive', 'total_cash']
    """
    if not isinstance(plan, Plan):
        raise invalid("agency.not_a_plan", value=type(plan).__name__)
    if period not in PERIODS:
        raise invalid("incentives.team.period", value=period, allowed=", ".join(PERIODS))
    team = _check_team(team)
    if region is not None:
        team = team[team["region"] == region]
        if team.empty:
            raise invalid("incentives.team.region", value=region)
    rows = settle(team, period, "data")
    months = rows.groupby("period")["months"].max().to_numpy(float)
    totals = rows.groupby("period", as_index=False)[["quota", "new_sales"]].sum()
    totals["attainment"] = totals["new_sales"] / totals["quota"]
    units = payout(plan.replace(weights=(("new_sales", 1.0),), team_share=0.0), totals["attainment"].to_numpy(float),
                   quota=1.0)
    totals["incentive"] = units * months
    totals["total_cash"] = totals["incentive"] + plan.base_salary * months
    return totals


__all__ = ["PERIODS", "REQUIRED_COLUMNS", "TeamResult", "apply_plan", "manager_bonus", "settle"]
