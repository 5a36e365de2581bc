"""Figures for module 04: the decision-rights heatmap and the delegation-level chart.

Both come as a small class that builds its figure once and updates artists on
``update(...)`` (fast widget redraws), plus a function that returns a finished
``Figure`` for notebooks.

Example:
    >>> from course_lib.delegation import preset_matrix
    >>> fig = plot_board(preset_matrix("today"))
    >>> type(fig).__name__
    'Figure'
"""
from __future__ import annotations

import textwrap
from typing import Any, Iterable, Mapping

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.patches import Rectangle

from .. import delegation as dl
from ..i18n import format_number, format_percent, t
from .blit import blit_png, figure_key, freeze_cached
from .style import DARK, LIGHT, PALETTE, new_figure, set_alt

# cell codes -> colours: empty, I, C, R, A, A/R, invalid
_CODES = {"": 0, "I": 1, "C": 2, "R": 3, "A": 4, "A/R": 5}
_INVALID = 6
_COLOURS = [LIGHT["white"], LIGHT["mist"], LIGHT["sand"], PALETTE["sky"], PALETTE["blue"], PALETTE["navy"], PALETTE["vermillion"]]
_TEXT_ON_DARK = {4, 5, 6}
_CMAP = ListedColormap(_COLOURS)


def _code(cell: Any) -> int:
    letters, bad = dl.parse_cell(cell)
    if bad or (letters & {"A", "R"} and letters & {"C", "I"}) or (letters and dl.canonical_cell(letters) not in _CODES):
        return _INVALID
    return _CODES[dl.canonical_cell(letters)]


_MARKERS: dict = {}


