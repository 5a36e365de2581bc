"""Sales bonus plans: pay mix, OTE, quota, threshold, accelerators, caps, measures and gates.

A plan pays a base salary plus an incentive. The incentive is built from the
*target incentive* ``TI`` (what a seller earns at exactly 100 % of quota) and a
payout curve ``f`` of attainment ``a = sales / quota`` in units of ``TI``:

    rate(a) = 1                      below the first accelerator
            = m_k                    from accelerator k's attainment on (marginal)
    f(a)    = integral of rate from 0 to a,   f(1) = 1 when no tier starts below 100 %
    f(a)    = 0                      when a < threshold (earned from the first krone above it)
    incentive = TI * min(sum_i w_i f(a_i) [+ team part], cap)

The base rate is ``TI / quota`` kroner per krone sold, so below the first
accelerator ``payout = base_rate * sales``. OTE (on-target earnings) is base
salary plus target incentive (definitions as in the practitioner glossaries
collected in DOMAIN_NOTES 2.1; marginal vs whole-amount tiers as in the BRP
documentation example). The plan itself, a checked value, is :class:`Plan`
(:mod:`course_lib.incentives_plan`, public here); this module computes what it pays.

All money amounts of a plan refer to the same period as its quota; the case
company uses months.

Example:
    >>> plan = Plan.from_ote(60_000, base_share=0.6, quota=400_000)
    >>> plan.base_salary, plan.target_incentive, plan.base_rate
    (36000.0, 24000.0, 0.06)
    >>> float(total_cash(plan, 400_000))
    60000.0
"""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from .incentives_checks import number_array
from .incentives_content import content
from .incentives_plan import MAX_AMOUNT, MEASURES, THRESHOLD_STYLES, Plan, PlainText  # noqa: F401  (public here)
from .i18n import invalid


class _MeasureLabels(Mapping):
    """Measure id -> ``{"nb": ..., "en": ...}`` label, read from ``content/incentives.yaml``."""

    def _data(self) -> dict:
        return {m["id"]: m["label"] for m in content()["measures"]}

    def __getitem__(self, key):
        return self._data()[key]

    def __iter__(self):
        return iter(self._data())

    def __len__(self):
        return len(self._data())


MEASURE_LABELS: Mapping[str, Mapping[str, str]] = _MeasureLabels()


# --------------------------------------------------------------------------- payout


def curve(plan: Plan, attainment: Any, gate_ok: Any = None) -> np.ndarray:
    """The payout curve ``f(a)`` in units of the target incentive (threshold and tiers, no cap).

    ``gate_ok`` (bool or array) switches accelerators above a multiplier of 1 off where the gate
    is not met. Negative attainment counts as 0.

    Example:
        >>> p = Plan.from_ote(60_000, 0.6, 400_000, threshold=0.5, accelerators=[(1.0, 2.0)])
        >>> curve(p, [0.4, 0.5, 1.0, 1.5]).tolist()
        [0.0, 0.5, 1.0, 2.0]
    """
    a = number_array("attainment", attainment, -MAX_AMOUNT, MAX_AMOUNT)
    if gate_ok is not None and np.shape(gate_ok) != a.shape:
        a = np.broadcast_to(a, np.broadcast_shapes(a.shape, np.shape(gate_ok)))
    f = np.asarray(np.maximum(a, 0.0))
    if plan.accelerators:
        band = np.empty_like(f)
        previous: Any = 1.0
        for start, multiplier in plan.accelerators:
            effective: Any = multiplier
            if gate_ok is not None and multiplier > 1:
                effective = np.where(gate_ok, multiplier, 1.0)
            np.subtract(a, start, out=band)
            np.maximum(band, 0.0, out=band)
            band *= effective - previous
            np.add(f, band, out=f)
            previous = effective
    if plan.threshold > 0:
        if plan.threshold_style == "ramp" and plan.threshold < 1:
            # from 0 at the threshold up to the curve's value at 100 %, then the curve itself
            at_one = float(curve(plan.replace(threshold=0.0), 1.0))
            ramp = at_one * (a - plan.threshold) / (1.0 - plan.threshold)
            f = np.where(a < 1.0, np.clip(ramp, 0.0, None), f)
            f = np.where(a < plan.threshold, 0.0, f)
        elif f.ndim:
            f[a < plan.threshold] = 0.0
        elif a < plan.threshold:
            f = np.zeros(())
    return f


