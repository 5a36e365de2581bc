"""Computational exercises for module 02 (plan, execute, control).

* :func:`check_weighted` - the weighted pipeline of a small pipeline within a quarter.
* :func:`check_p_reach` - the chance of reaching a target, from a Monte Carlo forecast.
* :func:`check_p50` - the median outcome of a skewed pipeline (not the mean).
* :func:`check_budget_70` - the case budget that is reached with a 70 % chance.
* :func:`check_variance` - July's variance from plan, as a share of plan.
* :func:`check_lower_limit` - the lower control limit (Shewhart) from last year's variance.

Each check treats ``...`` or ``None`` as "not answered yet", recognises typical wrong answers and
explains them, and records the attempt in the progress store.

Example:
    >>> check_weighted(..., record=False).correct is None
    True
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .. import goals
from ..i18n import format_money, format_percent
from .computed import CheckResult, check_number

#: The pipeline in exercises 3-4: eight open deals, months from now in ``close_month``.
EXERCISE_DEALS = pd.DataFrame({
    "deal": ["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8"],
    "stage": ["verbal", "negotiation", "proposal", "proposal", "needs_analysis", "qualified", "negotiation", "qualified"],
    "amount": [150_000, 400_000, 250_000, 600_000, 300_000, 800_000, 200_000, 350_000],
    "probability": [0.9, 0.75, 0.5, 0.5, 0.25, 0.1, 0.75, 0.1],
    "close_month": [1, 1, 2, 3, 3, 4, 2, 5],
})
EXERCISE_HORIZON = 3
EXERCISE_TARGET = 1_000_000
SEED = 2026

#: A pipeline with one large deal and many small ones (exercise 5).
SKEWED_DEALS = pd.DataFrame({"amount": [5_000_000] + [50_000] * 20, "probability": [0.3] + [0.5] * 20,
                             "close_month": [1] * 21})


def _inside() -> pd.DataFrame:
    return EXERCISE_DEALS[EXERCISE_DEALS["close_month"] <= EXERCISE_HORIZON]


def expected_weighted() -> float:
    """The right answer to exercise 3 (NOK).

    Example:
        >>> expected_weighted()
        1085000.0
    """
    return goals.weighted_pipeline(EXERCISE_DEALS, horizon=EXERCISE_HORIZON)


def check_weighted(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``weighted``: the weighted pipeline of :data:`EXERCISE_DEALS` closing within three months."""
    inside = _inside()
    mistakes = [
        (float(EXERCISE_DEALS["amount"].sum()), {
            "nb": "Dette er summen av alle beløpene: uten sannsynligheter og uten å se på når avtalene lukkes.",
            "en": "That is the sum of all the amounts: without probabilities and without looking at when the deals close."}),
        (float(inside["amount"].sum()), {
            "nb": "Du har tatt med riktige avtaler (innen tre måneder), men summert beløpene uten å gange med sannsynlighetene.",
            "en": "You picked the right deals (within three months) but summed the amounts without multiplying by the probabilities."}),
        (goals.weighted_pipeline(EXERCISE_DEALS), {
            "nb": "Dette er vektet pipeline for alle avtalene. To av dem ventes først om fire og fem måneder og hører ikke med i kvartalet.",
            "en": "That is the weighted pipeline of all deals. Two of them are expected in four and five months and do not belong in the quarter."}),
        (float(inside["amount"].sum() * inside["probability"].mean()), {
            "nb": "Du har brukt snittet av sannsynlighetene på hele summen. Hver avtale må ganges med sin egen sannsynlighet.",
            "en": "You used the average probability on the whole sum. Each deal must be multiplied by its own probability."}),
    ]
    return check_number("goals.weighted", value, expected_weighted(), name="weighted", abs_tol=1.0,
                        mistakes=mistakes, formatter=format_money, record=record)


def _exercise_forecast() -> goals.Forecast:
    return goals.forecast(EXERCISE_DEALS, EXERCISE_HORIZON, n=10_000, seed=SEED)


def expected_p_reach() -> float:
    """The right answer to exercise 4: P(reach 1 000 000 NOK within three months), seed 2026."""
    return _exercise_forecast().p_reach(EXERCISE_TARGET)


