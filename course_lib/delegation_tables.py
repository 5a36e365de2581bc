"""Tables module 04 shows to a learner, all through :func:`course_lib.tables.learner_table`
(translated headers, shares in the language's per-cent format).

The numbers behind each table come from the model in :mod:`course_lib.delegation`;
``.frame`` on the result holds the formatted strings.

Example:
    >>> from course_lib.delegation import preset_matrix
    >>> score_steps(preset_matrix("today"), ["hire_sellers"], lang="en").frame.iloc[1, 1]
    '15%'
"""
from __future__ import annotations

from typing import Any, Iterable

import pandas as pd

from . import delegation as dl
from .delegation_catalog import catalogue, decision_id, decision_label, kpi_label, level_label, role_label
from .i18n import invalid, pick, t
from .tables import learner_table


def catalogue_table(lang: str | None = None):
    """The decision catalogue: decision, the KPIs it drives and the source's point.

    Example:
        >>> len(catalogue_table("en").frame) == len(catalogue().decisions)
        True
    """
    rows = [{"decision": d.label(lang), "kpis": ", ".join(kpi_label(k, lang) for k in d.kpis),
             "source": pick(d.source_point, lang)} for d in catalogue().decisions.values()]
    return learner_table(pd.DataFrame(rows), labels={"decision": "delegation.table.decision",
                                                     "kpis": "delegation.table.kpis",
                                                     "source": "delegation.table.source"}, lang=lang)


def levels_table(lang: str | None = None):
    """Management 3.0's seven levels beside Tannenbaum & Schmidt's seven steps.

    Example:
        >>> levels_table("en").frame.iloc[0, 0]
        '1 Tell'
    """
    cat = catalogue()
    rows = [{"level": level_label(lv["level"], lang), "meaning": pick(lv["meaning"], lang),
             "ts": pick(ts["text"], lang)} for lv, ts in zip(cat.levels, cat.tannenbaum_schmidt)]
    return learner_table(pd.DataFrame(rows), labels={"level": "delegation.table.level",
                                                     "meaning": "delegation.table.meaning",
                                                     "ts": "delegation.table.ts"}, lang=lang)


def gaps_table(report: "dl.ControllabilityReport", lang: str | None = None):
    """One row per measured KPI: share of its inputs she decides, where she works under
    someone else's A, and what is not hers (with who holds A).

    Example:
        >>> from course_lib.delegation import controllability_gaps, preset_matrix
        >>> gaps_table(controllability_gaps(preset_matrix("proposal")), "en").frame.iloc[0, 1]
        '67%'
    """
    frame = pd.DataFrame(report.rows(lang), columns=["kpi", "coverage", "working", "no_say"])
    return learner_table(frame, formats={"coverage": "percent:0", "kpi": "text", "working": "text",
                                         "no_say": "text"},
                         labels={"kpi": "delegation.table.kpi", "coverage": "delegation.table.coverage",
                                 "working": "delegation.table.working", "no_say": "delegation.table.missing"},
                         lang=lang)


def score_steps(matrix: Any, decisions: Iterable[str], measured_kpis: Iterable[str] | None = None,
                role: str | None = None, lang: str | None = None):
    """Grant ``role`` A/R on each decision in turn and show how the score and the gaps change.

    Example:
        >>> from course_lib.delegation import preset_matrix
        >>> steps = score_steps(preset_matrix("today"), ["hire_sellers", "bonus_system"], lang="en")
        >>> list(steps.frame.iloc[:, 1])
        ['0%', '15%', '35%']
    """
    if isinstance(decisions, str) or not isinstance(decisions, Iterable):
        decisions = [decisions]
    decisions = [decision_id(d) for d in decisions]
    if len(decisions) > 50:
        raise invalid("delegation.too_many", field="decisions", value=len(decisions), maximum=50)
    current = dl.to_frame(matrix)
    report = dl.controllability_gaps(current, measured_kpis, role)
    rows = [(t("delegation.table.start", lang), report.score, len(report.gaps))]
    for d in decisions:
        current = dl.grant(current, d, report.role)
        report = dl.controllability_gaps(current, measured_kpis, report.role)
        rows.append(("+ " + decision_label(d, lang), report.score, len(report.gaps)))
    frame = pd.DataFrame(rows, columns=["step", "score", "gap_count"])
    return learner_table(frame, formats={"step": "text", "score": "percent:0", "gap_count": "number"},
                         labels={"step": "delegation.table.step", "score": "delegation.table.score",
                                 "gap_count": "delegation.table.gap_count"}, lang=lang)


def labelled(matrix: Any, lang: str | None = None, short: bool = True):
    """A board for reading: decision and role names instead of ids, empty cells as ``–``.

    Example:
        >>> labelled(dl.preset_matrix("today"), "en").frame.loc[3, "HR dir."]
        'A/R'
    """
    frame = dl.to_frame(matrix)
    out = frame.replace("", "–")
    out.insert(0, "decision", [decision_label(d, lang) for d in frame.index])
    labels = {"decision": "delegation.table.decision"}
    labels.update({r: {"nb": role_label(r, "nb", short=short), "en": role_label(r, "en", short=short)}
                   for r in frame.columns})
    return learner_table(out.reset_index(drop=True), formats={c: "text" for c in out.columns}, labels=labels,
                         lang=lang)
