"""Reading a plan before signing it: the payout curve, the cost band, gaming risks and the employer's cost.

These are diagnostics of a :class:`course_lib.incentives.Plan`, kept apart from the payout engine so
each module reads top to bottom. All are re-exported from :mod:`course_lib.incentives`.

Example:
    >>> from course_lib.incentives import Plan
    >>> [round(r["cost_of_sales"], 3) for r in cost_band(Plan.from_ote(60_000, 0.6, 400_000))]
    [0.16, 0.15, 0.142]
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from .i18n import format_money, format_number, format_percent, invalid, pick, t
from .incentives_checks import finite_number, number_array, whole_number
from .incentives_content import content




def payout_curve(plan: Plan, max_attainment: float = 2.0, points: int = 401) -> dict[str, np.ndarray]:
    """Attainment grid with sales, incentive and total cash for plotting the payout curve.

    Non-sales measures are taken at their target (100 %); the gate counts as met.

    Example:
        >>> c = payout_curve(Plan.from_ote(60_000, 0.6, 400_000), 2.0, 5)
        >>> c["attainment"].tolist(), c["incentive"].tolist()
        ([0.0, 0.5, 1.0, 1.5, 2.0], [0.0, 12000.0, 24000.0, 36000.0, 48000.0])
    """
    if not isinstance(plan, Plan):
        raise invalid("agency.not_a_plan", value=type(plan).__name__)
    max_attainment = finite_number("max_attainment", max_attainment, 0.01, 100.0)
    points = whole_number("points", points, 2, 1_000_000)
    a = np.linspace(0.0, max_attainment, points)
    if plan.threshold > 0 and plan.threshold <= max_attainment:
        # show the jump at the threshold as a vertical step
        a = np.unique(np.concatenate([a, [np.nextafter(plan.threshold, 0), plan.threshold]]))
    sales = a * plan.quota
    others = _at_target(plan)
    incentive = payout(plan, sales, **others)
    return {"attainment": a, "sales": sales, "incentive": incentive, "total_cash": plan.base_salary + incentive}


def _at_target(plan: Plan) -> dict[str, Any]:
    others: dict[str, Any] = {}
    if plan.weight_of["renewals"]:
        others["renewals"] = plan.renewal_quota
    if plan.weight_of["customer_satisfaction"]:
        others["satisfaction"] = plan.satisfaction_target
    return others


def cost_band(plan: Plan, attainments: Iterable[float] = (0.9, 1.0, 1.1)) -> list[dict[str, float]]:
    """Pay and pay as a share of sales at given attainments (default the 90-110 % band).

    Example:
        >>> [round(r["cost_of_sales"], 3) for r in cost_band(Plan.from_ote(60_000, 0.6, 400_000))]
        [0.16, 0.15, 0.142]
    """
    rows = []
    others = _at_target(plan)
    values = number_array("attainments", list(attainments) if not np.isscalar(attainments) else attainments, 0.0, 100.0)
    if values.ndim != 1 or values.size > 1000:
        raise invalid("incentives.input.array", field="attainments", value=str(attainments)[:60])
    for a in values:
        sales = float(a) * plan.quota
        inc = payout(plan, sales, **others)
        rows.append({
            "attainment": float(a),
            "sales": sales,
            "incentive": inc,
            "total_cash": plan.base_salary + inc,
            "cost_of_sales": (plan.base_salary + inc) / sales if sales else math.inf,
        })
    return rows


def compare_plans(plans: Mapping[str, Plan], attainments: Sequence[float] = (0.5, 0.9, 1.0, 1.1, 1.5)):
    """Total cash per month of several plans at given new-sales attainments: an ``attainment`` column
    (fractions) and one column per plan (NOK); show it with ``course_lib.tables.learner_table``.

    Example:
        >>> table = compare_plans({"60/40": Plan.from_ote(60_000, 0.6, 400_000)}, [1.0])
        >>> float(table.loc[0, "60/40"])
        60000.0
    """
    import pandas as pd

    if not isinstance(plans, Mapping) or not plans:
        raise invalid("incentives.plan.plans_mapping", value=type(plans).__name__)
    values = number_array("attainments", list(attainments), 0.0, 100.0)
    if values.ndim != 1 or values.size > 1000:
        raise invalid("incentives.input.array", field="attainments", value=str(attainments)[:60])
    data = {"attainment": values}
    for name, plan in plans.items():
        if not isinstance(plan, Plan):
            raise invalid("agency.not_a_plan", value=type(plan).__name__)
        others = _at_target(plan)
        data[str(name)] = [round(float(total_cash(plan, a * plan.quota, **others))) for a in values]
    return pd.DataFrame(data)


@dataclass(frozen=True)
class Risk:
    """A gaming risk found in a plan: a short code, a severity (``"high"``/``"medium"``/``"low"``) and a message."""

    code: str
    severity: str
    message: str


def cap_attainment(plan: Plan) -> float | None:
    """New-sales attainment at which the cap binds (measures other than new sales at target), or ``None``.

    Example:
        >>> cap_attainment(Plan.from_ote(60_000, 0.6, 400_000, accelerators=[(1.0, 2.0)], cap=2.0))
        1.5
    """
    if plan.cap is None:
        return None
    grid = payout_curve(plan, max_attainment=10.0, points=20_001)
    reached = np.nonzero(grid["incentive"] >= plan.cap * plan.target_incentive - 1e-9)[0]
    if plan.target_incentive == 0 or reached.size == 0:
        return None
    return float(grid["attainment"][reached[0]])


def _rules() -> dict:
    return content()["risk_rules"]


def risk_note() -> str:
    """The note that the ratings are the course's own rules of thumb (current language)."""
    return pick(_rules()["note"])


