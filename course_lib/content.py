"""The course's content as data: catalogues, presets, questionnaires and texts in YAML files.

Each topic's content lives in ``course_lib/content/<topic>.yaml`` beside a JSON Schema,
``<topic>.schema.json``. :func:`load` reads a file once (cached), checks it against its schema,
checks that every ``{nb, en}`` text has both languages with the same ``{placeholders}``, and
runs the cross-checks a model module registered (:func:`register_check`), for rules a schema
cannot say (a preset names only known roles). Any problem raises :class:`ContentError` naming
the file, the entry and the field, in the learner's language.

A trainer adapts the course without code: copy a file, edit it, and point
``COURSE_CONTENT_DIR`` at the folder holding the copy (or call :func:`set_content_dir`). A file
found there replaces the shipped file of the same name; topics without a copy use the shipped one.
``course check-content`` validates everything.

Example:
    >>> sorted(topics())[:1] == sorted(topics())[:1]
    True
    >>> err = ContentError("x.yaml", "decisions/hire", "name.en", "is missing")
    >>> isinstance(err, ValueError)
    True
"""
from __future__ import annotations

import copy
import json
import os
import string
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable

from .i18n import LANGUAGES, t

#: Files larger than this are refused before parsing (a content file is a few hundred kB at most).
MAX_FILE_BYTES = 2_000_000

Check = Callable[[Any], Iterable[tuple[str, str, str]]]
_checks: dict[str, list[Check]] = {}
_cache: dict[tuple[str, str], Any] = {}
_override: Path | None = None


class ContentError(ValueError):
    """A content file that cannot be used: names the file, the entry and the field."""

    def __init__(self, file: str, entry: str, field: str, problem: str):
        self.file, self.entry, self.field, self.problem = file, entry, field, problem
        super().__init__(t("content.invalid", file=file, entry=entry, field=field, problem=problem))


# --------------------------------------------------------------------------- where files are


def shipped_folder():
    """The package folder with the shipped content files."""
    global _shipped
    if _shipped is None:
        _shipped = resources.files("course_lib") / "content"
    return _shipped


_shipped = None


def set_content_dir(path: str | os.PathLike | None) -> None:
    """Use the trainer's folder ``path`` for content overrides (``None``: back to ``COURSE_CONTENT_DIR``)."""
    global _override
    _override = Path(path) if path is not None else None
    clear_cache()


def content_dir() -> Path | None:
    """The override folder in force: :func:`set_content_dir`, else ``COURSE_CONTENT_DIR``, else ``None``."""
    if _override is not None:
        return _override
    value = os.environ.get("COURSE_CONTENT_DIR", "").strip()
    return Path(value).expanduser() if value else None


def topics() -> list[str]:
    """The topics with a shipped content file."""
    folder = shipped_folder()
    if not folder.is_dir():
        return []
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


def source_of(topic: str):
    """The file :func:`load` reads for ``topic``: the trainer's copy if there is one, else the shipped file."""
    folder = content_dir()
    if folder is not None:
        candidate = folder / f"{topic}.yaml"
        if candidate.is_file():
            return candidate
    shipped = shipped_folder() / f"{topic}.yaml"
    if not shipped.is_file():
        raise ContentError(f"{topic}.yaml", "-", "-", t("content.unknown_topic", topic=topic,
                                                        known=", ".join(topics()) or "-"))
    return shipped


def clear_cache() -> None:
    """Forget loaded content (after editing a file or changing the override folder)."""
    _cache.clear()


# --------------------------------------------------------------------------- reading


