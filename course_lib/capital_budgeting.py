"""Capital budgeting: net present value, internal rate of return and payback of yearly cash flows.

The standard tools of any corporate-finance textbook, checked so a learner's bad input is named in
her language::

    NPV(r) = sum_t  CF_t / (1 + r)^t        t = 0, 1, ..., H    (CF_0 is not discounted)
    IRR    = the r with NPV(r) = 0           (numpy-financial's ``irr``)
    payback = first time the cumulative cash flow reaches 0 (linear within a year)

:func:`npv_matrix` and :func:`_payback_matrix` do the same for every row of a matrix of simulated
flows at once. The ICT case (:mod:`course_lib.investment`) uses them; all names are public there.

Example:
    >>> round(npv(0.10, [-100, 60, 60]), 2)
    4.13
    >>> round(irr([-100, 60, 60]), 4)
    0.1307
    >>> round(payback([-100, 60, 60]), 4)
    1.6667
"""
from __future__ import annotations

import math
from numbers import Real
from typing import Any

import numpy as np
import numpy_financial as npf

from .i18n import invalid

#: Longest horizon (years) the tools accept.
MAX_HORIZON = 30


def _check_rate(rate: Any) -> float:
    if isinstance(rate, bool) or not isinstance(rate, (Real, np.floating, np.integer)):
        raise invalid("investment.not_a_number", field="rate", value=repr(rate)[:40])
    r = float(rate)
    if not math.isfinite(r):
        raise invalid("investment.not_finite", field="rate", value=str(rate))
    if r <= -1:
        raise invalid("investment.rate_too_low", value=r)
    if r > 10:
        raise invalid("investment.rate_too_high", value=r)
    return r


def _check_flows(flows: Any) -> np.ndarray:
    if isinstance(flows, (str, bytes)) or flows is None:
        raise invalid("investment.flows_type", value=type(flows).__name__)
    try:
        arr = np.asarray(flows, dtype=float)
    except (TypeError, ValueError):
        raise invalid("investment.flows_type", value=type(flows).__name__) from None
    if arr.ndim != 1 or arr.size < 2:
        raise invalid("investment.flows_length", value=int(arr.size))
    if arr.size > MAX_HORIZON + 1:
        raise invalid("investment.horizon_range", value=arr.size - 1, maximum=MAX_HORIZON)
    if not np.all(np.isfinite(arr)):
        raise invalid("investment.flows_finite")
    return arr


def npv(rate: Any, flows: Any) -> float:
    """Net present value of yearly ``flows`` at discount ``rate``; ``flows[0]`` is now, not discounted.

    Note: spreadsheet NPV() discounts the first value too; this one does not.

    Example:
        >>> npv(0.0, [-100, 50, 50])
        0.0
        >>> round(npv(0.08, [-1_000, 400, 400, 400]), 2)
        30.84
    """
    r = _check_rate(rate)
    arr = _check_flows(flows)
    years = np.arange(arr.size)
    return float(np.sum(arr / (1.0 + r) ** years))


def irr(flows: Any) -> float:
    """Internal rate of return of yearly ``flows`` (numpy-financial); ``nan`` when there is none.

    Example:
        >>> round(irr([-1_000, 400, 400, 400]), 4)
        0.097
    """
    arr = _check_flows(flows)
    if not (np.any(arr < 0) and np.any(arr > 0)):
        return float("nan")
    value = float(npf.irr(arr))
    return value if math.isfinite(value) else float("nan")


def payback(flows: Any) -> float:
    """Years until the cumulative cash flow first reaches zero, linear within the year;
    ``inf`` when it never does within the flows.

    Example:
        >>> payback([-300, 100, 100, 200])
        2.5
        >>> payback([-300, 100])
        inf
    """
    arr = _check_flows(flows)
    return float(_payback_matrix(arr[None, :])[0])


def _payback_matrix(flows: np.ndarray) -> np.ndarray:
    """Payback per row of a (n x H+1) matrix of flows (vectorised)."""
    cum = np.cumsum(flows, axis=1)
    out = np.full(flows.shape[0], np.inf)
    reached = cum >= 0
    first = np.where(reached.any(axis=1), reached.argmax(axis=1), -1)
    rows = np.arange(flows.shape[0])
    zero = first == 0
    out[zero] = 0.0
    mid = first > 0
    k = first[mid]
    before = cum[rows[mid], k - 1]
    step = flows[rows[mid], k]
    out[mid] = (k - 1) + (-before) / step
    return out


def npv_matrix(rate: float, flows: np.ndarray) -> np.ndarray:
    """NPV of each row of an (n x H+1) matrix of flows."""
    r = _check_rate(rate)
    years = np.arange(flows.shape[1])
    return flows @ (1.0 / (1.0 + r) ** years)



__all__ = ["MAX_HORIZON", "irr", "npv", "npv_matrix", "payback"]


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
