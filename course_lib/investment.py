"""The ICT investment case: a CRM / marketing-automation system priced under uncertainty.

The source text asks top management to give the sales manager an investment budget for ICT.
This module turns that into an ordinary capital-budgeting case, priced with NPV, IRR and payback
(:mod:`course_lib.capital_budgeting`, public here too).

Cash flows of the case (NOK, per year):

* year 0: one-off costs - implementation, integration, training, and internal time
  (hours x cost per hour);
* years 1..H: benefits minus licences. Benefits are counted as **margin**, not revenue:
  extra new sales x gross margin (win-rate uplift and a shorter sales cycle both add new sales),
  churn avoided x gross margin, and seller hours saved x cost per hour x the share of that time
  that becomes productive. Year 1 earns only
  ``adoption_year1`` of the benefits while people learn the system.

Every input is a :class:`~course_lib.ranges.Range`. Their values are **the course's illustrative
assumptions** for the case company, not measured returns. Vendor-sponsored return figures are
quoted only as hedged claims with their source (:data:`HEDGED_CLAIMS`). The ranges
(:data:`DEFAULT_INPUTS`), the case's fixed assumptions (:class:`Context`) and the claims are
content (``content/investment.yaml``), so a trainer can price her own company's case.

The Monte Carlo draws every input from its triangular range and gives the NPV distribution,
P(NPV > 0) and payback; :func:`tornado` shows which input moves the NPV most.

Example (NPV, IRR and payback have theirs in :mod:`course_lib.capital_budgeting`):
    >>> flows = likely_flows(horizon=3)
    >>> len(flows), bool(flows[0] < 0)
    (4, True)
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from numbers import Integral, Real
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .capital_budgeting import (MAX_HORIZON, _check_flows, _check_rate, _payback_matrix, irr, npv,  # noqa: F401
                                npv_matrix, payback)
from .digital_content import investment_case
from .i18n import invalid, pick, t
from .ranges import Range, check_range, draw_triangular

MAX_DRAWS = 1_000_000

# Content-backed names, read on first use (PEP 562) so a trainer's override file takes effect.
_CONTENT_NAMES = {
    "DEFAULT_INPUTS": lambda c: dict(c.inputs),    # input -> Range, the course's illustrative assumptions
    "HEDGED_CLAIMS": lambda c: c.claims,           # vendor return figures, quoted only with source and caveat
}


def __getattr__(name: str):
    if name in _CONTENT_NAMES:
        return _CONTENT_NAMES[name](investment_case())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------- hedged claims


def hedged_claims(lang: str | None = None) -> list[str]:
    """The hedged vendor claims as sentences with their sources, in the current language.

    Example:
        >>> "Nucleus" in hedged_claims("en")[0]
        True
    """
    return [f"{pick(c['claim'], lang)} ({c['source']}) {pick(c['caveat'], lang)} ({c['caveat_source']})"
            for c in investment_case().claims]


# --------------------------------------------------------------------------- the case

#: Inputs of the case, grouped as costs and benefits (their ranges: :data:`DEFAULT_INPUTS`).
COSTS: tuple[str, ...] = ("licence_per_user_month", "implementation", "integration", "training", "internal_hours")
BENEFITS: tuple[str, ...] = ("win_rate_uplift", "cycle_uplift", "churn_reduction", "hours_saved_per_seller_week")

#: Limits for each input (lower, upper); shares are fractions.
INPUT_LIMITS: dict[str, tuple[float, float | None]] = {
    "licence_per_user_month": (0.0, 50_000.0), "implementation": (0.0, None), "integration": (0.0, None),
    "training": (0.0, None), "internal_hours": (0.0, 100_000.0), "win_rate_uplift": (0.0, 1.0),
    "cycle_uplift": (0.0, 1.0), "churn_reduction": (0.0, 1.0), "hours_saved_per_seller_week": (0.0, 40.0),
}
_LIMITS = INPUT_LIMITS

INPUTS: tuple[str, ...] = COSTS + BENEFITS
SHARES: tuple[str, ...] = ("win_rate_uplift", "cycle_uplift", "churn_reduction")


def _assumed(name: str):
    """A :class:`Context` default read from ``content/investment.yaml`` when the context is made."""
    return field(default_factory=lambda: float(investment_case().context[name]))


@dataclass(frozen=True)
class Context:
    """Fixed facts of the case: users, sellers, yearly new sales and churn, margin, cost per hour.

    ``new_sales`` and ``churned`` default to the case data's last year; ``gross_margin`` (30 %),
    ``hour_cost`` (700 NOK), ``weeks`` (46), ``adoption_year1`` (50 %) and ``time_value_share``
    (50 %: only half of the hours saved turn into selling time worth money) are the course's
    illustrative assumptions, read from ``content/investment.yaml`` (as is ``users`` = sellers + 4
    in :func:`case_context`).
    """

    users: int
    sellers: int
    new_sales: float
    churned: float
    gross_margin: float = _assumed("gross_margin")
    hour_cost: float = _assumed("hour_cost")
    weeks: float = _assumed("weeks")
    adoption_year1: float = _assumed("adoption_year1")
    time_value_share: float = _assumed("time_value_share")


def case_context(team: pd.DataFrame | None = None) -> Context:
    """The case company's context from its team data (last year in the data).

    Example:
        >>> c = case_context()
        >>> c.sellers, c.users
        (10, 14)
    """
    from .cases import load_team

    df = load_team() if team is None else team
    missing = [c for c in ("month", "seller_id", "new_sales", "churned_revenue") if c not in df.columns]
    if missing or df.empty:
        raise invalid("goals.control.missing_columns", missing=", ".join(missing) or "month")
    last = sorted({str(m)[:4] for m in df["month"]})[-1]
    year = df[df["month"].astype(str).str.startswith(last)]
    sellers = int(df["seller_id"].nunique())
    extra = int(investment_case().context["extra_users"])
    return Context(users=sellers + extra, sellers=sellers, new_sales=float(year["new_sales"].sum()),
                   churned=float(year["churned_revenue"].sum()))


def check_inputs(inputs: Mapping[str, Any] | None) -> dict[str, Range]:
    """All inputs as checked ranges (missing ones from :data:`DEFAULT_INPUTS`).

    Negative costs, shares outside 0-1 and low > high are rejected with a message naming the input.

    Example:
        >>> check_inputs({"training": (10_000, 20_000, 30_000)})["training"].high
        30000.0
    """
    defaults = investment_case().inputs
    if inputs is None:
        return dict(defaults)
    if not isinstance(inputs, Mapping):
        raise invalid("investment.inputs_type", value=type(inputs).__name__)
    unknown = [k for k in inputs if k not in INPUTS]
    if unknown:
        raise invalid("investment.input_unknown", value=unknown[0], allowed=", ".join(INPUTS))
    out = dict(defaults)
    for key, value in inputs.items():
        lower, upper = INPUT_LIMITS[key]
        if key in COSTS and _any_negative(value):
            raise invalid("investment.negative_cost", field=input_label(key), value=_any_negative(value))
        out[key] = check_range(value, input_label(key), lower=lower, upper=upper, rate=False, percent=key in SHARES)
    return out


def _any_negative(value: Any) -> float | None:
    """The first negative number in a range-like value (``None`` if there is none)."""
    items = (value.low, value.likely, value.high) if isinstance(value, Range) else (
        value if isinstance(value, (tuple, list)) else (value,))
    for v in items:
        if isinstance(v, Real) and not isinstance(v, bool) and math.isfinite(float(v)) and v < 0:
            return float(v)
    return None


def input_label(key: str, lang: str | None = None) -> str:
    """The input's name in the current language; an unknown input is refused, the valid ones listed."""
    if key not in INPUTS:
        raise invalid("args.choice", field="key", value=repr(key)[:60], valid=", ".join(INPUTS))
    return t(f"investment.input.{key}", lang)


