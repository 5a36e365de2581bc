"""Business phases: the case team simulated month by month under a plan (a teaching model).

Each phase is tied to one region of the case data (``course_lib/content/incentives.yaml``): East,
which meets its new-sales budget but loses 9.7 % of the service value up for renewal, is in the
**loyalty phase**; West, which reaches about 90 % of its budget and loses 7.0 %, is in the **growth
phase**. The region's sellers, their quotas, attainment, service books, satisfaction and churn come
from the case data, so that under today's plan (new sales only, pay mix 60/40) the simulation
reproduces the data on average. What a phase adds is how the market answers effort.

Per seller ``i`` and month, with efforts ``t = (t_new, t_care)`` from :func:`effort_split` and
``t_ref`` the efforts under today's plan:

    new sales      = quota_i x attainment_i x (t_new / t_ref_new) ** elasticity x noise
    care share     s = t_care / (t_care + care_half)
    churn (yearly) = base_churn x (1 - care_effect x s),   base_churn set so that s_ref gives the data's churn
    lost customers = customers x churn / 12;   renewals = (customers - lost) x contract value
    customers     += new sales / deal value     (each deal adds a service contract)
    satisfaction   = the seller's data mean + satisfaction_slope x (s - s_ref), within 1-10
    profit         = margin_new x new sales + margin_service x renewals - pay
                     + (won - lost customers) x yearly contract value x margin_service x book_years

**Assumptions the learner must see.** Effort responds only to the measure weights and the variable
share of pay, not to thresholds, accelerators or caps (those change pay, not effort, in this model);
sellers' effort is never below zero; all numbers are a model, not estimates.

Example:
    >>> from course_lib.incentives import Plan
    >>> res = simulate_phase(Plan.from_ote(65_000, 0.6, 1.0), "loyalty", months=24)
    >>> len(res.monthly), sorted(UNITS.items())
    (24, [('east', 'loyalty'), ('west', 'growth')])
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .i18n import invalid, pick
from .incentives import Plan, payout
from .incentives_checks import finite_number, whole_number
from .incentives_content import content


def _sim() -> dict:
    return content()["simulation"]


# --------------------------------------------------------------------------- effort


def effort_split(plan: Plan) -> np.ndarray:
    """Effort on (new sales, customer care) that the plan's weights call forth.

    Intensities ``beta = responsiveness x variable share x (w_new, w_renewals + w_satisfaction)``
    plus the effort given unpaid (``intrinsic``); the seller chooses ``t = C^-1 beta`` with effort
    never below 0 (a task crowded out to zero gets none, and the other is chosen alone). Only the
    weights and the variable share matter: thresholds, tiers and caps do not move effort here.

    Example:
        >>> from course_lib.incentives import Plan
        >>> [round(float(x), 2) for x in effort_split(Plan.from_ote(65_000, 0.6, 1.0))]
        [1.2, 0.0]
    """
    if not isinstance(plan, Plan):
        raise invalid("agency.not_a_plan", value=type(plan).__name__)
    sim = _sim()
    cost = np.asarray(sim["task_cost"], dtype=float)
    variable = plan.target_incentive / plan.ote if plan.ote else 0.0
    w = plan.weight_of
    care = w["renewals"] + w["customer_satisfaction"]
    beta = sim["responsiveness"] * variable * np.array([w["new_sales"], care]) + np.asarray(sim["intrinsic"], float)
    t = np.linalg.solve(cost, beta)
    if t[0] < 0:
        t = np.array([0.0, beta[1] / cost[1, 1]])
    elif t[1] < 0:
        t = np.array([beta[0] / cost[0, 0], 0.0])
    return np.maximum(t, 0.0)


def reference_plan() -> Plan:
    """Today's plan in the case: new sales only, with the content's OTE and pay mix."""
    ref = _sim()["reference_plan"]
    return Plan.from_ote(ref["ote"], ref["base_share"], quota=1.0)


# --------------------------------------------------------------------------- phases


@dataclass(frozen=True)
class Phase:
    """A business phase tied to a region of the case data (per seller and month, NOK).

    ``quotas``, ``attainment``, ``book`` (monthly service value up for renewal), ``satisfaction``:
    one value per seller of the region, from the data. ``churn``: the region's share of service value
    up for renewal that was lost (yearly). ``elasticity``: how new sales answer new-sales effort;
    ``care_effect``: the largest share of churn that care can prevent; ``care_half``: the care effort
    that prevents half of that.
    """

    key: str
    label: Mapping[str, str]
    region: str
    elasticity: float
    care_effect: float
    care_half: float
    quotas: tuple
    attainment: tuple
    book: tuple
    satisfaction: tuple
    churn: float
    why: Mapping[str, str] = field(default_factory=dict)

    @property
    def sellers(self) -> int:
        """Number of sellers in the phase's region."""
        return len(self.quotas)

    @property
    def quota(self) -> float:
        """The region's mean monthly new-sales quota per seller (NOK)."""
        return float(np.mean(self.quotas))

    @property
    def renewal_quota(self) -> float:
        """The region's mean monthly service value up for renewal per seller (NOK)."""
        return float(np.mean(self.book))


