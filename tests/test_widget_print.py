"""Widgets written as plain HTML from their saved state (course_lib.widget_print), for handouts on paper."""
import re

import ipywidgets as widgets
import nbformat
import pytest
from ipywidgets.embed import dependency_state

from course_lib import set_language
from course_lib.widget_print import WIDGET_STATE, WIDGET_VIEW, print_widget_outputs, widget_html


def _state_of(widget):
    return dependency_state(widget, drop_defaults=False)


@pytest.mark.parametrize("lang, decimal", [("nb", ","), ("en", ".")])
def test_a_real_app_is_printed_with_its_figure_and_readouts_in_the_language(lang, decimal):
    from course_lib.widgets.motivation import ExpectancyApp

    set_language(lang)
    try:
        app = ExpectancyApp()
        text = widget_html(_state_of(app.widget), app.widget.model_id, lang)
    finally:
        set_language("nb")
    alts = re.findall(r'<img[^>]*alt="([^"]+)"', text)
    assert alts and all(a.strip() for a in alts)
    readouts = [m["state"]["value"] for m in _state_of(app.widget).values()
                if "course-readout" in m["state"].get("_dom_classes", ())]
    assert len(readouts) >= 3 and all(f">{r}<" in text for r in readouts)  # the app's own readouts
    assert decimal in readouts[0]
    assert app.expectancy.description and app.expectancy.description in text
    assert "IPY_MODEL_" not in text


def test_controls_show_their_label_and_value():
    dropdown = widgets.Dropdown(options=[("Måned", "m"), ("Kvartal", "q")], value="q", description="Oppgjør")
    slider = widgets.FloatSlider(value=0.125, min=0, max=1, step=0.005, description="Andel")
    quiet = widgets.IntSlider(value=7, description="Måneder", readout=False)
    check = widgets.Checkbox(value=True, description="Tak")
    text = widgets.Text(value="<b>min</b> plan", description="Navn")
    blank = widgets.Text(value="", description="Svar")
    button = widgets.Button(description="Sjekk svar")
    box = widgets.VBox([dropdown, slider, quiet, check, text, blank, button])
    out = widget_html(_state_of(box), box.model_id, "nb")
    assert "Oppgjør" in out and ">Kvartal<" in out and "Måned<" not in out
    assert ">0,125<" in out  # a slider's own readout in the language's format
    assert "Måneder" in out and ">7<" not in out  # readout off: the app shows the value beside it
    assert "☑ Tak" in out
    assert "&lt;b&gt;min&lt;/b&gt; plan" in out and "<b>min</b>" not in out
    assert "min-width:8em" in out  # an empty field is a blank to fill in
    assert "Sjekk svar" not in out  # buttons mean nothing on paper
    assert out.startswith('<div class="course-print-box" style="display:flex;flex-direction:column')


def test_a_label_the_app_hides_is_not_printed_twice():
    dropdown = widgets.Dropdown(options=["", "a"], description="Hun får en mentor", style={"description_width": "0px"})
    hidden = widgets.Dropdown(options=["", "a"], description="Skjult")
    hidden.add_class("course-hidden-label")
    box = widgets.HBox([widgets.HTML("Hun får en mentor"), dropdown, hidden])
    out = widget_html(_state_of(box), box.model_id, "nb")
    assert out.count("Hun får en mentor") == 1 and "Skjult" not in out


def test_hidden_widgets_and_html_widgets():
    gone = widgets.HTML("<i>borte</i>", layout={"display": "none"})
    invisible = widgets.Label("usynlig", layout={"visibility": "hidden"})
    shown = widgets.HTML('<img src="data:image/png;base64,AA==" alt="Figur">')
    box = widgets.HBox([gone, invisible, shown])
    out = widget_html(_state_of(box), box.model_id, "nb")
    assert "borte" not in out and "usynlig" not in out and 'alt="Figur"' in out


