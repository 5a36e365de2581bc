"""What every widget app shares: showing figures, showing errors, guarding callbacks.

Example:
    >>> import ipywidgets as w
    >>> box = ErrorBox()
    >>> @guarded(box)
    ... def on_change(change):
    ...     raise ValueError("quota must be greater than 0, got -5")
    >>> on_change(None)
    >>> "quota must be greater than 0" in box.value
    True
"""
from __future__ import annotations

import functools
import html
import logging

import ipywidgets as widgets

from ..argtypes import shown
from ..i18n import format_money, format_number, format_percent, format_plain, t
from ..plots.style import PALETTE, figure_alt, to_png

log = logging.getLogger(__name__)


class FigureImage:
    """A rendered figure with its text alternative, for a notebook cell or an Output widget.

    It shows as an ``<img>`` whose ``alt`` (and ``aria-label``) states what the figure shows, so
    screen readers in JupyterLab and Voilà read it; it also carries the PNG and the text itself,
    so nbval, handouts and plain front ends get something sensible.
    """

    def __init__(self, png: bytes, alt: str):
        self.png, self.alt = png, alt

    def _repr_png_(self):
        return self.png

    @functools.cached_property
    def base64(self) -> str:
        """The PNG in base64, as a display bundle and a data URI carry it (encoded once)."""
        import base64

        return base64.b64encode(self.png).decode("ascii")

    def _repr_html_(self):
        alt = html.escape(self.alt, quote=True)
        return (f'<img class="course-figure" role="img" src="data:image/png;base64,{self.base64}" '
                f'alt="{alt}" aria-label="{alt}" style="max-width:100%;height:auto"/>')

    def __repr__(self):
        return self.alt


