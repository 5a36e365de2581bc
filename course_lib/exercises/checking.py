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

from dataclasses import dataclass, field

from ..i18n import format_number, get_language, pick, t


@dataclass(frozen=True)
class Verdict:
    correct: bool | None
    headline: str
    details: list[str] = field(default_factory=list)
    answer: object = None  # the answer as stored (normalised)

    @property
    def answered(self) -> bool:
        return self.answer is not None


def parse_number(value) -> float:
    """Read a number typed the Norwegian or the English way (``12,5``, ``1 200``, ``12.5``)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace("%", "")
    text = text.replace("kr", "").replace("NOK", "").replace("−", "-")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    elif "," in text and "." in text:
        text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        raise ValueError(t("exercises.not_a_number", value=value)) from None


def _num(x, lang) -> str:
    x = float(x)
    decimals = 0 if x == int(x) else min(4, max(1, len(f"{x:.4f}".rstrip("0").split(".")[1])))
    return format_number(x, decimals, lang)


def check(question: dict, answer, lang: str | None = None) -> Verdict:
    """Check ``answer`` against ``question``; see the module docstring for answer shapes."""
    lang = lang or get_language()
    kind = question["type"]
    return _CHECKERS[kind](question, answer, lang)


def _single(q, answer, lang):
    if answer in (None, ""):
        return Verdict(None, t("exercises.choose_first", lang=lang))
    option = next((o for o in q["options"] if o["id"] == answer), None)
    if option is None:
        raise ValueError(f"unknown option {answer!r} for {q['id']}")
    head = t("exercises.correct" if option["correct"] else "exercises.incorrect", lang=lang)
    details = [pick(option["feedback"], lang)]
    if "explanation" in q:
        details.append(pick(q["explanation"], lang))
    return Verdict(option["correct"], head, details, answer)


def _multiple(q, answer, lang):
    chosen = set(answer or ())
    if not chosen:
        return Verdict(None, t("exercises.choose_first", lang=lang))
    known = {o["id"] for o in q["options"]}
    if chosen - known:
        raise ValueError(f"unknown options {sorted(chosen - known)} for {q['id']}")
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
    value = parse_number(answer)
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
    value = int(answer)
    low, high = q["scale"]["min"], q["scale"]["max"]
    if not low <= value <= high:
        raise ValueError(f"{q['id']}: {value} is outside {low}..{high}")
    details = [pick(band["text"], lang) for band in q.get("feedback", ()) if band["from"] <= value <= band["to"]]
    if "explanation" in q:
        details.append(pick(q["explanation"], lang))
    return Verdict(None, t("exercises.likert_recorded", lang=lang, value=value), details, value)


def _reflection(q, answer, lang):
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
    answer = dict(answer or {})
    if any(not answer.get(item["id"]) for item in q["items"]):
        return Verdict(None, t("exercises.choose_all", lang=lang))
    choice_text = {c["id"]: pick(c["text"], lang) for c in q["choices"]}
    details, n_right = [], 0
    for item in q["items"]:
        ok = answer[item["id"]] == item["answer"]
        n_right += ok
        mark = "✓" if ok else "✗"
        line = f"{mark} {pick(item['text'], lang)} → {choice_text.get(answer[item['id']], answer[item['id']])}"
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
