"""Test-session settings shared by unit tests, doctests and notebook runs (nbval).

Kernels started by nbval inherit this process's environment, so setting the
variables here keeps every notebook run away from the learner's real progress file.

It also turns on the number-format audit (issue 8): ``COURSE_AUDIT_NUMBERS=1`` makes
``plots.style.to_png`` check every Norwegian figure, and the hooks below fail a notebook
cell of a Norwegian notebook (``notebooks/nb/``, ``exercises/**/nb/``) whose outputs contain an
English-formatted number (``0.5``, ``1,200``, ``12.5%``, ``NOK 1 200``). Notebooks named in
``COURSE_AUDIT_SKIP`` (comma-separated: ``01_motivation,03_bonus_system.ipynb``) are left out,
both the output check and the figure check in their kernel.
"""
import os
import tempfile
from pathlib import Path

import pytest

if not os.environ.get("COURSE_TEST_KEEP_ENV"):
    os.environ["COURSE_PROGRESS_DIR"] = tempfile.mkdtemp(prefix="course-progress-")
    os.environ.pop("COURSE_LANG", None)
os.environ.setdefault("COURSE_AUDIT_NUMBERS", "1")

# Property tests: no per-example deadline (a shared 2-core machine is slow at times, and a
# deadline failure there says nothing about the course); on CI the examples are derandomised, so
# a red run is reproducible, and new examples are still drawn on every developer's run.
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("course", deadline=None, max_examples=50)
    _hypothesis_settings.register_profile("ci", parent=_hypothesis_settings.get_profile("course"),
                                          derandomize=True, database=None)
    _hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "course")
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    pass


# A kernel that dies while starting (seen once in ~20 runs: "Kernel died before replying to
# kernel_info", with its stderr sent to /dev/null by nbval) says nothing about the notebook; nbval
# cleans up after it, so start it again, at most twice, before its cells are reported as errors.
try:
    import nbval.kernel as _nbval_kernel

    def _start_kernel_with_retry(*args, **kwargs):
        for attempt in range(3):
            try:
                return _start_kernel_with_retry.original(*args, **kwargs)
            except RuntimeError as exc:
                if "died" not in str(exc) or attempt == 2:
                    raise

    _start_kernel_with_retry.original = _nbval_kernel.start_new_kernel
    _nbval_kernel.start_new_kernel = _start_kernel_with_retry
except ImportError:  # pragma: no cover - nbval is a test dependency
    pass


# One kernel per test process runs the exercise notebooks one after the other, instead of a new
# kernel for each: starting a kernel and importing the course's libraries was about 2.5 of the 3.2
# CPU-seconds an exercise notebook cost. Before each notebook the kernel is brought back to a new
# kernel's state as far as a notebook can see it (``_KERNEL_RESET`` below).
# Only with ``--nbval-current-env`` (as ``make test`` runs), where every notebook asks for the same
# kernel; ``COURSE_NBVAL_FRESH_KERNELS=1`` starts a kernel per notebook again.
# Brings a kernel that ran one notebook back to a new kernel's state as far as the next notebook can
# see: an empty namespace (``%reset -f``), no widgets or figures left open, the language a new kernel
# starts in, the next notebook's folder as working directory, and that notebook's number-audit
# switch. The course's modules stay imported, which is the point: importing them is most of what a
# new kernel costs. Used here and, through the ``kernel_reset_code`` fixture, by the browser tests'
# kept kernel (``tests/browser/helpers.switch_notebook``).
_KERNEL_RESET = """\
get_ipython().run_line_magic("reset", "-f")
import os as _os, sys as _sys
_os.chdir({cwd!r})
{audit}
if "ipywidgets" in _sys.modules:
    _sys.modules["ipywidgets"].Widget.close_all()
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
if "course_lib.i18n" in _sys.modules:  # the language a new kernel starts in
    _sys.modules["course_lib.i18n"]._current = _sys.modules["course_lib.i18n"]._language_from_env()
del _os, _sys
get_ipython().run_line_magic("reset", "-f")
"""
_SHARED_KERNEL: dict = {}


def _kernel_reset_code(cwd: str, audit: str | None) -> str:
    """The code that resets a kept kernel for a notebook in folder ``cwd`` with audit switch ``audit``."""
    switch = ('_os.environ.pop("COURSE_AUDIT_NUMBERS", None)' if audit is None
              else f'_os.environ["COURSE_AUDIT_NUMBERS"] = {audit!r}')
    return _KERNEL_RESET.format(cwd=cwd, audit=switch)


