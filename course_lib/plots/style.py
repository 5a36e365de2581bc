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
from matplotlib.ticker import FuncFormatter, ScalarFormatter

from ..i18n import format_money, format_number, format_percent, get_language

# Okabe & Ito (2008) hues, the one palette of every course figure. Each colour that draws a line, a
# bar or a mark has at least 3:1 contrast on white (WCAG 2.1 AA, 1.4.11 non-text contrast); the
# published tones that do not reach it are darkened along their own hue (ratio in the comments,
# computed by tests/test_palette.py, which also checks that no two of them merge under simulated
# deuteranopia, protanopia or tritanopia).
PALETTE = {
    "blue": "#0072B2",        # 5.2:1 (Okabe-Ito as published)
    "orange": "#C48800",      # 3.1:1 (published #E69F00: 2.3:1)
    "green": "#009E73",       # 3.4:1 (as published)
    "vermillion": "#B34700",  # 5.5:1 (published #D55E00: 3.9:1; darker, so it stays apart from the
                              #        darker orange for deuteranopes, as the published pair did)
    "sky": "#209AEA",         # 3.1:1 (published #56B4E9: 2.3:1; same hue, more saturated, so it
                              #        stays apart from green for tritanopes)
    "purple": "#CC79A7",      # 3.1:1 (as published)
    "black": "#000000",       # 21:1
    "grey": "#767676",        # 4.5:1 (was #999999: 2.9:1)
    "navy": "#003F66",        # 11:1 (the decision board's A/R cells)
}
SERIES = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")]
# Darker variants for text and thin lines: at least 4.5:1 on white (WCAG AA for text, 1.4.3).
DARK = {
    "orange": "#A86200",
    "sky": "#2A7AB0",
    "vermillion": "#B34700",
    "green": "#007A5A",
    "yellow": "#7A6F00",
    "purple": "#A2507F",
    "grey": "#767676",
    "violet": "#5B3A8C",      # the decision board's labels of decisions in progress
    "ink": "#555555",         # secondary text in HTML figures
    "charcoal": "#333333",    # annotations
}
# Light tones for surfaces only: cells that carry their own text (the decision board), and the
# thin rules between them. Never the only carrier of what a figure says, so no 3:1 is required.
LIGHT = {
    "white": "#FFFFFF",       # board: empty cells
    "mist": "#E6E6E6",        # board: I cells
    "sand": "#F9D9A6",        # board: C cells
    "rule": "#BBBBBB",        # board: grid between cells
}


