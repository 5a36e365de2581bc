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
assumption, not a figure from any source. Nothing here is a law.

The simulation draws each rate from a triangular distribution on its range (one draw
per simulated year), then lets the people flow through the stages as binomial draws,
so small numbers stay whole people. A new customer's first order (deal value) is a
range too; new sales = customers x a drawn average deal value.

Example:
    >>> r = funnel(40_000, n=2_000, seed=1)
    >>> round(float(r.customers.mean()) / expected_customers(40_000), 1)
    1.0
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from numbers import Integral, Real
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .i18n import format_percent, invalid, pick, t

STAGES: tuple[str, ...] = ("visitors", "leads", "mql", "sql", "opportunities", "customers")
"""The funnel's stages, top to bottom."""

STEPS: tuple[str, ...] = ("visit_to_lead", "lead_to_mql", "mql_to_sql", "sql_to_opportunity",
                          "opportunity_to_customer")
"""The conversion steps between consecutive stages, in funnel order."""

MAX_VISITORS = 100_000_000
MAX_DRAWS = 1_000_000


@dataclass(frozen=True)
class Range:
    """A quantity known only as a range: ``low <= likely <= high``, with where it comes from.

    ``source`` is a ``{"nb": ..., "en": ...}`` text naming the source(s); ``practitioner`` marks
    figures from consultants' or vendors' benchmarks (never laws); ``illustrative`` marks the
    course's own assumptions.

    Example:
        >>> Range(0.01, 0.025, 0.05).mean
        0.028333333333333335
    """

    low: float
    likely: float
    high: float
    source: Mapping[str, str] | None = None
    practitioner: bool = False
    illustrative: bool = False

    @property
    def mean(self) -> float:
        """Mean of the triangular distribution on the range: (low + likely + high) / 3."""
        return (self.low + self.likely + self.high) / 3

    def with_values(self, low: float, likely: float, high: float) -> "Range":
        """The same range with new numbers (source kept)."""
        return replace(self, low=low, likely=likely, high=high)

    def source_text(self, lang: str | None = None) -> str:
        return pick(self.source, lang) if self.source else ""


def _src(nb: str, en: str) -> dict[str, str]:
    return {"nb": nb, "en": en}


_SOURCES_NOTE = _src(
    "Praktikertall (konsulent-/leverandørbenchmark), ikke lover. Det sannsynlige tallet er kursets antakelse.",
    "Practitioner figures (consultant/vendor benchmarks), not laws. The likely value is the course's assumption.",
)

#: Default conversion ranges, spanning what the named practitioner sources report.
DEFAULT_RATES: dict[str, Range] = {
    "visit_to_lead": Range(0.01, 0.025, 0.05, _src(
        "altiorco (med henvisning til HubSpot/First Page Sage): 2–5 %; b2blead.io: 1–5 %",
        "altiorco (citing HubSpot/First Page Sage): 2–5%; b2blead.io: 1–5%"), practitioner=True),
    "lead_to_mql": Range(0.10, 0.25, 0.40, _src(
        "altiorco: 15–30 %; b2blead.io: 20–40 %; mv3marketing (SiriusDecisions-modellen): 10–25 %",
        "altiorco: 15–30%; b2blead.io: 20–40%; mv3marketing (SiriusDecisions model): 10–25%"), practitioner=True),
    "mql_to_sql": Range(0.13, 0.35, 0.60, _src(
        "getfairview: 13–22 %; altiorco: 30–50 %; b2blead.io: 30–60 %",
        "getfairview: 13–22%; altiorco: 30–50%; b2blead.io: 30–60%"), practitioner=True),
    "sql_to_opportunity": Range(0.30, 0.55, 0.80, _src(
        "getfairview: 30–50 %; altiorco: 50–75 %; b2blead.io: 40–80 %",
        "getfairview: 30–50%; altiorco: 50–75%; b2blead.io: 40–80%"), practitioner=True),
    "opportunity_to_customer": Range(0.10, 0.22, 0.35, _src(
        "b2blead.io: 10–30 %; altiorco: 15–30 %; getfairview: 20–35 %",
        "b2blead.io: 10–30%; altiorco: 15–30%; getfairview: 20–35%"), practitioner=True),
}

#: A new inbound customer's first order in NOK: the course's illustrative assumption for the case.
DEFAULT_DEAL_VALUE = Range(40_000, 75_000, 150_000, _src(
    "Kursets antakelse for casebedriften (første ordre fra en ny kunde)",
    "The course's assumption for the case company (a new customer's first order)"), illustrative=True)

