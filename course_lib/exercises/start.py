"""Computational exercise for module 00: total new sales for one region in one year.

The learner filters the case data (``load_team()``) and adds up ``new_sales`` for region West
(``"west"``) in 2025. :func:`check_total_new_sales` compares the result with the right sum,
recomputed from the shipped data, and recognises the typical slips: the wrong region, both
regions, a month left out, renewals or quota instead of new sales, the whole period instead of
one year.

Example:
    >>> check_total_new_sales(..., record=False).correct is None
    True
"""
from __future__ import annotations

import pandas as pd

from ..cases import load_team
from ..i18n import format_money
from ..periods import month_label
from .computed import CheckResult, check_number

EXERCISE_ID = "start.total_new_sales"
REGION = "west"
YEAR = "2025"


def month_name(month: str, lang: str | None = None) -> str:
    """A data month ``"YYYY-MM"`` as the learner reads it: ``"juli 2025"`` / ``"July 2025"``.

    Example:
        >>> month_name("2025-07", lang="nb"), month_name("2025-07", lang="en")
        ('juli 2025', 'July 2025')
    """
    return month_label(month, lang)


def period_text(first: str, last: str, lang: str | None = None) -> str:
    """A span of data months with an en dash: ``"januar 2025–desember 2026"``.

    Example:
        >>> period_text("2025-01", "2026-12", lang="en")
        'January 2025–December 2026'
    """
    return f"{month_name(first, lang)}–{month_name(last, lang)}"


def _rows(df: pd.DataFrame, region: str | None = REGION, year: str | None = YEAR) -> pd.DataFrame:
    rows = df
    if region is not None:
        rows = rows[rows["region"] == region]
    if year is not None:
        rows = rows[rows["month"].str.startswith(year)]
    return rows


def expected_total_new_sales(df: pd.DataFrame | None = None) -> float:
    """The right answer: new sales in region West, all months of 2025, summed (NOK).

    Example:
        >>> expected_total_new_sales() > 0
        True
    """
    df = load_team() if df is None else df
    return float(_rows(df)["new_sales"].sum())


def typical_mistakes(df: pd.DataFrame | None = None) -> list[tuple[float, dict[str, str]]]:
    """``(wrong value, bilingual explanation)`` pairs for the slips learners usually make."""
    df = load_team() if df is None else df
    rows = _rows(df)
    mistakes: list[tuple[float, dict[str, str]]] = [
        (float(_rows(df, region="east")["new_sales"].sum()), {
            "nb": "Dette er nysalget i region Øst (east). Oppgaven gjelder Vest: filtrer på region == \"west\".",
            "en": "That is the new sales of the East region. The task is about West: filter on region == \"west\".",
        }),
        (float(_rows(df, region=None)["new_sales"].sum()), {
            "nb": "Dette er nysalget for begge regionene. Ta bare med radene der region er \"west\".",
            "en": "That is the new sales of both regions. Keep only the rows where region is \"west\".",
        }),
        (float(rows["renewals"].sum()), {
            "nb": "Du har summert fornyelser (renewals). Nysalg står i kolonnen new_sales.",
            "en": "You added up renewals. New sales are in the new_sales column.",
        }),
        (float(rows["quota"].sum()), {
            "nb": "Du har summert salgsmålet (quota), ikke det som faktisk ble solgt (new_sales).",
            "en": "You added up the quota, not what was actually sold (new_sales).",
        }),
        (float(_rows(df, year=None)["new_sales"].sum()), {
            "nb": "Dette er nysalget for hele perioden (2025 og 2026). Ta bare med månedene som begynner med 2025.",
            "en": "That is the new sales over the whole period (2025 and 2026). Keep only the months that start with 2025.",
        }),
    ]
    by_month = rows.groupby("month")["new_sales"].sum()
    total = float(by_month.sum())
    for month, value in by_month.items():
        mistakes.append((total - float(value), {
            "nb": f"Du mangler én måned ({month_name(month, 'nb')}). Sjekk at alle tolv månedene i 2025 er med.",
            "en": f"One month is missing ({month_name(month, 'en')}). Check that all twelve months of 2025 are included.",
        }))
    return mistakes


def check_total_new_sales(value, *, record: bool = True) -> CheckResult:
    """Check the learner's ``total_new_sales`` (region West, 2025, NOK).

    ``...`` or ``None`` means not answered yet. A right answer may be off by up to 1 krone.

    Example:
        >>> check_total_new_sales(expected_total_new_sales(), record=False).correct
        True
    """
    df = load_team()
    return check_number(
        EXERCISE_ID, value, expected_total_new_sales(df), name="total_new_sales", rel_tol=0.0, abs_tol=1.0,
        mistakes=typical_mistakes(df), formatter=lambda v: format_money(v), record=record,
    )
