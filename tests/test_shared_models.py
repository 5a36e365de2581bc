"""Apps share one default layout and style of each kind (``widgets.shared_models``; issue 14).

Fewer widget models make an app's first display cheaper in the browser. The risk of sharing is a
widget restyled in place, which would restyle every widget sharing its model: every app is built and
its controls are moved, and no shared model may have changed.
"""
from __future__ import annotations

import importlib

import ipywidgets as widgets
import pytest
from support import walk_widgets

from course_lib import set_language
from course_lib.widgets import shared_models as sm

APPS = [
    ("start", "StartDemo"), ("motivation", "ProfileApp"), ("motivation", "ExpectancyApp"),
    ("motivation", "RewardsApp"), ("goals", "PipelineForecastApp"), ("goals", "BudgetSetterApp"),
    ("goals", "ControlDashboardApp"), ("incentives", "PlanDesigner"), ("incentives", "PhaseExplorer"),
    ("incentives", "UniformVsTailored"), ("delegation", "DecisionRightsBoard"),
    ("delegation", "DelegationLevelsApp"), ("digital", "FunnelApp"), ("digital", "SevenStepsApp"),
    ("digital", "InvestmentApp"), ("capstone", "CapstoneApp"), ("classroom", "ClassSummaryApp"),
]


def _move(control) -> None:
    """Move a control to another value, as a learner would."""
    if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
        step = control.step or 1
        control.value = control.value + step if control.value + step <= control.max else control.value - step
    elif isinstance(control, (widgets.Dropdown, widgets.ToggleButtons, widgets.SelectionSlider)):
        values = list(control._options_values)
        if len(values) > 1:
            control.value = values[(values.index(control.value) + 1) % len(values)] \
                if control.value in values else values[0]
    elif isinstance(control, widgets.Checkbox):
        control.value = not control.value


@pytest.fixture(autouse=True)
def _progress(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path / "progress"))
    monkeypatch.setenv("COURSE_CLASS_DIR", str(tmp_path / "class"))
    (tmp_path / "class").mkdir()
    yield
    set_language("nb")


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("module, name", APPS, ids=[name for _m, name in APPS])
def test_no_shared_model_changes_while_an_app_is_used(module, name, lang):
    set_language(lang)
    app = getattr(importlib.import_module(f"course_lib.widgets.{module}"), name)()
    tree = list(walk_widgets(app.widget))
    for control in [w for w in tree if not getattr(w, "disabled", False)][:40]:
        _move(control)
    assert sm.changed_shared_models() == []
    layouts = {id(w.layout) for w in tree if isinstance(w, widgets.DOMWidget)}
    assert len(layouts) <= max(12, len(tree) // 3), f"{len(layouts)} layouts for {len(tree)} widgets"


def test_apps_build_far_fewer_models_than_widgets_with_their_own():
    from course_lib.widgets.digital import InvestmentApp

    tree = list(walk_widgets(InvestmentApp().widget))
    shared_layouts = {id(w.layout) for w in tree if isinstance(w, widgets.DOMWidget)}
    styles = {id(w.style) for w in tree if isinstance(getattr(w, "style", None), widgets.Widget)}
    assert len(shared_layouts) < 15 and len(styles) < 10  # with a model each: 72 layouts, 52 styles


def test_a_shared_model_changed_in_place_is_reported_and_own_layout_avoids_it():
    with sm.shared_defaults():
        a, b = widgets.HTML("a"), widgets.HTML("b")
        box = widgets.VBox([a], layout={"width": "10em", "padding": "2px"})
    assert a.layout is b.layout and sm.is_shared(a.layout)
    a.layout.width = "1px"
    try:
        assert sm.changed_shared_models() == ["Layout.width = '1px'"]
    finally:
        a.layout.width = None
    assert sm.changed_shared_models() == []
    own = sm.own_layout(box, min_width="400px")
    assert (own.width, own.padding, own.min_width) == ("10em", "2px", "400px") and not sm.is_shared(own)
    assert sm.changed_shared_models() == []


def test_outside_an_app_ipywidgets_defaults_are_untouched():
    with sm.shared_defaults():
        with sm.shared_defaults():  # re-entrant: the inner block shares the outer one's models
            inner = widgets.HTML("x")
        outer = widgets.HTML("y")
    assert inner.layout is outer.layout
    after = widgets.HTML("z")
    assert after.layout is not outer.layout and not sm.is_shared(after.layout)
    assert widgets.HTML("w", style={"font_size": "2em"}).style is not widgets.HTML("v", style={"font_size": "2em"}).style


def test_quizzes_share_their_models_and_keep_them_unchanged_when_answered():
    from course_lib.exercises import overview, quiz

    for qid in ("start.read_table", "start.july_attainment", "incentives.reflection", "incentives.gaming_risk"):
        q = quiz(qid)
        tree = list(walk_widgets(q.widget))
        for control in tree:
            _move(control)
            if isinstance(control, widgets.Text) and not isinstance(control, widgets.Textarea):
                control.value = "12,5"
            if isinstance(control, widgets.Textarea):
                control.value = "Et svar på refleksjonen."
        if getattr(q, "has_button", False):
            q.check_button.click()
        layouts = {id(w.layout) for w in tree if isinstance(w, widgets.DOMWidget)}
        assert len(layouts) <= 4, (qid, len(layouts), len(tree))
    overview("start")
    assert sm.changed_shared_models() == []


def test_an_app_that_fails_while_it_is_built_leaves_ipywidgets_as_it_was():
    with pytest.raises(ValueError):
        with sm.shared_defaults():
            widgets.HTML("half built")
            raise ValueError("a bad argument")
    assert widgets.HTML("a").layout is not widgets.HTML("b").layout
    assert sm._depth == 0


def test_no_module_of_the_course_holds_a_widget_and_apps_build_again_after_every_widget_is_closed():
    """A widget made at import would be shared by every app of the kernel, and dead once closed
    (``Widget.close_all()``, as the tests' kept kernels do between notebooks): the next app that used it
    failed with "'NoneType' object has no attribute 'comm_id'"."""
    import pkgutil

    import course_lib

    held = []
    for info in pkgutil.walk_packages(course_lib.__path__, "course_lib."):
        module = importlib.import_module(info.name)
        held += [f"{info.name}.{name}" for name, value in vars(module).items()
                 if isinstance(value, widgets.Widget)]
    assert held == []
    from course_lib.widgets.goals import BudgetSetterApp
    from course_lib.widgets.incentives import PlanDesigner

    PlanDesigner(), BudgetSetterApp()
    widgets.Widget.close_all()
    PlanDesigner(), BudgetSetterApp()
