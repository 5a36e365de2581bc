"""Widgets as plain HTML from a notebook's saved widget state, so a handout shows them without JavaScript.

nbconvert shows a widget in an HTML file through a script it loads from a CDN at view time. Offline
(a classroom without internet, this machine) or printed to PDF, such a handout had no apps at all:
no figure, no control. ``print_widget_outputs(nb)`` replaces every widget output of an executed
notebook by HTML built from the saved state: boxes as rows and columns, the course's HTML widgets as
they are (its figures are ``<img>`` with alt text there), each control as its label and the value it
had. Text from the state is escaped; an HTML widget's value is HTML by design, as in JupyterLab.

Example:
    >>> state = {"a": {"model_name": "HTMLModel", "state": {"value": "<b>hi</b>"}}}
    >>> widget_html(state, "a")
    '<div class="course-print-html"><b>hi</b></div>'
"""
from __future__ import annotations

import html
from typing import Any

from .i18n import format_number, format_plain, resolve_language

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: Widgets nested deeper than this are left out (a saved state may be cyclic or hostile).
MAX_DEPTH = 40
_STYLE = ("<style>.course-print img{max-width:100%;height:auto}"
          ".course-print-control{margin:2px 0}.course-print-label{margin-right:.5em}"
          ".course-print-value{border:1px solid #8a8a8a;border-radius:3px;padding:0 6px}</style>")
_SELECTIONS = {"DropdownModel", "RadioButtonsModel", "ToggleButtonsModel", "SelectModel", "SelectionSliderModel"}
_SLIDERS = {"IntSliderModel", "FloatSliderModel", "FloatLogSliderModel", "BoundedIntTextModel",
            "BoundedFloatTextModel", "IntTextModel", "FloatTextModel", "IntProgressModel", "FloatProgressModel"}
_RANGES = {"IntRangeSliderModel", "FloatRangeSliderModel", "SelectionRangeSliderModel"}
_TEXTS = {"TextModel", "TextareaModel", "PasswordModel", "ComboboxModel"}
_LEFT_OUT = {"ButtonModel", "PlayModel", "FileUploadModel", "ColorPickerModel", "DatePickerModel"}


def _model_id(ref: Any) -> str | None:
    return ref[len("IPY_MODEL_"):] if isinstance(ref, str) and ref.startswith("IPY_MODEL_") else None


def _hidden(state: dict, model: dict) -> bool:
    layout = state.get(_model_id(model.get("layout")) or "", {})
    layout = layout.get("state", {}) if isinstance(layout, dict) else {}
    return isinstance(layout, dict) and (layout.get("display") == "none" or layout.get("visibility") == "hidden")


def _label(state: dict, model: dict) -> str:
    """The control's visible label: none where the app hides it (it names the control for a screen
    reader, beside a text that already shows it)."""
    text = model.get("description") or ""
    classes = model.get("_dom_classes") if isinstance(model.get("_dom_classes"), (list, tuple)) else ()
    style = state.get(_model_id(model.get("style")) or "", {})
    style = style.get("state", {}) if isinstance(style, dict) else {}
    width = style.get("description_width") if isinstance(style, dict) else None
    if not isinstance(text, str) or "course-hidden-label" in classes or width in ("0", "0px"):
        return ""
    return text if model.get("description_allow_html") else html.escape(text)


def _number(value: Any, lang: str, integer: bool) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return html.escape(str(value))
    return format_number(value, 0, lang) if integer else format_plain(value, lang, max_decimals=4)


def _option(model: dict, index: Any) -> str:
    labels = model.get("_options_labels") if isinstance(model.get("_options_labels"), (list, tuple)) else []
    if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(labels):
        return html.escape(str(labels[index]))
    return ""


def _control(label: str, value: str, boxed: bool = True) -> str:
    """A control on paper: its label, and its value in a box as a filled-in field."""
    head = f'<span class="course-print-label">{label}</span>' if label else ""
    tail = f'<span class="course-print-value">{value}</span>' if value and boxed else value
    return f'<div class="course-print-control">{head}{tail}</div>'


def _outputs(outputs: Any) -> str:
    parts = []
    for out in outputs if isinstance(outputs, list) else []:
        data = out.get("data", {}) if isinstance(out, dict) else {}
        if not isinstance(data, dict):
            continue
        if isinstance(data.get("text/html"), (str, list)):
            value = data["text/html"]
            parts.append("".join(value) if isinstance(value, list) else value)
        elif isinstance(data.get("image/png"), str):
            alt = html.escape(str(data.get("text/plain", "")), quote=True)
            parts.append(f'<img src="data:image/png;base64,{html.escape(data["image/png"], quote=True)}" alt="{alt}"/>')
        elif out.get("output_type") == "stream" and isinstance(out.get("text"), str):
            parts.append(f"<pre>{html.escape(out['text'])}</pre>")
    return "".join(parts)


