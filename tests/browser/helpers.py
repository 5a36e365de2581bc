"""Steps shared by the browser tests: open a notebook, run it, wait for widgets."""
from __future__ import annotations

import json
import os
import time


_KERNEL_IDLE = """(path) => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const ctx = panel && panel.sessionContext;
    return !!(ctx && (!path || (panel.context && panel.context.path === path)) && ctx.isReady
              && ctx.session && ctx.session.kernel && ctx.session.kernel.status === 'idle');
}"""


def open_notebook(page, lab, relpath: str) -> None:
    """Open ``relpath`` (relative to the course folder) in JupyterLab and wait for an idle kernel."""
    page.goto(f"{lab.url}lab/tree/{relpath}?reset&token={lab.token}")
    page.wait_for_selector(".jp-Notebook", state="visible")
    page.wait_for_function(_KERNEL_IDLE, arg=None, timeout=90_000)


def switch_notebook(page, lab, relpath: str, reset_code=None) -> None:
    """In a page where JupyterLab already runs, close every open document and open ``relpath``.

    Loading JupyterLab itself takes about 4 s of a notebook's 5 s "open" in these tests; this keeps
    the app and opens the next notebook with JupyterLab's own command instead. The closed notebooks
    are marked clean first (their outputs were saved or do not matter), so no "Save changes?" dialog
    comes up.

    ``reset_code`` (the root conftest's ``kernel_reset_code`` fixture): the closed notebook's kernel
    runs the next one, as nbval's shared kernel does for the exercises. Its session is moved to
    ``relpath`` (JupyterLab then connects the opened notebook to it) and the kernel is reset as a
    new one would start.
    Starting a kernel and importing the course's libraries cost about 2.5 CPU-seconds a notebook.
    Otherwise, and when there is no live kernel to keep, every kernel is shut down and the notebook
    gets a new one.
    """
    closed = page.evaluate(
        """async () => {
            const app = window.jupyterapp;
            const paths = [];
            for (const w of Array.from(app.shell.widgets('main'))) {
                if (!w.context) continue;
                paths.push(w.context.path);
                if (w.context.model) w.context.model.dirty = false;
                w.close();
            }
            return paths;
        }""")
    # JupyterLab puts a Launcher in the emptied main area: wait until no document is left
    page.wait_for_function("() => !Array.from(window.jupyterapp.shell.widgets('main')).some(w => w.context)",
                           timeout=30_000)
    kept = _keep_session(lab, closed[-1], relpath) if reset_code and len(closed) == 1 else None
    if kept is None:
        lab.delete_sessions()
    page.evaluate("path => { window.jupyterapp.commands.execute('docmanager:open', {path}); }", relpath)
    page.wait_for_selector(".jp-Notebook", state="visible")
    page.wait_for_function(_KERNEL_IDLE, arg=relpath, timeout=90_000)
    if kept is not None:
        folder = str((lab.root / relpath).parent)
        reset_kernel(page, reset_code(folder, os.environ.get("COURSE_AUDIT_NUMBERS")), kept)


def _keep_session(lab, old_path: str, relpath: str) -> str | None:
    """Move the session of ``old_path`` (the only one left running) to ``relpath``; its kernel id, or None."""
    sessions = lab.api("GET", "api/sessions") or []
    mine = [s for s in sessions if s.get("path") == old_path and s.get("kernel")
            and s["kernel"].get("execution_state") not in ("dead", "restarting")]
    if len(mine) != 1 or len(sessions) != 1:
        return None
    lab.api("PATCH", f"api/sessions/{mine[0]['id']}", {"path": relpath, "name": relpath.rsplit("/", 1)[-1]})
    return mine[0]["kernel"]["id"]


def reset_kernel(page, code: str, kernel_id: str) -> None:
    """Run ``code`` silently in the current notebook's kernel, which must be ``kernel_id``; fail on an error."""
    reply = page.evaluate(
        """async ([code, id]) => {
            const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
            if (kernel.id !== id) return {status: 'other kernel: ' + kernel.id};
            const future = kernel.requestExecute({code, silent: true, store_history: false});
            const reply = await future.done;
            return {status: reply.content.status, error: reply.content.evalue || null};
        }""", [code, kernel_id])
    assert reply["status"] == "ok", f"resetting the kept kernel failed: {reply}"


