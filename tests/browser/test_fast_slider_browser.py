"""A burst of key presses on a slider in JupyterLab: the readout and the figure settle on the last value.

Ten quick ArrowRight presses on the phase explorer's new-sales slider (0.40 -> 0.90, one kernel
redraw each, many still queued when the last key is pressed). A second app, built directly at 0.90
in the next cell, is the reference: the first app's readout and image must end up identical to it.
"""
import json

import pytest

from .helpers import wait_for_image_change

CELLS = [
    "from course_lib import set_language\nset_language('nb')",
    "from course_lib.widgets.incentives import PhaseExplorer\nPhaseExplorer(new_sales=0.4)",
    "PhaseExplorer(new_sales=0.9)",
]


@pytest.mark.lab_notebook("fast_slider.ipynb")  # in the worker's JupyterLab page and kernel (conftest)
def test_burst_of_arrow_keys_settles_on_the_last_value(notebook_page, lab):
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": c}
                    for c in CELLS],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    (lab.root / "fast_slider.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    page = notebook_page("fast_slider.ipynb")

    apps = page.locator(".course-phase-explorer")
    apps.nth(1).locator("img").first.wait_for(state="visible")
    app, reference = apps.nth(0), apps.nth(1)
    image = app.locator("img").first
    image.wait_for(state="visible")
    readout = app.locator(".course-phase-new").locator("xpath=..").locator(".course-readout").first
    ref_readout = reference.locator(".course-phase-new").locator("xpath=..").locator(".course-readout").first
    ref_src = reference.locator("img").first.get_attribute("src")
    before = image.get_attribute("src")
    assert before != ref_src and readout.inner_text() != ref_readout.inner_text()

    app.scroll_into_view_if_needed()
    handle = app.locator(".course-phase-new .noUi-handle")
    handle.focus()
    for _ in range(10):
        handle.press("ArrowRight", delay=0)

    page.wait_for_function("([el, want]) => el.innerText.trim() === want",
                           arg=[readout.element_handle(), ref_readout.inner_text().strip()], timeout=60_000)
    wait_for_image_change(page, image, before, settle_ms=1500, timeout=90)
    # the last redraw wins: the image is the one the app draws for 0.90, not an earlier step's
    page.wait_for_function("([el, want]) => el.src === want", arg=[image.element_handle(), ref_src],
                           timeout=60_000)
    assert image.get_attribute("src") == ref_src
