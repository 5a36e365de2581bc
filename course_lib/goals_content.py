"""Module 02's content (``course_lib/content/goals.yaml``): loaded once, checked, read by the models.

The YAML holds what a trainer may adapt without code: the statements of the three-conditions
self-check and the case company's answers, the open-deal stages with their names, win
probabilities and the other spellings a CRM export may use, and the texts that document the
columns of ``pipeline.csv``. The schema (``goals.schema.json``) checks shapes and types;
:func:`cross_check` checks what a schema cannot (ids unique and complete, the case answers cover
exactly the statements, later stages are won more often, the documented columns are the loader's
columns); ``course_lib.content`` checks that every text has nb and en with the same placeholders.

What the code relies on stays in code: the three condition ids (the advice texts are keyed by
them), the five stage ids (the generator and the shipped pipeline use them) and which columns are
required and how each is read (:data:`COLUMN_KINDS`).

Example:
    >>> catalogue().stage_order
    ('qualified', 'needs_analysis', 'proposal', 'negotiation', 'verbal')
    >>> [p[:2] for p in cross_check({"stages": [{"id": "qualified", "probability": 0.5},
    ...                                        {"id": "needs_analysis", "probability": 0.4}]})]
    [('stages', 'id'), ('stages/needs_analysis', 'probability')]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from . import content
from .i18n import t

TOPIC = "goals"

CONDITION_IDS: tuple[str, ...] = ("plan", "execute", "control")
"""The three conditions, in order; the advice texts (``goals.conditions.advice_*``) are keyed by them."""

STAGE_IDS: tuple[str, ...] = ("qualified", "needs_analysis", "proposal", "negotiation", "verbal")
"""The open-deal stages, in order; the generator and the shipped ``pipeline.csv`` use these ids."""

#: Columns of ``pipeline.csv``: required or not and how the loader reads each (the texts are content).
COLUMN_KINDS: dict[str, tuple[bool, str]] = {
    "deal": (True, "text"), "seller_id": (False, "text"), "seller_name": (False, "text"),
    "region": (False, "text"), "customer": (False, "text"), "stage": (True, "stage"),
    "amount": (True, "money"), "close_date": (True, "date"), "probability": (False, "share"),
    "age_days": (False, "int"),
}


@dataclass(frozen=True)
class Catalogue:
    """Module 02's content in the shapes the models use (built once per loaded content)."""

    conditions: dict[str, dict[str, Any]]
    items: tuple[str, ...]
    case_answers: dict[str, int]
    stages: dict[str, dict[str, Any]]
    stage_order: tuple[str, ...]
    default_probability: dict[str, float]
    stage_aliases: dict[str, str]
    columns: dict[str, dict[str, Any]]
    required: tuple[str, ...]
    derived: dict[str, dict[str, str]]

    @classmethod
    def from_content(cls, data: Mapping[str, Any]) -> "Catalogue":
        conditions = {c["id"]: {"module": c["module"], "name": dict(c["name"]),
                                "items": {i["id"]: dict(i["text"]) for i in c["items"]}}
                      for c in data["conditions"]}
        stages = {s["id"]: {"probability": float(s["probability"]), "name": dict(s["name"])} for s in data["stages"]}
        aliases = {}
        for s in data["stages"]:
            for alias in s.get("aliases", ()):
                aliases[alias] = s["id"]
        columns = {name: {"required": required, "kind": kind, **{k: dict(v) for k, v in data["columns"][name].items()}}
                   for name, (required, kind) in COLUMN_KINDS.items()}
        return cls(
            conditions=conditions,
            items=tuple(i for c in conditions.values() for i in c["items"]),
            case_answers=dict(data["case_answers"]),
            stages=stages,
            stage_order=tuple(stages),
            default_probability={k: v["probability"] for k, v in stages.items()},
            stage_aliases=aliases,
            columns=columns,
            required=tuple(c for c, (required, _) in COLUMN_KINDS.items() if required),
            derived={k: dict(v) for k, v in data["derived"].items()},
        )


