"""Shared look for every course figure: palette, figure factory, axis formatters.

Figures are built with ``matplotlib.figure.Figure`` directly (no pyplot
state), so widget redraws never leak figures and nothing needs closing.

Example:
    >>> fig, ax = new_figure()
    >>> money_axis(ax, "y")
    >>> type(fig).__name__
    'Figure'
"""
from __future__ import annotations

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..i18n import format_money, format_number, format_percent, get_language

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}
SERIES = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")]

_RC = {
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "axes.prop_cycle": matplotlib.cycler(color=SERIES),
}


def new_figure(figsize=(7.5, 4.2), nrows=1, ncols=1, **subplot_kw):
    """A fresh figure in the course style and its axes, ``(fig, ax)``.

    With ``nrows``/``ncols`` above 1, ``ax`` is an array as in ``plt.subplots``.

    Example:
        >>> fig, (left, right) = new_figure(ncols=2)
    """
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=figsize, dpi=100, layout="constrained")
        axes = fig.subplots(nrows, ncols, subplot_kw=subplot_kw or None, squeeze=True)
    return fig, axes


def styled(func):
    """Decorator: run a plotting function inside the course's rc settings."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(_RC):
            return func(*args, **kwargs)

    return wrapper


def freeze_layout(fig) -> None:
    """Run the constrained layout once, then keep it, so redraws of a reused figure skip the solver.

    ``set_layout_engine(None)`` (not ``"none"``) removes the engine altogether; with the
    placeholder engine ``savefig`` draws the figure twice.
    """
    fig.draw_without_rendering()
    fig.set_layout_engine(None)


def money_axis(ax, which="y", thousands=False):
    """Format an axis in kroner for the current language (``1 200 000 kr`` / ``NOK 1,200,000``).

    With ``thousands=True`` ticks show thousands (``1 200`` and the label should say kNOK / 1000 kr).
    """
    lang = get_language()
    if thousands:
        fmt = FuncFormatter(lambda v, _pos: format_number(v / 1000, 0, lang))
    else:
        fmt = FuncFormatter(lambda v, _pos: format_money(v, 0, lang))
    (ax.yaxis if which == "y" else ax.xaxis).set_major_formatter(fmt)


def percent_axis(ax, which="y", decimals=0):
    """Format an axis whose values are fractions as percentages (0.25 -> ``25 %`` / ``25%``)."""
    lang = get_language()
    fmt = FuncFormatter(lambda v, _pos: format_percent(v, decimals, lang))
    (ax.yaxis if which == "y" else ax.xaxis).set_major_formatter(fmt)


def to_png(fig, path=None) -> bytes:
    """Render a figure to PNG bytes (and write them to ``path`` if given)."""
    import io

    buf = io.BytesIO()
    # light compression: a redraw is dominated by encoding otherwise, and the images are small anyway
    fig.savefig(buf, format="png", pil_kwargs={"compress_level": 1})
    data = buf.getvalue()
    if path is not None:
        with open(path, "wb") as fh:
            fh.write(data)
    return data
