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
documentation example).

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

import dataclasses
import math
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from .i18n import format_money, format_percent, invalid, t
from .incentives_checks import finite_number, normalise_tiers as _normalise_tiers, number_array
from .incentives_checks import normalise_weights as _normalise_weights
from .incentives_content import content

class PlainText(str):
    """A sentence for a learner: an ordinary ``str`` that a notebook (and ``repr``) shows as plain text,
    without the quotes of a string's repr.

    Example:
        >>> PlainText("60/40")
        60/40
    """

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


MEASURES = ("new_sales", "renewals", "customer_satisfaction")
"""Measures a plan may weight: new sales (NOK), renewals (NOK), customer satisfaction (1-10)."""

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

THRESHOLD_STYLES = ("cliff", "ramp")
"""``cliff``: below the threshold nothing, from it the full curve; ``ramp``: from 0 at the threshold up to the target incentive at 100 %."""

MAX_AMOUNT = 1e12
"""Largest amount (NOK) a plan field accepts: far above any real plan, far below float overflow."""


def _finite(name: str, value: Any, low: float = -MAX_AMOUNT, high: float = MAX_AMOUNT) -> float:
    return finite_number(name, value, low, high)


@dataclass(frozen=True)
class Plan:
    """An immutable bonus plan (a value: compare, copy with :meth:`replace`, save with :meth:`to_dict`).

    Args:
        base_salary: fixed pay per period (NOK).
        target_incentive: incentive paid at exactly 100 % attainment on every measure (NOK per period).
        quota: new-sales target per period (NOK), > 0.
        threshold: attainment fraction (0-1) below which no incentive is paid.
        accelerators: ``((attainment_from, multiplier), ...)`` in rising order; the multiplier of the
            base rate applies marginally to sales above that attainment (a multiplier below 1 is a
            decelerator).
        cap: maximum incentive as a multiple of the target incentive (>= 1), or ``None`` for no cap.
        weights: ``((measure, weight), ...)`` over :data:`MEASURES`, weights summing to 1.
        renewal_quota: renewals target per period (NOK); needed when renewals carry weight.
        satisfaction_target: customer-satisfaction score (1-10) that counts as 100 %.
        satisfaction_floor: score at or below which the satisfaction measure pays nothing; between the
            floor and the target it rises in proportion (default 5: a score of 6.5 against a target of 8
            earns half the measure, not 81 % as a measure paid from zero would).
        threshold_style: ``"cliff"`` (default: from the threshold the full curve is paid, a jump) or
            ``"ramp"`` (from 0 at the threshold rising to the target incentive at 100 %: no jump).
        gate_satisfaction: minimum satisfaction score before accelerators pay (``None``: no gate).
        team_share: share (0-1) of the target incentive paid on the team's new-sales attainment.
        name: a label for the plan.

    Raises:
        ValueError: naming the field, the value and what is allowed.

    Example:
        >>> Plan(base_salary=30_000, target_incentive=20_000, quota=-5)
        Traceback (most recent call last):
        ...
        ValueError: Salgsmålet (quota) må være større enn 0, fikk −5.
    """

    base_salary: float
    target_incentive: float
    quota: float
    threshold: float = 0.0
    accelerators: tuple = ()
    cap: float | None = None
    weights: tuple = (("new_sales", 1.0),)
    renewal_quota: float | None = None
    satisfaction_target: float = 8.0
    gate_satisfaction: float | None = None
    team_share: float = 0.0
    name: str = ""
    satisfaction_floor: float = 5.0
    threshold_style: str = "cliff"

    def __post_init__(self) -> None:
        base = _finite("base_salary", self.base_salary)
        if base < 0:
            raise invalid("incentives.plan.base_negative", value=base)
        target = _finite("target_incentive", self.target_incentive)
        if target < 0:
            raise invalid("incentives.plan.target_negative", value=target)
        quota = _finite("quota", self.quota)
        if quota < 1e-6:
            raise invalid("incentives.plan.quota_positive", value=quota)
        threshold = _finite("threshold", self.threshold)
        if not 0 <= threshold <= 1:
            raise invalid("incentives.plan.threshold_range", value=threshold)
        tiers = _normalise_tiers(self.accelerators)
        cap = None if self.cap is None else _finite("cap", self.cap)
        if cap is not None and cap < 1:
            raise invalid("incentives.plan.cap_below_target", value=cap)
        weights = _normalise_weights(self.weights)
        renewal_quota = None if self.renewal_quota is None else _finite("renewal_quota", self.renewal_quota)
        if renewal_quota is not None and renewal_quota < 1e-6:
            raise invalid("incentives.plan.renewal_quota_positive", value=renewal_quota)
        if dict(weights).get("renewals", 0) > 0 and renewal_quota is None:
            raise invalid("incentives.plan.renewal_quota_missing")
        sat_target = _finite("satisfaction_target", self.satisfaction_target)
        if not 1 < sat_target <= 10:
            raise invalid("incentives.plan.satisfaction_target_range", value=sat_target)
        sat_floor = _finite("satisfaction_floor", self.satisfaction_floor)
        if not 0 <= sat_floor < sat_target:
            raise invalid("incentives.plan.satisfaction_floor_range", value=sat_floor, target=sat_target)
        if self.threshold_style not in THRESHOLD_STYLES:
            raise invalid("incentives.plan.threshold_style", value=self.threshold_style,
                          allowed=", ".join(THRESHOLD_STYLES))
        if not isinstance(self.name, str):
            raise invalid("incentives.plan.name_text", value=type(self.name).__name__)
        gate = None if self.gate_satisfaction is None else _finite("gate_satisfaction", self.gate_satisfaction)
        if gate is not None and not 1 <= gate <= 10:
            raise invalid("incentives.plan.gate_range", value=gate)
        team_share = _finite("team_share", self.team_share)
        if not 0 <= team_share <= 1:
            raise invalid("incentives.plan.team_share_range", value=team_share)
        for name, value in (
            ("base_salary", base), ("target_incentive", target), ("quota", quota),
            ("threshold", threshold), ("accelerators", tiers), ("cap", cap), ("weights", weights),
            ("renewal_quota", renewal_quota), ("satisfaction_target", sat_target),
            ("gate_satisfaction", gate), ("team_share", team_share), ("name", self.name[:200]),
            ("satisfaction_floor", sat_floor),
        ):
            object.__setattr__(self, name, value)

    # ----------------------------------------------------------------- construction

    @classmethod
    def from_ote(
        cls,
        ote: float,
        base_share: float,
        quota: float,
        threshold: float = 0.0,
        accelerators: Sequence[tuple[float, float]] = (),
        cap: float | None = None,
        **options: Any,
    ) -> "Plan":
        """Build a plan from on-target earnings and the pay mix.

        ``base_salary = ote * base_share``, ``target_incentive = ote - base_salary``,
        ``base_rate = target_incentive / quota``. Other :class:`Plan` fields go in ``options``.

        Example:
            >>> p = Plan.from_ote(50_000, 0.7, 250_000, threshold=0.5, accelerators=[(1.0, 2.0)], cap=2.5)
            >>> round(p.base_salary), round(p.target_incentive), p.accelerators
            (35000, 15000, ((1.0, 2.0),))
        """
        known = {f.name for f in dataclasses.fields(cls)} - {"base_salary", "target_incentive"}
        unknown = sorted(map(str, set(options) - known))
        if unknown:
            raise invalid("incentives.plan.unknown_fields", fields=", ".join(unknown), allowed=", ".join(sorted(known)))
        ote = _finite("ote", ote)
        if ote <= 0:
            raise invalid("incentives.plan.ote_positive", value=ote)
        share = _finite("base_share", base_share)
        if not 0 <= share <= 1:
            raise invalid("incentives.plan.base_share_range", value=share)
        base = ote * share
        return cls(base_salary=base, target_incentive=ote - base, quota=quota, threshold=threshold,
                   accelerators=accelerators, cap=cap, **options)

    def replace(self, **changes: Any) -> "Plan":
        """A copy with some fields changed (validated again).

        Example:
            >>> Plan.from_ote(60_000, 0.6, 400_000).replace(cap=2.0).cap
            2.0
        """
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise invalid("incentives.plan.unknown_fields", fields=", ".join(unknown), allowed=", ".join(sorted(known)))
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        """A JSON-friendly dict (lists instead of tuples); :meth:`from_dict` reads it back."""
        data = dataclasses.asdict(self)
        data["accelerators"] = [list(tier) for tier in self.accelerators]
        data["weights"] = {name: weight for name, weight in self.weights}
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Plan":
        """Rebuild a plan saved with :meth:`to_dict`.

        Example:
            >>> p = Plan.from_ote(60_000, 0.6, 400_000, accelerators=[(1.0, 1.5)])
            >>> Plan.from_dict(p.to_dict()) == p
            True
        """
        if not isinstance(data, Mapping):
            raise invalid("incentives.plan.not_a_dict", value=type(data).__name__)
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(map(str, set(data) - known))
        if unknown:
            raise invalid("incentives.plan.unknown_fields", fields=", ".join(unknown), allowed=", ".join(sorted(known)))
        values = dict(data)
        weights = values.get("weights")
        if isinstance(weights, Mapping):
            values["weights"] = tuple(weights.items())
        return cls(**values)

    # ----------------------------------------------------------------- derived figures

    @property
    def ote(self) -> float:
        """On-target earnings: base salary + target incentive."""
        return self.base_salary + self.target_incentive

    @property
    def base_share(self) -> float:
        """Share of OTE that is fixed (the first number of a 60/40 pay mix)."""
        return self.base_salary / self.ote if self.ote else 1.0

    @property
    def base_rate(self) -> float:
        """Kroner of incentive per krone of new sales below the first accelerator (when new sales carry all weight)."""
        return self.target_incentive / self.quota

    @property
    def weight_of(self) -> dict[str, float]:
        """The measure weights as a dict (measures without weight are 0)."""
        out = {m: 0.0 for m in MEASURES}
        out.update(dict(self.weights))
        return out

    def describe(self) -> "PlainText":
        """A one-line description in the current language (a ``str`` a notebook shows without quotes).

        Example:
            >>> from course_lib.i18n import set_language
            >>> set_language("en")
            >>> Plan.from_ote(65_000, 0.6, 380_000).describe()
            OTE NOK 65,000 per month, pay mix 60/40, quota NOK 380,000, base rate 6.84% of new sales.
        """
        return PlainText(t(
            "incentives.plan.describe",
            ote=format_money(self.ote),
            base=round(100 * self.base_share),
            variable=round(100 - 100 * self.base_share),
            quota=format_money(self.quota),
            rate=format_percent(self.base_rate, 2),
        ))


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
