"""Module 04's catalogue: roles, KPIs, decisions, presets and delegation scales, read from
``course_lib/content/delegation.yaml`` (or a trainer's copy in ``COURSE_CONTENT_DIR``).

The YAML is validated by :mod:`course_lib.content` against ``delegation.schema.json``
and the cross-checks registered here (known ids only, unique ids, both languages with
the same placeholders, sensible reference ranges). :func:`catalogue` turns the checked
data into small frozen objects once and rebuilds them only when the content changes.
Lookups (``role_id``, ``decision_id``, ``kpi_id``) accept an id or a label in either
language and report unknown names with the valid ones listed.

Example:
    >>> catalogue().decisions["ict_budget"].label("en")
    'ICT/CRM budget'
    >>> role_id("salgssjef")
    'sales_manager'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from . import content
from .i18n import invalid, pick, t

TOPIC = "delegation"


@dataclass(frozen=True)
class Decision:
    """One decision in the catalogue, the KPIs it drives and the source's point on it."""

    id: str
    name: Mapping[str, str]
    drives: tuple[str, ...]
    source_point: Mapping[str, str]
    enables: tuple[str, ...] = ()

    @property
    def kpis(self) -> tuple[str, ...]:
        """KPIs the decision drives, directly or through the decisions it gives access to."""
        decisions = catalogue().decisions
        direct = list(self.drives)
        for d in self.enables:
            direct += [k for k in decisions[d].drives if k not in direct]
        return tuple(direct)

    def label(self, lang: str | None = None) -> str:
        return pick(self.name, lang)


@dataclass(frozen=True)
class ReferenceLevel:
    """A reasoned reference for how far top management should delegate a decision to her."""

    decision: str
    level: int
    low: int
    high: int
    reason: Mapping[str, str]


@dataclass(frozen=True)
class Catalogue:
    """Everything module 04 reads from its content file, as read-only mappings."""

    roles: Mapping[str, Mapping[str, str]]
    role_short: Mapping[str, Mapping[str, str]]
    focus_role: str
    kpis: Mapping[str, Mapping[str, str]]
    measured_by_default: tuple[str, ...]
    decisions: Mapping[str, Decision]
    references: Mapping[str, ReferenceLevel]
    presets: Mapping[str, Mapping[str, Mapping[str, str]]]
    preset_labels: Mapping[str, Mapping[str, str]]
    levels: tuple[Mapping[str, Any], ...]
    control_level: int
    tannenbaum_schmidt: tuple[Mapping[str, Any], ...]

    @classmethod
    def from_content(cls, data: Mapping[str, Any]) -> "Catalogue":
        ro = MappingProxyType
        decisions = {d["id"]: Decision(d["id"], ro(dict(d["name"])), tuple(d["drives"]),
                                       ro(dict(d["source_point"])), tuple(d.get("enables", ())))
                     for d in data["decisions"]}
        refs = {d["id"]: ReferenceLevel(d["id"], d["reference"]["level"], d["reference"]["low"],
                                        d["reference"]["high"], ro(dict(d["reference"]["reason"])))
                for d in data["decisions"]}
        return cls(
            roles=ro({r["id"]: ro(dict(r["name"])) for r in data["roles"]}),
            role_short=ro({r["id"]: ro(dict(r["short"])) for r in data["roles"]}),
            focus_role=data["focus_role"],
            kpis=ro({k["id"]: ro(dict(k["name"])) for k in data["kpis"]}),
            measured_by_default=tuple(data["measured_by_default"]),
            decisions=ro(decisions),
            references=ro(refs),
            presets=ro({p["id"]: ro({d: ro(dict(row)) for d, row in p["cells"].items()}) for p in data["presets"]}),
            preset_labels=ro({p["id"]: ro(dict(p["label"])) for p in data["presets"]}),
            levels=tuple(ro(dict(lv, name=ro(dict(lv["name"])), meaning=ro(dict(lv["meaning"]))))
                         for lv in sorted(data["delegation_levels"], key=lambda lv: lv["level"])),
            control_level=data["control_level"],
            tannenbaum_schmidt=tuple(ro(dict(s, text=ro(dict(s["text"]))))
                                     for s in sorted(data["tannenbaum_schmidt"], key=lambda s: s["step"])),
        )


