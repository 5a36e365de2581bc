"""Authority, delegation and decision rights around the case company's sales manager.

Three ideas from management theory meet here:

* **Authority must match responsibility.** Fayol (1916) named it as a principle:
  responsibility without authority makes an ineffective manager. The management
  accounting version is the *controllability principle*: hold managers accountable
  only for what they control or can significantly influence (Merchant & Van der
  Stede 2007). The source text says it plainly for the sales manager: she cannot
  be measured on results unless she decides the inputs (Kunøe & Berntsen).
* **Who decides what** is laid out in a RACI matrix (:mod:`course_lib.delegation_raci`):
  per decision exactly one Accountable (signs off), at least one Responsible (does
  the work; the A may also be R), any number Consulted and Informed.
* **How much is handed over** is a delegation level: Management 3.0's seven levels
  (Appelo 2010), from 1 *tell* to 7 *delegate*, beside Tannenbaum & Schmidt's (1958)
  continuum of leadership behaviour.

The gap check, over the KPIs the role is measured on:

    decides(d) = role holds A on d  or  level(d) >= min_level
    gap(KPI)   = { d in drivers(KPI) : not decides(d) }
    score      = decided (KPI, decision) pairs / all (KPI, decision) pairs

A score of 1 means every input behind every measured result is hers to decide.
Doing the work (R) while someone else holds A is not deciding: the check reports
it as its own category, because the source text asks for the opposite (HR
supports, she decides).

The catalogue (decisions, roles, KPIs, presets, delegation levels, reference
answers) is content, not code: ``course_lib/content/delegation.yaml``, read through
:mod:`course_lib.delegation_catalog`. The names ``DECISIONS``, ``ROLES``, ``KPIS``,
``PRESETS``, ``REFERENCE_LEVELS``, ``DELEGATION_LEVELS`` ... below are read from it
when first used, so a trainer's override in ``COURSE_CONTENT_DIR`` takes effect.

Example:
    >>> from course_lib.delegation import preset_matrix, validate_raci, controllability_gaps
    >>> today = preset_matrix("today")
    >>> validate_raci(today)
    []
    >>> report = controllability_gaps(today, ["new_sales"])
    >>> report.score, report.working
    (0.0, ('restructure_sellers',))
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import pandas as pd

from .delegation_catalog import (Decision, ReferenceLevel, _shown, catalogue, check_level, decision_id,  # noqa: F401
                                 decision_label, decisions_driving, in_sentence, kpi_id, kpi_label, level_info,
                                 level_label, role_id, role_label)
from .delegation_raci import (CELL_OPTIONS, RaciProblem, _accountable, accountable_for,  # noqa: F401
                              canonical_cell, empty_matrix, matrix_to_dict, parse_cell, preset_label,
                              preset_matrix, preset_names, to_frame, unknown_names, validate_raci)
from .i18n import invalid, t

_in_sentence = in_sentence
_check_level = check_level

# Content-backed names, read on first use (PEP 562) so an override file takes effect.
_CONTENT_NAMES = {
    "DECISIONS": lambda c: c.decisions,
    "ROLES": lambda c: c.roles,
    "ROLE_SHORT": lambda c: c.role_short,
    "KPIS": lambda c: c.kpis,
    "SALES_MANAGER_KPIS": lambda c: c.measured_by_default,
    "FOCUS_ROLE": lambda c: c.focus_role,
    "DELEGATION_LEVELS": lambda c: c.levels,
    "TANNENBAUM_SCHMIDT": lambda c: c.tannenbaum_schmidt,
    "DEFAULT_CONTROL_LEVEL": lambda c: c.control_level,
    "REFERENCE_LEVELS": lambda c: c.references,
    "PRESETS": lambda c: preset_names(),
}
_TABLES = ("catalogue_table", "levels_table", "gaps_table", "score_steps", "labelled")


def __getattr__(name: str):
    if name in _CONTENT_NAMES:
        return _CONTENT_NAMES[name](catalogue())
    if name in _TABLES:
        from . import delegation_tables
        return getattr(delegation_tables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------- controllability


@dataclass(frozen=True)
class Gap:
    """A KPI the role answers for, and the driving decisions she does not decide.

    ``holders`` gives, per missing decision, the role holding A there (or ``None``);
    ``working`` lists the missing decisions on which she does the work (R) while
    someone else holds A: she is busy with them, but the decision is not hers.
    """

    kpi: str
    missing: tuple[str, ...]
    drivers: tuple[str, ...]
    holders: Mapping[str, str | None] = field(default_factory=dict)
    working: tuple[str, ...] = ()

    def _parts(self, decisions, cat) -> str:
        parts = []
        for d in decisions:
            holder = self.holders.get(d)
            who = role_label(holder, _cat=cat) if holder else t("delegation.gap.nobody")
            parts.append(t("delegation.gap.part", decision=decision_label(d, _cat=cat), holder=who))
        return "; ".join(parts)

    @property
    def message(self) -> str:
        cat = catalogue()
        text = [t("delegation.gap.sentence", kpi=kpi_label(self.kpi, _cat=cat),
                  controlled=len(self.drivers) - len(self.missing), total=len(self.drivers))]
        if self.working:
            text.append(t("delegation.gap.working", parts=self._parts(self.working, cat)))
        no_say = [d for d in self.missing if d not in self.working]
        if no_say:
            text.append(t("delegation.gap.no_say", parts=self._parts(no_say, cat)))
        return " ".join(text)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ControllabilityReport:
    """Result of :func:`controllability_gaps`.

    ``score`` is the share of (measured KPI, driving decision) pairs the role decides
    (holds A, or has been delegated at ``min_level`` or above): 1.0 when authority
    matches accountability, 0.0 when she decides none of her inputs. ``working_share``
    is the share of pairs where she only does the work under someone else's A.
    ``coverage`` gives the decided share per KPI; ``controlled`` the decisions she
    decides; ``working`` the decisions where she is R under another role's A.
    """

    role: str
    measured: tuple[str, ...]
    gaps: tuple[Gap, ...]
    score: float
    coverage: Mapping[str, float]
    controlled: tuple[str, ...]
    working: tuple[str, ...] = ()
    working_share: float = 0.0

    @property
    def gap_kpis(self) -> tuple[str, ...]:
        return tuple(g.kpi for g in self.gaps)

    def lines(self) -> list[str]:
        """Plain sentences, one per gap (or one saying there is none)."""
        if not self.measured:
            return [t("delegation.gap.nothing_measured", role=_in_sentence(role_label(self.role)))]
        if not self.gaps:
            return [t("delegation.gap.none", role=_in_sentence(role_label(self.role)))]
        return [g.message for g in self.gaps]

    def rows(self, lang: str | None = None) -> list[dict[str, Any]]:
        """One plain row per measured KPI: ``kpi``, ``coverage`` (share she decides),
        ``working`` (inputs where she does the work under another's A, with the A holder)
        and ``no_say`` (the other missing inputs, with the A holder)."""
        gaps = {g.kpi: g for g in self.gaps}
        out = []
        for k in self.measured:
            g = gaps.get(k)
            def listing(ds, g=g):
                return ", ".join(f"{decision_label(d, lang)} ({role_label(g.holders[d], lang) if g.holders.get(d) else '–'})"
                                 for d in ds) or "–"
            out.append({"kpi": kpi_label(k, lang), "coverage": self.coverage[k],
                        "working": listing(g.working) if g else "–",
                        "no_say": listing([d for d in g.missing if d not in g.working]) if g else "–"})
        return out

    def table(self, lang: str | None = None):
        """:meth:`rows` as a learner table (see :func:`course_lib.delegation_tables.gaps_table`)."""
        from .delegation_tables import gaps_table
        return gaps_table(self, lang)

    def summary(self) -> str:
        """One sentence with the score."""
        from .i18n import format_percent
        text = t("delegation.gap.summary", role=_in_sentence(role_label(self.role)), score=format_percent(self.score, 0),
                 gaps=len(self.gaps), measured=len(self.measured))
        if self.working_share:
            text += " " + t("delegation.gap.summary_working", share=format_percent(self.working_share, 0))
        return text


def controls(matrix: Any, role: str | None = None, levels: Mapping[str, int] | None = None,
             min_level: int | None = None) -> tuple[str, ...]:
    """Decisions the role decides: she holds A, or it is delegated to her at ``min_level`` or above.

    Doing the work (R) under someone else's A is not deciding.

    Example:
        >>> controls(preset_matrix("today"))
        ()
        >>> controls(preset_matrix("proposal"))[:2]
        ('hire_sellers', 'restructure_sellers')
    """
    return _controls(_letters(_board(matrix)), _role(role), _check_levels(levels), _min_level(min_level))


def _letters(frame: pd.DataFrame) -> dict[str, dict[str, frozenset[str]]]:
    """``{decision: {role: RACI letters}}``, parsed once per check."""
    return {d: {r: parse_cell(v)[0] for r, v in row.items()} for d, row in frame.to_dict("index").items()}


def _a_holder(letters: Mapping[str, Mapping[str, frozenset[str]]], decision: str) -> str | None:
    return next((r for r, held in letters.get(decision, {}).items() if "A" in held), None)


def _controls(letters: Mapping[str, Mapping[str, frozenset[str]]], rid: str, lv: Mapping[str, int],
              min_level: int) -> tuple[str, ...]:
    held = []
    for d, row in letters.items():
        if "A" in row.get(rid, frozenset()) or lv.get(d, 0) >= min_level:
            held.append(d)
    for d, level in lv.items():
        if level >= min_level and d not in held:
            held.append(d)
    return tuple(held)


def works_under(matrix: Any, role: str | None = None, levels: Mapping[str, int] | None = None,
                min_level: int | None = None) -> dict[str, str | None]:
    """Decisions where the role does the work (R) while another role holds A: ``{decision: A holder}``.

    Example:
        >>> works_under(preset_matrix("today"))
        {'restructure_sellers': 'hr_director'}
    """
    letters, rid = _letters(_board(matrix)), _role(role)
    held = set(_controls(letters, rid, _check_levels(levels), _min_level(min_level)))
    return _works_under(letters, rid, held)


def _works_under(letters: Mapping[str, Mapping[str, frozenset[str]]], rid: str,
                 held: set[str]) -> dict[str, str | None]:
    return {d: _a_holder(letters, d) for d, row in letters.items()
            if d not in held and "R" in row.get(rid, frozenset())}


def _check_levels(levels: Mapping[str, int] | None) -> dict[str, int]:
    if levels is None:
        return {}
    if not isinstance(levels, Mapping):
        raise invalid("delegation.levels_type", value=type(levels).__name__)
    if len(levels) > 200:
        raise invalid("delegation.too_many", field="levels", value=len(levels), maximum=200)
    return {decision_id(d): _check_level(v, decision_id(d)) for d, v in levels.items()}


def _min_level(value: Any) -> int:
    return catalogue().control_level if value is None else _check_level(value, "min_level")


def _role(role: Any) -> str:
    return catalogue().focus_role if role is None else role_id(role)


def _board(matrix: Any) -> pd.DataFrame:
    """The matrix as a frame; a row or column that is not a catalogue decision or role is
    reported (a misspelt role column must not silently score 0)."""
    frame = to_frame(matrix)
    bad_decisions, bad_roles = unknown_names(frame)
    if bad_roles:
        raise invalid("delegation.board_unknown_role", value=", ".join(map(repr, bad_roles[:5])),
                      allowed=", ".join(catalogue().roles))
    if bad_decisions:
        raise invalid("delegation.board_unknown_decision", value=", ".join(map(repr, bad_decisions[:5])),
                      allowed=", ".join(catalogue().decisions))
    return frame


def _kpi_list(measured_kpis: Any) -> tuple[str, ...]:
    if measured_kpis is None:
        kpis = list(catalogue().measured_by_default)
    elif isinstance(measured_kpis, str):
        kpis = [measured_kpis]
    elif isinstance(measured_kpis, Iterable) and not isinstance(measured_kpis, Mapping):
        kpis = list(measured_kpis)[:201]
    else:
        raise invalid("delegation.kpis_type", value=type(measured_kpis).__name__)
    if len(kpis) > 200:
        raise invalid("delegation.too_many", field="measured_kpis", value=len(kpis), maximum=200)
    return tuple(dict.fromkeys(kpi_id(k) for k in kpis))


def controllability_gaps(matrix: Any, measured_kpis: Iterable[str] | None = None, role: str | None = None,
                         levels: Mapping[str, int] | None = None,
                         min_level: int | None = None) -> ControllabilityReport:
    """Each KPI the role is measured on whose driving decisions she does not decide.

    A decision counts as hers only when the role holds A on it in ``matrix``, or when
    ``levels[decision]`` (the Management 3.0 level at which it is delegated to her) is
    at least ``min_level`` (default 5, *advise*: from there on the delegate decides).
    Doing the work (R) under someone else's A does not count: it is reported as its
    own category (``report.working``, ``gap.working``).
    ``measured_kpis`` defaults to :data:`SALES_MANAGER_KPIS` and ``role`` to the content's
    focus role (the sales manager). A row or column that is not a known decision or role
    raises a ValueError listing the valid ones.

    Returns a :class:`ControllabilityReport`; ``report.gaps`` lists, per KPI, the
    decisions still missing, and ``report.score`` the share of pairs she decides.

    Example:
        >>> today = preset_matrix("today")
        >>> r = controllability_gaps(today, ["gross_margin"])
        >>> [g.missing for g in r.gaps], r.score
        ([('price_discount_limits',)], 0.0)
        >>> controllability_gaps(today, ["gross_margin"], levels={"price_discount_limits": 6}).gaps
        ()
    """
    cat = catalogue()
    rid = _role(role)
    measured = _kpi_list(measured_kpis)
    frame = _board(matrix)
    letters = _letters(frame)
    held = set(_controls(letters, rid, _check_levels(levels), _min_level(min_level)))
    working = _works_under(letters, rid, held)
    gaps: list[Gap] = []
    coverage: dict[str, float] = {}
    covered_pairs = total_pairs = working_pairs = 0
    working_seen: list[str] = []
    for k in measured:
        drivers = decisions_driving(k, _cat=cat)
        missing = tuple(d for d in drivers if d not in held)
        busy = tuple(d for d in missing if d in working)
        working_seen += [d for d in busy if d not in working_seen]
        total_pairs += len(drivers)
        covered_pairs += len(drivers) - len(missing)
        working_pairs += len(busy)
        coverage[k] = (len(drivers) - len(missing)) / len(drivers) if drivers else 1.0
        if missing:
            holders = {d: _a_holder(letters, d) for d in missing}
            gaps.append(Gap(k, missing, drivers, holders, busy))
    score = covered_pairs / total_pairs if total_pairs else 1.0
    return ControllabilityReport(rid, measured, tuple(gaps), score, coverage,
                                 tuple(d for d in cat.decisions if d in held),
                                 tuple(d for d in cat.decisions if d in working_seen),
                                 working_pairs / total_pairs if total_pairs else 0.0)


def grant(matrix: Any, decision: str, role: str | None = None, cell: str = "A/R") -> pd.DataFrame:
    """A copy of the matrix where ``role`` gets ``cell`` on ``decision``; an A moves to her.

    When the new cell holds A, any other role's A on that decision is demoted (A/R to R,
    A to C), so the table stays valid.

    Example:
        >>> m = grant(preset_matrix("today"), "ict_budget")
        >>> m.loc["ict_budget", "sales_manager"], m.loc["ict_budget", "ceo"]
        ('A/R', 'C')
    """
    rid, did = _role(role), decision_id(decision)
    letters, bad = parse_cell(cell)
    if bad or not letters or canonical_cell(letters) not in CELL_OPTIONS:
        raise invalid("delegation.cell_value", value=_shown(cell), allowed=", ".join(o for o in CELL_OPTIONS if o))
    frame = to_frame(matrix).copy()
    if did not in frame.index:
        frame.loc[did] = ""
    if rid not in frame.columns:
        frame[rid] = ""
    if "A" in letters:
        for r in frame.columns:
            old = parse_cell(frame.at[did, r])[0]
            if r != rid and "A" in old:
                frame.at[did, r] = "R" if "R" in old else "C"
    frame.at[did, rid] = canonical_cell(letters)
    return frame


# --------------------------------------------------------------------------- delegation levels per decision


def check_levels(choices: Mapping[str, int]) -> pd.DataFrame:
    """Compare chosen delegation levels with the reference, decision by decision.

    Returns a DataFrame indexed by decision with ``chosen``, ``reference``, ``low``,
    ``high``, ``difference`` (chosen minus reference) and ``within`` (inside the range).

    Example:
        >>> df = check_levels({"hire_sellers": 2})
        >>> int(df.loc["hire_sellers", "difference"]), bool(df.loc["hire_sellers", "within"])
        (-4, False)
    """
    lv = _check_levels(choices)
    rows = []
    for d, level in lv.items():
        ref = catalogue().references[d]
        rows.append({"decision": d, "chosen": level, "reference": ref.level, "low": ref.low, "high": ref.high,
                     "difference": level - ref.level, "within": ref.low <= level <= ref.high})
    columns = ["chosen", "reference", "low", "high", "difference", "within"]
    if not rows:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="decision"))
    return pd.DataFrame(rows).set_index("decision")[columns]


def level_spread(responses: Iterable[Mapping[str, int]]) -> pd.DataFrame:
    """Spread of a class's chosen levels per decision: ``n``, ``min``, ``median``, ``max``
    and ``counts`` (a 7-tuple: how many chose level 1..7).

    Example:
        >>> s = level_spread([{"ict_budget": 3}, {"ict_budget": 6}, {"ict_budget": 6}])
        >>> float(s.loc["ict_budget", "median"]), s.loc["ict_budget", "counts"]
        (6.0, (0, 0, 1, 0, 0, 2, 0))
    """
    if isinstance(responses, (str, bytes, Mapping)) or not isinstance(responses, Iterable):
        raise invalid("delegation.responses_type", value=type(responses).__name__)
    values: dict[str, list[int]] = {}
    for resp in responses:
        for d, level in _check_levels(resp).items():
            values.setdefault(d, []).append(level)
    rows = []
    for d in [d for d in catalogue().decisions if d in values]:
        v = values[d]
        s = pd.Series(v)
        rows.append({"decision": d, "n": len(v), "min": int(s.min()), "median": float(s.median()),
                     "max": int(s.max()), "counts": tuple(v.count(i) for i in range(1, 8))})
    columns = ["n", "min", "median", "max", "counts"]
    if not rows:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="decision"))
    return pd.DataFrame(rows).set_index("decision")[columns]


