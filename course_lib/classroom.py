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

Example:
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> for i in range(3):
    ...     _ = write_submission(folder, f"p-{i:016x}", "quiz", {"start.position": i > 0})
    >>> s = summarise(folder)
    >>> s.quiz["start.position"]["share"]
    0.6666666666666666
"""
from __future__ import annotations

import html
import json
import os
import secrets
import stat
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from .i18n import format_number, format_percent, invalid, t

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


# ---------------------------------------------------------------------- the trainer's side
@dataclass
class Summary:
    """The room's shared answers, aggregated; groups under :data:`MIN_GROUP` are left out."""

    folder: str
    participants: int = 0
    files: dict[str, int] = field(default_factory=dict)          # kind -> valid files
    skipped: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    suppressed: dict[str, int] = field(default_factory=dict)     # kind -> groups not shown
    profile: dict[str, dict] = field(default_factory=dict)       # factor -> {n, mean, low, middle, high}
    plan: dict[str, dict] = field(default_factory=dict)          # parameter -> {n, median, low, high}
    delegation: dict[str, dict] = field(default_factory=dict)    # decision -> {n, votes{level:count}, median}
    quiz: dict[str, dict] = field(default_factory=dict)          # question -> {n, right, share}
    maturity: dict[str, dict] = field(default_factory=dict)      # step -> {n, votes{level:count}, median}

    def lines(self) -> list[str]:
        """The summary as translated lines (for the command line)."""
        out = [t("classroom.summary.head", participants=self.participants, folder=self.folder)]
        if self.skipped:
            out.append(t("classroom.summary.skipped", count=self.skipped))
        for kind in KINDS:
            out.append("")
            out.append(t(f"classroom.kind.{kind}") + " " + t("classroom.summary.files", count=self.files.get(kind, 0)))
            for label, value in _rows(self, kind):
                out.append(f"  {label}: {value}")
            if self.suppressed.get(kind):
                out.append("  " + t("classroom.summary.suppressed", count=self.suppressed[kind], min=MIN_GROUP))
        return out

    def to_html(self) -> str:
        """The summary as an HTML fragment; every text is escaped."""
        e = html.escape
        parts = [f"<div class='course-class-summary'><p><b>{e(t('classroom.summary.head', participants=self.participants, folder=self.folder))}</b></p>"]
        if self.skipped:
            parts.append(f"<p>{e(t('classroom.summary.skipped', count=self.skipped))}</p>")
        for kind in KINDS:
            parts.append(f"<h3>{e(t(f'classroom.kind.{kind}'))} {e(t('classroom.summary.files', count=self.files.get(kind, 0)))}</h3>")
            rows = _rows(self, kind)
            if rows:
                parts.append("<table>" + "".join(f"<tr><td>{e(a)}</td><td>{e(b)}</td></tr>" for a, b in rows) + "</table>")
            if self.suppressed.get(kind):
                parts.append(f"<p><i>{e(t('classroom.summary.suppressed', count=self.suppressed[kind], min=MIN_GROUP))}</i></p>")
        parts.append("</div>")
        return "".join(parts)

    def _repr_html_(self):
        return self.to_html()

    def __str__(self):
        return "\n".join(self.lines())


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


def _rows(summary: Summary, kind: str) -> list[tuple[str, str]]:
    rows = []
    groups = getattr(summary, kind)
    for key, g in groups.items():
        name = label(kind, key)
        if kind == "profile":
            value = t("classroom.summary.profile_row", n=g["n"], mean=format_number(g["mean"], 1),
                      low=g["low"], middle=g["middle"], high=g["high"])
        elif kind == "plan":
            value = t("classroom.summary.plan_row", n=g["n"], median=format_number(g["median"], 2),
                      low=format_number(g["low"], 2), high=format_number(g["high"], 2))
        elif kind == "quiz":
            value = t("classroom.summary.quiz_row", n=g["n"], share=format_percent(g["share"], 0))
        else:
            votes = ", ".join(f"{level}: {count}" for level, count in sorted(g["votes"].items()))
            value = t("classroom.summary.votes_row", n=g["n"], median=format_number(g["median"], 1), votes=votes)
        rows.append((name, value))
    return rows


