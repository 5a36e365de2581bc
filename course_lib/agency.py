"""Agency theory for bonus design: incentive intensity, the multitask problem and business phases.

**Single task, linear contract (LEN).** Output ``x = e + eps`` with ``eps ~ N(0, sigma2)``, pay
``w = alpha + beta x``, effort cost ``(c/2) e^2``, a seller with constant absolute risk aversion
``r`` and a risk-neutral firm (Holmström & Milgrom 1987; textbook form in Milgrom & Roberts 1992,
ch. 7; Gibbons 1998). The seller chooses ``e = beta / c``; the total surplus
``e - (c/2) e^2 - (r/2) beta^2 sigma2`` is largest at

    beta* = 1 / (1 + r c sigma2),   TS* = 1 / (2 c (1 + r c sigma2)),   risk premium = (r/2) beta^2 sigma2.

**Several tasks (Holmström & Milgrom 1991).** Measures ``x_i = t_i + eps_i`` with ``eps ~ N(0, Sigma)``,
cost Hessian ``C`` and benefit gradient ``B``: the seller sets ``t = C^-1 beta`` and the best linear
contract is ``beta = (I + r C Sigma)^-1 B``. A task that cannot be measured (infinite variance) gets
``beta = 0``, and the incentive on the measured tasks is lowered when the tasks compete for effort.

**Business phases.** :func:`simulate_phase` runs the case team month by month: each seller splits
effort between new sales and customer care according to the plan's weights (``t = C^-1 beta``
with a little intrinsic care), new customers come from new-sales effort, churn falls with care,
and pay follows the plan. Two presets: a growth phase (new customers are the bottleneck) and a
loyalty phase (churn is). The numbers are a teaching model, not estimates.

Example:
    >>> r = len_optimal(r=2.0, c=1.0, sigma2=0.5)
    >>> round(r.beta, 3), round(r.effort, 3)
    (0.5, 0.5)
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping, NamedTuple

import numpy as np
import pandas as pd

from .i18n import invalid, pick
from .incentives import Plan, payout

# --------------------------------------------------------------------------- LEN


class LenResult(NamedTuple):
    """The optimal single-task linear contract."""

    beta: float
    """Incentive intensity: kroner of pay per krone of measured output."""
    effort: float
    """The seller's effort ``beta / c``."""
    risk_premium: float
    """What the seller must be paid for bearing the risk, ``(r/2) beta^2 sigma2``."""
    total_surplus: float
    """Value of effort minus its cost minus the risk premium."""


def _number(name: str, value: Any, minimum: float, strict: bool = False) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise invalid("agency.not_a_number", field=name, value=value) from None
    if math.isnan(x) or (x <= minimum if strict else x < minimum):
        key = "agency.must_be_positive" if strict else "agency.must_be_nonnegative"
        raise invalid(key, field=name, value=value)
    return x


def len_optimal(r: float, c: float, sigma2: float) -> LenResult:
    """Optimal incentive intensity in the single-task LEN model.

    Args:
        r: risk aversion (>= 0). c: effort cost curvature (> 0). sigma2: noise variance of the measure (>= 0).

    Example:
        >>> len_optimal(0, 2, 10).beta      # a risk-neutral seller: sell her the job
        1.0
        >>> round(len_optimal(1, 1, 1e9).beta, 6)   # pure noise: a fixed salary
        0.0
    """
    r = _number("r", r, 0.0)
    c = _number("c", c, 0.0, strict=True)
    sigma2 = _number("sigma2", sigma2, 0.0)
    if math.isinf(r * c * sigma2) or math.isinf(sigma2) or math.isinf(r):
        beta = 0.0 if (r > 0 and sigma2 > 0) else 1.0
    else:
        beta = 1.0 / (1.0 + r * c * sigma2)
    effort = beta / c
    premium = 0.5 * r * beta**2 * sigma2 if beta else 0.0
    surplus = effort - 0.5 * c * effort**2 - premium
    return LenResult(beta, effort, premium, surplus)


