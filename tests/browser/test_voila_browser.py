"""App mode for a projector: a module served by Voila shows its widgets with the code hidden."""

import pytest





@pytest.mark.parametrize("lang, check", [("en", "Check answer"), ("nb", "Sjekk svaret")])
def test_start_module_in_voila_shows_widgets_without_code(page, voila, lang, check):
    page.goto(f"{voila}voila/render/notebooks/{lang}/00_start_here.ipynb", timeout=120_000)
    page.locator(".course-quiz-single").first.wait_for(state="visible", timeout=120_000)
    assert page.locator(".course-quiz-check").first.inner_text().strip() == check
    assert page.locator(".jp-InputArea-editor, .CodeMirror").count() == 0, "code cells must be hidden"
    assert page.locator("img[src^='data:image/png']").count() >= 3, "the case figures should be shown"
    assert "Traceback" not in page.content()
