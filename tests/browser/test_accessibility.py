"""Automated accessibility audit (WCAG 2.1 AA rules of axe-core) of every app, in Lab and Voilà.

Each notebook is opened once per language, all cells run, and axe-core runs once over the page.
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


def audit(page, scope: str) -> dict:
    """Run axe once; return the course's and the host's violations, counted by impact and by rule."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    result = {"course": Counter(), "host": Counter(), "course_rules": Counter(), "host_rules": Counter(),
              "course_nodes": [], "host_samples": {}}
    targets = [node["target"][0] if node.get("target") else "" for v in violations for node in v["nodes"]]
    selectors = [t for t in targets if isinstance(t, str) and t]
    owned = dict(zip(selectors, _owned(page, selectors, scope)))
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
            if mine and violation["impact"] in BLOCKING:
                result["course_nodes"].append(f"{violation['id']}: {node['html'][:160]}")
    return result


def _record(key: str, result: dict) -> None:
    label = os.environ.get("AXE_LABEL", "after")
    SUMMARY.parent.mkdir(exist_ok=True)
    data = json.loads(SUMMARY.read_text(encoding="utf-8")) if SUMMARY.exists() else {}
    data.setdefault(label, {})[key] = {
        "course": dict(result["course"]), "jupyterlab": dict(result["host"]),
        "course_rules": dict(result["course_rules"]), "jupyterlab_rules": dict(result["host_rules"]),
        "jupyterlab_samples": result["host_samples"]}
    SUMMARY.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    print(f"\naxe {label} {key}: course {dict(result['course'])} {dict(result['course_rules'])}; "
          f"jupyterlab {dict(result['host'])}")


@pytest.mark.timeout(600)
@pytest.mark.lab_notebook("notebooks/{lang}/{notebook}")
@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_course_output_has_no_serious_axe_violations_in_lab(notebook_page, notebook, lang):
    """Does axe find nothing serious or critical inside the course's own output, after all cells ran?"""
    page = notebook_page(f"notebooks/{lang}/{notebook}")
    wait_for_quiet_page(page)          # widgets finish rendering
    result = audit(page, COURSE_SCOPE)
    _record(f"lab/{lang}/{notebook}", result)
    blocking = [n for n in result["course_nodes"]]
    assert not blocking, "\n".join(blocking[:20])




@pytest.mark.timeout(300)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_voila_page_has_no_serious_axe_violations(page, voila, lang):
    """Does axe find nothing serious or critical in the course's output on a Voilà page (module 03)?"""
    page.goto(f"{voila}voila/render/notebooks/{lang}/03_bonus_system.ipynb", timeout=180_000)
    page.locator(".widget-output img").first.wait_for(state="visible", timeout=180_000)
    wait_for_quiet_page(page)
    result = audit(page, VOILA_SCOPE)
    _record(f"voila/{lang}/03_bonus_system.ipynb", result)
    assert not result["course_nodes"], "\n".join(result["course_nodes"][:20])
