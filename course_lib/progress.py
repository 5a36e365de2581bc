"""The learner's saved work: quiz attempts, reflections, profiles and plans.

One JSON file per learner, ``progress.json`` in ``COURSE_PROGRESS_DIR`` or else
the user data directory (``platformdirs``). Every change is a locked
read-modify-write (``filelock``), so two kernels can save at once, and each
write goes to a temporary file (fsynced) that replaces the old one only when
complete, so a crash mid-write leaves the previous file intact. Reading needs
no lock: a reader sees either the old or the new file, never half of one.

What happens when the file or its folder is damaged (every message is in the
learner's language, and nothing is ever deleted):

* **UTF-8 with a byte-order mark** (as some editors save JSON) is read normally.
* **Not UTF-8, not JSON, or not a JSON object** (also JSON nested thousands of levels deep, and
  the non-JSON constants ``NaN`` and ``Infinity``): the file is moved aside
  (``progress.json.corrupt-<time>``) with a warning and a fresh store begins.
* **Not a regular file** (a FIFO, a device): never read (it is opened non-blocking and checked),
  never moved or replaced; quizzes keep working and saving says why it cannot.
* **A link that is dangling or loops**: the warning and the save error give the reason in the
  learner's language (the operating system's own text only in brackets).
* **Valid JSON with parts of the wrong shape** (``"answers": []``, a reflection
  that is ``null`` ...): the structure is checked against :data:`SCHEMA`; a copy
  of the whole file is moved aside, the parts that cannot be used are left out
  (the warning names them) and every sound part is kept.
* **A folder the course cannot write** (read-only, or ``COURSE_PROGRESS_DIR``
  pointing at a file): reading gives what can be read, quizzes keep working,
  and saving raises :class:`ProgressError` (a ``ValueError``, so every widget
  shows its text) naming the folder and how to choose another one.
* **A lock held by a hung kernel**: reading is not blocked; saving waits at most
  :data:`LOCK_TIMEOUT` seconds and then raises :class:`ProgressError` saying
  which lock is held and what to do.
* **Temporary files of killed writes** (``.progress-*.tmp``) are removed by the
  next save, under the lock (so no live writer can own them) and only when older
  than :data:`STALE_SECONDS`.
* **progress.json is a symbolic link**: the course writes *through* it. The
  temporary file is made beside the link's target and replaces the target, so
  the link stays a link (a learner may keep the file in a synced folder). The
  lock file stays beside the link; use one link per target.

Example:
    >>> store = ProgressStore(tmp_dir)                   # doctest: +SKIP
    >>> store.record_attempt("start.position", "b", True)  # doctest: +SKIP
    >>> store.answers()["start.position"]["correct"]      # doctest: +SKIP
    True
"""
from __future__ import annotations

import copy
import json
import os
import stat
import tempfile
import time
import warnings
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from filelock import FileLock, Timeout

from .i18n import invalid, os_reason, t

APP_NAME = "motiver-salgssjefen"
FILE_NAME = "progress.json"
SCHEMA_VERSION = 1
ENV_VAR = "COURSE_PROGRESS_DIR"
#: Seconds a save waits for another kernel's lock before it tells the learner.
LOCK_TIMEOUT = 10.0
#: A ``.progress-*.tmp`` file older than this (seconds) found under the lock is left over from a killed write.
STALE_SECONDS = 60.0
PARTS = ("answers", "reflections", "sections")

#: The structure of ``progress.json`` (JSON Schema); parts that do not fit are set aside on read.
_ANSWER = {
    "type": "object",
    "required": ["attempts"],
    "properties": {
        "attempts": {"type": "array", "items": {"type": "object"}},
        "correct": {"type": ["boolean", "null"]},
        "done": {"type": "boolean"},
    },
}
_REFLECTION = {
    "type": "object",
    "required": ["text"],
    "properties": {"text": {"type": "string"}, "time": {"type": "string"}},
}
SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "version": {"type": "integer"},
        "answers": {"type": "object", "additionalProperties": _ANSWER},
        "reflections": {"type": "object", "additionalProperties": _REFLECTION},
        "sections": {"type": "object", "additionalProperties": {"type": "object"}},
    },
}


