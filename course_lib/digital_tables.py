"""Learner views of module 05's results: each function calls a model and shows it with
:func:`course_lib.tables.learner_table`, so every number is in the language's format.

The models (``funnel``, ``investment``, ``strategy``) return plain numbers and DataFrames; these
helpers only choose columns, headers and formats, so a notebook cell stays one short call.

Example:
    >>> from course_lib import set_language
    >>> set_language("en")
    >>> rates_view().frame.iloc[0, 1]
    '1.0%'
"""
from __future__ import annotations

import math
from typing import Any, Iterable, Mapping

import pandas as pd

from . import funnel as fn
from . import investment as iv
from . import strategy as sg
from .i18n import t
from .tables import learner_table


def _labels(*columns: str) -> dict[str, str]:
    return {c: f"digital.col.{c}" for c in columns}


def rates_view(rates: Mapping[str, Any] | None = None):
    """The conversion ranges per step with their named sources."""
    table = fn.rates_table(rates)
    cols = ("step", "low", "likely", "high", "mean", "source")
    return learner_table(table[list(cols)], formats={c: "percent" for c in cols[1:5]} | {"step": "text", "source": "text"},
                         labels=_labels(*cols))


def budget_view(visitors: int = fn.CASE_VISITORS, share: float = fn.CASE_INBOUND_SHARE, seed: int = 2026):
    """From the case's new-sales budget to the inbound target, what the funnel gives and the visitors needed."""
    budget = fn.case_new_sales_budget()
    target = fn.case_inbound_target(share)
    result = fn.funnel(visitors, seed=seed)
    need = fn.visitors_needed(target, seed=seed)
    rows = [
        ("budget", budget, "money"), ("target", target, "money"), ("visitors", visitors, "number"),
        ("customers", result.customers.mean(), "number:1"), ("sales", result.sales.mean(), "money"),
        ("p_target", result.p_reach(target), "percent:0"), ("need", need.expected, "number"),
        ("need_80", need.for_confidence, "number"),
    ]
    from .tables import cell_formatter

    frame = pd.DataFrame({"measure": [t(f"digital.row.{k}") for k, _, _ in rows],
                          "value": [cell_formatter(f)(v) for _, v, f in rows]})
    return learner_table(frame, formats={"measure": "text", "value": "text"}, labels=_labels("measure", "value"))


def sensitivity_view(visitors: int = fn.CASE_VISITORS):
    """The funnel's tornado as a table: expected new sales with one input at its low and high end."""
    table = fn.sensitivity(visitors)
    cols = ("label", "low", "high", "swing")
    return learner_table(table[list(cols)], formats={"label": "text", "low": "money", "high": "money", "swing": "money"},
                         labels=_labels(*cols))


def steps_view():
    """The seven steps: number, title, statements and what each affects."""
    table = sg.steps_table()
    return learner_table(table, formats={"number": "number", "title": "text", "statements": "number", "affects": "text"},
                         labels=_labels("number", "title", "statements", "affects"))


def maturity_view(answers: Mapping[str, int] | None = None):
    """Maturity per step for the case company (and the learner's answers when given)."""
    if answers is None:
        table = sg.score(sg.case_answers())[["number", "title", "maturity", "band_name"]]
        return learner_table(table, formats={"number": "number", "title": "text", "maturity": "number:1",
                                             "band_name": "text"}, labels=_labels("number", "title", "maturity", "band_name"))
    table = sg.compare(answers)
    return learner_table(table, formats={"number": "number", "title": "text", "case": "number:1", "learner": "number:1",
                                         "difference": "number:1"},
                         labels=_labels("number", "title", "case", "learner", "difference"))


def levers_view(answers: Mapping[str, int] | None = None, k: int = 3):
    """The least mature steps and the lever for top management (the case's answers by default)."""
    table = sg.top_levers(sg.case_answers() if answers is None else answers, k)
    cols = ("title", "maturity", "lever", "affects")
    return learner_table(table[list(cols)], formats={"title": "text", "maturity": "number:1", "lever": "text",
                                                     "affects": "text"}, labels=_labels(*cols))


def flows_view(flows: Iterable[float] | None = None):
    """Year, cash flow and cumulative cash flow of the investment (the likely case by default)."""
    table = iv.flows_table(iv.likely_flows() if flows is None else list(flows))
    return learner_table(table, formats={"year": "number", "flow": "money", "cumulative": "money"},
                         labels=_labels("year", "flow", "cumulative"))


def investment_view(flows: Iterable[float] | None = None, rate: float = 0.08):
    """NPV, IRR and payback of one cash-flow series."""
    series = iv.likely_flows() if flows is None else list(flows)
    npv, irr, payback = iv.npv(rate, series), iv.irr(series), iv.payback(series)
    from .i18n import format_money, format_number, format_percent

    rows = [(t("digital.row.rate"), format_percent(rate, 1)), (t("digital.row.npv"), format_money(npv)),
            (t("digital.row.irr"), format_percent(irr, 1) if math.isfinite(irr) else "–"),
            (t("digital.row.payback"), format_number(payback, 1) + " " + t("digital.investment.years")
             if math.isfinite(payback) else t("digital.investment.no_payback"))]
    frame = pd.DataFrame(rows, columns=["measure", "value"])
    return learner_table(frame, formats={"measure": "text", "value": "text"}, labels=_labels("measure", "value"))


def tornado_view(rate: float = 0.08, horizon: int = 5):
    """The investment's tornado as a table: NPV with one input at its low and at its high end."""
    table = iv.tornado(rate=rate, horizon=horizon)
    cols = ("label", "low", "high", "swing")
    return learner_table(table[list(cols)], formats={"label": "text", "low": "money", "high": "money", "swing": "money"},
                         labels={"label": "digital.col.label", "low": "digital.col.npv_low",
                                 "high": "digital.col.npv_high", "swing": "digital.col.swing"})


def cascade_view(matrix: Any = "today", levels: Mapping[str, int] | None = None, granted: Iterable[str] = ()):
    """The goal cascade: each KPI, its goal, its inputs and the inputs she does not decide (flagged)."""
    table = sg.cascade_table(matrix, levels, granted)
    cols = ("name", "goal", "not_hers", "flagged")
    return learner_table(table[list(cols)], formats={"name": "text", "goal": "text", "not_hers": "text", "flagged": "text"},
                         labels=_labels(*cols), values={"flagged": {True: "digital.col.flag_yes", False: "digital.col.flag_no"}})