@pytest.mark.parametrize("state, model_id", [
    ({}, "x"),
    (None, "x"),
    ({"x": "not a model"}, "x"),
    ({"x": {"model_name": "HTMLModel", "state": None}}, "x"),
    ({"x": {"model_name": "HTMLModel", "state": {"value": 42}}}, "x"),
    ({"x": {"model_name": "DropdownModel", "state": {"index": 9, "_options_labels": ["a"]}}}, "x"),
    ({"x": {"model_name": "DropdownModel", "state": {"index": True, "_options_labels": ["a", "b"]}}}, "x"),
    ({"x": {"model_name": "NoSuchModel", "state": {"value": "v"}}}, "x"),
    ({"x": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_x"]}}}, "x"),  # a cycle
    ({"x": {"model_name": "HBoxModel", "state": {"children": [1, None, "IPY_MODEL_gone"], "layout": 5}}}, "x"),
])
def test_a_broken_or_hostile_state_prints_what_it_can_and_never_raises(state, model_id):
    out = widget_html(state, model_id, "nb")
    assert isinstance(out, str) and "42" not in out and "None" not in out
    assert out.count("course-print-box") <= 41  # a cycle stops at the depth limit


def test_a_notebook_s_widget_outputs_are_replaced_and_the_state_dropped():
    label = widgets.Label("Ingrid")
    button = widgets.Button(description="Lagre")
    nb = nbformat.v4.new_notebook()
    cells = []
    for model_id in (label.model_id, button.model_id, "missing"):
        cell = nbformat.v4.new_code_cell("app")
        cell.outputs = [nbformat.v4.new_output("display_data", data={WIDGET_VIEW: {"model_id": model_id},
                                                                     "text/plain": "Label(value='Ingrid')"})]
        cells.append(cell)
    cells.append(nbformat.v4.new_markdown_cell("tekst"))
    nb.cells = cells
    nb.metadata["widgets"] = {WIDGET_STATE: {"state": {**_state_of(label), **_state_of(button)}}}
    assert print_widget_outputs(nb, "nb") == 1
    html_of = [c.outputs[0].data for c in nb.cells[:3]]
    assert "Ingrid" in html_of[0]["text/html"] and html_of[1] == {"text/html": ""} == html_of[2]
    assert all(WIDGET_VIEW not in d and "text/plain" not in d for d in html_of)
    assert "widgets" not in nb.metadata
    nbformat.validate(nb)


def test_a_notebook_without_widget_state_loses_only_its_widget_outputs():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("display_data", data={WIDGET_VIEW: {"model_id": "a"}}),
                    nbformat.v4.new_output("display_data", data={"text/plain": "1"})]
    nb.cells = [cell]
    nb.metadata["widgets"] = "garbage"
    assert print_widget_outputs(nb) == 0
    assert cell.outputs[0].data == {"text/html": ""} and cell.outputs[1].data == {"text/plain": "1"}


def test_tabs_print_every_page_under_its_title_and_a_stack_only_the_shown_one():
    tab = widgets.Tab([widgets.Label("første side"), widgets.Label("andre side")])
    tab.titles = ("Oppstart", "Vekst")
    stack = widgets.Stack([widgets.Label("skjult"), widgets.Label("synlig")], selected_index=1)
    box = widgets.VBox([tab, stack])
    out = widget_html(_state_of(box), box.model_id, "nb")
    assert out.index("Oppstart") < out.index("første side") < out.index("Vekst") < out.index("andre side")
    assert "synlig" in out and "skjult" not in out


def test_every_option_of_a_radio_or_toggle_group_prints_with_the_chosen_one_marked():
    unanswered = widgets.RadioButtons(options=["Ansvar følger myndighet", "Det er sunt"], value=None)
    phase = widgets.ToggleButtons(options=["Oppstart", "Vekst", "Lojalitet"], value="Vekst", description="Fase")
    box = widgets.VBox([unanswered, phase])
    out = widget_html(_state_of(box), box.model_id, "nb")
    assert "○ Ansvar følger myndighet" in out and "○ Det er sunt" in out and "●" in out
    assert "○ Oppstart" in out and "● Vekst" in out and "○ Lojalitet" in out and "Fase" in out


def test_a_dropdown_still_at_its_placeholder_prints_the_options_to_tick():
    quiz = widgets.Dropdown(options=[("(velg)", ""), ("R – utfører", "R"), ("A – ansvarlig", "A")], value="")
    chosen = widgets.Dropdown(options=[("(velg)", ""), ("R – utfører", "R")], value="R")
    empty = widgets.Dropdown(options=[("Alle", None), ("Øst", "east")], value=None, description="Region")
    empty.index = None
    box = widgets.VBox([quiz, chosen, empty])
    out = widget_html(_state_of(box), box.model_id, "nb")
    assert "(velg)" not in out and out.count("○ R – utfører") == 1 and "○ A – ansvarlig" in out
    assert ">R – utfører</span>" in out  # the chosen one, in its box
    assert "Region" in out and "min-width:8em" in out  # nothing chosen: a blank


def test_a_grid_keeps_its_columns_and_plain_layout_values_only():
    cells = [widgets.HTML(f"<b>{c}</b>") for c in ("Beslutning", "Salgssjef", "HR")]
    grid = widgets.GridBox(cells, layout={"grid_template_columns": "200px repeat(2, 60px)"})
    sized = widgets.HTML("x", layout={"width": "300px"})
    hostile = widgets.HTML("y", layout={"width": "1px;background:url(javascript:alert(1))"})
    box = widgets.VBox([grid, sized, hostile])
    out = widget_html(_state_of(box), box.model_id, "nb")
    # fixed columns may shrink to the paper's width
    assert "display:grid" in out and "grid-template-columns:minmax(0,200px) repeat(2, minmax(0,60px))" in out
    assert "width:300px" in out and "javascript" not in out and "background" not in out


def test_screen_only_parts_are_left_off_the_paper_and_folded_text_prints_open():
    save = widgets.HBox([widgets.Text(value="min plan", description="Navn"), widgets.Button(description="Lagre")])
    share = widgets.VBox([widgets.HTML("Deles: bare en tilfeldig deltaker-ID")])
    share.add_class("course-share-box")
    folded = widgets.HTML("<details><summary>Tabell</summary><table><tr><td>1</td></tr></table></details>")
    reflection = widgets.Textarea(value="", description="Din anbefaling")
    box = widgets.VBox([save, share, folded, reflection])
    out = widget_html(_state_of(box), box.model_id, "nb")
    assert "min plan" not in out and "Lagre" not in out and "deltaker-ID" not in out
    assert "<details open><summary>Tabell" in out
    assert 'Din anbefaling</div><div class="course-print-area">' in out


def test_numbers_stay_whole_and_a_spacer_keeps_its_column():
    table = widgets.HTML('<style>.x td{padding:0 100px}</style>'
                         '<table><tr><td style="margin:0 100px">−578 622 kr</td><td>12,5 %</td>'
                         '<td>NOK 1,200</td><td>tekst med 3 ord</td></tr></table>')
    spacer = widgets.HTML("", layout={"width": "300px"})
    empty_feedback = widgets.HTML("")
    box = widgets.HBox([spacer, widgets.HTML("<b>Lav</b>"), empty_feedback, table])
    out = widget_html(_state_of(box), box.model_id, "nb")
    assert "−578\xa0622\xa0kr" in out and "12,5\xa0%" in out and "NOK\xa01,200" in out
    assert "tekst med 3 ord" in out and 'style="margin:0 100px"' in out and "{padding:0 100px}" in out
    assert '<div style="width:300px"></div>' in out and out.count("<div") == out.count("</div>")
    assert out.count('class="course-print-html"') == 2  # the empty feedback line is left out


def test_grid_tracks_that_say_how_to_shrink_stay_as_they_are():
    from course_lib.widget_print import _shrinkable_tracks

    board = "minmax(170px, 2.2fr) repeat(7, minmax(64px, 1fr))"
    assert _shrinkable_tracks(board) == board
    assert _shrinkable_tracks("minmax(220px, 2fr) 180px") == "minmax(220px, 2fr) minmax(0,180px)"
    assert _shrinkable_tracks("fit-content(300px) 1fr") == "fit-content(300px) 1fr"


def test_a_state_whose_boxes_share_children_level_after_level_ends_quickly():
    """Forty levels, each box holding the next one twice: 2**40 widgets if nothing stopped it."""
    import time

    state = {f"b{i}": {"model_name": "VBoxModel", "state": {"children": [f"IPY_MODEL_b{i + 1}"] * 2}}
             for i in range(40)}
    state["b40"] = {"model_name": "LabelModel", "state": {"value": "blad"}}
    started = time.perf_counter()
    out = widget_html(state, "b0", "nb")
    assert time.perf_counter() - started < 5
    assert 0 < out.count("blad") <= 5000


@pytest.mark.parametrize("value, lang, shown", [(float("nan"), "nb", "NaN (ikke et tall)"), (float("inf"), "nb", "uendelig"),
                                                (1e300, "en", "1e+300"), ("<b>x</b>", "nb", "&lt;b&gt;x&lt;/b&gt;")])
def test_a_damaged_slider_value_is_written_in_the_language_not_as_python_or_markup(value, lang, shown):
    state = {"s": {"model_name": "IntSliderModel", "state": {"description": "Måneder", "value": value, "readout": True}}}
    out = widget_html(state, "s", lang)
    assert f">{shown}<" in out and "nan<" not in out and "inf<" not in out
