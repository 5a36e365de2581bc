"""Module 02's argument checks: numbers and whole numbers in range, with messages in the learner's language.

Every model of module 02 (:mod:`course_lib.goals`, :mod:`course_lib.goals_forecast`,
:mod:`course_lib.goals_control`) checks its arguments through these helpers, so a bad value is
named with its field, the value as the learner writes it (``1,5`` in nb) and what is allowed.

Example:
    >>> _number("slip", 0.2, 0.0, 1.0)
    0.2
    >>> _integer("horizon", 3.0, 1, 60)
    3
"""
from __future__ import annotations

import math
from numbers import Real
from typing import Any

import numpy as np

from .i18n import format_number, invalid


def _show(value: Any) -> Any:
    """A number as the learner reads it in the current language (``1,5`` / ``1.5``; no float noise)."""
    if isinstance(value, bool) or not isinstance(value, (Real, np.integer, np.floating)):
        return value
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    if value == round(value) and abs(value) < 1e15:
        return format_number(value, 0)
    text = format_number(value, 4)
    return text.rstrip("0").rstrip(",.")


def _invalid(key: str, **values: Any) -> ValueError:
    """:func:`course_lib.i18n.invalid` with every number shown in the language's format."""
    return invalid(key, **{k: _show(v) for k, v in values.items()})


# --------------------------------------------------------------------------- validation helpers


def _number(name: str, value: Any, low: float | None = None, high: float | None = None, key: str = "goals.arg.range"):
    if isinstance(value, bool) or not isinstance(value, (Real, np.integer, np.floating)):
        raise _invalid("goals.arg.not_number", name=name, value=repr(value)[:60])
    value = float(value)
    if not math.isfinite(value):
        raise _invalid("goals.arg.not_finite", name=name, value=str(value))
    if (low is not None and value < low) or (high is not None and value > high):
        raise _invalid(key, name=name, value=value, low="-" if low is None else low, high="-" if high is None else high)
    return value


def _integer(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        if isinstance(value, (float, np.floating)) and math.isfinite(value) and value == int(value):
            value = int(value)
        else:
            raise _invalid("goals.arg.not_integer", name=name, value=repr(value)[:60], low=low, high=high)
    if not low <= value <= high:
        raise _invalid("goals.arg.not_integer", name=name, value=repr(value)[:60], low=low, high=high)
    return int(value)


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


__all__: list[str] = []
