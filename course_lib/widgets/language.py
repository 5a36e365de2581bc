"""Choosing the course language from inside a notebook.

The prose of a notebook is written in one language (``notebooks/nb`` or
``notebooks/en``); the picker switches everything the library says (widget
labels, feedback, plot titles, errors) and links to the same notebook in the
other language.

Example:
    >>> picker = LanguagePicker("00_start_here.ipynb")
    >>> picker.toggle.value = "en"
    >>> from course_lib import get_language; get_language()
    'en'
"""
from __future__ import annotations

import html
import platform

import ipywidgets as widgets

from ..i18n import LANGUAGES, get_language, language_name, set_language, t
from .base import App


class LanguagePicker(App):
    def __init__(self, notebook: str | None = None):
        self.notebook = notebook
        self.toggle = widgets.ToggleButtons(
            options=[(language_name(code), code) for code in LANGUAGES], value=get_language())
        self.toggle.add_class("course-language")
        self.message = widgets.HTML()
        self.toggle.observe(self._changed, names="value")
        self.widget = widgets.VBox([self.toggle, self.message])
        self._describe()

    def _changed(self, change) -> None:
        set_language(change["new"])
        self._describe()

    def _describe(self) -> None:
        lang = get_language()
        text = html.escape(t("core.language_set", language=language_name(lang)))
        if self.notebook:
            text += " · " + t("core.language_notebook_link", link=f"../{lang}/{self.notebook}")
        self.message.value = text


def self_check() -> widgets.HTML:
    """A line confirming that Python and the course's main packages are there, with versions."""
    import ipywidgets
    import matplotlib
    import pandas

    message = t("core.self_check_ok", python=platform.python_version(), ipywidgets=ipywidgets.__version__,
                matplotlib=matplotlib.__version__, pandas=pandas.__version__)
    box = widgets.HTML(f"<div style='border-left:4px solid #009E73;padding:4px 10px'>✓ {html.escape(message)}</div>")
    box.add_class("course-self-check")
    return box
