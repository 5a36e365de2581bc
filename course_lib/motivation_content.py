"""The content of module 01: its shapes, loading and the cross-checks a schema cannot express.

``course_lib/content/motivation.yaml`` (or a trainer's copy, see :mod:`course_lib.content`) holds the
inner questions, the questionnaire, the outcomes and scenarios, the company-car model's settings and
the reward data. :func:`catalogue` turns the loaded dict into the public names of
:mod:`course_lib.motivation` (once per load); :func:`content_problems` is registered with
:func:`course_lib.content.register_check`, and each problem it finds is ``(entry, field, message)``
with the message in the learner's language.

Example:
    >>> catalogue().INNER_QUESTIONS["sales_culture"].name["en"]
    'Sales culture'
    >>> content_problems({"theories": [{"id": "sdt"}, {"id": "sdt"}]})[0][:2]
    ('theories/sdt', 'id')
"""
from __future__ import annotations

import itertools
import math
import numbers
from dataclasses import dataclass
from typing import Iterable, Mapping

from . import content
from .i18n import LANGUAGES, invalid, pick, t

TOPIC = "motivation"

# --------------------------------------------------------------------------- the content's shapes


@dataclass(frozen=True)
class InnerQuestion:
    """One inner question: ``theory`` (and ``related``) are theory ids, ``levers`` top management's,
    ``seller_levers`` what her sellers can do, ``interpretation`` the text per level."""

    id: str
    name: Mapping[str, str]
    question: Mapping[str, str]
    theory: str
    related: tuple[str, ...]
    link: Mapping[str, str]
    levers: tuple[Mapping[str, str], ...]
    seller_levers: tuple[Mapping[str, str], ...] = ()
    interpretation: Mapping[str, Mapping[str, str]] | None = None

    def label(self, lang: str | None = None) -> str:
        """The factor's name in the current (or given) language."""
        return pick(self.name, lang)


@dataclass(frozen=True)
class Item:
    """A statement rated 1 (completely disagree) to 7; a ``reverse`` item counts as ``8 - x``."""

    id: str
    factor: str
    text: Mapping[str, str]
    reverse: bool = False


@dataclass(frozen=True)
class Scenario:
    """A preset of the expectancy calculator: E and ``{outcome: (I, V)}``."""

    id: str
    name: Mapping[str, str]
    description: Mapping[str, str]
    expectancy: float
    outcomes: Mapping[str, tuple[float, float]]

    def pairs(self) -> list[tuple[float, float]]:
        """The ``(I, V)`` pairs in the order of ``OUTCOMES``."""
        return [self.outcomes[o] for o in catalogue().OUTCOMES]

    def force(self) -> float:
        """M for this scenario."""
        from .motivation import motivational_force

        return motivational_force(self.expectancy, self.pairs())


class _Catalogue:
    """The public names, built once from one loaded content dict."""

    def __init__(self, data: Mapping):
        text = lambda entries: {e["id"]: e["name"] for e in entries}  # noqa: E731
        self.THEORIES = text(data["theories"])
        self.INNER_QUESTIONS = {q["id"]: InnerQuestion(
            q["id"], q["name"], q["question"], q["theory"], tuple(q.get("related", ())), q["link"],
            tuple(q["levers"]), tuple(q["seller_levers"]), q["interpretation"]) for q in data["inner_questions"]}
        self.FACTORS = tuple(self.INNER_QUESTIONS)
        self.QUESTIONNAIRE = tuple(Item(i["id"], i["factor"], i["text"], bool(i.get("reverse", False)))
                                   for i in data["questionnaire"])
        self.ITEMS = {i.id: i for i in self.QUESTIONNAIRE}
        self.OUTCOMES = text(data["outcomes"])
        self.SCENARIOS = {s["id"]: Scenario(s["id"], s["name"], s["description"], float(s["expectancy"]),
                                            {o: tuple(map(float, iv)) for o, iv in s["outcomes"].items()})
                          for s in data["scenarios"]}
        model = data["valence_model"]
        self.VALENCE_FLOOR = float(model["floor"])
        self.CLIMATE_FACTORS = tuple(model["climate_factors"])
        self.VALENCE_MODEL_ASSUMPTIONS = tuple(model["assumptions"])
        rewards = data["rewards"]
        self.DECI_1999 = rewards["source"]
        self.REWARD_TYPES = text(rewards["reward_types"])
        self.MEASURES = {m["id"]: m["name"] for m in rewards["measures"]}
        self.MEASURES_SHORT = {m["id"]: m["short"] for m in rewards["measures"]}
        self.CROWDING_D = {(e["reward_type"], e["measure"]): e["d"] for e in rewards["effects"]}


_built: tuple[int, _Catalogue] | None = None


def catalogue() -> _Catalogue:
    """The catalogue for the content currently loaded (rebuilt when the content is reloaded)."""
    global _built
    data = content.load(TOPIC)
    if _built is None or _built[0] != id(data):
        _built = (id(data), _Catalogue(data))
    return _built[1]