def _check_horizon(horizon: Any) -> int:
    if isinstance(horizon, bool) or not isinstance(horizon, (Integral, np.integer)) or not 1 <= int(horizon) <= MAX_HORIZON:
        raise invalid("investment.horizon_range", value=horizon, maximum=MAX_HORIZON)
    return int(horizon)


def cash_flows(values: Mapping[str, Any], horizon: int = 5, context: Context | None = None) -> np.ndarray:
    """Yearly cash flows (NOK) of the case for given input values (numbers or arrays of draws).

    Returns shape ``(horizon + 1,)`` for numbers, ``(n, horizon + 1)`` for arrays of length n.

    Example:
        >>> ctx = Context(users=10, sellers=8, new_sales=10_000_000, churned=1_000_000)
        >>> v = {k: r.likely for k, r in check_inputs(None).items()}
        >>> f = cash_flows(v, 3, ctx)
        >>> f.shape, bool(f[0] < 0)
        ((4,), True)
    """
    h = _check_horizon(horizon)
    ctx = context or case_context()
    missing = [k for k in INPUTS if k not in values]
    if missing:
        raise invalid("investment.missing_values", missing=", ".join(missing))
    v = {k: np.asarray(values[k], dtype=float) for k in INPUTS}
    one_off = v["implementation"] + v["integration"] + v["training"] + v["internal_hours"] * ctx.hour_cost
    licences = v["licence_per_user_month"] * 12 * ctx.users
    margin_new = (v["win_rate_uplift"] + v["cycle_uplift"]) * ctx.new_sales * ctx.gross_margin
    margin_churn = v["churn_reduction"] * ctx.churned * ctx.gross_margin
    time_saved = v["hours_saved_per_seller_week"] * ctx.weeks * ctx.sellers * ctx.hour_cost * ctx.time_value_share
    benefits = margin_new + margin_churn + time_saved
    shape = np.broadcast(one_off, benefits, licences).shape
    flows = np.zeros(shape + (h + 1,))
    flows[..., 0] = -one_off
    ramp = np.ones(h)
    ramp[0] = ctx.adoption_year1
    flows[..., 1:] = benefits[..., None] * ramp - licences[..., None]
    return flows