class MultitaskResult(NamedTuple):
    """The optimal multitask linear contract."""

    beta: np.ndarray
    """Incentive intensity on each measure (0 for an unmeasurable task)."""
    effort: np.ndarray
    """The seller's effort on each task, ``C^-1 beta``."""
    total_surplus: float
    """``B.t - t'Ct/2 - (r/2) beta' Sigma beta`` over the measured tasks."""


def multitask_optimal(benefits: Any, cost_matrix: Any, noise_cov: Any, r: float) -> MultitaskResult:
    """Holmström & Milgrom (1991): ``beta = (I + r C Sigma)^-1 B``.

    A task whose noise variance is ``inf`` is treated as unmeasurable: its ``beta`` is 0 and the
    measured tasks' intensities solve ``beta_M = (K + r Sigma_MM)^-1 (C^-1 B)_M`` with
    ``K = (C^-1)_MM`` (the same formula when every task is measured). Like the textbook derivation
    it assumes an interior solution: ``effort`` is ``C^-1 beta`` without a floor at zero, so a task
    that is not paid and competes for time can show negative effort (read it as "none").

    Example (new sales and customer care that compete for effort; care cannot be measured):
        >>> res = multitask_optimal([1.0, 1.0], [[1.0, 0.5], [0.5, 1.0]], [[1.0, 0], [0, float("inf")]], r=1.0)
        >>> [round(float(b), 3) for b in res.beta]
        [0.286, 0.0]
    """
    B = np.asarray(benefits, dtype=float).reshape(-1)
    C = np.asarray(cost_matrix, dtype=float)
    S = np.asarray(noise_cov, dtype=float)
    n = B.size
    if C.shape != (n, n) or S.shape != (n, n):
        raise invalid("agency.shapes", n=n, cost=str(C.shape), noise=str(S.shape))
    r = _number("r", r, 0.0)
    if not np.allclose(C, C.T) or np.any(np.linalg.eigvalsh(C) <= 0):
        raise invalid("agency.cost_not_pd")
    diag = np.diag(S)
    if np.any(np.isnan(S)) or np.any(diag < 0):
        raise invalid("agency.noise_invalid")
    measured = np.isfinite(diag)
    S_m = S[np.ix_(measured, measured)]
    if S_m.size and (not np.all(np.isfinite(S_m)) or np.any(np.linalg.eigvalsh((S_m + S_m.T) / 2) < -1e-12)):
        raise invalid("agency.noise_invalid")
    Cinv = np.linalg.inv(C)
    beta = np.zeros(n)
    if measured.all():
        beta = np.linalg.solve(np.eye(n) + r * C @ S, B)
    elif measured.any():
        K = Cinv[np.ix_(measured, measured)]
        rhs = (Cinv @ B)[measured]
        beta[measured] = np.linalg.solve(K + r * S_m, rhs)
    effort = Cinv @ beta
    risk = 0.5 * r * float(beta[measured] @ S_m @ beta[measured]) if measured.any() else 0.0
    surplus = float(B @ effort - 0.5 * effort @ C @ effort - risk)
    return MultitaskResult(beta, effort, surplus)


# --------------------------------------------------------------------------- phases


@dataclass(frozen=True)
class Phase:
    """A business phase for :func:`simulate_phase` (amounts per seller and month, NOK).

    ``new_customers_per_effort``: new customers a seller of ability 1 wins per unit of new-sales effort.
    ``base_churn``: monthly share of customers lost with no care at all. ``care_effect``: the largest
    share of that churn that care can prevent; ``care_half``: the care effort that prevents half of it.
    """

    key: str
    label: Mapping[str, str]
    new_customers_per_effort: float
    base_churn: float
    care_effect: float
    care_half: float
    deal_value: float
    contract_value: float
    start_customers: float
    margin_new: float = 0.25
    margin_service: float = 0.55

    @property
    def quota(self) -> float:
        """Monthly new-sales target that a core seller meets with ordinary effort (1.0)."""
        return self.new_customers_per_effort * self.deal_value

    @property
    def renewal_quota(self) -> float:
        """Monthly renewals target: the starting book's monthly contract value."""
        return self.start_customers * self.contract_value


