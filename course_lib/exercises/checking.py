"""Checking an answer to a bank question: pure functions, no widgets.

Each check returns a :class:`Verdict`: whether the answer is right (``None``
when there is no right answer, as for Likert items and reflections), a headline
and the explanations to show. Feedback always says why.

Example:
    >>> q = {"id": "x.y", "type": "numeric", "prompt": {"nb": "?", "en": "?"}, "answer": 10,
    ...      "tolerance": 0.5, "feedback": {k: {"nb": k, "en": k} for k in ("correct", "too_low", "too_high")}}
    >>> check(q, "9,8", lang="en").correct
    True
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..i18n import LANGUAGES, format_number, get_language, invalid, pick, t
from ..safe_yaml import shorten


@dataclass(frozen=True)
class Verdict:
    correct: bool | None
    headline: str
    details: list[str] = field(default_factory=list)
    answer: object = None  # the answer as stored (normalised)

    @property
    def answered(self) -> bool:
        return self.answer is not None


def parse_number(value, lang: str | None = None) -> float:
    """Read a typed number by the language's conventions; a finite float or a translated ``ValueError``.

    nb: ``1 100``, ``1.100,00``, ``1 100 kr``, ``12,5 %``, ``12,5``; en: ``1,100``, ``NOK 1,100``,
    ``12.5%``. ``nan``, ``inf`` and text are refused with a hint saying how to type a number.

    Example:
        >>> parse_number("1 100 kr", lang="nb"), parse_number("NOK 1,100", lang="en")
        (1100.0, 1100.0)
    """
    from ..tabular import parse_number as parse_typed_number

    lang = lang if lang in LANGUAGES else get_language()
    shown = shorten(value, 64)
    if isinstance(value, str) and value.count("%") > 1:
        raise ValueError(t("tabular.not_a_number", value=shown, lang=lang))
    try:
        return parse_typed_number(value, lang=lang)
    except (IndexError, TypeError, OverflowError):  # text such as "kr" alone
        raise ValueError(t("tabular.not_a_number", value=shown, lang=lang)) from None


def _num(x, lang) -> str:
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    decimals = 0 if x == int(x) else min(4, max(1, len(f"{x:.4f}".rstrip("0").split(".")[1])))
    return format_number(x, decimals, lang)


def check(question: dict, answer, lang: str | None = None) -> Verdict:
    """Check ``answer`` against ``question``; see the module docstring for answer shapes."""
    lang = lang if lang in LANGUAGES else get_language()
    if not isinstance(question, Mapping) or question.get("type") not in _CHECKERS:
        kind = question.get("type") if isinstance(question, Mapping) else type(question).__name__
        raise invalid("exercises.bad_question", kind=shorten(kind, 60), allowed=", ".join(_CHECKERS), lang=lang)
    return _CHECKERS[question["type"]](question, answer, lang)


def _options_text(q, lang) -> str:
    return ", ".join(f"{o['id']} ({pick(o['text'], lang)})" for o in q["options"])


def _single(q, answer, lang):
    if answer in (None, ""):
        return Verdict(None, t("exercises.choose_first", lang=lang))
    option = next((o for o in q["options"] if o["id"] == answer), None)
    if option is None:
        raise invalid("exercises.unknown_option", value=shorten(answer, 60), question=q["id"],
                      allowed=_options_text(q, lang), lang=lang)
    head = t("exercises.correct" if option["correct"] else "exercises.incorrect", lang=lang)
    details = [pick(option["feedback"], lang)]
    if "explanation" in q:
        details.append(pick(q["explanation"], lang))
    return Verdict(option["correct"], head, details, answer)


def _multiple(q, answer, lang):
    if answer is None or (isinstance(answer, (list, tuple, set, frozenset)) and not answer):
        return Verdict(None, t("exercises.choose_first", lang=lang))
    if not isinstance(answer, (list, tuple, set, frozenset)) or not all(isinstance(a, str) for a in answer):
        raise invalid("exercises.bad_answer_shape", value=shorten(repr(answer), 60), question=q["id"],
                      expected=t("exercises.expected_option_list", lang=lang), lang=lang)
    chosen = set(answer)
    known = {o["id"] for o in q["options"]}
    if chosen - known:
        raise invalid("exercises.unknown_option", value=shorten(", ".join(sorted(chosen - known)), 60),
                      question=q["id"], allowed=_options_text(q, lang), lang=lang)
    right = {o["id"] for o in q["options"] if o["correct"]}
    details = []
    for o in q["options"]:
        if o["id"] in chosen:
            details.append(f"{t('exercises.chosen_option', lang=lang)} «{pick(o['text'], lang)}»: {pick(o['feedback'], lang)}")
        elif o["correct"]:
            details.append(f"{t('exercises.missed_option', lang=lang)}: «{pick(o['text'], lang)}». {pick(o['feedback'], lang)}")
    if "explanation" in q:
        details.append(pick(q["explanation"], lang))
    correct = chosen == right
    if correct:
        head = t("exercises.correct", lang=lang)
    elif chosen & right:
        head = t("exercises.partly", lang=lang)
    else:
        head = t("exercises.incorrect", lang=lang)
    return Verdict(correct, head, details, sorted(chosen))


def _numeric(q, answer, lang):
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return Verdict(None, t("exercises.choose_first", lang=lang))
    value = parse_number(answer, lang)
    target = float(q["answer"])
    unit = f" {pick(q['unit'], lang)}" if "unit" in q else ""
    you = t("exercises.your_value", lang=lang, value=_num(value, lang) + unit)
    if abs(value - target) <= float(q["tolerance"]) + 1e-12:
        details = [pick(q["feedback"]["correct"], lang)]
        if "explanation" in q:
            details.append(pick(q["explanation"], lang))
        return Verdict(True, t("exercises.correct", lang=lang), details, value)
    for mistake in q.get("common_mistakes", ()):
        if abs(value - float(mistake["value"])) <= float(mistake.get("tolerance", q["tolerance"])) + 1e-12:
            return Verdict(False, t("exercises.incorrect", lang=lang), [you, pick(mistake["feedback"], lang)], value)
    side = "too_low" if value < target else "too_high"
    return Verdict(False, t("exercises.incorrect", lang=lang), [you, pick(q["feedback"][side], lang)], value)


def _likert(q, answer, lang):
    if answer is None:
        return Verdict(None, t("exercises.choose_first", lang=lang))
    low, high = q["scale"]["min"], q["scale"]["max"]
    try:
        number = parse_number(answer, lang)
    except ValueError:
        number = float("nan")
    if not (math.isfinite(number) and number == int(number) and low <= number <= high):
        raise invalid("exercises.likert_range", value=shorten(answer, 60), low=low, high=high, lang=lang)
    value = int(number)
    details = [pick(band["text"], lang) for band in q.get("feedback", ()) if band["from"] <= value <= band["to"]]
    if "explanation" in q:
        details.append(pick(q["explanation"], lang))
    return Verdict(None, t("exercises.likert_recorded", lang=lang, value=value), details, value)


def _reflection(q, answer, lang):
    if answer is not None and not isinstance(answer, str):
        raise invalid("exercises.bad_answer_shape", value=shorten(repr(answer), 60), question=q["id"],
                      expected=t("exercises.expected_text", lang=lang), lang=lang)
    text = (answer or "").strip()
    if not text:
        return Verdict(None, t("exercises.not_answered", lang=lang))
    words = len(text.split())
    minimum = int(q.get("min_words", 0))
    head = (t("exercises.too_short", lang=lang, count=words, minimum=minimum) if words < minimum
            else t("exercises.words", lang=lang, count=words))
    details = []
    if "guidance" in q:
        details.append(f"{t('exercises.guidance_title', lang=lang)}: {pick(q['guidance'], lang)}")
    return Verdict(None, head, details, text)


def _matching(q, answer, lang):
    if answer is not None and not isinstance(answer, Mapping):
        raise invalid("exercises.bad_answer_shape", value=shorten(repr(answer), 60), question=q["id"],
                      expected=t("exercises.expected_mapping", lang=lang), lang=lang)
    answer = {str(k): v for k, v in dict(answer or {}).items()}
    if any(not answer.get(item["id"]) for item in q["items"]):
        return Verdict(None, t("exercises.choose_all", lang=lang))
    choice_text = {c["id"]: pick(c["text"], lang) for c in q["choices"]}
    details, n_right = [], 0
    for item in q["items"]:
        given = answer[item["id"]]
        ok = given == item["answer"]
        n_right += ok
        mark = "✓" if ok else "✗"
        shown = choice_text.get(given) if isinstance(given, str) and given in choice_text else shorten(given, 60)
        line = f"{mark} {pick(item['text'], lang)} → {shown}"
        if not ok:
            line += f". {pick(item['feedback'], lang)}"
        details.append(line)
    if "explanation" in q:
        details.append(pick(q["explanation"], lang))
    correct = n_right == len(q["items"])
    head = t("exercises.correct" if correct else ("exercises.partly" if n_right else "exercises.incorrect"), lang=lang)
    return Verdict(correct, head, details, {k: answer[k] for k in sorted(answer)})


_CHECKERS = {
    "single": _single,
    "multiple": _multiple,
    "numeric": _numeric,
    "likert": _likert,
    "reflection": _reflection,
    "matching": _matching,
}
