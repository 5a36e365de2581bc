"""Planning with the funnel: visitors needed for a sales target, what moves the result, the case's target.

:func:`visitors_needed` solves the funnel of :mod:`course_lib.funnel` backwards: the visitors a
new-sales target needs, expected and with the spread from drawing the rates and the deal value.
:func:`sensitivity` is the tornado table (one input at its low or high end, the rest at their
means); :func:`what_must_change` says in words what would close the gap to a target. The case's
target is :func:`case_inbound_target`: a share (``content/funnel.yaml``) of the new-sales budget in
the team data (:func:`case_new_sales_budget`). All names are public in :mod:`course_lib.funnel`.

Example:
    >>> from course_lib.funnel import STEPS
    >>> v = visitors_needed(1_000_000, {s: (0.5, 0.5, 0.5) for s in STEPS}, deal_value=(100_000,) * 3)
    >>> v.expected
    320.0
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .digital_content import funnel_case
from .funnel import STEPS, _check_draws, _check_positive, _check_visitors, _deal, check_rates, step_label
from .i18n import format_plain, invalid, t
from .ranges import _finite, draw_triangular

MAX_TARGET = 1e12
"""Largest new-sales target (NOK) the funnel is solved for: far above any sales budget."""


@dataclass(frozen=True)
class VisitorsNeeded:
    """Visitors needed for ``target_sales``: ``expected`` from mean rates, and the spread over draws.

    ``quantiles[q]``: with the drawn rates and deal values, a share q of the draws need at most this many
    visitors; ``for_confidence`` is the number that reaches the target in a share ``confidence`` of draws.
    """

    target_sales: float
    expected: float
    quantiles: Mapping[float, float]
    confidence: float
    for_confidence: float


def visitors_needed(target_sales: Any, rates: Mapping[str, Any] | None = None, deal_value: Any = None,
                    confidence: float = 0.8, n: int = 10_000, seed: int | None = 2026) -> VisitorsNeeded:
    """Solve the funnel backwards: visitors needed for new sales of ``target_sales`` (NOK).

    ``expected`` = target / (mean deal value x product of mean rates). The uncertainty comes from
    drawing the rates and deal value: per draw, visitors = target / (deal x product of rates).

    Example:
        >>> v = visitors_needed(1_000_000, {s: (0.5, 0.5, 0.5) for s in STEPS}, deal_value=(100_000,) * 3)
        >>> v.expected
        320.0
    """
    target = _check_positive(target_sales, "target_sales")
    if target > MAX_TARGET:
        raise invalid("args.number", field="target_sales", value=target_sales, low=format_plain(0),
                      high=format_plain(MAX_TARGET))
    checked = check_rates(rates)
    deal = _deal(deal_value)
    conf = _finite(confidence, "confidence")
    if not 0 < conf < 1:
        raise invalid("funnel.confidence_range", value=confidence)
    draws = _check_draws(n)
    if any(checked[s].high == 0 for s in STEPS):
        raise invalid("funnel.zero_rate")
    rng = np.random.default_rng(seed)
    product = np.ones(draws)
    for s in STEPS:
        product *= draw_triangular(rng, checked[s], draws)
    per_draw = target / (np.maximum(product, 1e-300) * draw_triangular(rng, deal, draws))
    mean_product = float(np.prod([checked[s].mean for s in STEPS]))
    # Rates near 0 (1e-300) leave a product that underflows to 0 or a count that overflows to inf.
    expected = target / (deal.mean * mean_product) if deal.mean * mean_product > 0 else math.inf
    qs = {q: float(np.quantile(per_draw, q)) for q in (0.1, 0.5, 0.9)}
    for_confidence = float(np.quantile(per_draw, conf))
    if not all(math.isfinite(x) for x in (expected, for_confidence, *qs.values())):
        raise invalid("funnel.rates_too_low")
    return VisitorsNeeded(target, expected, qs, conf, for_confidence)


# --------------------------------------------------------------------------- sensitivity


def sensitivity(visitors: Any, rates: Mapping[str, Any] | None = None, deal_value: Any = None) -> pd.DataFrame:
    """Tornado table: expected new sales when one input is at its low or high end, the rest at their means.

    Rows sorted by ``swing`` (high minus low), largest first; ``base`` is the all-means value.

    Example:
        >>> tab = sensitivity(10_000)
        >>> list(tab.columns)
        ['input', 'label', 'low', 'high', 'swing', 'base']
        >>> bool(tab["swing"].is_monotonic_decreasing)
        True
    """
    v = _check_visitors(visitors)
    checked = check_rates(rates)
    deal = _deal(deal_value)
    means = {s: checked[s].mean for s in STEPS}
    base_product = float(np.prod(list(means.values())))
    base = v * base_product * deal.mean
    rows = []
    for s in STEPS:
        others = base_product / means[s] if means[s] > 0 else float(np.prod([means[o] for o in STEPS if o != s]))
        low, high = v * others * checked[s].low * deal.mean, v * others * checked[s].high * deal.mean
        rows.append({"input": s, "label": step_label(s), "low": low, "high": high})
    rows.append({"input": "deal_value", "label": t("funnel.deal_value"),
                 "low": v * base_product * deal.low, "high": v * base_product * deal.high})
    table = pd.DataFrame(rows)
    table["swing"] = table["high"] - table["low"]
    table["base"] = base
    return table.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- the case


def case_new_sales_budget(year: str | None = None, team: pd.DataFrame | None = None) -> float:
    """The case's new-sales budget for a year: the sum of the monthly quotas in the team data (NOK).

    Defaults to the last year in the data. Module 02 works with the same column.

    Example:
        >>> case_new_sales_budget() > 40_000_000
        True
    """
    from .cases import load_team

    df = load_team() if team is None else team
    years = sorted({str(m)[:4] for m in df["month"]})
    chosen = years[-1] if year is None else str(year)
    if chosen not in years:
        raise invalid("funnel.year_unknown", value=year, allowed=", ".join(years))
    return float(df.loc[df["month"].astype(str).str.startswith(chosen), "quota"].sum())


def case_inbound_target(share: float | None = None) -> float:
    """New sales the case wants from inbound: ``share`` of the new-sales budget (NOK); by default the
    case's share (:data:`course_lib.funnel.CASE_INBOUND_SHARE`, from ``content/funnel.yaml``).

    Example:
        >>> round(case_inbound_target() / case_new_sales_budget(), 2)
        0.1
    """
    s = _finite(funnel_case().inbound_share if share is None else share, "share")
    if not 0 < s <= 1:
        raise invalid("funnel.share_range", value=share)
    return s * case_new_sales_budget()


def what_must_change(visitors: Any, target_sales: Any, rates: Mapping[str, Any] | None = None,
                     deal_value: Any = None) -> list[str]:
    """Sentences saying what would close the gap to ``target_sales`` in expectation: more visitors,
    or one step's rate raised (only where the raised rate stays within 0-100 %).

    Example:
        >>> lines = what_must_change(10_000, 1.0)
        >>> len(lines) == 1
        True
    """
    from .i18n import format_number, format_percent, format_money

    v = _check_visitors(visitors)
    target = _check_positive(target_sales, "target_sales")
    checked = check_rates(rates)
    deal = _deal(deal_value)
    expected_sales = v * float(np.prod([checked[s].mean for s in STEPS])) * deal.mean
    if expected_sales >= target:
        return [t("funnel.change.reached", expected=format_money(expected_sales), target=format_money(target))]
    if expected_sales <= 0:
        return [t("funnel.change.nothing")]
    factor = target / expected_sales
    lines = [t("funnel.change.factor", expected=format_money(expected_sales), target=format_money(target),
               factor=format_number(factor, 1)),
             t("funnel.change.visitors", visitors=format_number(math.ceil(v * factor)))]
    for s in STEPS:
        new = checked[s].mean * factor
        if new <= 1.0:
            lines.append(t("funnel.change.rate", step=step_label(s), old=format_percent(checked[s].mean),
                           new=format_percent(new)))
    return lines


__all__ = ["VisitorsNeeded", "case_inbound_target", "case_new_sales_budget", "sensitivity", "visitors_needed",
           "what_must_change"]


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
