"""The seven steps of a digital marketing and sales strategy, as a maturity self-assessment, and the
goal cascade from strategy to the sales manager's KPIs.

The source text (Kunøe & Berntsen) lists seven tips from Stig Hammer's guide for top managers on a
digital marketing and sales strategy. The course restates each tip in its own words as a step (the
titles are the course's, the ideas Hammer's) with two or three statements, each answered on a Likert scale (1 = strongly disagree ... 5 = strongly agree):

    maturity(step) = mean of its answered statements            (1 ... 5)
    share(step)    = (maturity - 1) / (5 - 1)                    (0 ... 1)

A band (beginning / developing / established) interprets the maturity, and each step names a lever
for top management and the funnel step or investment input it affects. The statements, bands,
levers and the case company's answers are teaching material written for the course (not a validated
instrument); they live as data in ``course_lib/content/strategy.yaml``.

The goal cascade follows the source's demand that the targets are set in the top management group:
strategy -> goals of the top management group -> the sales manager's KPIs. Each KPI lists the
decisions behind it; a KPI is **flagged** when she does not control one of them, judged by module
04's :func:`course_lib.delegation.controls` (the controllability principle: hold a manager to account
only for what she can influence, Merchant & Van der Stede 2007).

Example:
    >>> table = score(case_answers())
    >>> len(table), float(table["maturity"].min()) >= 1
    (7, True)
    >>> "ict_budget" in cascade_table().loc[lambda d: d["kpi"] == "crm_adoption", "missing_ids"].iloc[0]
    True
"""
from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Any, Mapping

import numpy as np
import pandas as pd

from . import content as _content
from . import delegation as dl
from .i18n import invalid, pick, t
from .strategy_cascade import _shown

TOPIC = "strategy"


# --------------------------------------------------------------------------- content and cross-checks


