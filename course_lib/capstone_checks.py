"""Module 06, the capstone: the facts the coherence checks read, the six checks and a coherent example.

Split out of :mod:`course_lib.capstone`, which re-exports every name; import from there.

Example:
    >>> [f.check for f in coherence(case_package(), "en")][:1]
    ['controllability']
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping

import numpy as np

from .capstone_parts import HER, ICT, SEAT, TEAM_DECISIONS, Package, case_package, data
from .i18n import format_money, format_number, format_percent, pick, resolve_language

# --------------------------------------------------------------------------- facts the checks use


def plan_weights(plan: Mapping[str, Any] | None) -> dict[str, float]:
    """The plan's measure weights as ``{measure: weight}`` (empty without a plan)."""
    if not plan:
        return {}
    w = plan.get("weights", {})
    if isinstance(w, Mapping):
        return {str(k): float(v) for k, v in w.items()}
    return {str(k): float(v) for k, v in w}


def bonus_measures(pkg: Package) -> list[str]:
    """The measures the bonus pays for (weight above 0)."""
    return [m for m, w in plan_weights(pkg.plan).items() if w > 0]


def measured_kpis(pkg: Package) -> list[str]:
    """What she is measured on: the board's list plus the bonus measures."""
    measured = list((pkg.board or {}).get("measured", []))
    return measured + [m for m in bonus_measures(pkg) if m not in measured]


def her_cell(pkg: Package, decision: str) -> str:
    """Her RACI letters for a decision on the board ("" when none)."""
    row = ((pkg.board or {}).get("matrix") or {}).get(decision) or {}
    return str(row.get(HER, "") or "").upper()


def holder(pkg: Package, decision: str) -> str | None:
    """The role holding A for a decision (``None`` when nobody does)."""
    row = ((pkg.board or {}).get("matrix") or {}).get(decision) or {}
    for role, cell in row.items():
        if "A" in str(cell).upper():
            return role
    return None


def forecast_source(pkg: Package) -> str | None:
    """Which forecast the threshold check uses: ``"pipeline"`` (module 02's, from the budget part),
    ``"team"`` (the team's recent months) or ``None`` (no plan, or no data to forecast from).

    Example:
        >>> forecast_source(case_package())
        'pipeline'
    """
    if not pkg.plan:
        return None
    if pkg.budget:
        return "pipeline"
    return "team" if pkg.team is not None else None


def threshold_probability(pkg: Package) -> float | None:
    """P(she reaches the plan's bonus threshold) under the package's forecast (a model).

    With a budget part: module 02's pipeline forecast, P(the team's sales over the horizon reach
    ``threshold`` x budget). Without: the share of the team's recent seller-months whose new sales
    reach ``threshold`` x the plan's quota.

    Example:
        >>> p = threshold_probability(case_package())
        >>> 0 <= p <= 1
        True
    """
    src = forecast_source(pkg)
    if src is None:
        return None
    plan = pkg.plan
    if src == "pipeline":
        from .capstone_budget import p_at_least, threshold_level

        return p_at_least(pkg.budget, threshold_level(pkg.budget, float(plan.get("threshold", 0.0))))
    level = float(plan.get("threshold", 0.0)) * float(plan["quota"])
    team = pkg.team
    months = sorted(set(team["month"]))[-int(data()["limits"]["history_months"]):]
    sales = team.loc[team["month"].isin(months), "new_sales"].to_numpy(dtype=float)
    if sales.size == 0:
        return None
    return float(np.mean(sales >= level))


def quota_probability(pkg: Package) -> float | None:
    """P(reaching 100 % of the budget, or of the plan's quota), same model as :func:`threshold_probability`."""
    if not pkg.plan:
        return None
    return threshold_probability(replace(pkg, plan={**pkg.plan, "threshold": 1.0}))


def forecast_note(pkg: Package, lang: str | None = None) -> str:
    """A sentence saying which forecast the threshold check used, and on what.

    Example:
        >>> "module 02" in forecast_note(case_package(), "en")
        True
    """
    from .i18n import t

    src = forecast_source(pkg)
    b = pkg.budget
    if src == "team":
        return t("capstone.forecast.note_team", lang=lang)
    if not b:
        return t("capstone.forecast.note_none", lang=lang)
    whose = "own" if b.get("source") == "own" else ("saved" if pkg.source.get("budget") == "saved" else "case")
    if src is None:  # a budget but no plan: nothing to check yet
        return t("capstone.forecast.note_budget_only", whose=t(f"capstone.forecast.whose_{whose}", lang=lang),
                 budget=format_money(b["budget"], 0, lang), months=int(b["horizon"]),
                 p_budget=format_percent(float(b["p_reach"]), 0, lang), lang=lang)
    return t("capstone.forecast.note_pipeline", whose=t(f"capstone.forecast.whose_{whose}", lang=lang),
             budget=format_money(b["budget"], 0, lang), months=int(b["horizon"]),
             p_budget=format_percent(quota_probability(pkg), 0, lang),
             threshold=format_percent(float(pkg.plan.get("threshold", 0.0)), 0, lang), lang=lang)


