"""Quiz widgets: one per question type, all built from a bank question.

Each widget restores the learner's last answer from the progress store (so a
kernel restart loses nothing), checks with :mod:`course_lib.exercises.checking`
and records every attempt.

Example:
    >>> w = make_quiz_widget(question("start.position"))   # doctest: +SKIP
    >>> w.control.value = "b"; w.check_button.click()        # doctest: +SKIP
"""
from __future__ import annotations

import html

import ipywidgets as widgets

from ..exercises.checking import Verdict, check
from ..html_safety import markdown_html
from ..i18n import pick, t
from ..progress import get_store
from .a11y import sr_only
from . import args as _args
from .base import ErrorBox, guarded
from .shared_models import builds_shared

_COLOURS = {True: "#007A5A", False: "#B34700", None: "#555555"}


def markdown_to_html(text: str) -> str:
    """Bank text (Markdown) as HTML; raw HTML in it is escaped, never run (see ``html_safety``)."""
    return markdown_html(text)


def verdict_html(verdict: Verdict) -> str:
    colour = _COLOURS[verdict.correct]
    items = "".join(f"<li>{markdown_to_html(d).strip()}</li>" for d in verdict.details)
    details = f"<ul style='margin:4px 0 0 0'>{items}</ul>" if items else ""
    return (f"<div style='border-left:4px solid {colour};padding:4px 10px;margin-top:6px'>"
            f"<b style='color:{colour}'>{html.escape(verdict.headline)}</b>{details}</div>")


class QuizWidget:
    """Common frame: prompt, control, check button, feedback, error line."""

    has_button = True

    @builds_shared  # a module's ten quizzes: about half the widget models
    def __init__(self, question: dict):
        _check_question(question)
        self.question = question
        self.id = question["id"]
        self.store = get_store()
        self.verdict: Verdict | None = None
        self.error = ErrorBox()
        self.prompt = widgets.HTML(markdown_to_html(pick(question["prompt"])))
        self.prompt.add_class("course-quiz-prompt")
        self.feedback = widgets.HTML("")
        self.feedback.add_class("course-quiz-feedback")
        self.control = self.build_control()
        self.check_button = widgets.Button(description=t("exercises.check"), button_style="primary",
                                           icon="check")
        self.check_button.add_class("course-quiz-check")
        self.check_button.on_click(guarded(self.error)(lambda _b: self.submit()))
        children = [self.prompt, self.control_box()]
        if self.has_button:
            children.append(self.check_button)
        children += [self.feedback, self.error]
        self.widget = widgets.VBox(children, layout={"border": "1px solid #ddd", "padding": "8px 12px",
                                                     "margin": "8px 0", "width": "100%"})
        self.widget.add_class("course-quiz")
        self.widget.add_class(f"course-quiz-{question['type']}")
        # --- class sharing (trainer's kit): right/wrong for this question, only in a class (COURSE_CLASS_DIR set)
        from .classroom import quiz_share_button
        self.share = quiz_share_button(self)
        if self.share is not None:
            self.widget.children += (self.share.widget,)
        self.restore()

    # subclasses -----------------------------------------------------------
    def build_control(self) -> widgets.Widget:
        raise NotImplementedError

    def control_box(self) -> widgets.Widget:
        return self.control

    def answer(self):
        return self.control.value

    def set_answer(self, value) -> None:
        self.control.value = value

    # shared ---------------------------------------------------------------
    def submit(self) -> Verdict:
        verdict = check(self.question, self.answer())
        self.verdict = verdict
        self.feedback.value = verdict_html(verdict)
        if verdict.answered:
            self.save(verdict)
        return verdict

    def save(self, verdict: Verdict) -> None:
        self.store.record_attempt(self.id, verdict.answer, verdict.correct)

    def restore(self) -> None:
        record = self.store.answers().get(self.id)
        if record and record.get("last") is not None:
            try:
                self.set_answer(record["last"])
                self.verdict = check(self.question, self.answer())
                self.feedback.value = verdict_html(self.verdict)
            except Exception:  # noqa: BLE001 - an old answer that no longer fits is simply not restored
                pass

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


class SingleChoice(QuizWidget):
    def build_control(self):
        options = [(pick(o["text"]), o["id"]) for o in self.question["options"]]
        return widgets.RadioButtons(options=options, value=None, layout={"width": "auto"},
                                    style={"description_width": "0px"})


class MultipleChoice(QuizWidget):
    def build_control(self):
        self.boxes = {o["id"]: widgets.Checkbox(value=False, description=pick(o["text"]), indent=False,
                                                layout={"width": "auto"})
                      for o in self.question["options"]}
        return widgets.VBox(list(self.boxes.values()))

    def answer(self):
        return [k for k, box in self.boxes.items() if box.value]

    def set_answer(self, value):
        for k, box in self.boxes.items():
            box.value = k in set(value)


class Numeric(QuizWidget):
    def build_control(self):
        return widgets.Text(placeholder=t("exercises.numeric_placeholder"), continuous_update=False,
                            layout={"width": "14em"})

    def control_box(self):
        unit = pick(self.question["unit"]) if "unit" in self.question else ""
        return widgets.HBox([self.control, widgets.Label(unit)])

    def set_answer(self, value):
        from ..exercises.checking import _num

        self.control.value = _num(value, None)


