"""Computational exercises for module 04 (authority and delegation).

1. :func:`broken_table` gives a RACI table with three faults; the learner fixes it and
   :func:`check_fixed_raci` says what is still wrong, or that it is valid and still
   describes the same decisions.
2. :func:`gap_setup` gives a board and the KPIs the sales manager is measured on; the
   learner names the KPIs with controllability gaps and :func:`check_gap_kpis` explains
   every KPI missed or listed wrongly (the typical slip: counting R under someone
   else's A, or C, as control).
3. :func:`check_gap_score` checks the learner's authority/accountability score for the
   same set-up, recognising the usual wrong ways to count.

Example:
    >>> check_fixed_raci(..., record=False).correct is None
    True
    >>> check_gap_kpis(["lead_volume"], record=False).correct
    False
"""
from __future__ import annotations

from typing import Any, Iterable

from .. import delegation as dl
from ..i18n import format_number, pick, t
from .computed import CheckResult, check_number, is_unanswered

FIX_ID = "delegation.fix_raci"
GAPS_ID = "delegation.find_gaps"
SCORE_ID = "delegation.gap_score"

MEASURED = ("gross_margin", "lead_volume", "seller_retention", "customer_satisfaction")


def broken_table() -> dict[str, dict[str, str]]:
    """A RACI table with three faults: two A on the bonus system, no A on the ICT budget,
    an unknown letter on hiring.

    Example:
        >>> sorted(p.kind for p in dl.validate_raci(broken_table()))
        ['no_accountable', 'several_accountable', 'unknown_letter']
    """
    return {
        "hire_sellers": {"sales_manager": "A/R", "hr_director": "S", "sales_director": "I"},
        "bonus_system": {"hr_director": "A/R", "sales_manager": "A", "ceo": "C"},
        "ict_budget": {"it": "R", "sales_manager": "R", "marketing": "C"},
    }


def gap_setup():
    """The board for exercises 2 and 3: she holds A on restructuring, ending employment,
    the bonus system, the ICT budget and price limits; she does the work (R) under
    someone else's A on hiring, strategy targets, customer-service processes and
    campaigns; she is only C on pay levels.

    Example:
        >>> gap_setup().loc["hire_sellers", "sales_manager"], gap_setup().loc["pay_levels", "sales_manager"]
        ('R', 'C')
    """
    frame = dl.empty_matrix()
    cells = {
        "hire_sellers": {"hr_director": "A", "sales_manager": "R"},
        "restructure_sellers": {"sales_manager": "A/R", "hr_director": "C"},
        "end_employment": {"sales_manager": "A", "hr_director": "R"},
        "bonus_system": {"sales_manager": "A/R", "hr_director": "C"},
        "pay_levels": {"hr_director": "A/R", "sales_manager": "C"},
        "ict_budget": {"sales_manager": "A/R", "it": "R", "ceo": "I"},
        "digital_strategy_targets": {"ceo": "A", "sales_manager": "R", "marketing": "R"},
        "price_discount_limits": {"sales_manager": "A/R", "sales_director": "C"},
        "customer_service_processes": {"customer_service": "A", "sales_manager": "R"},
        "marketing_campaigns": {"marketing": "A", "sales_manager": "R"},
        "top_management_seat": {"ceo": "A/R", "sales_manager": "I"},
    }
    for d, row in cells.items():
        for r, v in row.items():
            frame.at[d, r] = v
    return frame


def _result(exercise_id: str, correct: bool, message: str, answer: Any, record: bool) -> CheckResult:
    if record:
        from ..progress import get_store

        get_store().record_attempt(exercise_id, answer, correct)
    return CheckResult(exercise_id, correct, message)


# --------------------------------------------------------------------------- 1. fix the table


def check_fixed_raci(table, *, record: bool = True) -> CheckResult:
    """Is the learner's repaired table valid, and does it still cover the same three decisions?

    Example:
        >>> fixed = broken_table()
        >>> fixed["hire_sellers"]["hr_director"] = "C"
        >>> fixed["bonus_system"]["hr_director"] = "R"
        >>> fixed["ict_budget"]["sales_manager"] = "A/R"
        >>> check_fixed_raci(fixed, record=False).correct
        True
    """
    if is_unanswered(table):
        return CheckResult(FIX_ID, None, t("exercises.not_answered"))
    try:
        frame = dl.to_frame(table)
    except ValueError as exc:
        return _result(FIX_ID, False, str(exc), repr(table)[:80], record)
    answer = dl.matrix_to_dict(frame) if not dl.validate_raci(frame) else repr(table)[:200]
    wanted = set(broken_table())
    if set(frame.index) != wanted:
        missing = ", ".join(dl.decision_label(d) for d in sorted(wanted - set(frame.index)))
        extra = ", ".join(dl.decision_label(d) for d in sorted(set(frame.index) - wanted))
        return _result(FIX_ID, False, t("delegation.ex.fix_rows", missing=missing or "–", extra=extra or "–"),
                       answer, record)
    problems = dl.validate_raci(frame)
    if problems:
        listing = " ".join(str(p) for p in problems)
        return _result(FIX_ID, False, t("delegation.ex.fix_still", count=len(problems), problems=listing),
                       answer, record)
    notes = []
    if dl.accountable_for(frame, "bonus_system") == "hr_director":
        notes.append(t("delegation.ex.fix_note_bonus"))
    return _result(FIX_ID, True, " ".join([t("delegation.ex.fix_ok"), *notes]), answer, record)