def _region_data(region: str) -> dict[str, Any]:
    from .cases import load_team, team_summary

    summary = team_summary(load_team())
    rows = summary[summary["region"] == region]
    if rows.empty:
        raise invalid("agency.region_unknown", value=region, allowed=", ".join(sorted(set(summary["region"]))))
    months = rows["months"].to_numpy(float)
    due = (rows["renewals"] + rows["churned_revenue"]).to_numpy(float)
    return {
        "quotas": tuple(rows["quota"].to_numpy(float) / months),
        "attainment": tuple(rows["attainment"].to_numpy(float)),
        "book": tuple(due / months),
        "satisfaction": tuple(rows["customer_satisfaction"].to_numpy(float)),
        "churn": float(rows["churned_revenue"].sum() / due.sum()),
    }


@lru_cache(maxsize=4)
def _phases(_token: int) -> dict[str, Phase]:
    out = {}
    for spec in content()["phases"]:
        out[spec["id"]] = Phase(
            key=spec["id"], label=spec["label"], region=spec["region"], elasticity=float(spec["new_sales_elasticity"]),
            care_effect=float(spec["care_effect"]), care_half=float(spec["care_half"]), why=spec.get("why", {}),
            **_region_data(spec["region"]))
    return out


def phases() -> dict[str, Phase]:
    """The phases of the content file, calibrated on the case data (cached per content version)."""
    return _phases(id(content()))


def get_phase(phase: str | Phase) -> Phase:
    """A phase by key (``"growth"``/``"loyalty"``) or a :class:`Phase` as is.

    Example:
        >>> get_phase("growth").region
        'west'
    """
    if isinstance(phase, Phase):
        return phase
    known = phases()
    if not isinstance(phase, str) or phase not in known:
        raise invalid("agency.phase_unknown", value=phase, allowed=", ".join(known))
    return known[phase]


def phase_label(phase: str | Phase) -> str:
    """The phase's label in the current language."""
    return pick(get_phase(phase).label)


# --------------------------------------------------------------------------- simulation


@dataclass(frozen=True)
class SimulationResult:
    """Monthly region totals, seller-month rows and totals of a phase simulation."""

    phase: Phase
    plan: Plan
    effort: np.ndarray
    monthly: pd.DataFrame
    rows: pd.DataFrame
    totals: dict = field(default_factory=dict)


