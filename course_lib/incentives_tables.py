"""Module 03's tables as a learner sees them: headers and categories translated, numbers in the language's format.

The models return plain numbers; these functions turn them into a view for a notebook, through
``course_lib.tables.learner_table`` when it is available (else a DataFrame of formatted strings).

Example:
    >>> from course_lib.incentives import Plan
    >>> list(plan_comparison({"60/40": Plan.from_ote(65_000, 0.6, 380_000)}, [1.0]).frame.iloc[0])
    ['100 %', '65 000 kr']
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import pandas as pd

from .i18n import catalogue, format_money, format_number, format_percent, invalid, pick, t
from .incentives import Plan, compare_plans
from .incentives_review import format_millions
from .periods import period_label

_FORMATTERS = {
    "money": lambda v: format_money(v), "percent": lambda v: format_percent(v, 1), "percent:0": lambda v: format_percent(v, 0),
    "number:2": lambda v: format_number(v, 2), "millions": format_millions, "text": str,
}


class _Table:
    """A minimal stand-in for ``learner_table``: ``.frame`` of strings, HTML and text reprs."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def _repr_html_(self) -> str:
        return self.frame.to_html(index=False, escape=True)

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def _table(df: pd.DataFrame, formats: Mapping[str, str], labels: Mapping[str, Any]) -> Any:
    from .tables import learner_table

    df = df.copy()
    formats = dict(formats)
    for column, spec in list(formats.items()):
        if spec == "millions":                      # model results: one decimal in millions, "in the model"
            df[column] = [format_millions(v) for v in df[column]]
            formats[column] = "text"
    if formats:
        return learner_table(df, formats=formats, labels=dict(labels))
    out = pd.DataFrame({pick(labels[c]) if isinstance(labels.get(c), Mapping) else t(labels[c]) if c in labels else c:
                        [_FORMATTERS[formats.get(c, "text")](v) for v in df[c]] for c in df.columns})
    return _Table(out)


def plan_comparison(plans: Mapping[str, Plan], attainments: Sequence[float] = (0.5, 0.9, 1.0, 1.1, 1.5)) -> Any:
    """Monthly total cash of several plans at given attainments (see :func:`course_lib.incentives.compare_plans`)."""
    df = compare_plans(plans, attainments)
    formats = {"attainment": "percent:0", **{name: "money" for name in df.columns[1:]}}
    return _table(df, formats, {"attainment": "incentives.table.attainment"})


def payouts(amounts: Any, cases: Sequence[Any] | None = None, case_label: Any = "incentives.table.case",
            case_format: str = "text", amount_label: Any = "incentives.table.incentive",
            amount_format: str = "money") -> Any:
    """Amounts (bonuses, commissions, costs) as a learner table: one labelled row per case.

    ``cases`` names the rows: numbers (shown with ``case_format``, e.g. ``"money"`` or ``"number:1"``),
    message keys or ``{"nb": ..., "en": ...}`` texts; without it the rows are numbered. ``case_label``
    and ``amount_label`` are the headers (message key, dict or text); ``amount_format`` is ``"money"``
    (kroner) unless the amounts are in another currency (then e.g. ``"number"``).

    Example:
        >>> from course_lib.i18n import set_language
        >>> set_language("nb")
        >>> payouts([9_880.0, 19_760.0], cases=[190_000, 380_000], case_format="money",
        ...         case_label="incentives.table.new_sales").frame.values.tolist()
        [['190 000 kr', '9 880 kr'], ['380 000 kr', '19 760 kr']]
    """
    import numpy as np

    values = np.atleast_1d(np.asarray(amounts, dtype=float))
    if values.ndim != 1:
        raise invalid("incentives.table.payouts_shape", value=values.shape)
    if cases is None:
        cases = list(range(1, len(values) + 1))
    cases = list(cases)
    if len(cases) != len(values):
        raise invalid("incentives.table.payouts_cases", cases=len(cases), amounts=len(values))
    shown = [pick(c) if isinstance(c, Mapping) else t(c) if isinstance(c, str) and c in catalogue()
             else c for c in cases]
    df = pd.DataFrame({"case": shown, "amount": values})
    return _table(df, {"case": case_format, "amount": amount_format}, {"case": case_label, "amount": amount_label})


def phase_profits(plans: Mapping[str, Plan], months: int = 24) -> Any:
    """Profit in the model (millions, 24 months) of each plan in each phase; plan keys are message keys
    under ``incentives.plan_label.`` (e.g. ``"new_only"``)."""
    from . import agency

    rows = []
    for key, phase in agency.phases().items():
        row = {"phase": agency.phase_label(key)}
        for name, plan in plans.items():
            row[name] = agency.simulate_phase(plan, key, months).totals["profit"]
        rows.append(row)
    df = pd.DataFrame(rows)
    labels = {"phase": "incentives.table.phase", **{name: f"incentives.plan_label.{name}" for name in plans}}
    return _table(df, {"phase": "text", **{name: "millions" for name in plans}}, labels)


def manager_table(bonus: pd.DataFrame) -> Any:
    """The sales manager's bonus per period (from :func:`course_lib.incentives_team.manager_bonus`);
    periods read ``1. kv. 2025`` / ``Q1 2025`` (months ``juli 2026`` / ``July 2026``), never the data key.

    Example:
        >>> from course_lib.cases import generate_team
        >>> from course_lib.i18n import set_language
        >>> from course_lib import incentives_team
        >>> set_language("nb")
        >>> table = manager_table(incentives_team.manager_bonus(Plan.from_ote(90_000, 0.6, 1.0), generate_team(), "quarter"))
        >>> table.frame.iloc[0, 0]
        '1. kv. 2025'
    """
    bonus = bonus.assign(period=[period_label(p) for p in bonus["period"]])
    formats = {"period": "text", "quota": "money", "new_sales": "money", "attainment": "percent",
               "incentive": "money", "total_cash": "money"}
    labels = {"period": "incentives.table.period", "quota": "incentives.table.budget",
              "new_sales": "incentives.table.new_sales", "attainment": "incentives.table.attainment",
              "incentive": "incentives.table.incentive", "total_cash": "incentives.table.total_cash"}
    return _table(bonus, formats, labels)


__all__ = ["manager_table", "payouts", "phase_profits", "plan_comparison"]


def checklist() -> Any:
    """The practitioner's checklist from ``content/incentives.yaml`` as Markdown (kind and sources marked)."""
    from IPython.display import Markdown

    from .incentives_content import content

    lines = []
    for item in content()["checklist"]:
        kind = t(f"incentives.checklist.kind_{item['kind']}")
        sources = "; ".join(pick(s) if isinstance(s, Mapping) else s for s in item.get("sources", []))
        lines.append(f"- **{pick(item['title'])}** ({kind}). {pick(item['text'])} *{t('incentives.checklist.sources')}: {sources}.*")
    return Markdown("\n".join(lines))


__all__ += ["checklist"]