class ProgressError(ValueError):
    """Saving is not possible right now; the message (in the learner's language) says why and what to do.

    A ``ValueError`` so that every widget's error line shows the text as it is.
    """


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


@lru_cache(maxsize=1)
def _validator():
    from .schemas import validator_class

    Draft202012Validator = validator_class()

    return Draft202012Validator(SCHEMA)


def repair(data: Any) -> tuple[dict | None, list[str]]:
    """Keep the sound parts of parsed progress data.

    Returns ``(data, dropped)``: ``data`` is ``None`` when nothing can be used (not an object),
    ``dropped`` names the parts left out (``"answers"``, ``"reflections/start.reflection"`` ...).

    Example:
        >>> data, dropped = repair({"answers": [], "reflections": {"a": {"text": "hei"}, "b": None}})
        >>> data["answers"], list(data["reflections"]), dropped
        ({}, ['a'], ['answers', 'reflections/b'])
    """
    if not isinstance(data, dict):
        return None, []
    if _looks_sound(data):  # the usual case, checked fast; the schema then finds what is wrong
        return {**_empty(), **data}, []
    fixed = copy.copy(data)
    dropped: set[str] = set()
    for error in _validator().iter_errors(data):
        path = list(error.absolute_path)
        if not path:
            continue
        part = str(path[0])
        if part == "version":
            fixed["version"] = SCHEMA_VERSION
        elif len(path) == 1:
            fixed[part] = {}
            dropped.add(part)
        elif part not in dropped:
            entry = path[1]
            fixed[part] = {k: v for k, v in fixed[part].items() if k != entry}
            dropped.add(f"{part}/{entry}")
    for key, value in _empty().items():
        fixed.setdefault(key, value)
    return fixed, sorted(dropped)


def _looks_sound(data: dict) -> bool:
    """A fast check of :data:`SCHEMA` for the usual, sound file (False sends it to the full schema check)."""
    if "version" in data and (not isinstance(data["version"], int) or isinstance(data["version"], bool)):
        return False
    answers, reflections, sections = (data.get(part, {}) for part in PARTS)
    if not (isinstance(answers, dict) and isinstance(reflections, dict) and isinstance(sections, dict)):
        return False
    for record in answers.values():
        if not (isinstance(record, dict) and isinstance(record.get("attempts"), list)
                and all(isinstance(a, dict) for a in record["attempts"])
                and record.get("correct", None) in (True, False, None)
                and isinstance(record.get("done", False), bool)):
            return False
    for entry in reflections.values():
        if not (isinstance(entry, dict) and isinstance(entry.get("text"), str)
                and isinstance(entry.get("time", ""), str)):
            return False
    return all(isinstance(items, dict) for items in sections.values())