PHASES: dict[str, Phase] = {
    "growth": Phase(
        key="growth",
        label={"nb": "vekstfase: nye kunder er flaskehalsen", "en": "growth phase: new customers are the bottleneck"},
        new_customers_per_effort=2.0, base_churn=0.012, care_effect=0.6, care_half=0.5,
        deal_value=180_000, contract_value=2_000, start_customers=60,
    ),
    "loyalty": Phase(
        key="loyalty",
        label={"nb": "lojalitetsfase: kundefrafallet er flaskehalsen", "en": "loyalty phase: churn is the bottleneck"},
        new_customers_per_effort=0.2, base_churn=0.05, care_effect=0.95, care_half=0.8,
        deal_value=150_000, contract_value=2_500, start_customers=110,
    ),
}
"""The two presets. Invented for teaching; the shape (not the numbers) is the point."""

ABILITIES = np.array([1.3, 1.3, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.7, 0.7])
"""Sellers' abilities in the simulation: two stars, six core performers, two laggards."""

TASK_COST = np.array([[1.0, 0.3], [0.3, 1.0]])
"""Effort cost Hessian for (new sales, customer care): the tasks compete for the seller's time."""

INTRINSIC = np.array([0.2, 0.4])
"""Effort each seller gives each task unpaid (pride in the job, liking the customers)."""

RESPONSIVENESS = 2.5
"""Effort per unit of (variable pay share x measure weight)."""


def get_phase(phase: str | Phase) -> Phase:
    """A phase preset by key (``"growth"``/``"loyalty"``) or a :class:`Phase` as is."""
    if isinstance(phase, Phase):
        return phase
    try:
        return PHASES[str(phase)]
    except KeyError:
        raise invalid("agency.phase_unknown", value=phase, allowed=", ".join(PHASES)) from None


def effort_split(plan: Plan) -> np.ndarray:
    """Effort on (new sales, customer care) that the plan's weights call forth.

    Intensities ``beta = RESPONSIVENESS x variable share x (w_new, w_renewals + w_satisfaction)``
    plus :data:`INTRINSIC`, then ``t = C^-1 beta`` with effort never below 0 (a task crowded out to
    zero gets none, and the other is chosen alone).

    Example:
        >>> from course_lib.incentives import Plan
        >>> new_only = Plan.from_ote(65_000, 0.6, 1.0)
        >>> [round(float(x), 2) for x in effort_split(new_only)]
        [1.19, 0.04]
    """
    variable = plan.target_incentive / plan.ote if plan.ote else 0.0
    w = plan.weight_of
    care = w["renewals"] + w["customer_satisfaction"]
    beta = RESPONSIVENESS * variable * np.array([w["new_sales"], care]) + INTRINSIC
    t = np.linalg.solve(TASK_COST, beta)
    if t[0] < 0:
        t = np.array([0.0, beta[1] / TASK_COST[1, 1]])
    elif t[1] < 0:
        t = np.array([beta[0] / TASK_COST[0, 0], 0.0])
    return np.maximum(t, 0.0)


@dataclass(frozen=True)
class SimulationResult:
    """Monthly team totals, seller-month rows and totals of a phase simulation."""

    phase: Phase
    plan: Plan
    effort: np.ndarray
    monthly: pd.DataFrame
    rows: pd.DataFrame
    totals: dict = field(default_factory=dict)


def _phase_plan(plan: Plan, phase: Phase) -> Plan:
    return plan.replace(quota=phase.quota, renewal_quota=phase.renewal_quota)


