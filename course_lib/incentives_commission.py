"""Commission tables: a rate per band of sales, paid band by band (marginal) or on the whole amount.

Practitioner plans often state commission as a table of ``(from_amount, rate)`` rows. The two ways
of reading such a table differ a lot and are easily mixed up; the example is the table in the BRP
Systems documentation (10 % from 10 000, 20 % from 15 000). Re-exported from :mod:`course_lib.incentives`.
"""
from __future__ import annotations

from typing import Any, Iterable, Sequence

import numpy as np

from .i18n import invalid
from .incentives_checks import finite_number, number_array

MAX_AMOUNT = 1e12


def _finite(name: str, value: Any) -> float:
    return finite_number(name, value, -MAX_AMOUNT, MAX_AMOUNT)


def tiered_commission(amount: Any, tiers: Sequence[tuple[float, float]], method: str = "marginal") -> Any:
    """Commission from a table of ``(from_amount, rate)`` rows.

    ``method="marginal"``: each rate applies only to its own band (stepwise).
    ``method="whole"``: the rate of the highest band reached applies to the whole amount.
    Amounts below the first row earn nothing.

    Example (the BRP documentation's table: 10 000 -> 10 %, 15 000 -> 20 %):
        >>> tiered_commission(18_000, [(10_000, 0.10), (15_000, 0.20)], "marginal")
        1100.0
        >>> tiered_commission(18_000, [(10_000, 0.10), (15_000, 0.20)], "whole")
        3600.0
    """
    if not isinstance(method, str) or method not in ("marginal", "whole"):
        raise invalid("incentives.tiers.method", value=method)
    if isinstance(tiers, (str, bytes)) or not isinstance(tiers, Iterable):
        raise invalid("incentives.tiers.shape", value=str(tiers)[:60])
    rows = []
    for row in list(tiers)[:1000]:
        try:
            start, rate = (_finite("tiers", x) for x in row)
        except (TypeError, ValueError, AttributeError):
            raise invalid("incentives.tiers.shape", value=row) from None
        if rate < 0 or start < 0:
            raise invalid("incentives.tiers.negative", value=row)
        rows.append((start, rate))
    if not rows:
        raise invalid("incentives.tiers.empty")
    for (a, _), (b, _) in zip(rows, rows[1:]):
        if b <= a:
            raise invalid("incentives.plan.tiers_order", first=a, second=b)
    x = number_array("amount", amount, -MAX_AMOUNT, MAX_AMOUNT)
    scalar = x.ndim == 0
    result = np.zeros_like(x)
    if method == "marginal":
        previous = 0.0
        for start, rate in rows:
            result = result + (rate - previous) * np.maximum(x - start, 0.0)
            previous = rate
    else:
        for start, rate in rows:
            result = np.where(x >= start, rate * x, result)
    return float(result) if scalar else result



__all__ = ["tiered_commission"]