def widget_html(state: dict, model_id: str, lang: str | None = None, _depth: int = 0) -> str:
    """Static HTML for widget ``model_id`` of a saved widget ``state`` (``""`` for one left out).

    Example:
        >>> state = {"s": {"model_name": "FloatSliderModel", "state": {"description": "Rate", "value": 0.25,
        ...                                                             "readout": True}}}
        >>> widget_html(state, "s", "nb")
        '<div class="course-print-control"><span class="course-print-label">Rate</span><span class="course-print-value">0,25</span></div>'
    """
    lang = resolve_language(lang)
    entry = state.get(model_id) if isinstance(state, dict) else None
    if not isinstance(entry, dict) or _depth > MAX_DEPTH:
        return ""
    name, model = entry.get("model_name"), entry.get("state")
    if not isinstance(model, dict) or _hidden(state, model) or name in _LEFT_OUT:
        return ""
    label = _label(state, model)
    children = model.get("children")
    if isinstance(children, (list, tuple)):
        inner = "".join(widget_html(state, _model_id(ref) or "", lang, _depth + 1) for ref in children)
        column = name in {"VBoxModel", "AccordionModel", "TabModel", "StackModel"}
        flex = "flex-direction:column;gap:4px" if column else "flex-wrap:wrap;align-items:center;gap:4px 12px"
        return f'<div class="course-print-box" style="display:flex;{flex}">{inner}</div>'
    if name in ("HTMLModel", "HTMLMathModel"):
        value = model.get("value") if isinstance(model.get("value"), str) else ""
        body = f'<div class="course-print-html">{value}</div>'
        return _control(label, body, boxed=False) if label else body
    if name == "LabelModel":
        return f'<div class="course-print-html">{html.escape(str(model.get("value", "")))}</div>'
    if name == "OutputModel":
        return f'<div class="course-print-output">{_outputs(model.get("outputs"))}</div>'
    if name in _SELECTIONS:
        return _control(label, _option(model, model.get("index")))
    if name == "SelectMultipleModel":
        index = model.get("index") if isinstance(model.get("index"), (list, tuple)) else []
        return _control(label, ", ".join(filter(None, (_option(model, i) for i in index))))
    if name in ("CheckboxModel", "ToggleButtonModel", "ValidModel"):
        mark = "☑" if model.get("value") is True else "☐"
        return _control("", f"{mark} {label}", boxed=False)
    if name in _SLIDERS:
        # a slider whose own readout is off shows its value in the app's readout beside it
        value = "" if model.get("readout") is False else _number(model.get("value"), lang, name.startswith(("Int", "BoundedInt")))
        return _control(label, value)
    if name in _RANGES:
        if name == "SelectionRangeSliderModel":
            index = model.get("index") if isinstance(model.get("index"), (list, tuple)) else []
            pair = [_option(model, i) for i in index]
        else:
            value = model.get("value") if isinstance(model.get("value"), (list, tuple)) else []
            pair = [_number(v, lang, name.startswith("Int")) for v in value]
        return _control(label, " – ".join(pair) if model.get("readout") is not False else "")
    if name in _TEXTS:
        value = html.escape(str(model.get("value", "")))
        # an empty field stays a blank to fill in on paper
        return _control(label, value or '<span style="display:inline-block;min-width:8em">&nbsp;</span>')
    return ""


def print_widget_outputs(nb: Any, lang: str | None = None) -> int:
    """Replace every widget output of executed notebook ``nb`` (nbformat) by static HTML from its saved
    state, drop the state, and return how many outputs were replaced. An output whose widget is not
    in the state (or is left out, as a button) shows nothing.

    Example:
        >>> import nbformat
        >>> nb = nbformat.v4.new_notebook()
        >>> cell = nbformat.v4.new_code_cell("w")
        >>> cell.outputs = [nbformat.v4.new_output("display_data", data={WIDGET_VIEW: {"model_id": "a"}})]
        >>> nb.cells = [cell]
        >>> nb.metadata["widgets"] = {WIDGET_STATE: {"state": {"a": {"model_name": "LabelModel",
        ...                                                           "state": {"value": "x"}}}}}
        >>> print_widget_outputs(nb), nb.cells[0].outputs[0].data["text/html"].endswith(">x</div></div>")
        (1, True)
    """
    saved = nb.metadata.get("widgets", {}) if isinstance(nb.metadata.get("widgets"), dict) else {}
    state = saved.get(WIDGET_STATE, {}).get("state", {}) if isinstance(saved.get(WIDGET_STATE), dict) else {}
    if not isinstance(state, dict):
        state = {}
    replaced = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = out.get("data") if isinstance(out, dict) else None
            view = data.get(WIDGET_VIEW) if isinstance(data, dict) else None
            model_id = view.get("model_id") if isinstance(view, dict) else None
            if not isinstance(model_id, str):
                continue
            body = widget_html(state, model_id, lang)
            data.clear()  # the text fallback ("VBox(children=...)") says nothing to a reader
            data["text/html"] = f'{_STYLE}<div class="course-print">{body}</div>' if body else ""
            replaced += bool(body)
    nb.metadata.pop("widgets", None)
    return replaced
