"""Module 06 in a real JupyterLab: run the notebook, fill the package from the case, read the rubric."""
import pytest


FILL = {"nb": "Fyll inn fra caset", "en": "Fill from the case"}
FILLED = {"nb": "hentet fra caset", "en": "filled from the case"}


@pytest.mark.lab_notebook("notebooks/{lang}/06_capstone.ipynb")
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_module_06_capstone_fills_from_the_case_in_the_language(notebook_page, lang):
    page = notebook_page(f"notebooks/{lang}/06_capstone.ipynb")
    app = page.locator(".course-capstone-app").first
    app.scroll_into_view_if_needed()
    findings = app.locator(".course-capstone-findings")
    findings.wait_for(state="visible")
    app.locator("button", has_text=FILL[lang]).click()
    page.wait_for_function("([el, want]) => el.innerText.includes(want)",
                           arg=[app.element_handle(), FILLED[lang]], timeout=30_000)
    rubric = app.locator(".course-capstone-rubric").inner_text()
    assert (" av 100 poeng" if lang == "nb" else " of 100 points") in rubric
    assert app.locator(".course-error").inner_text().strip() == ""
