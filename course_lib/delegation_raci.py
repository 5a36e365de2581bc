"""RACI tables for module 04: cells, boards as DataFrames, presets and validation.

A board is a ``pandas.DataFrame`` of decisions (rows) x roles (columns) whose cells are
``""``, ``"R"``, ``"A"``, ``"C"``, ``"I"`` or ``"A/R"``; a dict of dicts
``{decision: {role: cell}}`` is accepted too. ``"AR"``, ``"RA"``, ``"R/A"`` and
``"A+R"`` all mean A and R. Rules: exactly one A per decision, at least one R (the A
may also be R), only the letters R, A, C and I, and only known roles and decisions.

Example:
    >>> validate_raci({"hire_sellers": {"sales_manager": "AR"}})
    []
    >>> [p.kind for p in validate_raci({"hire_sellers": {"salgsjef": "A/R"}})]
    ['unknown_role']
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import pandas as pd

from .delegation_catalog import (_shown, catalogue, decision_id, decision_label, role_id, role_label)
from .i18n import invalid, t

CELL_OPTIONS: tuple[str, ...] = ("", "R", "A", "C", "I", "A/R")
_ALLOWED_LETTERS = "RACI"
MAX_DECISIONS, MAX_ROLES = 200, 50


def parse_cell(value: Any) -> tuple[frozenset[str], str]:
    """Split a cell into its RACI letters and any characters that are not R, A, C or I.

    Separators ``/ + , ;`` and spaces are ignored; case does not matter; an empty
    value, ``None`` or NaN is an empty cell.

    Example:
        >>> letters, bad = parse_cell("a/r")
        >>> sorted(letters), bad
        (['A', 'R'], '')
        >>> parse_cell("X")[1]
        'X'
    """
    if value is None or (isinstance(value, float) and value != value):
        return frozenset(), ""
    text = str(value).upper()[:40]
    for sep in "/+,; \t":
        text = text.replace(sep, "")
    letters = frozenset(ch for ch in text if ch in _ALLOWED_LETTERS)
    bad = "".join(dict.fromkeys(ch for ch in text if ch not in _ALLOWED_LETTERS))
    return letters, bad


def canonical_cell(letters: Iterable[str]) -> str:
    """Canonical cell text: ``"A/R"`` for A and R, else the letters in R, A, C, I order.

    Example:
        >>> canonical_cell({"R", "A"})
        'A/R'
    """
    s = set(letters)
    if s == {"A", "R"}:
        return "A/R"
    return "/".join(ch for ch in "RACI" if ch in s)


def _cells(matrix: Any) -> dict[str, dict[str, Any]]:
    """``{decision: {role: raw cell}}`` from a DataFrame or a dict of dicts; wrong shapes are rejected."""
    if isinstance(matrix, pd.DataFrame):
        if not (matrix.index.is_unique and matrix.columns.is_unique) or matrix.index.nlevels > 1 \
                or matrix.columns.nlevels > 1:
            raise invalid("delegation.matrix_duplicates")
        shape = matrix.shape
        rows = {str(d): {str(r): matrix.iat[i, j] for j, r in enumerate(matrix.columns)}
                for i, d in enumerate(matrix.index)}
    elif isinstance(matrix, Mapping):
        rows = {}
        for d, row in matrix.items():
            if not isinstance(row, Mapping):
                raise invalid("delegation.matrix_type", value=type(row).__name__)
            rows[str(d)] = {str(r): v for r, v in row.items()}
        shape = (len(rows), len({r for row in rows.values() for r in row}))
    else:
        raise invalid("delegation.matrix_type", value=type(matrix).__name__)
    if shape[0] > MAX_DECISIONS or shape[1] > MAX_ROLES:
        raise invalid("delegation.matrix_size", rows=shape[0], columns=shape[1], max_rows=MAX_DECISIONS,
                      max_columns=MAX_ROLES)
    return rows


def _known_or_raw(value: str, resolver) -> str:
    try:
        return resolver(value)
    except ValueError:
        return value


def to_frame(matrix: Any) -> pd.DataFrame:
    """A matrix as a DataFrame of canonical cells; catalogue labels become ids.

    Unknown letters, roles and decisions are kept as written, so :func:`validate_raci`
    can name them.

    Example:
        >>> to_frame({"hire_sellers": {"sales_manager": "ra", "hr_director": "c"}}).loc["hire_sellers", "sales_manager"]
        'A/R'
    """
    cat = catalogue()
    roles: list[str] = []
    data: dict[str, dict[str, str]] = {}
    role_ids: dict[str, str] = {}
    for d, row in _cells(matrix).items():
        did = d if d in cat.decisions else _known_or_raw(d, lambda v: decision_id(v, _cat=cat))
        data.setdefault(did, {})
        for r, v in row.items():
            if r not in role_ids:
                role_ids[r] = r if r in cat.roles else _known_or_raw(r, lambda v: role_id(v, _cat=cat))
            rid = role_ids[r]
            if rid not in roles:
                roles.append(rid)
            letters, bad = parse_cell(v)
            data[did][rid] = canonical_cell(letters) if not bad else str(v).strip().upper()[:40]
    frame = pd.DataFrame.from_dict(data, orient="index", columns=roles, dtype=object).fillna("")
    frame.index.name, frame.columns.name = "decision", "role"
    return frame


def unknown_names(frame: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Row and column names of a board that are not catalogue decisions or roles."""
    cat = catalogue()
    return ([d for d in frame.index if d not in cat.decisions], [r for r in frame.columns if r not in cat.roles])


