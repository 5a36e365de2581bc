"""Module 03's content (``course_lib/content/incentives.yaml``): loaded once, checked, read by the models.

The YAML holds what a trainer may adapt without code: the measure labels, the business phases and
which region is in which, the simulation's assumptions, the rules behind the gaming-risk warnings,
the Norwegian employer-cost rates and the practitioner's checklist. The schema
(``incentives.schema.json``) checks shapes and types; :func:`cross_check` checks what a schema
cannot (every phase used by a unit exists, every text has nb and en with the same placeholders,
matrices are square and symmetric).

Example:
    >>> sorted(p["key"] for p in content()["phases"])
    ['growth', 'loyalty']
"""
from __future__ import annotations

import string
from typing import Any

TOPIC = "incentives"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def cross_check(data: dict) -> list[tuple[str, str, str]]:
    """Problems a schema cannot see, as ``(entry, field, message)``; empty when the content is sound.

    Example:
        >>> cross_check({"phases": [], "units": {"east": "boom"}, "measures": []})[0][:2]
        ('units.east', 'phase')
    """
    problems: list[tuple[str, str, str]] = []
    phases = {p.get("key") for p in data.get("phases", []) if isinstance(p, dict)}
    seen: set = set()
    for p in data.get("phases", []):
        if isinstance(p, dict) and p.get("key") in seen:
            problems.append((f"phases.{p.get('key')}", "key", "duplicate phase key"))
        seen.add(p.get("key") if isinstance(p, dict) else None)
    for unit, phase in (data.get("units") or {}).items():
        if phase not in phases:
            problems.append((f"units.{unit}", "phase", f"unknown phase {phase!r}; known: {', '.join(sorted(map(str, phases)))}"))
    ids = [m.get("id") for m in data.get("measures", []) if isinstance(m, dict)]
    for measure in ("new_sales", "renewals", "customer_satisfaction"):
        if data.get("measures") is not None and measure not in ids:
            problems.append(("measures", measure, "measure missing (the plan engine needs it)"))
    sim = data.get("simulation") or {}
    cost = sim.get("task_cost")
    if isinstance(cost, list) and len(cost) == 2 and all(isinstance(r, list) and len(r) == 2 for r in cost):
        if cost[0][1] != cost[1][0]:
            problems.append(("simulation", "task_cost", "the effort cost matrix must be symmetric"))
        if cost[0][0] <= 0 or cost[0][0] * cost[1][1] - cost[0][1] ** 2 <= 0:
            problems.append(("simulation", "task_cost", "the effort cost matrix must be positive definite"))
    ids_seen: set = set()
    for item in data.get("checklist", []) or []:
        if not isinstance(item, dict):
            continue
        if item.get("id") in ids_seen:
            problems.append((f"checklist.{item.get('id')}", "id", "duplicate id"))
        ids_seen.add(item.get("id"))
    problems.extend(_text_problems(data, ""))
    return problems


def _text_problems(node: Any, where: str) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    if isinstance(node, dict):
        if set(node) == {"nb", "en"} and all(isinstance(v, str) for v in node.values()):
            if _fields(node["nb"]) != _fields(node["en"]):
                entry, _, field = where.rpartition(".")
                out.append((entry or where, field, "nb and en have different placeholders"))
            return out
        for key, value in node.items():
            out.extend(_text_problems(value, f"{where}.{key}" if where else str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            name = value.get("id") or value.get("key") if isinstance(value, dict) else None
            out.extend(_text_problems(value, f"{where}.{name if name else i}"))
    return out


def _register() -> None:
    from . import content as _content

    register = getattr(_content, "register_check", None)
    if register is not None:
        register(TOPIC, cross_check)


_CACHE: dict[str, Any] = {}


def content() -> dict:
    """The validated content of module 03 (cached; ``course_lib.content.clear_cache()`` reloads)."""
    try:
        from . import content as _content
    except ImportError:          # pragma: no cover - before the shared loader exists
        _content = None
    if _content is not None and hasattr(_content, "load"):
        _register()
        return _content.load(TOPIC)
    if "data" not in _CACHE:     # pragma: no cover
        from importlib import resources

        import yaml

        _CACHE["data"] = yaml.safe_load(resources.files("course_lib").joinpath("content", "incentives.yaml").read_text("utf-8"))
    return _CACHE["data"]


__all__ = ["TOPIC", "content", "cross_check"]
