"""Exercises: question banks, checking, quiz widgets and computational checks.

In a notebook::

    from course_lib.exercises import quiz, overview
    quiz("start.position")        # one question, with feedback and saved attempts
    overview("start")             # which questions of a topic are done

Example:
    >>> from course_lib.exercises import question
    >>> question("start.position")["type"]       # doctest: +SKIP
    'single'
"""
from __future__ import annotations

from .bank import all_questions, question, questions_for

__all__ = ["quiz", "overview", "question", "questions_for", "all_questions"]


def quiz(question_id: str):
    """Show one question from the banks as a widget (returned, so it displays when last in a cell)."""
    from ..widgets.quiz import make_quiz_widget

    return make_quiz_widget(question(question_id))


def overview(topic: str | None = None):
    """A small table of which questions (of ``topic``, or all) the learner has done."""
    from ..widgets.quiz import Overview

    return Overview(topic)
