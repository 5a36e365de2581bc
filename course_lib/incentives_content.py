"""Module 03's content (``course_lib/content/incentives.yaml``): loaded once, checked, read by the models.

The YAML holds what a trainer may adapt without code: the measure labels, the business phases and
which region is in which, the simulation's assumptions, the rules behind the gaming-risk warnings,
the Norwegian employer-cost rates and the practitioner's checklist. The schema
(``incentives.schema.json``) checks shapes and types; :func:`cross_check` checks what a schema
cannot (every phase used by a unit exists, ids are unique, the effort cost matrix is symmetric and
positive definite); ``course_lib.content`` checks that every text has nb and en with the same placeholders.

Example:
    >>> sorted(p["id"] for p in content()["phases"])
    ['growth', 'loyalty']
"""
from __future__ import annotations

from .i18n import t

TOPIC = "incentives"


def cross_check(data: dict) -> list[tuple[str, str, str]]:
    """Problems a schema cannot see, as ``(entry, field, message)``; empty when the content is sound.

    Example:
        >>> cross_check({"phases": [], "units": {"east": "boom"}, "measures": []})[0][:2]
        ('units.east', 'phase')
    """
    problems: list[tuple[str, str, str]] = []
    phases = {p.get("id") for p in data.get("phases", []) if isinstance(p, dict)}
    seen: set = set()
    for p in data.get("phases", []):
        if isinstance(p, dict) and p.get("id") in seen:
            problems.append((f"phases/{p.get('id')}", "id", t("incentives.content.duplicate", value=p.get("id"))))
        seen.add(p.get("id") if isinstance(p, dict) else None)
    for unit, phase in (data.get("units") or {}).items():
        if phase not in phases:
            problems.append((f"units.{unit}", "phase", t("incentives.content.unknown_phase", value=phase,
                                                               allowed=", ".join(sorted(map(str, phases))))))
    ids = [m.get("id") for m in data.get("measures", []) if isinstance(m, dict)]
    for measure in ("new_sales", "renewals", "customer_satisfaction"):
        if data.get("measures") is not None and measure not in ids:
            problems.append(("measures", measure, t("incentives.content.measure_missing", value=measure)))
    sim = data.get("simulation") or {}
    cost = sim.get("task_cost")
    if isinstance(cost, list) and len(cost) == 2 and all(isinstance(r, list) and len(r) == 2 for r in cost):
        if cost[0][1] != cost[1][0]:
            problems.append(("simulation", "task_cost", t("agency.cost_not_pd")))
        if cost[0][0] <= 0 or cost[0][0] * cost[1][1] - cost[0][1] ** 2 <= 0:
            problems.append(("simulation", "task_cost", t("agency.cost_not_pd")))
    ids_seen: set = set()
    for item in data.get("checklist", []) or []:
        if not isinstance(item, dict):
            continue
        if item.get("id") in ids_seen:
            problems.append((f"checklist.{item.get('id')}", "id", t("incentives.content.duplicate", value=item.get("id"))))
        ids_seen.add(item.get("id"))
    return problems


def _register() -> None:
    from . import content as _content

    _content.register_check(TOPIC, cross_check)


def content() -> dict:
    """The validated content of module 03 (cached by ``course_lib.content``; ``clear_cache()`` reloads)."""
    from . import content as _content

    return _content.load(TOPIC)


_register()

__all__ = ["TOPIC", "content", "cross_check"]
