"""The ICT investment case: a CRM / marketing-automation system priced under uncertainty.

The source text asks top management to give the sales manager an investment budget for ICT.
This module turns that into an ordinary capital-budgeting case, with the standard tools of any
corporate-finance textbook:

    NPV(r) = sum_t  CF_t / (1 + r)^t        t = 0, 1, ..., H    (CF_0 is not discounted)
    IRR    = the r with NPV(r) = 0           (numpy-financial's ``irr``)
    payback = first time the cumulative cash flow reaches 0 (linear within a year)

Cash flows of the case (NOK, per year):

* year 0: one-off costs - implementation, integration, training, and internal time
  (hours x cost per hour);
* years 1..H: benefits minus licences. Benefits are counted as **margin**, not revenue:
  extra new sales x gross margin (win-rate uplift and a shorter sales cycle both add new sales),
  churn avoided x gross margin, and seller hours saved x cost per hour x the share of that time
  that becomes productive. Year 1 earns only
  ``adoption_year1`` of the benefits while people learn the system.

Every input is a :class:`~course_lib.funnel.Range`. Their values are **the course's illustrative
assumptions** for the case company, not measured returns. Vendor-sponsored return figures are
quoted only as hedged claims with their source (:data:`HEDGED_CLAIMS`). The Monte Carlo draws
every input from its triangular range and gives the NPV distribution, P(NPV > 0) and payback;
:func:`tornado` shows which input moves the NPV most.

Example:
    >>> round(npv(0.10, [-100, 60, 60]), 2)
    4.13
    >>> round(irr([-100, 60, 60]), 4)
    0.1307
    >>> round(payback([-100, 60, 60]), 4)
    1.6667
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any, Mapping

import numpy as np
import numpy_financial as npf
import pandas as pd

from .funnel import Range, check_range, draw_triangular
from .i18n import invalid, pick, t

MAX_HORIZON = 30
MAX_DRAWS = 1_000_000

# --------------------------------------------------------------------------- NPV, IRR, payback


def _check_rate(rate: Any) -> float:
    if isinstance(rate, bool) or not isinstance(rate, (Real, np.floating, np.integer)):
        raise invalid("investment.not_a_number", field="rate", value=repr(rate)[:40])
    r = float(rate)
    if not math.isfinite(r):
        raise invalid("investment.not_finite", field="rate", value=str(rate))
    if r <= -1:
        raise invalid("investment.rate_too_low", value=r)
    if r > 10:
        raise invalid("investment.rate_too_high", value=r)
    return r


def _check_flows(flows: Any) -> np.ndarray:
    if isinstance(flows, (str, bytes)) or flows is None:
        raise invalid("investment.flows_type", value=type(flows).__name__)
    try:
        arr = np.asarray(flows, dtype=float)
    except (TypeError, ValueError):
        raise invalid("investment.flows_type", value=type(flows).__name__) from None
    if arr.ndim != 1 or arr.size < 2:
        raise invalid("investment.flows_length", value=int(arr.size))
    if arr.size > MAX_HORIZON + 1:
        raise invalid("investment.horizon_range", value=arr.size - 1, maximum=MAX_HORIZON)
    if not np.all(np.isfinite(arr)):
        raise invalid("investment.flows_finite")
    return arr


def npv(rate: Any, flows: Any) -> float:
    """Net present value of yearly ``flows`` at discount ``rate``; ``flows[0]`` is now, not discounted.

    Note: spreadsheet NPV() discounts the first value too; this one does not.

    Example:
        >>> npv(0.0, [-100, 50, 50])
        0.0
        >>> round(npv(0.08, [-1_000, 400, 400, 400]), 2)
        30.84
    """
    r = _check_rate(rate)
    arr = _check_flows(flows)
    years = np.arange(arr.size)
    return float(np.sum(arr / (1.0 + r) ** years))


def irr(flows: Any) -> float:
    """Internal rate of return of yearly ``flows`` (numpy-financial); ``nan`` when there is none.

    Example:
        >>> round(irr([-1_000, 400, 400, 400]), 4)
        0.097
    """
    arr = _check_flows(flows)
    if not (np.any(arr < 0) and np.any(arr > 0)):
        return float("nan")
    value = float(npf.irr(arr))
    return value if math.isfinite(value) else float("nan")


def payback(flows: Any) -> float:
    """Years until the cumulative cash flow first reaches zero, linear within the year;
    ``inf`` when it never does within the flows.

    Example:
        >>> payback([-300, 100, 100, 200])
        2.5
        >>> payback([-300, 100])
        inf
    """
    arr = _check_flows(flows)
    return float(_payback_matrix(arr[None, :])[0])


def _payback_matrix(flows: np.ndarray) -> np.ndarray:
    """Payback per row of a (n x H+1) matrix of flows (vectorised)."""
    cum = np.cumsum(flows, axis=1)
    out = np.full(flows.shape[0], np.inf)
    reached = cum >= 0
    first = np.where(reached.any(axis=1), reached.argmax(axis=1), -1)
    rows = np.arange(flows.shape[0])
    zero = first == 0
    out[zero] = 0.0
    mid = first > 0
    k = first[mid]
    before = cum[rows[mid], k - 1]
    step = flows[rows[mid], k]
    out[mid] = (k - 1) + (-before) / step
    return out


def npv_matrix(rate: float, flows: np.ndarray) -> np.ndarray:
    """NPV of each row of an (n x H+1) matrix of flows."""
    r = _check_rate(rate)
    years = np.arange(flows.shape[1])
    return flows @ (1.0 / (1.0 + r) ** years)


# --------------------------------------------------------------------------- hedged claims


#: Return figures from vendors' material, quoted only as hedged claims with their source.
HEDGED_CLAIMS: tuple[dict[str, Any], ...] = (
    {"claim": {"nb": "Nucleus Research oppga en avkastning på 5,60 dollar per investert dollar i CRM (2011) "
                     "og 8,71 dollar (2014). Tallene gjengis blant annet på Oracles side om CRM-avkastning, "
                     "altså i en leverandørs markedsføring.",
               "en": "Nucleus Research reported a return of USD 5.60 per dollar invested in CRM (2011) and USD "
                     "8.71 (2014). The figures are repeated on, among others, Oracle's page on CRM returns, that "
                     "is, in a vendor's marketing."},
     "source": "Oracle, What is the ROI of CRM? https://www.oracle.com/uk/cx/what-is-crm/roi-of-crm/",
     "caveat": {"nb": "Brightwork Research har stilt spørsmål ved om tallene kan stemme. «8,71 per dollar» "
                      "leses oftest som brutto tilbake (avkastning 771 %), men noen skriver 870 %: "
                      "definisjonen er uklar. Kurset bruker ikke tallet i beregningene.",
                "en": "Brightwork Research has questioned whether the figures can be right. 'USD 8.71 per dollar' "
                      "is usually read as gross return (ROI 771%), but some write 870%: the definition is unclear. "
                      "The course does not use the figure in its calculations."},
     "caveat_source": "Brightwork Research, How likely is it that the often quoted Nucleus Research CRM ROI "
                      "estimates are correct? https://www.brightworkresearch.com/how-likely-is-it-that-the-often-"
                      "quoted-nucleus-research-crm-roi-estimates-are-correct/"},
)


def hedged_claims(lang: str | None = None) -> list[str]:
    """The hedged vendor claims as sentences with their sources, in the current language."""
    return [f"{pick(c['claim'], lang)} ({c['source']}) {pick(c['caveat'], lang)} ({c['caveat_source']})"
            for c in HEDGED_CLAIMS]


# --------------------------------------------------------------------------- the case


def _illustrative(nb: str, en: str) -> dict[str, str]:
    return {"nb": nb, "en": en}


_ASSUMPTION = _illustrative("Kursets antakelse for casebedriften", "The course's assumption for the case company")

#: Inputs of the case, grouped as costs and benefits. Every range is the course's illustrative assumption.
COSTS: tuple[str, ...] = ("licence_per_user_month", "implementation", "integration", "training", "internal_hours")
BENEFITS: tuple[str, ...] = ("win_rate_uplift", "cycle_uplift", "churn_reduction", "hours_saved_per_seller_week")

DEFAULT_INPUTS: dict[str, Range] = {
    "licence_per_user_month": Range(500, 900, 1_500, _ASSUMPTION, illustrative=True),
    "implementation": Range(150_000, 300_000, 600_000, _ASSUMPTION, illustrative=True),
    "integration": Range(50_000, 150_000, 400_000, _ASSUMPTION, illustrative=True),
    "training": Range(30_000, 60_000, 120_000, _ASSUMPTION, illustrative=True),
    "internal_hours": Range(300, 600, 1_200, _ASSUMPTION, illustrative=True),
    "win_rate_uplift": Range(0.0, 0.015, 0.04, _ASSUMPTION, illustrative=True),
    "cycle_uplift": Range(0.0, 0.005, 0.02, _ASSUMPTION, illustrative=True),
    "churn_reduction": Range(0.0, 0.05, 0.15, _ASSUMPTION, illustrative=True),
    "hours_saved_per_seller_week": Range(0.0, 1.0, 2.5, _ASSUMPTION, illustrative=True),
}

#: Limits for each input (lower, upper); shares are fractions.
_LIMITS: dict[str, tuple[float, float | None]] = {
    "licence_per_user_month": (0.0, 50_000.0), "implementation": (0.0, None), "integration": (0.0, None),
    "training": (0.0, None), "internal_hours": (0.0, 100_000.0), "win_rate_uplift": (0.0, 1.0),
    "cycle_uplift": (0.0, 1.0), "churn_reduction": (0.0, 1.0), "hours_saved_per_seller_week": (0.0, 40.0),
}

INPUTS: tuple[str, ...] = COSTS + BENEFITS
SHARES: tuple[str, ...] = ("win_rate_uplift", "cycle_uplift", "churn_reduction")


@dataclass(frozen=True)
class Context:
    """Fixed facts of the case: users, sellers, yearly new sales and churn, margin, cost per hour.

    ``new_sales`` and ``churned`` default to the case data's last year; ``gross_margin`` (30 %),
    ``hour_cost`` (700 NOK), ``users`` (sellers + 4), ``adoption_year1`` (50 %) and
    ``time_value_share`` (50 %: only half of the hours saved turn into selling time worth money)
    are the course's illustrative assumptions.
    """

    users: int
    sellers: int
    new_sales: float
    churned: float
    gross_margin: float = 0.30
    hour_cost: float = 700.0
    weeks: float = 46.0
    adoption_year1: float = 0.5
    time_value_share: float = 0.5


def case_context(team: pd.DataFrame | None = None) -> Context:
    """The case company's context from its team data (last year in the data).

    Example:
        >>> c = case_context()
        >>> c.sellers, c.users
        (10, 14)
    """
    from .cases import load_team

    df = load_team() if team is None else team
    last = sorted({str(m)[:4] for m in df["month"]})[-1]
    year = df[df["month"].astype(str).str.startswith(last)]
    sellers = int(df["seller_id"].nunique())
    return Context(users=sellers + 4, sellers=sellers, new_sales=float(year["new_sales"].sum()),
                   churned=float(year["churned_revenue"].sum()))


def check_inputs(inputs: Mapping[str, Any] | None) -> dict[str, Range]:
    """All inputs as checked ranges (missing ones from :data:`DEFAULT_INPUTS`).

    Negative costs, shares outside 0-1 and low > high are rejected with a message naming the input.

    Example:
        >>> check_inputs({"training": (10_000, 20_000, 30_000)})["training"].high
        30000.0
    """
    if inputs is None:
        return dict(DEFAULT_INPUTS)
    if not isinstance(inputs, Mapping):
        raise invalid("investment.inputs_type", value=type(inputs).__name__)
    unknown = [k for k in inputs if k not in INPUTS]
    if unknown:
        raise invalid("investment.input_unknown", value=unknown[0], allowed=", ".join(INPUTS))
    out = dict(DEFAULT_INPUTS)
    for key, value in inputs.items():
        lower, upper = _LIMITS[key]
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
    """The input's name in the current language."""
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
        >>> v = {k: r.likely for k, r in DEFAULT_INPUTS.items()}
        >>> f = cash_flows(v, 3, ctx)
        >>> f.shape, bool(f[0] < 0)
        ((4,), True)
    """
    h = _check_horizon(horizon)
    ctx = context or case_context()
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