def safe_yaml(text: str, file: str) -> Any:
    """Parse YAML within the course's bounds (``course_lib.safe_yaml``: no anchors or aliases,
    limited size and depth), turning any problem into a :class:`ContentError` naming the line.

    Content never needs aliases; refusing them stops "billion laughs" files that expand a few
    hundred bytes into gigabytes.

    Example:
        >>> safe_yaml("a: [1, 2]", "x.yaml")
        {'a': [1, 2]}
    """
    import yaml

    from . import safe_yaml as bounded

    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise ContentError(file, "-", "-", t("content.too_large", limit=MAX_FILE_BYTES))
    try:
        return bounded.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "-"
        problem = str(getattr(exc, "problem", None) or exc)
        if "anchors and aliases" in problem:
            raise ContentError(file, "-", where, t("content.no_aliases")) from None
        raise ContentError(file, "-", where, t("content.bad_yaml", problem=bounded.shorten(problem))) from None
    except ValueError:
        raise ContentError(file, "-", "-", t("content.too_large", limit=MAX_FILE_BYTES)) from None


def _schema(topic: str) -> dict | None:
    path = shipped_folder() / f"{topic}.schema.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _entry_and_field(data: Any, path: list) -> tuple[str, str]:
    """Name the entry (``decisions/hire``) and the field (``name.en``) an error path points at."""
    if not path:
        return "-", "(top)"
    head = [str(path[0])]
    rest = list(path[1:])
    node = data.get(path[0]) if isinstance(data, dict) else None
    if rest and isinstance(rest[0], int) and isinstance(node, list):
        item = node[rest[0]] if rest[0] < len(node) else None
        name = item.get("id") if isinstance(item, dict) else None
        head.append(str(name) if isinstance(name, (str, int)) else f"#{rest[0] + 1}")
        rest = rest[1:]
    elif rest and isinstance(node, dict):
        head.append(str(rest[0]))
        rest = rest[1:]
    return "/".join(head), ".".join(str(p) for p in rest) or "-"


def _placeholders(text: str) -> set[str] | None:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None and name != ""}
    except ValueError:
        return None


def text_problems(data: Any) -> list[tuple[list, str]]:
    """Every ``{nb, en}`` text that lacks a language, is not text, or differs in placeholders.

    Returns ``(path, problem)`` pairs; a mapping counts as a text when it has a key ``nb`` or ``en``.

    Example:
        >>> text_problems({"name": {"nb": "Salg {x}", "en": "Sales"}})[0][0]
        ['name']
    """
    found: list[tuple[list, str]] = []

    def walk(node, path):
        if isinstance(node, dict):
            if any(lang in node for lang in LANGUAGES):
                texts = {}
                for lang in LANGUAGES:
                    value = node.get(lang)
                    if not isinstance(value, str) or not value.strip():
                        found.append((path + [lang], t("content.missing_language", language=lang)))
                    else:
                        texts[lang] = _placeholders(value)
                if len(texts) == len(LANGUAGES) and len({frozenset(v or ()) for v in texts.values()}) > 1:
                    found.append((path, t("content.placeholders_differ",
                                          nb=", ".join(sorted(texts["nb"] or ())) or "-",
                                          en=", ".join(sorted(texts["en"] or ())) or "-")))
                return
            for key, value in node.items():
                walk(value, path + [key])
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, path + [i])

    walk(data, [])
    return found


def validate(topic: str, data: Any, file: str) -> Any:
    """Check parsed content against its schema, its texts and its cross-checks; return it."""
    from .schemas import validator_class

    Draft202012Validator = validator_class()

    schema = _schema(topic)
    if schema is not None:
        errors = list(Draft202012Validator(schema).iter_errors(data))
        if errors:
            error = max(errors, key=lambda e: len(list(e.absolute_path)))
            entry, field = _entry_and_field(data, list(error.absolute_path))
            raise ContentError(file, entry, field, schema_problem(error))
    for path, problem in text_problems(data):
        entry, field = _entry_and_field(data, path)
        raise ContentError(file, entry, field, problem)
    for check in _checks.get(topic, []):
        for entry, field, problem in check(data) or ():
            raise ContentError(file, str(entry), str(field), str(problem))
    return data


_TYPE_WORDS = {"string": "text", "object": "mapping", "array": "list", "number": "number", "integer": "whole",
               "boolean": "boolean", "null": "null"}


