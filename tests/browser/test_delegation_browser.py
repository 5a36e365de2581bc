"""Module 04 in a real JupyterLab: run all cells, change one cell of the decision-rights board,
see the RACI validation, the gap panel and the heatmap update."""
import pytest

from .helpers import assert_no_errors, wait_for_image_change

TEXT = {
    "nb": {"valid": "Tabellen er gyldig", "two_a": "flere har A", "ict": "IKT-/CRM-budsjett"},
    "en": {"valid": "The table is valid", "two_a": "several roles hold A", "ict": "ICT/CRM budget"},
}


@pytest.mark.lab_notebook("notebooks/{lang}/04_authority.ipynb")
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_changing_one_board_cell_updates_validation(notebook_page, lang):
    page = notebook_page(f"notebooks/{lang}/04_authority.ipynb")

    board = page.locator(".course-decision-board").first
    board.scroll_into_view_if_needed()
    validation = board.locator(".course-board-validation")
    validation.scroll_into_view_if_needed()
    assert TEXT[lang]["valid"] in validation.text_content()
    heatmap = board.locator(".course-board-heatmap img").first
    heatmap.scroll_into_view_if_needed()
    old_src = heatmap.get_attribute("src")
    gaps_before = board.locator(".course-board-gaps").text_content()

    cell = board.locator(".course-cell-ict_budget-sales_manager select")
    cell.scroll_into_view_if_needed()
    cell.select_option(label="A/R")

    page.wait_for_function(
        "([el, text]) => el.textContent.includes(text)",
        arg=[validation.element_handle(), TEXT[lang]["two_a"]], timeout=20_000)
    assert TEXT[lang]["ict"] in validation.text_content()
    wait_for_image_change(page, heatmap, old_src)
    assert board.locator(".course-board-gaps").text_content() != gaps_before
    assert_no_errors(page)