def simulate_phase(plan: Plan, phase: str | Phase = "growth", months: int = 24, seed: int | None = 1,
                   noise: float = 0.2, start_plan: Plan | None = None, adjust_months: float = 3.0) -> SimulationResult:
    """Run the phase's region for ``months`` under ``plan`` (formulas in the module docstring).

    Each seller keeps her own quota and renewal target from the data; the plan supplies mix,
    weights, threshold, tiers, cap and gate. With ``start_plan`` the sellers begin with that plan's
    effort and close the gap to the new one by ``1 - exp(-1/adjust_months)`` each month.

    Example:
        >>> from course_lib.incentives import Plan
        >>> res = simulate_phase(Plan.from_ote(65_000, 0.6, 1.0), "loyalty", months=24)
        >>> round(res.totals["churn_rate"], 3)      # the case data's 9.7 % for East
        0.097
    """
    if not isinstance(plan, Plan):
        raise invalid("agency.not_a_plan", value=type(plan).__name__)
    if start_plan is not None and not isinstance(start_plan, Plan):
        raise invalid("agency.not_a_plan", value=type(start_plan).__name__)
    phase = get_phase(phase)
    sim = _sim()
    months = whole_number("months", months, 1, int(sim["max_months"]))
    noise = finite_number("noise", noise, 0.0, 2.0)
    adjust = finite_number("adjust_months", adjust_months, 0.01, 1000.0)
    if seed is not None:
        seed = whole_number("seed", seed, 0, 2**32 - 1)
    effort = effort_split(plan)
    start = effort if start_plan is None else effort_split(start_plan)
    ref = effort_split(reference_plan())
    n = phase.sellers
    quotas = np.asarray(phase.quotas)
    ability = np.asarray(phase.attainment)
    s_ref = ref[1] / (ref[1] + phase.care_half)
    base_churn = phase.churn / (1 - phase.care_effect * s_ref)
    contract = sim["service_share"] * sim["deal_value"] / 12          # monthly service value of one deal
    customers = np.asarray(phase.book) / contract
    sat0 = np.asarray(phase.satisfaction)
    unit_plan = plan.replace(quota=phase.quota, renewal_quota=phase.renewal_quota)
    renewal_quota = np.asarray(phase.book)
    rng = np.random.default_rng(seed)
    # the months run in order (customers carry over; the random draws keep their order); the
    # payout, elementwise, is computed once for every seller-month, and one table is built at the end
    cols = {k: [] for k in ("customers", "new_customers", "lost_customers", "new_sales", "renewals",
                            "customer_satisfaction", "effort_new", "effort_care")}
    for m in range(months):
        now = effort + (start - effort) * math.exp(-m / adjust)
        care_share = now[1] / (now[1] + phase.care_half)
        churn = base_churn * (1 - phase.care_effect * care_share) / 12
        shock = rng.lognormal(-0.5 * noise**2, noise, n) if noise > 0 else np.ones(n)
        push = (now[0] / ref[0]) ** phase.elasticity if ref[0] > 0 else 1.0
        new_sales = quotas * ability * push * shock
        new_customers = new_sales / sim["deal_value"]
        lost = customers * churn
        renewals = (customers - lost) * contract
        wobble = rng.normal(0, 0.3 * noise, n) if noise > 0 else 0.0
        satisfaction = np.clip(sat0 + sim["satisfaction_slope"] * (care_share - s_ref) + wobble, 1, 10)
        for key, value in (("customers", customers), ("new_customers", new_customers), ("lost_customers", lost),
                           ("new_sales", new_sales), ("renewals", renewals),
                           ("customer_satisfaction", satisfaction)):
            cols[key].append(np.broadcast_to(value, (n,)))
        cols["effort_new"].append(np.full(n, now[0]))
        cols["effort_care"].append(np.full(n, now[1]))
        customers = customers - lost + new_customers
    flat = {k: np.concatenate(v) if v else np.zeros(0) for k, v in cols.items()}
    all_quotas = np.tile(np.broadcast_to(quotas, (n,)), months)
    inc = payout(unit_plan, flat["new_sales"], renewals=flat["renewals"], satisfaction=flat["customer_satisfaction"],
                 quota=all_quotas, renewal_quota=np.tile(np.broadcast_to(renewal_quota, (n,)), months))
    new_sales, renewals = flat["new_sales"], flat["renewals"]
    pay = unit_plan.base_salary + inc
    gross_margin = sim["margin_new"] * new_sales + sim["margin_service"] * renewals
    # a customer won or lost changes the value of the service book beyond the month (book_years of margin)
    book_change = ((flat["new_customers"] - flat["lost_customers"]) * contract * 12
                   * sim["margin_service"] * sim["book_years"])
    rows = pd.DataFrame({
        "month": np.repeat(np.arange(1, months + 1), n), "seller": np.tile(np.arange(1, n + 1), months),
        "customers": flat["customers"], "new_customers": flat["new_customers"],
        "lost_customers": flat["lost_customers"], "new_sales": new_sales, "renewals": renewals,
        "churned_revenue": flat["lost_customers"] * contract, "quota": all_quotas,
        "customer_satisfaction": flat["customer_satisfaction"], "incentive": inc, "pay": pay,
        "effort_new": flat["effort_new"], "effort_care": flat["effort_care"],
        "revenue": new_sales + renewals, "gross_margin": gross_margin, "book_change": book_change,
        "profit": gross_margin - pay + book_change,
    })
    by_month = rows.groupby("month")
    sums = by_month[["customers", "new_customers", "lost_customers", "new_sales", "renewals", "churned_revenue",
                     "quota", "revenue", "pay", "profit"]].sum()
    means = by_month[["customer_satisfaction", "effort_new", "effort_care"]].mean()
    monthly = pd.concat([sums, means], axis=1)[[
        "customers", "new_customers", "lost_customers", "new_sales", "renewals", "churned_revenue", "quota",
        "customer_satisfaction", "revenue", "pay", "profit", "effort_new", "effort_care"]].reset_index()
    # churn as the case data measure it: share of service value up for renewal that was lost, yearly
    monthly["churn_rate"] = 12 * monthly["lost_customers"] / monthly["customers"]
    totals = {
        "revenue": float(rows["revenue"].sum()),
        "pay": float(rows["pay"].sum()),
        "profit": float(rows["profit"].sum()),
        "cost_of_sales": float(rows["pay"].sum() / rows["revenue"].sum()),
        "attainment": float(rows["new_sales"].sum() / rows["quota"].sum()),
        "customers_start": float(np.asarray(phase.book).sum() / contract),
        "customers_end": float(customers.sum()),
        "churn_rate": float(12 * rows["lost_customers"].sum() / rows["customers"].sum()),
        "customer_satisfaction": float(monthly["customer_satisfaction"].mean()),
        "new_customers": float(rows["new_customers"].sum()),
    }
    return SimulationResult(phase, plan, effort, monthly, rows, totals)


