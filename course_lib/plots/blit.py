"""Fast widget redraws: lay a figure out once, draw its static part once, draw only what moves.

A widget chart (a class that builds its figure once and updates artists) gets two things here:

* :func:`freeze_cached` runs the constrained layout once and keeps it (as
  :func:`~course_lib.plots.style.freeze_layout`); the axes positions found are remembered under a
  key (the chart's class, language, projector mode, size and whatever else sets its labels), so the
  next chart with the same key (the learner runs the cell again, or opens the app a second time)
  skips the layout solver. A new kernel starts from the positions shipped with the course for the
  figures its notebooks and projector apps show first (:mod:`~course_lib.plots.layout_store`).
* :func:`blit_png` renders the figure to PNG drawing only what moves. The static part (axes, ticks,
  labels, titles, legends: text is most of what a draw costs) is drawn once into a background and
  restored for each redraw, as interactive matplotlib does when it blits; it is redrawn when the
  chart's ``_key()`` (limits and anything else the background shows) changes. Backgrounds are kept
  per chart and, for charts with a ``_layout_key``, shared with later charts of the same key.

A chart class defines ``_moving()`` (``(axes, artist)`` pairs, drawn in that order over the
background) and ``_key()``, and sets ``png = blit_png``. A moving artist that is hidden is simply not
drawn. Everything the background holds must follow from the two keys.

Example:
    >>> from course_lib.plots.style import new_figure
    >>> class Chart:
    ...     def __init__(self):
    ...         self.fig, self.ax = new_figure(figsize=(4, 3))
    ...         (self.line,) = self.ax.plot([0, 1], [0, 1])
    ...         self.ax.set_title("Demo")
    ...         freeze_cached(self.fig, ("doctest-chart",) + figure_key(self.fig))
    ...     def _moving(self):
    ...         return [(self.ax, self.line)]
    ...     def _key(self):
    ...         return (self.ax.get_xlim(), self.ax.get_ylim())
    ...     png = blit_png
    >>> Chart().png()[:4] == b"\\x89PNG"
    True
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Hashable

from .style import freeze_layout, presentation

_LAYOUTS: "OrderedDict[Hashable, list]" = OrderedDict()
_BACKGROUNDS: "OrderedDict[Hashable, Any]" = OrderedDict()
_MAX_LAYOUTS = 64
_MAX_BACKGROUNDS = 24      # a background is width x height x 4 bytes (about 2 MB for a wide figure)


def figure_key(fig, *extra) -> tuple:
    """What a figure's layout depends on beyond its own artists: language, projector mode, size, dpi."""
    from ..i18n import get_language

    return (get_language(), presentation(), tuple(float(v) for v in fig.get_size_inches()), float(fig.dpi), *extra)


def _positions(fig) -> list:
    """Where the layout put things: each axes' original and active box, the figure's titles."""
    out = [("axes", None, ax.get_position(original=True).frozen(), ax.get_position(original=False).frozen())
           for ax in fig.axes]
    for name in ("_suptitle", "_supxlabel", "_supylabel"):
        text = getattr(fig, name, None)
        if text is not None:
            out.append(("text", name, text.get_position(), None))
    return out


def freeze_cached(fig, key: Hashable | None, adjust=None) -> bool:
    """Freeze ``fig``'s layout, reusing the positions found earlier for ``key``; ``True`` if reused.

    ``adjust()`` (optional) runs after a fresh layout and before the positions are stored (e.g. to
    leave room at an edge); with reused positions it does not run, its effect is in them.
    ``key=None`` always lays out afresh. A key seen in no earlier figure of this kernel may have its
    positions in the layouts shipped with the course (:mod:`~course_lib.plots.layout_store`).
    """
    saved = _LAYOUTS.get(key) if key is not None else None
    if saved is None and key is not None:
        from .layout_store import lookup

        saved = lookup(key)  # what a fresh kernel found for this key, shipped with the course
    if saved is not None and sum(1 for s in saved if s[0] == "axes") == len(fig.axes):
        fig.set_layout_engine(None)
        axes = iter(fig.axes)
        for kind, name, first, second in saved:
            if kind == "axes":
                ax = next(axes)
                ax.set_position(first, which="original")
                ax.set_position(second, which="active")
            else:
                text = getattr(fig, name, None)
                if text is not None:
                    text.set_position(first)
        _remember(key, saved)
        return True
    freeze_layout(fig)
    if adjust is not None:
        adjust()
    if key is not None:
        _remember(key, _positions(fig))
    return False


def _remember(key: Hashable, positions: list) -> None:
    """Keep ``positions`` for ``key`` as the most recently used, within ``_MAX_LAYOUTS``."""
    _LAYOUTS[key] = positions
    _LAYOUTS.move_to_end(key)
    while len(_LAYOUTS) > _MAX_LAYOUTS:
        _LAYOUTS.popitem(last=False)


def _over(moving) -> list:
    """The axes' grids (``Axis`` objects) and spines a full draw puts over some moving artist
    (bars sit below both): they leave the background and are drawn with the moving artists."""
    axes, out = [], []
    for ax, _artist in moving:
        if ax not in axes:
            axes.append(ax)
    for ax in axes:
        mine = [a.get_zorder() for a_ax, a in moving if a_ax is ax]
        low = min(mine) if mine else None
        if low is None:
            continue
        for axis in (ax.xaxis, ax.yaxis):
            # grid lines are drawn by their axis, at the axis' zorder (1.5 under rc axes.axisbelow="line")
            if axis._major_tick_kw.get("gridOn", False) and low < axis.get_zorder():
                out.append(axis)
        out += [spine for spine in ax.spines.values() if spine.get_visible() and low < spine.get_zorder()]
    return out