class FigureView(widgets.HTML):
    """Where an app shows its figure: an HTML widget holding one ``<img>`` with its text alternative.

    A new figure replaces the value in one state message and the browser swaps the image itself;
    an ``Output`` widget sends it through JupyterLab's output rendering first, which took a fifth
    longer per change on the same PNG (``benchmarks/bench_figure_route.py``). ``outputs`` gives
    what is shown in an ``Output``'s shape (one display bundle with ``image/png``, ``text/html``
    and ``text/plain``, the text alternative), so code that reads an app's figure need not know;
    assigning ``()`` to it clears the view.

    Example:
        >>> view = FigureView()
        >>> view.show(b"not really a PNG", "A line rising to 1 200 kr")
        >>> 'alt="A line rising to 1 200 kr"' in view.value
        True
        >>> view.outputs[0]["data"]["text/plain"]
        'A line rising to 1 200 kr'
        >>> view.outputs = ({"data": {}},)
        Traceback (most recent call last):
        ValueError: En FigureView viser figurer med show(); outputs kan bare tømmes (outputs = ()), ikke settes til ({'data': {}},).
        >>> view.outputs = ()
        >>> view.value
        ''
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._shown: tuple = ()
        self.add_class("course-figure-view")

    def show(self, png: bytes, alt: str) -> None:
        """Show ``png`` with the text alternative ``alt``."""
        self.show_image(FigureImage(png, alt))

    def show_image(self, image: FigureImage) -> None:
        """Show a rendered figure (its PNG is encoded once, for the page and for ``outputs``)."""
        markup = image._repr_html_()
        self._shown = ({"output_type": "display_data", "metadata": {},
                        "data": {"image/png": image.base64, "text/html": markup, "text/plain": image.alt}},)
        self.value = markup

    @property
    def outputs(self) -> tuple:
        return self._shown

    @outputs.setter
    def outputs(self, value) -> None:
        if value:
            raise ValueError(t("figure.view_outputs", value=shown(value)))
        self._shown = ()
        self.value = ""


def figure_image(fig, alt: str | None = None) -> FigureImage:
    """A figure as an image with a text alternative (works in JupyterLab, Voila and nbval).

    ``alt`` overrides the figure's own text alternative (see ``plots.style.set_alt``).
    """
    return FigureImage(to_png(fig), alt if alt is not None else figure_alt(fig))


def show_figure(out: widgets.Output | FigureView, fig, alt: str | None = None) -> None:
    """Replace what ``out`` shows with ``fig`` (no ``with out:`` capture; see the design, section 4)."""
    from IPython.core.interactiveshell import InteractiveShell

    image = figure_image(fig, alt)
    if isinstance(out, FigureView):
        out.show_image(image)
        return
    data, metadata = InteractiveShell.instance().display_formatter.format(image)
    # one assignment, one state message: clearing first and appending after sent two, and the
    # browser showed an empty output (the page jumping) between them on every redraw
    out.outputs = ({"output_type": "display_data", "data": data, "metadata": metadata},)


def show_png(out: widgets.Output | FigureView, png: bytes, alt: str) -> None:
    """Like :func:`show_figure` for a figure already rendered to PNG (a chart that blits, ``plots/blit.py``)."""
    from IPython.core.interactiveshell import InteractiveShell

    if isinstance(out, FigureView):
        out.show(png, alt)
        return

    data, metadata = InteractiveShell.instance().display_formatter.format(FigureImage(png, alt))
    out.outputs = ({"output_type": "display_data", "data": data, "metadata": metadata},)


def show_html(out: widgets.Output, markup: str) -> None:
    """Replace what ``out`` shows with a piece of HTML (one state message, as :func:`show_figure`).

    Example:
        >>> out = widgets.Output()
        >>> show_html(out, "<b>1 200 kr</b>")
        >>> out.outputs[0]["data"]["text/html"]
        '<b>1 200 kr</b>'
    """
    out.outputs = ({"output_type": "display_data", "data": {"text/html": markup, "text/plain": "<HTML>"},
                    "metadata": {}},)


def readout(slider: widgets.Widget, kind: str = "number", decimals: int | None = None, fmt=None) -> widgets.HBox:
    """Put ``slider`` beside a readout in the language's format (``0,50`` / ``12,5 %`` / ``1 200 kr``).

    ipywidgets' own readout has no locale, so it is switched off and an HTML label with the
    CSS class ``course-readout`` follows the value instead. ``kind`` is ``"number"``,
    ``"percent"`` (the value is a fraction), ``"money"`` or ``"plain"``; ``fmt`` (a function of
    the value) overrides it. Returns the ``HBox`` to place in the app; the slider is unchanged
    otherwise (tests keep setting ``slider.value``). Inside an app the readouts share one layout and
    style model (``shared_models``).

    Example:
        >>> s = widgets.FloatSlider(value=0.5, min=0, max=1, step=0.05)
        >>> box = readout(s, "number", 2)
        >>> box.children[1].value
        '0,50'
    """
    if fmt is None:
        if kind == "percent":
            fmt = lambda v: format_percent(v, 1 if decimals is None else decimals)  # noqa: E731
        elif kind == "money":
            fmt = lambda v: format_money(v, decimals or 0)  # noqa: E731
        elif kind == "plain":
            fmt = lambda v: format_plain(v)  # noqa: E731
        elif kind == "number":
            if decimals is None:
                step = getattr(slider, "step", 1) or 1
                places = 0 if float(step).is_integer() else min(4, len(repr(float(step)).partition(".")[2]))
            else:
                places = decimals
            fmt = lambda v: format_number(v, places)  # noqa: E731
        else:
            raise ValueError(f"readout kind must be number, percent, money or plain, got {kind!r}")
    label = widgets.HTML(value=html.escape(fmt(slider.value)), layout={"min_width": "6em", "margin": "0 0 0 4px"})
    label.add_class("course-readout")

    def follow(change):
        label.value = html.escape(fmt(change["new"]))

    slider.readout = False
    slider.observe(follow, names="value")
    return widgets.HBox([slider, label], layout={"align_items": "center"})


def labelled_slider(value, low, high, step, label, integer=False, css=None, description_width="190px",
                    width="420px"):
    """A slider with its label that updates only on release (apps with a figure use it).

    Example:
        >>> labelled_slider(0.5, 0, 1, 0.05, "Win rate").continuous_update
        False
    """
    cls = widgets.IntSlider if integer else widgets.FloatSlider
    slider = cls(value=value, min=low, max=high, step=step, description=label, continuous_update=False,
                 style={"description_width": description_width}, layout={"width": width})
    if css:
        slider.add_class(css)
    return slider


def metrics_html(rows) -> str:
    """Key figures as a two-column table, ``rows`` of ``(label, value)`` already formatted; escaped.

    Example:
        >>> "&lt;b&gt;" in metrics_html([("<b>", "1 200 kr")])
        True
    """
    cells = "".join(f"<tr><td style='padding:1px 12px 1px 0'>{html.escape(str(k))}</td>"
                    f"<td style='text-align:right'><b>{html.escape(str(v))}</b></td></tr>" for k, v in rows)
    return f"<table style='border-collapse:collapse'>{cells}</table>"


class ErrorBox(widgets.HTML):
    """A line that shows what went wrong, in the learner's language, and is empty otherwise."""

    def __init__(self, **kwargs):
        super().__init__(value="", **kwargs)
        self.add_class("course-error")

    def show(self, problem) -> None:
        if isinstance(problem, ValueError):
            text = str(problem)
        elif isinstance(problem, BaseException):
            text = t("core.unexpected_error", kind=type(problem).__name__, detail=str(problem))
        else:
            text = str(problem)
        self.value = (
            f'<div style="color:#B00020;border-left:4px solid {PALETTE["vermillion"]};padding:4px 8px;'
            'background:#FFF4EC">'
            f"<b>{html.escape(t('core.error_prefix'))}:</b> {html.escape(text)}</div>"
        )

    def clear(self) -> None:
        self.value = ""

    @property
    def has_error(self) -> bool:
        return bool(self.value)


