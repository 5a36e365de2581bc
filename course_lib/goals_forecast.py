"""Module 02's forecast: what the open pipeline brings in over a horizon, as a distribution.

Deal *i* (amount ``a_i``, win probability ``p_i``, expected close month ``m_i``) counts when it is
won and does not slip past the horizon ``H``::

    X = sum_i a_i * B_i + r * H,   B_i ~ Bernoulli(p_i * (1 - slip) * [m_i <= H])

with ``r`` a run-rate (NOK per month) of business not yet in the pipeline. Its mean is the weighted
pipeline ``sum_i a_i p_i (1 - slip) [m_i <= H] + r H`` (:func:`weighted_pipeline`); the Monte Carlo
:func:`forecast` adds what the weighted sum hides: the spread, P10/P50/P90 and P(reach a target).
:func:`pipeline_by_stage` sums the deals per stage. All names are public in :mod:`course_lib.goals`.

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
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .goals_args import _integer, _invalid, _is_number, _number
from .goals_content import catalogue
from .i18n import t

MAX_DEALS = 20_000
MAX_SIMULATIONS = 1_000_000
MAX_CELLS = 60_000_000   # simulations x deals held in memory at once


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



def _win_probabilities(deals: "_Deals", win_rates: Mapping[str, float] | None) -> np.ndarray:
    p = deals.probability.copy()
    if win_rates is None:
        return p
    if not isinstance(win_rates, Mapping):
        raise _invalid("goals.forecast.win_rates_type", kind=type(win_rates).__name__)
    if "stage" not in deals.frame.columns:
        raise _invalid("goals.forecast.win_rates_need_stage")
    stages = deals.frame["stage"].astype(str).to_numpy()
    known = list(dict.fromkeys(list(catalogue().stage_order) + list(stages)))
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
    stage_order = catalogue().stage_order
    order = [s for s in stage_order if s in out.index] + [s for s in out.index if s not in stage_order]
    out = out.loc[order].reset_index(names="stage")
    total = {"stage": "total", "deals": int(out["deals"].sum()), "amount": float(out["amount"].sum()),
             "weighted": float(out["weighted"].sum())}
    total["probability"] = total["weighted"] / total["amount"] if total["amount"] > 0 else float("nan")
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    return out[["stage", "deals", "amount", "probability", "weighted"]]



__all__ = ["Forecast", "effective_probabilities", "forecast", "pipeline_by_stage", "weighted_pipeline",
           "MAX_CELLS", "MAX_DEALS", "MAX_SIMULATIONS"]


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