@pytest.fixture(scope="session")
def kernel_reset_code():
    """``kernel_reset_code(cwd, audit)``: code that brings a kernel that ran a notebook back to a new one's state."""
    return _kernel_reset_code


try:
    from nbval.plugin import IPyNbFile as _IPyNbFile

    def _setup_in_shared_kernel(self):
        kernel = _SHARED_KERNEL.get("kernel")
        shareable = self.parent.config.option.nbval_current_env  # every notebook then asks for the same kernel
        if os.environ.get("COURSE_NBVAL_FRESH_KERNELS") or not shareable or kernel is None or not kernel.is_alive():
            _setup_in_shared_kernel.original(self)
            _SHARED_KERNEL["kernel"] = self.kernel
            return
        self.kernel = kernel
        self.setup_sanitize_files()
        msg_id = kernel.execute_cell_input(_kernel_reset_code(str(self.fspath.dirname),
                                                              os.environ.get("COURSE_AUDIT_NUMBERS")))
        kernel.await_reply(msg_id, timeout=60)
        kernel.await_idle(msg_id, 60)

    def _teardown_keeping_shared_kernel(self):
        if self.kernel is not None and self.kernel is _SHARED_KERNEL.get("kernel") and self.kernel.is_alive():
            return  # stopped at the end of the session
        _teardown_keeping_shared_kernel.original(self)

    _setup_in_shared_kernel.original = _IPyNbFile.setup
    _teardown_keeping_shared_kernel.original = _IPyNbFile.teardown
    _IPyNbFile.setup = _setup_in_shared_kernel
    _IPyNbFile.teardown = _teardown_keeping_shared_kernel
except ImportError:  # pragma: no cover - nbval is a test dependency
    pass


def pytest_sessionfinish(session, exitstatus):
    kernel = _SHARED_KERNEL.pop("kernel", None)
    if kernel is not None and kernel.is_alive():
        kernel.stop()

# The longest test files (measured, 15-35 s each) are handed out first: ``make test`` gives whole
# files to its two workers in collection order, and one of these left for last kept one worker
# busy alone at the end.
SLOW_FIRST = ("tests/test_hub_classroom.py", "tests/test_handouts.py", "tests/test_number_format_audit.py",
              "tests/test_cli_errors.py", "tests/test_browser_order.py", "tests/test_layout_store.py",
              "tests/test_robust_args.py")


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        path = _notebook_path(item)
        return SLOW_FIRST.index(path) if path in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)  # stable: the rest keep their order


@pytest.fixture(autouse=True)
def _fresh_language_and_store(request, tmp_path, monkeypatch):
    """Each test and doctest starts in Norwegian with an empty progress store of its own."""
    if request.node.__class__.__module__.startswith("nbval"):
        yield  # notebook cells run in their own kernel
        return
    import course_lib

    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path / "progress"))
    course_lib.set_language("nb")
    yield
    course_lib.set_language("nb")


# --------------------------------------------------------------------------- number-format audit


def _notebook_cell(item) -> bool:
    return item.__class__.__module__.startswith("nbval") and hasattr(item, "test_outputs")


def _notebook_path(item) -> str:
    path = Path(str(item.path))
    try:
        return path.relative_to(item.config.rootpath).as_posix()
    except ValueError:
        return path.as_posix()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    """A notebook's kernel starts during its first cell's setup: give it the audit switch for that notebook."""
    if not _notebook_cell(item):
        return (yield)
    from course_lib import format_audit

    before = os.environ.get("COURSE_AUDIT_NUMBERS")
    if before is not None and format_audit.skipped(_notebook_path(item)):
        os.environ["COURSE_AUDIT_NUMBERS"] = "0"
    try:
        return (yield)
    finally:
        if before is not None:
            os.environ["COURSE_AUDIT_NUMBERS"] = before


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After a Norwegian notebook's cell ran, fail it when its outputs hold English-formatted numbers."""
    result = yield
    if _notebook_cell(item) and os.environ.get("COURSE_AUDIT_NUMBERS", "") not in ("", "0"):
        from course_lib import format_audit

        if format_audit.audited_notebook(_notebook_path(item)):
            problems = format_audit.output_problems(item.test_outputs or [])
            if problems:
                item.raise_cell_error(
                    "English-formatted numbers in the output of a Norwegian notebook (show tables with "
                    "course_lib.tables.learner_table and numbers with course_lib.i18n.format_*; "
                    "COURSE_AUDIT_SKIP=<notebook> leaves a notebook out)",
                    "\n".join(problems),
                )
    return result
