"""The capstone's budget part (module 02): the learner's chosen budget and the forecast figures it rests on.

Module 02's budget setter saves a *budget record* (:func:`budget_record`) in the progress store
section ``budgets``; the capstone reads it back (:func:`clean_record`), fills it from the case when
it is missing (:func:`case_record`), or re-forecasts it on a leader's own pipeline export
(:func:`reforecast`). The record is plain JSON: the budget, the horizon, P(reach), P10/P50/P90,
the expected value, the stretch zone and 101 quantiles of the simulated totals (0 %, 1 %, ...
100 %), so the capstone can compute the chance of any level (the bonus threshold) without the
simulation. No widgets, no plots.

Example:
    >>> rec = case_record()
    >>> rec["horizon"], rec["budget"] > 0
    (3, True)
    >>> 0 <= p_at_least(rec, rec["budget"]) <= 1
    True
"""
from __future__ import annotations

import math
from typing import Any, Mapping

import numpy as np

SECTION = "budgets"
KEY = "budget"
HORIZON = 3
N_SIMULATIONS = 10_000
SEED = 2026
#: The figures a record holds besides the quantiles (all numbers).
FIGURES = ("budget", "p_reach", "expected", "p10", "p50", "p90", "zone_low", "zone_high", "run_rate", "weighted")


def budget_record(forecast, budget: float, *, pipeline=None, run_rate: float | None = None,
                  plan_threshold: float | None = None, zone=None, source: str = "case") -> dict[str, Any]:
    """The budget and the forecast figures behind it, as a JSON-able record for the progress store.

    ``forecast`` is a :class:`course_lib.goals.Forecast`; ``pipeline`` the deals it was made from
    (for the count and the weighted pipeline); ``source`` says whose pipeline (``"case"`` or ``"own"``).

    Example:
        >>> from course_lib import goals
        >>> f = goals.forecast(goals.case_pipeline(), 3, n=2_000)
        >>> r = budget_record(f, 12_000_000)
        >>> len(r["quantiles"]), r["horizon"]
        (101, 3)
    """
    from . import goals

    budget = float(budget)
    if not math.isfinite(budget) or budget <= 0:
        from .i18n import invalid

        raise invalid("capstone.budget.bad_budget", value=budget)
    zone = zone if zone is not None else goals.budget_zone(forecast)
    q = np.quantile(np.asarray(forecast.totals, dtype=float), np.linspace(0.0, 1.0, 101))
    record: dict[str, Any] = {
        "budget": budget, "horizon": int(forecast.horizon), "p_reach": float(forecast.p_reach(budget)),
        "expected": float(forecast.expected), "p10": float(forecast.p10), "p50": float(forecast.p50),
        "p90": float(forecast.p90), "zone_low": float(zone.low), "zone_high": float(zone.high),
        "n": int(forecast.n), "source": source if source in ("case", "own") else "case",
        "quantiles": [round(float(v), 2) for v in q],
    }
    if run_rate is not None:
        record["run_rate"] = float(run_rate)
    if pipeline is not None:
        record["deals"] = int(len(pipeline))
        record["weighted"] = float((pipeline["amount"] * pipeline["probability"]).sum())
    if plan_threshold is not None:
        record["plan_threshold"] = float(plan_threshold)
        record["p_threshold"] = float(forecast.p_reach(float(plan_threshold) * budget))
    return record


def clean_record(value: Any) -> dict[str, Any] | None:
    """A saved record in the shape the capstone needs, or ``None`` when it is unusable (damaged, hostile)."""
    if not isinstance(value, Mapping):
        return None
    try:
        budget = float(value["budget"])
        horizon = int(value["horizon"])
        quantiles = [float(v) for v in value["quantiles"]]
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(budget) and budget > 0 and 1 <= horizon <= 60 and 2 <= len(quantiles) <= 1001
            and all(math.isfinite(v) for v in quantiles)):
        return None
    out: dict[str, Any] = {"budget": budget, "horizon": horizon, "quantiles": sorted(quantiles),
                           "source": "own" if value.get("source") == "own" else "case"}
    for name in FIGURES[1:] + ("plan_threshold", "p_threshold", "deals", "n"):
        v = value.get(name)
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(float(v)):
            out[name] = float(v) if name not in ("deals", "n") else int(v)
    if "p_reach" not in out:
        out["p_reach"] = p_at_least(out, budget)
    return out


