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

from ..i18n import t


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
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(e.absolute_path), e.message))
    if errors:
        # the deepest error is the most specific one
        error = max(errors, key=lambda e: len(list(e.absolute_path)))
        raise ValueError(
            t("exercises.bank_invalid", file=file_name, question=_question_name(data, error),
              field=_field_path(error), problem=error.message)
        )
    for q in data["questions"]:
        _check_rules(q, file_name)
    return data


def _check_rules(q: dict, file_name: str) -> None:
    def fail(key, **values):
        raise ValueError(t("exercises.bank_rule", file=file_name, question=q["id"], problem=t(key, **values)))

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


def load_bank_file(path) -> dict:
    """Parse and validate one bank file (a path or a package resource)."""
    import yaml

    name = Path(str(path)).name
    text = path.read_text(encoding="utf-8") if hasattr(path, "read_text") else Path(path).read_text("utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(t("exercises.bank_invalid", file=name, question="-", field="(yaml)", problem=str(exc)))
    return validate_bank(data, name)


def bank_files() -> list:
    return sorted((p for p in _bank_folder().iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


@lru_cache(maxsize=1)
def all_questions() -> dict[str, dict]:
    """Every question of every bank, by id; duplicate ids across banks are an error."""
    found: dict[str, dict] = {}
    origin: dict[str, str] = {}
    for path in bank_files():
        bank = load_bank_file(path)
        for q in bank["questions"]:
            if q["id"] in found:
                raise ValueError(t("exercises.bank_duplicate", question=q["id"], first=origin[q["id"]],
                                   second=path.name))
            found[q["id"]] = q
            origin[q["id"]] = path.name
    return found


def question(question_id: str) -> dict:
    """One question by id; an unknown id names the ids that share its topic."""
    questions = all_questions()
    if question_id not in questions:
        prefix = question_id.split(".")[0] + "."
        known = sorted(k for k in questions if k.startswith(prefix)) or sorted(questions)[:10]
        raise KeyError(t("exercises.unknown_question", question_id=question_id, known=", ".join(known)))
    return questions[question_id]


def questions_for(topic: str) -> list[dict]:
    """The questions of one topic (``"start"``, ``"motivation"`` ...) in bank order."""
    return [q for qid, q in all_questions().items() if qid.split(".")[0] == topic]


def topics() -> Iterable[str]:
    return sorted({qid.split(".")[0] for qid in all_questions()})
