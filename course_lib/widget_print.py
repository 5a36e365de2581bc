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
import re
from typing import Any

from .i18n import format_number, format_plain, resolve_language

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: Widgets nested deeper than this are left out (a saved state may be cyclic or hostile).
MAX_DEPTH = 40
#: At most this many widgets are written for one output: a hostile state whose boxes share children
#: (each level twice the last) would otherwise take forever. The course's largest app, the decision
#: board, has 113.
MAX_WIDGETS = 5000
_STYLE = ("<style>.course-print img{max-width:100%;height:auto}.course-print div{max-width:100%;box-sizing:border-box}"
          ".course-print td,.course-print th{text-align:inherit;vertical-align:top}"
          ".course-print-control{margin:2px 0}.course-print-label{margin-right:.5em}"
          ".course-print-value{display:inline-block;border:1px solid #8a8a8a;border-radius:3px;padding:0 6px}"
          ".course-print-options{display:inline-flex;flex-wrap:wrap;gap:2px 14px}"
          ".course-print-area{border:1px solid #8a8a8a;border-radius:3px;padding:4px 6px;min-height:7em;"
          "width:100%;white-space:pre-wrap}</style>")
#: What only makes sense on screen: sharing an answer with the class (its note and button).
_SCREEN_ONLY = {"course-share-box"}
#: Layout properties that place a widget on the page (copied as CSS when their value is plain).
_LAYOUT_CSS = {"width": "width", "min_width": "min-width", "max_width": "max-width", "flex": "flex",
               "grid_template_columns": "grid-template-columns", "grid_template_rows": "grid-template-rows",
               "grid_gap": "gap", "grid_area": "grid-area", "justify_content": "justify-content",
               "align_items": "align-items"}
_PLAIN_CSS = re.compile(r"[\w\s.%(),/#+-]{1,200}")
_SELECTIONS = {"DropdownModel", "SelectModel", "SelectionSliderModel"}
#: Every option is on screen: on paper too, the chosen one marked.
_CHOICES = {"RadioButtonsModel", "ToggleButtonsModel"}
_SLIDERS = {"IntSliderModel", "FloatSliderModel", "FloatLogSliderModel", "BoundedIntTextModel",
            "BoundedFloatTextModel", "IntTextModel", "FloatTextModel", "IntProgressModel", "FloatProgressModel"}
_RANGES = {"IntRangeSliderModel", "FloatRangeSliderModel", "SelectionRangeSliderModel"}
_TEXTS = {"TextModel", "TextareaModel", "PasswordModel", "ComboboxModel"}
_LEFT_OUT = {"ButtonModel", "PlayModel", "FileUploadModel", "ColorPickerModel", "DatePickerModel"}
#: Inputs that only feed a button beside them (a name to save under, a language for a summary).
_INPUTS = _SELECTIONS | _CHOICES | _TEXTS | {"CheckboxModel", "ToggleButtonModel"}


def _model_id(ref: Any) -> str | None:
    return ref[len("IPY_MODEL_"):] if isinstance(ref, str) and ref.startswith("IPY_MODEL_") else None


def _ref_state(state: dict, ref: Any) -> dict:
    """The state of the model ``ref`` (``IPY_MODEL_<id>``) points at, or ``{}``."""
    entry = state.get(_model_id(ref) or "")
    found = entry.get("state") if isinstance(entry, dict) else None
    return found if isinstance(found, dict) else {}


def _kind(state: dict, ref: Any) -> str | None:
    """The model name of the widget ``ref`` points at (``DropdownModel``), or ``None``."""
    entry = state.get(_model_id(ref) or "")
    return entry.get("model_name") if isinstance(entry, dict) else None


def _classes(model: dict) -> list[str]:
    classes = model.get("_dom_classes")
    return [c for c in classes if isinstance(c, str)] if isinstance(classes, (list, tuple)) else []


def _hidden(state: dict, model: dict) -> bool:
    layout = _ref_state(state, model.get("layout"))
    return (layout.get("display") == "none" or layout.get("visibility") == "hidden"
            or any(c in _SCREEN_ONLY for c in _classes(model)))


def _layout_css(state: dict, model: dict) -> str:
    """The widget's size and grid placement as CSS; values with anything but plain CSS words are left out."""
    layout = _ref_state(state, model.get("layout"))
    rules = []
    for key, css in _LAYOUT_CSS.items():
        value = layout.get(key)
        if not (isinstance(value, str) and _PLAIN_CSS.fullmatch(value)):
            continue
        if key == "grid_template_columns":  # fixed columns may shrink to the paper's width
            value = _shrinkable_tracks(value)
        rules.append(f"{css}:{value}")
    return ";".join(rules)


