"""Input checks shared by the module-03 models: numbers, whole numbers and arrays at the boundary.

Every check raises a ``ValueError`` in the learner's language naming the field, the value and what
is allowed; NaN, None, infinities, text, booleans and absurd sizes are refused before any
arithmetic, so a model never returns NaN or runs for hours on bad input.

Example:
    >>> finite_number("quota", 5, 0, 10)
    5.0
    >>> finite_number("quota", float("nan"), 0, 10)
    Traceback (most recent call last):
    ...
    ValueError: quota må være et endelig tall fra 0 til 10, fikk nan.
"""
from __future__ import annotations

import math
from numbers import Real
from typing import Any, Mapping

import numpy as np

from .i18n import invalid

MEASURES = ("new_sales", "renewals", "customer_satisfaction")

MAX_ROWS = 50_000_000
"""The largest array a model function accepts (50 million seller-months)."""


def _show(value: Any) -> Any:
    """A value for a message: numbers stay numbers (``t`` formats them in the language), the rest short text."""
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_)):
        number = float(value)
        if math.isfinite(number) and abs(number) < 1e15:
            return number if not number.is_integer() else int(number)
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _number_error(name: str, value: Any, low: float, high: float) -> ValueError:
    shown = _show(value)
    if math.isinf(low) and math.isinf(high):
        return invalid("incentives.input.finite", field=name, value=shown)
    if math.isinf(high):
        return invalid("incentives.input.at_least", field=name, value=shown, low=low)
    return invalid("incentives.input.number", field=name, value=shown, low=low, high=high)


def finite_number(name: str, value: Any, low: float = -math.inf, high: float = math.inf) -> float:
    """``value`` as a float, refusing non-numbers, NaN, infinities and values outside ``[low, high]``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.integer, np.floating)):
        if isinstance(value, np.ndarray) and value.ndim == 0:
            return finite_number(name, value.item(), low, high)
        raise _number_error(name, value, low, high)
    x = float(value)
    if not math.isfinite(x) or not low <= x <= high:
        raise _number_error(name, value, low, high)
    return x


def whole_number(name: str, value: Any, low: int, high: int) -> int:
    """``value`` as an int in ``[low, high]`` (``3.0`` is fine, ``3.5``, ``"3"`` and ``10**7`` past ``high`` are not)."""
    x = finite_number(name, value, low, high) if not isinstance(value, (int, np.integer)) or isinstance(value, bool) \
        else value
    if isinstance(x, float) and not x.is_integer():
        raise invalid("incentives.input.whole", field=name, value=_show(value), low=low, high=high)
    if not low <= x <= high:
        raise invalid("incentives.input.whole", field=name, value=_show(value), low=low, high=high)
    return int(x)


def number_array(name: str, value: Any, low: float = -math.inf, high: float = math.inf,
                 positive: bool = False) -> np.ndarray:
    """A float array (or 0-d array) with every entry finite and in range; refuses text, None and ragged input."""
    if value is None or isinstance(value, (str, bytes, dict, set, bool, np.bool_)) or (
            isinstance(value, np.ndarray) and value.dtype.kind == "b"):
        raise invalid("incentives.input.array", field=name, value=_show(value))
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiu":
        arr = value.astype(float, copy=False)
    else:
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError, OverflowError):
            raise invalid("incentives.input.array", field=name, value=_show(value)) from None
    if arr.size > MAX_ROWS or arr.ndim > 2:
        raise invalid("incentives.input.size", field=name, value=arr.size, limit=MAX_ROWS)
    if arr.size:
        bad = ~np.isfinite(arr) | (arr < low) | (arr > high) | ((arr <= 0) if positive else False)
        if bad.any():
            first = arr.reshape(-1)[int(np.argmax(bad.reshape(-1)))]
            if positive and np.isfinite(first) and first <= 0:
                raise invalid("incentives.input.positive", field=name, value=_show(float(first)))
            raise _number_error(name, float(first), low, high)
    return arr


def _plan_number(name: str, value: Any) -> float:
    return finite_number(name, value, -1e12, 1e12)


def normalise_tiers(tiers: Any) -> tuple:
    try:
        items = [tuple(tier) for tier in (tiers or ())]
    except TypeError:
        raise invalid("incentives.plan.tier_shape", value=tiers) from None
    out = []
    for tier in items:
        if len(tier) != 2:
            raise invalid("incentives.plan.tier_shape", value=tier)
        start = _plan_number("accelerators", tier[0])
        multiplier = _plan_number("accelerators", tier[1])
        if start <= 0:
            raise invalid("incentives.plan.tier_start_positive", value=start)
        if multiplier < 0:
            raise invalid("incentives.plan.tier_multiplier_negative", value=multiplier)
        out.append((start, multiplier))
    for (a, _), (b, _) in zip(out, out[1:]):
        if b <= a:
            raise invalid("incentives.plan.tiers_order", first=a, second=b)
    return tuple(out)


def normalise_weights(weights: Any) -> tuple:
    if isinstance(weights, Mapping):
        items = list(weights.items())
    else:
        try:
            items = [tuple(item) for item in weights]
        except TypeError:
            raise invalid("incentives.plan.weights_shape", value=weights) from None
    out = []
    seen = set()
    for item in items:
        if len(item) != 2:
            raise invalid("incentives.plan.weights_shape", value=item)
        name, weight = str(item[0]), _plan_number("weights", item[1])
        if name not in MEASURES:
            raise invalid("incentives.plan.unknown_measure", value=name, allowed=", ".join(MEASURES))
        if name in seen:
            raise invalid("incentives.plan.duplicate_measure", value=name)
        if weight < 0:
            raise invalid("incentives.plan.weight_negative", measure=name, value=weight)
        seen.add(name)
        if weight > 0:
            out.append((name, weight))
    total = sum(w for _, w in out)
    if not out or abs(total - 1) > 1e-6:
        raise invalid("incentives.plan.weights_sum", value=round(total, 6))
    return tuple(out)



__all__ = ["normalise_tiers", "normalise_weights", "MAX_ROWS", "finite_number", "number_array", "whole_number"]