def p_at_least(record: Mapping[str, Any], level: float) -> float:
    """P(the forecast's total for the horizon >= ``level``), read off the record's quantiles.

    Example:
        >>> p_at_least({"quantiles": [0.0, 100.0]}, 25.0)
        0.75
    """
    q = np.asarray(record["quantiles"], dtype=float)
    probs = np.linspace(0.0, 1.0, q.size)
    level = float(level)
    if level <= q[0]:
        return 1.0
    if level > q[-1]:
        return 0.0
    # the share of simulations below the level: the largest cumulative share whose quantile is below it
    below = float(np.interp(level, q, probs, left=0.0, right=1.0))
    if np.any(q == level):  # ties (a point mass at the level) count as reached
        below = float(probs[np.argmax(q == level)])
    return float(min(1.0, max(0.0, 1.0 - below)))


def forecast_for(pipeline, team=None, horizon: int = HORIZON, run_rate: float | None = None):
    """Module 02's forecast on ``pipeline`` (the budget setter's assumptions: CRM win rates, no slip,
    the case's run-rate share of the team's sales), and the run-rate used."""
    from . import goals
    from .cases import load_team

    team = load_team() if team is None else team
    rate = goals.case_run_rate(team) if run_rate is None else float(run_rate)
    return goals.forecast(pipeline, horizon, n=N_SIMULATIONS, seed=SEED, run_rate=rate), rate


def case_record(team=None, pipeline=None, horizon: int = HORIZON) -> dict[str, Any]:
    """The case's budget part: the budget top management sets for the next ``horizon`` months
    (``goals.case_budget``) and module 02's forecast on the case's pipeline, or on ``pipeline``.

    Example:
        >>> case_record()["source"]
        'case'
    """
    from . import goals

    deals = goals.case_pipeline() if pipeline is None else pipeline
    forecast, rate = forecast_for(deals, team, horizon)
    budget = goals.case_budget(horizon, team=team)
    return budget_record(forecast, budget, pipeline=deals, run_rate=rate,
                         source="case" if pipeline is None else "own")


def reforecast(record: Mapping[str, Any], pipeline, team=None) -> dict[str, Any]:
    """The same budget and horizon, its forecast figures made again from a leader's own ``pipeline``."""
    forecast, rate = forecast_for(pipeline, team, int(record["horizon"]), record.get("run_rate"))
    out = budget_record(forecast, float(record["budget"]), pipeline=pipeline, run_rate=rate,
                        plan_threshold=record.get("plan_threshold"), source="own")
    return out


def with_budget(record: Mapping[str, Any], budget: float) -> dict[str, Any]:
    """The record with another budget on the same forecast (P(reach) read off the quantiles).

    Example:
        >>> r = with_budget({"budget": 10.0, "horizon": 3, "quantiles": [0.0, 100.0]}, 40.0)
        >>> r["budget"], r["p_reach"]
        (40.0, 0.6)
    """
    out = dict(record)
    out["budget"] = float(budget)
    out["p_reach"] = p_at_least(out, out["budget"])
    if "plan_threshold" in out:
        out["p_threshold"] = p_at_least(out, out["plan_threshold"] * out["budget"])
    return out


def threshold_level(record: Mapping[str, Any], threshold: float) -> float:
    """The sales the bonus threshold asks for: ``threshold`` (a share) of the budget, as module 02 reads it."""
    return float(threshold) * float(record["budget"])


__all__ = ["SECTION", "KEY", "HORIZON", "budget_record", "clean_record", "p_at_least", "forecast_for",
           "case_record", "reforecast", "with_budget", "threshold_level"]


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