def _shrinkable_tracks(template: str) -> str:
    """Grid columns of a fixed width (``200px``, also inside ``repeat()``) may shrink to the paper's
    width; tracks inside ``minmax()`` or ``fit-content()`` already say how, and stay.

    Example:
        >>> _shrinkable_tracks("200px repeat(3, 60px) minmax(64px, 1fr)")
        'minmax(0,200px) repeat(3, minmax(0,60px)) minmax(64px, 1fr)'
    """
    out, functions, i = [], [], 0
    for match in re.finditer(r"([a-z-]+)\(|\)|(\d+(?:\.\d+)?px)", template):
        out.append(template[i:match.start()])
        i = match.end()
        if match.group(1):
            functions.append(match.group(1))
            out.append(match.group(0))
        elif match.group(0) == ")":
            functions = functions[:-1]
            out.append(")")
        elif all(f == "repeat" for f in functions):
            out.append(f"minmax(0,{match.group(2)})")
        else:
            out.append(match.group(2))
    return "".join(out) + template[i:]


def _open_details(markup: str) -> str:
    """Folded sections (``<details>``) print open: on paper nobody can unfold them."""
    return re.sub(r"<details\b(?![^>]*\bopen\b)", "<details open", markup, flags=re.IGNORECASE)


_NUMBER_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d)|kr\b|%)|(?<=\bNOK) (?=[\d−-])")


def _keep_numbers_whole(markup: str) -> str:
    """A number and its unit stay on one line in a narrow column (``578 622 kr``, ``NOK 1,200``): the
    spaces inside become non-breaking, in the text only (attributes, ``<style>`` and ``<script>`` are left
    as they are).

    Example:
        >>> _keep_numbers_whole('<td title="1 200">−578 622 kr</td>') == '<td title="1 200">−578\xa0622\xa0kr</td>'
        True
    """
    parts = re.split(r"(<(?:style|script)\b.*?</(?:style|script)\s*>)", markup, flags=re.IGNORECASE | re.DOTALL)
    return "".join(part if i % 2 else re.sub(r">([^<]+)<", lambda m: ">" + _NUMBER_SPACE.sub("\xa0", m.group(1)) + "<", part)
                   for i, part in enumerate(parts))


def _label(state: dict, model: dict) -> str:
    """The control's visible label: none where the app hides it (it names the control for a screen
    reader, beside a text that already shows it)."""
    text = model.get("description") or ""
    width = _ref_state(state, model.get("style")).get("description_width")
    if not isinstance(text, str) or "course-hidden-label" in _classes(model) or width in ("0", "0px"):
        return ""
    return text if model.get("description_allow_html") else html.escape(text)


def _number(value: Any, lang: str, integer: bool) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return html.escape(str(value))
    # a float where an integer belongs (NaN, inf, 1e300 in a damaged state) is written as any number
    return format_number(value, 0, lang) if integer and isinstance(value, int) else format_plain(value, lang, max_decimals=4)


def _labels(model: dict) -> list[str]:
    labels = model.get("_options_labels")
    return [html.escape(str(x)) for x in labels] if isinstance(labels, (list, tuple)) else []


def _option(model: dict, index: Any) -> str:
    labels = _labels(model)
    if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(labels):
        return labels[index]
    return ""


def _choices(model: dict, leave_out: str = "") -> str:
    """Every option with a mark, the chosen one filled: ``● Måned ○ Kvartal``."""
    chosen = _option(model, model.get("index"))
    marks = [f"<span>{'●' if label == chosen else '○'} {label}</span>" for label in _labels(model)
             if label and label != leave_out]
    return f'<span class="course-print-options">{"".join(marks)}</span>'


def _placeholder(label: str) -> bool:
    """An option such as ``(velg)`` / ``(choose)``: the field is still empty."""
    return len(label) > 2 and label.startswith("(") and label.endswith(")")


_BLANK = '<span style="display:inline-block;min-width:8em">&nbsp;</span>'


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


def widget_html(state: dict, model_id: str, lang: str | None = None, _depth: int = 0,
                _budget: list[int] | None = None) -> str:
    """Static HTML for widget ``model_id`` of a saved widget ``state`` (``""`` for one left out).

    Example:
        >>> state = {"s": {"model_name": "FloatSliderModel", "state": {"description": "Rate", "value": 0.25,
        ...                                                             "readout": True}}}
        >>> widget_html(state, "s", "nb")
        '<div class="course-print-control"><span class="course-print-label">Rate</span><span class="course-print-value">0,25</span></div>'
    """
    lang = resolve_language(lang)
    entry = state.get(model_id) if isinstance(state, dict) else None
    budget = [MAX_WIDGETS] if _budget is None else _budget
    if not isinstance(entry, dict) or _depth > MAX_DEPTH or budget[0] <= 0:
        return ""
    budget[0] -= 1
    name, model = entry.get("model_name"), entry.get("state")
    if not isinstance(model, dict) or _hidden(state, model) or name in _LEFT_OUT:
        return ""
    css = _layout_css(state, model)
    if isinstance(model.get("children"), (list, tuple)):
        return _box(state, name, model, css, lang, _depth, budget)
    body = _leaf(state, name, model, lang)
    if css and (body or "width" in css):  # an empty widget with a width holds a column's place
        return f'<div style="{css}">{body}</div>'
    return body


