"""A learner's portfolio: reflections, quiz results and saved work as Markdown or HTML.

Example:
    >>> text = portfolio({"answers": {}, "reflections": {}, "sections": {}}, fmt="md", lang="en")
    >>> text.splitlines()[0]
    '# Portfolio: Motivating the Sales Manager'
"""
from __future__ import annotations

import json

from .html_safety import escape, markdown_html
from .i18n import LANGUAGES, invalid, pick, t, resolve_language

FORMATS = ("md", "html")


def _one_line(text) -> str:
    return " ".join(str(text).split())


def portfolio(data: dict, fmt: str = "md", lang: str | None = None) -> str:
    """Render the store's ``data`` (from ``ProgressStore.load()``) as ``"md"`` or ``"html"``.

    In HTML every piece of the learner's text (reflections, saved names and values) is shown as
    text: raw HTML in it is escaped, never run.

    Raises:
        ValueError: an unknown format or language, or ``data`` that is not a progress record.
    """
    from .exercises.bank import all_questions
    from .progress import repair

    if fmt not in FORMATS:
        raise invalid("portfolio.bad_format", value=repr(fmt)[:40], allowed=", ".join(FORMATS))
    if lang is not None and lang not in LANGUAGES:
        raise invalid("portfolio.bad_language", value=repr(lang)[:40], allowed=", ".join(LANGUAGES))
    lang = resolve_language(lang)
    data, _dropped = repair(data)
    if data is None:
        raise invalid("portfolio.bad_data", lang=lang)
    questions = all_questions()
    lines = [f"# {t('portfolio.title', lang=lang)}", ""]

    lines += [f"## {t('portfolio.reflections', lang=lang)}", ""]
    reflections = data.get("reflections", {})
    if not reflections:
        lines += [t("portfolio.none", lang=lang), ""]
    for rid, entry in sorted(reflections.items()):
        prompt = pick(questions[rid]["prompt"], lang) if rid in questions else str(rid)
        heading = prompt.strip().splitlines()[0] if prompt.strip() else "-"
        lines += [f"### {_one_line(heading)}", "", entry.get("text", ""), "",
                  f"*{_one_line(entry.get('time', ''))}*", ""]

    lines += [f"## {t('portfolio.quizzes', lang=lang)}", ""]
    answers = data.get("answers", {})
    if not answers:
        lines += [t("portfolio.none", lang=lang), ""]
    else:
        lines += [f"| {t('exercises.overview_question', lang=lang)} | {t('exercises.overview_status', lang=lang)} "
                  f"| {t('portfolio.attempts', lang=lang)} |", "|---|---|---|"]
        for qid, record in sorted(answers.items()):
            status = {True: "correct", False: "tried", None: "saved"}[record.get("correct")]
            lines.append(f"| {_one_line(qid).replace('|', '/')} | {t('exercises.status_' + status, lang=lang)} "
                         f"| {len(record.get('attempts', []))} |")
        lines.append("")

    lines += [f"## {t('portfolio.saved_work', lang=lang)}", ""]
    sections = data.get("sections", {})
    if not sections:
        lines += [t("portfolio.none", lang=lang), ""]
    for section, items in sorted(sections.items()):
        for key, value in sorted(items.items()):
            body = json.dumps(value, ensure_ascii=False, indent=2, default=str).replace("```", "` ` `")
            lines += [f"### {_one_line(section)}: {_one_line(key)}", "", "```json", body, "```", ""]

    text = "\n".join(lines)
    if fmt == "md":
        return text
    body = markdown_html(text)
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{escape(t('portfolio.title', lang=lang))}</title>"
            "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}"
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}"
            "pre{background:#f6f6f6;padding:8px}</style></head><body>" + body + "</body></html>")
