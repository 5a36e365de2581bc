"""Computational exercises for module 03 (bonus system design).

* :func:`check_commission` - a commission from a tiered table, marginal method, in code.
* :func:`check_incentive` - the incentive of a tiered plan for one month's sales, with ``payout``.
* :func:`check_loyalty_plan` - measure weights for the loyalty phase, judged by the simulation.
* :func:`check_design` - a plan that meets a sales director's brief, checked criterion by criterion.

Each check treats ``...`` or ``None`` as "not answered yet", explains what is wrong, and records the
attempt in the progress store.

Example:
    >>> check_commission(..., record=False).correct is None
    True
"""
from __future__ import annotations

from typing import Any

from .. import agency
from ..cases import load_team
from ..i18n import format_money, format_number, format_percent, t
from ..incentives_review import format_millions
from ..incentives import Plan, payout, tiered_commission, total_cash
from ..incentives_team import apply_plan
from .computed import CheckResult, check_number, is_unanswered

# --------------------------------------------------------------------------- commission table

COMMISSION_TABLE = [(100_000, 0.02), (300_000, 0.04), (500_000, 0.06)]
"""The table in the commission exercise: (from NOK, rate)."""
COMMISSION_SALES = 620_000


def expected_commission() -> float:
    """The right answer: marginal commission on :data:`COMMISSION_SALES` (NOK).

    Example:
        >>> expected_commission()
        19200.0
    """
    return tiered_commission(COMMISSION_SALES, COMMISSION_TABLE, "marginal")