def schema_problem(error) -> str:
    """A JSON Schema error in the learner's language (jsonschema's own messages are English only).

    Example:
        >>> from jsonschema import Draft202012Validator
        >>> err = next(Draft202012Validator({"type": "object", "required": ["en"]}).iter_errors({}))
        >>> schema_problem(err)
        'det påkrevde feltet «en» mangler'
    """
    from .safe_yaml import shorten

    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        return t("content.schema.required", name=", ".join(missing) or "?")
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = set((error.schema.get("properties") or {}))
        extra = sorted(str(k) for k in instance if k not in allowed)
        return t("content.schema.unknown_field", name=", ".join(extra) or "?",
                 allowed=", ".join(sorted(allowed)) or "-")
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        words = " / ".join(t(f"content.schema.type_{_TYPE_WORDS.get(w, 'text')}") for w in wanted)
        return t("content.schema.type", wanted=words, value=shorten(repr(instance), 60))
    if kind in ("enum", "const"):
        options = value if kind == "enum" else [value]
        return t("content.schema.enum", value=shorten(repr(instance), 60),
                 allowed=shorten(", ".join(map(str, options)), 200))
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return t(f"content.schema.{kind}", value=shorten(repr(instance), 40), limit=value)
    if kind in ("minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties"):
        return t(f"content.schema.{kind}", limit=value)
    if kind == "pattern":
        return t("content.schema.pattern", value=shorten(repr(instance), 60), pattern=value)
    if kind == "uniqueItems":
        return t("content.schema.unique")
    return t("content.schema.other", problem=shorten(error.message, 200))


def load(topic: str) -> Any:
    """The validated content of ``topic`` (cached; a deep copy is not made, so do not mutate it).

    Example:
        >>> load("no-such-topic")
        Traceback (most recent call last):
        ...
        course_lib.content.ContentError: ...
    """
    fast = (topic, str(content_dir()))
    if fast in _cache:  # the hot path: no file-system calls once a topic is loaded
        return _cache[fast]
    path = source_of(topic)
    key = fast
    if key not in _cache:
        overridden = isinstance(path, Path) and content_dir() is not None and path.parent == content_dir()
        name = str(path) if overridden else f"{topic}.yaml"
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ContentError(name, "-", "-", t("content.unreadable", problem=exc.strerror or str(exc))) from None
        if len(raw) > MAX_FILE_BYTES:
            raise ContentError(name, "-", "-", t("content.too_large", limit=MAX_FILE_BYTES))
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ContentError(name, "-", "-", t("content.not_utf8")) from None
        # a trainer's own file is parsed within the course's bounds; the package's own files are
        # trusted and parsed by libyaml where PyYAML has it (a tenth of the time in a new kernel)
        packaged = Path(str(path)).resolve().parent == Path(__file__).resolve().parent / "content"
        from .safe_yaml import load_trusted
        _cache[key] = validate(topic, load_trusted(text) if packaged else safe_yaml(text, name), name)
    return _cache[key]


def load_copy(topic: str) -> Any:
    """Like :func:`load`, but a deep copy the caller may change."""
    return copy.deepcopy(load(topic))


def register_check(topic: str, check: Check) -> None:
    """Add a cross-check for ``topic``: ``check(data)`` yields ``(entry, field, problem)`` for each fault."""
    if check not in _checks.setdefault(topic, []):
        _checks[topic].append(check)


def check_all() -> list[str]:
    """Load every topic (with any override in force) and return the problems as messages.

    Model modules register their cross-checks when imported, so this imports them first.
    An empty list means every content file is usable.
    """
    import importlib

    problems = []
    for topic in topics():
        try:
            importlib.import_module(f"course_lib.{topic}")
        except ImportError:
            pass
        except ValueError as exc:  # a module that loads its content on import
            problems.append(str(exc))
            continue
        clear_cache()
        try:
            load(topic)
        except ContentError as exc:
            problems.append(str(exc))
    return problems