_built: tuple[Any, Catalogue | None] = (None, None)


def catalogue() -> Catalogue:
    """The current catalogue (shipped content or the trainer's override), built once per content."""
    global _built
    data = content.load(TOPIC)
    if _built[0] is not data:
        _built = (data, Catalogue.from_content(data))
    return _built[1]


# --------------------------------------------------------------------------- cross-checks

def _entry(kind: str, index: int, item: Any) -> str:
    """``decisions/hire_sellers`` (or ``decisions/#3`` without an id), as content.ContentError names entries."""
    ident = item.get("id", item.get("level", item.get("step"))) if isinstance(item, Mapping) else None
    return f"{kind}/{ident}" if isinstance(ident, (str, int)) else f"{kind}/#{index + 1}"


def check_content(data: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """Rules the schema cannot express; each problem as ``(entry, field, message)``.

    Example:
        >>> check_content(content.load("delegation"))
        []
    """
    problems: list[tuple[str, str, str]] = []

    def add(entry, field_name, key, **values):
        problems.append((entry, field_name, t(f"delegation.content.{key}", **values)))

    ids: dict[str, list[str]] = {}
    for kind in ("roles", "kpis", "decisions", "presets", "delegation_levels"):
        seen: set[str] = set()
        ids[kind] = []
        for i, item in enumerate(data.get(kind, [])):
            if item["id"] in seen:
                add(_entry(kind, i, item), "id", "duplicate_id", value=item["id"])
            seen.add(item["id"])
            ids[kind].append(item["id"])
    roles, kpis, decisions = set(ids["roles"]), set(ids["kpis"]), set(ids["decisions"])

    def known(value, allowed, entry, field_name, what):
        if value not in allowed:
            add(entry, field_name, f"unknown_{what}", value=value, allowed=", ".join(sorted(allowed)))

    known(data["focus_role"], roles, "focus_role", "-", "role")
    for j, k in enumerate(data["measured_by_default"]):
        known(k, kpis, "measured_by_default", str(j), "kpi")
    for i, d in enumerate(data["decisions"]):
        entry = _entry("decisions", i, d)
        for j, k in enumerate(d["drives"]):
            known(k, kpis, entry, f"drives.{j}", "kpi")
        for j, e in enumerate(d.get("enables", [])):
            known(e, decisions - {d["id"]}, entry, f"enables.{j}", "decision")
        if not d["drives"] and not d.get("enables"):
            add(entry, "drives", "drives_nothing")
        ref = d["reference"]
        if not ref["low"] <= ref["level"] <= ref["high"]:
            add(entry, "reference", "reference_range", level=ref["level"], low=ref["low"], high=ref["high"])
    for i, p in enumerate(data["presets"]):
        entry = _entry("presets", i, p)
        if p["id"] == "empty":
            add(entry, "id", "preset_empty")
        for d, row in p["cells"].items():
            known(d, decisions, entry, f"cells.{d}", "decision")
            for r in row:
                known(r, roles, entry, f"cells.{d}.{r}", "role")
    for kind, key in (("delegation_levels", "level"), ("tannenbaum_schmidt", "step")):
        numbers = sorted(item[key] for item in data[kind])
        if numbers != list(range(1, 8)):
            add(kind, key, "levels_incomplete", found=", ".join(str(n) for n in numbers))
    return problems


content.register_check(TOPIC, check_content)


# --------------------------------------------------------------------------- lookups


def _norm(text: Any) -> str:
    return " ".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())


def _resolve(value: Any, table: Mapping[str, Any], labels) -> str | None:
    if not isinstance(value, str) or len(value) > 200:
        return None
    key = _norm(value)
    for ident, entry in table.items():
        if key == _norm(ident) or any(key == _norm(n) for n in labels(entry)):
            return ident
    return None