def payout(
    plan: Plan,
    sales: Any,
    *,
    renewals: Any = None,
    satisfaction: Any = None,
    team_attainment: Any = None,
    quota: Any = None,
    renewal_quota: Any = None,
) -> Any:
    """The incentive (NOK) for one sales figure or an array of them.

    Args:
        plan: the plan.
        sales: new sales per period (NOK), number or array.
        renewals: renewals per period (NOK); required when the plan weights renewals.
        satisfaction: customer satisfaction (1-10; NaN is refused, so a missing score never silently
            fails the gate); required when the plan weights it. With a gate,
            accelerators pay only where ``satisfaction >= gate``; not given means the gate is met.
        team_attainment: the team's new-sales attainment for the team component; not given means
            the team performs like this seller.
        quota, renewal_quota: per-row targets replacing the plan's (e.g. each seller's own quota).

    Returns:
        A float for scalar input, else an array of the broadcast shape.

    Example:
        >>> p = Plan.from_ote(60_000, 0.6, 400_000, accelerators=[(1.0, 2.0)], cap=2.0)
        >>> payout(p, [0, 200_000, 400_000, 500_000, 900_000]).tolist()
        [0.0, 12000.0, 24000.0, 36000.0, 48000.0]
    """
    if not isinstance(plan, Plan):
        raise invalid("agency.not_a_plan", value=type(plan).__name__)
    sales_arr = number_array("sales", sales, -MAX_AMOUNT, MAX_AMOUNT)
    arrays = {
        "renewals": None if renewals is None else number_array("renewals", renewals, -MAX_AMOUNT, MAX_AMOUNT),
        "satisfaction": None if satisfaction is None else number_array("satisfaction", satisfaction, 1.0, 10.0),
        "team_attainment": None if team_attainment is None else number_array("team_attainment", team_attainment, -1e6, 1e6),
        "quota": None if quota is None else number_array("quota", quota, 1e-6, MAX_AMOUNT, positive=True),
        "renewal_quota": None if renewal_quota is None else number_array("renewal_quota", renewal_quota, 1e-6, MAX_AMOUNT,
                                                                          positive=True),
    }
    for name, value in arrays.items():
        if value is not None:
            try:
                np.broadcast_shapes(sales_arr.shape, value.shape)
            except ValueError:
                raise invalid("incentives.input.shapes", field=name, shape=str(value.shape),
                              expected=str(sales_arr.shape)) from None
    n = sales_arr.size
    if sales_arr.ndim == 1 and n > _CHUNK and all(np.ndim(v) == 0 or np.shape(v) == (n,) for v in arrays.values()):
        # work block by block so the temporaries stay in the CPU cache (memory bandwidth bound otherwise)
        out = np.empty(n)
        for lo in range(0, n, _CHUNK):
            part = {k: (v[lo:lo + _CHUNK] if np.ndim(v) else v) for k, v in arrays.items()}
            out[lo:lo + _CHUNK] = _payout_block(plan, sales_arr[lo:lo + _CHUNK], **part)
        return out
    return _payout_block(plan, sales_arr, **arrays)


_CHUNK = 32_768


def _payout_block(plan: Plan, sales: Any, renewals: Any, satisfaction: Any, team_attainment: Any, quota: Any,
                  renewal_quota: Any) -> Any:
    scalar = np.ndim(sales) == 0
    weights = plan.weight_of
    q = plan.quota if quota is None else np.asarray(quota, dtype=float)
    sales = np.asarray(sales, dtype=float)
    a_new = sales / q
    gate_ok = None
    if plan.gate_satisfaction is not None and satisfaction is not None:
        gate_ok = np.asarray(satisfaction, dtype=float) >= plan.gate_satisfaction
    individual = 1.0 - plan.team_share
    parts = []
    if weights["new_sales"]:
        parts.append((individual * weights["new_sales"], curve(plan, a_new, gate_ok)))
    if weights["renewals"]:
        if renewals is None:
            raise invalid("incentives.payout.measure_missing", measure="renewals")
        rq = plan.renewal_quota if renewal_quota is None else np.asarray(renewal_quota, dtype=float)
        parts.append((individual * weights["renewals"], curve(plan, np.asarray(renewals, dtype=float) / rq, gate_ok)))
    if weights["customer_satisfaction"]:
        if satisfaction is None:
            raise invalid("incentives.payout.measure_missing", measure="satisfaction")
        # paid from the floor, not from zero: (score - floor) / (target - floor)
        a_sat = ((np.asarray(satisfaction, dtype=float) - plan.satisfaction_floor)
                 / (plan.satisfaction_target - plan.satisfaction_floor))
        parts.append((individual * weights["customer_satisfaction"], curve(plan, a_sat, gate_ok)))
    if plan.team_share:
        team = a_new if team_attainment is None else np.asarray(team_attainment, dtype=float)
        parts.append((plan.team_share, curve(plan, team, gate_ok)))
    shape = np.broadcast_shapes(sales.shape, *(np.shape(f) for _, f in parts))
    if len(parts) == 1 and parts[0][0] == 1.0 and np.shape(parts[0][1]) == shape and np.ndim(parts[0][1]):
        units = parts[0][1]          # a fresh array from curve(): safe to work in place
    else:
        units = np.zeros(shape)
        for weight, f in parts:
            units += weight * f if weight != 1.0 else f
    if plan.cap is not None:
        np.minimum(units, plan.cap, out=units)
    units *= plan.target_incentive
    return float(units) if scalar and units.ndim == 0 else units


def total_cash(plan: Plan, sales: Any, **measures: Any) -> Any:
    """Base salary + incentive (NOK per period); keywords as in :func:`payout`.

    Example:
        >>> total_cash(Plan.from_ote(60_000, 0.6, 400_000), 400_000)
        60000.0
    """
    return plan.base_salary + payout(plan, sales, **measures)


__all__ = [
    "MAX_AMOUNT", "MEASURES", "MEASURE_LABELS", "THRESHOLD_STYLES", "Plan", "Risk", "employer_cost", "cap_attainment", "compare_plans", "cost_band", "curve",
    "gaming_risks", "payout", "payout_curve", "tiered_commission", "total_cash",
]


from .incentives_commission import tiered_commission  # noqa: E402,F401
from .incentives_review import (  # noqa: E402,F401  (plan diagnostics, public here as before)
    Risk, cap_attainment, compare_plans, cost_band, employer_cost, format_number_x, gaming_risks, payout_curve,
)


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