def _read(path: Path) -> tuple[dict | None, str | None]:
    """``(record, None)`` for a sound class file, ``(None, reason)`` otherwise. Never follows links."""
    try:
        info = os.lstat(path)
    except OSError:
        return None, "unreadable"
    if stat.S_ISLNK(info.st_mode):
        return None, "symlink"
    if not stat.S_ISREG(info.st_mode):
        return None, "not_file"
    if info.st_size > MAX_BYTES:
        return None, "too_large"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError:
        return None, "unreadable"
    if len(raw) > MAX_BYTES:
        return None, "too_large"
    try:
        record = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return None, "bad_json"
    if not isinstance(record, dict):
        return None, "wrong_shape"
    try:
        sound = _part_validator(None).is_valid(record) and _part_validator(record["kind"]).is_valid(record["data"])
    except RecursionError:
        return None, "wrong_shape"
    if not sound:
        return None, "wrong_shape"
    if path.name != _file_name(record["participant"], record["kind"]):
        return None, "wrong_name"
    return record, None


def _reject_constant(name):
    raise ValueError(name)


def _median(values: list[float]) -> float:
    import statistics

    return float(statistics.median(values))


def summarise(folder: str | os.PathLike | None = None, min_group: int = MIN_GROUP) -> Summary:
    """Aggregate every valid class file in ``folder`` (default ``COURSE_CLASS_DIR``).

    Files that are not sound are skipped and counted (``Summary.skipped``); groups with fewer
    than ``min_group`` answers are counted in ``Summary.suppressed`` and not shown.
    """
    path = class_dir(folder)
    summary = Summary(folder=str(path))
    collected: dict[str, list[dict]] = {k: [] for k in KINDS}
    people: set[str] = set()

    def skip(reason: str) -> None:
        summary.skipped += 1
        summary.skipped_reasons[reason] = summary.skipped_reasons.get(reason, 0) + 1

    with os.scandir(path) as entries:
        names = sorted(entry.name for entry in entries if not entry.name.startswith("."))
    for count, name in enumerate(names):
        if count >= MAX_FILES:
            skip("too_many")
            continue
        record, reason = _read(path / name)
        if record is None:
            skip(reason)
            continue
        collected[record["kind"]].append(record["data"])
        people.add(record["participant"])
    summary.participants = len(people)
    for kind in KINDS:
        summary.files[kind] = len(collected[kind])
        values: dict[str, list] = {}
        for data in collected[kind]:
            for key, value in data.items():
                values.setdefault(key, []).append(value)
        shown, hidden = {}, 0
        for key in sorted(values, key=lambda k: _order(kind, k)):
            vs = values[key]
            if len(vs) < min_group:
                hidden += 1
                continue
            shown[key] = _aggregate(kind, vs)
        setattr(summary, kind, shown)
        summary.suppressed[kind] = hidden
    return summary


def _order(kind: str, key: str):
    known = {"profile": _factors, "delegation": _decisions, "plan": lambda: list(PLAN_PARAMETERS)}.get(kind)
    order = known() if known else []
    return (order.index(key) if key in order else len(order), key)


def _aggregate(kind: str, vs: list) -> dict:
    n = len(vs)
    if kind == "profile":
        from .motivation import level

        levels = [level(v) for v in vs]
        return {"n": n, "mean": sum(vs) / n, "low": levels.count("low"), "middle": levels.count("middle"),
                "high": levels.count("high")}
    if kind == "plan":
        return {"n": n, "median": _median(vs), "low": float(min(vs)), "high": float(max(vs))}
    if kind == "quiz":
        right = sum(1 for v in vs if v is True)
        return {"n": n, "right": right, "share": right / n}
    votes: dict[int, int] = {}
    for v in vs:
        votes[int(v)] = votes.get(int(v), 0) + 1
    return {"n": n, "votes": votes, "median": _median(vs)}