def weakest_question(pkg: Package) -> tuple[str, float] | None:
    """The profile's lowest-scoring inner question and its score."""
    if not pkg.profile:
        return None
    q = min(pkg.profile, key=lambda k: (pkg.profile[k], k))
    return q, float(pkg.profile[q])


def budget_reachable(pkg: Package) -> bool:
    """Whether the budget part (if any) is reached often enough under its forecast: P(reach) at least
    ``limits.low_budget_probability`` (default 30 %, the lower edge of module 02's stretch zone)."""
    if not pkg.budget:
        return True
    limit = float(data()["limits"].get("low_budget_probability", 0.3))
    return quota_probability(pkg) >= limit if pkg.plan else float(pkg.budget.get("p_reach", 0.0)) >= limit


def _conditions(pkg: Package) -> dict[str, bool]:
    p = threshold_probability(pkg)
    low = data()["limits"]["low_probability"]
    ict = her_cell(pkg, ICT)
    threshold_ok = p is not None and p >= low
    return {
        "holds_team_decisions": sum("A" in her_cell(pkg, d) for d in TEAM_DECISIONS) >= 2,
        "threshold_reachable": threshold_ok,
        "goals_reachable": threshold_ok and budget_reachable(pkg),
        "ict_support": "A" in ict or "R" in ict,
        "plan_pays": bool(pkg.plan) and float(pkg.plan.get("target_incentive", 0)) > 0,
        "strategy_saved": bool(pkg.strategy),
        "seat_or_influence": any(ch in her_cell(pkg, SEAT) for ch in "ARC"),
    }


def addressed_questions(pkg: Package) -> set[str]:
    """The inner questions some part of the package answers (rules in ``capstone.yaml: addresses``)."""
    cond = _conditions(pkg)
    return {a["question"] for a in data()["addresses"] if cond.get(a["when"])}


# --------------------------------------------------------------------------- coherence checks


@dataclass(frozen=True)
class Finding:
    """One coherence problem: which check, the modules to go back to, its title and explanation."""

    check: str
    modules: tuple[str, ...]
    title: str
    text: str


def _finding(check_id: str, lang: str | None, **values: Any) -> Finding:
    entry = next(c for c in data()["checks"] if c["id"] == check_id)
    text = pick(entry["explain"], lang).format(**values)
    return Finding(check_id, tuple(entry["modules"]), pick(entry["title"], lang), text)


def _label_or_key(kind: str, key: str, lang, **options) -> str:
    """The delegation catalogue's label of ``key`` (``kind``: kpi, decision or role), or the key
    itself when the catalogue has none (a learner's own KPI or role)."""
    from . import delegation as dl

    label = {"kpi": dl.kpi_label, "decision": dl.decision_label, "role": dl.role_label}[kind]
    try:
        return label(key, lang, **options)
    except (ValueError, TypeError):
        return str(key)


def _kpi(k: str, lang) -> str:
    return _label_or_key("kpi", k, lang)


def _decision(d: str, lang) -> str:
    return _label_or_key("decision", d, lang)


def _role(r: str, lang) -> str:
    return _label_or_key("role", r, lang)


def _role_in_sentence(r: str, lang) -> str:
    """A role inside a sentence: 'administrerende direktør' / 'the CEO' (acronyms kept)."""
    label = _role(r, lang)
    if (resolve_language(lang)) == "nb":
        return label if label.isupper() else label[:1].lower() + label[1:]
    return label if label.isupper() and len(label) <= 2 else "the " + (label if label.isupper() else label[:1].lower() + label[1:])


def _role_short(r: str, lang) -> str:
    return _label_or_key("role", r, lang, short=True)


def _join(items, lang) -> str:
    items = list(items)
    word = {"nb": " og ", "en": " and "}[resolve_language(lang)]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + word + items[-1]


def check_controllability(pkg: Package, lang: str | None = None) -> list[Finding]:
    """A bonus measure whose driving decisions she does not hold (module 04)."""
    measures = bonus_measures(pkg)
    if not measures or not pkg.board:
        return []
    from . import delegation as dl

    report = dl.controllability_gaps(pkg.board["matrix"], measures)
    if not report.gaps:
        return []
    missing = sorted({d for g in report.gaps for d in g.missing})
    return [_finding("controllability", lang, kpis=_join([_kpi(g.kpi, lang) for g in report.gaps], lang),
                     missing=_join([_decision(d, lang) for d in missing], lang))]


def check_threshold(pkg: Package, lang: str | None = None) -> list[Finding]:
    """A bonus threshold reached with low probability under the forecast (modules 02 and 03)."""
    p = threshold_probability(pkg)
    if p is None or p >= data()["limits"]["low_probability"]:
        return []
    from .i18n import t

    if forecast_source(pkg) == "pipeline":
        basis = t("capstone.forecast.basis_pipeline", months=int(pkg.budget["horizon"]), lang=lang)
        target = t("capstone.forecast.target_budget", budget=format_money(pkg.budget["budget"], 0, lang), lang=lang)
    else:
        basis, target = t("capstone.forecast.basis_team", lang=lang), t("capstone.forecast.target_quota", lang=lang)
    return [_finding("threshold_probability", lang, basis=basis, target=target,
                     threshold=format_percent(float(pkg.plan.get("threshold", 0)), 0, lang),
                     probability=format_percent(p, 0, lang))]


