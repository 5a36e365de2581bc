"""Module 04 apps: the decision-rights board and the delegation-level chooser.

``DecisionRightsBoard``: a grid of decisions x roles with one Dropdown (R/A/C/I/A/R)
per cell, live RACI validation, a controllability panel in plain words and a
heatmap that is redrawn in place. Presets: ``today``, ``proposal``, ``empty``.
The board is saved to the progress store (section ``decision_rights``) so the
capstone can reuse it.

``DelegationLevelsApp``: per decision a level 1-7; compare with the reasoned
reference and, in a workshop, with the class. Choices are saved to the progress
store (section ``delegation_levels``, key ``choices``) on every change.

Example:
    >>> app = DecisionRightsBoard()                                  # doctest: +SKIP
    >>> app.cells["ict_budget", "sales_manager"].value = "A/R"       # doctest: +SKIP
    >>> app.report.score                                             # doctest: +SKIP
"""
from __future__ import annotations

import html
from typing import Iterable, Mapping

import ipywidgets as widgets

from .. import delegation as dl
from ..i18n import pick, t
from ..plots.delegation import BoardHeatmap, LevelsChart, gap_decisions, working_decisions
from ..progress import get_store
from ..plots.style import figure_alt
from . import args as _args
from .base import App, FigureView, ErrorBox, guarded, show_png

BOARD_SECTION = "decision_rights"
LEVELS_SECTION = "delegation_levels"
_MAX_PROBLEMS = 8


def _cell_options() -> list[tuple[str, str]]:
    return [("–" if o == "" else o, o) for o in dl.CELL_OPTIONS]


