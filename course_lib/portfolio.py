"""A learner's portfolio: reflections, quiz results and saved work as Markdown or HTML.

Example:
    >>> text = portfolio({"answers": {}, "reflections": {}, "sections": {}}, fmt="md", lang="en")
    >>> text.splitlines()[0]
    '# Portfolio: Motivating the Sales Manager'
"""
from __future__ import annotations

import json

from .i18n import get_language, pick, t


def portfolio(data: dict, fmt: str = "md", lang: str | None = None) -> str:
    """Render the store's ``data`` (from ``ProgressStore.load()``) as ``"md"`` or ``"html"``."""
    from .exercises.bank import all_questions

    lang = lang or get_language()
    questions = all_questions()
    lines = [f"# {t('portfolio.title', lang=lang)}", ""]

    lines += [f"## {t('portfolio.reflections', lang=lang)}", ""]
    reflections = data.get("reflections", {})
    if not reflections:
        lines += [t("portfolio.none", lang=lang), ""]
    for rid, entry in sorted(reflections.items()):
        prompt = pick(questions[rid]["prompt"], lang) if rid in questions else rid
        lines += [f"### {prompt.strip().splitlines()[0]}", "", entry.get("text", ""), "",
                  f"*{entry.get('time', '')}*", ""]

    lines += [f"## {t('portfolio.quizzes', lang=lang)}", ""]
    answers = data.get("answers", {})
    if not answers:
        lines += [t("portfolio.none", lang=lang), ""]
    else:
        lines += [f"| {t('exercises.overview_question', lang=lang)} | {t('exercises.overview_status', lang=lang)} "
                  f"| {t('portfolio.attempts', lang=lang)} |", "|---|---|---|"]
        for qid, record in sorted(answers.items()):
            status = {True: "correct", False: "tried", None: "saved"}[record.get("correct")]
            lines.append(f"| {qid} | {t('exercises.status_' + status, lang=lang)} | {len(record.get('attempts', []))} |")
        lines.append("")

    lines += [f"## {t('portfolio.saved_work', lang=lang)}", ""]
    sections = data.get("sections", {})
    if not sections:
        lines += [t("portfolio.none", lang=lang), ""]
    for section, items in sorted(sections.items()):
        for key, value in sorted(items.items()):
            lines += [f"### {section}: {key}", "", "```json", json.dumps(value, ensure_ascii=False, indent=2), "```", ""]

    text = "\n".join(lines)
    if fmt == "md":
        return text
    if fmt == "html":
        import mistune

        body = mistune.html(text)
        return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
                f"<title>{t('portfolio.title', lang=lang)}</title>"
                "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}"
                "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}"
                "pre{background:#f6f6f6;padding:8px}</style></head><body>" + body + "</body></html>")
    raise ValueError(f"format must be md or html, got {fmt!r}")
