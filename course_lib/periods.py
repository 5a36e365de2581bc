"""Months and quarters as a learner reads them, in the current language.

The data and the models key periods the way a computer sorts them: a month is ``"2026-07"``, a
quarter ``"2025-Q1"``. Those keys never reach a learner; every table, sentence and control shows
them through this module:

* a month in running text and in tables: ``"juli 2026"`` (nb), ``"July 2026"`` (en), the full
  month name (bokmål writes month names in lower case);
* a quarter: ``"1. kv. 2025"`` (nb, the usual bokmål abbreviation of *kvartal*), ``"Q1 2025"`` (en).

Short month names (``"jul"``) stay on crowded plot axes only.

Example:
    >>> month_label("2026-07", "nb"), month_label("2026-07", "en")
    ('juli 2026', 'July 2026')
    >>> quarter_label("2025-Q1", "nb"), quarter_label("2025-Q1", "en")
    ('1. kv. 2025', 'Q1 2025')
"""
from __future__ import annotations

import re
from typing import Any

from .i18n import pick, resolve_language

#: Full month names; bokmål writes them in lower case.
MONTHS_LONG = {
    "nb": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}

#: Short month names for crowded plot axes only.
MONTHS_SHORT = {
    "nb": ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}

_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


def month_label(month: Any, lang: str | None = None) -> str:
    """A month key ``"YYYY-MM"`` as ``"juli 2026"`` (nb) / ``"July 2026"`` (en); other text passes through.

    Example:
        >>> month_label("2025-01", "nb"), month_label("2026-12", "en")
        ('januar 2025', 'December 2026')
    """
    match = _MONTH.fullmatch(str(month))
    if not match:
        return str(month)
    return f"{pick(MONTHS_LONG, resolve_language(lang))[int(match.group(2)) - 1]} {match.group(1)}"


def quarter_label(quarter: Any, lang: str | None = None) -> str:
    """A quarter key ``"YYYY-Qn"`` as ``"1. kv. 2025"`` (nb) / ``"Q1 2025"`` (en); other text passes through.

    Example:
        >>> quarter_label("2026-Q3", "nb"), quarter_label("2026-Q3", "en")
        ('3. kv. 2026', 'Q3 2026')
    """
    match = _QUARTER.fullmatch(str(quarter))
    if not match:
        return str(quarter)
    year, q = match.groups()
    return f"{q}. kv. {year}" if (resolve_language(lang)) == "nb" else f"Q{q} {year}"


def period_label(period: Any, lang: str | None = None) -> str:
    """A settlement period key, month (``"2026-07"``) or quarter (``"2026-Q3"``), as the learner reads it.

    Example:
        >>> [period_label(p, "en") for p in ("2026-07", "2026-Q3", "total")]
        ['July 2026', 'Q3 2026', 'total']
    """
    text = str(period)
    return quarter_label(text, lang) if _QUARTER.fullmatch(text) else month_label(text, lang)


def period_tick(period: Any, lang: str | None = None) -> str:
    """A period key as a short axis tick: months ``"jul 26"`` / ``"Jul 26"``, quarters as :func:`quarter_label`.

    Example:
        >>> [period_tick(p, "nb") for p in ("2026-07", "2026-Q3")]
        ['jul 26', '3. kv. 2026']
    """
    text = str(period)
    match = _MONTH.fullmatch(text)
    if match:
        return f"{pick(MONTHS_SHORT, resolve_language(lang))[int(match.group(2)) - 1]} {match.group(1)[2:]}"
    return quarter_label(text, lang)


__all__ = ["MONTHS_LONG", "MONTHS_SHORT", "month_label", "period_label", "period_tick", "quarter_label"]
