"""The inbound funnel: from website visitors to new customers, with every conversion rate as a range.

Stages (First Page Sage's definitions, see DOMAIN_NOTES section 4)::

    visitors -> leads -> marketing-qualified leads (MQL) -> sales-qualified leads (SQL)
             -> opportunities -> customers

Each step converts a share of the stage before it. The overall conversion is the
product of the step rates, so

    E[customers] = visitors x r1 x r2 x r3 x r4 x r5        (rates independent)

Practitioner benchmarks for the rates disagree (altiorco, b2blead.io, getfairview,
mv3marketing; Forrester warns there is no universal benchmark), so every rate here is a
**range** ``(low, likely, high)`` with the sources named. The ranges span what those
sources report; the *likely* value inside each range is the course's illustrative
assumption, not a figure from any source. Nothing here is a law. The ranges, their sources and
the case's assumptions are content (``content/funnel.yaml``): :data:`DEFAULT_RATES`,
:data:`DEFAULT_DEAL_VALUE`, :data:`CASE_VISITORS` and :data:`CASE_INBOUND_SHARE` are read from it.

The simulation draws each rate from a triangular distribution on its range (one draw
per simulated year), then lets the people flow through the stages as binomial draws,
so small numbers stay whole people. A new customer's first order (deal value) is a
range too; new sales = customers x a drawn average deal value. Solving the funnel backwards,
its sensitivity and the case's target are in :mod:`course_lib.funnel_plan` (public here too).

Example:
    >>> r = funnel(40_000, n=2_000, seed=1)
    >>> round(float(r.customers.mean()) / expected_customers(40_000), 1)
    1.0
"""
from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .digital_content import funnel_case
from .i18n import invalid, t
from .ranges import Range, _finite, check_range, draw_triangular  # noqa: F401  (public here as before)

STAGES: tuple[str, ...] = ("visitors", "leads", "mql", "sql", "opportunities", "customers")
"""The funnel's stages, top to bottom."""

STEPS: tuple[str, ...] = ("visit_to_lead", "lead_to_mql", "mql_to_sql", "sql_to_opportunity",
                          "opportunity_to_customer")
"""The conversion steps between consecutive stages, in funnel order."""

MAX_VISITORS = 100_000_000
MAX_DRAWS = 1_000_000

# Content-backed names, read on first use (PEP 562) so a trainer's override file takes effect.
_CONTENT_NAMES = {
    "DEFAULT_RATES": lambda c: dict(c.rates),          # step -> Range, spanning the named practitioner sources
    "DEFAULT_DEAL_VALUE": lambda c: c.deal_value,      # a new customer's first order (NOK), course assumption
    "CASE_VISITORS": lambda c: c.visitors,             # website visitors a year at the case company today
    "CASE_INBOUND_SHARE": lambda c: c.inbound_share,   # share of next year's new-sales budget wanted from inbound
}


def __getattr__(name: str):
    if name in _CONTENT_NAMES:
        return _CONTENT_NAMES[name](funnel_case())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def step_label(step: str, lang: str | None = None) -> str:
    """``"Besøk → lead"`` / ``"Visit → lead"``; an unknown step is refused, the valid ones listed."""
    if step not in STEPS:
        raise invalid("args.choice", field="step", value=repr(step)[:60], valid=", ".join(STEPS))
    return t(f"funnel.step.{step}", lang)


def stage_label(stage: str, lang: str | None = None) -> str:
    """``"Besøkende"`` / ``"Visitors"``; an unknown stage is refused, the valid ones listed."""
    if stage not in STAGES:
        raise invalid("args.choice", field="stage", value=repr(stage)[:60], valid=", ".join(STAGES))
    return t(f"funnel.stage.{stage}", lang)


# --------------------------------------------------------------------------- validation


def check_rates(rates: Mapping[str, Any] | None) -> dict[str, Range]:
    """All five conversion ranges, checked; missing steps take :data:`DEFAULT_RATES`.

    Example:
        >>> check_rates({"visit_to_lead": (0.02, 0.03, 0.04)})["visit_to_lead"].high
        0.04
    """
    defaults = funnel_case().rates
    if rates is None:
        return dict(defaults)
    if not isinstance(rates, Mapping):
        raise invalid("funnel.rates_type", value=type(rates).__name__)
    unknown = [k for k in rates if k not in STEPS]
    if unknown:
        raise invalid("funnel.step_unknown", value=unknown[0], allowed=", ".join(STEPS))
    out = dict(defaults)
    for step, value in rates.items():
        out[step] = check_range(value, f"{step_label(step)} ({step})")
    return out


def _check_visitors(visitors: Any) -> int:
    number = _finite(visitors, "visitors")
    if number < 0 or number != int(number) or number > MAX_VISITORS:
        raise invalid("funnel.visitors_range", value=visitors, maximum=MAX_VISITORS)
    return int(number)


def _check_draws(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, (Integral, np.integer)) or not 100 <= int(n) <= MAX_DRAWS:
        raise invalid("funnel.draws_range", value=n, maximum=MAX_DRAWS)
    return int(n)


def _check_positive(value: Any, field: str) -> float:
    number = _finite(value, field)
    if number <= 0:
        raise invalid("funnel.positive", field=field, value=value)
    return number


def _deal(deal_value: Any) -> Range:
    if deal_value is None:
        return funnel_case().deal_value
    rng = check_range(deal_value, t("funnel.deal_value"), lower=0.0, upper=None, rate=False)
    if rng.low <= 0:
        raise invalid("funnel.positive", field=t("funnel.deal_value"), value=rng.low)
    return rng


