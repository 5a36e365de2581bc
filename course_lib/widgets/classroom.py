"""Share an answer anonymously with the class, and the trainer's class-summary app.

Example:
    >>> button = ShareButton("quiz", lambda: {"start.position": True})
    >>> button.share.description in ("Del anonymt med klassen", "Share anonymously with the class")
    True
"""
from __future__ import annotations

import html
import os
from collections import OrderedDict
from typing import Callable, Mapping

import ipywidgets as widgets

from .. import classroom as cr
from ..i18n import t
from . import args as _args
from .base import App, FigureView, ErrorBox, guarded, show_png


class ShareButton:
    """A share / withdraw toggle for one kind of answer, with a line saying what is shared (never a name).

    ``payload_fn()`` returns the answer to share (a mapping that fits the kind). With ``part`` the
    payload is one part of the kind (a quiz question): it is merged into what was shared, and
    withdrawing removes only that part.
    """

    def __init__(self, kind: str, payload_fn: Callable[[], Mapping], part: bool = False):
        if not isinstance(kind, str) or kind not in cr.KINDS:
            raise ValueError(t("classroom.kind_unknown", value=_args.shown(kind), allowed=", ".join(cr.KINDS)))
        if not callable(payload_fn):
            _args.refuse("payload_fn", payload_fn, t("args.what.callable"))
        self.kind, self.payload_fn, self.part = kind, payload_fn, part
        self._keys = None
        self.share = widgets.Button(description=t("classroom.share.button"), icon="users",
                                    layout={"width": "auto"})
        self.withdraw = widgets.Button(description=t("classroom.share.withdraw"), icon="undo",
                                       layout={"width": "auto"})
        self.share.add_class("course-share")
        self.withdraw.add_class("course-withdraw")
        self.note = widgets.HTML(f"<small>{html.escape(t('classroom.share.what', what=t(f'classroom.kind.{kind}')))}</small>")
        self.status = widgets.HTML("")
        self.error = ErrorBox()
        self.share.on_click(lambda _b: guarded(self.error)(self.do_share)())
        self.withdraw.on_click(lambda _b: guarded(self.error)(self.do_withdraw)())
        self.withdraw.disabled = part or not cr.is_shared(kind)
        self.widget = widgets.VBox([widgets.HBox([self.share, self.withdraw]), self.note, self.status, self.error])
        self.widget.add_class("course-share-box")

    def do_share(self):
        payload = dict(self.payload_fn() or {})
        if not payload:
            raise ValueError(t("classroom.nothing_to_share"))
        path = cr.share(self.kind, payload, merge=self.part)
        self._keys = list(payload) if self.part else None
        self.withdraw.disabled = False
        self.status.value = f"<span style='color:#007A5A'>{html.escape(t('classroom.share.shared'))}</span>"
        return path

    def do_withdraw(self):
        cr.withdraw(self.kind, keys=self._keys)
        self.withdraw.disabled = True
        self.status.value = html.escape(t("classroom.share.withdrawn"))

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


class ClassSummaryApp(App):
    """The trainer's view of the class folder: summary table and projector plots, with a refresh button."""

    def __init__(self, folder=None):
        if folder is not None and not isinstance(folder, (str, os.PathLike)):
            _args.refuse("folder", folder, t("args.what.folder"))
        self.folder = folder
        self.error = ErrorBox()
        self.button = widgets.Button(description=t("classroom.app.refresh"), icon="refresh")
        self.text = widgets.HTML("")
        self.outs = {name: FigureView() for name in ("profile", "delegation", "quiz")}
        self.button.on_click(lambda _b: self.refresh())
        self.widget = widgets.VBox([self.button, self.error, self.text, *self.outs.values()])
        self.summary = None
        self._shown: dict[str, tuple] = {}
        self.refresh()

    def _refresh(self) -> None:
        from ..plots.classroom import plot_profiles, plot_quiz, plot_votes

        from ..i18n import get_language
        from ..plots.style import presentation

        self.summary = cr.summarise(self.folder)
        self.text.value = self.summary.to_html()
        # a figure is drawn again only when what it shows changed (a refresh with nothing new
        # shared costs the reading of the folder, not three figures: about a second)
        for name, plot, data in (("profile", plot_profiles, self.summary.profile),
                                 ("delegation", plot_votes, self.summary.delegation),
                                 ("quiz", plot_quiz, self.summary.quiz)):
            key = (get_language(), presentation(), repr(data))
            if self._shown.get(name) != key:
                show_png(self.outs[name], *_projector_png(name, key, plot, self.summary))
                self._shown[name] = key


_PNG_CACHE: "OrderedDict[tuple, tuple[bytes, str]]" = OrderedDict()


def _projector_png(name: str, key: tuple, plot, summary) -> tuple[bytes, str]:
    """A projector figure as (PNG, text alternative), drawn once per language, mode and data in
    this kernel: the trainer who runs the cell again, or opens a second view of the same class,
    gets the pictures at once (each is a projector-size figure of 100-300 ms)."""
    from ..plots.style import figure_alt, to_png

    found = _PNG_CACHE.get((name, key))
    if found is None:
        fig = plot(summary)
        found = _PNG_CACHE[(name, key)] = (to_png(fig), figure_alt(fig))
        while len(_PNG_CACHE) > 12:
            _PNG_CACHE.popitem(last=False)
    else:
        _PNG_CACHE.move_to_end((name, key))
    return found


def quiz_share_button(quiz) -> ShareButton | None:
    """A share button for a checkable quiz question, only when a class folder is set (else None)."""
    import os

    if not os.environ.get(cr.ENV_VAR, "").strip() or not quiz.has_button or \
            quiz.question.get("type") in ("reflection", "likert"):
        return None

    def payload():
        verdict = quiz.verdict
        return {quiz.id: bool(verdict.correct)} if verdict is not None and verdict.correct is not None else {}

    return ShareButton("quiz", payload, part=True)