def _letter_marker(cell: str):
    """The letters of a cell in bold as a marker, made once per kernel.

    The glyphs' outline, centred, as a path marker: the same size and place as the mathtext marker
    ``$\\mathbf{A}$`` (both scale the text's larger side to the marker size), without building
    matplotlib's mathtext parser, which took about 0.25 s of the board's first display in a new kernel.
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.markers import MarkerStyle
    from matplotlib.path import Path
    from matplotlib.textpath import TextPath

    if cell not in _MARKERS:
        glyphs = TextPath((0, 0), cell, size=10, prop=FontProperties(family="DejaVu Sans", weight="bold"))
        (xmin, ymin), (xmax, ymax) = glyphs.vertices.min(axis=0), glyphs.vertices.max(axis=0)
        centre = ((xmin + xmax) / 2, (ymin + ymax) / 2)
        _MARKERS[cell] = MarkerStyle(Path(glyphs.vertices - centre, glyphs.codes))
    return _MARKERS[cell]


def _wrap(text: str, width: int = 30) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


class BoardHeatmap:
    """Decisions x roles heatmap of a RACI board. Rows where she answers for a result
    whose input she does not decide are marked ⚠ in red; rows where she does the work
    while someone else holds A are marked ◐ in orange (their own category).

    ``update(matrix, gap_decisions, score, working)`` changes only the artists.
    """

    def __init__(self, decisions: Iterable[str] | None = None, roles: Iterable[str] | None = None,
                 focus_role: str = "sales_manager"):
        self.decisions = list(decisions) if decisions is not None else list(dl.DECISIONS)
        self.roles = list(roles) if roles is not None else list(dl.ROLES)
        self.focus_role = focus_role
        n, m = len(self.decisions), len(self.roles)
        self.fig, self.ax = new_figure(figsize=(8.6, 0.42 * n + 1.9))
        FigureCanvasAgg(self.fig)
        ax = self.ax
        ax.grid(False)
        # one quad per cell (a mesh, not an image: nothing to resample on each redraw)
        self.image = ax.pcolormesh(np.arange(-0.5, m), np.arange(-0.5, n), np.zeros((n, m)), cmap=_CMAP,
                                   vmin=-0.5, vmax=len(_COLOURS) - 0.5, shading="flat", antialiased=False,
                                   edgecolors="none", linewidth=0, zorder=0)
        # Valid letters are drawn as text markers, one scatter per letter: Agg rasterises a marker
        # once per draw and stamps it, which is far cheaper than laying out dozens of Text artists.
        # Text artists are used only for cells holding something unknown (shown as written).
        self.letters = {}
        for cell, code in _CODES.items():
            if not cell:
                continue
            size = 340 if cell == "A/R" else 75
            colour = "white" if code in _TEXT_ON_DARK else "black"
            self.letters[cell] = ax.scatter([], [], marker=_letter_marker(cell), s=size, c=colour, linewidths=0,
                                            zorder=3)
        # made when a cell first holds something unknown (``None`` until then)
        self.texts: list[list[Any]] = [[None] * m for _ in range(n)]
        ax.set_xticks(range(m), [dl.role_label(r, short=True) for r in self.roles], rotation=0, fontsize=9)
        ax.xaxis.tick_top()
        ax.tick_params(length=0)
        self.base_labels = [_wrap(dl.decision_label(d)) for d in self.decisions]
        ax.set_yticks(range(n), self.base_labels, fontsize=9)
        self.grid_lines = [ax.hlines(np.arange(-0.5, n, 1), -0.5, m - 0.5, color=LIGHT["rule"], linewidth=0.6),
                           ax.vlines(np.arange(-0.5, m, 1), -0.5, n - 0.5, color=LIGHT["rule"], linewidth=0.6)]
        ax.set_xlim(-0.5, m - 0.5)
        ax.set_ylim(n - 0.5, -0.5)
        for spine in ax.spines.values():
            spine.set_visible(False)
        self.focus_box = None
        if focus_role in self.roles:
            j = self.roles.index(focus_role)
            self.focus_box = ax.add_patch(Rectangle((j - 0.5, -0.5), 1, n, fill=False, edgecolor=PALETTE["black"],
                                                    linewidth=2.2))
        self.title = self.fig.suptitle(t("delegation.plot.board_title", role=dl.role_label(focus_role)),
                                       fontsize=11, fontweight="bold")
        self.key_text = ax.text(0.0, -0.02, t("delegation.plot.board_key"), transform=ax.transAxes, ha="left",
                                va="top", fontsize=9)
        self.score_text = ax.text(1.0, -0.02, "", transform=ax.transAxes, ha="right", va="top", fontsize=10)
        self._flags: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
        # Lay out once with the widest labels (all flagged), then freeze the layout:
        # redraws then skip the costly constrained-layout pass. A second board of the same
        # decisions and roles (the cell run again) reuses the positions (plots/blit.py).
        self._set_flags(tuple(self.decisions), ())
        self.score_text.set_text(t("delegation.plot.score", score=format_percent(1.0, 0)))
        self._layout_key = ("BoardHeatmap", tuple(self.decisions), tuple(self.roles), focus_role) \
            + figure_key(self.fig)
        freeze_cached(self.fig, self._layout_key)
        self._set_flags((), ())

    # A redraw draws the cells, letters, grid and score over a background holding the labels,
    # titles and key (drawn once per set of flagged rows): see plots/blit.py.
    def _moving(self):
        ax = self.ax
        inside = [self.image, *([self.focus_box] if self.focus_box is not None else []), *self.grid_lines,
                  *self.letters.values()]
        texts = [txt for row in self.texts for txt in row if txt is not None and txt.get_visible()]
        return [(ax, a) for a in inside + texts + [self.score_text]]

    def _key(self):
        return self._flags

    png = blit_png

    def _set_flags(self, gaps: tuple[str, ...], working: tuple[str, ...]) -> None:
        self._flags = (gaps, working)

        def mark(d):
            return "◐ " if d in working else ("⚠ " if d in gaps else "")

        self.ax.set_yticks(range(len(self.decisions)), [mark(d) + b for d, b in zip(self.decisions, self.base_labels)])
        for label, d in zip(self.ax.get_yticklabels(), self.decisions):
            colour = DARK["violet"] if d in working else (PALETTE["vermillion"] if d in gaps else "black")
            label.set_color(colour)
            label.set_fontweight("bold" if d in gaps else "normal")

    def update(self, matrix: Any, gap_decisions: Iterable[str] = (), score: float | None = None,
               working: Iterable[str] = ()) -> None:
        frame = dl.to_frame(matrix)
        data = np.zeros((len(self.decisions), len(self.roles)))
        points: dict[str, list[tuple[int, int]]] = {cell: [] for cell in self.letters}
        for i, d in enumerate(self.decisions):
            for j, r in enumerate(self.roles):
                cell = frame.at[d, r] if (d in frame.index and r in frame.columns) else ""
                code = _code(cell)
                data[i, j] = code
                txt = self.texts[i][j]
                if code == _INVALID:
                    if txt is None:
                        txt = self.texts[i][j] = self.ax.text(j, i, "", ha="center", va="center", fontsize=10,
                                                              fontweight="bold", color="white")
                    txt.set_text(str(cell))
                    txt.set_visible(True)
                    continue
                if txt is not None and txt.get_visible():
                    txt.set_text("")
                    txt.set_visible(False)
                label = dl.canonical_cell(dl.parse_cell(cell)[0])
                if label:
                    points[label].append((j, i))
        for cell, collection in self.letters.items():
            collection.set_offsets(np.array(points[cell], dtype=float).reshape(-1, 2))
        self.image.set_array(data)
        gaps = tuple(d for d in self.decisions if d in set(gap_decisions))
        busy = tuple(d for d in gaps if d in set(working))
        if (gaps, busy) != self._flags:
            self._set_flags(gaps, busy)
        self.score_text.set_text(t("delegation.plot.score", score=format_percent(score, 0)) if score is not None else "")
        decides, works = _decides_and_works(data, self.roles.index(self.focus_role)) \
            if self.focus_role in self.roles else (0, 0)
        text = t("delegation.plot.alt_board", decisions=len(self.decisions), roles=len(self.roles),
                 role=dl.role_label(self.focus_role) if self.focus_role in self.roles else "",
                 decides=decides, works=works)
        if score is not None:
            text += " " + t("delegation.plot.score", score=format_percent(score, 0)) + "."
        text += " " + (t("delegation.plot.alt_gaps", count=len(gaps),
                         names="; ".join(dl.decision_label(d) for d in gaps))
                       if gaps else t("delegation.plot.alt_no_gaps"))
        set_alt(self.fig, text)


def _decides_and_works(data: np.ndarray, j: int) -> tuple[int, int]:
    """Rows of the board where column ``j`` holds A (hers, as in :func:`course_lib.delegation.controls`)
    and rows where it is R while another column holds A (:func:`course_lib.delegation.works_under`)."""
    holds_a = np.isin(data, (_CODES["A"], _CODES["A/R"]))
    decides = int(holds_a[:, j].sum())
    others_a = np.delete(holds_a, j, axis=1).any(axis=1)
    works = int(((data[:, j] == _CODES["R"]) & others_a).sum())
    return decides, works


def gap_decisions(report: dl.ControllabilityReport) -> tuple[str, ...]:
    """Decisions missing from any gap in a report, in board order."""
    missing = {d for g in report.gaps for d in g.missing}
    return tuple(d for d in dl.DECISIONS if d in missing)


def working_decisions(report: dl.ControllabilityReport) -> tuple[str, ...]:
    """Decisions in a report's gaps where she does the work while someone else holds A."""
    return tuple(report.working)


