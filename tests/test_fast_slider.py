"""No app loses a control change: after a fast burst of slider moves, what the app shows is what
one single move to the final value shows (issue 14).

Every app in the course is built, each of its sliders is moved quickly through several values and
left on the last; the figure (the PNG the Output holds), the HTML panels and the readout must equal
those of a fresh app moved once to that final value.
"""
from __future__ import annotations

import importlib

import ipywidgets as widgets
import pytest
from support import walk_widgets

from course_lib import set_language

APPS = [
    ("start", "StartDemo"), ("motivation", "ProfileApp"), ("motivation", "ExpectancyApp"),
    ("motivation", "RewardsApp"), ("incentives", "PlanDesigner"), ("incentives", "PhaseExplorer"),
    ("incentives", "UniformVsTailored"), ("delegation", "DecisionRightsBoard"),
    ("delegation", "DelegationLevelsApp"), ("digital", "FunnelApp"), ("digital", "SevenStepsApp"),
    ("digital", "InvestmentApp"),
    # module 02
    ("goals", "PipelineForecastApp"), ("goals", "BudgetSetterApp"), ("goals", "ControlDashboardApp"),
]
SLIDERS = (widgets.FloatSlider, widgets.IntSlider, widgets.SelectionSlider, widgets.FloatRangeSlider,
           widgets.IntRangeSlider)


def _sliders(app):
    return [w for w in walk_widgets(app.widget) if isinstance(w, SLIDERS) and not w.disabled]


def _shown(app):
    """Everything the app shows that follows its controls: Output contents and HTML texts."""
    state = []
    for w in walk_widgets(app.widget):
        if isinstance(w, widgets.Output):
            for out in w.outputs:
                data = out.get("data", {})
                state.append(data.get("image/png") or data.get("text/html") or data.get("text/plain"))
        elif isinstance(w, (widgets.HTML, widgets.Label)) and not isinstance(w, SLIDERS):
            state.append(w.value)
    return state


def _burst(slider):
    """Several valid values ending on one different from the start."""
    if isinstance(slider, widgets.SelectionSlider):
        opts = list(slider._options_values)
        i = opts.index(slider.value)
        seq = [opts[(i + k) % len(opts)] for k in (1, 2, 3, 2, 4)]
        return seq
    if isinstance(slider.value, tuple):
        lo, hi = slider.value
        step = slider.step
        ups = [min(slider.max, hi + k * step) for k in (1, 2, 3)]
        downs = [max(lo + step, hi - k * step) for k in (1, 2)]
        ends = [v for v in ups + downs if v != hi]
        return [(lo, v) for v in ends]
    step = slider.step or 1
    v = slider.value
    cand = [v + k * step for k in (1, 2, 3, 4, 2, 5)] + [v - k * step for k in (1, 2, 3)]
    seq = [c for c in cand if slider.min <= c <= slider.max and c != v]
    return seq[:6]


def _classes():
    found = []
    for module, name in APPS:
        try:
            mod = importlib.import_module(f"course_lib.widgets.{module}")
        except ImportError:
            continue
        if hasattr(mod, name):
            found.append(pytest.param(getattr(mod, name), id=name))
    return found


@pytest.fixture(autouse=True)
def _nb(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path))
    set_language("nb")
    yield
    set_language("nb")


@pytest.mark.parametrize("cls", _classes())
def test_burst_of_slider_moves_ends_on_last_value(cls):
    app = cls()
    sliders = _sliders(app)
    if not sliders:
        pytest.skip(f"{cls.__name__} has no slider")
    slider = sliders[0]  # one slider per app keeps the suite quick; every app's first slider
    seq = _burst(slider)
    assert seq, f"{cls.__name__}: slider {slider.description!r} cannot move"
    for value in seq:  # as fast as the kernel takes them, no pause
        slider.value = value
    final = seq[-1]
    assert slider.value == final
    assert not app.error.has_error, app.error.value
    fresh = cls()
    before = _shown(fresh)
    _sliders(fresh)[0].value = final
    after = _shown(fresh)
    assert after != before, f"{cls.__name__}: moving {slider.description!r} changes nothing shown"
    assert _shown(app) == after, (
        f"{cls.__name__}: after a burst on {slider.description!r} ending at {final!r} the app "
        "does not show what one move to that value shows")