# ---------------------------------------------------------------------- payloads from the apps' state
def profile_payload(scores: Mapping[str, float]) -> dict:
    return {k: round(float(v), 2) for k, v in scores.items() if k in _factors()}


def plan_payload(plan) -> dict:
    """The numbers of a bonus plan (never its name)."""
    d = plan.to_dict() if hasattr(plan, "to_dict") else dict(plan)
    out = {}
    for key in ("target_incentive", "quota", "threshold", "cap", "team_share", "satisfaction_target",
                "gate_satisfaction"):
        value = d.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[key] = float(value)
    weights = d.get("weights")
    if isinstance(weights, Mapping):
        for src, dst in (("new_sales", "weight_new_sales"), ("renewals", "weight_renewals"),
                         ("customer_satisfaction", "weight_satisfaction")):
            if isinstance(weights.get(src), (int, float)):
                out[dst] = float(weights[src])
    return out


_STEPS = ("buying_process", "help_customers", "own_channel", "conversion", "real_time_data",
          "integrated_system", "adapt_processes")


def demo_class(folder: str | os.PathLike, participants: int = 30, seed: int = 0) -> list[Path]:
    """Fill ``folder`` with a made-up class (for the trainer's rehearsal, tests and benchmarks).

    Example:
        >>> import tempfile
        >>> len(demo_class(tempfile.mkdtemp(), participants=4))
        20
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    written = []
    questions = ["start.position", "motivation.expectancy", "incentives.threshold", "delegation.parity"]
    for i in range(participants):
        pid = "p-" + format(int(rng.integers(0, 2**63)) ^ i, "016x")[-16:]
        scores = {f: float(np.clip(round(rng.normal(4.5, 1.2), 1), 1, 7)) for f in _factors()}
        written.append(write_submission(folder, pid, "profile", scores))
        written.append(write_submission(folder, pid, "delegation", {
            d: int(np.clip(round(rng.normal(4, 1.5)), 1, 7)) for d in _decisions()[:6]}))
        written.append(write_submission(folder, pid, "plan", {
            "target_incentive": float(rng.choice([60_000, 80_000, 100_000, 120_000])),
            "threshold": float(rng.choice([0.5, 0.6, 0.7, 0.8])), "cap": float(rng.choice([1.5, 2.0])),
            "weight_new_sales": float(rng.choice([0.4, 0.5, 0.6, 0.7]))}))
        written.append(write_submission(folder, pid, "quiz", {q: bool(rng.random() < 0.3 + 0.15 * k)
                                                               for k, q in enumerate(questions)}))
        written.append(write_submission(folder, pid, "maturity", {
            step: int(rng.integers(1, 6)) for step in _STEPS}))
    return written


def maturity_payload(scores) -> dict:
    """Seven-steps maturity per step (rounded to a whole level 1-5) from ``strategy.score`` output."""
    out = {}
    for row in scores.itertuples():
        value = getattr(row, "maturity", None)
        if value is not None and value == value:  # not NaN
            out[str(row.step)] = int(min(5, max(1, round(float(value)))))
    return out


# ---------------------------------------------------------------------- command line
def _cmd_summary(args) -> int:
    summary = summarise(args.folder, min_group=MIN_GROUP)
    if args.format == "html":
        text = summary.to_html()
    else:
        text = "\n".join(summary.lines())
    if args.out:
        try:
            Path(args.out).expanduser().write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ValueError(t("cli.cannot_write", path=args.out, reason=exc.strerror or type(exc).__name__)) from None
        print(t("cli.wrote", path=args.out))
    else:
        print(text)
    return 0


def register(subparsers) -> None:
    """Add ``course class summary [--folder F] [--format text|html] [--out FILE]``."""
    p = subparsers.add_parser("class", help="anonymous class summaries for the trainer")
    sub = p.add_subparsers(dest="class_action", required=True)
    s = sub.add_parser("summary", help="aggregate the answers shared in the class folder")
    s.add_argument("--folder", help=f"the class folder (default: ${ENV_VAR})")
    s.add_argument("--format", choices=["text", "html"], default="text")
    s.add_argument("--out")
    s.set_defaults(func=_cmd_summary)