def empty_matrix(decisions: Iterable[str] | None = None, roles: Iterable[str] | None = None) -> pd.DataFrame:
    """An empty board: catalogue decisions x roles, every cell ``""``.

    Example:
        >>> empty_matrix().shape
        (11, 7)
    """
    cat = catalogue()
    ds = [decision_id(d) for d in decisions] if decisions is not None else list(cat.decisions)
    rs = [role_id(r) for r in roles] if roles is not None else list(cat.roles)
    frame = pd.DataFrame("", index=ds, columns=rs, dtype=object)
    frame.index.name, frame.columns.name = "decision", "role"
    return frame


def preset_names() -> tuple[str, ...]:
    """The ready boards: those in the content file, then ``"empty"``."""
    return (*catalogue().presets, "empty")


def preset_label(name: str, lang: str | None = None) -> str:
    """A preset's name for the learner."""
    from .i18n import pick

    labels = catalogue().preset_labels
    return pick(labels[name], lang) if name in labels else t("delegation.board.preset_empty", lang)


def preset_matrix(name: Any) -> pd.DataFrame:
    """A ready board from the content file (``"today"``, ``"proposal"``), or ``"empty"``.

    Example:
        >>> preset_matrix("today").loc["bonus_system", "hr_director"]
        'A/R'
    """
    names = preset_names()
    if not isinstance(name, str) or name not in names:
        raise invalid("delegation.preset_unknown", value=_shown(name), allowed=", ".join(names))
    frame = empty_matrix()
    for d, row in catalogue().presets.get(name, {}).items():
        for r, v in row.items():
            frame.at[d, r] = v
    return frame


def matrix_to_dict(matrix: Any) -> dict[str, dict[str, str]]:
    """A JSON-friendly ``{decision: {role: cell}}`` without empty cells (for the progress store).

    Example:
        >>> matrix_to_dict({"ict_budget": {"it": "r", "ceo": ""}})
        {'ict_budget': {'it': 'R'}}
    """
    frame = to_frame(matrix)
    return {d: {r: frame.at[d, r] for r in frame.columns if frame.at[d, r]} for d in frame.index}


