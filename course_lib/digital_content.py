"""Module 05's content: ``content/funnel.yaml`` and ``content/investment.yaml``, loaded once and checked.

``funnel.yaml`` holds the funnel's conversion ranges with their named sources, the new customer's
first order and the case's visitors and inbound share; ``investment.yaml`` the ICT case's inputs
(ranges), its fixed assumptions (margin, hour cost, adoption ...) and the vendor return figures
the course quotes only as hedged claims. A trainer adapts them without code (``COURSE_CONTENT_DIR``).

The schemas check shapes and types; :func:`funnel_check` and :func:`investment_check` check what a
schema cannot: every range has ``low <= likely <= high``, every step or input appears once and in
the model's order, and each investment input stays within the limits its model accepts;
``course_lib.content`` checks that every text has nb and en with the same placeholders.
:func:`funnel_case` and :func:`investment_case` return the content as the models use it (built once
per load), so :data:`course_lib.funnel.DEFAULT_RATES` and friends follow an override.

Example:
    >>> funnel_case().rates["visit_to_lead"].high
    0.05
    >>> funnel_check({"rates": [{"id": "visit_to_lead", "low": 0.3, "likely": 0.2, "high": 0.4}]})[0][:2]
    ('rates/visit_to_lead', 'likely')
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from . import content
from .i18n import t
from .ranges import Range

FUNNEL, INVESTMENT = "funnel", "investment"


def _range(spec: Mapping[str, Any]) -> Range:
    return Range(float(spec["low"]), float(spec["likely"]), float(spec["high"]), dict(spec["source"]),
                 practitioner=bool(spec.get("practitioner", False)), illustrative=bool(spec.get("illustrative", False)))


@dataclass(frozen=True)
class FunnelCase:
    """The funnel's content: ``rates`` (step -> :class:`Range`), ``deal_value``, ``visitors``, ``inbound_share``."""

    rates: dict[str, Range]
    deal_value: Range
    visitors: int
    inbound_share: float


@dataclass(frozen=True)
class InvestmentCase:
    """The investment case's content: ``inputs`` (id -> :class:`Range`), ``context`` (fixed facts), ``claims``."""

    inputs: dict[str, Range]
    context: dict[str, float]
    claims: tuple[dict[str, Any], ...]


_built: dict[str, tuple[Any, Any]] = {}


def _build(topic: str, make):
    data = content.load(topic)
    held = _built.get(topic)
    if held is None or held[0] is not data:
        held = _built[topic] = (data, make(data))
    return held[1]


def funnel_case() -> FunnelCase:
    """The funnel's content (shipped or the trainer's override), built once per load."""
    return _build(FUNNEL, lambda d: FunnelCase(
        rates={r["id"]: _range(r) for r in d["rates"]}, deal_value=_range(d["deal_value"]),
        visitors=int(d["case"]["visitors"]), inbound_share=float(d["case"]["inbound_share"])))


def investment_case() -> InvestmentCase:
    """The investment case's content (shipped or the trainer's override), built once per load."""
    return _build(INVESTMENT, lambda d: InvestmentCase(
        inputs={r["id"]: _range(dict(r, illustrative=True)) for r in d["inputs"]},
        context=dict(d["context"]), claims=tuple(dict(c) for c in d["hedged_claims"])))


# --------------------------------------------------------------------------- cross-checks


def _order_problems(entry: str, spec: Any, lower: float | None = None, upper: float | None = None):
    """``low <= likely <= high`` and within ``[lower, upper]`` for one range in the content."""
    if not isinstance(spec, dict):
        return []
    values = {k: spec.get(k) for k in ("low", "likely", "high")}
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values.values()):
        return []
    problems = []
    for key, value in values.items():
        if (lower is not None and value < lower) or (upper is not None and value > upper):
            problems.append((entry, key, t("digital.content.outside", value=value, lower=lower,
                                            upper="-" if upper is None else upper)))
    if not values["low"] <= values["likely"] <= values["high"]:
        field = "likely" if values["likely"] < values["low"] or values["likely"] > values["high"] else "high"
        problems.append((entry, field, t("digital.content.order", **values)))
    return problems


def _ids_problems(rows: Any, entry: str, expected: tuple[str, ...]):
    ids = [r.get("id") for r in rows if isinstance(r, dict)]
    seen: set = set()
    problems = []
    for value in ids:
        if value in seen:
            problems.append((f"{entry}/{value}", "id", t("digital.content.duplicate", value=value)))
        seen.add(value)
    if not problems and ids != list(expected):
        problems.append((entry, "id", t("digital.content.ids", expected=", ".join(expected),
                                         found=", ".join(map(str, ids)))))
    return problems


def funnel_check(data: dict) -> list[tuple[str, str, str]]:
    """Problems in ``funnel.yaml`` a schema cannot see, as ``(entry, field, message)``."""
    from .funnel import STEPS

    rates = data.get("rates")
    problems = _ids_problems(rates, "rates", STEPS) if isinstance(rates, list) and len(rates) == len(STEPS) else []
    for spec in rates or []:
        if isinstance(spec, dict):
            problems += _order_problems(f"rates/{spec.get('id')}", spec, 0.0, 1.0)
    problems += _order_problems("deal_value", data.get("deal_value"))
    return problems


def investment_check(data: dict) -> list[tuple[str, str, str]]:
    """Problems in ``investment.yaml`` a schema cannot see, as ``(entry, field, message)``."""
    from .investment import INPUT_LIMITS, INPUTS

    inputs = data.get("inputs")
    problems = _ids_problems(inputs, "inputs", INPUTS) if isinstance(inputs, list) and len(inputs) == len(INPUTS) else []
    for spec in inputs or []:
        if isinstance(spec, dict) and spec.get("id") in INPUT_LIMITS:
            problems += _order_problems(f"inputs/{spec['id']}", spec, *INPUT_LIMITS[spec["id"]])
    claims = [c.get("id") for c in data.get("hedged_claims") or [] if isinstance(c, dict)]
    problems += [(f"hedged_claims/{c}", "id", t("digital.content.duplicate", value=c))
                 for i, c in enumerate(claims) if c in claims[:i]]
    return problems


content.register_check(FUNNEL, funnel_check)
content.register_check(INVESTMENT, investment_check)

__all__ = ["FunnelCase", "InvestmentCase", "funnel_case", "funnel_check", "investment_case", "investment_check"]
