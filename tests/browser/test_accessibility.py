"""Automated accessibility audit (WCAG 2.1 AA rules of axe-core) of every app, in Lab and Voilà.

Each notebook is opened once per language, all cells run, and axe-core runs once over the page.
In Voilà, one generated page per language shows every app of the course (``all_apps_notebook``).
Every violating node is classified: inside a cell's output area (``.jp-OutputArea-output``: the
course's widgets, figures and tables) it is the course's, anything else is JupyterLab's own
interface (listed with reasons in ``docs/accessibility/jupyterlab_exceptions.md``). The test fails
on a "serious" or "critical" violation in the course's own output. Counts by impact go to
``test-artifacts/axe-summary.json`` (key ``AXE_LABEL``, default "after") and to the test output.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest
from .helpers import wait_for_quiet_page

ROOT = Path(__file__).resolve().parents[2]
SUMMARY = ROOT / "test-artifacts" / "axe-summary.json"
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks" / "nb").glob("[0-9][0-9]_*.ipynb"))
BLOCKING = {"serious", "critical"}
# Marks an element as inside a cell's output: the course's widgets and output.
COURSE_SCOPE = ".jp-OutputArea-output"
# In Voilà the whole page is the course's output, apart from Voilà's own template.
VOILA_SCOPE = ".jp-OutputArea-output, .jp-RenderedHTMLCommon, .widget-output, .jupyter-widgets"


def _owned(page, selectors: list[str], scope: str) -> list[bool]:
    """For each element ``selector`` (axe's targets): whether it lies inside ``scope`` on the page (one round trip)."""
    return page.evaluate(
        "([sels, scope]) => sels.map(sel => { const el = document.querySelector(sel); "
        "return !!(el && el.closest(scope)); })",
        [selectors, scope])


def audit(page, scope: str, group: str | None = None, only_scope: bool = False) -> dict:
    """Run axe once; return the course's and the host's violations, counted by impact and by rule.

    ``group`` (a page function from a list of selectors to names, e.g. the app of each node) also
    counts the course's violations by impact per name (``course_by_group``). ``only_scope`` audits
    the elements in ``scope`` alone (axe's ``include`` context), and the host is then not audited.
    """
    from axe_playwright_python.sync_playwright import Axe

    context = {"include": [[scope]]} if only_scope else None
    violations = Axe().run(page, context=context).response["violations"]
    result = {"course": Counter(), "host": Counter(), "course_rules": Counter(), "host_rules": Counter(),
              "course_nodes": [], "host_samples": {}, "course_by_group": {}}
    targets = [node["target"][0] if node.get("target") else "" for v in violations for node in v["nodes"]]
    selectors = [t for t in targets if isinstance(t, str) and t]
    owned = dict(zip(selectors, _owned(page, selectors, scope)))
    groups = dict(zip(selectors, page.evaluate(group, [selectors]))) if group and selectors else {}
    for violation in violations:
        for node in violation["nodes"]:
            target = node["target"][0] if node.get("target") else ""
            mine = isinstance(target, str) and bool(target) and owned.get(target, False)
            side = "course" if mine else "host"
            result[side][violation["impact"]] += 1
            result[f"{side}_rules"][f"{violation['id']} ({violation['impact']})"] += 1
            if not mine:
                samples = result["host_samples"].setdefault(violation["id"], [])
                if len(samples) < 2:
                    samples.append(f"{target}: {node['html'][:140]}")
            if mine and group:
                counts = result["course_by_group"].setdefault(groups.get(target) or "?", {})
                counts[violation["impact"]] = counts.get(violation["impact"], 0) + 1
            if mine and violation["impact"] in BLOCKING:
                where = f" [{groups.get(target) or '?'}]" if group else ""
                result["course_nodes"].append(f"{violation['id']}{where}: {node['html'][:160]}")
    return result


def _record(key: str, result: dict, host: bool = True) -> None:
    """Add one audit to the summary file; ``host=False``: the host was not audited (no host counts)."""
    label = os.environ.get("AXE_LABEL", "after")
    SUMMARY.parent.mkdir(exist_ok=True)
    data = json.loads(SUMMARY.read_text(encoding="utf-8")) if SUMMARY.exists() else {}
    host_counts = {"jupyterlab": dict(result["host"]), "jupyterlab_rules": dict(result["host_rules"]),
                   "jupyterlab_samples": result["host_samples"]} if host else {}
    data.setdefault(label, {})[key] = {
        "course": dict(result["course"]), "course_rules": dict(result["course_rules"]), **host_counts,
        **({"course_by_app": result["course_by_group"]} if result.get("course_by_group") else {})}
    SUMMARY.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    print(f"\naxe {label} {key}: course {dict(result['course'])} {dict(result['course_rules'])}; "
          f"jupyterlab {dict(result['host']) if host else 'not audited'}")


def audits_whole_page(notebook: str) -> bool:
    """Whether the Lab audit of ``notebook`` covers JupyterLab's interface too, not only the course's output.

    JupyterLab's own findings are the same on every page (one per code cell, and six more;
    ``docs/accessibility/axe_results.md``), so ``make test`` audits the whole page for the start module
    only: axe over the whole interface cost about 1 s of the browser's CPU per notebook more.
    ``AXE_FULL_PAGE=1`` audits the whole page of every notebook (for the results table).
    """
    return notebook == NOTEBOOKS[0] or os.environ.get("AXE_FULL_PAGE", "") not in ("", "0")


@pytest.mark.timeout(600)
@pytest.mark.lab_notebook("notebooks/{lang}/{notebook}")
@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_course_output_has_no_serious_axe_violations_in_lab(notebook_page, notebook, lang):
    """Does axe find nothing serious or critical inside the course's own output, after all cells ran?"""
    page = notebook_page(f"notebooks/{lang}/{notebook}")
    wait_for_quiet_page(page)          # widgets finish rendering
    whole = audits_whole_page(notebook)
    result = audit(page, COURSE_SCOPE, only_scope=not whole)
    _record(f"lab/{lang}/{notebook}", result, host=whole)
    blocking = [n for n in result["course_nodes"]]
    assert not blocking, "\n".join(blocking[:20])


# Every app of the course on one Voilà page per language (a kernel per page costs about 10 s, so one
# page instead of one per app): the projector apps of ``course present`` (``present.APPS``, which
# covers modules 00-05 and the trainer's class summary), the capstone (module 06), the language
# picker, and samples of the other course output (quizzes, a learner table).
EXTRA_APPS = {  # name -> code that shows it
    "capstone": "from course_lib.widgets.capstone import CapstoneApp\nCapstoneApp()",
    "language": 'from course_lib.widgets.language import LanguagePicker\nLanguagePicker("00_start_here.ipynb")',
    "quiz.choice": 'from course_lib.exercises import quiz\nquiz("incentives.gaming_risk")',
    "quiz.reflection": 'from course_lib.exercises import quiz\nquiz("incentives.reflection")',
    "table.forecast": ("from course_lib import goals\nfrom course_lib.pipeline_data import load_pipeline\n"
                       "from course_lib.plots.goals import table_forecast\n"
                       "table_forecast(goals.forecast(load_pipeline(), 3), goals.case_budget(3))"),
}
# The app a node belongs to: the marker its cell shows before the app (``data-app``).
APP_OF = ("([sels]) => sels.map(sel => { const el = document.querySelector(sel); "
          "const cell = el && el.closest('.jp-Cell'); const m = cell && cell.querySelector('.course-audit-app'); "
          "return m ? m.dataset.app : ''; })")


def all_apps_notebook(lang: str):
    """A notebook that sets ``lang`` and shows every app, each in a cell headed by a marker."""
    import nbformat

    from course_lib.present import APPS

    apps = {name: f"from {module} import {call.split('(', 1)[0]}\n{call}" for name, (module, call) in APPS.items()}
    apps.update({name: code for name, code in EXTRA_APPS.items() if name not in apps})
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(f'from course_lib import set_language\nset_language("{lang}")\n'
                                          "from IPython.display import HTML, display")]
    for name, code in apps.items():
        nb.cells.append(nbformat.v4.new_markdown_cell(f"## {name}"))
        nb.cells.append(nbformat.v4.new_code_cell(
            f"display(HTML('<span class=\"course-audit-app\" data-app=\"{name}\"></span>'))\n{code}"))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb, list(apps)