@dataclass(frozen=True)
class RaciProblem:
    """One thing wrong with a RACI table. ``str(problem)`` is a sentence in the current language.

    ``kind`` is one of ``"unknown_letter"``, ``"conflict"``, ``"no_accountable"``,
    ``"several_accountable"``, ``"no_responsible"``, ``"unknown_role"``,
    ``"unknown_decision"``, ``"empty"``.
    """

    kind: str
    decision: str | None = None
    role: str | None = None
    value: str | None = None
    roles: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        d = decision_label(self.decision) if self.decision else ""
        if self.kind == "unknown_letter":
            return t("delegation.raci.unknown_letter", decision=d, role=role_label(self.role or ""),
                     value=self.value, allowed="R, A, C, I, A/R")
        if self.kind == "conflict":
            return t("delegation.raci.conflict", decision=d, role=role_label(self.role or ""), value=self.value)
        if self.kind == "several_accountable":
            return t("delegation.raci.several_accountable", decision=d,
                     roles=", ".join(role_label(r) for r in self.roles))
        if self.kind == "unknown_role":
            return t("delegation.raci.unknown_role", value=self.value, allowed=", ".join(catalogue().roles))
        if self.kind == "unknown_decision":
            return t("delegation.raci.unknown_decision", value=self.value, allowed=", ".join(catalogue().decisions))
        if self.kind == "empty":
            return t("delegation.raci.empty")
        return t(f"delegation.raci.{self.kind}", decision=d)

    def __str__(self) -> str:
        return self.message


def validate_raci(matrix: Any) -> list[RaciProblem]:
    """Check a RACI table; return its problems (empty when valid).

    Rules: only known decisions and roles (unknown ones are reported with the valid
    ones listed); exactly one A per decision; at least one R (the A may also be R);
    letters other than R, A, C, I are rejected with the allowed ones named; a role
    cannot be both doing or signing off (R/A) and merely consulted or informed (C/I).

    Example:
        >>> problems = validate_raci({"hire_sellers": {"ceo": "A", "hr_director": "A"}})
        >>> sorted(p.kind for p in problems)
        ['no_responsible', 'several_accountable']
    """
    cells = _cells(matrix)
    if not cells:
        return [RaciProblem("empty")]
    problems: list[RaciProblem] = []
    bad_roles: list[str] = []
    cat = catalogue()
    for d_raw, row in cells.items():
        d = _known_or_raw(d_raw, lambda v: decision_id(v, _cat=cat))
        if d not in cat.decisions:
            problems.append(RaciProblem("unknown_decision", value=_shown(d_raw)))
        accountable: list[str] = []
        responsible: list[str] = []
        for r_raw, v in row.items():
            r = r_raw if r_raw in cat.roles else _known_or_raw(r_raw, lambda v: role_id(v, _cat=cat))
            if r not in cat.roles and r_raw not in bad_roles:
                bad_roles.append(r_raw)
                problems.append(RaciProblem("unknown_role", value=_shown(r_raw)))
            letters, bad = parse_cell(v)
            if bad:
                problems.append(RaciProblem("unknown_letter", d, r, _shown(str(v).strip())))
            if letters & {"A", "R"} and letters & {"C", "I"}:
                problems.append(RaciProblem("conflict", d, r, _shown(str(v).strip())))
            if "A" in letters:
                accountable.append(r)
            if "R" in letters:
                responsible.append(r)
        if not accountable:
            problems.append(RaciProblem("no_accountable", d))
        elif len(accountable) > 1:
            problems.append(RaciProblem("several_accountable", d, roles=tuple(accountable)))
        if not responsible:
            problems.append(RaciProblem("no_responsible", d))
    return problems


def accountable_for(matrix: Any, decision: Any) -> str | None:
    """The role holding A on a decision (the first one if there are several), else ``None``.

    Example:
        >>> accountable_for(preset_matrix("today"), "pay_levels")
        'hr_director'
    """
    return _accountable(to_frame(matrix), decision_id(decision))


def _accountable(frame: pd.DataFrame, decision: str) -> str | None:
    if decision not in frame.index:
        return None
    for r in frame.columns:
        if "A" in parse_cell(frame.at[decision, r])[0]:
            return r
    return None