def check_phase(pkg: Package, lang: str | None = None) -> list[Finding]:
    """New sales rewarded in a loyalty phase, or too little in a growth phase (module 03)."""
    if not pkg.plan:
        return []
    w = plan_weights(pkg.plan).get("new_sales", 0.0)
    lim = data()["limits"]
    wrong = (pkg.phase == "loyalty" and w > lim["new_sales_weight_loyalty"]) or \
            (pkg.phase == "growth" and w < lim["new_sales_weight_growth"])
    if not wrong:
        return []
    from .i18n import t

    return [_finding("phase_mismatch", lang, phase=t(f"capstone.phase.{pkg.phase}", lang=lang),
                     weight=format_percent(w, 0, lang))]


def check_ict(pkg: Package, lang: str | None = None) -> list[Finding]:
    """Measured on what the ICT budget moves without holding the budget (modules 04 and 05)."""
    if not pkg.board:
        return []
    kpis = [k for k in measured_kpis(pkg) if k in data()["ict_kpis"]]
    if not kpis or "A" in her_cell(pkg, ICT):
        return []
    who = holder(pkg, ICT)
    from .i18n import t

    return [_finding("ict_budget", lang, kpis=_join([_kpi(k, lang) for k in kpis], lang),
                     holder=_role_in_sentence(who, lang) if who else t("capstone.nobody", lang=lang))]


def check_weakest(pkg: Package, lang: str | None = None) -> list[Finding]:
    """The profile's weakest inner question answered by no part of the package (module 01)."""
    weak = weakest_question(pkg)
    if weak is None or weak[0] in addressed_questions(pkg):
        return []
    from . import motivation as mot

    q = mot.INNER_QUESTIONS[weak[0]] if weak[0] in mot.INNER_QUESTIONS else None
    name = pick(q.name, lang) if q is not None else weak[0]
    return [_finding("weakest_question", lang, question=name, score=format_number(weak[1], 1, lang))]


def check_seat(pkg: Package, lang: str | None = None) -> list[Finding]:
    """Goals that cross other functions with no seat or voice in top management (module 04)."""
    if not pkg.board:
        return []
    if any(ch in her_cell(pkg, SEAT) for ch in "ARC"):
        return []
    measured = set(measured_kpis(pkg))
    crossing = {d: [k for k in ks if k in measured] for d, ks in data()["cross_function_decisions"].items()}
    crossing = {d: ks for d, ks in crossing.items() if ks and "A" not in her_cell(pkg, d)}
    if not crossing:
        return []
    kpis = sorted({k for ks in crossing.values() for k in ks})
    return [_finding("no_seat", lang, kpis=_join([_kpi(k, lang) for k in kpis], lang),
                     decisions=_join([_decision(d, lang) for d in crossing], lang))]


CHECKS = {"controllability": check_controllability, "threshold_probability": check_threshold,
          "phase_mismatch": check_phase, "ict_budget": check_ict, "weakest_question": check_weakest,
          "no_seat": check_seat}


def coherence(pkg: Package, lang: str | None = None) -> list[Finding]:
    """Every coherence finding for the package (an empty list: no conflicting goals found).

    Example:
        >>> [f.check for f in coherence(case_package(), "en")][:1]
        ['controllability']
    """
    out: list[Finding] = []
    for entry in data()["checks"]:
        out.extend(CHECKS[entry["id"]](pkg, lang))
    return out


def coherent_case(team=None, lang: str | None = None) -> Package:
    """The case with the fixes the checks ask for: a worked example of a coherent package (the budget
    at the forecast's median, a lower threshold with a ramp, more weight on renewals, the decision rights).

    Example:
        >>> coherence(coherent_case())
        []
    """
    from . import delegation as dl

    from .capstone_budget import with_budget

    pkg = case_package(team, phase="loyalty", lang=lang)
    budget = with_budget(pkg.budget, round(pkg.budget["p50"], -5))  # module 02: a budget in the stretch zone
    matrix = dl.to_frame(pkg.board["matrix"])
    plan = {**pkg.plan, "threshold": 0.5, "threshold_style": "ramp",
            "weights": {"new_sales": 0.4, "renewals": 0.4, "customer_satisfaction": 0.2}}
    for d in ("hire_sellers", "restructure_sellers", "bonus_system", "ict_budget", "price_discount_limits",
              "digital_strategy_targets", "marketing_campaigns", "customer_service_processes"):
        matrix = dl.grant(matrix, d, HER, "A/R")
    matrix = dl.grant(matrix, SEAT, HER, "C") if "A" not in her_cell(pkg, SEAT) else matrix
    board = {"matrix": dl.matrix_to_dict(matrix), "measured": list(pkg.board["measured"])}
    return replace(pkg, plan=plan, board=board, budget=budget)


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
