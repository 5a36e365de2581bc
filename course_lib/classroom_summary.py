"""Anonymous class sharing, the trainer's side: the room's summary, payloads from the apps' state,
a generated demo class and ``course class summary``.

Split out of :mod:`course_lib.classroom` (the participant's side), which re-exports every name here.

Example:
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = demo_class(folder, participants=3)
    >>> summarise(folder).participants
    3
"""
from __future__ import annotations

import html
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from . import classroom as _base
from .classroom import (ENV_VAR, KINDS, MAX_BYTES, MAX_FILES, MIN_GROUP, PLAN_PARAMETERS, _decisions, _factors,
                        _file_name, _part_validator, class_dir, write_submission)
from .i18n import format_number, format_percent, t

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


def _rows(summary: Summary, kind: str) -> list[tuple[str, str]]:
    rows = []
    groups = getattr(summary, kind)
    for key, g in groups.items():
        name = _base.label(kind, key)  # looked up on classroom, where a test may replace it
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
    # A file is read and validated again only when it changed: the trainer's refresh re-reads the
    # whole class folder (150 files for 30 participants: 28 ms, most of it schema validation).
    identity = (str(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    known = _READ_CACHE.get(identity)
    if known is not None:
        return known
    result = _read_file(path)
    if len(_READ_CACHE) >= _READ_CACHE_SIZE:
        _READ_CACHE.clear()
    _READ_CACHE[identity] = result
    return result


_READ_CACHE: dict[tuple, tuple[dict | None, str | None]] = {}
_READ_CACHE_SIZE = 2 * MAX_FILES  # two full class folders


def _read_file(path: Path) -> tuple[dict | None, str | None]:
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
    than ``min_group`` answers are counted in ``Summary.suppressed`` and not shown. A file that has not
    changed since the last call (same size, modification time and inode) is not parsed again.
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