def _box(state: dict, name: str, model: dict, css: str, lang: str, depth: int, budget: list[int]) -> str:
    shown = list(model["children"])
    titles = model.get("titles") if isinstance(model.get("titles"), (list, tuple)) else ()
    if name == "StackModel":  # only the selected page is on screen
        index = model.get("selected_index")
        valid = isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(shown)
        shown, titles = ([shown[index]] if valid else []), ()
    kinds = [_kind(state, ref) for ref in shown]
    # in a row with a button, the inputs beside it only feed the button (a name to save under)
    feeds_button = name != "VBoxModel" and "ButtonModel" in kinds
    parts = []
    for i, (ref, kind) in enumerate(zip(shown, kinds)):
        if feeds_button and kind in _INPUTS:
            continue
        title = titles[i] if i < len(titles) and isinstance(titles[i], str) and titles[i] else ""
        if title:  # a tab's or an accordion section's title heads its content
            parts.append(f'<div class="course-print-title"><b>{html.escape(title)}</b></div>')
        parts.append(widget_html(state, _model_id(ref) or "", lang, depth + 1, budget))
    inner = "".join(parts)
    if not inner:
        return ""
    if name == "GridBoxModel":
        display = "display:grid;align-items:center;gap:2px 6px"
    elif name in {"VBoxModel", "AccordionModel", "TabModel", "StackModel"}:
        display = "display:flex;flex-direction:column;gap:4px"
    else:
        display = "display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px"
    return f'<div class="course-print-box" style="{display};{css}">{inner}</div>'


def _leaf(state: dict, name: str, model: dict, lang: str) -> str:
    label = _label(state, model)
    if name in ("HTMLModel", "HTMLMathModel"):
        value = _keep_numbers_whole(_open_details(model["value"])) if isinstance(model.get("value"), str) else ""
        if not value.strip() and not label:
            return ""
        body = f'<div class="course-print-html">{value}</div>'
        return _control(label, body, boxed=False) if label else body
    if name == "LabelModel":
        return f'<div class="course-print-html">{html.escape(str(model.get("value", "")))}</div>'
    if name == "OutputModel":
        return f'<div class="course-print-output">{_outputs(model.get("outputs"))}</div>'
    if name in _CHOICES:
        return _control(label, _choices(model), boxed=False)
    if name in _SELECTIONS:
        chosen = _option(model, model.get("index"))
        if _placeholder(chosen):  # nothing chosen yet: the options, to tick on paper
            return _control(label, _choices(model, leave_out=chosen), boxed=False)
        return _control(label, chosen or _BLANK)
    if name == "SelectMultipleModel":
        index = model.get("index") if isinstance(model.get("index"), (list, tuple)) else []
        return _control(label, ", ".join(filter(None, (_option(model, i) for i in index))) or _BLANK)
    if name in ("CheckboxModel", "ToggleButtonModel", "ValidModel"):
        mark = "☑" if model.get("value") is True else "☐"
        return _control("", f"{mark} {label}", boxed=False)
    if name in _SLIDERS:
        # a slider whose own readout is off shows its value in the app's readout beside it
        integer = name.startswith(("Int", "BoundedInt"))
        value = "" if model.get("readout") is False else _number(model.get("value"), lang, integer)
        return _control(label, value)
    if name in _RANGES:
        if name == "SelectionRangeSliderModel":
            index = model.get("index") if isinstance(model.get("index"), (list, tuple)) else []
            pair = [_option(model, i) for i in index]
        else:
            value = model.get("value") if isinstance(model.get("value"), (list, tuple)) else []
            pair = [_number(v, lang, name.startswith("Int")) for v in value]
        return _control(label, " – ".join(pair) if model.get("readout") is not False else "")
    if name == "TextareaModel":  # room to write an answer by hand
        value = html.escape(str(model.get("value", "")))
        head = f'<div class="course-print-label">{label}</div>' if label else ""
        return f'<div class="course-print-control">{head}<div class="course-print-area">{value}</div></div>'
    if name in _TEXTS:
        # an empty field stays a blank to fill in on paper
        return _control(label, html.escape(str(model.get("value", ""))) or _BLANK)
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
