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

MEASURES = ("new_sales", "renewals", "customer_satisfaction")
"""Measures a plan may weight: new sales (NOK), renewals (NOK), customer satisfaction (1-10)."""

MEASURE_LABELS = {
    "new_sales": {"nb": "nysalg", "en": "new sales"},
    "renewals": {"nb": "fornyelser", "en": "renewals"},
    "customer_satisfaction": {"nb": "kundetilfredshet", "en": "customer satisfaction"},
}


def _finite(name: str, value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise invalid("incentives.plan.not_a_number", field=name, value=value) from None
    if not math.isfinite(number):
        raise invalid("incentives.plan.not_a_number", field=name, value=value)
    return number


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

    def __post_init__(self) -> None:
        base = _finite("base_salary", self.base_salary)
        if base < 0:
            raise invalid("incentives.plan.base_negative", value=base)
        target = _finite("target_incentive", self.target_incentive)
        if target < 0:
            raise invalid("incentives.plan.target_negative", value=target)
        quota = _finite("quota", self.quota)
        if quota <= 0:
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
        if renewal_quota is not None and renewal_quota <= 0:
            raise invalid("incentives.plan.renewal_quota_positive", value=renewal_quota)
        if dict(weights).get("renewals", 0) > 0 and renewal_quota is None:
            raise invalid("incentives.plan.renewal_quota_missing")
        sat_target = _finite("satisfaction_target", self.satisfaction_target)
        if not 1 < sat_target <= 10:
            raise invalid("incentives.plan.satisfaction_target_range", value=sat_target)
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
            ("gate_satisfaction", gate), ("team_share", team_share), ("name", str(self.name)),
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
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
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

    def describe(self) -> str:
        """A one-line description in the current language."""
        return t(
            "incentives.plan.describe",
            ote=format_money(self.ote),
            base=round(100 * self.base_share),
            variable=round(100 - 100 * self.base_share),
            quota=format_money(self.quota),
            rate=format_percent(self.base_rate, 2),
        )


def _normalise_tiers(tiers: Any) -> tuple:
    try:
        items = [tuple(tier) for tier in (tiers or ())]
    except TypeError:
        raise invalid("incentives.plan.tier_shape", value=tiers) from None
    out = []
    for tier in items:
        if len(tier) != 2:
            raise invalid("incentives.plan.tier_shape", value=tier)
        start = _finite("accelerators", tier[0])
        multiplier = _finite("accelerators", tier[1])
        if start <= 0:
            raise invalid("incentives.plan.tier_start_positive", value=start)
        if multiplier < 0:
            raise invalid("incentives.plan.tier_multiplier_negative", value=multiplier)
        out.append((start, multiplier))
    for (a, _), (b, _) in zip(out, out[1:]):
        if b <= a:
            raise invalid("incentives.plan.tiers_order", first=a, second=b)
    return tuple(out)


def _normalise_weights(weights: Any) -> tuple:
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
        name, weight = str(item[0]), _finite("weights", item[1])
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
    a = np.asarray(attainment, dtype=float)
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
        if f.ndim:
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
        satisfaction: customer satisfaction (1-10); required when the plan weights it. With a gate,
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
    arrays = {"renewals": renewals, "satisfaction": satisfaction, "team_attainment": team_attainment,
              "quota": quota, "renewal_quota": renewal_quota}
    sales_arr = np.asarray(sales, dtype=float)
    n = sales_arr.size
    if sales_arr.ndim == 1 and n > _CHUNK and all(np.ndim(v) == 0 or np.shape(v) == (n,) for v in arrays.values()):
        # work block by block so the temporaries stay in the CPU cache (memory bandwidth bound otherwise)
        out = np.empty(n)
        for lo in range(0, n, _CHUNK):
            part = {k: (v[lo:lo + _CHUNK] if np.ndim(v) else v) for k, v in arrays.items()}
            out[lo:lo + _CHUNK] = _payout_block(plan, sales_arr[lo:lo + _CHUNK], **part)
        return out
    return _payout_block(plan, sales, **arrays)


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
        a_sat = np.asarray(satisfaction, dtype=float) / plan.satisfaction_target
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
    if method not in ("marginal", "whole"):
        raise invalid("incentives.tiers.method", value=method)
    rows = []
    for row in tiers:
        try:
            start, rate = (_finite("tiers", x) for x in row)
        except (TypeError, ValueError):
            raise invalid("incentives.tiers.shape", value=row) from None
        if rate < 0 or start < 0:
            raise invalid("incentives.tiers.negative", value=row)
        rows.append((start, rate))
    if not rows:
        raise invalid("incentives.tiers.empty")
    for (a, _), (b, _) in zip(rows, rows[1:]):
        if b <= a:
            raise invalid("incentives.plan.tiers_order", first=a, second=b)
    scalar = np.ndim(amount) == 0
    x = np.asarray(amount, dtype=float)
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


# --------------------------------------------------------------------------- plan diagnostics


def payout_curve(plan: Plan, max_attainment: float = 2.0, points: int = 401) -> dict[str, np.ndarray]:
    """Attainment grid with sales, incentive and total cash for plotting the payout curve.

    Non-sales measures are taken at their target (100 %); the gate counts as met.

    Example:
        >>> c = payout_curve(Plan.from_ote(60_000, 0.6, 400_000), 2.0, 5)
        >>> c["attainment"].tolist(), c["incentive"].tolist()
        ([0.0, 0.5, 1.0, 1.5, 2.0], [0.0, 12000.0, 24000.0, 36000.0, 48000.0])
    """
    a = np.linspace(0.0, float(max_attainment), int(points))
    if plan.threshold > 0 and plan.threshold <= max_attainment:
        # show the jump at the threshold as a vertical step
        a = np.unique(np.concatenate([a, [np.nextafter(plan.threshold, 0), plan.threshold]]))
    sales = a * plan.quota
    others = _at_target(plan)
    incentive = payout(plan, sales, **others)
    return {"attainment": a, "sales": sales, "incentive": incentive, "total_cash": plan.base_salary + incentive}


def _at_target(plan: Plan) -> dict[str, Any]:
    others: dict[str, Any] = {}
    if plan.weight_of["renewals"]:
        others["renewals"] = plan.renewal_quota
    if plan.weight_of["customer_satisfaction"]:
        others["satisfaction"] = plan.satisfaction_target
    return others


def cost_band(plan: Plan, attainments: Iterable[float] = (0.9, 1.0, 1.1)) -> list[dict[str, float]]:
    """Pay and pay as a share of sales at given attainments (default the 90-110 % band).

    Example:
        >>> [round(r["cost_of_sales"], 3) for r in cost_band(Plan.from_ote(60_000, 0.6, 400_000))]
        [0.16, 0.15, 0.142]
    """
    rows = []
    others = _at_target(plan)
    for a in attainments:
        sales = float(a) * plan.quota
        inc = payout(plan, sales, **others)
        rows.append({
            "attainment": float(a),
            "sales": sales,
            "incentive": inc,
            "total_cash": plan.base_salary + inc,
            "cost_of_sales": (plan.base_salary + inc) / sales if sales else math.inf,
        })
    return rows


def compare_plans(plans: Mapping[str, Plan], attainments: Sequence[float] = (0.5, 0.9, 1.0, 1.1, 1.5)):
    """Total cash per month of several plans at given new-sales attainments, as a table.

    Example:
        >>> table = compare_plans({"60/40": Plan.from_ote(60_000, 0.6, 400_000)}, [1.0])
        >>> float(table.iloc[0, 0])
        60000.0
    """
    import pandas as pd

    data = {}
    for name, plan in plans.items():
        others = _at_target(plan)
        data[name] = [round(float(total_cash(plan, a * plan.quota, **others))) for a in attainments]
    index = pd.Index([format_percent(a, 0) for a in attainments], name=t("incentives.table.attainment"))
    return pd.DataFrame(data, index=index)


@dataclass(frozen=True)
class Risk:
    """A gaming risk found in a plan: a short code, a severity (``"high"``/``"medium"``/``"low"``) and a message."""

    code: str
    severity: str
    message: str


def cap_attainment(plan: Plan) -> float | None:
    """New-sales attainment at which the cap binds (measures other than new sales at target), or ``None``.

    Example:
        >>> cap_attainment(Plan.from_ote(60_000, 0.6, 400_000, accelerators=[(1.0, 2.0)], cap=2.0))
        1.5
    """
    if plan.cap is None:
        return None
    grid = payout_curve(plan, max_attainment=10.0, points=20_001)
    reached = np.nonzero(grid["incentive"] >= plan.cap * plan.target_incentive - 1e-9)[0]
    if plan.target_incentive == 0 or reached.size == 0:
        return None
    return float(grid["attainment"][reached[0]])


def gaming_risks(plan: Plan, period: str = "month") -> list[Risk]:
    """Warnings a sales director should read before signing a plan.

    * a cliff at the threshold invites sandbagging (holding deals back) or pulling deals forward
      (Oyer 1998 found such timing around fiscal-year ends);
    * a cap stops stars once reached (Misra & Nair 2011; Steenburgh & Ahearne 2012);
    * a steep step between tiers invites moving deals across period edges;
    * a decelerator above quota tells sellers to stop;
    * a plan paying only for new sales leaves customer care unpaid (multitask; Holmström & Milgrom 1991;
      Kishore et al. 2013).

    Example:
        >>> [r.code for r in gaming_risks(Plan.from_ote(60_000, 0.6, 400_000, threshold=0.8, cap=1.5))]
        ['cliff', 'cap', 'single_measure']
    """
    risks: list[Risk] = []
    if plan.threshold > 0 and plan.target_incentive > 0:
        jump = payout(plan, plan.threshold * plan.quota, **_at_target(plan))
        severity = "high" if plan.threshold >= 0.7 else "medium" if plan.threshold >= 0.4 else "low"
        risks.append(Risk("cliff", severity, t(
            "incentives.risk.cliff", threshold=format_percent(plan.threshold, 0), jump=format_money(jump))))
    at = cap_attainment(plan)
    if plan.cap is not None:
        severity = "high" if (at is not None and at < 1.5) else "medium"
        where = format_percent(at, 0) if at is not None else "-"
        risks.append(Risk("cap", severity, t("incentives.risk.cap", cap=format_number_x(plan.cap), attainment=where)))
    previous = 1.0
    for start, multiplier in plan.accelerators:
        if multiplier < 1 and start >= 1:
            risks.append(Risk("decelerator", "medium", t(
                "incentives.risk.decelerator", attainment=format_percent(start, 0), multiplier=format_number_x(multiplier))))
        elif multiplier >= 2 * previous or multiplier - previous >= 1.5:
            severity = "high" if period == "month" else "medium"
            risks.append(Risk("tier_edge", severity, t(
                "incentives.risk.tier_edge", attainment=format_percent(start, 0),
                before=format_number_x(previous), after=format_number_x(multiplier))))
        previous = multiplier
    if plan.weight_of["new_sales"] == 1.0 and plan.team_share < 1:
        risks.append(Risk("single_measure", "medium", t("incentives.risk.single_measure")))
    return risks


def format_number_x(value: float) -> str:
    """A multiplier such as ``1,5x`` / ``1.5x``."""
    from .i18n import format_number

    decimals = 0 if float(value).is_integer() else 2 if round(value, 1) != value else 1
    return f"{format_number(value, decimals)}x"


__all__ = [
    "MEASURES", "MEASURE_LABELS", "Plan", "Risk", "cap_attainment", "compare_plans", "cost_band", "curve",
    "gaming_risks", "payout", "payout_curve", "tiered_commission", "total_cash",
]