class Likert(QuizWidget):
    has_button = False

    def build_control(self):
        scale = self.question["scale"]
        values = list(range(scale["min"], scale["max"] + 1))
        control = widgets.ToggleButtons(options=[(str(v), v) for v in values], value=None,
                                        style={"button_width": "3em"})
        control.observe(guarded(self.error)(lambda change: self.submit()), names="value")
        return control

    def control_box(self):
        scale = self.question["scale"]
        return widgets.VBox([self.control, widgets.HTML(
            f"<small>{scale['min']} = {html.escape(pick(scale['low']))} · "
            f"{scale['max']} = {html.escape(pick(scale['high']))}</small>")])


class Reflection(QuizWidget):
    has_button = False

    def build_control(self):
        control = widgets.Textarea(placeholder="…", continuous_update=True,
                                   layout={"width": "100%", "height": "9em"})
        control.observe(guarded(self.error)(lambda change: self.submit()), names="value")
        return control

    def control_box(self):
        return widgets.VBox([self.control, widgets.HTML(f"<small>{t('exercises.autosave_note')}</small>")])

    def save(self, verdict):
        self.store.save_reflection(self.id, verdict.answer)

    def restore(self):
        text = self.store.reflection(self.id)
        if text:
            self.control.value = text  # fires submit, which re-saves the same text harmlessly


class Matching(QuizWidget):
    def build_control(self):
        choices = [(t("exercises.select_placeholder"), "")] + [(pick(c["text"]), c["id"])
                                                               for c in self.question["choices"]]
        self.dropdowns = {}
        rows = []
        for item in self.question["items"]:
            dd = widgets.Dropdown(options=choices, value="", layout={"width": "auto"},
                                  description=pick(item["text"]), style={"description_width": "0px"})
            dd.add_class("course-hidden-label")
            self.dropdowns[item["id"]] = dd
            rows.append(widgets.HBox([widgets.HTML(html.escape(pick(item["text"])),
                                                   layout={"width": "50%"}), dd]))
        return widgets.VBox(rows)

    def answer(self):
        return {k: dd.value for k, dd in self.dropdowns.items()}

    def set_answer(self, value):
        for k, dd in self.dropdowns.items():
            dd.value = value.get(k, "")


_TYPES = {
    "single": SingleChoice,
    "multiple": MultipleChoice,
    "numeric": Numeric,
    "likert": Likert,
    "reflection": Reflection,
    "matching": Matching,
}


def make_quiz_widget(question: dict) -> QuizWidget:
    """The widget for one bank question (``ValueError`` for anything that is not a bank question)."""
    _check_question(question)
    return _TYPES[question["type"]](question)


def _check_question(question) -> None:
    if not (isinstance(question, dict) and isinstance(question.get("id"), str) and question.get("type") in _TYPES
            and "prompt" in question):
        _args.refuse("question", question, t("args.what.question"))


class Overview:
    """Which questions of a topic (or all) are done, read from the progress store."""

    @builds_shared
    def __init__(self, topic: str | None = None):
        from ..exercises.bank import all_questions, questions_for

        if topic is not None:
            from ..exercises.bank import topics

            _args.choice("topic", topic, list(topics()))
        self.topic = topic
        self.questions = questions_for(topic) if topic else list(all_questions().values())
        self.table = widgets.HTML()
        self.table.add_class("course-overview")
        self.refresh_button = widgets.Button(description=t("exercises.overview_refresh"), icon="refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.widget = widgets.VBox([self.table, self.refresh_button])
        self.refresh()

    def status(self) -> dict[str, str]:
        data = get_store().load()
        out = {}
        for q in self.questions:
            if q["type"] == "reflection":
                out[q["id"]] = "saved" if data["reflections"].get(q["id"], {}).get("text") else "open"
                continue
            record = data["answers"].get(q["id"])
            if not record:
                out[q["id"]] = "open"
            elif record.get("correct") is True:
                out[q["id"]] = "correct"
            elif record.get("correct") is None:
                out[q["id"]] = "saved"
            else:
                out[q["id"]] = "tried"
        return out

    def refresh(self) -> None:
        status = self.status()
        done = sum(s in ("correct", "saved") for s in status.values())
        icons = {"correct": "✅", "saved": "💾", "tried": "🔁", "open": "⬜"}
        rows = "".join(
            f"<tr><td>{icons[s]}</td><td>{html.escape(_short(q))}</td><td>{t('exercises.status_' + s)}</td></tr>"
            for q, s in ((q, status[q["id"]]) for q in self.questions))
        self.table.value = (
            f"<b>{t('exercises.overview_title', done=done, total=len(self.questions))}</b>"
            f"<table style='margin-top:4px'><tr><th>{sr_only(t('exercises.overview_mark'))}</th>"
            f"<th>{t('exercises.overview_question')}</th>"
            f"<th>{t('exercises.overview_status')}</th></tr>{rows}</table>")

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _short(q: dict, length: int = 70) -> str:
    """The prompt's first line without its markdown marks, cut to ``length``; an underscore inside a
    name stays (it was dropped: ``load_team()`` read ``loadteam()``).

    Example:
        >>> _short({"prompt": "Bruk casedataene (`load_team()`): hvor *stor* var __den__?"})
        'Bruk casedataene (load_team()): hvor stor var den?'
    """
    import re

    first = pick(q["prompt"]).strip().splitlines()[0]
    text = re.sub(r"[*`]|^[#>\s]+|(?<!\w)_+|_+(?!\w)", "", first).strip()
    return text if len(text) <= length else text[: length - 1] + "…"
