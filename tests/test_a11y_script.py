"""The slider-naming script goes to a kernel's page, never as text to a terminal."""
from types import SimpleNamespace

import IPython

from course_lib.widgets import a11y


def test_script_is_displayed_only_in_a_kernel(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    monkeypatch.setattr(IPython, "get_ipython", lambda: SimpleNamespace(kernel=None))
    a11y.name_sliders()
    assert shown == []
    monkeypatch.setattr(IPython, "get_ipython", lambda: SimpleNamespace(kernel=object()))
    a11y.name_sliders()
    assert len(shown) == 1 and "__courseSliderNames" in shown[0].data