def likely_flows(inputs: Mapping[str, Any] | None = None, horizon: int = 5, context: Context | None = None,
                 which: str = "likely") -> np.ndarray:
    """Cash flows with every input at its ``which`` value (low, likely, high or mean)."""
    checked = check_inputs(inputs)
    return cash_flows({k: getattr(r, which) for k, r in checked.items()}, horizon, context)


def flows_table(flows: Any) -> pd.DataFrame:
    """Year, cash flow and cumulative cash flow (for ``learner_table``)."""
    arr = _check_flows(flows)
    return pd.DataFrame({"year": np.arange(arr.size), "flow": arr, "cumulative": np.cumsum(arr)})


@dataclass(frozen=True)
class InvestmentResult:
    """Monte Carlo result: ``npv`` and ``payback`` per draw, the likely case's flows and summaries."""

    rate: float
    horizon: int
    npv: np.ndarray
    payback: np.ndarray
    flows_likely: np.ndarray
    npv_likely: float
    irr_likely: float
    payback_likely: float

    @property
    def p_positive(self) -> float:
        """Share of draws with NPV above zero."""
        return float(np.mean(self.npv > 0))

    def quantiles(self, qs=(0.1, 0.5, 0.9)) -> dict[float, float]:
        return {q: float(np.quantile(self.npv, q)) for q in qs}

    @property
    def p_payback_within(self) -> float:
        """Share of draws that pay back within the horizon."""
        return float(np.mean(np.isfinite(self.payback)))


def simulate(inputs: Mapping[str, Any] | None = None, rate: float = 0.08, horizon: int = 5, n: int = 10_000,
             seed: int | None = 2026, context: Context | None = None) -> InvestmentResult:
    """Monte Carlo of the case: every input from its triangular range, NPV and payback per draw.

    Example:
        >>> r = simulate(n=2_000, seed=1)
        >>> 0 < r.p_positive < 1
        True
    """
    checked = check_inputs(inputs)
    r = _check_rate(rate)
    h = _check_horizon(horizon)
    if isinstance(n, bool) or not isinstance(n, (Integral, np.integer)) or not 100 <= int(n) <= MAX_DRAWS:
        raise invalid("investment.draws_range", value=n, maximum=MAX_DRAWS)
    ctx = context or case_context()
    rng = np.random.default_rng(seed)
    draws = {k: draw_triangular(rng, checked[k], int(n)) for k in INPUTS}
    flows = cash_flows(draws, h, ctx)
    likely = cash_flows({k: checked[k].likely for k in INPUTS}, h, ctx)
    return InvestmentResult(r, h, npv_matrix(r, flows), _payback_matrix(flows), likely,
                            npv(r, likely), irr(likely), payback(likely))


def tornado(inputs: Mapping[str, Any] | None = None, rate: float = 0.08, horizon: int = 5,
            context: Context | None = None) -> pd.DataFrame:
    """NPV with one input at its low and at its high end, the others at their likely values.

    Rows sorted by swing, largest first; ``base`` is the likely case's NPV.

    Example:
        >>> tab = tornado(context=Context(users=10, sellers=8, new_sales=10_000_000, churned=1_000_000))
        >>> list(tab.columns)
        ['input', 'label', 'low', 'high', 'swing', 'base']
    """
    checked = check_inputs(inputs)
    r = _check_rate(rate)
    h = _check_horizon(horizon)
    ctx = context or case_context()
    base_values = {k: checked[k].likely for k in INPUTS}
    base = npv(r, cash_flows(base_values, h, ctx))
    rows = []
    for k in INPUTS:
        at_low = npv(r, cash_flows({**base_values, k: checked[k].low}, h, ctx))
        at_high = npv(r, cash_flows({**base_values, k: checked[k].high}, h, ctx))
        rows.append({"input": k, "label": input_label(k), "low": at_low, "high": at_high})
    table = pd.DataFrame(rows)
    table["swing"] = (table["high"] - table["low"]).abs()
    table["base"] = base
    return table.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


__all__ = [
    "MAX_HORIZON", "MAX_DRAWS", "npv", "irr", "payback", "npv_matrix", "HEDGED_CLAIMS", "hedged_claims", "COSTS",
    "BENEFITS", "INPUTS", "SHARES", "INPUT_LIMITS", "DEFAULT_INPUTS", "Context", "case_context", "check_inputs",
    "input_label", "cash_flows", "likely_flows", "flows_table", "InvestmentResult", "simulate", "tornado",
]


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