def simulate_phase(plan: Plan, phase: str | Phase = "growth", months: int = 24, seed: int | None = 1,
                   noise: float = 0.2, start_plan: Plan | None = None, adjust_months: float = 3.0) -> SimulationResult:
    """Run the team for ``months`` under ``plan`` in a business phase.

    Per seller ``i`` and month (customers ``n``, ability ``a_i``, efforts ``t_new, t_care`` from
    :func:`effort_split`):

        new customers  = new_customers_per_effort x a_i x t_new x noise
        churn share    = base_churn x (1 - care_effect x t_care / (t_care + care_half))
        renewals       = (n - lost) x contract_value;  churned revenue = lost x contract_value
        satisfaction   = 5 + 4.5 x t_care / (t_care + care_half)     (scale 1-10)
        profit         = margin_new x new sales + margin_service x renewals - pay

    The plan's quota and renewal quota are set to the phase's (each unit budgets for its market);
    everything else (mix, weights, threshold, tiers, cap, gate) is the plan's. With ``start_plan``
    the sellers begin with the effort split of that (old) plan and move towards the new one,
    closing the gap by ``1 - exp(-1/adjust_months)`` each month.

    Example:
        >>> from course_lib.incentives import Plan
        >>> res = simulate_phase(Plan.from_ote(65_000, 0.6, 1.0), "loyalty", months=24)
        >>> len(res.monthly), res.totals["customers_end"] < res.totals["customers_start"]
        (24, True)
    """
    phase = get_phase(phase)
    months = int(_number("months", months, 1.0))
    noise = _number("noise", noise, 0.0)
    unit_plan = _phase_plan(plan, phase)
    effort = effort_split(plan)
    start = effort if start_plan is None else effort_split(start_plan)
    adjust = _number("adjust_months", adjust_months, 0.0, strict=True)
    rng = np.random.default_rng(seed)
    n_sellers = ABILITIES.size
    customers = np.full(n_sellers, float(phase.start_customers))
    records = []
    for m in range(months):
        now = effort + (start - effort) * math.exp(-m / adjust)
        care_share = now[1] / (now[1] + phase.care_half)
        churn = phase.base_churn * (1 - phase.care_effect * care_share)
        shock = rng.lognormal(-0.5 * noise**2, noise, n_sellers) if noise > 0 else np.ones(n_sellers)
        new_customers = phase.new_customers_per_effort * ABILITIES * now[0] * shock
        lost = customers * churn
        renewals = (customers - lost) * phase.contract_value
        new_sales = new_customers * phase.deal_value
        satisfaction = np.clip(5 + 4.5 * care_share + (rng.normal(0, 0.3 * noise, n_sellers) if noise > 0 else 0), 1, 10)
        inc = payout(unit_plan, new_sales, renewals=renewals, satisfaction=satisfaction)
        pay = unit_plan.base_salary + inc
        records.append(pd.DataFrame({
            "month": m + 1, "seller": np.arange(1, n_sellers + 1), "customers": customers.copy(),
            "new_customers": new_customers, "lost_customers": lost, "new_sales": new_sales,
            "renewals": renewals, "churned_revenue": lost * phase.contract_value,
            "customer_satisfaction": satisfaction, "incentive": inc, "pay": pay,
            "effort_new": now[0], "effort_care": now[1],
        }))
        customers = customers - lost + new_customers
    rows = pd.concat(records, ignore_index=True)
    rows["revenue"] = rows["new_sales"] + rows["renewals"]
    rows["gross_margin"] = phase.margin_new * rows["new_sales"] + phase.margin_service * rows["renewals"]
    rows["profit"] = rows["gross_margin"] - rows["pay"]
    monthly = rows.groupby("month", as_index=False).agg(
        customers=("customers", "sum"), new_customers=("new_customers", "sum"),
        lost_customers=("lost_customers", "sum"), new_sales=("new_sales", "sum"), renewals=("renewals", "sum"),
        churned_revenue=("churned_revenue", "sum"), customer_satisfaction=("customer_satisfaction", "mean"),
        revenue=("revenue", "sum"), pay=("pay", "sum"), profit=("profit", "sum"),
        effort_new=("effort_new", "mean"), effort_care=("effort_care", "mean"),
    )
    monthly["churn_rate"] = monthly["lost_customers"] / monthly["customers"]
    totals = {
        "revenue": float(rows["revenue"].sum()),
        "pay": float(rows["pay"].sum()),
        "profit": float(rows["profit"].sum()),
        "cost_of_sales": float(rows["pay"].sum() / rows["revenue"].sum()),
        "customers_start": float(phase.start_customers * n_sellers),
        "customers_end": float(customers.sum()),
        "churn_rate": float(monthly["churn_rate"].mean()),
        "customer_satisfaction": float(monthly["customer_satisfaction"].mean()),
        "new_customers": float(rows["new_customers"].sum()),
    }
    return SimulationResult(phase, plan, effort, monthly, rows, totals)