# --------------------------------------------------------------------------- 2. find the gaps


def expected_gap_kpis() -> tuple[str, ...]:
    """KPIs with a gap in :func:`gap_setup` for :data:`MEASURED`.

    Example:
        >>> expected_gap_kpis()
        ('lead_volume', 'seller_retention', 'customer_satisfaction')
    """
    return dl.controllability_gaps(gap_setup(), MEASURED).gap_kpis


def _why_gap(kpi: str) -> str:
    report = dl.controllability_gaps(gap_setup(), [kpi])
    (gap,) = report.gaps
    cells = gap_setup()
    parts = []
    for d in gap.missing:
        her = cells.at[d, "sales_manager"] or "–"
        holder = gap.holders.get(d)
        parts.append(t("delegation.ex.gap_part", decision=dl.decision_label(d), cell=her,
                       holder=dl.role_label(holder) if holder else t("delegation.gap.nobody")))
    return t("delegation.ex.gap_missed", kpi=dl.kpi_label(kpi), parts="; ".join(parts))


def check_gap_kpis(answer: Iterable[str], *, record: bool = True) -> CheckResult:
    """Check the learner's list of KPIs with controllability gaps in :func:`gap_setup`.

    Accepts ids or labels in either language. Every missed KPI and every KPI listed
    wrongly gets its own explanation.
    """
    if is_unanswered(answer):
        return CheckResult(GAPS_ID, None, t("exercises.not_answered"))
    if isinstance(answer, str):
        answer = [answer]
    try:
        given = {dl.kpi_id(k) for k in answer}
    except (TypeError, ValueError) as exc:
        return _result(GAPS_ID, False, str(exc), repr(answer)[:80], record)
    expected = set(expected_gap_kpis())
    missed = [k for k in MEASURED if k in expected - given]
    wrong = [k for k in dl.KPIS if k in given - expected]
    if not missed and not wrong:
        return _result(GAPS_ID, True, t("delegation.ex.gaps_ok", count=len(expected)), sorted(given), record)
    lines = [t("exercises.incorrect")]
    lines += [_why_gap(k) for k in missed]
    if missed:
        lines.append(t("delegation.ex.gap_rule"))
    for k in wrong:
        key = "delegation.ex.gap_not_measured" if k not in MEASURED else "delegation.ex.gap_none"
        lines.append(t(key, kpi=dl.kpi_label(k)))
    return _result(GAPS_ID, False, " ".join(lines), sorted(given), record)


# --------------------------------------------------------------------------- 3. the score


def expected_gap_score() -> float:
    """Share of (measured KPI, driving decision) pairs she controls in :func:`gap_setup`.

    Example:
        >>> round(expected_gap_score(), 4)
        0.5455
    """
    return dl.controllability_gaps(gap_setup(), MEASURED).score


def score_mistakes() -> list[tuple[float, dict[str, str]]]:
    """The usual wrong ways to count, each explained."""
    setup = gap_setup()

    def counting(letters: set[str]) -> float:
        m = setup.copy()
        for d in m.index:
            if m.at[d, "sales_manager"] in letters:
                m = dl.grant(m, d, cell="A/R")
        return dl.controllability_gaps(m, MEASURED).score

    report = dl.controllability_gaps(setup, MEASURED)
    kpi_share = 1 - len(report.gaps) / len(MEASURED)
    return [
        (counting({"R"}), {
            "nb": "Du har regnet R som kontroll. Når en annen har A, gjør hun jobben, men beslutningen er ikke hennes; bare A (eller et delegeringsnivå på 5 eller mer) teller.",
            "en": "You counted R as control. When someone else holds A she does the work, but the decision is not hers; only A (or a delegation level of 5 or more) counts."}),
        (counting({"R", "C"}), {
            "nb": "Du har regnet både R og C som kontroll. Å gjøre jobben eller bli spurt er ikke å bestemme; bare A teller.",
            "en": "You counted both R and C as control. Doing the work or being asked is not deciding; only A counts."}),
        (counting({"C"}), {
            "nb": "Du har regnet C (konsultert) som kontroll. Å bli spurt er ikke å bestemme; bare A teller.",
            "en": "You counted C (consulted) as control. Being asked is not deciding; only A counts."}),
        (kpi_share, {
            "nb": "Du har talt nøkkeltall uten hull. Poengsummen teller par av (nøkkeltall, innsatsbeslutning), så et nøkkeltall med mange innsatsfaktorer veier mer.",
            "en": "You counted KPIs without gaps. The score counts (KPI, input decision) pairs, so a KPI with many inputs weighs more."}),
        (1 - report.score, {
            "nb": "Dette er andelen hun ikke bestemmer. Spørsmålet gjelder andelen hun bestemmer.",
            "en": "That is the share she does not decide. The question asks for the share she does decide."}),
    ]


