"""Module 06, the capstone: the parts of the motivation package and where they come from.

The constants, the content file (``content/capstone.yaml``), :class:`Package`, the case's defaults for
each part and :func:`gather`, which reads the learner's saved work from the progress store. Split out
of :mod:`course_lib.capstone`, which re-exports every name; import from there.

Example:
    >>> case_package().source["board"]
    'case'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from . import content
from .i18n import invalid, pick, resolve_language

PARTS = ("profile", "budget", "plan", "board", "levels", "strategy", "investment")
PHASES = ("growth", "loyalty")
HER = "sales_manager"
SEAT = "top_management_seat"
ICT = "ict_budget"
REFLECTION_ID = "capstone.reflection_package"
TEAM_DECISIONS = ("hire_sellers", "restructure_sellers", "bonus_system")

# where each module saves its part (section, how to pick the entry)
SECTIONS = {"profile": "profiles", "budget": "budgets", "plan": "plans", "board": "decision_rights", "levels": "delegation_levels",
            "strategy": "digital_strategy", "investment": "investment_case"}


def data() -> dict:
    """The capstone content (parts, limits, checks, rubric, case defaults)."""
    return content.load("capstone")


def _check_content(d: dict) -> list[tuple[str, str, str]]:
    problems = []
    ids = [c["id"] for c in d.get("checks", [])]
    if len(set(ids)) != len(ids):
        problems.append(("checks", "id", "duplicate check ids"))
    rub = [r["id"] for r in d.get("rubric", [])]
    if len(set(rub)) != len(rub):
        problems.append(("rubric", "id", "duplicate rubric ids"))
    if sum(r.get("weight", 0) for r in d.get("rubric", [])) <= 0:
        problems.append(("rubric", "weight", "the weights must not all be 0"))
    return problems


content.register_check("capstone", _check_content)


def part_info(part: str, lang: str | None = None) -> dict[str, str]:
    """Name, module, notebook and section of a part, in the learner's language.

    Example:
        >>> part_info("plan", "en")["notebook"]
        '03_bonus_system.ipynb'
    """
    if part not in PARTS:
        raise invalid("capstone.unknown_part", value=part, allowed=", ".join(PARTS))
    entry = next(p for p in data()["parts"] if p["id"] == part)
    return {"id": part, "module": entry["module"], "notebook": entry["notebook"],
            "name": pick(entry["name"], lang), "section": pick(entry["section"], lang)}


@dataclass(frozen=True)
class Package:
    """A motivation package: the parts (plain JSON-like values) and where each came from.

    ``source[part]`` is ``"saved"`` (the learner's own), ``"case"`` (filled from the case) or
    ``"missing"``. ``team`` is the seller-month table (the case's or your own); ``pipeline`` the
    open deals a leader passed in (``None``: the figures in ``budget`` as saved or the case's).
    """

    profile: Mapping[str, float] | None = None
    budget: Mapping[str, Any] | None = None
    plan: Mapping[str, Any] | None = None
    board: Mapping[str, Any] | None = None
    levels: Mapping[str, int] | None = None
    strategy: Mapping[str, int] | None = None
    investment: Mapping[str, Any] | None = None
    phase: str = "loyalty"
    reflections: Mapping[str, str] = field(default_factory=dict)
    source: Mapping[str, str] = field(default_factory=dict)
    team: Any = None
    names: Mapping[str, str] = field(default_factory=dict)
    pipeline: Any = None

    def missing(self) -> list[str]:
        """The parts still missing (neither saved nor filled from the case)."""
        return [p for p in PARTS if getattr(self, p) is None]


# --------------------------------------------------------------------------- case defaults


def case_part(part: str, lang: str | None = None, team=None, pipeline=None) -> Any:
    """The case company's value for one part (its situation today).

    The budget part is top management's budget for the case (module 02) with module 02's forecast
    on the case's pipeline, or on ``pipeline`` (a leader's own deals) and ``team`` when given.

    Example:
        >>> case_part("profile")["goal_attainability"]
        2.5
    """
    case = data()["case"]
    if part == "profile":
        return dict(case["profile"])
    if part == "budget":
        from .capstone_budget import case_record

        return case_record(team, pipeline, int(case.get("budget_horizon", 3)))
    if part == "plan":
        return dict(case["plan"])
    if part == "board":
        from . import delegation as dl

        return {"matrix": dl.matrix_to_dict(dl.preset_matrix(case["board_preset"])), "measured": list(case["measured"])}
    if part == "levels":
        return dict(case["levels"])
    if part == "strategy":
        try:
            from . import strategy as sg  # module 05

            return dict(sg.case_answers())
        except ImportError:  # module 05 not installed: no seven-steps answers in the case either
            return {}
    if part == "investment":
        return {"lang": resolve_language(lang), "markdown": pick(case["investment"], lang)}
    raise invalid("capstone.unknown_part", value=part, allowed=", ".join(PARTS))


def _team(team=None):
    from . import cases

    return cases.load_team() if team is None else team


def _pipeline(pipeline=None):
    """A leader's pipeline: a frame as given, or a CSV/xlsx path read by ``cases.load_pipeline``."""
    if pipeline is None or hasattr(pipeline, "columns"):
        return pipeline
    from .cases import load_pipeline

    return load_pipeline(pipeline)


def case_package(team=None, phase: str | None = None, lang: str | None = None, pipeline=None) -> Package:
    """Every part filled from the case (what the case company does today).

    Example:
        >>> case_package().source["board"]
        'case'
    """
    team, pipeline = _team(team), _pipeline(pipeline)
    parts = {p: case_part(p, lang, team=team, pipeline=pipeline) for p in PARTS}
    return Package(**parts, phase=phase or data()["case"]["phase"], source={p: "case" for p in PARTS},
                   team=team, names={"plan": parts["plan"].get("name", "")}, pipeline=pipeline)


def _latest(items: Mapping[str, Any], name: str | None) -> tuple[str | None, Any]:
    if not isinstance(items, Mapping) or not items:
        return None, None
    if name is not None:
        return (name, items[name]) if name in items else (None, None)
    key = list(items)[-1]  # the store keeps insertion order: the last saved
    return key, items[key]


def gather(store_data: Mapping[str, Any] | None = None, fill_from_case: bool = False, team=None,
           phase: str | None = None, names: Mapping[str, str] | None = None, lang: str | None = None,
           pipeline=None) -> Package:
    """The package from the learner's saved work (``ProgressStore.load()``), missing parts left out or filled.

    ``names`` picks a saved entry per part (e.g. ``{"plan": "My plan"}``); otherwise the last saved.
    ``phase`` defaults to the one saved in the capstone, else the case's. ``team`` (a frame from
    ``cases.load_team``) and ``pipeline`` (a frame from ``cases.load_pipeline``, or the path of a
    CSV/xlsx export it reads) are a leader's own data: the budget's forecast is then made again on
    her pipeline (same budget and horizon), and parts filled from the case use her team and deals.

    Raises:
        ValueError: a pipeline file that cannot be read (the loader's translated message).

    Example:
        >>> pkg = gather({"sections": {}, "reflections": {}})
        >>> pkg.missing()[:2]
        ['profile', 'budget']
    """
    if store_data is None:
        from .progress import get_store

        store_data = get_store().load()
    sections = store_data.get("sections", {}) if isinstance(store_data, Mapping) else {}
    names = dict(names or {})
    team, pipeline = _team(team), _pipeline(pipeline)
    parts: dict[str, Any] = {}
    source: dict[str, str] = {}
    chosen: dict[str, str] = {}
    for part in PARTS:
        items = sections.get(SECTIONS[part], {})
        if part == "strategy":
            key, value = ("answers", items.get("answers")) if isinstance(items, Mapping) else (None, None)
        elif part == "investment":
            key, value = ("summary", items.get("summary")) if isinstance(items, Mapping) else (None, None)
        else:
            key, value = _latest(items, names.get(part))
        value = _clean(part, value)
        if value is not None:
            if part == "budget" and pipeline is not None:
                from .capstone_budget import reforecast

                value = reforecast(value, pipeline, team)
            parts[part], source[part] = value, "saved"
            chosen[part] = str(key)
        elif fill_from_case:
            parts[part], source[part] = case_part(part, lang, team=team, pipeline=pipeline), "case"
        else:
            parts[part], source[part] = None, "missing"
    saved_phase = sections.get("capstone", {}).get("phase") if isinstance(sections.get("capstone"), Mapping) else None
    phase = phase or (saved_phase if saved_phase in PHASES else data()["case"]["phase"])
    if phase not in PHASES:
        raise invalid("capstone.unknown_phase", value=phase, allowed=", ".join(PHASES))
    reflections = {rid: str(entry.get("text", "")) for rid, entry in (store_data.get("reflections") or {}).items()
                   if isinstance(entry, Mapping)}
    if parts.get("plan") is not None and source["plan"] == "case":
        chosen["plan"] = str(parts["plan"].get("name", ""))
    return Package(**parts, phase=phase, reflections=reflections, source=source, team=team, names=chosen,
                   pipeline=pipeline)


def _clean(part: str, value: Any) -> Any:
    """A saved value in the shape the checks need, or ``None`` when it is unusable."""
    if value is None:
        return None
    try:
        if part == "profile":
            from . import motivation as mot

            return mot.check_scores(value)
        if part == "budget":
            from .capstone_budget import clean_record

            return clean_record(value)
        if part == "plan":
            from .incentives import Plan

            return Plan.from_dict(value).to_dict()
        if part == "board":
            if not isinstance(value, Mapping) or not isinstance(value.get("matrix"), Mapping):
                return None
            return {"matrix": dict(value["matrix"]), "measured": [str(k) for k in value.get("measured", [])]}
        if part in ("levels", "strategy"):
            return {str(k): int(v) for k, v in dict(value).items() if v is not None} or None
        if part == "investment":
            return dict(value) if isinstance(value, Mapping) and isinstance(value.get("markdown"), str) else None
    except (ValueError, TypeError):
        return None
    return None


def save_phase(phase: str) -> None:
    """Save the business phase the learner chose for the package."""
    if phase not in PHASES:
        raise invalid("capstone.unknown_phase", value=phase, allowed=", ".join(PHASES))
    from .progress import get_store

    get_store().put("capstone", "phase", phase)


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
