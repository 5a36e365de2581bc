"""Module 06, the capstone: one motivation package for the sales manager, checked for coherence and scored.

The package gathers what the learner saved in modules 01-05 (progress store sections ``profiles``,
``budgets``, ``plans``, ``decision_rights``, ``delegation_levels``, ``digital_strategy``, ``investment_case``),
fills what is missing from the case when asked, runs six coherence checks across the parts (the
source's demand that top management weighs the parts so she gets no conflicting goals) and scores
the package against the rubric in ``content/capstone.yaml`` (weights visible, explained criterion
by criterion). Everything here is data in, data out: no widgets, no plots.

The forecast behind the threshold check is module 02's pipeline forecast when the package has a
budget part (saved by the budget setter, filled from the case, or re-forecast on a leader's own
pipeline export with ``gather(pipeline=...)``): the chance that the team's sales over the budget's
horizon reach the plan's threshold share of the budget. Without a budget part it falls back on a
simpler model: the team's recent seller-months (new sales per seller) as the spread of what a month
brings, the probability being the share of those months at or above the plan's threshold (own team
CSV via ``cases.load_team(path)``). :func:`forecast_note` says in words which one was used.

Example:
    >>> from course_lib.i18n import set_language
    >>> set_language("en")
    >>> pkg = case_package()
    >>> sorted(f.check for f in coherence(pkg))[:2]
    ['controllability', 'ict_budget']
    >>> round(score(pkg).total, 1) < score(pkg).maximum
    True
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

import numpy as np

from . import content
from .i18n import format_money, format_number, format_percent, get_language, invalid, pick

PARTS = ("profile", "budget", "plan", "board", "levels", "strategy", "investment")
PHASES = ("growth", "loyalty")
HER = "sales_manager"
SEAT = "top_management_seat"
ICT = "ict_budget"
REFLECTION_ID = "capstone.reflection_package"
TEAM_DECISIONS = ("hire_sellers", "restructure_sellers", "bonus_system")

# where each module saves its part (section, how to pick the entry)
SECTIONS = {"profile": "profiles", "budget": "budgets", "plan": "plans", "board": "decision_rights", "levels": "delegation_levels",
            "strategy": "digital_strategy", "investment": "investment_case"}


def data() -> dict:
    """The capstone content (parts, limits, checks, rubric, case defaults)."""
    return content.load("capstone")


def _check_content(d: dict) -> list[tuple[str, str, str]]:
    problems = []
    ids = [c["id"] for c in d.get("checks", [])]
    if len(set(ids)) != len(ids):
        problems.append(("checks", "id", "duplicate check ids"))
    rub = [r["id"] for r in d.get("rubric", [])]
    if len(set(rub)) != len(rub):
        problems.append(("rubric", "id", "duplicate rubric ids"))
    if sum(r.get("weight", 0) for r in d.get("rubric", [])) <= 0:
        problems.append(("rubric", "weight", "the weights must not all be 0"))
    return problems


content.register_check("capstone", _check_content)


def part_info(part: str, lang: str | None = None) -> dict[str, str]:
    """Name, module, notebook and section of a part, in the learner's language.

    Example:
        >>> part_info("plan", "en")["notebook"]
        '03_bonus_system.ipynb'
    """
    if part not in PARTS:
        raise invalid("capstone.unknown_part", value=part, allowed=", ".join(PARTS))
    entry = next(p for p in data()["parts"] if p["id"] == part)
    return {"id": part, "module": entry["module"], "notebook": entry["notebook"],
            "name": pick(entry["name"], lang), "section": pick(entry["section"], lang)}


@dataclass(frozen=True)
class Package:
    """A motivation package: the parts (plain JSON-like values) and where each came from.

    ``source[part]`` is ``"saved"`` (the learner's own), ``"case"`` (filled from the case) or
    ``"missing"``. ``team`` is the seller-month table (the case's or your own); ``pipeline`` the
    open deals a leader passed in (``None``: the figures in ``budget`` as saved or the case's).
    """

    profile: Mapping[str, float] | None = None
    budget: Mapping[str, Any] | None = None
    plan: Mapping[str, Any] | None = None
    board: Mapping[str, Any] | None = None
    levels: Mapping[str, int] | None = None
    strategy: Mapping[str, int] | None = None
    investment: Mapping[str, Any] | None = None
    phase: str = "loyalty"
    reflections: Mapping[str, str] = field(default_factory=dict)
    source: Mapping[str, str] = field(default_factory=dict)
    team: Any = None
    names: Mapping[str, str] = field(default_factory=dict)
    pipeline: Any = None

    def missing(self) -> list[str]:
        """The parts still missing (neither saved nor filled from the case)."""
        return [p for p in PARTS if getattr(self, p) is None]


# --------------------------------------------------------------------------- case defaults


def case_part(part: str, lang: str | None = None, team=None, pipeline=None) -> Any:
    """The case company's value for one part (its situation today).

    The budget part is top management's budget for the case (module 02) with module 02's forecast
    on the case's pipeline, or on ``pipeline`` (a leader's own deals) and ``team`` when given.

    Example:
        >>> case_part("profile")["goal_attainability"]
        2.5
    """
    case = data()["case"]
    if part == "profile":
        return dict(case["profile"])
    if part == "budget":
        from .capstone_budget import case_record

        return case_record(team, pipeline, int(case.get("budget_horizon", 3)))
    if part == "plan":
        return dict(case["plan"])
    if part == "board":
        from . import delegation as dl

        return {"matrix": dl.matrix_to_dict(dl.preset_matrix(case["board_preset"])), "measured": list(case["measured"])}
    if part == "levels":
        return dict(case["levels"])
    if part == "strategy":
        try:
            from . import strategy as sg  # module 05

            return dict(sg.case_answers())
        except ImportError:  # module 05 not installed: no seven-steps answers in the case either
            return {}
    if part == "investment":
        return {"lang": lang or get_language(), "markdown": pick(case["investment"], lang)}
    raise invalid("capstone.unknown_part", value=part, allowed=", ".join(PARTS))


def _team(team=None):
    from . import cases

    return cases.load_team() if team is None else team


def _pipeline(pipeline=None):
    """A leader's pipeline: a frame as given, or a CSV/xlsx path read by ``cases.load_pipeline``."""
    if pipeline is None or hasattr(pipeline, "columns"):
        return pipeline
    from .cases import load_pipeline

    return load_pipeline(pipeline)


def case_package(team=None, phase: str | None = None, lang: str | None = None, pipeline=None) -> Package:
    """Every part filled from the case (what the case company does today).

    Example:
        >>> case_package().source["board"]
        'case'
    """
    team, pipeline = _team(team), _pipeline(pipeline)
    parts = {p: case_part(p, lang, team=team, pipeline=pipeline) for p in PARTS}
    return Package(**parts, phase=phase or data()["case"]["phase"], source={p: "case" for p in PARTS},
                   team=team, names={"plan": parts["plan"].get("name", "")}, pipeline=pipeline)


def _latest(items: Mapping[str, Any], name: str | None) -> tuple[str | None, Any]:
    if not isinstance(items, Mapping) or not items:
        return None, None
    if name is not None:
        return (name, items[name]) if name in items else (None, None)
    key = list(items)[-1]  # the store keeps insertion order: the last saved
    return key, items[key]


def gather(store_data: Mapping[str, Any] | None = None, fill_from_case: bool = False, team=None,
           phase: str | None = None, names: Mapping[str, str] | None = None, lang: str | None = None,
           pipeline=None) -> Package:
    """The package from the learner's saved work (``ProgressStore.load()``), missing parts left out or filled.

    ``names`` picks a saved entry per part (e.g. ``{"plan": "My plan"}``); otherwise the last saved.
    ``phase`` defaults to the one saved in the capstone, else the case's. ``team`` (a frame from
    ``cases.load_team``) and ``pipeline`` (a frame from ``cases.load_pipeline``, or the path of a
    CSV/xlsx export it reads) are a leader's own data: the budget's forecast is then made again on
    her pipeline (same budget and horizon), and parts filled from the case use her team and deals.

    Raises:
        ValueError: a pipeline file that cannot be read (the loader's translated message).

    Example:
        >>> pkg = gather({"sections": {}, "reflections": {}})
        >>> pkg.missing()[:2]
        ['profile', 'budget']
    """
    if store_data is None:
        from .progress import get_store

        store_data = get_store().load()
    sections = store_data.get("sections", {}) if isinstance(store_data, Mapping) else {}
    names = dict(names or {})
    team, pipeline = _team(team), _pipeline(pipeline)
    parts: dict[str, Any] = {}
    source: dict[str, str] = {}
    chosen: dict[str, str] = {}
    for part in PARTS:
        items = sections.get(SECTIONS[part], {})
        if part == "strategy":
            key, value = ("answers", items.get("answers")) if isinstance(items, Mapping) else (None, None)
        elif part == "investment":
            key, value = ("summary", items.get("summary")) if isinstance(items, Mapping) else (None, None)
        else:
            key, value = _latest(items, names.get(part))
        value = _clean(part, value)
        if value is not None:
            if part == "budget" and pipeline is not None:
                from .capstone_budget import reforecast

                value = reforecast(value, pipeline, team)
            parts[part], source[part] = value, "saved"
            chosen[part] = str(key)
        elif fill_from_case:
            parts[part], source[part] = case_part(part, lang, team=team, pipeline=pipeline), "case"
        else:
            parts[part], source[part] = None, "missing"
    saved_phase = sections.get("capstone", {}).get("phase") if isinstance(sections.get("capstone"), Mapping) else None
    phase = phase or (saved_phase if saved_phase in PHASES else data()["case"]["phase"])
    if phase not in PHASES:
        raise invalid("capstone.unknown_phase", value=phase, allowed=", ".join(PHASES))
    reflections = {rid: str(entry.get("text", "")) for rid, entry in (store_data.get("reflections") or {}).items()
                   if isinstance(entry, Mapping)}
    if parts.get("plan") is not None and source["plan"] == "case":
        chosen["plan"] = str(parts["plan"].get("name", ""))
    return Package(**parts, phase=phase, reflections=reflections, source=source, team=team, names=chosen,
                   pipeline=pipeline)


def _clean(part: str, value: Any) -> Any:
    """A saved value in the shape the checks need, or ``None`` when it is unusable."""
    if value is None:
        return None
    try:
        if part == "profile":
            from . import motivation as mot

            return mot.check_scores(value)
        if part == "budget":
            from .capstone_budget import clean_record

            return clean_record(value)
        if part == "plan":
            from .incentives import Plan

            return Plan.from_dict(value).to_dict()
        if part == "board":
            if not isinstance(value, Mapping) or not isinstance(value.get("matrix"), Mapping):
                return None
            return {"matrix": dict(value["matrix"]), "measured": [str(k) for k in value.get("measured", [])]}
        if part in ("levels", "strategy"):
            return {str(k): int(v) for k, v in dict(value).items() if v is not None} or None
        if part == "investment":
            return dict(value) if isinstance(value, Mapping) and isinstance(value.get("markdown"), str) else None
    except (ValueError, TypeError):
        return None
    return None


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


def _kpi(k: str, lang) -> str:
    from . import delegation as dl

    try:
        return dl.kpi_label(k, lang)
    except ValueError:
        return k


def _decision(d: str, lang) -> str:
    from . import delegation as dl

    try:
        return dl.decision_label(d, lang)
    except ValueError:
        return d


def _role(r: str, lang) -> str:
    from . import delegation as dl

    try:
        return dl.role_label(r, lang)
    except ValueError:
        return r


def _role_in_sentence(r: str, lang) -> str:
    """A role inside a sentence: 'administrerende direktør' / 'the CEO' (acronyms kept)."""
    label = _role(r, lang)
    if (lang or get_language()) == "nb":
        return label if label.isupper() else label[:1].lower() + label[1:]
    return label if label.isupper() and len(label) <= 2 else "the " + (label if label.isupper() else label[:1].lower() + label[1:])


def _role_short(r: str, lang) -> str:
    from . import delegation as dl

    try:
        return dl.role_label(r, lang, short=True)
    except (ValueError, TypeError):
        return r


def _join(items, lang) -> str:
    items = list(items)
    word = {"nb": " og ", "en": " and "}[lang or get_language()]
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


# --------------------------------------------------------------------------- the rubric


@dataclass(frozen=True)
class Criterion:
    """One rubric line: the criterion, its weight, the share earned (0-1), the points and why."""

    id: str
    name: str
    weight: float
    share: float
    points: float
    explain: str
    why: str


@dataclass(frozen=True)
class Score:
    total: float
    maximum: float
    criteria: tuple[Criterion, ...]


def _words(text: str) -> int:
    return len(str(text).split())


def criterion_shares(pkg: Package, lang: str | None = None) -> dict[str, tuple[float, str]]:
    """Each criterion's share (0-1) and a sentence saying why, in the learner's language."""
    from .i18n import t

    lim = data()["limits"]
    findings = coherence(pkg, lang)
    fired = {f.check for f in findings}
    own = sum(1 for p in PARTS if pkg.source.get(p) == "saved")
    out: dict[str, tuple[float, str]] = {}
    out["completeness"] = (own / len(PARTS), t("capstone.why.completeness", own=own, total=len(PARTS), lang=lang))
    silent = len(CHECKS) - len(fired)
    out["coherence"] = (silent / len(CHECKS), t("capstone.why.coherence", silent=silent, total=len(CHECKS), lang=lang))
    measures = bonus_measures(pkg)
    if measures and pkg.board:
        from . import delegation as dl

        gaps = {g.kpi for g in dl.controllability_gaps(pkg.board["matrix"], measures).gaps}
        ok = len(measures) - len(gaps)
        out["controllability"] = (ok / len(measures), t("capstone.why.controllability", ok=ok, total=len(measures), lang=lang))
    else:
        out["controllability"] = (0.0, t("capstone.why.no_plan_board", lang=lang))
    p = threshold_probability(pkg)
    if p is None:
        out["attainability"] = (0.0, t("capstone.why.no_plan", lang=lang))
    else:
        share = min(1.0, p / lim["low_probability"])
        out["attainability"] = (share, t("capstone.why.attainability", probability=format_percent(p, 0, lang),
                                         limit=format_percent(lim["low_probability"], 0, lang), lang=lang))
    if not pkg.plan:
        out["phase_fit"] = (0.0, t("capstone.why.no_plan", lang=lang))
    else:
        w = plan_weights(pkg.plan).get("new_sales", 0.0)
        if pkg.phase == "loyalty":
            limit = lim["new_sales_weight_loyalty"]
            share = 1.0 if w <= limit else max(0.0, 1 - (w - limit) / max(1e-9, 1 - limit))
        else:
            limit = lim["new_sales_weight_growth"]
            share = 1.0 if w >= limit else max(0.0, w / max(1e-9, limit))
        out["phase_fit"] = (share, t(f"capstone.why.phase_{pkg.phase}", weight=format_percent(w, 0, lang),
                                     limit=format_percent(limit, 0, lang), lang=lang))
    words = _words(pkg.reflections.get(REFLECTION_ID, ""))
    out["reflection"] = (min(1.0, words / lim["reflection_words"]),
                         t("capstone.why.reflection", words=words, needed=lim["reflection_words"], lang=lang))
    return out


def score(pkg: Package, lang: str | None = None) -> Score:
    """Score the package against the rubric, criterion by criterion (weights from ``capstone.yaml``).

    Example:
        >>> s = score(case_package(), "en")
        >>> [c.id for c in s.criteria][:2]
        ['completeness', 'coherence']
    """
    shares = criterion_shares(pkg, lang)
    rows = []
    for r in data()["rubric"]:
        share, why = shares[r["id"]]
        share = float(min(1.0, max(0.0, share))) if math.isfinite(share) else 0.0
        rows.append(Criterion(r["id"], pick(r["name"], lang), float(r["weight"]), share, share * float(r["weight"]),
                              pick(r["explain"], lang), why))
    return Score(sum(c.points for c in rows), sum(c.weight for c in rows), tuple(rows))


def missing_parts(pkg: Package, lang: str | None = None) -> list[dict[str, str]]:
    """Parts not saved by the learner (missing or taken from the case), each with where to make it."""
    return [{**part_info(p, lang), "source": pkg.source.get(p, "missing")}
            for p in PARTS if pkg.source.get(p) != "saved"]


def save_phase(phase: str) -> None:
    """Save the business phase the learner chose for the package."""
    if phase not in PHASES:
        raise invalid("capstone.unknown_phase", value=phase, allowed=", ".join(PHASES))
    from .progress import get_store

    get_store().put("capstone", "phase", phase)


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


def rubric_table(s: Score, lang: str | None = None):
    """The score as a learner table (criterion, weight, points, why) in the language's format."""
    import pandas as pd

    from .tables import learner_table

    frame = pd.DataFrame({"criterion": [c.name for c in s.criteria], "weight": [c.weight for c in s.criteria],
                          "points": [c.points for c in s.criteria], "why": [c.why for c in s.criteria]})
    labels = {"criterion": "capstone.doc.criterion", "weight": "capstone.doc.weight",
              "points": "capstone.doc.points", "why": "capstone.doc.why"}
    return learner_table(frame, formats={"criterion": "text", "weight": "number", "points": "number:2", "why": "text"},
                         labels=labels, lang=lang)