class DecisionRightsBoard(App):
    """Who decides what around the sales manager, with live validation and gap check.

    Attributes for tests and notebooks: ``cells[(decision, role)]`` (Dropdowns),
    ``preset`` and ``load_button``, ``measured`` (SelectMultiple of KPIs),
    ``name`` and ``save_button``, ``validation`` and ``gaps_panel`` (HTML),
    ``out`` (the heatmap), and the last results ``matrix``, ``problems``, ``report``.
    """

    def __init__(self, preset: str | None = None, measured_kpis: Iterable[str] | None = None,
                 role: str | None = None):
        dl._kpi_list(measured_kpis)  # a translated ValueError for a wrong type or an unknown KPI, before any widget
        self.role = dl.FOCUS_ROLE if role is None else dl.role_id(role)
        preset = dl.PRESETS[0] if preset is None else preset
        if not isinstance(preset, str) or preset not in dl.PRESETS:
            dl.preset_matrix(preset)  # raises a translated ValueError listing the presets
        self.decisions = list(dl.DECISIONS)
        self.roles = list(dl.ROLES)
        self.error = ErrorBox()
        self._bulk = False
        self.store = get_store()

        self.preset = widgets.Dropdown(
            options=[(dl.preset_label(p), p) for p in dl.PRESETS], value=preset,
            description=t("delegation.board.preset"), style={"description_width": "initial"})
        self.load_button = widgets.Button(description=t("delegation.board.load"), icon="refresh")
        self.load_button.on_click(guarded(self.error)(lambda _b: self.load_preset(self.preset.value)))

        self.cells: dict[tuple[str, str], widgets.Dropdown] = {}
        header = [widgets.HTML(f"<b>{html.escape(t('delegation.board.decision_header'))}</b>")]
        header += [widgets.HTML(f"<b>{html.escape(dl.role_label(r, short=True))}</b>",
                                layout={"justify_content": "center"}) for r in self.roles]
        rows = header
        callback = guarded(self.error)(self._on_cell)
        options = _cell_options()
        start = dl.to_frame(dl.preset_matrix(preset))       # the cells are made holding the preset

        def first(d, r):
            value = start.at[d, r] if (d in start.index and r in start.columns) else ""
            return value if value in dl.CELL_OPTIONS else ""

        for d in self.decisions:
            label = widgets.HTML(f"<div style='white-space:normal;line-height:1.15'>"
                                 f"{html.escape(dl.decision_label(d))}</div>")
            label.add_class("course-board-decision")
            rows.append(label)
            for r in self.roles:
                # the description names the cell for screen readers; zero width keeps the grid as drawn
                dd = widgets.Dropdown(options=options, value=first(d, r), layout={"width": "auto"},
                                      description=f"{dl.decision_label(d)} – {dl.role_label(r)}",
                                      style={"description_width": "0px"})  # one model for all cells
                dd.add_class("course-hidden-label")
                dd.add_class("course-board-cell")
                dd.add_class(f"course-cell-{d}-{r}")
                dd.observe(callback, names="value")
                self.cells[d, r] = dd
                rows.append(dd)
        self.grid = widgets.GridBox(rows, layout=widgets.Layout(
            grid_template_columns=f"minmax(170px, 2.2fr) repeat({len(self.roles)}, minmax(64px, 1fr))",
            grid_gap="2px 4px", width="100%"))

        self.measured = widgets.SelectMultiple(
            options=[(dl.kpi_label(k), k) for k in dl.KPIS],
            value=dl._kpi_list(measured_kpis),
            rows=len(dl.KPIS), description=t("delegation.board.measured"),
            style={"description_width": "initial"}, layout={"width": "320px"})
        self.measured.observe(guarded(self.error)(lambda _c: self.refresh()), names="value")

        self.validation = widgets.HTML()
        self.validation.add_class("course-board-validation")
        self.gaps_panel = widgets.HTML()
        self.gaps_panel.add_class("course-board-gaps")
        self.out = FigureView()
        self.out.add_class("course-board-heatmap")

        self.name = widgets.Text(value="", placeholder="my board", description=t("delegation.board.name"))
        self.save_button = widgets.Button(description=t("delegation.board.save"), icon="save",
                                          button_style="primary")
        self.save_button.on_click(guarded(self.error)(lambda _b: self.save()))
        self.status = widgets.HTML()

        self.chart = BoardHeatmap(self.decisions, self.roles, focus_role=self.role)
        legend = widgets.HTML(f"<i>{html.escape(t('delegation.board.legend'))}</i>")
        title = widgets.HTML(f"<h3>{html.escape(t('delegation.board.title'))}</h3>")
        self.widget = widgets.VBox([
            title, widgets.HBox([self.preset, self.load_button]), legend, self.grid, self.error,
            self.validation, widgets.HBox([self.measured, self.gaps_panel]), self.out,
            widgets.HBox([self.name, self.save_button]), self.status,
        ])
        self.widget.add_class("course-decision-board")
        self.matrix = dl.empty_matrix()
        self.problems: list[dl.RaciProblem] = []
        self.report: dl.ControllabilityReport | None = None
        self.refresh()

    # ------------------------------------------------------------------ state
    def current_matrix(self):
        """The board as a DataFrame (decisions x roles)."""
        frame = dl.empty_matrix(self.decisions, self.roles)
        for (d, r), dd in self.cells.items():
            if dd.value:
                frame.at[d, r] = dd.value
        return frame

    def set_matrix(self, matrix) -> None:
        """Put a table on the board (cells not in it become empty) and recompute once."""
        frame = dl.to_frame(matrix)
        self._bulk = True
        try:
            for (d, r), dd in self.cells.items():
                value = frame.at[d, r] if (d in frame.index and r in frame.columns) else ""
                dd.value = value if value in dl.CELL_OPTIONS else ""
        finally:
            self._bulk = False
        self.refresh()

    def load_preset(self, name: str) -> None:
        self.set_matrix(dl.preset_matrix(name))

    def _on_cell(self, _change) -> None:
        if not self._bulk:
            self.refresh()

    # ------------------------------------------------------------------ recompute and draw
    def refresh(self) -> None:
        self.matrix = self.current_matrix()
        self.problems = dl.validate_raci(self.matrix)
        self.report = dl.controllability_gaps(self.matrix, self.measured.value, role=self.role)
        self.validation.value = self._validation_html()
        self.gaps_panel.value = self._gaps_html()
        self.chart.update(self.matrix, gap_decisions(self.report), self.report.score, working_decisions(self.report))
        show_png(self.out, self.chart.png(), figure_alt(self.chart.fig))

    def _validation_html(self) -> str:
        if not self.problems:
            return f"<div style='color:#007A5A'><b>{html.escape(t('delegation.board.valid'))}</b></div>"
        items = "".join(f"<li>{html.escape(str(p))}</li>" for p in self.problems[:_MAX_PROBLEMS])
        more = len(self.problems) - _MAX_PROBLEMS
        if more > 0:
            items += f"<li><i>{html.escape(t('delegation.board.more', count=more))}</i></li>"
        head = html.escape(t("delegation.board.problems", count=len(self.problems)))
        return f"<div style='color:#B34700'><b>{head}</b><ul style='margin:2px 0'>{items}</ul></div>"

    def _gaps_html(self) -> str:
        r = self.report
        items = "".join(f"<li>{html.escape(line)}</li>" for line in r.lines())
        colour = "#007A5A" if not r.gaps else "#B34700"
        return (f"<div style='padding-left:12px'><b>{html.escape(t('delegation.board.gaps_title'))}</b>"
                f"<p style='color:{colour};margin:4px 0'>{html.escape(r.summary())}</p>"
                f"<ul style='margin:2px 0'>{items}</ul></div>")

    # ------------------------------------------------------------------ save
    def save(self) -> None:
        name = self.name.value.strip()
        if not name:
            raise ValueError(t("delegation.board.name_empty"))
        self.store.put(BOARD_SECTION, name, {
            "matrix": dl.matrix_to_dict(self.matrix),
            "measured": list(self.measured.value),
            "role": self.role,
            "valid": not self.problems,
            "score": self.report.score,
            "gaps": {g.kpi: list(g.missing) for g in self.report.gaps},
        })
        self.status.value = html.escape(t("delegation.board.saved", name=name))


