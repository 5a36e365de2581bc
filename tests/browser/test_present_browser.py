"""A projector page (`course present`) in a real browser, in nb and en: the app alone, code hidden."""
import os
import subprocess
import sys

import pytest

from support import free_port, stop_group, wait_for_port


@pytest.mark.parametrize("lang, text", [("nb", "Delegeringsnivå"), ("en", "Delegation level")])
def test_projector_page_shows_one_app_without_code(browser, tmp_path, lang, text):
    port = free_port()
    env = dict(os.environ, COURSE_PROGRESS_DIR=str(tmp_path / "progress"))
    env.pop("COURSE_LANG", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "course_lib.cli", "present", "delegation.levels", "--lang", lang,
         "--port", str(port), "--folder", str(tmp_path)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        wait_for_port(port, timeout=90)
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/", timeout=120_000)
        page.locator(".widget-dropdown, .jupyter-widget-Dropdown, select").first.wait_for(state="visible",
                                                                                           timeout=120_000)
        body = page.inner_text("body")
        assert text.lower() in body.lower()
        assert page.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor").count() == 0, "code must be hidden"
        assert "set_language" not in page.content() and "Traceback" not in page.content()
    finally:
        context.close()
        stop_group(proc)
