"""Module 02 in a real JupyterLab: run the notebook, move the forecast's win rate, the budget and the control
dashboard's month, see the figures and the reading change."""
import pytest

from .helpers import wait_for_image_change


@pytest.mark.lab_notebook("notebooks/{lang}/02_plan_execute_control.ipynb")
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_forecast_and_budget_setter_redraw_when_a_slider_moves(notebook_page, lang):
    page = notebook_page(f"notebooks/{lang}/02_plan_execute_control.ipynb")

    app = page.locator(".course-forecast-app").first
    app.scroll_into_view_if_needed()
    image = app.locator(".course-forecast-figure img").first
    image.wait_for(state="visible")
    readout = app.locator(".course-forecast-proposal").locator("xpath=..").locator(".course-readout")
    page.wait_for_function("el => el.innerText.trim() !== ''", arg=readout.element_handle(), timeout=20_000)
    assert readout.inner_text().strip() in ("50 %", "50%")
    metrics = app.locator(".course-forecast-metrics")
    before_metrics = metrics.inner_text()
    before = image.get_attribute("src")

    handle = app.locator(".course-forecast-proposal .noUi-handle")
    handle.focus()
    for _ in range(4):
        handle.press("ArrowRight")

    after = wait_for_image_change(page, image, before)
    assert after != before
    page.wait_for_function("el => /70 ?%/.test(el.innerText)", arg=readout.element_handle(), timeout=20_000)
    assert metrics.inner_text() != before_metrics
    # the numbers are in the language's format
    assert ("12 800 000 kr" in metrics.inner_text()) if lang == "nb" else ("NOK 12,800,000" in metrics.inner_text())

    setter = page.locator(".course-budget-app").first
    setter.scroll_into_view_if_needed()
    budget_image = setter.locator(".course-budget-figure img").first
    budget_image.wait_for(state="visible")
    before = budget_image.get_attribute("src")
    handle = setter.locator(".course-budget-slider .noUi-handle")
    handle.focus()
    for _ in range(5):
        handle.press("ArrowLeft")
    after = wait_for_image_change(page, budget_image, before)
    assert after != before
    budget_readout = setter.locator(".course-readout").first
    page.wait_for_function("el => /12[ ,]300[ ,]000/.test(el.innerText)", arg=budget_readout.element_handle(),
                           timeout=20_000)

    # the control dashboard: move the month from June to July 2026, the reading turns from "leave alone" to "act"
    dashboard = page.locator(".course-control-app").first
    dashboard.scroll_into_view_if_needed()
    control_image = dashboard.locator(".course-control-figure img").first
    control_image.wait_for(state="visible")
    reading = dashboard.locator(".course-control-reading")
    page.wait_for_function("el => el.innerText.trim() !== ''", arg=reading.element_handle(), timeout=20_000)
    leave, act = ("La være", "Grip inn") if lang == "nb" else ("Leave alone", "Act:")
    assert leave in reading.inner_text() and act not in reading.inner_text()
    before = control_image.get_attribute("src")
    handle = dashboard.locator(".course-control-month .noUi-handle")
    handle.focus()
    handle.press("ArrowRight")
    page.wait_for_function("([el, word]) => el.innerText.includes(word)", arg=[reading.element_handle(), act],
                           timeout=20_000)
    text = reading.inner_text()
    assert act in text and ("juli 2026" in text if lang == "nb" else "July 2026" in text)
    assert wait_for_image_change(page, control_image, before) != before