def saved_board(name: str):
    """A board saved from :class:`DecisionRightsBoard` as a DataFrame, or ``None``."""
    entry = get_store().get(BOARD_SECTION, name)
    return dl.to_frame(entry["matrix"]) if entry else None


class DelegationLevelsApp(App):
    """Choose a delegation level 1-7 per decision; compare with the reference and the class.

    Attributes: ``levels[decision]`` (Dropdowns, 0 = not chosen), ``compare_button``,
    ``feedback`` (HTML), ``out`` (chart), and the last results ``choices`` and
    ``comparison`` (see :func:`course_lib.delegation.check_levels`).
    """

    def __init__(self, class_responses: Iterable[Mapping[str, int]] | None = None, key: str = "choices"):
        self.key = _args.text("key", key)
        if class_responses is not None:
            for i, response in enumerate(_args.items("class_responses", class_responses,
                                                     t("args.what.class_responses"))):
                _args.mapping(f"class_responses[{i}]", response, t("args.what.levels"))
        self.store = get_store()
        self.error = ErrorBox()
        self.decisions = list(dl.DECISIONS)
        self.class_responses = list(class_responses or [])
        self.spread = dl.level_spread(self.class_responses) if self.class_responses else None
        self.revealed = False
        options = [("–", 0)] + [(dl.level_label(i), i) for i in range(1, 8)]
        saved = self.store.get(LEVELS_SECTION, key, {}) or {}
        self.levels: dict[str, widgets.Dropdown] = {}
        rows = []
        callback = guarded(self.error)(self._on_change)
        for d in self.decisions:
            start = saved.get(d, 0)
            dd = widgets.Dropdown(options=options, value=start if start in range(8) else 0,
                                  layout={"width": "170px"}, description=dl.decision_label(d),
                                  style={"description_width": "0px"})
            dd.add_class("course-hidden-label")
            dd.add_class(f"course-level-{d}")
            dd.observe(callback, names="value")
            self.levels[d] = dd
            rows += [widgets.HTML(html.escape(dl.decision_label(d))), dd]
        self.grid = widgets.GridBox(rows, layout={"grid_template_columns": "minmax(220px, 2fr) 180px",
                                                  "grid_gap": "2px 8px"})
        meanings = "".join(
            f"<li><b>{html.escape(dl.level_label(lv['level']))}</b>: {html.escape(pick(lv['meaning']))}</li>"
            for lv in dl.DELEGATION_LEVELS)
        intro = widgets.HTML(f"<h3>{html.escape(t('delegation.levels.title'))}</h3>"
                             f"<p>{html.escape(t('delegation.levels.intro'))}</p><ul>{meanings}</ul>")
        self.compare_button = widgets.Button(description=t("delegation.levels.compare"), icon="balance-scale",
                                             button_style="primary", layout={"width": "auto"})
        self.compare_button.on_click(guarded(self.error)(lambda _b: self.reveal()))
        self.status = widgets.HTML()
        self.feedback = widgets.HTML()
        self.feedback.add_class("course-levels-feedback")
        self.out = FigureView()
        self.chart = LevelsChart(self.decisions)
        self.chart.show_reference(False)
        extra = [widgets.HTML(html.escape(t("delegation.levels.class_n", n=len(self.class_responses))))] \
            if self.class_responses else []
        self.widget = widgets.VBox([intro, self.grid, self.error, self.compare_button, self.status, *extra,
                                    self.feedback, self.out])
        self.widget.add_class("course-delegation-levels")
        # --- class sharing (trainer's kit): Delegation Poker votes, under a random id; can be withdrawn
        from .classroom import ShareButton
        self.share = ShareButton("delegation", lambda: dict(self.choices))
        self.widget.children += (self.share.widget,)
        self.choices: dict[str, int] = {}
        self.comparison = dl.check_levels({})
        self.refresh(save=False)

    def _on_change(self, _change) -> None:
        self.refresh()

    def reveal(self) -> None:
        self.revealed = True
        self.chart.show_reference(True)
        self.refresh(save=False)

    def refresh(self, save: bool = True) -> None:
        self.choices = {d: dd.value for d, dd in self.levels.items() if dd.value}
        self.comparison = dl.check_levels(self.choices)
        if save:
            self.store.put(LEVELS_SECTION, self.key, dict(self.choices))
            self.status.value = html.escape(t("delegation.levels.saved", count=len(self.choices)))
        self.feedback.value = self._feedback_html() if self.revealed else ""
        self.chart.update(self.choices, self.spread)
        show_png(self.out, self.chart.png(), figure_alt(self.chart.fig))

    def _feedback_html(self) -> str:
        c = self.comparison
        if c.empty:
            return f"<p>{html.escape(t('core.not_answered'))}</p>"
        items = []
        for d, row in c.iterrows():
            ref = dl.REFERENCE_LEVELS[d]
            key = "within" if row["within"] else ("too_low" if row["chosen"] < ref.low else "too_high")
            colour = "#007A5A" if row["within"] else "#B34700"
            text = t(f"delegation.levels.{key}", decision=dl.decision_label(d), chosen=dl.level_label(row["chosen"]),
                     low=ref.low, high=ref.high, reason=pick(ref.reason))
            items.append(f"<li style='color:{colour}'>{html.escape(text)}</li>")
        head = t("delegation.levels.agreement", within=int(c["within"].sum()), total=len(c))
        return f"<p><b>{html.escape(head)}</b></p><ul>{''.join(items)}</ul>"


def gather_class_levels(paths: Iterable, key: str = "choices") -> list[dict[str, int]]:
    """Collect learners' delegation-level choices for a workshop.

    ``paths`` are learners' ``progress.json`` files or folders holding one (e.g. copied
    from each participant's machine or JupyterHub home). Files that cannot be read,
    or hold no choices, are skipped. Pass the result to
    ``DelegationLevelsApp(class_responses=...)`` to show the spread.
    """
    import json
    from pathlib import Path

    from ..progress import FILE_NAME

    responses = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            path = path / FILE_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            choices = data["sections"][LEVELS_SECTION][key]
            dl.level_spread([choices])  # validates the levels
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if choices:
            responses.append({d: int(v) for d, v in choices.items()})
    return responses