_built: tuple[Any, Catalogue | None] = (None, None)


def content_data() -> dict:
    """The validated content of module 02 (cached by ``course_lib.content``; ``clear_cache()`` reloads)."""
    return content.load(TOPIC)


def catalogue() -> Catalogue:
    """The current content (shipped or the trainer's override) as a :class:`Catalogue`, built once per load."""
    global _built
    data = content_data()
    if _built[0] is not data:
        _built = (data, Catalogue.from_content(data))
    return _built[1]


# --------------------------------------------------------------------------- cross-checks


def _ids(rows: Any) -> list:
    return [r.get("id") for r in rows or [] if isinstance(r, dict)]


def _duplicates(entry: str, ids: list) -> list[tuple[str, str, str]]:
    seen: set = set()
    found = []
    for value in ids:
        if value in seen:
            found.append((f"{entry}/{value}", "id", t("goals.content.duplicate", value=value)))
        seen.add(value)
    return found


def cross_check(data: dict) -> list[tuple[str, str, str]]:
    """Problems a schema cannot see, as ``(entry, field, message)``; empty when the content is sound.

    Example:
        >>> cross_check({"conditions": [{"id": "plan", "items": [{"id": "a"}]}], "case_answers": {"b": 3}})[0][:2]
        ('conditions', 'execute')
    """
    problems: list[tuple[str, str, str]] = []
    conditions = [c for c in data.get("conditions") or [] if isinstance(c, dict)]
    if data.get("conditions") is not None:
        problems += _duplicates("conditions", _ids(conditions))
        problems += [("conditions", code, t("goals.content.missing", value=code))
                     for code in CONDITION_IDS if code not in _ids(conditions)]
    items = [i for c in conditions for i in _ids(c.get("items"))]
    problems += _duplicates("conditions/items", items)
    answers = data.get("case_answers")
    if isinstance(answers, dict) and data.get("conditions") is not None:
        problems += [("case_answers", item, t("goals.content.missing", value=item)) for item in items if item not in answers]
        problems += [("case_answers", key, t("goals.content.unknown", value=key, allowed=", ".join(map(str, items))))
                     for key in answers if key not in items]
    stages = [s for s in data.get("stages") or [] if isinstance(s, dict)]
    if data.get("stages") is not None:
        ids = _ids(stages)
        twice = _duplicates("stages", ids)
        problems += twice
        if not twice and ids != list(STAGE_IDS):
            problems.append(("stages", "id", t("goals.content.stage_order", expected=", ".join(STAGE_IDS),
                                                found=", ".join(map(str, ids)))))
    previous = None
    for stage in stages:
        p = stage.get("probability")
        if isinstance(p, (int, float)) and previous is not None and p <= previous[1]:
            problems.append((f"stages/{stage.get('id')}", "probability",
                             t("goals.content.not_increasing", value=p, previous=previous[1], stage=previous[0])))
        if isinstance(p, (int, float)):
            previous = (stage.get("id"), p)
    owner: dict[str, Any] = {}
    for stage in stages:
        for alias in stage.get("aliases") or []:
            if alias in owner:
                problems.append((f"stages/{stage.get('id')}", "aliases",
                                 t("goals.content.alias_twice", value=alias, first=owner[alias])))
            owner.setdefault(alias, stage.get("id"))
    columns = data.get("columns")
    if isinstance(columns, dict):
        problems += [("columns", name, t("goals.content.missing", value=name)) for name in COLUMN_KINDS if name not in columns]
        problems += [(f"columns/{name}", "-", t("goals.content.unknown", value=name, allowed=", ".join(COLUMN_KINDS)))
                     for name in columns if name not in COLUMN_KINDS]
    return problems


content.register_check(TOPIC, cross_check)

__all__ = ["CONDITION_IDS", "COLUMN_KINDS", "STAGE_IDS", "Catalogue", "catalogue", "content_data", "cross_check"]