# --------------------------------------------------------------------------- deterministic view


def overall_rate(rates: Mapping[str, Any] | None = None, which: str = "mean") -> float:
    """Visitor-to-customer conversion: the product of the step rates (``which`` = low, likely, high or mean).

    Example:
        >>> overall_rate({s: (0.5, 0.5, 0.5) for s in STEPS})
        0.03125
    """
    checked = check_rates(rates)
    if which not in ("low", "likely", "high", "mean"):
        raise invalid("funnel.which_unknown", value=which, allowed="low, likely, high, mean")
    return float(np.prod([getattr(checked[s], which) for s in STEPS]))


def expected_customers(visitors: Any, rates: Mapping[str, Any] | None = None) -> float:
    """Expected new customers: visitors x the product of the mean step rates.

    Example:
        >>> expected_customers(10_000, {s: (0.5, 0.5, 0.5) for s in STEPS})
        312.5
    """
    return _check_visitors(visitors) * overall_rate(rates, "mean")


def stage_counts(visitors: Any, rates: Mapping[str, Any] | None = None, which: str = "likely") -> pd.Series:
    """People at each stage when every step converts at its ``which`` value (no randomness).

    Example:
        >>> stage_counts(10_000, {s: (0.5, 0.5, 0.5) for s in STEPS}).tolist()
        [10000.0, 5000.0, 2500.0, 1250.0, 625.0, 312.5]
    """
    v = _check_visitors(visitors)
    checked = check_rates(rates)
    counts = [float(v)]
    for s in STEPS:
        counts.append(counts[-1] * getattr(checked[s], which if which != "mean" else "mean"))
    return pd.Series(counts, index=list(STAGES), name="count")


def rates_table(rates: Mapping[str, Any] | None = None, lang: str | None = None) -> pd.DataFrame:
    """One row per step: low, likely, high, mean and the named source (for ``learner_table``).

    Example:
        >>> list(rates_table(lang="en").columns)
        ['step', 'low', 'likely', 'high', 'mean', 'source']
    """
    checked = check_rates(rates)
    rows = [{"step": step_label(s, lang), "low": r.low, "likely": r.likely, "high": r.high, "mean": r.mean,
             "source": r.source_text(lang) or t("funnel.own_range", lang)} for s, r in checked.items()]
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- simulation


@dataclass(frozen=True)
class FunnelResult:
    """What :func:`funnel` returns: ``counts`` (n x 6 people per stage), ``sales`` (NOK per draw)."""

    visitors: int
    rates: Mapping[str, Range]
    deal_value: Range
    counts: np.ndarray
    sales: np.ndarray

    @property
    def customers(self) -> np.ndarray:
        return self.counts[:, -1]

    @property
    def expected(self) -> float:
        """Expected customers in closed form (visitors x product of mean rates)."""
        return self.visitors * float(np.prod([self.rates[s].mean for s in STEPS]))

    def stage_means(self) -> pd.Series:
        return pd.Series(self.counts.mean(axis=0), index=list(STAGES))

    def quantiles(self, qs=(0.1, 0.5, 0.9)) -> dict[float, float]:
        """Quantiles of new sales (NOK)."""
        return {q: float(np.quantile(self.sales, q)) for q in qs}

    def p_reach(self, target_sales: float) -> float:
        """Share of draws where new sales reach ``target_sales``."""
        target = _check_positive(target_sales, "target_sales")
        return float(np.mean(self.sales >= target))


def funnel(visitors: Any, rates: Mapping[str, Any] | None = None, n: int = 10_000, seed: int | None = 2026,
           deal_value: Any = None) -> FunnelResult:
    """Monte Carlo of the funnel: distribution of new customers and new sales from ``visitors``.

    Each draw: every step rate from its triangular range, then binomial flows stage by stage,
    then new sales = customers x a drawn average deal value (NOK).

    Example:
        >>> r = funnel(10_000, {s: (0.5, 0.5, 0.5) for s in STEPS}, n=1_000, seed=0)
        >>> r.counts.shape, bool(abs(r.customers.mean() - 312.5) < 5)
        ((1000, 6), True)
    """
    v = _check_visitors(visitors)
    checked = check_rates(rates)
    draws = _check_draws(n)
    deal = _deal(deal_value)
    rng = np.random.default_rng(seed)
    counts = np.empty((draws, len(STAGES)), dtype=np.int64)
    counts[:, 0] = v
    for i, s in enumerate(STEPS):
        p = draw_triangular(rng, checked[s], draws)
        counts[:, i + 1] = rng.binomial(counts[:, i], p)
    sales = counts[:, -1] * draw_triangular(rng, deal, draws)
    return FunnelResult(v, checked, deal, counts, sales)



from .funnel_plan import (VisitorsNeeded, case_inbound_target, case_new_sales_budget,  # noqa: E402,F401
                          sensitivity, visitors_needed, what_must_change)

__all__ = [
    "STAGES", "STEPS", "MAX_VISITORS", "MAX_DRAWS", "Range", "DEFAULT_RATES", "DEFAULT_DEAL_VALUE", "CASE_VISITORS",
    "CASE_INBOUND_SHARE", "step_label", "stage_label", "check_range", "check_rates", "overall_rate",
    "expected_customers", "stage_counts", "rates_table", "draw_triangular", "FunnelResult", "funnel",
    "VisitorsNeeded", "visitors_needed", "sensitivity", "case_new_sales_budget", "case_inbound_target",
    "what_must_change",
]


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
