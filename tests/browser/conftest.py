"""A real JupyterLab in Debian's chromium, driven by Playwright.

Session fixtures start one JupyterLab server on a free port, serving a
temporary copy of the course's notebooks (autosave never touches the repo),
with its own progress directory, and one headless chromium. Each test gets a
fresh page; kernels are shut down between tests. A failed test leaves a screenshot in
test-artifacts/.

A module notebook is run once per worker, not once per test: ``notebook_page(relpath)`` opens
and runs it on first use and hands the same page to the next test that asks for the same
notebook (the accessibility audit, then the module's own test, which drive different apps or
check state they set themselves). The next notebook on the worker opens in the same JupyterLab page
(``helpers.switch_notebook``: the previous one is closed), which saves loading JupyterLab again,
about 4 s a notebook, and runs in the previous one's kernel, reset as a new kernel would start (the
root conftest's ``kernel_reset_code``): no kernel start and no import of the course again. The tests of one notebook and language share an xdist group
(``xdist_group("lab:<relpath>")``, set below) so they run one after the other on one worker, in
collection order: the audit sees the page as "Run all" left it. A failed test drops the page, so
the next one runs the notebook again. Run alone, a test simply runs its notebook itself.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import apply_groups, free_port, stop_group, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
#: Set to "0" to start JupyterLab without saving widget state in notebooks (its default).
SAVE_WIDGET_STATE = "COURSE_LAB_SAVE_WIDGET_STATE"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups from the marks
def pytest_collection_modifyitems(config, items):
    groups = {}
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            notebook = lab_notebook(item)
            if notebook:
                groups[item.nodeid] = f"lab:{notebook}"
            elif "voila" in getattr(item, "fixturenames", ()):
                groups[item.nodeid] = "voila"  # one Voilà server for its tests
    apply_groups(config, items, groups, lead=("voila",))  # Voilà's group is the longest (about 90 s)


def lab_notebook(item) -> str | None:
    """The notebook (relative path) a test opens with ``notebook_page``: from its ``NOTEBOOK`` mark."""
    mark = item.get_closest_marker("lab_notebook")
    if mark is None:
        return None
    callspec = getattr(item, "callspec", None)
    params = dict(callspec.params) if callspec else {}
    return mark.args[0].format(**params)


def pytest_configure(config):
    config.addinivalue_line("markers", "lab_notebook(path): the test runs this notebook in JupyterLab "
                            "(may use {lang}, {notebook} from its parameters); tests of one notebook "
                            "share one run of it")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        item.stash[_FAILED] = True
    return report


_FAILED = pytest.StashKey[bool]()


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    progress_dir: Path

    def api(self, method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.url}{path}", method=method, data=data,
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def delete_sessions(self, keep: str | None = None) -> None:
        """Shut down every kernel the tests started (except the one of notebook ``keep``)."""
        for session in self.api("GET", "api/sessions") or []:
            if keep is None or session.get("path") != keep:
                self.api("DELETE", f"api/sessions/{session['id']}")

    def progress(self) -> dict:
        path = self.progress_dir / "progress.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    if chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing on CI: scripts/ensure-chromium should have installed it")
        pytest.skip("Debian's chromium is not installed (run scripts/ensure-chromium)")
    base = tmp_path_factory.mktemp("lab")
    root = base / "course"
    for folder in ("notebooks", "exercises"):
        shutil.copytree(ROOT / folder, root / folder)
    progress_dir = base / "progress"
    settings = base / "settings"
    settings.mkdir()
    (settings / "overrides.json").write_text(json.dumps(
        {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
         # a saved notebook carries its widgets' state, so the start module's run here is also the
         # handout test's (test_start_browser): make test executes no notebook twice. The benchmarks
         # turn it off (SAVE_WIDGET_STATE=0), as in a learner's JupyterLab.
         "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": os.environ.get(SAVE_WIDGET_STATE) != "0"}}))
    port, token = free_port(), "course-browser-test"
    env = dict(os.environ, COURSE_PROGRESS_DIR=str(progress_dir), JUPYTER_CONFIG_DIR=str(base / "config"))
    env.pop("COURSE_LANG", None)
    log = open(base / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
         "--port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--LabApp.expose_app_in_browser=True", f"--LabApp.app_settings_dir={settings}",
         "--ServerApp.disable_check_xsrf=True"],
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        wait_for_port(port)
        yield Lab(f"http://127.0.0.1:{port}/", token, root, progress_dir)
    finally:
        stop_group(proc)
        log.close()


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _screenshot(page, request) -> None:
    """A failed test leaves a picture of its page in test-artifacts/ (a courtesy, not part of the test)."""
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False)
    except Exception:  # noqa: BLE001
        pass


@pytest.fixture
def page(browser, lab, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    if request.node.stash.get(_FAILED, False):
        _screenshot(page, request)
    context.close()
    lab.delete_sessions(keep=_SHARED.get("relpath"))


# The notebook page currently shared on this worker: relpath, context, page.
_SHARED: dict = {}


def _drop_shared(lab) -> None:
    context = _SHARED.pop("context", None)
    relpath = _SHARED.pop("relpath", None)
    _SHARED.clear()
    if context is not None:
        try:
            context.close()
        except Exception:  # noqa: BLE001 - the browser may already be gone
            pass
    if relpath is not None:
        try:
            lab.delete_sessions()
        except OSError:
            pass


@pytest.fixture
def notebook_page(browser, lab, request, kernel_reset_code):
    """``notebook_page(relpath)``: a page with ``relpath`` open in JupyterLab after "Run all" (no errors).

    The page and its kernel are reused by the next test of the same notebook on this worker;
    a failed test drops them.
    """
    from .helpers import open_and_run

    used = []

    def get(relpath: str):
        if _SHARED.get("relpath") != relpath:
            reuse = _SHARED.get("ran", False)  # the page of a notebook that ran without a failed test
            if not reuse:
                _drop_shared(lab)
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.set_default_timeout(60_000)
                _SHARED.update(context=context, page=page)
            _SHARED.update(relpath=relpath, ran=False, reuse=reuse)
        page = _SHARED["page"]
        used.append(page)
        if not _SHARED["ran"]:
            open_and_run(page, lab, relpath, reuse=_SHARED["reuse"], reset_code=kernel_reset_code)
            _SHARED["ran"] = True
        return page

    yield get
    if request.node.stash.get(_FAILED, False):
        for page in used:
            _screenshot(page, request)
    if request.node.stash.get(_FAILED, False) or not _SHARED.get("ran"):
        _drop_shared(lab)


@pytest.fixture(scope="session")
def voila(lab):
    """A Voilà server on the course copy the Lab serves (code hidden, one kernel per page)."""
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
