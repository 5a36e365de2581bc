"""Module 05 in a real JupyterLab: run the notebook, drive the funnel explorer, the seven-steps
assessment and the investment case, in both languages."""
import pytest

from .helpers import wait_for_image_change

VISITORS = {"nb": ("60 000", "110 000"), "en": ("60,000", "110,000")}
ERROR = {"nb": "kan ikke være negativ", "en": "cannot be negative"}


@pytest.mark.lab_notebook("notebooks/{lang}/05_digital_strategy.ipynb")
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_module_05_apps_respond_in_the_language(notebook_page, lab, lang):
    page = notebook_page(f"notebooks/{lang}/05_digital_strategy.ipynb")

    # the funnel explorer: more visitors redraw the figure, the readout follows in the language's format
    app = page.locator(".course-funnel-app").first
    app.scroll_into_view_if_needed()
    image = app.locator(".course-funnel-figure img").first
    image.wait_for(state="visible")
    readout = app.locator(".widget-hbox:has(> .course-funnel-visitors) .course-readout").first
    page.wait_for_function("([el, want]) => el.innerText.trim() === want",
                           arg=[readout.element_handle(), VISITORS[lang][0]], timeout=20_000)
    before = image.get_attribute("src")
    handle = app.locator(".course-funnel-visitors .noUi-handle")
    handle.focus()
    for _ in range(10):
        handle.press("ArrowRight")
    after = wait_for_image_change(page, image, before)
    assert after != before
    page.wait_for_function("([el, want]) => el.innerText.trim() === want",
                           arg=[readout.element_handle(), VISITORS[lang][1]], timeout=20_000)
    metrics = app.locator(".course-funnel-metrics")
    assert ("%" in metrics.inner_text()) and ("kr" in metrics.inner_text() if lang == "nb" else "NOK" in metrics.inner_text())

    # the seven steps: a click on a Likert button is saved to the learner's progress file
    steps = page.locator(".course-steps-app").first
    steps.scroll_into_view_if_needed()
    steps.locator(".course-likert").first.locator("button", has_text="4").click()
    page.wait_for_function("el => /1 (av|of) 16/.test(el.innerText)",
                           arg=steps.locator(".course-steps-status").element_handle(), timeout=20_000)
    saved = lab.progress()["sections"]["digital_strategy"]["answers"]
    assert saved == {"buying_process.research": 4}

    # the investment case: a negative cost shows a translated message, the app stays usable
    invest = page.locator(".course-invest-app").first
    invest.scroll_into_view_if_needed()
    box = invest.locator(".course-invest-training-low input")
    box.fill("-5000")
    box.press("Enter")
    error = invest.locator(".course-error")
    page.wait_for_function("([el, want]) => el.innerText.includes(want)",
                           arg=[error.element_handle(), ERROR[lang]], timeout=20_000)
    box.fill("30000")
    box.press("Enter")
    page.wait_for_function("el => el.innerText.trim() === ''", arg=error.element_handle(), timeout=20_000)
    assert invest.locator(".course-invest-figure img").count() == 1