def gaming_risks(plan: Plan, period: str = "month", below_threshold: float | None = None) -> list[Risk]:
    """Warnings a sales director should read before signing a plan.

    * a cliff at the threshold invites sandbagging (holding deals back) or pulling deals forward
      (Oyer 1998 found such timing around fiscal-year ends); quarterly settlement softens it, as one
      weak month (July) no longer decides alone, and a ramped threshold removes the jump;
    * a cap stops stars once reached (Misra & Nair 2011; Steenburgh & Ahearne 2012);
    * a steep step between tiers invites moving deals across period edges;
    * a decelerator above quota tells sellers to stop;
    * a plan paying only for new sales leaves customer care unpaid (multitask; Holmström & Milgrom 1991;
      Kishore et al. 2013).

    The ratings high/medium/low follow the course's own rules of thumb in ``content/incentives.yaml``
    (``risk_rules``), not thresholds from a study. ``below_threshold``: the share of seller-periods in
    the data below the threshold (from :func:`course_lib.incentives_team.apply_plan`), quoted in the warning.

    Example:
        >>> [r.code for r in gaming_risks(Plan.from_ote(60_000, 0.6, 400_000, threshold=0.8, cap=1.5))]
        ['cliff', 'cap', 'single_measure']
    """
    if not isinstance(plan, Plan):
        raise invalid("agency.not_a_plan", value=type(plan).__name__)
    if period not in ("month", "quarter"):
        raise invalid("incentives.team.period", value=period, allowed="month, quarter")
    rules = _rules()
    levels = ("low", "medium", "high")
    risks: list[Risk] = []
    if plan.threshold > 0 and plan.target_incentive > 0:
        if plan.threshold_style == "ramp":
            risks.append(Risk("threshold_ramp", "low", t("incentives.risk.ramp", threshold=format_percent(plan.threshold, 0))))
        else:
            jump = payout(plan, plan.threshold * plan.quota, **_at_target(plan))
            level = 2 if plan.threshold >= rules["cliff_high"] else 1 if plan.threshold >= rules["cliff_medium"] else 0
            key = "incentives.risk.cliff"
            if period == "quarter":
                level = max(level - 1, 0)
                key = "incentives.risk.cliff_quarter"
            months = 3 if period == "quarter" else 1
            message = t(key, threshold=format_percent(plan.threshold, 0), jump=format_money(jump * months))
            if below_threshold is not None:
                message += " " + t("incentives.risk.below_share", share=format_percent(below_threshold, 0),
                                   period=t("incentives.widget." + period).lower())
            risks.append(Risk("cliff", levels[level], message))
    at = cap_attainment(plan)
    if plan.cap is not None:
        severity = "high" if (at is not None and at < rules["cap_high_below"]) else "medium"
        where = format_percent(at, 0) if at is not None else "-"
        risks.append(Risk("cap", severity, t("incentives.risk.cap", cap=format_number_x(plan.cap), attainment=where)))
    previous = 1.0
    for start, multiplier in plan.accelerators:
        if multiplier < 1 and start >= 1:
            risks.append(Risk("decelerator", "medium", t(
                "incentives.risk.decelerator", attainment=format_percent(start, 0), multiplier=format_number_x(multiplier))))
        elif multiplier >= rules["tier_jump_ratio"] * previous or multiplier - previous >= rules["tier_jump_points"]:
            severity = "high" if period == "month" else "medium"
            risks.append(Risk("tier_edge", severity, t(
                "incentives.risk.tier_edge", attainment=format_percent(start, 0),
                before=format_number_x(previous), after=format_number_x(multiplier))))
        previous = multiplier
    if plan.weight_of["new_sales"] == 1.0 and plan.team_share < 1:
        risks.append(Risk("single_measure", "medium", t("incentives.risk.single_measure")))
    return risks