def contrast_ratio(colour, background="#FFFFFF") -> float:
    """WCAG 2.1 contrast ratio of two colours (any matplotlib colour; alpha is blended over ``background``).

    Example:
        >>> round(contrast_ratio("#767676"), 2), round(contrast_ratio("#999999"), 2)
        (4.54, 2.85)
    """
    from matplotlib.colors import to_rgba

    def luminance(rgb):
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    back = to_rgba(background)[:3]
    r, g, b, a = to_rgba(colour)
    front = [a * c + (1 - a) * k for c, k in zip((r, g, b), back)]
    hi, lo = sorted((luminance(front), luminance(back)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


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


# Projector mode: fonts, lines and markers PRESENTATION_SCALE times larger relative to the figure.
PRESENTATION_SCALE = 1.45
_presentation = False


def set_presentation(on: bool) -> None:
    """Switch projector mode on or off for every figure built afterwards (the Voilà projector pages).

    In projector mode a figure keeps its size in pixels but is laid out on a canvas
    ``PRESENTATION_SCALE`` times smaller in inches at a higher dpi, so every text, line width and
    marker (all given in points, including explicit ``fontsize=`` values) is that much larger and
    stays readable at the back of a room.

    Example:
        >>> set_presentation(True)
        >>> fig, ax = new_figure(figsize=(7.5, 4.2))
        >>> round(fig.dpi), [round(float(v), 2) for v in fig.get_size_inches()]
        (145, [5.17, 2.9])
        >>> set_presentation(False)
    """
    global _presentation
    _presentation = bool(on)


def presentation() -> bool:
    """Whether projector mode is on (see :func:`set_presentation`)."""
    return _presentation


class presenting:
    """Context manager: projector mode for the figures (and apps) built inside it.

    An app builds its figure once, so an app made inside the block stays in projector mode.

    Example:
        >>> with presenting():
        ...     fig, ax = new_figure()
        >>> round(fig.dpi), presentation()
        (145, False)
    """

    def __init__(self, on: bool = True):
        self.on = on

    def __enter__(self):
        self.before = _presentation
        set_presentation(self.on)
        return self

    def __exit__(self, *exc):
        set_presentation(self.before)
        return False


def new_figure(figsize=(7.5, 4.2), nrows=1, ncols=1, **subplot_kw):
    """A fresh figure in the course style and its axes, ``(fig, ax)``.

    With ``nrows``/``ncols`` above 1, ``ax`` is an array as in ``plt.subplots``.

    Example:
        >>> fig, (left, right) = new_figure(ncols=2)
    """
    dpi = 100
    if _presentation:
        figsize, dpi = (figsize[0] / PRESENTATION_SCALE, figsize[1] / PRESENTATION_SCALE), 100 * PRESENTATION_SCALE
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
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


class LocalNumberFormatter(ScalarFormatter):
    """matplotlib's default tick formatter, with the decimal mark of the current language.

    It keeps matplotlib's choice of how many decimals a tick needs and only changes the
    marks (``0,5`` and ``−1`` in nb); large values group thousands (``12 000``).
    """

    def __init__(self, lang: str | None = None):
        super().__init__(useOffset=False)
        self.set_scientific(False)
        self.lang = lang or get_language()

    def __call__(self, x, pos=None):
        text = super().__call__(x, pos)
        if not text:
            return text
        try:
            value = float(text.replace("−", "-"))
        except ValueError:
            return text
        decimals = len(text.partition(".")[2]) if "." in text else 0
        return format_number(value, decimals, self.lang)


def number_axis(ax, which="y", decimals=None):
    """Format plain-number ticks in the current language (``0,5`` / ``0.5``; ``12 000`` / ``12,000``).

    With ``decimals`` every tick shows that many decimals; otherwise matplotlib picks.
    ``which`` is ``"x"``, ``"y"`` or ``"both"``.

    Example:
        >>> fig, ax = new_figure()
        >>> number_axis(ax, "both")
    """
    lang = get_language()
    if decimals is None:
        fmt_x, fmt_y = LocalNumberFormatter(lang), LocalNumberFormatter(lang)
    else:
        fmt_x = FuncFormatter(lambda v, _pos: format_number(v, decimals, lang))
        fmt_y = FuncFormatter(lambda v, _pos: format_number(v, decimals, lang))
    if which in ("x", "both"):
        ax.xaxis.set_major_formatter(fmt_x)
    if which in ("y", "both"):
        ax.yaxis.set_major_formatter(fmt_y)


def localize_ticks(fig) -> None:
    """Give every axis that still uses matplotlib's default tick formatter the language's format.

    Called by :func:`to_png`, so no figure the course shows has ``0.5`` ticks in Norwegian.
    Axes whose formatter a plot set on purpose (money, percent, dates, categories) are left alone.
    """
    lang = get_language()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            current = axis.get_major_formatter()
            if type(current) is ScalarFormatter or (
                    isinstance(current, LocalNumberFormatter) and current.lang != lang):
                axis.set_major_formatter(LocalNumberFormatter(lang))


def to_png(fig, path=None) -> bytes:
    """Render a figure to PNG bytes (and write them to ``path`` if given).

    Ticks are localised first (:func:`localize_ticks`). With ``COURSE_AUDIT_NUMBERS=1`` (set by
    the test suite) a Norwegian figure that still shows an English-formatted number fails.
    """
    import io
    import os

    localize_ticks(fig)
    buf = io.BytesIO()
    # light compression: level 1 costs about the same as level 0 here and the PNG is 20x smaller
    # (less to send to the browser); the draw itself, mostly text, is what a redraw pays for
    fig.savefig(buf, format="png", pil_kwargs={"compress_level": 1})
    if os.environ.get("COURSE_AUDIT_NUMBERS") == "1":
        try:
            from .. import format_audit
        except ImportError:  # pragma: no cover - the audit ships with the course
            format_audit = None
        if format_audit is not None and hasattr(format_audit, "audit_figure"):
            # savefig has just drawn the figure: tick labels hold their final text, no second draw
            format_audit.audit_figure(fig, draw=False)
    data = buf.getvalue()
    if path is not None:
        with open(path, "wb") as fh:
            fh.write(data)
    return data


def set_alt(fig, text: str) -> None:
    """Attach a text alternative to ``fig``: what it shows and its key numbers, in the learner's language.

    Screen readers read it in JupyterLab and Voilà, and it stays in HTML handouts.

    Example:
        >>> fig, ax = new_figure()
        >>> set_alt(fig, "Utbetaling stiger fra 0 ved 50 % av salgsmålet.")
        >>> figure_alt(fig)
        'Utbetaling stiger fra 0 ved 50 % av salgsmålet.'
    """
    fig._course_alt = str(text)


def figure_alt(fig) -> str:
    """The figure's text alternative: the one a plot function set, else one built from its labels.

    The built one names the figure's title, its axes and its series, so no figure is without text.

    Example:
        >>> from course_lib.i18n import set_language
        >>> set_language("en")
        >>> fig, ax = new_figure()
        >>> _ = ax.set_title("Sales"); _ = ax.set_xlabel("Month"); _ = ax.set_ylabel("NOK")
        >>> figure_alt(fig)
        'Figure: Sales. Horizontal axis: Month. Vertical axis: NOK.'
    """
    from ..i18n import t

    explicit = getattr(fig, "_course_alt", None)
    if explicit:
        return explicit
    parts = []
    title = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) is not None else ""
    for ax in fig.axes:
        pieces = []
        if ax.get_title():
            pieces.append(ax.get_title())
        if ax.get_xlabel():
            pieces.append(t("figure.alt_x", label=ax.get_xlabel()))
        if ax.get_ylabel():
            pieces.append(t("figure.alt_y", label=ax.get_ylabel()))
        legend = ax.get_legend()
        if legend is not None:
            names = [text.get_text() for text in legend.get_texts() if text.get_text()]
            if names:
                pieces.append(t("figure.alt_series", names=", ".join(names)))
        if pieces:
            parts.append(". ".join(p.rstrip(".") for p in pieces) + ".")
    body = " ".join(parts)
    if title:
        body = f"{title.rstrip('.')}. {body}".strip()
    return t("figure.alt_prefix", text=body) if body else t("figure.alt_empty")


def register_notebook_display() -> None:
    """Let a bare ``Figure`` as a cell's value render as PNG through :func:`to_png`.

    The course builds figures without pyplot, so IPython's inline backend does not know them
    and would print ``<Figure size ...>``. Called when ``course_lib.plots`` is imported.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is None:
        return
    def as_html(fig):
        # an <img> with alt text, so a bare figure is not an image without a text alternative;
        # the PNG is kept for the image/png entry below (rendered once)
        import base64
        import html as _html

        png = to_png(fig)
        fig._course_png = png
        alt = _html.escape(figure_alt(fig), quote=True)
        data = base64.b64encode(png).decode("ascii")
        return (f'<img src="data:image/png;base64,{data}" alt="{alt}" aria-label="{alt}" '
                f'style="max-width:100%;height:auto"/>')

    def as_png(fig):
        png = getattr(fig, "_course_png", None)
        fig._course_png = None
        return png if png is not None else to_png(fig)

    shell.display_formatter.formatters["text/html"].for_type(Figure, as_html)
    shell.display_formatter.formatters["image/png"].for_type(Figure, as_png)
    shell.display_formatter.formatters["text/plain"].for_type(
        Figure, lambda fig, printer, cycle: printer.text(figure_alt(fig)))
