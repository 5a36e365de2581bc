"""Type checks at the door of a model module's public functions.

A learner who passes a text where a number belongs, a number where a package belongs, or NaN where a
sales figure belongs should read one translated sentence naming the argument, the value and what is
allowed, not an ``AttributeError`` from three calls deeper. ``guard_module(globals())`` at the end of a
model module wraps each public function defined there so its arguments are checked against the
function's own annotations before it runs:

* ``float``: a real number (not ``True``/``False``, not a text, not a list); numpy arrays and Series
  pass through to the function's own vectorised checks, and
  NaN or infinity are left to the function's own checks, which name what the field allows;
* ``int``: a whole number;
* ``str``, ``bool``, a class such as ``Package``, ``Plan`` or ``pandas.DataFrame``, ``Mapping``,
  ``Sequence`` (not a text): an instance of it;
* a parameter named ``team`` must also hold the case's columns and a row (``cases.load_team()``);
* ``X | None`` accepts ``None``; ``Any`` and annotations it cannot read are not checked.

Example:
    >>> from course_lib import set_language
    >>> set_language("en")
    >>> def half(x: float) -> float:
    ...     return x / 2
    >>> checked(half)("ten")
    Traceback (most recent call last):
    ...
    ValueError: x must be a number, got 'ten'.
"""
from __future__ import annotations

import functools
import inspect
import math
import numbers
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any, Callable

from .i18n import invalid

_SKIP = object()


def shown(value: Any, limit: int = 60) -> Any:
    """The value as a message shows it: a number as it is (formatted by language), the rest as a short repr."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            float(value)
            return value
        except (OverflowError, TypeError, ValueError):
            pass
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_number(value: Any) -> bool:
    """A real number or something array-like of them (checked further by the function itself)."""
    if isinstance(value, bool) or isinstance(value, (str, bytes)) or value is None:
        return False
    if isinstance(value, numbers.Real):
        return True  # NaN and infinity are the function's own to refuse, with a message about the field
    # arrays and Series: the function's own vectorised checks name the bad element
    return hasattr(value, "__array__") and not isinstance(value, Mapping)


def _is_whole(value: Any) -> bool:
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return True
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            return math.isfinite(float(value)) and float(value).is_integer()
        except (OverflowError, TypeError, ValueError):
            return False
    return False


def _check(annotation: Any) -> tuple[Callable[[Any], bool], str] | None:
    """``(test, what_key)`` for an annotation, or ``None`` when it is not checked."""
    if annotation is Any or annotation is inspect.Parameter.empty:
        return None
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        parts = [_check(arg) if arg is not type(None) else (lambda v: v is None, "") for arg in typing.get_args(annotation)]
        if any(p is None for p in parts):
            return None
        whats = [w for _, w in parts if w]
        return (lambda v: any(test(v) for test, _ in parts)), (whats[0] if len(whats) == 1 else "argtypes.what.several")
    if origin is typing.Literal:
        return None
    if origin is not None:
        annotation = origin
    if annotation is bool:
        return (lambda v: isinstance(v, bool)), "argtypes.what.bool"
    if annotation is int:
        return _is_whole, "argtypes.what.whole"
    if annotation is float:
        return _is_number, "argtypes.what.number"
    if annotation is str:
        return (lambda v: isinstance(v, str)), "argtypes.what.text"
    if annotation in (Mapping, dict):
        return (lambda v: isinstance(v, Mapping)), "argtypes.what.mapping"
    if annotation in (Sequence, list, tuple):
        return (lambda v: isinstance(v, (list, tuple)) or (hasattr(v, "__len__") and hasattr(v, "__array__"))), \
            "argtypes.what.list"
    if isinstance(annotation, type):
        kind = annotation
        return (lambda v: isinstance(v, kind)), f"type:{kind.__name__}"
    return None


def _check_team(team: Any) -> None:
    """A ``team`` table must hold the case's columns and at least one row (``cases.load_team()``)."""
    from .cases import REQUIRED_COLUMNS

    columns = getattr(team, "columns", None)
    if columns is None:
        return
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing or len(team) == 0:
        raise invalid("argtypes.team", missing=", ".join(missing) or "-", rows=len(team))


def _what(key: str) -> str:
    from .i18n import t

    if key.startswith("type:"):
        return t("argtypes.what.instance", kind=key[5:])
    return t(key)


def checked(func: Callable) -> Callable:
    """``func`` with its annotated arguments checked on every call (see the module's docstring)."""
    checks: dict[str, tuple[Callable[[Any], bool], str]] | None = None
    signature = inspect.signature(func)

    def prepare() -> dict:
        try:
            hints = typing.get_type_hints(func)
        except Exception:  # noqa: BLE001 - an annotation we cannot resolve is simply not checked
            hints = {}
        found = {}
        for name, parameter in signature.parameters.items():
            if (parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD) or name not in hints
                    or name == "lang"):  # i18n refuses an unknown language with its own message
                continue
            rule = _check(hints[name])
            if rule is not None:
                found[name] = rule
        return found

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        nonlocal checks
        if checks is None:
            checks = prepare()
        if checks:
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError:
                return func(*args, **kwargs)  # Python's own message names the missing argument
            for name, value in bound.arguments.items():
                rule = checks.get(name)
                if rule is not None and not rule[0](value):
                    raise invalid("argtypes.wrong", field=name, value=shown(value), what=_what(rule[1]))
                if name == "team" and value is not None and rule is not None:
                    _check_team(value)
        return func(*args, **kwargs)

    wrapper.__wrapped_checked__ = True
    return wrapper


def guard_module(namespace: dict, skip: tuple[str, ...] = ()) -> None:
    """Wrap every public function defined in the module whose ``globals()`` is ``namespace``."""
    module = namespace["__name__"]
    for name, value in list(namespace.items()):
        if (name.startswith("_") or name in skip or not inspect.isfunction(value)
                or value.__module__ != module or getattr(value, "__wrapped_checked__", False)):
            continue
        namespace[name] = checked(value)
