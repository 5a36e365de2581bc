"""A quantity known only as a range: ``(low, likely, high)`` with its source, checked and drawn.

Module 05 knows none of its inputs exactly: a conversion rate, a deal value, a licence price or a
win-rate uplift is a range. :class:`Range` holds one with the source it comes from;
:func:`check_range` turns what a learner types (a range, a triple or one number) into a checked
:class:`Range` with messages that name the field in her language; :func:`draw_triangular` draws
from the triangular distribution on it (mean ``(low + likely + high) / 3``). The funnel
(:mod:`course_lib.funnel`) and the investment case (:mod:`course_lib.investment`) both use them.

Example:
    >>> r = check_range((0.1, 0.2, 0.3), "lead_to_mql")
    >>> round(r.mean, 2), r.likely
    (0.2, 0.2)
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from numbers import Real
from typing import Any, Mapping

import numpy as np

from .i18n import format_percent, invalid, pick


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



def draw_triangular(rng: np.random.Generator, r: Range, n: int) -> np.ndarray:
    """``n`` draws from the triangular distribution on ``r`` (a constant when low == high)."""
    if r.high == r.low:
        return np.full(n, r.low)
    return rng.triangular(r.low, r.likely, r.high, n)



__all__ = ["Range", "check_range", "draw_triangular"]


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