def _show(spines, grids, visible: bool) -> None:
    """Show or hide the spines and the grids (of ``Axis`` objects) that are drawn over moving artists."""
    for spine in spines:
        spine.set_visible(visible)
    for axis in grids:
        axis._major_tick_kw["gridOn"] = visible
        for tick in axis.get_major_ticks():
            tick.gridline.set_visible(visible)


def _grid_lines(axis) -> list:
    return [tick.gridline for tick in axis._update_ticks() if tick.gridline.get_visible()]


def _audit(fig) -> None:
    import os

    if os.environ.get("COURSE_AUDIT_NUMBERS") == "1":
        from .. import format_audit

        format_audit.audit_figure(fig, draw=False)


def _encode(canvas) -> bytes:
    import numpy as np

    from .live import encode_png

    # level 1: about as fast as no compression and the PNG is many times smaller (less to send)
    return encode_png(np.asarray(canvas.buffer_rgba()), 1)


def blit_png(self) -> bytes:
    """The chart's figure as PNG, drawing only what moves (see the module docstring)."""
    import numpy as np
    from matplotlib.axis import Axis
    from matplotlib.text import Text

    from .live import attach
    from .style import localize_ticks

    fig = self.fig
    # a live canvas: its renderer pastes each piece of text from a cache (plots/live.py); the
    # moving texts (legends, titles, value labels) are most of what a blitted redraw costs
    canvas = attach(fig).canvas
    moving = self._moving()
    over = _over(moving)
    key = self._key()
    shared = getattr(self, "_layout_key", None)
    shared_key = (shared, key) if shared is not None else None
    renderer = canvas.get_renderer()
    if getattr(self, "_background", None) is None or getattr(self, "_background_key", None) != key:
        background = _BACKGROUNDS.get(shared_key) if shared_key is not None else None
        if background is None:
            localize_ticks(fig)
            # moving texts are blanked rather than hidden: a title keeps the place the axes give it
            texts = [(a, a.get_text()) for _, a in moving if isinstance(a, Text)]
            grids = [item for item in over if isinstance(item, Axis)]
            spines = [item for item in over if not isinstance(item, Axis)]
            _show(spines, grids, False)
            shown = [artist.get_visible() for _, artist in moving]
            for _, artist in moving:
                if not isinstance(artist, Text):
                    artist.set_visible(False)
            for artist, _ in texts:
                artist.set_text("")
            try:
                canvas.draw()
            finally:
                for (_, artist), visible in zip(moving, shown):
                    artist.set_visible(visible)
                for artist, text in texts:
                    artist.set_text(text)
                _show(spines, grids, True)
            # the whole buffer: matplotlib's copy_from_bbox(fig.bbox) leaves out the last column,
            # which then kept whatever an earlier redraw left there
            background = np.array(canvas.buffer_rgba(), copy=True)
            if shared_key is not None:
                _BACKGROUNDS[shared_key] = background
                while len(_BACKGROUNDS) > _MAX_BACKGROUNDS:
                    _BACKGROUNDS.popitem(last=False)
        else:
            _BACKGROUNDS.move_to_end(shared_key)
        self._background, self._background_key = background, key
    target = np.asarray(canvas.buffer_rgba())
    if target.shape != self._background.shape:    # the figure was resized: draw the background again
        self._background = None
        _BACKGROUNDS.pop(shared_key, None)
        return blit_png(self)
    target[...] = self._background
    drawn = [(artist.get_zorder(), artist) for _ax, artist in moving if artist.get_visible()]
    for item in over:
        if isinstance(item, Axis):
            drawn += [(item.get_zorder(), line) for line in _grid_lines(item)]
        else:
            drawn.append((item.get_zorder(), item))
    # in the order a full draw uses: by zorder, ties in the order given
    for _z, artist in sorted(drawn, key=lambda pair: pair[0]):
        artist.draw(renderer)
    _audit(fig)         # the moving texts (the background's were audited when it was drawn)
    return _encode(canvas)


def stable_limit(ax, low: float, high: float, which: str = "y") -> None:
    """Set an axis' limits to (low, high) unless the current ones already hold them without wasting
    more than a third of the axis: small changes keep the axes (and the blitted background) still.

    Example:
        >>> from course_lib.plots.style import new_figure
        >>> fig, ax = new_figure()
        >>> _ = ax.set_ylim(0, 10); stable_limit(ax, 1, 9); [float(v) for v in ax.get_ylim()]
        [0.0, 10.0]
    """
    cur_low, cur_high = ax.get_ylim() if which == "y" else ax.get_xlim()
    span, cur_span = high - low, cur_high - cur_low
    if cur_low <= low and cur_high >= high and cur_span <= 1.5 * span:
        return
    (ax.set_ylim if which == "y" else ax.set_xlim)(low, high)


def snapped(low: float, high: float, parts: float = 4.0) -> tuple[float, float]:
    """``(low, high)`` widened to the next multiples of a round unit (a ``parts``-th of the span's
    power of ten): a function of the data alone (the same values give the same axes whatever came
    before), and nearby values give the same limits, so the blitted background stays valid.

    Example:
        >>> snapped(1234.0, 5678.0)
        (1000.0, 5750.0)
    """
    import math

    span = high - low
    if not (math.isfinite(span) and span > 0):
        return float(low), float(high)
    unit = 10 ** math.floor(math.log10(span)) / parts
    return float(math.floor(low / unit) * unit), float(math.ceil(high / unit) * unit)


def clear_caches() -> None:
    """Forget every remembered layout and background (tests; after changing fonts or styles)."""
    _LAYOUTS.clear()
    _BACKGROUNDS.clear()
