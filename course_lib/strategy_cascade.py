"""The goal cascade of module 05: strategy -> goals of the top management group -> the sales
manager's KPIs, each KPI flagged when she does not control a decision behind it (module 04's
:func:`course_lib.delegation.controls`; the controllability principle, Merchant & Van der Stede 2007).

Its content lives in ``course_lib/content/strategy.yaml`` beside the seven steps; every public name is
also importable from :mod:`course_lib.strategy`.

Example:
    >>> "ict_budget" in cascade_table().loc[lambda d: d["kpi"] == "crm_adoption", "missing_ids"].iloc[0]
    True
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from . import delegation as dl
from .i18n import invalid, pick


def data() -> dict[str, Any]:
    """The module's content, read through :func:`course_lib.strategy.data` (validated, cross-checked)."""
    from .strategy import data as strategy_data

    return strategy_data()


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def cascade() -> dict[str, Any]:
    """The cascade: ``strategy`` text, ``goals``, ``kpis`` (with inputs) and ``extra_inputs``."""
    return data()["cascade"]


def input_label(input_id: str, lang: str | None = None) -> str:
    """A KPI input's name: a module-04 decision or an extra input of this module."""
    for e in cascade()["extra_inputs"]:
        if e["id"] == input_id:
            return pick(e["name"], lang)
    return dl.decision_label(input_id, lang)


def _input_ids() -> tuple[str, ...]:
    return tuple(dl.DECISIONS) + tuple(e["id"] for e in cascade()["extra_inputs"])


def cascade_matrix(matrix: Any = "today", granted: Iterable[str] = ()) -> dict[str, dict[str, str]]:
    """Module 04's RACI matrix (a preset name, a DataFrame or a dict) with this module's extra inputs
    added as rows (held by their ``decided_by`` role), and ``granted`` inputs handed to the sales
    manager (A/R; any other A becomes R or C, as in :func:`course_lib.delegation.grant`).

    Example:
        >>> cascade_matrix("today")["website"]
        {'marketing': 'A/R'}
    """
    frame = dl.preset_matrix(matrix) if isinstance(matrix, str) else dl.to_frame(matrix)
    granted = _ids("granted", granted)
    valid = _input_ids()
    for g in granted:
        if g not in valid:
            raise invalid("strategy.input_unknown", value=g, allowed=", ".join(valid))
    for g in granted:
        if g in dl.DECISIONS:
            frame = dl.grant(frame, g, "sales_manager", "A/R")
    out = dl.matrix_to_dict(frame)
    for e in cascade()["extra_inputs"]:
        if e["id"] not in out:
            out[e["id"]] = {e["decided_by"]: "A/R"}
        if e["id"] in granted:
            row = {r: ("R" if "R" in c else "C") for r, c in out[e["id"]].items() if r != "sales_manager"}
            row["sales_manager"] = "A/R"
            out[e["id"]] = row
    return out


def _held_inputs(full: Mapping[str, Mapping[str, str]], levels: Mapping[str, int] | None) -> set[str]:
    """Inputs the sales manager decides: module 04's rule (she holds A, or the decision is delegated
    to her at level 5 or above) on the board's own decisions, and the same rule on this module's
    extra inputs, which module 04's board does not know."""
    if levels is not None and not isinstance(levels, Mapping):
        raise invalid("strategy.levels_type", value=_shown(levels))
    levels = dict(levels or {})
    board = {d: row for d, row in full.items() if d in dl.DECISIONS}
    board_levels = {d: v for d, v in levels.items() if d in dl.DECISIONS}
    held = set(dl.controls(board, "sales_manager", levels=board_levels or None))
    for d, row in full.items():
        if d in dl.DECISIONS:
            continue
        own = "A" in dl.parse_cell(row.get("sales_manager", ""))[0]
        if own or levels.get(d, 0) >= dl.DEFAULT_CONTROL_LEVEL:
            held.add(d)
    return held



def _ids(field: str, value: Any) -> list:
    """A list of names: one text, or a list/tuple/set of them (a number or a mapping is refused)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple, set, frozenset)) or (
            isinstance(value, Iterable) and not isinstance(value, (Mapping, bytes, pd.DataFrame, np.ndarray))):
        return list(value)
    raise invalid("strategy.ids_type", field=field, value=_shown(value))


def _holder(row: Mapping[str, str]) -> str | None:
    for role, cell in row.items():
        if "A" in dl.parse_cell(cell)[0]:
            return role
    return None


def cascade_table(matrix: Any = "today", levels: Mapping[str, int] | None = None, granted: Iterable[str] = (),
                  lang: str | None = None) -> pd.DataFrame:
    """One row per KPI of the sales manager: its goal, its inputs, the inputs she does not control
    (with who holds the A) and ``flagged`` when there is at least one.

    Control is module 04's :func:`course_lib.delegation.controls` on :func:`cascade_matrix`, with
    ``levels`` (Management 3.0 delegation levels per decision) as there.

    Example:
        >>> tab = cascade_table("today")
        >>> bool(tab.set_index("kpi").loc["sql_volume", "flagged"])
        True
    """
    full = cascade_matrix(matrix, granted)
    held = _held_inputs(full, levels)
    goals = {g["id"]: g for g in cascade()["goals"]}
    rows = []
    for k in cascade()["kpis"]:
        missing = [i for i in k["inputs"] if i not in held]
        who = [_holder(full.get(i, {})) for i in missing]
        rows.append({
            "kpi": k["id"], "name": pick(k["name"], lang), "goal": pick(goals[k["goal"]]["text"], lang),
            "inputs": ", ".join(input_label(i, lang) for i in k["inputs"]),
            "not_hers": "; ".join(f"{input_label(i, lang)} ({dl.role_label(h, lang) if h else '–'})"
                                  for i, h in zip(missing, who)) or "–",
            "missing_ids": tuple(missing), "flagged": bool(missing)})
    return pd.DataFrame(rows)


def flagged_kpis(matrix: Any = "today", levels: Mapping[str, int] | None = None,
                 granted: Iterable[str] = ()) -> tuple[str, ...]:
    """Ids of the KPIs she answers for without deciding all their inputs.

    Example:
        >>> "crm_adoption" in flagged_kpis("today")
        True
    """
    table = cascade_table(matrix, levels, granted)
    return tuple(table.loc[table["flagged"], "kpi"])
