"""`make lab` serves JupyterLab with the start module, its own interface in the course language
(bokmål by default). One `make lab` per language serves both checks (it was two runs each, about
6 s apiece, when the HTTP check was a test of its own)."""
from __future__ import annotations

import json
import subprocess
import urllib.request
from pathlib import Path

import pytest
from support import free_port, stop_group, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
MENUS = {"nb": ["Fil", "Rediger", "Vis", "Kjør", "Kjerne", "Faner", "Innstillinger", "Hjelp"],
         "en": ["File", "Edit", "View", "Run", "Kernel", "Tabs", "Settings", "Help"]}


@pytest.mark.timeout(240)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_menu_bar_speaks_the_course_language(browser, tmp_path, lang):
    """Does `make lab COURSE_LANG=...` serve the start module of that language, and show JupyterLab's
    menu bar and the Run menu in that language?"""
    port, token = free_port(), "interface-language-test"
    args = (f"--no-browser --ip=127.0.0.1 --port={port} --port_retries=0 --IdentityProvider.token={token} "
            f"--LabApp.user_settings_dir={tmp_path / 'user'} --LabApp.workspaces_dir={tmp_path / 'ws'}")
    log = open(tmp_path / "lab.log", "w")
    proc = subprocess.Popen(["make", "-s", "lab", f"COURSE_LANG={lang}", f"LAB_ARGS={args}"], cwd=ROOT,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        wait_for_port(port, timeout=150)
        page = context.new_page()
        page.set_default_timeout(60_000)
        start = f"http://127.0.0.1:{port}/api/contents/notebooks/{lang}/00_start_here.ipynb?content=0&token={token}"
        with urllib.request.urlopen(start, timeout=10) as response:
            assert response.status == 200 and json.load(response)["type"] == "notebook"
        page.goto(f"http://127.0.0.1:{port}/lab?token={token}")
        page.wait_for_selector(".lm-MenuBar-itemLabel")
        labels = page.eval_on_selector_all(".lm-MenuBar-itemLabel", "els => els.map(e => e.textContent)")
        assert labels == MENUS[lang]
        page.locator(".lm-MenuBar-item", has_text=MENUS[lang][3]).click()
        items = page.eval_on_selector_all(".lm-Menu-itemLabel", "els => els.map(e => e.textContent)")
        assert ("Kjør alt" if lang == "nb" else "Run All") in items
        page.screenshot(path=str(ROOT / "test-artifacts" / f"interface-{lang}.png"))
    finally:
        context.close()
        stop_group(proc)
        log.close()