# --------------------------------------------------------------------------- input checks shared by the model and its tables


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _clean(x: float) -> float:
    """``x`` without binary float noise (0.6299999999999999 -> 0.63): 14 significant digits."""
    return float(f"{x:.14g}")


def _check_unit(value, key: str, lo: float, hi: float, /, **extra) -> float:
    """``value`` as a float if it is a real number in [lo, hi]; else a translated ``ValueError``."""
    if not _is_number(value) or math.isnan(float(value)) or not lo <= float(value) <= hi:
        raise invalid(key, value=_shown(value), **extra)
    return float(value)


def _shown(value):
    """A bad value as the message shows it: numbers stay numbers (the message formats them in the
    learner's language), anything else as its repr, cut short."""
    return value if _is_number(value) else repr(value)[:80]


def _check_name(value, table: Mapping[str, object], key: str) -> str:
    """``value`` if it is a key of ``table``; else a translated ValueError listing the valid keys."""
    if not isinstance(value, str) or value not in table:
        raise invalid(key, value=_shown(value), valid=", ".join(table))
    return value


def _lang(lang):
    if lang is not None and (not isinstance(lang, str) or lang not in LANGUAGES):
        raise invalid("motivation.lang", value=_shown(lang), valid=", ".join(LANGUAGES))
    return lang


def _ids(values, check, key: str, limit: int = 1000, too_many: str = "motivation.table.too_many") -> list:
    """A list of values (not one string, at most ``limit``), each checked by ``check``."""
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise invalid(key, value=_shown(values))
    try:
        values = list(itertools.islice(values, limit + 1))
    except TypeError:  # iterable in name only (a 0-d numpy array)
        raise invalid(key, value=_shown(values)) from None
    if len(values) > limit:
        raise invalid(too_many, limit=limit)
    return [check(v) for v in values]


# --------------------------------------------------------------------------- cross-checks


def _entries(data: Mapping, section: str) -> list[tuple[str, Mapping]]:
    node = data
    for part in section.split("."):
        node = node.get(part, {}) if isinstance(node, Mapping) else {}
    items = node if isinstance(node, list) else []
    return [(f"{section.replace('.', '/')}/{e.get('id') or f'#{i + 1}'}", e)
            for i, e in enumerate(items) if isinstance(e, Mapping)]


def content_problems(data: Mapping) -> list[tuple[str, str, str]]:
    """Every problem in the motivation content that neither the schema nor the loader's text check sees
    (an empty list: the content is sound). Entries are named as the loader names them: ``section/id``."""
    problems: list[tuple[str, str, str]] = []

    def add(entry, field, key, **values):
        problems.append((entry, field, t(f"motivation.content.{key}", **values)))

    ids: dict[str, set] = {}
    for section in ("theories", "inner_questions", "questionnaire", "outcomes", "scenarios",
                    "rewards.reward_types", "rewards.measures"):
        seen = ids.setdefault(section, set())
        for entry, e in _entries(data, section):
            if e.get("id") in seen:
                add(entry, "id", "duplicate_id", id=e.get("id"), section=section)
            seen.add(e.get("id"))

    def known(entry, field, value, section):
        if value not in ids[section]:
            add(entry, field, "unknown_ref", value=value, section=section,
                valid=", ".join(sorted(map(str, ids[section]))))

    for entry, q in _entries(data, "inner_questions"):
        for field, ref in [("theory", q.get("theory"))] + [("related", r) for r in q.get("related", [])]:
            known(entry, field, ref, "theories")
    for entry, item in _entries(data, "questionnaire"):
        known(entry, "factor", item.get("factor"), "inner_questions")
    factors_with_items = {item.get("factor") for _, item in _entries(data, "questionnaire")}
    for entry, q in _entries(data, "inner_questions"):
        if q.get("id") not in factors_with_items:
            add(entry, "id", "no_items", factor=q.get("id"))
    for entry, s in _entries(data, "scenarios"):
        named = set(s.get("outcomes", {}))
        for o in sorted(named - ids["outcomes"], key=str):
            known(entry, f"outcomes.{o}", o, "outcomes")
        for o in sorted(ids["outcomes"] - named, key=str):
            add(entry, f"outcomes.{o}", "missing_outcome", outcome=o)
    for i, factor in enumerate(data.get("valence_model", {}).get("climate_factors", [])):
        known("valence_model", f"climate_factors.{i}", factor, "inner_questions")
    pairs = set()
    for i, e in enumerate(data.get("rewards", {}).get("effects", [])):
        entry = f"rewards/effects/#{i + 1}"
        known(entry, "reward_type", e.get("reward_type"), "rewards.reward_types")
        known(entry, "measure", e.get("measure"), "rewards.measures")
        pair = (e.get("reward_type"), e.get("measure"))
        if pair in pairs:
            add(entry, "measure", "duplicate_effect", reward=pair[0], measure=pair[1])
        pairs.add(pair)
    for r in sorted(ids["rewards.reward_types"], key=str):
        for m in sorted(ids["rewards.measures"], key=str):
            if (r, m) not in pairs:
                add("rewards/effects", "-", "missing_effect", reward=r, measure=m)
    return problems


content.register_check(TOPIC, content_problems)