def format_millions(amount: float) -> str:
    """An amount in millions with one decimal, the way model results are shown: ``27,3 mill. kr`` / ``NOK 27.3 million``.

    Example:
        >>> format_millions(27_340_000, )
        '27,3 mill. kr'
    """
    value = finite_number("amount", amount)
    return t("incentives.millions", value=format_number(value / 1e6, 1))


def employer_cost(amount: Any, holiday_pay: float | None = None, zone: str = "I") -> Any:
    """What variable pay costs the employer in Norway: the amount plus holiday pay, plus employer's
    contribution (arbeidsgiveravgift) on both. Rates from ``content/incentives.yaml`` (ferieloven § 10:
    10.2 %, 12 % with an agreement; zone I 14.1 % in 2026). A model of the rules, not payroll advice.

    Example:
        >>> round(employer_cost(10_000))
        12574
        >>> round(employer_cost(10_000, holiday_pay=0.12))
        12779
    """
    rates = content()["employer_cost"]
    x = number_array("amount", amount, -MAX_AMOUNT, MAX_AMOUNT)
    hp = rates["holiday_pay"] if holiday_pay is None else finite_number("holiday_pay", holiday_pay, 0.0, 0.5)
    zones = rates["zones"]
    if not isinstance(zone, str) or zone not in zones:
        raise invalid("incentives.cost.zone", value=zone, allowed=", ".join(zones))
    cost = x * (1 + hp) * (1 + zones[zone])
    return float(cost) if x.ndim == 0 else cost


def format_number_x(value: float) -> str:
    """A multiplier such as ``1,5x`` / ``1.5x``."""
    decimals = 0 if float(value).is_integer() else 2 if round(value, 1) != value else 1
    return f"{format_number(value, decimals)}x"




__all__ = [
    "Risk", "cap_attainment", "compare_plans", "cost_band", "employer_cost", "format_millions", "format_number_x", "gaming_risks",
    "payout_curve", "risk_note",
]


# Imported last, on purpose: course_lib.incentives re-exports this module's names at its end, so when this
# module is imported on its own (``import course_lib.incentives_review``) incentives must find every name
# here already defined. The functions above use these names only when called.
from .incentives import MAX_AMOUNT, Plan, payout, total_cash  # noqa: E402
