"""Computational exercises for module 06 (the capstone: one coherent motivation package).

1. :func:`check_threshold_p` - the chance that a seller-month reaches the case plan's bonus threshold,
   computed from the team's last twelve months as :func:`course_lib.capstone.threshold_probability`
   does (typical slips: all 24 months, the quota instead of the threshold, a count, a percentage).
2. :func:`check_phase_points` - the rubric points for "plan fits the phase" of the case plan in a
   loyalty phase (slips: the share instead of the points, 1 minus the weight, the excess not scaled).
3. :func:`check_rubric_total` - a package's total from the rubric's weights and its criterion shares
   (slips: the unweighted mean, the sum of the shares, the points lost).
4. :func:`check_fixed_plan` - the learner rewrites the case plan so that the threshold and phase
   checks of :func:`course_lib.capstone.coherence` stay silent in a loyalty phase; the feedback is the
   check's own explanation.

The expected answers come from :mod:`course_lib.capstone` and ``content/capstone.yaml``, so a trainer
who changes the limits or the weights there changes the exercises with them. The exercises use the
case package without module 02's budget part, so the threshold check uses the team's recent
seller-months (the model the learner computes by hand), not the pipeline forecast.

Example:
    >>> check_phase_points(..., record=False).correct is None
    True
    >>> check_phase_points(expected_phase_points(), record=False).correct
    True
"""
from __future__ import annotations

from dataclasses import replace
from numbers import Real
from typing import Any, Mapping

from .. import capstone as cp
from ..i18n import format_number, format_percent, pick, t
from ..incentives import MEASURES
from .computed import CheckResult, check_number, is_unanswered

THRESHOLD_ID = "capstone.threshold_p"
PHASE_ID = "capstone.phase_points"
TOTAL_ID = "capstone.rubric_total"
PLAN_ID = "capstone.fixed_plan"

#: Criterion shares (0-1) of a package in exercise 3, in rubric order.
SHARES = {"completeness": 0.5, "coherence": 4 / 6, "controllability": 0.6, "attainability": 0.8,
          "phase_fit": 0.4, "reflection": 1.0}


def _case() -> cp.Package:
    """The case package the exercises work on: without a module 02 budget (the seller-months model)."""
    return replace(cp.case_package(), budget=None)


def _plan() -> dict:
    return dict(cp.case_part("plan"))


def _level() -> float:
    plan = _plan()
    return float(plan["threshold"]) * float(plan["quota"])


def _months(team, count: int | None, column: str = "new_sales") -> Any:
    months = sorted(set(team["month"]))
    keep = months if count is None else months[-count:]
    return team.loc[team["month"].isin(keep), column].to_numpy(dtype=float)


# --------------------------------------------------------------------------- 1. the threshold


def expected_threshold_p() -> float:
    """P(a seller-month of the last twelve reaches threshold x quota of the case plan).

    Example:
        >>> 0 < expected_threshold_p() < 1
        True
    """
    return float(cp.threshold_probability(_case()))


def threshold_mistakes() -> list[tuple[float, dict[str, str]]]:
    """The typical wrong answers to exercise 1 with their explanations."""
    team = _case().team
    history = int(cp.data()["limits"]["history_months"])
    recent, every = _months(team, history), _months(team, None)
    level, quota = _level(), float(_plan()["quota"])
    p = float((recent >= level).mean())
    return [
        (float((every >= level).mean()), {
            "nb": f"Du har brukt alle månedene i dataene. Prognosen bruker bare de siste {history} månedene.",
            "en": f"You used every month in the data. The forecast uses only the last {history} months."}),
        (float((recent >= quota).mean()), {
            "nb": "Det er sjansen for å nå hele salgsmålet (100 %). Bonusen starter ved terskelen: terskel × salgsmål.",
            "en": "That is the chance of reaching the whole quota (100%). The bonus starts at the threshold: threshold × quota."}),
        (float((recent >= float(_plan()["threshold"]) * _months(team, history, "quota")).mean()), {
            "nb": "Du har brukt hver selgers eget salgsmål (kolonnen quota i team). Kontrollen bruker planens "
                  "salgsmål: terskel × plan[\"quota\"].",
            "en": "You used each seller's own quota (the quota column of team). The check uses the plan's quota: "
                  "threshold × plan[\"quota\"]."}),
        (float((recent >= level).sum()), {
            "nb": "Det er antall selgermåneder på eller over terskelen. Del på antall selgermåneder for å få en andel.",
            "en": "That is the number of seller-months at or above the threshold. Divide by the number of seller-months to get a share."}),
        (100 * p, {
            "nb": "Riktig tall, men i prosent. Oppgi andelen som et tall mellom 0 og 1.",
            "en": "The right figure, but in percent. Give the share as a number between 0 and 1."}),
    ]


