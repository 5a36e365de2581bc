"""Projector pages: any app opened alone as a Voilà page (code hidden) in either language.

``course present motivation.profile --lang nb`` writes a tiny notebook (in a temporary folder)
that sets the language and shows one app, and serves it with Voilà on 127.0.0.1.

Example:
    >>> nb = notebook_for("delegation.levels", "en")
    >>> nb.cells[0].source.splitlines()[1]
    'set_language("en")'
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .i18n import invalid, t

#: App name -> (module to import, constructor call).
APPS: dict[str, tuple[str, str]] = {
    "start": ("course_lib.widgets.start", "StartDemo()"),
    "motivation.profile": ("course_lib.widgets.motivation", "ProfileApp()"),
    "motivation.expectancy": ("course_lib.widgets.motivation", "ExpectancyApp()"),
    "motivation.rewards": ("course_lib.widgets.motivation", "RewardsApp()"),
    "incentives.designer": ("course_lib.widgets.incentives", "PlanDesigner()"),
    "incentives.phase": ("course_lib.widgets.incentives", "PhaseExplorer()"),
    "incentives.uniform": ("course_lib.widgets.incentives", "UniformVsTailored()"),
    "delegation.board": ("course_lib.widgets.delegation", "DecisionRightsBoard()"),
    "delegation.levels": ("course_lib.widgets.delegation", "DelegationLevelsApp()"),
    "goals.forecast": ("course_lib.widgets.goals", "PipelineForecastApp()"),
    "goals.budget": ("course_lib.widgets.goals", "BudgetSetterApp()"),
    "goals.dashboard": ("course_lib.widgets.goals", "ControlDashboardApp()"),
    "digital.funnel": ("course_lib.widgets.digital", "FunnelApp()"),
    "digital.steps": ("course_lib.widgets.digital", "SevenStepsApp()"),
    "digital.investment": ("course_lib.widgets.digital", "InvestmentApp()"),
    "capstone": ("course_lib.widgets.capstone", "CapstoneApp()"),
    "class.summary": ("course_lib.widgets.classroom", "ClassSummaryApp()"),
}


def check_app(name: str) -> str:
    if name not in APPS:
        raise invalid("present.app_unknown", value=name, allowed=", ".join(sorted(APPS)))
    return name


def projector_call(call: str) -> str:
    """The constructor ``call`` with ``presentation=True`` added (``"FunnelApp()"`` -> ``"FunnelApp(presentation=True)"``)."""
    head, _, args = call.rstrip().rpartition(")")[0].partition("(")
    return f"{head}({args + ', ' if args.strip() else ''}presentation=True)"


def notebook_for(app: str, lang: str):
    """A notebook that sets ``lang`` and shows only ``app``."""
    import nbformat

    check_app(app)
    if lang not in ("nb", "en"):
        raise invalid("cli.invalid_choice", arg="--lang", value=lang, allowed="nb, en")
    module, call = APPS[app]
    cls = call.split("(", 1)[0]
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(f'from course_lib import set_language\nset_language("{lang}")'),
        nbformat.v4.new_markdown_cell(f"## {t('present.title', lang=lang, app=app)}"),
        # projector: larger type, thicker lines and larger controls (App's presentation flag)
        nbformat.v4.new_code_cell(f"from {module} import {cls}\n{projector_call(call)}"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def write_notebook(app: str, lang: str, folder: str | os.PathLike | None = None) -> Path:
    import nbformat

    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="course-present-"))
    path = folder / f"{app.replace('.', '_')}_{lang}.ipynb"
    nbformat.write(notebook_for(app, lang), path)
    return path


LIVE_APPS = {"class.summary", "capstone"}
"""Apps whose page must be built when it is opened: the class summary reads the class folder then, and
the capstone gathers the work saved so far."""


def voila_command(path: Path, port: int, preheat: bool = True) -> list[str]:
    """The Voilà server of one projector page, code hidden.

    ``preheat``: Voilà starts a kernel and runs the page before it is asked for, and keeps one such
    kernel ready, so the page is on the projector sooner (measured: 4.6 s to the app's figure
    without, 2.7 s with). Off for :data:`LIVE_APPS`, whose page would show what was true when the
    kernel was warmed.

    Example:
        >>> "--preheat_kernel=True" in voila_command(Path("p.ipynb"), 8866)
        True
        >>> "--preheat_kernel=True" in voila_command(Path("p.ipynb"), 8866, preheat=False)
        False
    """
    warm = ["--preheat_kernel=True", "--pool_size=1"] if preheat else []
    return [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
            "--strip_sources=True", *warm, str(path)]


def _cmd_present(args) -> int:
    app = check_app(args.app)
    path = write_notebook(app, args.lang, args.folder)
    if args.write_only:
        print(t("cli.wrote", path=str(path)))
        return 0
    port = args.port or 8866
    print(t("present.serving", app=app, url=f"http://127.0.0.1:{port}/"), flush=True)
    env = dict(os.environ, COURSE_LANG=args.lang)
    try:
        command = voila_command(path, port, preheat=app not in LIVE_APPS)
        return subprocess.call(command, cwd=path.parent, env=env)
    except KeyboardInterrupt:
        return 0


def register(subparsers) -> None:
    """Add ``course present <app> --lang nb|en [--port P]``."""
    p = subparsers.add_parser("present", help="show one app alone as a Voila page for a projector")
    p.add_argument("app", help="one of: " + ", ".join(sorted(APPS)))
    p.add_argument("--lang", choices=["nb", "en"], default="nb")
    p.add_argument("--port", type=int, default=None)
    p.add_argument("--folder", help="where to write the page's notebook (default: a temporary folder)")
    p.add_argument("--write-only", action="store_true", help="only write the notebook, do not start Voila")
    p.set_defaults(func=_cmd_present)