@pytest.mark.timeout(400)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_app_in_voila_has_no_serious_axe_violations(page, lab, voila, lang):
    """On one Voilà page with every app of the course, does axe find nothing serious or critical in the course's output?"""
    import nbformat

    nb, names = all_apps_notebook(lang)
    assert {"capstone", "class.summary", "delegation.board", "start"} <= set(names)
    folder = lab.root / "audit"
    folder.mkdir(exist_ok=True)
    nbformat.write(nb, folder / f"all_apps_{lang}.ipynb")
    page.goto(f"{voila}voila/render/audit/all_apps_{lang}.ipynb", timeout=240_000)
    page.locator(".course-audit-app").nth(len(names) - 1).wait_for(state="attached", timeout=240_000)
    page.locator("img.course-figure").first.wait_for(state="visible", timeout=120_000)
    wait_for_quiet_page(page, timeout=60)
    assert "Traceback" not in page.content()
    shown = page.eval_on_selector_all(".course-audit-app", "els => els.map(e => e.dataset.app)")
    assert shown == names, "every app's cell ran"
    result = audit(page, VOILA_SCOPE, group=APP_OF)
    _record(f"voila/{lang}/all_apps", result)
    assert not result["course_nodes"], "\n".join(result["course_nodes"][:20])


def test_audit_of_the_course_scope_alone_still_finds_the_courses_violations(browser):
    """The scoped audit (``only_scope``) finds a violation in a cell's output and leaves JupyterLab's out."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>h</h1>'
                         '<div class="jp-OutputArea-output">'
                         '<img src="data:image/png;base64,iVBORw0KGgo="></div>'
                         '<button class="host"></button></main></body></html>')
        scoped = audit(page, COURSE_SCOPE, only_scope=True)
        whole = audit(page, COURSE_SCOPE)
    finally:
        context.close()
    assert scoped["course_rules"] == whole["course_rules"] == {"image-alt (critical)": 1}
    assert scoped["host"] == {} and whole["host_rules"] == {"button-name (critical)": 1}
