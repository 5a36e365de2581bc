"""App mode for a projector: a module served by Voila shows its widgets with the code hidden."""
import os
import subprocess
import sys

import pytest

from support import free_port, stop_group, wait_for_port


@pytest.fixture(scope="module")
def voila(lab):
    port = free_port()
    env = dict(os.environ, COURSE_PROGRESS_DIR=str(lab.progress_dir))
    proc = subprocess.Popen(
        [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
         "--Voila.root_dir=" + str(lab.root), "--show_tracebacks=True"],
        cwd=lab.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop_group(proc)


@pytest.mark.parametrize("lang, check", [("en", "Check answer"), ("nb", "Sjekk svaret")])
def test_start_module_in_voila_shows_widgets_without_code(page, voila, lang, check):
    page.goto(f"{voila}voila/render/notebooks/{lang}/00_start_here.ipynb", timeout=120_000)
    page.locator(".course-quiz-single").first.wait_for(state="visible", timeout=120_000)
    assert page.locator(".course-quiz-check").first.inner_text().strip() == check
    assert page.locator(".jp-InputArea-editor, .CodeMirror").count() == 0, "code cells must be hidden"
    assert page.locator("img[src^='data:image/png']").count() >= 3, "the case figures should be shown"
    assert "Traceback" not in page.content()
