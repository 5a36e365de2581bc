"""Test-session settings shared by unit tests, doctests and notebook runs (nbval).

Kernels started by nbval inherit this process's environment, so setting the
variables here keeps every notebook run away from the learner's real progress file.
"""
import os
import tempfile

import pytest

if not os.environ.get("COURSE_TEST_KEEP_ENV"):
    os.environ["COURSE_PROGRESS_DIR"] = tempfile.mkdtemp(prefix="course-progress-")
    os.environ.pop("COURSE_LANG", None)


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