#: Website visitors a year at the case company today (course assumption).
CASE_VISITORS = 60_000

#: Share of next year's new-sales budget the case's strategy wants from inbound (course assumption).
CASE_INBOUND_SHARE = 0.10


def step_label(step: str, lang: str | None = None) -> str:
    """``"Besøk → lead"`` / ``"Visit → lead"``."""
    return t(f"funnel.step.{step}", lang)


def stage_label(stage: str, lang: str | None = None) -> str:
    """``"Besøkende"`` / ``"Visitors"``."""
    return t(f"funnel.stage.{stage}", lang)


# --------------------------------------------------------------------------- validation


def _finite(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (Real, np.floating, np.integer)):
        raise invalid("funnel.not_a_number", field=field, value=repr(value)[:40])
    number = float(value)
    if not math.isfinite(number):
        raise invalid("funnel.not_finite", field=field, value=str(value))
    return number


def check_range(value: Any, field: str, lower: float | None = 0.0, upper: float | None = 1.0,
                rate: bool = True, percent: bool = False) -> Range:
    """Turn ``value`` (a :class:`Range`, a ``(low, likely, high)`` triple or one number) into a
    checked :class:`Range`: finite, ``low <= likely <= high``, inside ``[lower, upper]``.

    ``rate=True`` words a breach as a conversion rate outside 0-1; otherwise the limits are named
    (as percentages when ``percent=True``).

    Example:
        >>> check_range((0.1, 0.2, 0.3), "lead_to_mql").likely
        0.2
    """
    if isinstance(value, Range):
        triple, base = (value.low, value.likely, value.high), value
    elif isinstance(value, Real) and not isinstance(value, bool):
        triple, base = (value, value, value), None
    elif isinstance(value, (tuple, list)) and len(value) == 3:
        triple, base = tuple(value), None
    else:
        raise invalid("funnel.range_shape", field=field, value=repr(value)[:60])
    low, likely, high = (_finite(v, field) for v in triple)
    for v in (low, likely, high):
        if lower is not None and v < lower or upper is not None and v > upper:
            if rate and upper == 1.0 and lower == 0.0:
                raise invalid("funnel.rate_outside", field=field, value=v)
            show = (lambda x: format_percent(x, 0 if float(100 * x).is_integer() else 1)) if percent else (lambda x: x)
            if upper is None:
                raise invalid("funnel.value_below", field=field, value=show(v), lower=show(lower))
            raise invalid("funnel.value_outside", field=field, value=show(v), lower=show(lower), upper=show(upper))
    if not low <= likely <= high:
        raise invalid("funnel.range_order", field=field, low=low, likely=likely, high=high)
    return base.with_values(low, likely, high) if base else Range(low, likely, high)


def check_rates(rates: Mapping[str, Any] | None) -> dict[str, Range]:
    """All five conversion ranges, checked; missing steps take :data:`DEFAULT_RATES`.

    Example:
        >>> check_rates({"visit_to_lead": (0.02, 0.03, 0.04)})["visit_to_lead"].high
        0.04
    """
    if rates is None:
        return dict(DEFAULT_RATES)
    if not isinstance(rates, Mapping):
        raise invalid("funnel.rates_type", value=type(rates).__name__)
    unknown = [k for k in rates if k not in STEPS]
    if unknown:
        raise invalid("funnel.step_unknown", value=unknown[0], allowed=", ".join(STEPS))
    out = dict(DEFAULT_RATES)
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
        return DEFAULT_DEAL_VALUE
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


def draw_triangular(rng: np.random.Generator, r: Range, n: int) -> np.ndarray:
    """``n`` draws from the triangular distribution on ``r`` (a constant when low == high)."""
    if r.high == r.low:
        return np.full(n, r.low)
    return rng.triangular(r.low, r.likely, r.high, n)


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
    expected = target / (deal.mean * mean_product)
    qs = {q: float(np.quantile(per_draw, q)) for q in (0.1, 0.5, 0.9)}
    return VisitorsNeeded(target, expected, qs, conf, float(np.quantile(per_draw, conf)))


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


def case_inbound_target(share: float = CASE_INBOUND_SHARE) -> float:
    """New sales the case wants from inbound: ``share`` of the new-sales budget (NOK).

    Example:
        >>> round(case_inbound_target() / case_new_sales_budget(), 2)
        0.1
    """
    s = _finite(share, "share")
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