def check_gap_score(value, *, record: bool = True) -> CheckResult:
    """Check the authority/accountability score (a fraction 0-1) for :func:`gap_setup`:
    the share of (KPI, input decision) pairs where she holds A.

    Example:
        >>> check_gap_score(6 / 11, record=False).correct
        True
    """
    return check_number(SCORE_ID, value, expected_gap_score(), name="score", abs_tol=0.005,
                        mistakes=score_mistakes(), formatter=lambda v: format_number(v, 3), record=record)


def pairs_table():
    """For the learner: each measured KPI, its input decisions, her cell on each and who holds A.

    Example:
        >>> len(pairs_table().frame)
        11
    """
    import pandas as pd

    from ..tables import learner_table

    setup = gap_setup()
    rows = []
    for k in MEASURED:
        for d in dl.decisions_driving(k):
            holder = dl.accountable_for(setup, d)
            rows.append({"kpi": dl.kpi_label(k), "decision": dl.decision_label(d),
                         "cell": setup.at[d, "sales_manager"] or "–",
                         "holder": dl.role_label(holder) if holder else "–"})
    return learner_table(pd.DataFrame(rows), formats={c: "text" for c in ("kpi", "decision", "cell", "holder")},
                         labels={"kpi": "delegation.ex.col_kpi", "decision": "delegation.ex.col_decision",
                                 "cell": "delegation.ex.col_her_cell", "holder": "delegation.ex.col_holder"})


# --------------------------------------------------------------------------- 4. choose and justify a level

LEVEL_ID = "delegation.level_choice"
MIN_REASON_WORDS = 12


def example_reason(decision: str) -> str:
    """The reference reasoning for a decision's delegation level, in the current language
    (used as the model answer in the trainer master)."""
    return pick(dl.REFERENCE_LEVELS[dl.decision_id(decision)].reason)


def check_level_choice(decision: str, level, reason, *, record: bool = True) -> CheckResult:
    """Check a chosen delegation level (1-7) for one decision and its written justification.

    The level is compared with the reference range; the reason must be at least
    :data:`MIN_REASON_WORDS` words. Feedback gives the reference reasoning either way.

    Example:
        >>> check_level_choice("price_discount_limits", 5, "She knows the customers; "
        ...     "within margin limits set above her she should decide the discounts herself.", record=False).correct
        True
    """
    if is_unanswered(level) or is_unanswered(reason):
        return CheckResult(LEVEL_ID, None, t("exercises.not_answered"))
    did = dl.decision_id(decision)
    ref = dl.REFERENCE_LEVELS[did]
    try:
        chosen = dl.level_info(level)["level"]
    except ValueError as exc:
        return _result(LEVEL_ID, False, str(exc), repr(level)[:40], record)
    words = len(str(reason).split())
    answer = {"decision": did, "level": chosen, "reason": str(reason)}
    why = pick(ref.reason)
    if words < MIN_REASON_WORDS:
        return _result(LEVEL_ID, False, t("delegation.ex.level_reason_short", words=words, minimum=MIN_REASON_WORDS),
                       answer, record)
    values = dict(decision=dl.decision_label(did), chosen=dl.level_label(chosen), low=ref.low, high=ref.high,
                  reason=why)
    if ref.low <= chosen <= ref.high:
        return _result(LEVEL_ID, True, t("delegation.levels.within", **values), answer, record)
    key = "delegation.levels.too_low" if chosen < ref.low else "delegation.levels.too_high"
    return _result(LEVEL_ID, False, f"{t('exercises.incorrect')} {t(key, **values)}", answer, record)


__all__ = ["broken_table", "check_fixed_raci", "gap_setup", "expected_gap_kpis", "check_gap_kpis",
           "expected_gap_score", "check_gap_score", "score_mistakes", "pairs_table", "check_level_choice",
           "example_reason"]
