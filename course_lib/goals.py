"""Module 02, plan, execute, control: can the sales manager reach the budget, and how would she know?

The source text (Kunøe & Berntsen) names three conditions top management must secure: she must be
able to **plan** how to reach her goals, **carry out** the plan, and **control** it; its inner
question *målstyring* asks whether the goals can be reached at all. This module puts numbers on it.

* :func:`forecast` - a Monte Carlo forecast of what the open pipeline brings in over a horizon.
  Deal *i* (amount ``a_i``, win probability ``p_i``, expected close month ``m_i``) counts when it
  is won and does not slip past the horizon ``H``::

      X = sum_i a_i * B_i + r * H,   B_i ~ Bernoulli(p_i * (1 - slip) * [m_i <= H])

  with ``r`` a run-rate (NOK per month) of business not yet in the pipeline. Its mean is the
  weighted pipeline ``sum_i a_i p_i (1 - slip) [m_i <= H] + r H`` (:func:`weighted_pipeline`); the
  simulation adds what the weighted sum hides: the spread, P10/P50/P90 and P(reach a target).
* :func:`atkinson_tendency` - Atkinson's (1957) tendency to strive for success
  ``T = M * P * (1 - P)``, largest at ``P = 0.5`` (a teaching model).
* :func:`locke_latham` - goal-setting (Locke & Latham 1990, 2002): performance rises with goal
  difficulty until the limit of ability; commitment falls when the goal looks impossible
  (a teaching model of the shape, not a fitted curve).
* :func:`budget_zone` - the budgets that stretch without being out of reach, read off the forecast.
* :func:`control_table` - plan against actual month by month, two year-end forecasts with their
  spread, and a Shewhart control band (mean +- 2 sigma of the monthly variance) that separates a
  signal from noise; :func:`reading` turns it into "act / watch / leave alone".
* :func:`three_conditions` - a short self-check of plan / execute / control that points each weak
  condition to the module that treats it.

Example:
    >>> import pandas as pd
    >>> deals = pd.DataFrame({"amount": [100_000, 200_000, 300_000], "probability": [0.5, 0.8, 0.9],
    ...                       "close_month": [1, 2, 3]})
    >>> weighted_pipeline(deals, horizon=3)
    480000.0
    >>> f = forecast(deals, horizon=3, n=20_000, seed=1)
    >>> abs(f.mean - 480_000) < 4 * f.mc_error
    True
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .i18n import format_number, invalid, pick, t
from .pipeline_data import DEFAULT_PROBABILITY, STAGE_ORDER
from .periods import month_label

MAX_DEALS = 20_000
MAX_SIMULATIONS = 1_000_000
MAX_CELLS = 60_000_000   # simulations x deals held in memory at once


def _show(value: Any) -> Any:
    """A number as the learner reads it in the current language (``1,5`` / ``1.5``; no float noise)."""
    if isinstance(value, bool) or not isinstance(value, (Real, np.integer, np.floating)):
        return value
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    if value == round(value) and abs(value) < 1e15:
        return format_number(value, 0)
    text = format_number(value, 4)
    return text.rstrip("0").rstrip(",.")


def _invalid(key: str, **values: Any) -> ValueError:
    """:func:`course_lib.i18n.invalid` with every number shown in the language's format."""
    return invalid(key, **{k: _show(v) for k, v in values.items()})


# --------------------------------------------------------------------------- validation helpers


def _number(name: str, value: Any, low: float | None = None, high: float | None = None, key: str = "goals.arg.range"):
    if isinstance(value, bool) or not isinstance(value, (Real, np.integer, np.floating)):
        raise _invalid("goals.arg.not_number", name=name, value=repr(value)[:60])
    value = float(value)
    if not math.isfinite(value):
        raise _invalid("goals.arg.not_finite", name=name, value=str(value))
    if (low is not None and value < low) or (high is not None and value > high):
        raise _invalid(key, name=name, value=value, low="-" if low is None else low, high="-" if high is None else high)
    return value


