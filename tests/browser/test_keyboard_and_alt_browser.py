"""Keyboard only and screen reader: the plan designer (module 03) in a real JupyterLab.

One test per language: the figure's text alternative is read from the page (``img[alt]``) and states
the plan's numbers; then, with the keyboard alone (Tab to reach a control, arrow keys to change it),
the learner changes a value and the figure and its text alternative change with it. The slider
handles it reaches have an accessible name.
"""
from __future__ import annotations

import pytest

from .helpers import wait_for_image_change

TABS_ALLOWED = 60


@pytest.mark.timeout(400)
@pytest.mark.lab_notebook("notebooks/{lang}/03_bonus_system.ipynb")
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_plan_designer_with_keyboard_only_and_alt_text(notebook_page, lang):
    page = notebook_page(f"notebooks/{lang}/03_bonus_system.ipynb")
    app = page.locator(".course-plan-designer").first
    app.scroll_into_view_if_needed()
    image = app.locator(".course-plan-figure img").first
    image.wait_for(state="visible")

    # a screen reader reads the figure's text alternative: what it shows and its key numbers
    alt = image.get_attribute("alt")
    assert alt and alt == image.get_attribute("aria-label")
    assert alt.startswith("Utbetalingskurve" if lang == "nb" else "Payout curve"), alt
    assert ("kr" in alt) if lang == "nb" else ("NOK" in alt), alt
    assert "OTE" in alt

    # keyboard only: start in the app's first control, Tab until a slider handle has focus
    app.locator("button, select, input, .noUi-handle").first.focus()
    reached = None
    for _ in range(TABS_ALLOWED):
        reached = page.evaluate(
            """() => { const el = document.activeElement;
                       if (!el || !el.classList.contains('noUi-handle')) return null;
                       return {label: el.getAttribute('aria-label'), inApp: !!el.closest('.course-plan-designer')}; }""")
        if reached and reached["inApp"]:
            break
        page.keyboard.press("Tab")
    assert reached and reached["inApp"], "Tab never reached a slider of the plan designer"
    assert reached["label"], "the slider handle has no accessible name"

    before_src = image.get_attribute("src")
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    after_src = wait_for_image_change(page, image, before_src, timeout=40)
    assert after_src != before_src
    page.wait_for_function("([el, old]) => el.getAttribute('alt') !== old", arg=[image.element_handle(), alt],
                           timeout=20_000)
    assert image.get_attribute("alt") != alt
