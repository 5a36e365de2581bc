"""Checks for the arguments a notebook passes to a widget app's constructor.

Every app refuses a bad argument at once with a translated ``ValueError`` that names the
argument, the value it got and what is allowed, instead of an ipywidgets ``TraitError``, a
``TypeError`` deep inside, or a slider that silently clamps the value.

Example:
    >>> number("new_sales", 0.4, 0.0, 1.0)
    0.4
    >>> choice("phase", "growth", ["growth", "loyalty"])
    'growth'
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from typing import Any

from ..argtypes import shown  # noqa: F401  (the one way a message shows a value)
from ..i18n import format_plain, invalid

_TEXT_LIMIT = 200


def _real(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    try:
        number = float(value)
    except (OverflowError, TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def number(field: str, value: Any, low: float, high: float, *, integer: bool = False):
    """``value`` as a finite number in ``[low, high]`` (an ``int`` when ``integer``), else a translated ValueError.

    Example:
        >>> number("visitors", 3, 5000, 400000, integer=True)
        Traceback (most recent call last):
        ...
        ValueError: visitors må være et helt tall fra 5 000 til 400 000, fikk 3.
    """
    x = _real(value)
    ok = x is not None and low <= x <= high and (not integer or float(x).is_integer())
    if not ok:
        key = "args.whole" if integer else "args.number"
        raise invalid(key, field=field, value=shown(value), low=format_plain(low), high=format_plain(high))
    return int(x) if integer else (value if isinstance(value, (int, float)) else x)


def choice(field: str, value: Any, options: Iterable[Any]):
    """``value`` when it is one of ``options`` (compared as hashable values), else a ValueError listing them."""
    options = list(options)
    try:
        found = value in options and not isinstance(value, bool)
    except TypeError:
        found = False
    if not found:
        raise invalid("args.choice", field=field, value=shown(value), valid=", ".join(map(str, options)))
    return value


def text(field: str, value: Any, limit: int = _TEXT_LIMIT) -> str:
    """``value`` as a text of at most ``limit`` characters."""
    if not isinstance(value, str) or len(value) > limit:
        raise invalid("args.text", field=field, value=shown(value), limit=limit)
    return value


def mapping(field: str, value: Any, what: str) -> Mapping:
    """``value`` when it is a mapping (``what`` says what it maps, in the learner's language)."""
    if not isinstance(value, Mapping):
        raise invalid("args.mapping", field=field, value=shown(value), what=what)
    return value


def items(field: str, value: Any, what: str) -> list:
    """``value`` as a list when it is a list or tuple (not a text, a number or a mapping)."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
        raise invalid("args.list", field=field, value=shown(value), what=what)
    return list(value)


def seed(field: str, value: Any) -> int:
    """A random seed: a whole number from 0 to 2**32 - 1."""
    return number(field, value, 0, 2**32 - 1, integer=True)


def team(field: str, value: Any, *, values: bool = True):
    """Team data with every column the course needs and at least one row; with ``values`` also
    finite amounts and positive quotas (an app that explains bad values itself passes ``values=False``)."""
    import pandas as pd

    from ..cases import REQUIRED_COLUMNS, _require

    if not values and isinstance(value, pd.DataFrame) and not value.empty \
            and all(column in value.columns for column in REQUIRED_COLUMNS):
        return value
    _require(value, REQUIRED_COLUMNS)  # raises the translated reason: not a table, missing columns, no rows ...
    return value


def refuse(field: str, value: Any, what: str):
    """Raise the translated "``field`` must be ``what``, got ``value``" error."""
    raise invalid("args.instance", field=field, value=shown(value), what=what)


def instance(field: str, value: Any, kind: type, what: str):
    """``value`` when it is a ``kind`` (``what`` names it for the learner)."""
    if not isinstance(value, kind):
        raise invalid("args.instance", field=field, value=shown(value), what=what)
    return value


__all__ = ["choice", "instance", "items", "mapping", "number", "refuse", "seed", "shown", "team", "text"]
