"""Reset one module's saved answers without losing them, and bring them back.

``course progress reset 03`` moves everything the learner saved in module 03 (quiz answers,
reflections and saved plans whose ids belong to the module) into a timestamped backup file
beside the progress file, then removes it from the store; ``course progress restore`` brings the
newest backup (or ``--backup NAME``) back. Only the public API of :mod:`course_lib.progress` is used.

Example:
    >>> import tempfile
    >>> from course_lib.progress import ProgressStore
    >>> store = ProgressStore(tempfile.mkdtemp())
    >>> store.record_attempt("incentives.threshold", "b", True)["correct"]
    True
    >>> path, n = reset(store, "03")
    >>> n, "incentives.threshold" in store.answers()
    (1, False)
    >>> _ = restore(store, path)
    >>> store.answers()["incentives.threshold"]["correct"]
    True
"""
from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path

from .i18n import invalid, t

#: Module number -> the topics (id prefixes) whose saved answers belong to it.
MODULE_TOPICS: dict[str, tuple[str, ...]] = {
    "00": ("start",),
    "01": ("motivation",),
    "02": ("goals", "budget", "forecast"),
    "03": ("incentives", "agency"),
    "04": ("delegation",),
    "05": ("digital", "ict", "seven_steps"),
    "06": ("capstone", "package"),
}
#: Progress sections saved by the apps under a name that is not a topic prefix.
SECTION_MODULE = {"profiles": "01", "budgets": "02", "plans": "03", "decision_rights": "04", "delegation_levels": "04",
                  "digital_strategy": "05", "investment_case": "05"}
#: Sections never reset (the class id is not an answer).
KEEP_SECTIONS = ("classroom",)
BACKUP_FOLDER = "backups"


def module_id(value) -> str:
    """``"3"``, ``"03"`` or ``"module 03"`` -> ``"03"`` (``ValueError`` naming the allowed modules)."""
    text = str(value or "").strip().lower().removeprefix("module").strip()
    if text.isdigit() and f"{int(text):02d}" in MODULE_TOPICS:
        return f"{int(text):02d}"
    raise invalid("backup.module_unknown", value=str(value), allowed=", ".join(MODULE_TOPICS))


def _belongs(item_id: str, module: str) -> bool:
    topic = item_id.split(".", 1)[0].split("/", 1)[0]
    return topic in MODULE_TOPICS[module]


def _section_belongs(section: str, module: str) -> bool:
    if section in KEEP_SECTIONS:
        return False
    return SECTION_MODULE.get(section) == module or _belongs(section, module)


def extract(data: dict, module: str) -> dict:
    """The parts of loaded progress ``data`` that belong to ``module`` (a new dict)."""
    return {
        "answers": {k: v for k, v in data.get("answers", {}).items() if _belongs(k, module)},
        "reflections": {k: v for k, v in data.get("reflections", {}).items() if _belongs(k, module)},
        "sections": {k: v for k, v in data.get("sections", {}).items() if _section_belongs(k, module)},
    }


def _count(part: dict) -> int:
    return len(part["answers"]) + len(part["reflections"]) + sum(len(v) for v in part["sections"].values())


def backup_dir(store) -> Path:
    return Path(store.directory) / BACKUP_FOLDER


def reset(store, module) -> tuple[Path | None, int]:
    """Back up and remove ``module``'s saved answers; returns ``(backup path, items reset)``."""
    module = module_id(module)
    part = extract(store.load(), module)
    count = _count(part)
    if not count:
        return None, 0
    folder = backup_dir(store)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"progress-{module}-{stamp}.json"
    record = {"module": module, "time": datetime.now().isoformat(timespec="seconds"), **part}
    fd, tmp = tempfile.mkstemp(prefix=".backup-", suffix=".tmp", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(record, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)

    def change(data):  # remove only what the backup holds
        for name in ("answers", "reflections"):
            for key in part[name]:
                data[name].pop(key, None)
        for section, items in part["sections"].items():
            current = data["sections"].get(section, {})
            for key in items:
                current.pop(key, None)
            if not current:
                data["sections"].pop(section, None)

    store.update(change)
    return target, count


def backups(store) -> list[Path]:
    """The store's backups, oldest first."""
    folder = backup_dir(store)
    return sorted(folder.glob("progress-*.json")) if folder.is_dir() else []


def find_backup(store, name: str | None = None) -> Path:
    found = backups(store)
    if not found:
        raise ValueError(t("backup.none", folder=str(backup_dir(store))))
    if not name:
        return max(found, key=lambda p: (p.stat().st_mtime, p.name))
    for path in found:
        if name in (path.name, path.stem, str(path)):
            return path
    if Path(name).is_file():
        return Path(name)
    raise invalid("backup.not_found", value=name, allowed=", ".join(p.name for p in found[-10:]))


def restore(store, backup: str | os.PathLike | None = None) -> tuple[Path, str, int]:
    """Bring a backup back into the store (its items replace any saved since); ``(path, module, count)``."""
    path = find_backup(store, str(backup) if backup else None)
    try:
        record = json.loads(Path(path).read_text(encoding="utf-8"))
        part = {name: record[name] for name in ("answers", "reflections", "sections")}
        if not all(isinstance(v, dict) for v in part.values()) or not all(
                isinstance(v, dict) for v in part["sections"].values()):
            raise TypeError
    except (OSError, ValueError, KeyError, TypeError):
        raise ValueError(t("backup.bad_file", path=str(path))) from None

    def change(data):
        data["answers"].update(part["answers"])
        data["reflections"].update(part["reflections"])
        for section, items in part["sections"].items():
            data["sections"].setdefault(section, {}).update(items)

    store.update(change)
    return Path(path), str(record.get("module", "?")), _count(part)


def run(args, store) -> int:
    """``course progress reset <module>`` / ``course progress restore [--backup B]``; returns the exit status."""
    if args.action == "reset":
        if not getattr(args, "module", None):
            raise ValueError(t("backup.module_missing"))
        module = module_id(args.module)
        path, count = reset(store, module)
        if path is None:
            print(t("backup.nothing", module=module))
        else:
            print(t("backup.reset_done", module=module, count=count, path=str(path)))
        return 0
    path, module, count = restore(store, getattr(args, "backup", None))
    print(t("backup.restored", count=count, module=module, path=str(path)))
    return 0
