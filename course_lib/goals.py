"""Module 02, plan, execute, control: can the sales manager reach the budget, and how would she know?

The source text (Kunøe & Berntsen) names three conditions top management must secure: she must be
able to **plan** how to reach her goals, **carry out** the plan, and **control** it; its inner
question *målstyring* asks whether the goals can be reached at all. This module puts numbers on it.

* :func:`atkinson_tendency` - Atkinson's (1957) tendency to strive for success
  ``T = M * P * (1 - P)``, largest at ``P = 0.5`` (a teaching model).
* :func:`locke_latham` - goal-setting (Locke & Latham 1990, 2002): performance rises with goal
  difficulty until the limit of ability; commitment falls when the goal looks impossible
  (a teaching model of the shape, not a fitted curve).
* :func:`budget_zone` - the budgets that stretch without being out of reach, read off the forecast.
* :func:`three_conditions` - a short self-check of plan / execute / control that points each weak
  condition to the module that treats it (statements and the case's answers: ``content/goals.yaml``).

The forecast and the control live in their own modules and are public here too:

* :func:`forecast` (:mod:`course_lib.goals_forecast`) - a Monte Carlo forecast of what the open
  pipeline brings in over a horizon; its mean is the weighted pipeline (:func:`weighted_pipeline`),
  the simulation adds the spread, P10/P50/P90 and P(reach a target).
* :func:`control_table` (:mod:`course_lib.goals_control`) - plan against actual month by month, two
  year-end forecasts with their spread, and a Shewhart control band that separates a signal from
  noise; :func:`reading` turns it into "act / watch / leave alone".

Example (the forecast's own example is in :mod:`course_lib.goals_forecast`):
    >>> round(float(atkinson_tendency(0.5)), 2)
    0.25
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .goals_args import _integer, _invalid, _number, _show  # noqa: F401  (_invalid: the widgets use it)
from .goals_content import catalogue
from .goals_control import (ControlBand, ControlResult, MONTH_NAMES, PHASINGS, control_table,  # noqa: F401
                            month_name, reading)
from .goals_forecast import (MAX_CELLS, MAX_DEALS, MAX_SIMULATIONS, Forecast, effective_probabilities,  # noqa: F401
                             forecast, pipeline_by_stage, weighted_pipeline)
from .i18n import pick, t

# Content-backed names, read on first use (PEP 562) so a trainer's override file takes effect.
_CONTENT_NAMES = {
    "CONDITIONS": lambda c: c.conditions,          # the self-check: statements per condition, its module
    "ITEMS": lambda c: c.items,                    # the statement ids, in order
    "CASE_ANSWERS": lambda c: c.case_answers,      # the case company as the course reads it (1-5)
    "DEFAULT_PROBABILITY": lambda c: c.default_probability,
}


def __getattr__(name: str):
    if name in _CONTENT_NAMES:
        return _CONTENT_NAMES[name](catalogue())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


# --------------------------------------------------------------------------- three conditions
# The statements, the conditions' modules and the case's answers are content (content/goals.yaml).


def three_conditions(answers: Mapping[str, Any], weak_below: float = 3.5) -> pd.DataFrame:
    """Score plan / execute / control from the self-check's answers (1-5) and point weak conditions to a module.

    Returns one row per condition: ``condition, score`` (mean 1-5), ``weak`` (score below
    ``weak_below``), ``module`` (the module that treats it: plan 02, execute 04, control 05) and
    ``advice`` (a sentence in the current language).

    Example:
        >>> from course_lib.goals import CASE_ANSWERS
        >>> r = three_conditions(CASE_ANSWERS)
        >>> r.set_index("condition")["weak"].to_dict()
        {'plan': False, 'execute': True, 'control': True}
    """
    if not isinstance(answers, Mapping):
        raise _invalid("goals.conditions.type", kind=type(answers).__name__)
    cat = catalogue()
    items = cat.items
    unknown = [k for k in answers if k not in items]
    if unknown:
        raise _invalid("goals.conditions.unknown", value=", ".join(map(str, unknown)), valid=", ".join(items))
    missing = [k for k in items if k not in answers]
    if missing:
        raise _invalid("goals.conditions.missing", missing=", ".join(missing))
    weak_below = _number("weak_below", weak_below, 1.0, 5.0)
    rows = []
    for code, spec in cat.conditions.items():
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
    """The statements of the self-check (nine in the shipped content), with their condition, in one language.

    Example:
        >>> len(condition_statements("en"))
        9
    """
    rows = [{"item": item, "condition": pick(spec["name"], lang), "statement": pick(text, lang)}
            for spec in catalogue().conditions.values() for item, text in spec["items"].items()]
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


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
