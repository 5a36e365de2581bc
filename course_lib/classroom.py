"""Anonymous class sharing: a participant shares an answer, the trainer sees the room's summary.

A participant chooses to share one kind of answer with the class. It is written as a small JSON
file into the class folder (``COURSE_CLASS_DIR``, e.g. a shared folder on the hub or a synced
folder) under a random participant id that is kept in the learner's own progress store -- never a
name -- and can be withdrawn again. The trainer's :func:`summarise` reads the folder and
aggregates it: distributions of motivation profiles (01), plan parameters chosen (03),
delegation-level votes per decision (04, Delegation Poker), share of right answers per quiz
question, seven-steps maturity (05).

Privacy and robustness:

* a group with fewer than :data:`MIN_GROUP` answers is never shown (it is counted as suppressed);
* every file is validated with a JSON Schema before it is used; malformed or hostile files (bad
  JSON, more than :data:`MAX_BYTES`, symbolic links, HTML or script in text, wrong types, unknown
  kinds, deep nesting) are skipped and counted, never executed and never break the summary;
* every text shown in HTML is escaped.

The participant's side (folder, id, schema, share, withdraw) is here; the trainer's side (the
summary, payloads from the apps' state, the demo class, ``course class summary``) is in
:mod:`course_lib.classroom_summary`, and every one of its names is importable from this module too.

Example:
    >>> import tempfile
    >>> from course_lib.classroom import summarise
    >>> folder = tempfile.mkdtemp()
    >>> for i in range(3):
    ...     _ = write_submission(folder, f"p-{i:016x}", "quiz", {"start.position": i > 0})
    >>> s = summarise(folder)
    >>> s.quiz["start.position"]["share"]
    0.6666666666666666
"""
from __future__ import annotations

import json
import os
import secrets
import tempfile
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from .i18n import invalid, t

ENV_VAR = "COURSE_CLASS_DIR"
#: Groups with fewer answers than this are never shown.
MIN_GROUP = 3
#: A class file larger than this (bytes) is skipped unread.
MAX_BYTES = 64 * 1024
#: The most files the summary reads (a flooded folder cannot stall the trainer's laptop).
MAX_FILES = 5000
KINDS = ("profile", "plan", "delegation", "quiz", "maturity")
#: Which module each kind of answer comes from.
KIND_MODULE = {"profile": "01", "plan": "03", "delegation": "04", "quiz": "00-06", "maturity": "05"}
#: Plan parameters a participant may share (numbers only, never the plan's name).
PLAN_PARAMETERS = ("target_incentive", "quota", "threshold", "cap", "team_share", "weight_new_sales",
                   "weight_renewals", "weight_satisfaction", "satisfaction_target", "gate_satisfaction")
SECTION = "classroom"
_PARTICIPANT_PATTERN = "^p-[0-9a-f]{16}$"
_ID_PATTERN = "^[a-z0-9][a-z0-9_.-]{0,79}$"


def _factors() -> list[str]:
    from .motivation import FACTORS

    return list(FACTORS)


def _decisions() -> list[str]:
    from .delegation import DECISIONS

    return list(DECISIONS)


