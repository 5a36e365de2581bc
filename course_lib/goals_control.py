"""Module 02's control: plan against actual month by month, and when a variance is a signal.

:func:`control_table` sets the plan (the quotas, flat or phased by the company's seasons, or a
budget) against the actual new sales for the team, a region or a seller; it adds two year-end
forecasts with their spread (run-rate and pipeline) and a Shewhart control band (mean +- k sigma of
the monthly variance) that separates a signal from noise. :func:`reading` turns the latest month
into "act / watch / leave alone". All names are public in :mod:`course_lib.goals`.

Example:
    >>> b = ControlBand(centre=0.0, sigma=0.1, k=2.0, baseline=())
    >>> round(b.lower, 2), round(b.upper, 2)
    (-0.2, 0.2)
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from .goals_args import _invalid, _number
from .i18n import pick, t
from .periods import MONTHS_SHORT, month_label

@dataclass(frozen=True)
class ControlBand:
    """Shewhart's control band for the monthly variance (share of plan): ``centre +- k x sigma``,
    from the ``baseline`` months."""

    centre: float
    sigma: float
    k: float
    baseline: tuple[str, ...]

    @property
    def lower(self) -> float:
        return self.centre - self.k * self.sigma

    @property
    def upper(self) -> float:
        return self.centre + self.k * self.sigma


@dataclass(frozen=True)
class ControlResult:
    """Plan against actual for one year up to ``as_of``.

    ``table``: one row per month with ``month, plan, actual, variance, variance_pct, cum_plan,
    cum_actual, cum_variance, cum_variance_pct, pipeline`` (actual values are NaN after ``as_of``).
    ``band``: the :class:`ControlBand`; ``forecasts``: the two year-end forecasts with their spread
    (``method, forecast, low, high, vs_budget``); ``budget``: the year's plan in NOK;
    ``reading``: ``"act_low"``, ``"act_high"``, ``"watch"`` or ``"leave"`` for the month ``as_of``.
    """

    table: pd.DataFrame
    band: ControlBand
    forecasts: pd.DataFrame
    budget: float
    year: str
    as_of: str
    reading: str
    phasing: str

    def reading_text(self) -> str:
        """The reading in words, in the current language."""
        row = self.table.set_index("month").loc[self.as_of]
        from .i18n import format_percent

        return t(f"goals.control.reading_{self.reading}", month=month_name(self.as_of, year=True),
                 variance=format_percent(float(row["variance_pct"]), 1),
                 lower=format_percent(self.band.lower, 1), upper=format_percent(self.band.upper, 1))



PHASINGS = ("flat", "seasonal")

#: Short month names for a crowded axis: the course's one table, :data:`course_lib.periods.MONTHS_SHORT`.
MONTH_NAMES = MONTHS_SHORT


_MONTH_KEY = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def month_name(month: str, lang: str | None = None, year: bool = False) -> str:
    """``"2026-07"`` -> ``"jul"`` (nb) / ``"Jul"`` (en) for a crowded axis; with ``year`` the month as
    sentences and tables show it, the full name: ``"juli 2026"`` / ``"July 2026"``
    (:func:`course_lib.periods.month_label`).

    Example:
        >>> month_name("2026-07", "en", year=True), month_name("2026-07", "nb", year=True)
        ('July 2026', 'juli 2026')
    """
    if not isinstance(month, str) or not _MONTH_KEY.fullmatch(month):
        raise _invalid("goals.month_key", value=repr(month)[:40])
    if year:
        return month_label(month, lang)
    return pick(MONTH_NAMES, lang)[int(month[5:7]) - 1]


def _select(team: pd.DataFrame, region: str | None, seller: str | None) -> pd.DataFrame:
    if not isinstance(team, pd.DataFrame):
        raise _invalid("goals.control.not_frame", kind=type(team).__name__)
    need = ["month", "seller_id", "region", "quota", "new_sales", "pipeline"]
    missing = [c for c in need if c not in team.columns]
    if missing:
        raise _invalid("goals.control.missing_columns", missing=", ".join(missing))
    rows = team
    if region is not None:
        regions = sorted(set(team["region"]))
        if region not in regions:
            raise _invalid("goals.control.unknown_region", value=str(region), valid=", ".join(regions))
        rows = rows[rows["region"] == region]
    if seller is not None:
        sellers = sorted(set(rows["seller_id"]))
        if seller not in sellers:
            raise _invalid("goals.control.unknown_seller", value=str(seller), valid=", ".join(sellers))
        rows = rows[rows["seller_id"] == seller]
    return rows


def control_table(team: pd.DataFrame, plan: Sequence[float] | None = None, budget: float | None = None, *,
                  year: str | None = None, as_of: str | None = None, region: str | None = None,
                  seller: str | None = None, phasing: str = "flat", k: float = 2.0) -> ControlResult:
    """Plan against actual, month by month, for the team (or one region or one seller).

    Args:
        team: seller-month data as :func:`course_lib.cases.load_team` returns.
        plan: twelve monthly plan figures (NOK); default: the year's quotas, phased by ``phasing``.
        budget: the year's budget (NOK); the monthly plan is scaled so it adds up to it.
        year: ``"2026"`` (default: the last year in the data).
        as_of: the last month with actual figures, ``"YYYY-MM"`` (default: the year's last month).
        region, seller: restrict to one region code or one seller id.
        phasing: ``"flat"`` (the quotas as set: the same every month) or ``"seasonal"`` (the
            year's total spread over the months by the company's seasonal pattern: a weak July,
            strong quarter ends).
        k: width of the control band in standard deviations (Shewhart used 3; 2 reacts sooner).

    The control band is computed from the monthly variance (actual / plan - 1) of the previous
    year when the data have it (a baseline, as Shewhart did), else from this year's months up to
    ``as_of``. Year-end forecasts: **run-rate** = actual so far + average month so far x months
    left; **pipeline** = actual so far + (share of the open pipeline that has closed per month so
    far) x pipeline now x months left. Each with +- 2 standard deviations of its monthly noise
    times the square root of the months left.

    Example:
        >>> from course_lib.cases import load_team
        >>> r = control_table(load_team(), as_of="2026-06")
        >>> int(r.table["actual"].notna().sum())
        6
        >>> r.reading in ("act_low", "act_high", "watch", "leave")
        True
    """
    rows = _select(team, region, seller)
    years = sorted({m[:4] for m in rows["month"]})
    if year is None:
        year = years[-1]
    year = str(year)
    if year not in years:
        raise _invalid("goals.control.unknown_year", value=year, valid=", ".join(years))
    monthly = rows.groupby("month", sort=True)[["quota", "new_sales", "pipeline"]].sum()
    this = monthly[monthly.index.str[:4] == year]
    months = list(this.index)
    if as_of is None:
        as_of = months[-1]
    as_of = str(as_of)
    if as_of not in months:
        raise _invalid("goals.control.unknown_month", value=as_of, first=months[0], last=months[-1])
    if phasing not in PHASINGS:
        raise _invalid("goals.control.phasing", value=str(phasing), valid=", ".join(PHASINGS))
    k = _number("k", k, 0.5, 5.0)
    prev_year = str(int(year) - 1)
    prev = monthly[monthly.index.str[:4] == prev_year]

    if plan is not None:
        try:
            values = np.asarray(plan, dtype=float)
        except (TypeError, ValueError):
            raise _invalid("goals.control.plan_values", count=len(months)) from None
        if values.shape != (len(months),) or not np.all(np.isfinite(values)) or np.any(values < 0):
            raise _invalid("goals.control.plan_values", count=len(months))
        plan_values = values
    else:
        plan_values = this["quota"].to_numpy(dtype=float)
        if phasing == "seasonal":
            plan_values = plan_values.sum() * _seasonal_shares(months)
    if budget is not None:
        budget = _number("budget", budget, 0.0, 1e12)
        if budget <= 0:
            raise _invalid("goals.arg.positive", name="budget", value=budget)
        total = plan_values.sum()
        plan_values = plan_values * (budget / total) if total > 0 else np.full(len(months), budget / len(months))
    if np.any(plan_values <= 0):
        raise _invalid("goals.control.plan_values", count=len(months))

    upto = np.array([m <= as_of for m in months])
    actual = np.where(upto, this["new_sales"].to_numpy(dtype=float), np.nan)
    pipe = np.where(upto, this["pipeline"].to_numpy(dtype=float), np.nan)
    variance = actual - plan_values
    table = pd.DataFrame({
        "month": months, "plan": plan_values, "actual": actual, "variance": variance,
        "variance_pct": variance / plan_values,
        "cum_plan": np.cumsum(plan_values),
        "cum_actual": np.where(upto, np.nancumsum(np.nan_to_num(actual)), np.nan),
        "pipeline": pipe,
    })
    table["cum_variance"] = table["cum_actual"] - table["cum_plan"]
    table["cum_variance_pct"] = table["cum_variance"] / table["cum_plan"]

    # the band: last year's variance against last year's plan phased the same way, else this year's
    if len(prev) >= 6:
        prev_plan = prev["quota"].to_numpy(dtype=float)
        if phasing == "seasonal":
            prev_plan = prev_plan.sum() * _seasonal_shares(list(prev.index))
        base = prev["new_sales"].to_numpy(dtype=float) / prev_plan - 1.0
        baseline = tuple(prev.index)
    else:
        base = table["variance_pct"].to_numpy()[upto]
        baseline = tuple(np.asarray(months)[upto])
    sigma = float(np.std(base, ddof=1)) if len(base) > 1 else 0.0
    band = ControlBand(centre=float(np.mean(base)), sigma=sigma, k=k, baseline=baseline)

    budget_total = float(plan_values.sum())
    forecasts = _year_end(monthly, this, upto, budget_total)
    read = reading(table["variance_pct"].to_numpy()[upto], band)
    return ControlResult(table=table, band=band, forecasts=forecasts, budget=budget_total, year=year,
                         as_of=as_of, reading=read, phasing=phasing)


def _seasonal_shares(months: Sequence[str]) -> np.ndarray:
    """Share of the period's total per month from the case's seasonal pattern (:data:`cases.CLOSE_SEASON`:
    a weak July, strong quarter ends), the pattern the company has seen in earlier years."""
    from .cases import CLOSE_SEASON

    weights = np.array([CLOSE_SEASON[int(str(m)[5:7])] for m in months], dtype=float)
    return weights / weights.sum()


def _year_end(monthly: pd.DataFrame, this: pd.DataFrame, upto: np.ndarray, budget: float) -> pd.DataFrame:
    done = this["new_sales"].to_numpy(dtype=float)[upto]
    ytd = float(done.sum())
    left = int((~upto).sum())
    # run-rate
    mean_month = float(done.mean())
    sd_month = float(done.std(ddof=1)) if len(done) > 1 else 0.0
    rr = ytd + mean_month * left
    rr_sd = sd_month * math.sqrt(left)
    # pipeline: share of last month's open pipeline that closed each month, history up to as_of
    last_month = this.index[upto][-1]
    hist = monthly[monthly.index <= last_month]
    ratio = (hist["new_sales"].to_numpy(dtype=float)[1:] / np.maximum(hist["pipeline"].to_numpy(dtype=float)[:-1], 1.0))
    pipe_now = float(hist["pipeline"].iloc[-1])
    rate = float(ratio.mean()) if len(ratio) else 0.0
    rate_sd = float(ratio.std(ddof=1)) if len(ratio) > 1 else 0.0
    pf = ytd + rate * pipe_now * left
    pf_sd = rate_sd * pipe_now * math.sqrt(left)
    rows = [("run_rate", rr, rr - 2 * rr_sd, rr + 2 * rr_sd), ("pipeline", pf, pf - 2 * pf_sd, pf + 2 * pf_sd)]
    frame = pd.DataFrame(rows, columns=["method", "forecast", "low", "high"])
    frame["vs_budget"] = frame["forecast"] / budget - 1.0
    return frame


def reading(variances: Sequence[float], band: ControlBand) -> str:
    """Read the latest monthly variance against the band: ``"act_low"`` (below the lower limit: a
    signal, find the cause), ``"act_high"`` (above the upper limit: a signal on the good side, learn
    from it), ``"watch"`` (the last three months all below the centre line, or the latest more than
    one sigma below it) or ``"leave"`` (noise: no reaction).

    Example:
        >>> b = ControlBand(centre=0.0, sigma=0.1, k=2.0, baseline=())
        >>> reading([0.05, -0.25], b), reading([-0.02, -0.01, -0.03], b), reading([0.03], b)
        ('act_low', 'watch', 'leave')
    """
    v = np.asarray(variances, dtype=float)
    if v.size == 0 or not np.all(np.isfinite(v)):
        raise _invalid("goals.control.no_actuals")
    latest = v[-1]
    if latest < band.lower:
        return "act_low"
    if latest > band.upper:
        return "act_high"
    if (v.size >= 3 and np.all(v[-3:] < band.centre)) or latest < band.centre - band.sigma:
        return "watch"
    return "leave"



__all__ = ["ControlBand", "ControlResult", "MONTH_NAMES", "PHASINGS", "control_table", "month_name", "reading"]


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
