"""course_lib: models, plots, widgets and exercises for *Motiver salgssjefen*.

Importing the package is cheap: only the language settings load. Submodules
(``cases``, ``exercises``, ``plots`` ...) load on first use, so matplotlib and
ipywidgets are imported only when a plot or widget is made.

Example:
    >>> import course_lib
    >>> course_lib.set_language("en")
    >>> course_lib.get_language()
    'en'
"""
from __future__ import annotations

import importlib

from .i18n import format_money, format_number, format_percent, get_language, set_language, t

__version__ = "0.1.0"

_SUBMODULES = {
    "agency", "capstone", "cases", "classroom", "cli", "content", "delegation", "exercises", "funnel", "goals",
    "hub", "i18n", "incentives", "investment", "motivation", "pipeline_data", "plots", "progress", "strategy",
    "tables", "tabular", "widgets",
}

__all__ = [
    "set_language", "get_language", "t",
    "format_money", "format_number", "format_percent",
    *sorted(_SUBMODULES),
]


def __getattr__(name: str):
    if name in _SUBMODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'course_lib' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _SUBMODULES)


def _check_version_on_a_hub() -> None:
    """On a JupyterHub, warn when this kernel's course_lib is not the learner's pulled copy (see docs/HUB.md)."""
    import os

    if os.environ.get("JUPYTERHUB_USER"):
        try:
            from .hub import warn_if_mismatched
        except Exception:  # noqa: BLE001 - a warning helper must never stop the course from importing
            return
        warn_if_mismatched()


_check_version_on_a_hub()