def _data_schema(kind: str) -> dict:
    if kind == "profile":
        return {"type": "object", "minProperties": 1, "additionalProperties": False,
                "properties": {f: {"type": "number", "minimum": 1, "maximum": 7} for f in _factors()}}
    if kind == "delegation":
        return {"type": "object", "minProperties": 1, "additionalProperties": False,
                "properties": {d: {"type": "integer", "minimum": 1, "maximum": 7} for d in _decisions()}}
    if kind == "plan":
        return {"type": "object", "minProperties": 1, "additionalProperties": False,
                "properties": {p: {"type": "number", "minimum": 0, "maximum": 1e9} for p in PLAN_PARAMETERS}}
    if kind == "quiz":
        return {"type": "object", "minProperties": 1, "maxProperties": 300,
                "propertyNames": {"pattern": _ID_PATTERN}, "additionalProperties": {"type": "boolean"}}
    if kind == "maturity":
        return {"type": "object", "minProperties": 1, "maxProperties": 20,
                "propertyNames": {"pattern": _ID_PATTERN},
                "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 5}}
    raise invalid("classroom.kind_unknown", value=kind, allowed=", ".join(KINDS))


@lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema every class file must satisfy (one branch per kind)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["version", "participant", "kind", "data"],
        "additionalProperties": False,
        "properties": {
            "version": {"const": 1},
            "participant": {"type": "string", "pattern": _PARTICIPANT_PATTERN},
            "kind": {"enum": list(KINDS)},
            "time": {"type": "string", "maxLength": 40, "pattern": "^[0-9T:+.Z-]+$"},
            "data": {"type": "object"},
        },
        "allOf": [{"if": {"properties": {"kind": {"const": k}}},
                   "then": {"properties": {"data": _data_schema(k)}}} for k in KINDS],
    }


@lru_cache(maxsize=1)
def _validator():
    from .schemas import validator_class

    Draft202012Validator = validator_class()

    return Draft202012Validator(schema())


@lru_cache(maxsize=None)
def _part_validator(kind: str | None):
    """The envelope (``None``) or one kind's data schema: the summary checks both, which is faster
    than the combined :func:`schema` and accepts exactly the same files."""
    from .schemas import validator_class

    Draft202012Validator = validator_class()

    if kind is None:
        envelope = {k: v for k, v in schema().items() if k != "allOf"}
        return Draft202012Validator(envelope)
    return Draft202012Validator(_data_schema(kind))


# ---------------------------------------------------------------------- the participant's side
def class_dir(folder: str | os.PathLike | None = None, write: bool = False) -> Path:
    """The class folder (``COURSE_CLASS_DIR`` unless given); a clear translated error when unusable."""
    value = str(folder) if folder is not None else os.environ.get(ENV_VAR, "").strip()
    if not value:
        raise ValueError(t("classroom.no_dir", env=ENV_VAR))
    path = Path(value).expanduser()
    if not path.is_dir():
        raise ValueError(t("classroom.not_folder", folder=str(path), env=ENV_VAR))
    if write and not os.access(path, os.W_OK | os.X_OK):
        raise ValueError(t("classroom.not_writable", folder=str(path), env=ENV_VAR))
    return path


def participant_id(store=None) -> str:
    """This learner's random class id (made once, kept in the progress store; never a name)."""
    from .progress import get_store

    store = store or get_store()
    pid = store.get(SECTION, "participant")
    if not isinstance(pid, str) or not _is_participant(pid):
        pid = "p-" + secrets.token_hex(8)
        store.put(SECTION, "participant", pid)
    return pid


def _is_participant(text: str) -> bool:
    import re

    return re.fullmatch(_PARTICIPANT_PATTERN[1:-1], text) is not None


def _file_name(pid: str, kind: str) -> str:
    return f"{pid}-{kind}.json"


def check_submission(record: Any) -> None:
    """Raise ``ValueError`` (translated) when ``record`` is not a valid class file."""
    error = next(iter(_validator().iter_errors(record)), None) if isinstance(record, dict) else True
    if error is not None:
        where = "/".join(str(p) for p in getattr(error, "absolute_path", [])) or "-"
        raise invalid("classroom.bad_payload", where=where)