def check_threshold_p(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``threshold_p`` (a share between 0 and 1) for the case plan and the case team."""
    return check_number(THRESHOLD_ID, value, expected_threshold_p(), name="threshold_p", abs_tol=5e-4,
                        mistakes=threshold_mistakes(), formatter=lambda v: format_number(v, 3), record=record)


# --------------------------------------------------------------------------- 2. phase fit


def _phase_weight() -> float:
    return float(next(r["weight"] for r in cp.data()["rubric"] if r["id"] == "phase_fit"))


def expected_phase_points() -> float:
    """Rubric points for "plan fits the phase": the case plan, loyalty phase.

    Example:
        >>> round(expected_phase_points(), 2)
        4.0
    """
    pkg = replace(_case(), phase="loyalty")
    return cp.criterion_shares(pkg)["phase_fit"][0] * _phase_weight()


def phase_mistakes() -> list[tuple[float, dict[str, str]]]:
    """The typical wrong answers to exercise 2 with their explanations."""
    w = cp.plan_weights(_plan()).get("new_sales", 0.0)
    limit = float(cp.data()["limits"]["new_sales_weight_loyalty"])
    weight = _phase_weight()
    share = expected_phase_points() / weight
    return [
        (share, {"nb": "Det er andelen (mellom 0 og 1). Gang med kriteriets vekt for å få poeng.",
                 "en": "That is the share (between 0 and 1). Multiply by the criterion's weight to get points."}),
        (weight * (1 - w), {"nb": "Du har regnet 1 minus vekten på nysalg. Andelen faller bare for den delen av vekten som ligger over grensen.",
                            "en": "You took 1 minus the weight on new sales. The share falls only for the part of the weight above the limit."}),
        (weight * (w - limit), {"nb": "Du har brukt overskridelsen direkte. Del den på spennet over grensen (1 − grensen), og trekk resultatet fra 1.",
                                "en": "You used the excess as it is. Divide it by the room above the limit (1 − the limit) and subtract from 1."}),
        (weight * (1 - (w - limit)), {"nb": "Nesten: overskridelsen må deles på spennet over grensen (1 − grensen) før du trekker resultatet fra 1.",
                                      "en": "Nearly: the excess must be divided by the room above the limit (1 − the limit) before you subtract it."}),
        (0.0, {"nb": "Kriteriet er ikke alt eller ingenting: poengene faller gradvis med vekten over grensen.",
               "en": "The criterion is not all or nothing: the points fall gradually with the weight above the limit."}),
    ]


def check_phase_points(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``phase_points`` for the case plan in a loyalty phase."""
    return check_number(PHASE_ID, value, expected_phase_points(), name="phase_points", abs_tol=0.01,
                        mistakes=phase_mistakes(), formatter=lambda v: format_number(v, 1), record=record)


# --------------------------------------------------------------------------- 3. the total


def rubric_weights() -> dict[str, float]:
    """The rubric's weights from ``content/capstone.yaml``, in rubric order."""
    return {r["id"]: float(r["weight"]) for r in cp.data()["rubric"]}


def expected_rubric_total() -> float:
    """Sum over the criteria of weight x share, for :data:`SHARES`.

    Example:
        >>> expected_rubric_total()
        67.5
    """
    weights = rubric_weights()
    return round(sum(weights[k] * SHARES.get(k, 0.0) for k in weights), 9)


def shares_table(lang: str | None = None):
    """Exercise 3's data as a learner table: criterion, weight (points) and the package's share.

    Example:
        >>> list(shares_table(lang="en").frame.iloc[0])
        ['Complete package', '15', '50%']
    """
    import pandas as pd

    from ..tables import learner_table

    rubric = cp.data()["rubric"]
    frame = pd.DataFrame({"criterion": [pick(r["name"], lang) for r in rubric],
                          "weight": [int(r["weight"]) if float(r["weight"]).is_integer() else float(r["weight"])
                                     for r in rubric],
                          "share": [SHARES.get(r["id"], 0.0) for r in rubric]})
    return learner_table(frame, formats={"weight": "plain", "share": "percent:0"}, lang=lang,
                         labels={"criterion": "capstone.doc.criterion", "weight": "capstone.doc.weight",
                                 "share": {"nb": "Andel oppnådd", "en": "Share earned"}})


def check_rubric_total(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``total`` (points) for the shares in :data:`SHARES`."""
    weights = rubric_weights()
    maximum = sum(weights.values())
    total = expected_rubric_total()
    shares = [SHARES.get(k, 0.0) for k in weights]
    mistakes = [
        (maximum * sum(shares) / len(shares), {
            "nb": "Du har tatt snittet av andelene uten vekter. Kriteriene teller ulikt: gang hver andel med vekten sin.",
            "en": "You averaged the shares without weights. The criteria count differently: multiply each share by its weight."}),
        (sum(shares), {"nb": "Du har lagt sammen andelene. Gang hver andel med kriteriets vekt først.",
                       "en": "You added the shares. Multiply each share by the criterion's weight first."}),
        (total / maximum, {"nb": "Det er andelen av maksimum. Oppgaven spør etter poeng (vekt × andel, summert).",
                           "en": "That is the share of the maximum. The task asks for points (weight × share, summed)."}),
        (maximum - total, {"nb": "Det er poengene pakken mister. Regn poengene den får: vekt × andel.",
                           "en": "Those are the points the package loses. Count the points it earns: weight × share."}),
    ]
    return check_number(TOTAL_ID, value, total, name="total", abs_tol=0.15, mistakes=mistakes,
                        formatter=lambda v: format_number(v, 1), record=record)


# --------------------------------------------------------------------------- 4. fix the plan


def _result(correct: bool, message: str, answer: Any, record: bool) -> CheckResult:
    if record:
        from ..progress import get_store

        get_store().record_attempt(PLAN_ID, answer, correct)
    return CheckResult(PLAN_ID, correct, message)


def check_fixed_plan(plan: Any, *, record: bool = True) -> CheckResult:
    """Check the learner's rewrite of the case plan for a loyalty phase.

    Right when the plan still pays a bonus, its weights are shares that add up to 1, the threshold
    lies between 0 and 1, and neither the threshold check nor the phase check of
    :func:`course_lib.capstone.coherence` fires. A wrong plan gets the check's own explanation.

    Example:
        >>> fixed = {**cp.case_part("plan"), "threshold": 0.6,
        ...          "weights": {"new_sales": 0.4, "renewals": 0.4, "customer_satisfaction": 0.2}}
        >>> check_fixed_plan(fixed, record=False).correct
        True
    """
    if is_unanswered(plan):
        return CheckResult(PLAN_ID, None, t("exercises.not_answered"))
    if not isinstance(plan, Mapping):
        return _result(False, pick({"nb": f"fixed skal være en oppslagstabell (dict) som casets plan, men er en {type(plan).__name__}.",
                                    "en": f"fixed should be a dictionary (dict) like the case's plan; it is a {type(plan).__name__}."}),
                       repr(plan)[:80], record)
    answer = {k: plan.get(k) for k in ("threshold", "weights", "target_incentive", "quota")}
    try:
        weights = cp.plan_weights(plan)
    except (TypeError, ValueError, AttributeError):
        weights = None
    if not weights or any(w < 0 for w in weights.values()) or abs(sum(weights.values()) - 1) > 1e-6:
        total = format_number(sum(weights.values()), 2) if weights else "–"
        return _result(False, pick({"nb": f"{t('exercises.incorrect')} Vektene skal være andeler som summerer til 1 (nå: {total}).",
                                    "en": f"{t('exercises.incorrect')} The weights should be shares that add up to 1 (now: {total})."}),
                       answer, record)
    unknown = sorted(set(weights) - set(MEASURES))
    if unknown:
        return _result(False, pick({"nb": f"{t('exercises.incorrect')} Ukjent mål i vektene: {', '.join(unknown)}. Bruk {', '.join(MEASURES)}.",
                                    "en": f"{t('exercises.incorrect')} Unknown measure in the weights: {', '.join(unknown)}. Use {', '.join(MEASURES)}."}),
                       answer, record)
    threshold, incentive = plan.get("threshold"), plan.get("target_incentive")
    if not isinstance(threshold, Real) or isinstance(threshold, bool) or not 0 <= float(threshold) <= 1:
        return _result(False, pick({"nb": f"{t('exercises.incorrect')} Terskelen er en andel av salgsmålet, et tall mellom 0 og 1, for eksempel 0,7 (0.7 i koden). Du skrev {threshold!r}.",
                                    "en": f"{t('exercises.incorrect')} The threshold is a share of quota between 0 and 1, for example 0.7, got {threshold!r}."}),
                       answer, record)
    if not isinstance(incentive, Real) or isinstance(incentive, bool) or float(incentive) <= 0:
        return _result(False, pick({"nb": f"{t('exercises.incorrect')} Planen betaler ingen bonus lenger (target_incentive = {incentive!r}). Behold bonusen; endre terskel og vekter.",
                                    "en": f"{t('exercises.incorrect')} The plan no longer pays a bonus (target_incentive = {incentive!r}). Keep the bonus; change the threshold and the weights."}),
                       answer, record)
    pkg = replace(_case(), plan=dict(plan), phase="loyalty")
    findings = cp.check_threshold(pkg) + cp.check_phase(pkg)
    if findings:
        return _result(False, " ".join([t("exercises.incorrect")] + [f"{f.title}: {f.text}" for f in findings]),
                       answer, record)
    p = cp.threshold_probability(pkg)
    w = weights.get("new_sales", 0.0)
    return _result(True, pick({
        "nb": f"Riktig: terskelen nås i {format_percent(p, 0)} av selgermånedene, og nysalg veier {format_percent(w, 0)}. Begge kontrollene er stille.",
        "en": f"Correct: the threshold is reached in {format_percent(p, 0)} of seller-months, and new sales weigh {format_percent(w, 0)}. Both checks are silent."}),
        answer, record)


__all__ = ["SHARES", "check_fixed_plan", "check_phase_points", "check_rubric_total", "check_threshold_p",
           "expected_phase_points", "expected_rubric_total", "expected_threshold_p", "phase_mistakes",
           "rubric_weights", "shares_table", "threshold_mistakes"]
