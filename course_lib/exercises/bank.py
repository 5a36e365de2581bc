"""Question banks: YAML files in ``course_lib/banks/``, validated on load.

The structure is checked against ``banks/schema.json`` (jsonschema); rules a
schema cannot say (exactly one right option in a single-choice question,
matching answers that exist, unique ids across banks) are checked here. Any
problem raises ``ValueError`` naming the file, the question and the field.

Example:
    >>> q = question("start.position")      # doctest: +SKIP
    >>> q["type"]                           # doctest: +SKIP
    'single'
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from ..i18n import os_reason, t
from ..safe_yaml import MAX_BYTES, MAX_DEPTH
from ..safe_yaml import load as load_yaml
from ..safe_yaml import load_trusted
from ..safe_yaml import shorten


def _bank_folder():
    return resources.files("course_lib") / "banks"


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads((_bank_folder() / "schema.json").read_text(encoding="utf-8"))


def _field_path(error) -> str:
    parts = [str(p) for p in error.absolute_path]
    # drop the leading "questions", <index> (the question is named separately)
    if len(parts) >= 2 and parts[0] == "questions":
        parts = parts[2:]
    return ".".join(parts) or "(top)"


def _question_name(data, error) -> str:
    path = list(error.absolute_path)
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        try:
            return str(data["questions"][path[1]].get("id", f"#{path[1] + 1}"))
        except (AttributeError, IndexError, KeyError, TypeError):
            return f"#{path[1] + 1}"
    return "-"


def validate_bank(data, file_name: str) -> dict:
    """Check one parsed bank; returns it or raises ``ValueError`` naming file, question and field."""
    from ..content import schema_problem
    from ..schemas import validator_class

    Draft202012Validator = validator_class()

    validator = Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(e.absolute_path), e.message))
    if errors:
        # the deepest error is the most specific one
        error = max(errors, key=lambda e: len(list(e.absolute_path)))
        raise ValueError(
            t("exercises.bank_invalid", file=file_name, question=shorten(_question_name(data, error), 80),
              field=shorten(_field_path(error), 120), problem=shorten(schema_problem(error)))
        )
    for q in data["questions"]:
        _check_rules(q, file_name)
    return data


def _check_rules(q: dict, file_name: str) -> None:
    def fail(key, **values):
        raise ValueError(t("exercises.bank_rule", file=file_name, question=q["id"],
                           problem=shorten(t(key, **values))))

    kind = q["type"]
    if kind in ("single", "multiple"):
        ids = [o["id"] for o in q["options"]]
        for option_id in ids:
            if ids.count(option_id) > 1:
                fail("exercises.rule_option_ids_unique", option=option_id)
        n_correct = sum(o["correct"] for o in q["options"])
        if kind == "single" and n_correct != 1:
            fail("exercises.rule_single_one_correct", count=n_correct)
        if kind == "multiple" and n_correct < 1:
            fail("exercises.rule_multiple_some_correct")
    elif kind == "matching":
        choices = [c["id"] for c in q["choices"]]
        for item in q["items"]:
            if item["answer"] not in choices:
                fail("exercises.rule_matching_answer", item=item["id"], answer=item["answer"],
                     choices=", ".join(choices))
    elif kind == "likert":
        if q["scale"]["min"] >= q["scale"]["max"]:
            fail("exercises.rule_likert_range", low=q["scale"]["min"], high=q["scale"]["max"])


def load_bank_file(path, trusted: bool = False) -> dict:
    """Parse and validate one bank file (a path or a package resource).

    The YAML is read within bounds (no aliases or anchors, at most 2 MB, 50 levels deep; see
    :mod:`course_lib.safe_yaml`), so a hostile file is refused at once with a short message.
    ``trusted=True`` is for the course's own banks only: libyaml's safe loader parses them about
    ten times faster (every kernel that shows a quiz reads all of them); they are validated the same way.
    """
    import yaml

    name = Path(str(path)).name

    def refuse(field: str, problem: str):
        return ValueError(t("exercises.bank_invalid", file=name, question="-", field=field, problem=problem))

    try:
        if isinstance(path, (str, Path)):  # a FIFO or a device would block the kernel: refused before reading
            import stat

            mode = Path(path).stat().st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                raise refuse("(file)", t("exercises.bank.not_regular"))
        raw = path.read_bytes() if hasattr(path, "read_bytes") else Path(path).read_bytes()
    except OSError as exc:
        raise refuse("(file)", os_reason(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse("(file)", t("exercises.bank.not_utf8", position=exc.start)) from None
    try:
        data = load_trusted(text) if trusted else load_yaml(text)
    except yaml.YAMLError as exc:
        raise refuse("(yaml)", yaml_problem(exc)) from None
    except RecursionError:
        raise refuse("(yaml)", t("exercises.bank.too_deep", limit=MAX_DEPTH)) from None
    except ValueError:  # safe_yaml refuses a file beyond its size bound before parsing
        raise refuse("(yaml)", t("exercises.bank.too_large", size=len(raw), limit=MAX_BYTES)) from None
    return validate_bank(data, name)


def yaml_problem(exc) -> str:
    """A YAML error in the learner's language: what is wrong and where (PyYAML's English text in brackets).

    Example:
        >>> import yaml
        >>> try:
        ...     load_yaml("a: [1, 2")
        ... except yaml.YAMLError as exc:
        ...     yaml_problem(exc)[:35]
        'ikke gyldig YAML ved linje 1, kolon'
    """
    problem = str(getattr(exc, "problem", None) or exc)
    mark = getattr(exc, "problem_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if "anchors and aliases" in problem:
        text = t("exercises.bank.aliases", line=line)
    elif "nested deeper than" in problem:
        text = t("exercises.bank.too_deep", limit=MAX_DEPTH)
    elif "could not determine a constructor" in problem:
        text = t("exercises.bank.tag", line=line)
    else:
        text = t("exercises.bank.bad_yaml", line=line, column=column)
    return f"{text} ({shorten(problem, 60)})"


def bank_files() -> list:
    return sorted((p for p in _bank_folder().iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


@lru_cache(maxsize=1)
def all_questions() -> dict[str, dict]:
    """Every question of every bank, by id; duplicate ids across banks are an error."""
    found: dict[str, dict] = {}
    origin: dict[str, str] = {}
    for path in bank_files():
        bank = load_bank_file(path, trusted=True)
        for q in bank["questions"]:
            if q["id"] in found:
                raise ValueError(t("exercises.bank_duplicate", question=q["id"], first=origin[q["id"]],
                                   second=path.name))
            found[q["id"]] = q
            origin[q["id"]] = path.name
    return found


def question(question_id: str) -> dict:
    """One question by id.

    Raises:
        ValueError: for an unknown id, in the learner's language, naming the closest ids that exist.

    Example:
        >>> question("start.position")["type"]
        'single'
    """
    import difflib

    questions = all_questions()
    if isinstance(question_id, str) and question_id in questions:
        return questions[question_id]
    wanted = shorten(question_id, 80) if isinstance(question_id, str) else shorten(repr(question_id), 80)
    close = difflib.get_close_matches(wanted, list(questions), n=5, cutoff=0.6)
    prefix = wanted.split(".")[0] + "."
    known = close or sorted(k for k in questions if k.startswith(prefix)) or sorted(questions)[:10]
    raise ValueError(t("exercises.unknown_question", question_id=wanted, known=", ".join(known)))


def questions_for(topic: str) -> list[dict]:
    """The questions of one topic (``"start"``, ``"motivation"`` ...) in bank order."""
    return [q for qid, q in all_questions().items() if qid.split(".")[0] == topic]


def topics() -> Iterable[str]:
    return sorted({qid.split(".")[0] for qid in all_questions()})