def write_submission(folder: str | os.PathLike, pid: str, kind: str, payload: Mapping) -> Path:
    """Write one class file atomically (temporary file + ``os.replace``); returns its path."""
    if kind not in KINDS:
        raise invalid("classroom.kind_unknown", value=kind, allowed=", ".join(KINDS))
    record = {"version": 1, "participant": pid, "kind": kind,
              "time": datetime.now(timezone.utc).isoformat(timespec="seconds"), "data": dict(payload)}
    check_submission(record)
    target = Path(folder) / _file_name(pid, kind)
    fd, tmp = tempfile.mkstemp(prefix=".share-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh, ensure_ascii=True, sort_keys=True)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target


def _own(path: Path, pid: str, kind: str) -> dict:
    """This learner's current shared data of ``kind`` (empty when none or unreadable)."""
    from .classroom_summary import _read  # the summary's safe reader (size, links, schema)

    record, _ = _read(path / _file_name(pid, kind))
    return dict(record["data"]) if record else {}


def share(kind: str, payload: Mapping, folder=None, store=None, merge: bool = False) -> Path:
    """Share ``payload`` (one kind of answer) with the class under this learner's random id.

    With ``merge`` the payload is added to what this learner already shared of that kind (quiz
    answers are shared one question at a time).

    Raises:
        ValueError: no class folder set, a folder that cannot be written, an unknown kind or a
            payload that does not fit the kind (message in the learner's language).
    """
    if kind not in KINDS:
        raise invalid("classroom.kind_unknown", value=kind, allowed=", ".join(KINDS))
    path = class_dir(folder, write=True)
    pid = participant_id(store)
    data = {**_own(path, pid, kind), **dict(payload)} if merge else dict(payload)
    try:
        return write_submission(path, pid, kind, data)
    except OSError:
        raise ValueError(t("classroom.not_writable", folder=str(path), env=ENV_VAR)) from None


def withdraw(kind: str, folder=None, store=None, keys=None) -> bool:
    """Remove this learner's shared answer of ``kind`` (only ``keys`` of it when given); True when there was one."""
    if kind not in KINDS:
        raise invalid("classroom.kind_unknown", value=kind, allowed=", ".join(KINDS))
    path = class_dir(folder, write=True)
    pid = participant_id(store)
    try:
        if keys is not None:
            data = _own(path, pid, kind)
            rest = {k: v for k, v in data.items() if k not in set(keys)}
            if rest:
                write_submission(path, pid, kind, rest)
                return len(rest) < len(data)
        (path / _file_name(pid, kind)).unlink()
        return True
    except FileNotFoundError:
        return False
    except OSError:
        raise ValueError(t("classroom.not_writable", folder=str(path), env=ENV_VAR)) from None


def is_shared(kind: str, folder=None, store=None, keys=None) -> bool:
    """Whether this learner has shared ``kind`` (all of ``keys`` when given)."""
    try:
        path = class_dir(folder)
    except ValueError:
        return False
    pid = participant_id(store)
    if keys is not None:
        data = _own(path, pid, kind)
        return bool(data) and all(k in data for k in keys)
    return (path / _file_name(pid, kind)).is_file()


def label(kind: str, key: str) -> str:
    """A readable name of a factor, decision, plan parameter, question or step in the current language."""
    try:
        if kind == "profile":
            from .motivation import INNER_QUESTIONS
            from .i18n import pick

            return str(pick(INNER_QUESTIONS[key].name))
        if kind == "delegation":
            from .delegation import decision_label

            return decision_label(key)
        if kind == "maturity":
            from .strategy import step_title

            return str(step_title(key))
    except Exception:  # noqa: BLE001 - a label is never worth breaking the summary
        pass
    if kind == "plan":
        from .i18n import catalogue

        if f"classroom.param.{key}" in catalogue():
            return t(f"classroom.param.{key}")
    return key


#: The trainer's side, in course_lib.classroom_summary, importable from here as before.
_SUMMARY_NAMES = ("Summary", "summarise", "profile_payload", "plan_payload", "maturity_payload", "demo_class",
                  "register", "_rows", "_read", "_median", "_order", "_aggregate", "_reject_constant", "_STEPS",
                  "_cmd_summary")


def __getattr__(name: str):
    """``summarise``, ``Summary``, the payloads, ``demo_class`` and ``register`` from :mod:`classroom_summary`
    (loaded on first use, so neither module imports the other while it is being loaded)."""
    if name in _SUMMARY_NAMES:
        from . import classroom_summary

        return getattr(classroom_summary, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