def plot_board(matrix: Any, measured_kpis: Iterable[str] | None = None, role: str | None = None):
    """Heatmap of a decision-rights board with the controllability gaps of ``role`` marked.

    Example:
        >>> from course_lib.delegation import preset_matrix
        >>> fig = plot_board(preset_matrix("proposal"), ["new_sales"])
    """
    report = dl.controllability_gaps(matrix, measured_kpis, role=role)
    frame = dl.to_frame(matrix)
    decisions = [d for d in frame.index] or list(dl.DECISIONS)
    roles = [r for r in frame.columns] or list(dl.ROLES)
    chart = BoardHeatmap(decisions, roles, focus_role=report.role)
    chart.update(frame, gap_decisions(report), report.score, working_decisions(report))
    return chart.fig


class LevelsChart:
    """Per decision: the reference range (bar), the reference (diamond), your choice (dot)
    and, if given, the class's choices (grey circles sized by count)."""

    def __init__(self, decisions: Iterable[str] | None = None):
        self.decisions = list(decisions) if decisions is not None else list(dl.DECISIONS)
        n = len(self.decisions)
        self.fig, self.ax = new_figure(figsize=(8.6, 0.42 * n + 1.6))
        FigureCanvasAgg(self.fig)
        ax = self.ax
        y = np.arange(n)
        refs = [dl.REFERENCE_LEVELS[d] for d in self.decisions]
        self.ref_bars = ax.barh(y, [r.high - r.low + 0.6 for r in refs], left=[r.low - 0.3 for r in refs], height=0.55,
                color=PALETTE["sky"], alpha=0.35, label=t("delegation.levels.reference_range"))
        self.ref_points = ax.scatter([r.level for r in refs], y, marker="D", s=55, color=PALETTE["blue"], zorder=3,
                   label=t("delegation.levels.reference"))
        self.klass = ax.scatter([], [], s=[], color=PALETTE["grey"], alpha=0.85, zorder=2,
                                label=t("delegation.levels.class"))
        self.you = ax.scatter([], [], marker="o", s=90, color=PALETTE["orange"], edgecolor="black",
                              zorder=4, label=t("delegation.levels.you"))
        ax.set_yticks(y, [_wrap(dl.decision_label(d), 32) for d in self.decisions], fontsize=9)
        ax.set_ylim(n - 0.35, -0.5)
        ax.set_xlim(0.5, 7.5)
        ax.set_xticks(range(1, 8), ["\n".join(textwrap.wrap(dl.level_label(i), 12)) for i in range(1, 8)],
                      fontsize=8.5)
        ax.set_xlabel(t("delegation.levels.axis"))
        ax.grid(True, axis="x")
        ax.grid(False, axis="y")
        from matplotlib.lines import Line2D
        handles, labels = ax.get_legend_handles_labels()
        idx = labels.index(t("delegation.levels.class"))
        handles[idx] = Line2D([], [], marker="o", linestyle="", markersize=8, color=PALETTE["grey"], alpha=0.85)
        self.fig.legend(handles, labels, loc="outside lower center", ncol=4, fontsize=8.5)
        # Everything but the points is static: lay out once, then freeze for fast redraws.
        self._layout_key = ("LevelsChart", tuple(self.decisions)) + figure_key(self.fig)
        freeze_cached(self.fig, self._layout_key)
        self.reference_visible = True

    # A redraw draws the learner's and the class's points over a background holding the rest
    # (drawn once per state of the reference): see plots/blit.py.
    def _moving(self):
        return [(self.ax, self.klass), (self.ax, self.ref_points), (self.ax, self.you)]

    def _key(self):
        return (self.reference_visible,)

    png = blit_png

    def show_reference(self, visible: bool = True) -> None:
        """Show or hide the reference (hidden until the learner asks to compare)."""
        for bar in self.ref_bars:
            bar.set_visible(visible)
        self.ref_points.set_visible(visible)
        self.reference_visible = bool(visible)
        if getattr(self, "choices", None) is not None:
            self._set_alt()

    def _set_alt(self) -> None:
        chosen = [d for d in self.decisions if self.choices.get(d)]
        parts = []
        for d in chosen:
            part = f"{dl.decision_label(d)}: {format_number(self.choices[d], 0)}"
            if self.reference_visible:
                ref = dl.REFERENCE_LEVELS[d]
                part += " " + t("delegation.levels.alt_reference", level=format_number(ref.level, 0),
                                low=format_number(ref.low, 0), high=format_number(ref.high, 0))
            parts.append(part)
        text = t("delegation.levels.alt", chosen=len(chosen), total=len(self.decisions))
        set_alt(self.fig, text + (" " + "; ".join(parts) + "." if parts else ""))

    def update(self, choices: Mapping[str, int], spread=None) -> None:
        self.choices = dict(choices)
        self._set_alt()
        pts = [(choices[d], i) for i, d in enumerate(self.decisions) if choices.get(d)]
        self.you.set_offsets(np.array(pts, dtype=float).reshape(-1, 2))
        cls = []
        sizes = []
        if spread is not None and len(spread):
            for i, d in enumerate(self.decisions):
                if d in spread.index:
                    for level, count in enumerate(spread.loc[d, "counts"], start=1):
                        if count:
                            cls.append((level, i + 0.3))
                            sizes.append(15 + 25 * count)
        self.klass.set_offsets(np.array(cls, dtype=float).reshape(-1, 2))
        self.klass.set_sizes(np.array(sizes, dtype=float))


def plot_levels(choices: Mapping[str, int], class_responses: Iterable[Mapping[str, int]] | None = None):
    """Chosen delegation levels against the reference (and the class, if given).

    Example:
        >>> fig = plot_levels({"hire_sellers": 6}, [{"hire_sellers": 3}])
    """
    chart = LevelsChart()
    spread = dl.level_spread(class_responses) if class_responses else None
    chart.update(dl.check_levels(choices)["chosen"].to_dict() if choices else {}, spread)
    return chart.fig
