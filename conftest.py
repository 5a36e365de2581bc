"""Test-session settings shared by the unit tests and the notebook runs (nbval).

Kernels started by nbval inherit this process's environment, so setting the
variables here keeps every notebook run away from the learner's real progress file.
"""
import os
import tempfile

if not os.environ.get("COURSE_TEST_KEEP_ENV"):
    os.environ["COURSE_PROGRESS_DIR"] = tempfile.mkdtemp(prefix="course-progress-")
    os.environ.pop("COURSE_LANG", None)