class ProgressStore:
    """A JSON progress file that is safe against crashes, concurrent kernels and damaged files."""

    def __init__(self, directory: str | os.PathLike | None = None, timeout: float = LOCK_TIMEOUT):
        self.directory = Path(directory) if directory is not None else default_directory()
        self.path = self.directory / FILE_NAME
        self.timeout = timeout
        self._lock = FileLock(str(self.path) + ".lock", timeout=timeout)
        self._warned: set[str] = set()

    # ------------------------------------------------------------------ reading
    def load(self) -> dict:
        """The whole store as a dict (a fresh one when there is no file yet).

        Never raises for a damaged file or an unusable folder: it warns and gives what can be used.
        """
        data, problem = self._parse()
        if problem is None:
            return data
        try:  # set the damaged file aside under the lock, so no writer races the move
            with self._lock:
                return self._read()
        except (Timeout, OSError):
            self._warn_once("unrepaired", t("progress.cannot_set_aside", path=str(self._real_path())))
            return data

    def _real_path(self) -> Path:
        """The file the course reads and writes: the link's target when ``progress.json`` is a symlink."""
        if self.path.is_symlink():
            return Path(os.path.realpath(self.path))
        return self.path

    def _parse(self) -> tuple[dict, tuple[str, Any] | None]:
        """Read without the lock: ``(data, problem)``; ``problem`` is None for a sound (or absent) file."""
        try:
            raw = _read_regular(self._real_path())
        except FileNotFoundError:
            if self.path.is_symlink() and not self._real_path().parent.is_dir():  # a link into a missing folder
                self._warn_once("location", self._cannot_save_text(FileNotFoundError(2, os.strerror(2))))
            return _empty(), None
        except _NotRegular:  # a FIFO, a device or a socket: never read (it could block forever) nor moved
            self._warn_once("location", self._cannot_save_text(_NotRegular()))
            return _empty(), None
        except OSError as exc:  # a folder that is a file, a file that is a folder, no permission, a link loop
            self._warn_once("location", self._cannot_save_text(exc))
            return _empty(), None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return _empty(), ("unreadable", t("progress.reason_encoding", position=exc.start))
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except _Constant as exc:
            return _empty(), ("unreadable", t("progress.reason_constant", constant=exc.args[0]))
        except RecursionError:  # "[[[[..." nested beyond Python's limit
            return _empty(), ("unreadable", t("progress.reason_too_deep"))
        except ValueError as exc:
            return _empty(), ("unreadable", t("progress.reason_json", line=getattr(exc, "lineno", 1),
                                              column=getattr(exc, "colno", 1)))
        fixed, dropped = repair(data)
        if fixed is None:
            return _empty(), ("unreadable", t("progress.reason_not_object"))
        if dropped:
            return fixed, ("partial", dropped)
        return fixed, None

    def _read(self) -> dict:
        """Read under the lock, setting aside whatever cannot be used (with a warning)."""
        data, problem = self._parse()
        if problem is None:
            return data
        kind, detail = problem
        target = self._set_aside()
        if kind == "unreadable":
            warnings.warn(t("progress.corrupt_moved", path=str(target), reason=detail), stacklevel=3)
        else:
            self._write(data)  # the sound parts, so the next read is clean
            warnings.warn(t("progress.parts_set_aside", path=str(target), parts=", ".join(detail)), stacklevel=3)
        return data

    def _set_aside(self) -> Path:
        real = self._real_path()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = real.with_name(f"{FILE_NAME}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = real.with_name(f"{FILE_NAME}.corrupt-{stamp}-{n}")
            n += 1
        os.replace(real, target)
        return target

    def _warn_once(self, kind: str, message: str) -> None:
        if kind not in self._warned:
            self._warned.add(kind)
            warnings.warn(message, stacklevel=4)

    def _cannot_save_text(self, exc: BaseException) -> str:
        if isinstance(exc, _NotRegular):
            reason = t("progress.reason_not_regular", name=FILE_NAME)
        elif isinstance(exc, PermissionError):
            reason = t("progress.reason_permission")
        elif isinstance(exc, (FileExistsError, NotADirectoryError)):
            reason = t("progress.reason_not_folder")
        elif isinstance(exc, IsADirectoryError):
            reason = t("progress.reason_file_is_folder", name=FILE_NAME)
        elif isinstance(exc, OSError):  # a dangling link, a link loop, a full disk ...: translated, OS text in brackets
            reason = os_reason(exc)
        else:
            reason = type(exc).__name__
        return t("progress.cannot_save", folder=str(self.directory), reason=reason, env=ENV_VAR)

    # ------------------------------------------------------------------ writing
    def update(self, change: Callable[[dict], Any]) -> Any:
        """Apply ``change(data)`` under the lock and save atomically; returns what ``change`` returns.

        Raises:
            ProgressError: the folder cannot be written, or another kernel holds the lock longer
                than :data:`LOCK_TIMEOUT` seconds (message in the learner's language).
        """
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with self._lock:
                self._clean_stale()
                data = self._read()
                result = change(data)
                self._write(data)
                return result
        except Timeout:
            raise ProgressError(t("progress.lock_timeout", lock=str(self._lock.lock_file),
                                  seconds=self.timeout)) from None
        except (OSError, _NotRegular) as exc:
            raise ProgressError(self._cannot_save_text(exc)) from None

    def _write(self, data: dict) -> None:
        real = self._real_path()
        try:
            if not stat.S_ISREG(os.stat(real).st_mode):  # never replace a FIFO or a device with a file
                raise _NotRegular()
        except FileNotFoundError:
            pass
        fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=real.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, real)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise

    def _clean_stale(self) -> list[Path]:
        """Remove temporaries of killed writes (call only while holding the lock)."""
        removed = []
        now = time.time()
        for folder in {self.directory, self._real_path().parent}:
            for tmp in folder.glob(".progress-*.tmp"):
                try:
                    if now - tmp.stat().st_mtime > STALE_SECONDS and tmp.is_file() and not tmp.is_symlink():
                        tmp.unlink()
                        removed.append(tmp)
                except OSError:
                    continue
        return removed

    # ------------------------------------------------------------------ the course's records
    def record_attempt(self, question_id: str, answer: Any, correct: bool | None) -> dict:
        """Save one attempt at a question; returns the question's record.

        Raises:
            ValueError: an id that is not a short text, an answer that cannot be saved as JSON
                (NaN, infinity, objects), or ``correct`` that is not True, False or None.
        """
        _check_name("question_id", question_id)
        _check_json("answer", answer)
        if correct not in (True, False, None) or not isinstance(correct, (bool, type(None))):
            raise invalid("progress.bad_value", field="correct", value=repr(correct)[:60],
                          allowed="True, False, None")

        def change(data):
            record = data["answers"].setdefault(question_id, {"attempts": []})
            record["attempts"].append({"answer": answer, "correct": correct, "time": _now()})
            record["last"] = answer
            record["correct"] = correct
            record["done"] = bool(record.get("done")) or correct is not False
            return record

        return self.update(change)

    def save_reflection(self, reflection_id: str, text: str) -> None:
        """Save (replace) the learner's text for a reflection (``ValueError`` for an id or text that is not text)."""
        _check_name("reflection_id", reflection_id)
        if not isinstance(text, str):
            raise invalid("progress.bad_value", field="text", value=repr(text)[:60], allowed="text (str)")

        def change(data):
            data["reflections"][reflection_id] = {"text": text, "time": _now()}

        self.update(change)

    def put(self, section: str, key: str, value: Any) -> None:
        """Save any JSON-able value (a profile, a plan, a board) under ``section``/``key``.

        Raises:
            ValueError: names that are not short texts, or a value JSON cannot hold (NaN, objects).
        """
        _check_name("section", section)
        _check_name("key", key)
        _check_json("value", value)

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


MAX_NAME = 200


class _NotRegular(Exception):
    """progress.json is a FIFO, a device or a socket (not a regular file)."""


class _Constant(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity`` in the file: not JSON, and not a value the course saves."""


def _refuse_constant(name: str):
    raise _Constant(name)


def _read_regular(path: Path) -> bytes:
    """The bytes of ``path`` when it is a regular file (following links, as writing does).

    Opened non-blocking and checked on the open descriptor, so a FIFO is refused at once instead
    of waiting forever for a writer (and a file swapped in between cannot slip past the check).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, os.strerror(21))
        if not stat.S_ISREG(mode):
            raise _NotRegular()
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            return fh.read()
    finally:
        if fd >= 0:
            os.close(fd)


def _check_name(field: str, value: Any) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_NAME:
        raise invalid("progress.bad_value", field=field, value=repr(value)[:60],
                      allowed=t("progress.allowed_name", limit=MAX_NAME))


def _check_json(field: str, value: Any) -> None:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        raise invalid("progress.bad_value", field=field, value=repr(value)[:60],
                      allowed=t("progress.allowed_json")) from None


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