def check_p_reach(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``p_reach``: the chance (a share, 0-1) that :data:`EXERCISE_DEALS` bring in at least 1 000 000 NOK
    within three months. Another seed or more simulations give a slightly different share; 0.02 either
    side counts as right."""
    p = expected_p_reach()
    mistakes = [
        (1 - p, {"nb": "Dette er sjansen for å ikke nå målet. p_reach gir andelen simuleringer som når det.",
                 "en": "That is the chance of missing the target. p_reach gives the share of simulations that reach it."}),
        (100 * p, {"nb": "Riktig tall, men i prosent. Oppgi sjansen som en andel mellom 0 og 1.",
                   "en": "The right number, but in per cent. Give the chance as a share between 0 and 1."}),
        (expected_weighted() / EXERCISE_TARGET, {
            "nb": "Du har delt vektet pipeline på målet. Det sier hvor stor forventet verdi er i forhold til målet, ikke hvor ofte målet nås.",
            "en": "You divided the weighted pipeline by the target. That says how large the expected value is relative to the target, not how often the target is reached."}),
    ]
    return check_number("goals.p_reach", value, p, name="p_reach", abs_tol=0.02, mistakes=mistakes,
                        formatter=lambda v: format_percent(v, 1) if abs(v) <= 1 else f"{v:g}", record=record)


def _skewed_forecast() -> goals.Forecast:
    return goals.forecast(SKEWED_DEALS, 1, n=10_000, seed=SEED)


def expected_p50() -> float:
    """The right answer to exercise 5: P50 of :data:`SKEWED_DEALS` (NOK), seed 2026."""
    return _skewed_forecast().p50


def check_p50(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``p50``: the median outcome of :data:`SKEWED_DEALS` next month (within 5 %)."""
    f = _skewed_forecast()
    mistakes = [
        (f.expected, {"nb": "Dette er forventet verdi (snittet). Medianen er utfallet halvparten av simuleringene ligger under: bruk f.p50.",
                      "en": "That is the expected value (the mean). The median is the outcome half the simulations fall below: use f.p50."}),
        (f.p10, {"nb": "Dette er P10, utfallet bare 10 % av simuleringene ligger under.",
                 "en": "That is P10, the outcome only 10% of the simulations fall below."}),
        (f.p90, {"nb": "Dette er P90. Den store avtalen er med i de beste simuleringene, men ikke i den typiske.",
                 "en": "That is P90. The large deal is in the best simulations, but not in the typical one."}),
    ]
    return check_number("goals.p50", value, f.p50, name="p50", rel_tol=0.05, mistakes=mistakes,
                        formatter=format_money, record=record)


def _case_forecast() -> goals.Forecast:
    return goals.forecast(goals.case_pipeline(), 3, n=10_000, seed=SEED, run_rate=goals.case_run_rate())


def expected_budget_70() -> float:
    """The right answer to exercise 6: the case budget for the quarter reached with a 70 % chance (NOK)."""
    return _case_forecast().quantile(0.3)


def check_budget_70(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``budget_70``: the quarter budget the case pipeline (with the case run-rate) reaches with a
    70 % chance (within 1 %)."""
    f = _case_forecast()
    mistakes = [
        (f.quantile(0.7), {
            "nb": "Dette er budsjettet som nås med 30 % sjanse. Skal 70 % av simuleringene nå budsjettet, må det ligge der 30 % ligger under: f.quantile(0.3).",
            "en": "That is the budget reached with a 30% chance. For 70% of the simulations to reach it, it must sit where 30% fall below: f.quantile(0.3)."}),
        (f.expected, {"nb": "Dette er forventet verdi. Den nås i omtrent halvparten av simuleringene, ikke i 70 %.",
                      "en": "That is the expected value. It is reached in about half the simulations, not in 70%."}),
        (goals.case_budget(3), {"nb": "Dette er toppledelsens budsjett. Sjansen for å nå det er langt under 70 %.",
                                "en": "That is top management's budget. The chance of reaching it is far below 70%."}),
    ]
    return check_number("goals.budget_70", value, f.quantile(0.3), name="budget_70", rel_tol=0.01,
                        mistakes=mistakes, formatter=format_money, record=record)


def _july():
    from ..cases import load_team

    result = goals.control_table(load_team(), as_of="2026-07")
    return result, result.table.set_index("month").loc["2026-07"]


def expected_variance() -> float:
    """The right answer to exercise 7: July 2026's variance as a share of plan (flat plan).

    Example:
        >>> round(expected_variance(), 2)
        -0.55
    """
    return float(_july()[1]["variance_pct"])


def check_variance(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``variance_july``: (actual - plan) / plan for the whole team in July 2026, as a share."""
    row = _july()[1]
    v = float(row["variance_pct"])
    mistakes = [
        (float(row["variance"]), {"nb": "Dette er avviket i kroner. Oppgaven ber om avviket som andel av planen: del på planen.",
                                  "en": "That is the variance in NOK. The exercise asks for it as a share of plan: divide by the plan."}),
        (100 * v, {"nb": "Riktig tall i prosent. Oppgi det som en andel (f.eks. −0,25 for −25 %).",
                   "en": "The right number in per cent. Give it as a share (e.g. −0.25 for −25%)."}),
        (-v, {"nb": "Fortegnet er snudd: faktisk minus plan er negativt når salget er under planen.",
              "en": "The sign is reversed: actual minus plan is negative when sales are below plan."}),
        (float(row["plan"] / row["actual"] - 1), {
            "nb": "Du har delt planen på faktisk. Avviket måles mot planen: (faktisk − plan) / plan.",
            "en": "You divided plan by actual. The variance is measured against plan: (actual − plan) / plan."}),
    ]
    return check_number("goals.variance", value, v, name="variance_july", abs_tol=0.001, mistakes=mistakes,
                        formatter=lambda x: format_percent(x, 1) if abs(x) <= 5 else f"{x:g}", record=record)


def expected_lower_limit() -> float:
    """The right answer to exercise 8: the lower control limit, centre - 2 sigma of 2025's monthly variance."""
    return _july()[0].band.lower


def check_lower_limit(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``lower_limit``: mean minus two standard deviations of the monthly variance (share of plan) in 2025."""
    band = _july()[0].band
    mistakes = [
        (band.centre - 3 * band.sigma, {
            "nb": "Dette er Shewharts klassiske grense med 3 standardavvik. Her bruker vi 2, som i kontrollpanelet.",
            "en": "That is Shewhart's classic limit at 3 standard deviations. Here we use 2, as in the dashboard."}),
        (band.centre - band.sigma, {"nb": "Du har trukket fra ett standardavvik. Grensen er snitt minus to.",
                                    "en": "You subtracted one standard deviation. The limit is the mean minus two."}),
        (band.centre - 2 * float(np.std(variance_2025())), {
            "nb": "Nesten: du har brukt np.std med ddof=0 (standardavviket for en hel populasjon). For et utvalg på tolv måneder bruker vi ddof=1.",
            "en": "Nearly: you used np.std with ddof=0 (the standard deviation of a whole population). For a sample of twelve months we use ddof=1."}),
        (-2 * band.sigma, {"nb": "Du har sentrert båndet på null. Shewhart sentrerer det på snittet av avvikene.",
                           "en": "You centred the band on zero. Shewhart centres it on the mean of the variances."}),
    ]
    return check_number("goals.lower_limit", value, band.lower, name="lower_limit", abs_tol=0.002,
                        mistakes=mistakes, formatter=lambda x: format_percent(x, 1), record=record)


def variance_2025() -> np.ndarray:
    """The twelve monthly variances of 2025 (share of plan, flat plan): the baseline for exercise 8.

    Example:
        >>> len(variance_2025())
        12
    """
    from ..cases import load_team

    return goals.control_table(load_team(), year="2025").table["variance_pct"].to_numpy()


__all__ = [
    "EXERCISE_DEALS", "EXERCISE_HORIZON", "EXERCISE_TARGET", "SKEWED_DEALS", "SEED",
    "check_weighted", "check_p_reach", "check_p50", "check_budget_70", "check_variance", "check_lower_limit",
    "expected_weighted", "expected_p_reach", "expected_p50", "expected_budget_70", "expected_variance",
    "expected_lower_limit", "variance_2025",
]