def _cross_check(data: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """Checks JSON Schema cannot express: ids, numbering, answers on the scale, links to other modules."""
    from . import funnel, investment

    problems: list[tuple[str, str, str]] = []
    lo, hi = data["scale"]["min"], data["scale"]["max"]
    if lo >= hi:
        problems.append(("scale", "max", f"max ({hi}) must be greater than min ({lo})"))
    numbers = sorted(s["number"] for s in data["steps"])
    if numbers != list(range(1, 8)):
        problems.append(("steps", "number", f"the steps must be numbered 1 to 7 once each, got {numbers}"))
    seen: set[str] = set()
    for step in data["steps"]:
        for st in step["statements"]:
            if st["id"] in seen:
                problems.append((st["id"], "id", "statement id used twice"))
            seen.add(st["id"])
            if not st["id"].startswith(step["id"] + "."):
                problems.append((st["id"], "id", f"a statement id must start with its step id '{step['id']}.'"))
        kind, target = step["affects"]["kind"], step["affects"]["target"]
        allowed = funnel.STEPS if kind == "funnel" else investment.INPUTS
        if target not in allowed:
            problems.append((step["id"], "affects.target", f"'{target}' is not one of {', '.join(allowed)}"))
    for sid, value in data["case_answers"].items():
        if sid not in seen:
            problems.append((sid, "case_answers", "no statement has this id"))
        elif not lo <= value <= hi:
            problems.append((sid, "case_answers", f"answer {value} is outside the scale {lo}-{hi}"))
    for sid in sorted(seen - set(data["case_answers"])):
        problems.append((sid, "case_answers", "the case has no answer for this statement"))
    uptos = [b["upto"] for b in data["bands"]]
    if uptos != sorted(uptos) or uptos[-1] < hi:
        problems.append(("bands", "upto", f"band limits must rise and the last must reach {hi}, got {uptos}"))
    casc = data["cascade"]
    goals = {g["id"] for g in casc["goals"]}
    extra = {e["id"] for e in casc["extra_inputs"]}
    for e in casc["extra_inputs"]:
        if e["decided_by"] not in dl.ROLES:
            problems.append((e["id"], "decided_by", f"'{e['decided_by']}' is not one of {', '.join(dl.ROLES)}"))
        if e["id"] in dl.DECISIONS:
            problems.append((e["id"], "id", "already a decision in module 04's catalogue; list it there, not here"))
    for k in casc["kpis"]:
        if k["goal"] not in goals:
            problems.append((k["id"], "goal", f"'{k['goal']}' is not one of the goals {', '.join(sorted(goals))}"))
        for i in k["inputs"]:
            if i not in dl.DECISIONS and i not in extra:
                problems.append((k["id"], "inputs", f"'{i}' is neither a decision in module 04 "
                                 f"({', '.join(dl.DECISIONS)}) nor an extra input ({', '.join(sorted(extra))})"))
    return problems


_content.register_check(TOPIC, _cross_check)


def data() -> dict[str, Any]:
    """The validated content (``course_lib/content/strategy.yaml`` or a trainer's override)."""
    return _content.load(TOPIC)


def scale() -> tuple[int, int]:
    """The Likert scale's ``(min, max)``."""
    s = data()["scale"]
    return int(s["min"]), int(s["max"])


def steps() -> list[dict[str, Any]]:
    """The seven steps in order, each with id, number, title, affects, statements, levers."""
    return sorted(data()["steps"], key=lambda s: s["number"])


def step_ids() -> tuple[str, ...]:
    return tuple(s["id"] for s in steps())


def statement_ids() -> tuple[str, ...]:
    """Every statement id, step by step."""
    return tuple(st["id"] for s in steps() for st in s["statements"])


def step_title(step_id: str, lang: str | None = None, numbered: bool = True) -> str:
    """The step's title, numbered: ``"3. Sørg for at selskapet selv eier ..."``."""
    for s in steps():
        if s["id"] == step_id:
            title = pick(s["title"], lang)
            return f"{s['number']}. {title}" if numbered else title
    raise invalid("strategy.step_unknown", value=step_id, allowed=", ".join(step_ids()))


def affects_label(step: Mapping[str, Any], lang: str | None = None) -> str:
    """What the step moves: a funnel step or an investment input, in words (``step``: a step of
    :func:`steps` or its id).

    Example:
        >>> affects_label("own_channel", lang="en").startswith("Affects")
        True
    """
    from .funnel import step_label
    from .investment import input_label

    if isinstance(step, str):
        found = [s for s in steps() if s["id"] == step]
        if not found:
            raise invalid("strategy.step_unknown", value=step, allowed=", ".join(step_ids()))
        step = found[0]
    affects = step.get("affects") if isinstance(step, Mapping) else None
    if not (isinstance(affects, Mapping) and affects.get("kind") in ("funnel", "investment")
            and isinstance(affects.get("target"), str)):
        raise invalid("strategy.step_type", value=_shown(step), allowed=", ".join(step_ids()))
    kind, target = affects["kind"], affects["target"]
    label = step_label(target, lang) if kind == "funnel" else input_label(target, lang)
    return t(f"strategy.affects.{kind}", lang, target=label)


def steps_table(lang: str | None = None) -> pd.DataFrame:
    """One row per step: number, title, statements, what it affects (for ``learner_table``).

    Example:
        >>> steps_table(lang="en")["number"].tolist()
        [1, 2, 3, 4, 5, 6, 7]
    """
    rows = [{"number": s["number"], "title": pick(s["title"], lang), "statements": len(s["statements"]),
             "affects": affects_label(s, lang)} for s in steps()]
    return pd.DataFrame(rows)


def case_answers() -> dict[str, int]:
    """The case company's shipped answers, ``{statement id: 1..5}``."""
    return dict(data()["case_answers"])


# --------------------------------------------------------------------------- answers and scores


def check_answers(answers: Any, complete: bool = False) -> dict[str, int]:
    """Validate answers ``{statement id: Likert value}``; unknown ids name the valid ones.

    With ``complete=True`` every statement must be answered.

    Example:
        >>> check_answers({"own_channel.website": 2})
        {'own_channel.website': 2}
    """
    if not isinstance(answers, Mapping):
        raise invalid("strategy.answers_type", value=type(answers).__name__)
    lo, hi = scale()
    valid = statement_ids()
    out: dict[str, int] = {}
    for sid, value in answers.items():
        if sid not in valid:
            raise invalid("strategy.statement_unknown", value=sid, allowed=", ".join(valid))
        if value is None:
            continue
        ok = isinstance(value, (Integral, np.integer)) and not isinstance(value, bool)
        if not ok and isinstance(value, float) and math.isfinite(value) and value == int(value):
            value, ok = int(value), True
        if not ok or not lo <= int(value) <= hi:
            raise invalid("strategy.answer_range", statement=sid, value=value, low=lo, high=hi)
        out[sid] = int(value)
    if complete:
        missing = [s for s in valid if s not in out]
        if missing:
            raise invalid("strategy.answers_missing", count=len(missing), first=missing[0])
    return out


def band(maturity: float) -> dict[str, Any] | None:
    """The band (beginning / developing / established) a maturity falls in; ``None`` for NaN (no answers).

    Raises ``ValueError`` (translated) for what is not a number.

    Example:
        >>> band(4.6)["id"], band(float("nan"))
        ('established', None)
    """
    if maturity is None:
        return None
    if isinstance(maturity, bool) or not isinstance(maturity, Real):
        raise invalid("strategy.maturity_type", value=_shown(maturity))
    maturity = float(maturity)
    if not math.isfinite(maturity):
        return None
    for b in data()["bands"]:
        if maturity <= b["upto"] + 1e-12:
            return b
    return data()["bands"][-1]


def score(answers: Any, lang: str | None = None) -> pd.DataFrame:
    """Maturity per step from Likert answers; steps with no answer get NaN.

    Columns: ``step`` (id), ``number``, ``title``, ``answered``, ``maturity`` (1-5), ``share`` (0-1),
    ``band`` (id), ``band_name``.

    Example:
        >>> s = score({"own_channel.website": 1, "own_channel.owner": 2})
        >>> float(s.set_index("step").loc["own_channel", "maturity"])
        1.5
    """
    given = check_answers(answers)
    lo, hi = scale()
    rows = []
    for s in steps():
        values = [given[st["id"]] for st in s["statements"] if st["id"] in given]
        maturity = float(np.mean(values)) if values else float("nan")
        b = band(maturity)
        rows.append({"step": s["id"], "number": s["number"], "title": pick(s["title"], lang),
                     "answered": len(values), "maturity": maturity,
                     "share": (maturity - lo) / (hi - lo) if values else float("nan"),
                     "band": b["id"] if b else "", "band_name": pick(b["name"], lang) if b else "–"})
    return pd.DataFrame(rows)


def overall(answers: Any) -> float:
    """Mean maturity over the steps that have answers (NaN when none)."""
    table = score(answers)
    values = table["maturity"].dropna()
    return float(values.mean()) if len(values) else float("nan")


def interpretation(answers: Any, lang: str | None = None) -> list[str]:
    """One sentence per answered step: its band, what that means and the lever for top management.

    Example:
        >>> len(interpretation(case_answers(), lang="en"))
        7
    """
    table = score(answers, lang)
    by_id = {s["id"]: s for s in steps()}
    lines = []
    for row in table.itertuples():
        if row.answered == 0:
            continue
        b = band(row.maturity)
        lines.append(t("strategy.interpretation", lang, step=step_title(row.step, lang),
                       maturity=_fmt1(row.maturity, lang), band=pick(b["name"], lang), meaning=pick(b["text"], lang),
                       lever=pick(by_id[row.step]["levers"], lang).rstrip("."), affects=affects_label(by_id[row.step], lang)))
    return lines


def _fmt1(value: float, lang: str | None) -> str:
    from .i18n import format_number

    return format_number(value, 1, lang)


def top_levers(answers: Any, k: int = 3, lang: str | None = None) -> pd.DataFrame:
    """The ``k`` least mature answered steps, with the lever for top management and what it affects.

    Example:
        >>> top_levers(case_answers(), k=2)["step"].tolist()
        ['integrated_system', 'own_channel']
    """
    if isinstance(k, bool) or not isinstance(k, Integral) or not 1 <= k <= 7:
        raise invalid("strategy.k_range", value=k)
    table = score(answers, lang).dropna(subset=["maturity"])
    table = table.sort_values(["maturity", "number"], kind="stable").head(k)
    by_id = {s["id"]: s for s in steps()}
    return pd.DataFrame([{"step": r.step, "title": step_title(r.step, lang), "maturity": r.maturity,
                          "lever": pick(by_id[r.step]["levers"], lang), "affects": affects_label(by_id[r.step], lang)}
                         for r in table.itertuples()])


def compare(learner: Any, case: Any = None, lang: str | None = None) -> pd.DataFrame:
    """Maturity per step for the case and the learner side by side, with the difference (learner - case).

    Example:
        >>> float(compare(case_answers())["difference"].abs().max())
        0.0
    """
    a = score(case_answers() if case is None else case, lang)
    b = score(learner, lang)
    return pd.DataFrame({"number": a["number"], "title": a["title"], "case": a["maturity"],
                         "learner": b["maturity"], "difference": b["maturity"] - a["maturity"]})



# The goal cascade (strategy -> goals -> her KPIs) reads as its own model in strategy_cascade.py.
from .strategy_cascade import (  # noqa: E402,F401
    cascade, cascade_matrix, cascade_table, flagged_kpis, input_label,
)
