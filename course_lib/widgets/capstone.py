"""Module 06 app: the motivation package, what is missing and where to make it, the budget and forecast
(module 02), coherence and the rubric.

``CapstoneApp()`` reads the learner's saved work from the progress store. "Fill from the case"
completes the missing parts with the case's values (marked as such); the phase toggle is saved;
the findings and the rubric are shown criterion by criterion; "Make the document" writes the HTML
package next to the notebook.

Example:
    >>> app = CapstoneApp()        # doctest: +SKIP
    >>> app.fill_button.click()    # doctest: +SKIP
"""
from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from .. import capstone as cp
from .. import package_doc as pd_
from ..i18n import get_language, t
from ..progress import get_store
from .base import App, ErrorBox, guarded


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def missing_html(pkg: cp.Package, lang: str | None = None) -> str:
    """The parts not made by the learner, each with the notebook and section to go to."""
    rows = cp.missing_parts(pkg, lang)
    if not rows:
        return f"<p style='color:#007A5A'>{_e(t('capstone.widget.none_missing', lang=lang))}</p>"
    items = "".join(
        f"<li class='course-capstone-missing' data-part='{_e(r['id'])}'><b>{_e(r['name'])}</b> "
        f"({_e(t('capstone.source.' + r['source'], lang=lang))}): "
        f"{_e(t('capstone.doc.missing', notebook=r['notebook'], section=r['section'], lang=lang))}</li>"
        for r in rows)
    return f"<b>{_e(t('capstone.widget.missing_title', lang=lang))}</b><ul>{items}</ul>"


class CapstoneApp(App):
    """The package with its gaps, the coherence findings and the rubric; ``package`` is the current one."""

    def __init__(self, team=None, output_dir: str | Path = ".", pipeline=None):
        self.error = ErrorBox()
        self.team = team
        self.pipeline = pipeline  # a leader's own deals (a frame from cases.load_pipeline), or None
        self.output_dir = Path(output_dir)
        self.filled = False
        saved = get_store().get("capstone", "phase")
        self.phase = widgets.ToggleButtons(
            options=[(t("capstone.widget.phase_loyalty"), "loyalty"), (t("capstone.widget.phase_growth"), "growth")],
            value=saved if saved in cp.PHASES else cp.data()["case"]["phase"], description=t("capstone.widget.phase"))
        self.phase.observe(self._on_phase, names="value")
        self.fill_button = widgets.Button(description=t("capstone.widget.fill"), icon="copy")
        self.fill_button.on_click(lambda _b: guarded(self.error)(self.fill_from_case)())
        self.reload_button = widgets.Button(description=t("capstone.widget.refresh"), icon="refresh")
        self.reload_button.on_click(lambda _b: guarded(self.error)(self.reload)())
        self.doc_button = widgets.Button(description=t("capstone.widget.document"), icon="file")
        self.doc_button.on_click(lambda _b: guarded(self.error)(self.make_document)())
        self.status = widgets.HTML("")
        self.missing = widgets.HTML("")
        self.missing.add_class("course-capstone-missing-box")
        self.budget = widgets.HTML("")
        self.budget.add_class("course-capstone-budget")
        self.findings = widgets.HTML("")
        self.findings.add_class("course-capstone-findings")
        self.rubric = widgets.HTML("")
        self.rubric.add_class("course-capstone-rubric")
        self.widget = widgets.VBox([
            widgets.HTML(f"<h3>{_e(t('capstone.widget.title'))}</h3>"),
            self.phase, widgets.HBox([self.fill_button, self.reload_button, self.doc_button]),
            self.status, self.error, self.missing, self.budget, self.findings, self.rubric])
        self.widget.add_class("course-capstone-app")
        self.package: cp.Package | None = None
        self.score: cp.Score | None = None
        self.refresh()

    def _on_phase(self, _change=None) -> None:
        guarded(self.error)(cp.save_phase)(self.phase.value)
        self.refresh()

    def fill_from_case(self) -> None:
        """Complete the missing parts from the case (your saved parts are kept)."""
        self.filled = True
        self.refresh()
        n = sum(1 for s in self.package.source.values() if s == "case")
        self.status.value = f"<span style='color:#007A5A'>{_e(t('capstone.widget.filled', count=n))}</span>"

    def reload(self) -> None:
        """Read the saved work again (after saving something in another module)."""
        self.filled = False
        self.status.value = ""
        self.refresh()

    def _refresh(self) -> None:
        lang = get_language()
        self.package = cp.gather(fill_from_case=self.filled, team=self.team, phase=self.phase.value, lang=lang,
                                 pipeline=self.pipeline)
        self.score = cp.score(self.package, lang)
        self.missing.value = missing_html(self.package, lang)
        self.budget.value = pd_._budget_section(self.package, lang)
        self.findings.value = pd_._coherence_section(self.package, lang)
        self.rubric.value = pd_._rubric_section(self.package, lang)

    def make_document(self) -> Path:
        """Write the package as HTML in the learner's language; returns the path."""
        lang = get_language()
        path = self.output_dir / f"motivation_package_{lang}.html"
        pd_.write_package(path, "html", lang, pkg=self.package)
        self.status.value = f"<span style='color:#007A5A'>{_e(t('capstone.widget.written', path=str(path)))}</span>"
        return path