def weighted_plan(new_sales: float, renewals: float = 0.0, satisfaction: float = 0.0, ote: float = 65_000,
                  base_share: float = 0.6, **options: Any) -> Plan:
    """A plan with the given measure weights (summing to 1); targets come from the data when simulated.

    Example:
        >>> weighted_plan(0.2, 0.5, 0.3).weight_of["renewals"]
        0.5
    """
    weights = tuple((name, finite_number(f"weights.{name}", w, 0.0, 1.0)) for name, w in
                    (("new_sales", new_sales), ("renewals", renewals), ("customer_satisfaction", satisfaction)))
    return Plan.from_ote(ote, base_share, quota=1.0, weights=weights, renewal_quota=1.0, **options)


def _units() -> dict[str, str]:
    return dict(content()["units"])


class _Units(Mapping):
    """Region -> phase key, read from the content file (East: loyalty, West: growth)."""

    def __getitem__(self, key):
        return _units()[key]

    def __iter__(self):
        return iter(_units())

    def __len__(self):
        return len(_units())

    def __repr__(self):
        return repr(_units())


UNITS: Mapping[str, str] = _Units()
"""The uniform-pay case: region East is in the loyalty phase, region West in the growth phase."""


def _unit_outcome(plan: Plan, phase_key: str, months: int, seed: int | None) -> tuple[dict, float, float]:
    """Totals, customers lost and customer-months of one unit's run (remembered for a seeded run:
    an app that moves one plan's slider re-runs only the units that plan pays)."""
    if seed is None:
        return _unit_outcome_run(plan, phase_key, months, seed)
    try:
        totals, lost, exposure = _unit_outcome_cached(plan, phase_key, months, seed, id(content()))
    except TypeError:           # an unhashable argument: run it
        return _unit_outcome_run(plan, phase_key, months, seed)
    return dict(totals), lost, exposure


def _unit_outcome_run(plan, phase_key, months, seed) -> tuple[dict, float, float]:
    res = simulate_phase(plan, phase_key, months, seed)
    return (res.totals, float(res.monthly["lost_customers"].sum()), float(res.monthly["customers"].sum()))


@lru_cache(maxsize=64)
def _unit_outcome_cached(plan, phase_key, months, seed, _content_token) -> tuple[dict, float, float]:
    return _unit_outcome_run(plan, phase_key, months, seed)


def uniform_vs_tailored(uniform: Plan, tailored: Mapping[str, Plan], months: int = 24, seed: int | None = 1,
                        units: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Two regions in different phases: one uniform plan for both vs a tailored plan per phase.

    Returns one row per arrangement (``"uniform"``, ``"tailored"``) and unit plus a ``"total"`` unit,
    with profit, pay, revenue, churn rate, customers at the end and cost of sales (all in the model).

    Example:
        >>> table = uniform_vs_tailored(weighted_plan(0.5, 0.5),
        ...     {"growth": weighted_plan(0.9, 0.1), "loyalty": weighted_plan(0.2, 0.8)})
        >>> sorted(set(table["arrangement"]))
        ['tailored', 'uniform']
    """
    units = UNITS if units is None else units
    if not isinstance(tailored, Mapping):
        raise invalid("agency.tailored_missing", phase=", ".join(sorted(set(units.values()))))
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
            t, lost, exposure = _unit_outcome(plan, phase_key, months, seed)
            rows.append({"arrangement": arrangement, "unit": unit, "phase": phase_key, "profit": t["profit"],
                         "pay": t["pay"], "revenue": t["revenue"], "churn_rate": t["churn_rate"],
                         "customers_end": t["customers_end"], "cost_of_sales": t["cost_of_sales"]})
            for key in ("profit", "pay", "revenue", "customers_end"):
                sums[key] += t[key]
            sums["lost"] += lost
            sums["exposure"] += exposure
        rows.append({"arrangement": arrangement, "unit": "total", "phase": "", "profit": sums["profit"],
                     "pay": sums["pay"], "revenue": sums["revenue"],
                     "churn_rate": 12 * sums["lost"] / sums["exposure"], "customers_end": sums["customers_end"],
                     "cost_of_sales": sums["pay"] / sums["revenue"]})
    return pd.DataFrame(rows)


__all__ = [
    "Phase", "SimulationResult", "UNITS", "effort_split", "get_phase", "phase_label", "phases",
    "reference_plan", "simulate_phase", "uniform_vs_tailored", "weighted_plan",
]
