"""Module 03 in a real JupyterLab: run the notebook, move the plan designer's threshold, see the curve change."""
import pytest

from .helpers import wait_for_image_change


@pytest.mark.lab_notebook("notebooks/{lang}/03_bonus_system.ipynb")
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_plan_designer_redraws_when_the_threshold_moves(notebook_page, lang):
    page = notebook_page(f"notebooks/{lang}/03_bonus_system.ipynb")

    app = page.locator(".course-plan-designer").first
    app.scroll_into_view_if_needed()
    image = app.locator(".course-plan-figure img").first
    image.wait_for(state="visible")
    # the value is shown in the language's format beside the slider (ipywidgets' own readout has no locale)
    readout = app.locator(".course-plan-threshold").locator("xpath=..").locator(".course-readout").first
    page.wait_for_function("el => el.innerText.trim() !== ''", arg=readout.element_handle(), timeout=20_000)
    assert readout.inner_text().strip().replace("\xa0", " ") in ("0 %", "0%")
    risks = app.locator(".course-plan-risks")
    assert "Terskelhopp" not in risks.inner_text() and "Cliff" not in risks.inner_text()
    before = image.get_attribute("src")

    handle = app.locator(".course-plan-threshold .noUi-handle")
    handle.focus()
    for _ in range(10):
        handle.press("ArrowRight")

    after = wait_for_image_change(page, image, before)
    assert after != before
    # the readout label follows from the kernel, key press by key press
    page.wait_for_function("el => /^50\\s?%$/.test(el.innerText.trim().replace('\\u00a0', ' '))",
                           arg=readout.element_handle(), timeout=30_000)
    # a threshold makes a cliff in the payout curve, and the designer warns about it
    page.wait_for_function("el => /Terskelhopp|Cliff/.test(el.innerText)", arg=risks.element_handle(), timeout=20_000)
    monthly = risks.inner_text()
    # designer step 1: settling per quarter changes the warning
    app.get_by_role("button", name="Kvartal" if lang == "nb" else "Quarter").first.click()
    page.wait_for_function("([el, old]) => el.innerText !== old && /kvartal|quarter/i.test(el.innerText)",
                           arg=[risks.element_handle(), monthly], timeout=20_000)