def weighted_plan(new_sales: float, renewals: float = 0.0, satisfaction: float = 0.0, ote: float = 65_000,
                  base_share: float = 0.6, **options: Any) -> Plan:
    """A plan with the given measure weights (summing to 1); targets are set per phase when simulated.

    Example:
        >>> weighted_plan(0.2, 0.5, 0.3).weight_of["renewals"]
        0.5
    """
    weights = tuple((name, float(w)) for name, w in
                    (("new_sales", new_sales), ("renewals", renewals), ("customer_satisfaction", satisfaction)))
    return Plan.from_ote(ote, base_share, quota=1.0, weights=weights, renewal_quota=1.0, **options)


UNITS = {"east": "growth", "west": "loyalty"}
"""The uniform-pay case: region East is in a growth phase, region West in a loyalty phase."""


def uniform_vs_tailored(uniform: Plan, tailored: Mapping[str, Plan], months: int = 24, seed: int | None = 1,
                        units: Mapping[str, str] = UNITS) -> pd.DataFrame:
    """Two units in different phases: one uniform plan for both vs a tailored plan per unit.

    Args:
        uniform: HR's one plan for the whole company.
        tailored: a plan per phase key (``{"growth": ..., "loyalty": ...}``).
        units: unit name -> phase key.

    Returns:
        One row per arrangement (``"uniform"``, ``"tailored"``) and unit plus a ``"total"`` unit, with
        profit, pay, revenue, churn rate, customers at the end and cost of sales.

    Example:
        >>> table = uniform_vs_tailored(weighted_plan(0.5, 0.5),
        ...     {"growth": weighted_plan(0.9, 0.1), "loyalty": weighted_plan(0.2, 0.8)})
        >>> sorted(set(table["arrangement"]))
        ['tailored', 'uniform']
    """
    rows = []
    for arrangement in ("uniform", "tailored"):
        sums = {"profit": 0.0, "pay": 0.0, "revenue": 0.0, "customers_end": 0.0, "lost": 0.0, "exposure": 0.0}
        for unit, phase_key in units.items():
            if arrangement == "uniform":
                plan = uniform
            else:
                if phase_key not in tailored:
                    raise invalid("agency.tailored_missing", phase=phase_key)
                plan = tailored[phase_key]
            res = simulate_phase(plan, phase_key, months, seed)
            t = res.totals
            rows.append({"arrangement": arrangement, "unit": unit, "phase": phase_key, "profit": t["profit"],
                         "pay": t["pay"], "revenue": t["revenue"], "churn_rate": t["churn_rate"],
                         "customers_end": t["customers_end"], "cost_of_sales": t["cost_of_sales"]})
            sums["profit"] += t["profit"]
            sums["pay"] += t["pay"]
            sums["revenue"] += t["revenue"]
            sums["customers_end"] += t["customers_end"]
            sums["lost"] += float(res.monthly["lost_customers"].sum())
            sums["exposure"] += float(res.monthly["customers"].sum())
        rows.append({"arrangement": arrangement, "unit": "total", "phase": "", "profit": sums["profit"],
                     "pay": sums["pay"], "revenue": sums["revenue"],
                     "churn_rate": sums["lost"] / sums["exposure"], "customers_end": sums["customers_end"],
                     "cost_of_sales": sums["pay"] / sums["revenue"]})
    return pd.DataFrame(rows)


def phase_label(phase: str | Phase) -> str:
    """The phase's label in the current language."""
    return pick(get_phase(phase).label)


__all__ = [
    "ABILITIES", "INTRINSIC", "LenResult", "MultitaskResult", "PHASES", "Phase", "RESPONSIVENESS",
    "SimulationResult", "TASK_COST", "UNITS", "effort_split", "get_phase", "len_optimal",
    "multitask_optimal", "phase_label", "simulate_phase", "uniform_vs_tailored", "weighted_plan",
]
