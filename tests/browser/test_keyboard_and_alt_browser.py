"""Keyboard only and screen reader: the plan designer (module 03) in a real JupyterLab.

One test per language: the figure's text alternative is read from the page (``img[alt]``) and states
the plan's numbers; then, with the keyboard alone (Tab to reach a control, arrow keys to change it),
the learner changes a value and the figure and its text alternative change with it. The slider
handles it reaches have an accessible name.

The decision board (module 04) with the keyboard alone: Tab from its first control to a cell's
dropdown, change it with an arrow key, and the cell and the heatmap follow.
It shares the module 04 page with the other tests of that notebook (``notebook_page``).
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


@pytest.mark.timeout(400)
@pytest.mark.lab_notebook("notebooks/{lang}/04_authority.ipynb")
@pytest.mark.parametrize("lang", ["nb"])
def test_decision_board_cell_changes_with_the_keyboard_alone(notebook_page, lang):
    page = notebook_page(f"notebooks/{lang}/04_authority.ipynb")
    board = page.locator(".course-decision-board").first
    board.scroll_into_view_if_needed()
    heatmap = board.locator(".course-board-heatmap img").first
    heatmap.wait_for(state="visible")

    # keyboard only: from the board's first control, Tab until a cell's dropdown has focus
    board.locator("select").first.focus()
    reached = None
    for _ in range(TABS_ALLOWED):
        reached = page.evaluate(
            """() => { const el = document.activeElement;
                       const cell = el && el.tagName === 'SELECT' && el.closest('.course-board-cell');
                       if (!cell || !el.closest('.course-decision-board')) return null;
                       const name = [...cell.classList].find(c => c.startsWith('course-cell-'));
                       return {cell: name, label: el.getAttribute('aria-label'), index: el.selectedIndex,
                               last: el.selectedIndex === el.options.length - 1,
                               text: el.options[el.selectedIndex].text}; }""")
        if reached:
            break
        page.keyboard.press("Tab")
    assert reached, "Tab never reached a cell of the decision board"
    assert reached["label"] and " – " in reached["label"], "the cell's dropdown has no accessible name"

    before_src = heatmap.get_attribute("src")
    page.keyboard.press("ArrowUp" if reached["last"] else "ArrowDown")
    select = board.locator(f".{reached['cell']} select")
    page.wait_for_function("([el, old]) => el.selectedIndex !== old", arg=[select.element_handle(), reached["index"]],
                           timeout=10_000)
    now = select.evaluate("el => el.options[el.selectedIndex].text")
    assert now != reached["text"]
    # the kernel got the change: the heatmap is drawn again with the new cell
    after_src = wait_for_image_change(page, heatmap, before_src, timeout=40)
    assert after_src != before_src
    assert page.evaluate("() => document.activeElement && document.activeElement.tagName") == "SELECT", \
        "focus stays on the dropdown after the change"
