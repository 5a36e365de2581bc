"""Accessible names for ipywidgets' controls (WCAG 4.1.2), which ipywidgets does not give them.

ipywidgets 8 draws every ``FloatSlider``/``IntSlider``/``SelectionSlider`` with noUiSlider and
creates the focusable ``role="slider"`` handle without ``aria-label`` and without
``aria-labelledby``; the widget's ``description`` is a ``<label>`` that points at nothing, and
there is no Python-side option to pass one. A screen reader therefore announces "slider, 50"
with no name (axe-core rule ``aria-input-field-name``).

The course fixes it on the page: :func:`name_sliders` displays a tiny script once per kernel
that watches the page and gives every slider handle the text of its widget's description as
``aria-label`` (or, without a description, its app's readout label), and the readout's text in the
course's number format as ``aria-valuetext`` ("12,5 %" instead of "0.125"). ``App`` calls it when
an app is shown, so every app in Lab and Voilà is covered.

The same script names every ``select``/``input``/``textarea`` of a widget after the widget's
description (ipywidgets 8 renders the description as a ``<label>`` not tied to the control,
axe-core rule ``select-name``), so a Dropdown with a description (visible, or of zero width
as on the decision board) has an accessible name; and it makes panels with the CSS class
``course-scroll`` (scrolling text) focusable so they can be scrolled with the keyboard.

Keyboard in JupyterLab: in a notebook's command mode JupyterLab binds ArrowUp/ArrowDown (and
letters) to moving between cells, so a focused dropdown (the decision board's cells) could not be
changed with the arrow keys. The script marks every widget ``select`` and slider handle with
``data-lm-suppress-shortcuts`` (Lumino then leaves the keys to the control).

Example:
    >>> "aria-label" in SLIDER_SCRIPT
    True
"""
from __future__ import annotations

SLIDER_SCRIPT = r"""
(function () {
  if (window.__courseSliderNames) { window.__courseSliderNames(); return; }
  function nameOf(handle) {
    var box = handle.closest('.widget-slider, .jupyter-widget-slider, .widget-hslider, .widget-vslider');
    if (!box) return null;
    var label = box.querySelector('.widget-label');
    var text = label ? label.textContent.trim() : '';
    if (!text && box.title) text = box.title.trim();
    if (!text) {
      var row = box.parentElement && box.parentElement.parentElement;
      var prev = row && row.previousElementSibling;
      text = prev ? prev.textContent.trim().slice(0, 80) : '';
    }
    if (!text) text = (document.documentElement.lang || '').indexOf('nb') === 0 ? 'Glidebryter' : 'Slider';
    return {box: box, text: text};
  }
  function readoutOf(box) {
    var holder = box.parentElement;
    var r = holder && holder.querySelector('.course-readout');
    return r ? r.textContent.trim() : '';
  }
  function labelText(control) {
    var box = control.closest('.widget-inline-hbox, .widget-inline-vbox, .jupyter-widgets');
    var label = box && box.querySelector(':scope > .widget-label, :scope > label');
    return label ? label.textContent.trim() : '';
  }
  function apply() {
    // ipywidgets' description <label> is not tied to its control: name the control by it
    document.querySelectorAll('.jupyter-widgets select, .jupyter-widgets input, .jupyter-widgets textarea')
      .forEach(function (c) {
        if (c.getAttribute('aria-label') || c.type === 'hidden') return;
        var text = labelText(c) || c.getAttribute('placeholder') || c.title || '';
        if (text) c.setAttribute('aria-label', text);
      });
    // JupyterLab's notebook shortcuts (ArrowUp/ArrowDown move between cells in command mode) take
    // the arrow keys from a focused dropdown or slider handle; Lumino skips its shortcuts for
    // elements marked data-lm-suppress-shortcuts, so the arrow keys change the control instead
    document.querySelectorAll('.jupyter-widgets select:not([data-lm-suppress-shortcuts]), '
                              + '.noUi-handle:not([data-lm-suppress-shortcuts])').forEach(function (c) {
      c.setAttribute('data-lm-suppress-shortcuts', 'true');
    });
    // a scrolling panel must be reachable with the keyboard
    document.querySelectorAll('.course-scroll:not([tabindex])').forEach(function (el) {
      el.setAttribute('tabindex', '0');
    });
    document.querySelectorAll('.noUi-handle[role="slider"]').forEach(function (h) {
      var found = nameOf(h);
      if (!found) return;
      if (found.text && h.getAttribute('aria-label') !== found.text) h.setAttribute('aria-label', found.text);
      var value = readoutOf(found.box);
      if (value && h.getAttribute('aria-valuetext') !== value) h.setAttribute('aria-valuetext', value);
    });
  }
  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; apply(); });
  }
  new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true, characterData: true});
  window.__courseSliderNames = apply;
  apply();
})();
"""


def name_sliders() -> None:
    """Display the script that names slider handles for screen readers (harmless if repeated)."""
    try:
        from IPython import get_ipython
        from IPython.display import Javascript, display
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if getattr(shell, "kernel", None) is None:  # a terminal IPython (benchmarks) would print the script's repr
        return
    display(Javascript(SLIDER_SCRIPT))


#: Projector mode for the widgets themselves (``App(presentation=True)`` gives its root box the class
#: ``course-presentation``): ipywidgets size their text and rows from these CSS variables, so
#: setting them on the box enlarges every label, readout, dropdown, button and slider inside it.
PRESENTATION_CSS = """
.course-presentation {
  --jp-widgets-font-size: 19px;
  --jp-widgets-inline-height: 40px;
  --jp-widgets-slider-handle-size: 22px;
  --jp-widgets-slider-track-thickness: 6px;
  --jp-ui-font-size1: 19px;
  font-size: 19px;
}
.course-presentation .widget-html-content, .course-presentation .widget-label,
.course-presentation .course-readout, .course-presentation select, .course-presentation button,
.course-presentation input, .course-presentation textarea, .course-presentation table {
  font-size: 19px;
  line-height: 1.35;
}
"""


def presentation_style() -> None:
    """Display the style of ``.course-presentation`` (apps in projector mode show it; harmless if repeated)."""
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    if getattr(get_ipython(), "kernel", None) is None:
        return
    display(HTML(f"<style>{PRESENTATION_CSS}</style>"))


SR_ONLY = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"
"""Inline style for a text only screen readers see (e.g. the label of a table's corner header cell)."""


def sr_only(text: str) -> str:
    """``text`` (already escaped) in a block only screen readers see.

    Example:
        >>> sr_only("Mark").startswith("<div style='position:absolute")
        True
    """
    return f"<div style='{SR_ONLY}'>{text}</div>"
