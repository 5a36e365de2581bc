"""Module 06, the capstone: the rubric, scored criterion by criterion (weights from ``content/capstone.yaml``).

Split out of :mod:`course_lib.capstone`, which re-exports every name; import from there.

Example:
    >>> [c.id for c in score(case_package(), "en").criteria][:2]
    ['completeness', 'coherence']
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .capstone_checks import CHECKS, bonus_measures, coherence, plan_weights, threshold_probability
from .capstone_parts import PARTS, REFLECTION_ID, Package, case_package, data, part_info
from .i18n import format_percent, pick

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


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
