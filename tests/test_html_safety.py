"""Hostile text: a learner's (or a damaged file's) text never runs as markup in any HTML the course writes."""
import html.parser
import json

import pytest

from course_lib.cli import main
from course_lib.exercises.checking import Verdict, check
from course_lib.exercises.computed import check_number
from course_lib.html_safety import escape, markdown_html
from course_lib.portfolio import portfolio
from course_lib.progress import ProgressStore

PAYLOADS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "<a href='javascript:alert(1)'>klikk</a>",
    "[klikk](javascript:alert(1))",
    "![bilde](javascript:alert(1))",
    "<iframe src=//evil.example></iframe>",
    "<details open ontoggle=alert(1)>",
    "```\n</code></pre><script>alert(1)</script>\n```",
    "<style>body{display:none}</style>",
    "| a | <b onmouseover=alert(1)>b</b> |\n|---|---|",
    "<!-- <script>alert(1)</script> -->",
]
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "em", "strong", "table",
                "thead", "tbody", "tr", "th", "td", "pre", "code", "ul", "ol", "li", "a", "img", "div", "b", "small",
                "br", "hr", "blockquote", "del"}


class _Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.problems, self.styles = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        if tag == "style":
            self.styles += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in ("href", "src") and value and value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"{name}={value}")

    def handle_comment(self, data):
        self.problems.append("comment")


def assert_inert(markup: str, allowed_styles: int = 0):
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    assert parser.problems == [], parser.problems
    assert parser.styles <= allowed_styles


def hostile_store(store: ProgressStore, payload: str) -> None:
    store.save_reflection("start.reflection_position", f"Min plan: {payload}")
    store.save_reflection(payload, payload)  # an id no bank knows, as a damaged file could hold
    store.record_attempt(payload, payload, False)
    store.put("plans", payload, {"name": payload, "notes": [payload]})
    store.put(payload, "profile", payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_html_never_emits_markup_from_text(payload):
    assert_inert(markdown_html(payload))
    assert_inert(f"<p>{escape(payload)}</p>")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_portfolio_html_escapes_every_piece_of_learner_text(tmp_path, lang, payload):
    """Reflections, question ids, plan and profile names and values with hostile text: is the page inert?"""
    store = ProgressStore(tmp_path)
    hostile_store(store, payload)
    page = portfolio(store.load(), fmt="html", lang=lang)
    assert_inert(page, allowed_styles=1)
    assert "Min plan:" in page
    assert page.startswith("<!doctype html><html lang='" + lang + "'>")


def test_cli_html_export_is_inert(store, tmp_path):
    for payload in PAYLOADS:
        hostile_store(store, payload)
    out = tmp_path / "p.html"
    assert main(["progress", "export", "--format", "html", "--lang", "en", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert_inert(page, allowed_styles=1)
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_hostile_time_or_section_value_in_a_file_is_inert(tmp_path):
    data = {"answers": {"<b>q</b>": {"attempts": [{"answer": "<script>x</script>"}], "correct": None}},
            "reflections": {"r": {"text": "ok", "time": "<script>alert(1)</script>"}},
            "sections": {"<i>s</i>": {"k\n# heading <script>": {"a": "</pre><script>"}}}}
    assert_inert(portfolio(data, fmt="html", lang="nb"), allowed_styles=1)


# ----------------------------------------------------------------------------- widgets keep escaping


@pytest.mark.parametrize("payload", PAYLOADS)
def test_quiz_feedback_and_reflections_stay_escaped(store, lang, payload):
    from course_lib.exercises import quiz
    from course_lib.widgets.quiz import verdict_html

    assert_inert(verdict_html(Verdict(False, payload, [payload, f"**{payload}**"])))
    reflection = quiz("start.reflection_position")
    reflection.control.value = f"Refleksjon {payload}"
    assert_inert(reflection.feedback.value)
    assert_inert(reflection.error.value)
    assert store.reflection("start.reflection_position") == f"Refleksjon {payload}"
    again = quiz("start.reflection_position")  # restored after a kernel restart
    assert again.control.value == f"Refleksjon {payload}"
    assert_inert(again.feedback.value)


@pytest.mark.parametrize("payload", PAYLOADS[:4])
def test_matching_feedback_escapes_an_unknown_choice(payload):
    from course_lib.exercises.bank import all_questions
    from course_lib.widgets.quiz import verdict_html

    q = next(q for q in all_questions().values() if q["type"] == "matching")
    answer = {item["id"]: payload for item in q["items"]}
    assert_inert(verdict_html(check(q, answer)))


@pytest.mark.parametrize("payload", PAYLOADS[:4])
def test_computed_check_html_escapes_names_and_values(payload):
    result = check_number("demo.x", payload, 1.0, name=payload, record=False)
    assert_inert(result._repr_html_())
    result = check_number("demo.x", 2.0, 1.0, name=payload, record=False)
    assert_inert(result._repr_html_())


def test_overview_escapes_question_text(store):
    from course_lib.widgets.quiz import Overview

    store.record_attempt("start.position", "<script>", False)
    assert_inert(Overview("start").table.value)


def test_portfolio_md_keeps_the_text_as_written(tmp_path):
    store = ProgressStore(tmp_path)
    store.save_reflection("start.reflection_position", "<b>fet</b>")
    assert "<b>fet</b>" in portfolio(store.load(), fmt="md", lang="nb")
    assert json.loads(store.path.read_text())["reflections"]["start.reflection_position"]["text"] == "<b>fet</b>"
