"""A sales bonus plan as a value: pay mix, OTE, quota, threshold, accelerators, cap, measures and gates.

:class:`Plan` holds one plan and checks every field when it is made, naming the field, the value
and what is allowed in the learner's language. Build it from base salary and target incentive, or
from on-target earnings and the pay mix (:meth:`Plan.from_ote`); change it with
:meth:`Plan.replace`; save it with :meth:`Plan.to_dict`. What a plan pays is computed in
:mod:`course_lib.incentives` (:func:`~course_lib.incentives.payout`), where all these names are
public too.

Example:
    >>> plan = Plan.from_ote(60_000, base_share=0.6, quota=400_000)
    >>> plan.base_salary, plan.target_incentive, plan.base_rate
    (36000.0, 24000.0, 0.06)
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from .i18n import format_money, format_percent, invalid, t
from .incentives_checks import finite_number, normalise_tiers as _normalise_tiers
from .incentives_checks import normalise_weights as _normalise_weights


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

    def describe(self) -> PlainText:
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



__all__ = ["MAX_AMOUNT", "MEASURES", "THRESHOLD_STYLES", "Plan"]