def _integer(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        if isinstance(value, (float, np.floating)) and math.isfinite(value) and value == int(value):
            value = int(value)
        else:
            raise _invalid("goals.arg.not_integer", name=name, value=repr(value)[:60], low=low, high=high)
    if not low <= value <= high:
        raise _invalid("goals.arg.not_integer", name=name, value=repr(value)[:60], low=low, high=high)
    return int(value)


def _deals(pipeline: Any) -> pd.DataFrame:
    if isinstance(pipeline, Mapping):
        try:
            pipeline = pd.DataFrame(pipeline)
        except (ValueError, TypeError):
            raise _invalid("goals.forecast.not_frame", kind=type(pipeline).__name__) from None
    if not isinstance(pipeline, pd.DataFrame):
        raise _invalid("goals.forecast.not_frame", kind=type(pipeline).__name__)
    missing = [c for c in ("amount", "probability", "close_month") if c not in pipeline.columns]
    if missing:
        raise _invalid("goals.forecast.missing_columns", missing=", ".join(missing),
                      found=", ".join(map(str, pipeline.columns)) or "-")
    if len(pipeline) == 0:
        raise _invalid("goals.forecast.no_deals")
    if len(pipeline) > MAX_DEALS:
        raise _invalid("goals.forecast.too_many_deals", value=len(pipeline), max=MAX_DEALS)
    columns = {}
    for name in ("amount", "probability", "close_month"):
        column = pipeline[name]
        try:
            if column.dtype == object or pd.api.types.is_string_dtype(column.dtype) or column.dtype == bool:
                raise TypeError
            values = column.to_numpy(dtype=float)
        except (ValueError, TypeError):
            bad = next((v for v in column if isinstance(v, bool) or not _is_number(v)), None)
            if bad is not None:
                raise _invalid("goals.forecast.column_number", column=name, value=repr(bad)[:40]) from None
            values = np.asarray([float(v) for v in column], dtype=float)
        if not np.all(np.isfinite(values)):
            raise _invalid("goals.forecast.column_finite", column=name)
        columns[name] = values
    amount, p, months = columns["amount"], columns["probability"], columns["close_month"]
    if np.any(amount < 0):
        raise _invalid("goals.forecast.amount_negative", value=float(amount[amount < 0][0]))
    if np.any((p < 0) | (p > 1)):
        raise _invalid("goals.forecast.probability_range", value=float(p[(p < 0) | (p > 1)][0]))
    if np.any((months < 1) | (months != np.round(months))):
        raise _invalid("goals.forecast.close_month", value=float(months[(months < 1) | (months != np.round(months))][0]))
    return _Deals(pipeline, amount, p, months)


@dataclass(frozen=True)
class _Deals:
    frame: pd.DataFrame
    amount: np.ndarray
    probability: np.ndarray
    close_month: np.ndarray


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _win_probabilities(deals: "_Deals", win_rates: Mapping[str, float] | None) -> np.ndarray:
    p = deals.probability.copy()
    if win_rates is None:
        return p
    if not isinstance(win_rates, Mapping):
        raise _invalid("goals.forecast.win_rates_type", kind=type(win_rates).__name__)
    if "stage" not in deals.frame.columns:
        raise _invalid("goals.forecast.win_rates_need_stage")
    stages = deals.frame["stage"].astype(str).to_numpy()
    known = list(dict.fromkeys(list(STAGE_ORDER) + list(stages)))
    for stage, rate in win_rates.items():
        if stage not in known:
            raise _invalid("goals.forecast.unknown_stage", value=str(stage), valid=", ".join(known))
        rate = _number(t("goals.arg.win_rate_name", stage=stage), rate, 0.0, 1.0)
        p[stages == stage] = rate
    return p


def _effective(deals: "_Deals", horizon: Any, win_rates, slip: Any) -> tuple[int, np.ndarray]:
    horizon = _integer("horizon", horizon, 1, 60)
    slip = _number("slip", slip, 0.0, 1.0)
    p = _win_probabilities(deals, win_rates)
    return horizon, p * (1.0 - slip) * (deals.close_month <= horizon)


# --------------------------------------------------------------------------- forecast


def effective_probabilities(pipeline: Any, horizon: int, win_rates: Mapping[str, float] | None = None,
                            slip: float = 0.0) -> np.ndarray:
    """Each deal's chance to count within ``horizon``: ``p * (1 - slip)`` if it closes by then, else 0.

    Example:
        >>> import pandas as pd
        >>> d = pd.DataFrame({"amount": [1, 1], "probability": [0.5, 0.5], "close_month": [1, 4]})
        >>> effective_probabilities(d, horizon=3, slip=0.2).tolist()
        [0.4, 0.0]
    """
    return _effective(_deals(pipeline), horizon, win_rates, slip)[1]


def weighted_pipeline(pipeline: Any, horizon: int | None = None, win_rates: Mapping[str, float] | None = None,
                      slip: float = 0.0, run_rate: float | None = None) -> float:
    """The weighted pipeline: ``sum(amount x probability)`` of the deals that close within ``horizon``
    (all deals when ``horizon`` is ``None``), after slip, plus ``run_rate x horizon``. One number,
    the forecast's expected value, with no spread.

    Example:
        >>> import pandas as pd
        >>> d = pd.DataFrame({"amount": [100_000, 300_000], "probability": [0.5, 0.2], "close_month": [1, 2]})
        >>> weighted_pipeline(d)
        110000.0
    """
    deals = _deals(pipeline)
    if horizon is None:
        horizon = int(deals.close_month.max())
    horizon, p = _effective(deals, horizon, win_rates, slip)
    extra = 0.0 if run_rate is None else _number("run_rate", run_rate, 0.0, 1e10) * horizon
    return float(np.dot(deals.amount, p) + extra)


@dataclass(frozen=True)
class Forecast:
    """What a Monte Carlo forecast returns: one simulated total per run and what follows from them.

    ``totals`` (NOK, one per simulation), ``expected`` (the exact mean = the weighted pipeline),
    ``run_rate_total`` (NOK added to every run), ``p_all`` (the chance that every counting deal is
    won, the product of the probabilities), ``horizon`` and ``n``.
    """

    totals: np.ndarray = field(repr=False)
    expected: float
    run_rate_total: float
    p_all: float
    max_total: float
    horizon: int
    n: int

    @property
    def mean(self) -> float:
        """Mean of the simulated totals (close to :attr:`expected`)."""
        return float(self.totals.mean())

    @property
    def std(self) -> float:
        return float(self.totals.std(ddof=1)) if self.n > 1 else 0.0

    @property
    def mc_error(self) -> float:
        """Standard error of the simulated mean: ``std / sqrt(n)``."""
        return self.std / math.sqrt(self.n)

    def quantile(self, q: float) -> float:
        """The total that a share ``q`` of the simulations stay below (``q=0.1`` is P10).

        Example:
            >>> f = Forecast(np.array([1.0, 2.0, 3.0]), 2.0, 0.0, 0.0, 3.0, 1, 3)
            >>> f.quantile(0.5)
            2.0
        """
        q = _number("q", q, 0.0, 1.0)
        return float(np.quantile(self.totals, q))

    @property
    def p10(self) -> float:
        return self.quantile(0.10)

    @property
    def p50(self) -> float:
        return self.quantile(0.50)

    @property
    def p90(self) -> float:
        return self.quantile(0.90)

    def p_reach(self, target: Any) -> Any:
        """Share of simulations whose total reaches ``target`` (``>=``); an array of targets gives an array.

        Example:
            >>> f = Forecast(np.array([1.0, 2.0, 3.0, 4.0]), 2.5, 0.0, 0.0, 4.0, 1, 4)
            >>> f.p_reach(3.0)
            0.5
        """
        arr = np.asarray(target, dtype=float) if not isinstance(target, (str, bytes)) else None
        if arr is None or not np.all(np.isfinite(arr)):
            raise _invalid("goals.arg.not_finite", name="target", value=str(target))
        ordered = self._sorted
        below = np.searchsorted(ordered, arr - 1e-6 * np.maximum(1.0, np.abs(arr)), side="left")
        share = 1.0 - below / self.n
        return float(share) if share.ndim == 0 else share

    @property
    def _sorted(self) -> np.ndarray:
        cached = self.__dict__.get("_sorted_cache")
        if cached is None:
            cached = np.sort(self.totals)
            object.__setattr__(self, "_sorted_cache", cached)
        return cached

    def summary(self) -> dict[str, float]:
        """Expected value, P10, P50, P90 and the simulation's standard deviation (NOK)."""
        q = np.quantile(self.totals, [0.1, 0.5, 0.9])
        return {"expected": self.expected, "mean": self.mean, "p10": float(q[0]), "p50": float(q[1]),
                "p90": float(q[2]), "std": self.std}


def forecast(pipeline: Any, horizon: int, n: int = 10_000, seed: int | None = 2026,
             win_rates: Mapping[str, float] | None = None, slip: float = 0.0,
             run_rate: float | None = None) -> Forecast:
    """Monte Carlo forecast of the business the pipeline brings in within ``horizon`` months.

    Args:
        pipeline: a DataFrame (or dict of columns) with at least ``amount`` (NOK), ``probability``
            (0-1) and ``close_month`` (months from now, 1 = next month); ``stage`` is needed for
            ``win_rates``.
        horizon: months ahead (1-60). Deals expected to close later do not count.
        n: number of simulations (100 to 1 000 000).
        seed: for the random generator (the same seed gives the same totals); ``None`` for fresh draws.
        win_rates: your own win rate per stage, e.g. ``{"proposal": 0.4}``; replaces the deals'
            probability in those stages.
        slip: probability (0-1) that a won deal slips past the horizon.
        run_rate: NOK per month of business that is not in the pipeline yet but will be won within
            the horizon (added to every simulation: it moves the distribution, not its spread).

    Each deal is won independently. The same ``seed`` uses the same random numbers whatever the
    probabilities, so raising a win rate can only add wins (common random numbers).

    Example:
        >>> import pandas as pd
        >>> d = pd.DataFrame({"amount": [500_000], "probability": [0.3], "close_month": [2]})
        >>> f = forecast(d, horizon=3, n=10_000, seed=5)
        >>> round(f.p_reach(500_000), 1)
        0.3
    """
    deals = _deals(pipeline)
    n = _integer("n", n, 100, MAX_SIMULATIONS)
    if seed is not None:
        seed = _integer("seed", seed, 0, 2**63 - 1)
    horizon, p = _effective(deals, horizon, win_rates, slip)
    extra = 0.0 if run_rate is None else _number("run_rate", run_rate, 0.0, 1e10) * horizon
    amount = deals.amount
    k = len(amount)
    if n * k > MAX_CELLS:
        raise _invalid("goals.forecast.too_large", n=n, deals=k, max=MAX_CELLS)
    totals = _simulate(amount, p, n, seed)
    totals += extra
    counting = p > 0
    p_all = float(np.prod(p[counting])) if counting.any() else 1.0
    return Forecast(totals=totals, expected=float(amount @ p + extra), run_rate_total=float(extra), p_all=p_all,
                    max_total=float(amount[counting].sum() + extra), horizon=horizon, n=n)


def _simulate(amount: np.ndarray, p: np.ndarray, n: int, seed: int | None) -> np.ndarray:
    """``n`` simulated totals: deal ``j`` is won when a uniform 16-bit draw falls below ``p_j``.

    Raw 64-bit words from PCG64 are split into four 16-bit uniforms (the fastest way numpy offers
    to draw this many), so each probability is used to 1/65 536; the draws do not depend on ``p``,
    which makes totals for the same seed rise monotonically with any win rate.
    """
    k = len(amount)
    threshold = np.round(p * 65536.0).astype(np.uint32)
    bits = np.random.PCG64(seed)
    totals = np.empty(n)
    chunk = max(1, min(n, 2_000_000 // max(k, 1)))
    for start in range(0, n, chunk):
        rows = min(n, start + chunk) - start
        words = bits.random_raw((rows * k + 3) // 4)
        draws = words.view(np.uint16)[: rows * k].reshape(k, rows)
        won = draws < threshold[:, None]
        # einsum rather than BLAS: no thread pool to wait for on a busy shared machine
        totals[start:start + rows] = np.einsum("j,ji->i", amount, won.astype(np.float64))
    return totals


def pipeline_by_stage(pipeline: Any) -> pd.DataFrame:
    """Deals, amount, mean probability and weighted amount per stage (in stage order), with a total row.

    Example:
        >>> import pandas as pd
        >>> d = pd.DataFrame({"stage": ["proposal", "verbal"], "amount": [100, 200], "probability": [0.5, 0.9],
        ...                   "close_month": [1, 1]})
        >>> pipeline_by_stage(d)["weighted"].tolist()
        [50.0, 180.0, 230.0]
    """
    deals = _deals(pipeline)
    if "stage" not in deals.frame.columns:
        raise _invalid("goals.forecast.win_rates_need_stage")
    frame = deals.frame.assign(amount=deals.amount, probability=deals.probability,
                               weighted=deals.amount * deals.probability)
    g = frame.groupby("stage", sort=False)
    out = pd.DataFrame({"deals": g.size(), "amount": g["amount"].sum(), "weighted": g["weighted"].sum()})
    out["probability"] = out["weighted"] / out["amount"].where(out["amount"] > 0)
    order = [s for s in STAGE_ORDER if s in out.index] + [s for s in out.index if s not in STAGE_ORDER]
    out = out.loc[order].reset_index(names="stage")
    total = {"stage": "total", "deals": int(out["deals"].sum()), "amount": float(out["amount"].sum()),
             "weighted": float(out["weighted"].sum())}
    total["probability"] = total["weighted"] / total["amount"] if total["amount"] > 0 else float("nan")
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    return out[["stage", "deals", "amount", "probability", "weighted"]]


# --------------------------------------------------------------------------- goal difficulty


def atkinson_tendency(p: Any, motive: float = 1.0) -> Any:
    """Atkinson's (1957) tendency to strive for success, ``T = M x P x (1 - P)``.

    ``P`` is the subjective probability of success and ``1 - P`` the incentive value of success
    (a hard win feels better); the product is largest at ``P = 0.5``, where it is ``M / 4``.
    A teaching model: Atkinson's theory also has a fear-of-failure side that is left out here.

    Example:
        >>> atkinson_tendency([0.1, 0.5, 0.9]).round(2).tolist()
        [0.09, 0.25, 0.09]
    """
    motive = _number("motive", motive, 0.0, 1e6)
    arr = _probabilities("p", p)
    out = motive * arr * (1.0 - arr)
    return float(out) if out.ndim == 0 else out


def _probabilities(name: str, p: Any) -> np.ndarray:
    if isinstance(p, bool) or isinstance(p, (str, bytes)) or p is None:
        raise _invalid("goals.arg.not_number", name=name, value=repr(p)[:60])
    try:
        arr = np.asarray(p, dtype=float)
    except (TypeError, ValueError):
        raise _invalid("goals.arg.not_number", name=name, value=repr(p)[:60]) from None
    if not np.all(np.isfinite(arr)):
        raise _invalid("goals.arg.not_finite", name=name, value=str(p)[:60])
    if np.any((arr < 0) | (arr > 1)):
        raise _invalid("goals.arg.range", name=name, value=float(arr[(arr < 0) | (arr > 1)].flat[0]), low=0, high=1)
    return arr


def locke_latham(goal: Any, ability: float, width: float = 0.25, fallback: float = 0.5) -> Any:
    """Goal-setting as a teaching model: predicted performance (share of ability, 0-1) for a goal.

    Locke & Latham (1990, 2002): while a person is committed and able, performance rises with goal
    difficulty (here linearly, ``goal / ability``) up to the limit of ability; a goal beyond it
    looks impossible and commitment falls (here linearly to zero over ``width x ability`` above
    the limit). Without commitment she works at a ``fallback`` level ("do your best")::

        commitment = clip(1 - (goal - ability) / (width * ability), 0, 1)
        performance = commitment * min(goal, ability) / ability + (1 - commitment) * fallback

    The shape, not the numbers, is the theory: the slope, width and fallback are assumptions.

    Example:
        >>> locke_latham([0.5, 1.0, 2.0], ability=1.0).round(2).tolist()
        [0.5, 1.0, 0.5]
    """
    ability = _number("ability", ability, 0.0, None)
    if ability <= 0:
        raise _invalid("goals.arg.positive", name="ability", value=ability)
    width = _number("width", width, 0.01, 10.0)
    fallback = _number("fallback", fallback, 0.0, 1.0)
    try:
        g = np.asarray(goal, dtype=float)
    except (TypeError, ValueError):
        raise _invalid("goals.arg.not_number", name="goal", value=repr(goal)[:60]) from None
    if not np.all(np.isfinite(g)) or np.any(g < 0):
        raise _invalid("goals.arg.range", name="goal", value=str(goal)[:40], low=0, high="-")
    commitment = np.clip(1.0 - (g - ability) / (width * ability), 0.0, 1.0)
    out = commitment * np.minimum(g, ability) / ability + (1.0 - commitment) * fallback
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class BudgetZone:
    """The range of budgets that stretch without being out of reach.

    ``low`` is the budget reached with probability ``p_high`` (easier end), ``high`` the budget
    reached with probability ``p_low`` (harder end); ``centre`` is the median (P(reach) = 0.5,
    where Atkinson's tendency peaks); ``expected`` the forecast's mean.
    """

    low: float
    high: float
    centre: float
    expected: float
    p_low: float
    p_high: float

    @property
    def assumptions(self) -> list[str]:
        """The assumptions behind the zone, in the current language."""
        from .i18n import format_percent

        return [t("goals.zone.assume_forecast"),
                t("goals.zone.assume_band", low=format_percent(self.p_low, 0), high=format_percent(self.p_high, 0)),
                t("goals.zone.assume_models")]

    def contains(self, budget: float) -> bool:
        return self.low <= float(budget) <= self.high


def budget_zone(pipeline: Any, p_low: float = 0.3, p_high: float = 0.7, **forecast_args: Any) -> BudgetZone:
    """Budgets with a chance of being reached between ``p_low`` and ``p_high`` (default 30-70 %).

    ``pipeline`` is a :class:`Forecast` or a pipeline frame (then ``forecast_args`` such as
    ``horizon`` and ``run_rate`` go to :func:`forecast`). Below the zone the budget is so safe that
    it hardly stretches (Locke & Latham: easy goals, lower performance); above it the budget is
    reached less than ``p_low`` of the time and commitment is at risk (Atkinson: tendency falls
    towards zero as P falls). The 30-70 % band is a choice of this course, not a finding.

    Example:
        >>> import pandas as pd
        >>> d = pd.DataFrame({"amount": [100_000] * 20, "probability": [0.5] * 20, "close_month": [1] * 20})
        >>> z = budget_zone(d, horizon=1, n=20_000)
        >>> z.low < z.centre < z.high
        True
    """
    p_low = _number("p_low", p_low, 0.0, 1.0)
    p_high = _number("p_high", p_high, 0.0, 1.0)
    if not p_low < p_high:
        raise _invalid("goals.zone.order", p_low=p_low, p_high=p_high)
    if isinstance(pipeline, Forecast):
        if forecast_args:
            raise _invalid("goals.zone.extra_args", names=", ".join(forecast_args))
        result = pipeline
    else:
        if "horizon" not in forecast_args:
            raise _invalid("goals.zone.need_horizon")
        result = forecast(pipeline, **forecast_args)
    q = np.quantile(result.totals, [1.0 - p_high, 0.5, 1.0 - p_low])
    return BudgetZone(low=float(q[0]), high=float(q[2]), centre=float(q[1]), expected=result.expected,
                      p_low=p_low, p_high=p_high)


# --------------------------------------------------------------------------- control


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

MONTH_NAMES = {
    "nb": ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def month_name(month: str, lang: str | None = None, year: bool = False) -> str:
    """``"2026-07"`` -> ``"jul"`` (nb) / ``"Jul"`` (en) for a crowded axis; with ``year`` the month as
    sentences and tables show it, the full name: ``"juli 2026"`` / ``"July 2026"``
    (:func:`course_lib.periods.month_label`).

    Example:
        >>> month_name("2026-07", "en", year=True), month_name("2026-07", "nb", year=True)
        ('July 2026', 'juli 2026')
    """
    if year:
        return month_label(month, lang)
    return pick(MONTH_NAMES, lang)[int(str(month)[5:7]) - 1]


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


# --------------------------------------------------------------------------- three conditions

#: The self-check: for each condition three statements (agree 1-5) and the module that treats it.
CONDITIONS: dict[str, dict[str, Any]] = {
    "plan": {
        "module": "02",
        "name": {"nb": "Planlegge", "en": "Plan"},
        "items": {
            "plan_pipeline": {"nb": "Hun har oversikt over pipelinen og vet hva den sannsynligvis gir.",
                              "en": "She can see the pipeline and knows what it is likely to bring in."},
            "plan_budget": {"nb": "Hun er med på å sette budsjettet, og det er realistisk.",
                            "en": "She takes part in setting the budget, and it is realistic."},
            "plan_activities": {"nb": "Hun kan bryte målet ned i aktiviteter per selger og måned.",
                                "en": "She can break the target down into activities per seller and month."},
        },
    },
    "execute": {
        "module": "04",
        "name": {"nb": "Gjennomføre", "en": "Execute"},
        "items": {
            "execute_hire": {"nb": "Hun kan ansette og omstille selgerne hun har personalansvar for.",
                             "en": "She can hire and reassign the sellers she manages."},
            "execute_resources": {"nb": "Hun rår over tid og midler til det hun har planlagt.",
                                  "en": "She controls the time and money the plan needs."},
            "execute_others": {"nb": "Hun kan få gjennomført tiltak som berører andre avdelinger.",
                               "en": "She can get measures done that involve other departments."},
        },
    },
    "control": {
        "module": "05",
        "name": {"nb": "Kontrollere", "en": "Control"},
        "items": {
            "control_data": {"nb": "Hun får tall for salg og pipeline hver måned, i tide og til å stole på.",
                             "en": "She gets sales and pipeline figures every month, on time and reliable."},
            "control_signal": {"nb": "Hun kan skille et reelt avvik fra vanlig variasjon.",
                               "en": "She can tell a real deviation from ordinary variation."},
            "control_crm": {"nb": "CRM-systemet viser aktiviteter og salgsmuligheter per selger.",
                            "en": "The CRM shows activities and deals per seller."},
        },
    },
}
ITEMS: tuple[str, ...] = tuple(i for c in CONDITIONS.values() for i in c["items"])

#: The case company as the course reads it (1 = disagree fully, 5 = agree fully).
CASE_ANSWERS: dict[str, int] = {
    "plan_pipeline": 4, "plan_budget": 2, "plan_activities": 5,
    "execute_hire": 2, "execute_resources": 3, "execute_others": 2,
    "control_data": 3, "control_signal": 2, "control_crm": 3,
}


def three_conditions(answers: Mapping[str, Any], weak_below: float = 3.5) -> pd.DataFrame:
    """Score plan / execute / control from nine answers (1-5) and point weak conditions to a module.

    Returns one row per condition: ``condition, score`` (mean 1-5), ``weak`` (score below
    ``weak_below``), ``module`` (the module that treats it: plan 02, execute 04, control 05) and
    ``advice`` (a sentence in the current language).

    Example:
        >>> r = three_conditions(CASE_ANSWERS)
        >>> r.set_index("condition")["weak"].to_dict()
        {'plan': False, 'execute': True, 'control': True}
    """
    if not isinstance(answers, Mapping):
        raise _invalid("goals.conditions.type", kind=type(answers).__name__)
    unknown = [k for k in answers if k not in ITEMS]
    if unknown:
        raise _invalid("goals.conditions.unknown", value=", ".join(map(str, unknown)), valid=", ".join(ITEMS))
    missing = [k for k in ITEMS if k not in answers]
    if missing:
        raise _invalid("goals.conditions.missing", missing=", ".join(missing))
    weak_below = _number("weak_below", weak_below, 1.0, 5.0)
    rows = []
    for code, spec in CONDITIONS.items():
        scores = []
        for item in spec["items"]:
            value = answers[item]
            if isinstance(value, bool) or not isinstance(value, (Real, np.integer)) or not math.isfinite(float(value)) \
                    or not 1 <= float(value) <= 5:
                raise _invalid("goals.conditions.value", item=item, value=repr(value)[:40])
            scores.append(float(value))
        score = float(np.mean(scores))
        weak = score < weak_below
        rows.append({"condition": code, "score": score, "weak": weak, "module": spec["module"],
                     "advice": t(f"goals.conditions.advice_{code}" + ("_weak" if weak else "_ok"))})
    return pd.DataFrame(rows)


def condition_statements(lang: str | None = None) -> pd.DataFrame:
    """The nine statements of the self-check, with their condition, in one language.

    Example:
        >>> len(condition_statements("en"))
        9
    """
    rows = [{"item": item, "condition": pick(spec["name"], lang), "statement": pick(text, lang)}
            for spec in CONDITIONS.values() for item, text in spec["items"].items()]
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- case defaults


def case_pipeline() -> pd.DataFrame:
    """The shipped case pipeline (open deals at the end of December 2026)."""
    from .pipeline_data import load_pipeline

    return load_pipeline()


def case_budget(horizon: int = 3, team: pd.DataFrame | None = None) -> float:
    """The case's new-sales budget for the next ``horizon`` months: this year's last monthly team quota,
    raised 6 % for the new year (as the case generator does), times ``horizon``.

    Example:
        >>> case_budget(3) > 0
        True
    """
    from .cases import load_team

    horizon = _integer("horizon", horizon, 1, 60)
    team = load_team() if team is None else team
    last = sorted(set(team["month"]))[-1]
    quota = float(team.loc[team["month"] == last, "quota"].sum())
    return round(quota * 1.06 * horizon / 100_000) * 100_000


def case_run_rate(team: pd.DataFrame | None = None, share: float = 0.4) -> float:
    """A run-rate for the case: NOK per month of business that is not in the pipeline at the snapshot
    but is created and won within the horizon, taken as ``share`` (default 40 %) of the team's
    average monthly new sales last year, rounded to 50 000. An assumption for teaching, stated
    where it is used; a company measures its own (the share of a quarter's sales from deals created
    in that quarter).

    Example:
        >>> case_run_rate() > 0
        True
    """
    from .cases import load_team

    share = _number("share", share, 0.0, 1.0)
    team = load_team() if team is None else team
    last_year = sorted({m[:4] for m in team["month"]})[-1]
    sales = float(team.loc[team["month"].str[:4] == last_year, "new_sales"].sum()) / 12
    return round(share * sales / 50_000) * 50_000


__all__ = [
    "Forecast", "forecast", "weighted_pipeline", "pipeline_by_stage", "effective_probabilities", "atkinson_tendency", "locke_latham",
    "BudgetZone", "budget_zone", "ControlBand", "ControlResult", "control_table", "reading", "PHASINGS",
    "MONTH_NAMES", "month_name", "CONDITIONS", "ITEMS", "CASE_ANSWERS", "three_conditions", "condition_statements", "case_pipeline",
    "case_budget", "case_run_rate", "DEFAULT_PROBABILITY",
]
