"""Checks for exercises where the learner computes something in code.

A topic's check function (in ``exercises/<topic>.py``) calls
:func:`check_number`, which

* treats ``...`` (the placeholder in student versions) and ``None`` as "not answered yet",
* rejects a value that is not a number with a message saying what it got,
* recognises typical wrong answers and explains each one,
* otherwise says whether the value should be higher or lower,
* and records the attempt in the progress store.

The result shows itself in a notebook (coloured HTML) and can be asserted on in tests.

Example:
    >>> r = check_number("demo.total", 105.0, expected=100.0, abs_tol=1, name="total", record=False)
    >>> r.correct, r.message.startswith("Not right yet") or r.message.startswith("Ikke riktig")
    (False, True)
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass
from numbers import Real
from typing import Mapping, Sequence

from ..i18n import format_number, get_language, pick, t


@dataclass(frozen=True)
class CheckResult:
    """Outcome of a computational check; ``correct`` is ``None`` when not answered."""

    exercise_id: str
    correct: bool | None
    message: str

    def __bool__(self) -> bool:
        return bool(self.correct)

    def __str__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        colour, mark = {True: ("#009E73", "✓"), False: ("#D55E00", "✗"), None: ("#999999", "…")}[self.correct]
        return (f'<div style="border-left:4px solid {colour};padding:4px 10px;margin:4px 0">'
                f'<b style="color:{colour}">{mark}</b> {html.escape(self.message)}</div>')

    def __repr__(self) -> str:
        return f"CheckResult({self.exercise_id!r}, correct={self.correct}, message={self.message!r})"


def is_unanswered(value) -> bool:
    return value is ... or value is None


def _close(a: float, b: float, rel_tol: float, abs_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)


def check_number(
    exercise_id: str,
    value,
    expected: float,
    *,
    name: str,
    rel_tol: float = 1e-6,
    abs_tol: float = 1e-9,
    mistakes: Sequence[tuple[float, Mapping[str, str] | str]] = (),
    formatter=None,
    record: bool = True,
) -> CheckResult:
    """Compare a learner's number with ``expected`` and explain the difference.

    Args:
        exercise_id: the id the attempt is saved under (``"<topic>.<name>"``).
        value: what the learner computed.
        expected: the right value.
        name: the variable's name as the learner sees it.
        rel_tol, abs_tol: how close counts as right (``math.isclose``).
        mistakes: ``(wrong_value, feedback)`` pairs for typical errors; feedback is
            ``{"nb": ..., "en": ...}`` or a message key.
        formatter: turns a number into text (default: ``format_number`` with 2 decimals).
        record: save the attempt in the progress store.

    Example:
        >>> check_number("demo.x", ..., 1.0, name="x", record=False).correct is None
        True
    """
    lang = get_language()
    show = formatter or (lambda v: format_number(v, 2, lang))
    if is_unanswered(value):
        return CheckResult(exercise_id, None, t("exercises.not_answered"))
    if isinstance(value, str):  # typed as text: read it by the language's conventions
        from .checking import parse_number

        try:
            value = parse_number(value, lang)
        except ValueError as exc:
            message = t("exercises.check_text_value", name=name, problem=str(exc))
            return _recorded(record, CheckResult(exercise_id, False, message), repr(value)[:60])
    if isinstance(value, bool) or not isinstance(value, Real):
        try:  # numpy scalars and 0-d arrays are fine
            value = float(value)
        except (TypeError, ValueError, OverflowError):
            result = CheckResult(exercise_id, False, t("exercises.check_wrong_type", name=name,
                                                        kind=type(value).__name__, value=repr(value)[:60]))
            return _recorded(record, result, repr(value)[:60])
    try:
        value = float(value)
    except OverflowError:  # an int too large for a float
        value = math.inf
    if not math.isfinite(value):
        result = CheckResult(exercise_id, False, t("exercises.check_not_finite", name=name, value=str(value)))
        return _recorded(record, result, str(value))
    if _close(value, expected, rel_tol, abs_tol):
        result = CheckResult(exercise_id, True, t("exercises.check_correct", name=name, value=show(value)))
    else:
        message = None
        for wrong, feedback in mistakes:
            if _close(value, float(wrong), rel_tol, abs_tol):
                text = pick(feedback) if isinstance(feedback, Mapping) else t(feedback)
                message = f"{t('exercises.incorrect')} {text}"
                break
        if message is None:
            direction = t("exercises.check_higher" if value < expected else "exercises.check_lower")
            message = t("exercises.check_off", name=name, value=show(value), direction=direction)
        result = CheckResult(exercise_id, False, message)
    return _recorded(record, result, value)


def _recorded(record: bool, result: CheckResult, answer) -> CheckResult:
    """Save the attempt; if saving is not possible, say so in the result (the check itself stands)."""
    from ..progress import ProgressError

    try:
        _record(record, result.exercise_id, answer, result.correct)
    except ProgressError as exc:
        return CheckResult(result.exercise_id, result.correct,
                           f"{result.message} {t('exercises.check_not_saved', reason=str(exc))}")
    return result


def _record(record: bool, exercise_id: str, answer, correct) -> None:
    if not record:
        return
    from ..progress import get_store

    get_store().record_attempt(exercise_id, answer, correct)