def check_commission(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``commission`` for the table :data:`COMMISSION_TABLE` and sales of 620 000 NOK (marginal)."""
    whole = tiered_commission(COMMISSION_SALES, COMMISSION_TABLE, "whole")
    mistakes = [
        (whole, {"nb": "Dette er «for alt»-metoden: 6 % på hele beløpet. Trinnvis betyr at hver sats bare gjelder sitt trinn.",
                 "en": "That is the whole-amount method: 6% on everything. Marginal means each rate applies only to its band."}),
        (0.02 * (COMMISSION_SALES - 100_000) + 0.04 * (COMMISSION_SALES - 300_000) + 0.06 * (COMMISSION_SALES - 500_000), {
            "nb": "Du har lagt satsene oppå hverandre (2 % + 4 % + 6 % over 500 000). På et trinn gjelder bare trinnets egen sats.",
            "en": "You stacked the rates (2% + 4% + 6% above 500,000). In each band only that band's rate applies."}),
        (0.02 * 200_000 + 0.04 * 200_000 + 0.06 * 220_000, {
            "nb": "Du har latt det øverste trinnet starte ved 400 000. Det starter ved 500 000: bare 120 000 får 6 %.",
            "en": "You let the top band start at 400,000. It starts at 500,000: only 120,000 earn 6%."}),
        (0.02 * COMMISSION_SALES, {"nb": "Du har brukt 2 % på hele salget. Satsen stiger på trinnene over 300 000 og 500 000, og under 100 000 betales ingenting.",
                                   "en": "You used 2% on all the sales. The rate rises in the bands above 300,000 and 500,000, and nothing is paid below 100,000."}),
        (0.02 * 300_000 + 0.04 * 200_000 + 0.06 * 120_000, {
            "nb": "Du har latt 2 % gjelde fra 0 kr. Tabellen betaler ingenting under 100 000.",
            "en": "You let 2% apply from NOK 0. The table pays nothing below 100,000."}),
    ]
    return check_number("incentives.commission", value, expected_commission(), name="commission", abs_tol=0.5,
                        mistakes=mistakes, formatter=format_money, record=record)


# --------------------------------------------------------------------------- a plan's incentive

INCENTIVE_PLAN = Plan.from_ote(65_000, 0.6, 400_000, threshold=0.5, accelerators=[(1.0, 1.5), (1.25, 2.0)], cap=2.5)
"""The plan in the incentive exercise."""
INCENTIVE_SALES = 540_000


def expected_incentive() -> float:
    """The incentive of :data:`INCENTIVE_PLAN` at :data:`INCENTIVE_SALES` (NOK).

    Example:
        >>> round(expected_incentive())
        40950
    """
    return payout(INCENTIVE_PLAN, INCENTIVE_SALES)


def check_incentive(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``incentive`` for :data:`INCENTIVE_PLAN` at 540 000 NOK of new sales."""
    p = INCENTIVE_PLAN
    rate = p.base_rate
    mistakes = [
        (total_cash(p, INCENTIVE_SALES), {"nb": "Dette er samlet lønn med fastlønnen. Oppgaven ber om bonusen alene.",
                                          "en": "That is total cash including base salary. The task asks for the incentive alone."}),
        (rate * INCENTIVE_SALES, {"nb": "Du har brukt grunnsatsen på alt og glemt akseleratorene over 100 % og 125 %.",
                                  "en": "You used the base rate on everything and forgot the accelerators above 100% and 125%."}),
        (2.0 * rate * INCENTIVE_SALES, {"nb": "Du har brukt den høyeste satsen på hele salget. Akseleratorene er marginale.",
                                        "en": "You applied the top rate to all the sales. The accelerators are marginal."}),
        (rate * p.quota + 1.5 * rate * (INCENTIVE_SALES - p.quota), {
            "nb": "Du har glemt trinn 2: over 125 % av målet (500 000 kr) er satsen 2 ganger grunnsatsen.",
            "en": "You forgot tier 2: above 125% of quota (NOK 500,000) the rate is 2 times the base rate."}),
    ]
    return check_number("incentives.plan_incentive", value, expected_incentive(), name="incentive", abs_tol=1.0,
                        mistakes=mistakes, formatter=format_money, record=record)


# --------------------------------------------------------------------------- loyalty weights


def _loyalty_profit(plan: Plan) -> tuple[float, float]:
    res = agency.simulate_phase(plan, "loyalty")
    return res.totals["profit"], res.totals["customers_end"]


def loyalty_benchmark() -> dict[str, float]:
    """Profit and customers at the end for the new-sales-only plan and the best weighting on a grid."""
    best = max((_loyalty_profit(agency.weighted_plan(w, (1 - w) * 0.7, (1 - w) * 0.3)) + (w,)
                for w in [i / 20 for i in range(21)]), key=lambda x: x[0])
    base = _loyalty_profit(agency.weighted_plan(1.0))
    return {"best_profit": best[0], "best_customers": best[1], "best_new_weight": best[2],
            "new_only_profit": base[0], "new_only_customers": base[1]}


def check_loyalty_plan(plan: Any, *, record: bool = True) -> CheckResult:
    """Check a plan for region East (loyalty phase): at least half of the profit gain (in the model)
    that the best weighting reaches over the new-sales-only plan, and more customers kept than that plan.

    Example:
        >>> check_loyalty_plan(agency.weighted_plan(1.0), record=False).correct
        False
    """
    ex_id = "incentives.loyalty_plan"
    if is_unanswered(plan):
        return CheckResult(ex_id, None, t("exercises.not_answered"))
    if not isinstance(plan, Plan):
        return _finish(ex_id, False, t("incentives.check.not_a_plan", kind=type(plan).__name__), record, repr(plan)[:60])
    bench = loyalty_benchmark()
    profit, customers = _loyalty_profit(plan)
    w = plan.weight_of
    facts = t("incentives.check.loyalty_facts", profit=format_millions(profit), best=format_millions(bench["best_profit"]),
              customers=format_number(customers), base=format_number(bench["new_only_customers"]))
    gain = bench["best_profit"] - bench["new_only_profit"]
    ok = profit >= bench["best_profit"] - 0.5 * gain and customers > bench["new_only_customers"]
    if ok:
        message = t("incentives.check.loyalty_ok") + " " + facts
    elif w["new_sales"] >= 0.7:
        message = t("incentives.check.loyalty_too_new", share=format_percent(w["new_sales"], 0)) + " " + facts
    elif plan.base_share >= 0.9:
        message = t("incentives.check.loyalty_no_variable") + " " + facts
    else:
        message = t("incentives.check.loyalty_short") + " " + facts
    return _finish(ex_id, ok, message, record, plan.to_dict())


# --------------------------------------------------------------------------- design brief

BRIEF = {"ote": 65_000, "base_share_min": 0.5, "base_share_max": 0.7, "max_cost_of_sales": 0.115,
         "max_spread": 2.5, "min_care_weight": 0.2}
"""The sales director's brief for the design task (spread = top decile / median of incentive pay)."""


def design_criteria(plan: Plan, team=None) -> list[tuple[str, bool, str]]:
    """Each criterion of :data:`BRIEF` as ``(key, met, explanation)`` for ``plan`` on the case team.

    Example:
        >>> [ok for _, ok, _ in design_criteria(Plan.from_ote(65_000, 0.6, 380_000))]
        [True, True, True, True, False, True]
    """
    team = load_team() if team is None else team
    at_quota = {"renewals": plan.renewal_quota, "satisfaction": plan.satisfaction_target}
    cash = total_cash(plan, plan.quota, **{k: v for k, v in at_quota.items() if v is not None})
    result = apply_plan(plan, team, "month", "plan")
    risky = [r for r in result.risks if r.severity == "high"]
    care = plan.weight_of["renewals"] + plan.weight_of["customer_satisfaction"]
    b = BRIEF
    return [
        ("ote", abs(cash - b["ote"]) <= 1.0,
         t("incentives.check.c_ote", value=format_money(cash), target=format_money(b["ote"]))),
        ("mix", b["base_share_min"] - 1e-9 <= plan.base_share <= b["base_share_max"] + 1e-9,
         t("incentives.check.c_mix", value=format_percent(plan.base_share, 0),
           low=format_percent(b["base_share_min"], 0), high=format_percent(b["base_share_max"], 0))),
        ("cost", result.cost_of_sales <= b["max_cost_of_sales"],
         t("incentives.check.c_cost", value=format_percent(result.cost_of_sales, 1),
           limit=format_percent(b["max_cost_of_sales"], 1))),
        ("spread", result.incentive_top_decile_ratio <= b["max_spread"],
         t("incentives.check.c_spread", value=format_number(result.incentive_top_decile_ratio, 2),
           limit=format_number(b["max_spread"], 1))),
        ("care", care >= b["min_care_weight"] - 1e-9,
         t("incentives.check.c_care", value=format_percent(care, 0), limit=format_percent(b["min_care_weight"], 0))),
        ("risks", not risky,
         t("incentives.check.c_risks", risks="; ".join(r.message for r in risky) or "-")),
    ]


def check_design(plan: Any, *, record: bool = True) -> CheckResult:
    """Check a plan against the design brief :data:`BRIEF`, explaining every criterion.

    Example:
        >>> check_design(..., record=False).correct is None
        True
    """
    ex_id = "incentives.design"
    if is_unanswered(plan):
        return CheckResult(ex_id, None, t("exercises.not_answered"))
    if not isinstance(plan, Plan):
        return _finish(ex_id, False, t("incentives.check.not_a_plan", kind=type(plan).__name__), record, repr(plan)[:60])
    criteria = design_criteria(plan)
    ok = all(met for _, met, _ in criteria)
    lines = [("✓ " if met else "✗ ") + text for _, met, text in criteria]
    head = t("incentives.check.design_ok") if ok else t("incentives.check.design_not_yet",
                                                         n=sum(not m for _, m, _ in criteria))
    return _finish(ex_id, ok, head + " " + " | ".join(lines), record, plan.to_dict())


def _finish(ex_id: str, correct: bool, message: str, record: bool, answer: Any) -> CheckResult:
    if record:
        from ..progress import get_store

        get_store().record_attempt(ex_id, answer, correct)
    return CheckResult(ex_id, correct, message)


def commission_case():
    """The commission exercise's steps and sales as a learner reads them (thresholds and rates in the
    language's format); the code keeps using :data:`COMMISSION_TABLE` and :data:`COMMISSION_SALES`.

    Example:
        >>> commission_case().frame.shape
        (4, 2)
    """
    import pandas as pd

    from ..i18n import format_money, format_percent, pick
    from ..tables import learner_table

    above = {"nb": "Salg over {}", "en": "Sales above {}"}
    rows = [(pick(above).format(format_money(low)), format_percent(rate, 0)) for low, rate in COMMISSION_TABLE]
    rows.append((pick({"nb": "Salget i perioden", "en": "Sales in the period"}), format_money(COMMISSION_SALES)))
    return learner_table(pd.DataFrame(rows, columns=["step", "value"]),
                         labels={"step": {"nb": "Trinn", "en": "Step"},
                                 "value": {"nb": "Sats eller beløp", "en": "Rate or amount"}})


__all__ = [
    "BRIEF", "COMMISSION_SALES", "COMMISSION_TABLE", "commission_case", "INCENTIVE_PLAN", "INCENTIVE_SALES", "check_commission",
    "check_design", "check_incentive", "check_loyalty_plan", "design_criteria", "expected_commission",
    "expected_incentive", "loyalty_benchmark",
]