def _shown(value: Any) -> Any:
    """A value as it may appear in a message: short, never a huge repr."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        return f"{str(value)[:12]}… ({len(str(abs(value)))} digits)"
    if isinstance(value, (int, float)) or value is None:
        return value
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= 60:
        return value
    return text[:57] + "..."


def role_id(role: Any, *, _cat: Catalogue | None = None) -> str:
    """The role id for an id or a label in either language.

    Example:
        >>> role_id("Sales manager"), role_id("salgssjef"), role_id("sales_manager")
        ('sales_manager', 'sales_manager', 'sales_manager')
    """
    roles = (_cat or catalogue()).roles
    found = _resolve(role, roles, lambda e: list(e.values()))
    if found is None:
        raise invalid("delegation.role_unknown", value=_shown(role), allowed=", ".join(roles))
    return found


def decision_id(decision: Any, *, _cat: Catalogue | None = None) -> str:
    """The decision id for an id or a label in either language.

    Example:
        >>> decision_id("Hire sellers")
        'hire_sellers'
    """
    decisions = (_cat or catalogue()).decisions
    found = _resolve(decision, decisions, lambda d: list(d.name.values()))
    if found is None:
        raise invalid("delegation.decision_unknown", value=_shown(decision), allowed=", ".join(decisions))
    return found


def kpi_id(kpi: Any, *, _cat: Catalogue | None = None) -> str:
    """The KPI id for an id or a label in either language.

    Example:
        >>> kpi_id("Nysalg")
        'new_sales'
    """
    kpis = (_cat or catalogue()).kpis
    found = _resolve(kpi, kpis, lambda e: list(e.values()))
    if found is None:
        raise invalid("delegation.kpi_unknown", value=_shown(kpi), allowed=", ".join(kpis))
    return found


def role_label(role: Any, lang: str | None = None, short: bool = False, *, _cat: Catalogue | None = None) -> str:
    """Role name in the current language (``short=True`` for column headers); unknown ids pass through.

    Example:
        >>> role_label("hr_director", "en", short=True)
        'HR dir.'
    """
    cat = _cat or catalogue()
    table = cat.role_short if short else cat.roles
    return pick(table[role], lang) if isinstance(role, str) and role in table else str(role)


def decision_label(decision: Any, lang: str | None = None, *, _cat: Catalogue | None = None) -> str:
    """Decision name in the current language (unknown ids pass through).

    Example:
        >>> decision_label("pay_levels", "nb")
        'Lønnsnivå'
    """
    decisions = (_cat or catalogue()).decisions
    return decisions[decision].label(lang) if isinstance(decision, str) and decision in decisions else str(decision)


def kpi_label(kpi: Any, lang: str | None = None, *, _cat: Catalogue | None = None) -> str:
    """KPI name in the current language (unknown ids pass through).

    Example:
        >>> kpi_label("new_sales", "en")
        'New sales'
    """
    kpis = (_cat or catalogue()).kpis
    return pick(kpis[kpi], lang) if isinstance(kpi, str) and kpi in kpis else str(kpi)


def in_sentence(label: str) -> str:
    """Lower-case a label's first letter for use mid-sentence, unless it starts an acronym (IT, HR-...)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def decisions_driving(kpi: Any, *, _cat: Catalogue | None = None) -> tuple[str, ...]:
    """Decisions in the catalogue that drive a KPI, in board order.

    Example:
        >>> decisions_driving("gross_margin")
        ('price_discount_limits',)
    """
    cat = _cat or catalogue()
    k = kpi_id(kpi, _cat=cat)
    return tuple(d.id for d in cat.decisions.values() if k in d.drives)


def check_level(value: Any, field_name: str) -> int:
    """A delegation level as an int 1-7, or a translated ValueError (also for inf, NaN, text, bools).

    Example:
        >>> check_level(5.0, "level")
        5
    """
    ok = False
    number = 0
    if not isinstance(value, (bool, str, bytes)):
        try:
            number = int(value)
            ok = number == value and 1 <= number <= 7
        except (TypeError, ValueError, OverflowError, ArithmeticError):
            ok = False
    if not ok:
        raise invalid("delegation.level_range", field=field_name, value=_shown(value))
    return number


def level_info(level: Any) -> Mapping[str, Any]:
    """The Management 3.0 entry for a level 1-7.

    Example:
        >>> level_info(6)["id"]
        'inquire'
    """
    return catalogue().levels[check_level(level, "level") - 1]


def level_label(level: Any, lang: str | None = None) -> str:
    """``"5 Advise"`` / ``"5 Gi råd"``.

    Example:
        >>> level_label(1, "en")
        '1 Tell'
    """
    info = level_info(level)
    return f"{info['level']} {pick(info['name'], lang)}"