def guarded(error_box: ErrorBox):
    """Decorate a widget callback so any exception is shown in ``error_box``, never lost in a log.

    A successful call clears the box.
    """

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            try:
                result = func(*args, **kwargs)
            except AssertionError:
                from ..format_audit import audit_enabled

                if audit_enabled():  # the test suite's number audit must fail the cell, not hide in the box
                    raise
                error_box.show(t("core.unexpected_error", kind="AssertionError", detail=""))
                return None
            except Exception as exc:  # noqa: BLE001 - the learner must see every failure
                log.debug("widget callback failed", exc_info=True)
                error_box.show(exc)
                return None
            error_box.clear()
            return result

        return wrapper

    return decorate


class App:
    """Base for widget apps: a notebook cell ending in ``App()`` shows ``app.widget``.

    An app that recomputes on every control change sets ``self.error`` (an :class:`ErrorBox`),
    implements ``_refresh`` and observes its controls with ``self._on_change``; ``refresh()`` then
    shows any failure in the error line instead of losing it. While ``self._quiet`` is true
    (e.g. when a preset sets several controls at once) changes do not redraw.

    Its widgets share one default layout and style model of each kind (``shared_models``: fewer
    models for the browser to create); never change ``w.layout`` or ``w.style`` in place.

    Every app takes ``presentation=`` (keyword only): ``True`` builds and redraws its figures in
    projector mode (``plots.style.presenting``: larger type, thicker lines) and gives its root box
    the CSS class ``course-presentation``, whose style (shown once with the app) enlarges the
    widgets' own text and controls; ``False`` keeps the normal size even inside ``presenting()``;
    ``None`` (the default) follows the global switch (``plots.style.set_presentation``).

    Example:
        >>> from course_lib.widgets.motivation import RewardsApp
        >>> app = RewardsApp(presentation=True)
        >>> "course-presentation" in app.widget._dom_classes
        True
    """

    widget: widgets.Widget
    error: ErrorBox
    _quiet = False
    presentation: bool | None = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None or getattr(init, "_takes_presentation", False):
            return

        @functools.wraps(init)
        def __init__(self, *args, presentation: bool | None = None, **kw):
            from .shared_models import shared_defaults

            if presentation is None:
                with shared_defaults():  # one layout and style per kind for the app's widgets
                    return init(self, *args, **kw)
            self.presentation = bool(presentation)
            from ..plots.style import presenting

            with presenting(self.presentation), shared_defaults():
                init(self, *args, **kw)
            widget = getattr(self, "widget", None)
            if self.presentation and isinstance(widget, widgets.DOMWidget):
                widget.add_class(PRESENTATION_CLASS)

        __init__._takes_presentation = True
        cls.__init__ = __init__

    def _on_change(self, _change=None) -> None:
        if not self._quiet:
            self.refresh()

    def refresh(self) -> None:
        if self.presentation is None:
            guarded(self.error)(self._refresh)()
            return
        from ..plots.style import presenting

        with presenting(self.presentation):  # a figure built anew on a change keeps the app's mode
            guarded(self.error)(self._refresh)()

    def _refresh(self) -> None:  # pragma: no cover - every app defines it
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        from .a11y import name_sliders, presentation_style

        name_sliders()      # slider handles get accessible names (ipywidgets gives them none)
        if self.presentation:
            presentation_style()
        widget = self.widget
        if getattr(widget, "_view_name", None) is None or not getattr(widget, "_model_id", None):
            return widget._repr_mimebundle_(**kwargs)
        # ipywidgets' own bundle starts with repr() of the whole widget tree (every child's every
        # trait, a tenth of a second for an app of 300 widgets) and then keeps 110 characters of it
        return {"text/plain": f"{type(self).__name__}()",
                "application/vnd.jupyter.widget-view+json": {
                    "version_major": 2, "version_minor": 0, "model_id": widget._model_id}}


#: CSS class of an app's root box in projector mode (styled by ``a11y.PRESENTATION_CSS``).
PRESENTATION_CLASS = "course-presentation"
