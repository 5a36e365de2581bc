"""Scratch folders for a benchmark run, removed when the process ends.

Example:
    >>> import os, scratch
    >>> folder = scratch.folder("bench-example-")
    >>> os.path.isdir(folder)
    True
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile


def folder(prefix: str) -> str:
    """A new temporary folder that is deleted when this process exits."""
    path = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, path, True)
    return path


def progress_dir(prefix: str) -> None:
    """Point ``COURSE_PROGRESS_DIR`` at a scratch folder, unless it is already set (the learner's own stays untouched)."""
    if "COURSE_PROGRESS_DIR" not in os.environ:
        os.environ["COURSE_PROGRESS_DIR"] = folder(prefix)
