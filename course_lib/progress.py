"""The learner's saved work: quiz attempts, reflections, profiles and plans.

One JSON file per learner, ``progress.json`` in ``COURSE_PROGRESS_DIR`` or else
the user data directory (``platformdirs``). Every change is a locked
read-modify-write (``filelock``), so two kernels can save at once, and each
write goes to a temporary file that replaces the old one only when complete,
so a crash mid-write leaves the previous file intact. A file that cannot be
read is moved aside (``progress.json.corrupt-<time>``) with a warning and a
fresh store begins; nothing is overwritten.

Example:
    >>> store = ProgressStore(tmp_dir)                   # doctest: +SKIP
    >>> store.record_attempt("start.position", "b", True)  # doctest: +SKIP
    >>> store.answers()["start.position"]["correct"]      # doctest: +SKIP
    True
"""
from __future__ import annotations

import json
import os
import tempfile
import time
import warnings
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from filelock import FileLock

from .i18n import t

APP_NAME = "motiver-salgssjefen"
FILE_NAME = "progress.json"
SCHEMA_VERSION = 1
ENV_VAR = "COURSE_PROGRESS_DIR"


def default_directory() -> Path:
    """``COURSE_PROGRESS_DIR`` if set, else the platform's user data directory for the course."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _empty() -> dict:
    return {"version": SCHEMA_VERSION, "answers": {}, "reflections": {}, "sections": {}}


class ProgressStore:
    """A JSON progress file that is safe against crashes and concurrent kernels."""

    def __init__(self, directory: str | os.PathLike | None = None):
        self.directory = Path(directory) if directory is not None else default_directory()
        self.path = self.directory / FILE_NAME
        self._lock = FileLock(str(self.path) + ".lock", timeout=30)

    # ------------------------------------------------------------------ reading
    def load(self) -> dict:
        """The whole store as a dict (a fresh one when there is no file yet)."""
        with self._lock:
            return self._read()

    def _read(self) -> dict:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return _empty()
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("top level is not an object")
        except ValueError as exc:
            self._set_aside(str(exc))
            return _empty()
        for key, value in _empty().items():
            data.setdefault(key, value)
        return data

    def _set_aside(self, reason: str) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{FILE_NAME}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{FILE_NAME}.corrupt-{stamp}-{n}")
            n += 1
        os.replace(self.path, target)
        warnings.warn(t("progress.corrupt_moved", path=str(target), reason=reason), stacklevel=3)

    # ------------------------------------------------------------------ writing
    def update(self, change: Callable[[dict], Any]) -> Any:
        """Apply ``change(data)`` under the lock and save atomically; returns what ``change`` returns."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with self._lock:
            data = self._read()
            result = change(data)
            self._write(data)
            return result

    def _write(self, data: dict) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=self.directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise

    # ------------------------------------------------------------------ the course's records
    def record_attempt(self, question_id: str, answer: Any, correct: bool | None) -> dict:
        """Save one attempt at a question; returns the question's record."""

        def change(data):
            record = data["answers"].setdefault(question_id, {"attempts": []})
            record["attempts"].append({"answer": answer, "correct": correct, "time": _now()})
            record["last"] = answer
            record["correct"] = correct
            record["done"] = bool(record.get("done")) or correct is not False
            return record

        return self.update(change)

    def save_reflection(self, reflection_id: str, text: str) -> None:
        """Save (replace) the learner's text for a reflection."""

        def change(data):
            data["reflections"][reflection_id] = {"text": text, "time": _now()}

        self.update(change)

    def put(self, section: str, key: str, value: Any) -> None:
        """Save any JSON-able value (a profile, a plan, a board) under ``section``/``key``."""

        def change(data):
            data["sections"].setdefault(section, {})[key] = value

        self.update(change)

    def get(self, section: str, key: str, default: Any = None) -> Any:
        return self.load()["sections"].get(section, {}).get(key, default)

    def answers(self) -> dict:
        return self.load()["answers"]

    def reflections(self) -> dict:
        return self.load()["reflections"]

    def reflection(self, reflection_id: str) -> str:
        return self.reflections().get(reflection_id, {}).get("text", "")


_stores: dict[Path, ProgressStore] = {}


def get_store() -> ProgressStore:
    """The learner's store (one per directory, so ``COURSE_PROGRESS_DIR`` may change in tests)."""
    directory = default_directory()
    if directory not in _stores:
        _stores[directory] = ProgressStore(directory)
    return _stores[directory]


def wait_for_file(path: Path, timeout: float = 5.0) -> bool:
    """Poll until ``path`` exists (used by tests that watch a store from outside)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            return True
        time.sleep(0.05)
    return path.exists()