def run_all_cells(page, timeout: float = 180) -> None:
    """Run every cell and wait until no cell is queued or running and the kernel is idle.

    Seen once in a full run: "Run all" ran the first cell only, and the rest stayed unrun with the
    kernel idle. A run that stalls like that for 8 s without an error output is started once more;
    with an error output the test fails on it at once.
    """
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    deadline = time.monotonic() + timeout
    page.wait_for_timeout(500)
    stable_since = stalled_since = None
    retried = False
    while time.monotonic() < deadline:
        state = page.evaluate(
            """() => {
                const panel = window.jupyterapp.shell.currentWidget;
                if (!panel || !panel.content || !panel.sessionContext) return 'busy';
                const cells = panel.content.widgets.filter(c => c.model.type === 'code');
                const running = cells.some(c => c.model.executionState === 'running');
                const unrun = cells.some(c => c.model.executionCount === null);
                const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
                if (!kernel || kernel.status !== 'idle' || running) return 'busy';
                return unrun ? 'stalled' : 'done';
            }""")
        if state == "done":
            stable_since = stable_since or time.monotonic()
            if time.monotonic() - stable_since > 1.0:
                return
        else:
            stable_since = None
        if state == "stalled":
            stalled_since = stalled_since or time.monotonic()
            if time.monotonic() - stalled_since > 8.0:
                assert_no_errors(page)
                if retried:
                    break
                page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
                retried, stalled_since = True, None
        else:
            stalled_since = None
        page.wait_for_timeout(250)
    state = page.evaluate(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            const cells = panel.content.widgets.filter(c => c.model.type === 'code');
            const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
            return {kernel: kernel ? kernel.status : null,
                    cells: cells.map((c, i) => [i, c.model.executionCount, c.model.executionState])};
        }""")
    raise TimeoutError(f"the notebook did not finish running: {state}")


def assert_no_errors(page) -> None:
    """Fail if any cell shows a Python error."""
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    tracebacks = page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr'] .ansi-red-fg")
    assert tracebacks.count() == 0, errors.first.inner_text() if errors.count() else "traceback shown"


def open_and_run(page, lab, relpath: str, reuse: bool = False, reset_code=None) -> None:
    """Open a notebook, run every cell and fail on any Python error.

    A Norwegian module notebook is executed here and nowhere else in ``make test`` (nbval no
    longer runs ``notebooks/nb``): its saved outputs go through the same checks nbval's hooks
    apply, no error output and no English-formatted number (``saved_output_problems``).
    """
    if reuse:
        switch_notebook(page, lab, relpath, reset_code)
    else:
        open_notebook(page, lab, relpath)
    run_all_cells(page)
    assert_no_errors(page)
    if relpath.startswith("notebooks/"):
        problems = saved_output_problems(page, lab, relpath)
        assert not problems, "\n".join(problems)


def save_notebook(page, timeout: float = 30) -> None:
    """Save the current notebook in JupyterLab and wait until the file on disk is up to date."""
    page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            return !!(panel && panel.context && !panel.context.model.dirty);
        }""", timeout=timeout * 1000)


def saved_output_problems(page, lab, relpath: str) -> list[str]:
    """Save the notebook and check its outputs as nbval's hooks in ``conftest.py`` check a cell's.

    One line per problem (``format_audit.executed_notebook_problems``): no executed cell, an error
    output, or in a Norwegian notebook an English-formatted number. Figures are audited in the
    kernel itself (``plots.style.to_png`` raises), which shows as an error output here.
    """
    from course_lib import format_audit

    save_notebook(page)
    notebook = json.loads((lab.root / relpath).read_text(encoding="utf-8"))
    audit = os.environ.get("COURSE_AUDIT_NUMBERS", "") not in ("", "0")
    return format_audit.executed_notebook_problems(notebook, relpath, numbers=audit)


def image_sources(page, selector: str = "img.course-figure") -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.src)")


def wait_for_image_change(page, locator, old_src: str, settle_ms: int = 500, timeout: float = 20) -> str:
    """Wait until the image at ``locator`` has a new ``src`` that then stays the same for ``settle_ms``."""
    deadline = time.monotonic() + timeout
    last, since = None, None
    while time.monotonic() < deadline:
        src = locator.get_attribute("src")
        if src and src != old_src:
            if src == last:
                if (time.monotonic() - since) * 1000 >= settle_ms:
                    return src
            else:
                last, since = src, time.monotonic()
        page.wait_for_timeout(100)
    raise TimeoutError("the image did not change")


def scroll_into_view(locator) -> None:
    locator.scroll_into_view_if_needed()


def wait_for_quiet_page(page, quiet_ms: int = 400, timeout: float = 30) -> None:
    """Wait until nothing in the page's DOM has changed for ``quiet_ms`` (widgets finished rendering)."""
    page.evaluate(
        """() => {
            window.__courseLastMutation = performance.now();
            if (!window.__courseObserver) {
                window.__courseObserver = new MutationObserver(() => { window.__courseLastMutation = performance.now(); });
                window.__courseObserver.observe(document.body, {subtree: true, childList: true, characterData: true,
                                                               attributeFilter: ['src', 'alt', 'aria-label']});
            }
        }""")
    page.wait_for_function("quiet => performance.now() - window.__courseLastMutation >= quiet",
                           arg=quiet_ms, timeout=timeout * 1000, polling=100)
