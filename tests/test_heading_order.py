"""Heading order in every notebook (axe rule heading-order): a heading never skips a level going down.

Notebooks are committed without outputs, so the scan reads each notebook's Markdown headings and,
for the code cells that show a course widget or card with headings of its own, the levels that
output carries (rendered here, so a changed widget is seen). ``# A`` then ``### B`` is a skip;
``### B`` then ``## C`` is fine.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import course_lib

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ["notebooks/nb", "notebooks/en", "exercises/nb", "exercises/en", "exercises/solutions/nb",
           "exercises/solutions/en", "docs/trainer"]
MD_HEADING = re.compile(r"^(#{1,6})\s+\S")
HTML_HEADING = re.compile(r"<h([1-6])\b", re.IGNORECASE)


def notebook_paths() -> list[Path]:
    return [p for folder in FOLDERS for p in sorted((ROOT / folder).glob("*.ipynb"))]


def markdown_levels(text: str) -> list[int]:
    """Heading levels in Markdown (``#`` lines outside code fences, and HTML ``<hN>``)."""
    levels, fence = [], False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence:
            continue
        match = MD_HEADING.match(line)
        if match:
            levels.append(len(match.group(1)))
        levels += [int(level) for level in HTML_HEADING.findall(line)]
    return levels


def widget_html(obj) -> str:
    """All HTML an object shows: an IPython HTML object, a widget tree, or a course App."""
    import ipywidgets as widgets

    if hasattr(obj, "widget") and isinstance(obj.widget, widgets.Widget):
        obj = obj.widget
    if isinstance(obj, widgets.HTML):
        return obj.value
    if isinstance(obj, widgets.Box):
        return "".join(widget_html(child) for child in obj.children)
    if hasattr(obj, "data") and isinstance(obj.data, str):
        return obj.data
    if hasattr(obj, "to_html"):
        return obj.to_html()
    return ""


def _company_card():
    from course_lib.widgets.start import company_card
    return company_card()


def _profile():
    from course_lib.widgets.motivation import ProfileApp
    return ProfileApp()


def _board():
    from course_lib.widgets.delegation import DecisionRightsBoard
    return DecisionRightsBoard()


def _levels():
    from course_lib.widgets.delegation import DelegationLevelsApp
    return DelegationLevelsApp()


def _capstone(tmp_path):
    from course_lib.widgets.capstone import CapstoneApp
    return CapstoneApp(output_dir=tmp_path)


def _investment():
    from course_lib.widgets.digital import InvestmentApp
    app = InvestmentApp()
    app.make_summary()                      # the one-page summary the learner makes (h2, h3)
    return app


def _summary(tmp_path):
    from course_lib.classroom import summarise
    return summarise(tmp_path)


#: Code that shows a course output with headings: a pattern in the cell -> how to build that output.
EMITTERS = {
    r"\bcompany_card\(": _company_card,
    r"\bProfileApp\(": _profile,
    r"\bDecisionRightsBoard\(|\bsaved_board\(": _board,
    r"\bDelegationLevelsApp\(": _levels,
    r"\bCapstoneApp\(": _capstone,
    r"\bsummarise\(": _summary,
    r"\bInvestmentApp\(": _investment,
}
#: Files in course_lib that write headings into an output a notebook shows (checked below), and
#: files that write headings only into documents of their own (a file with its own h1), not a notebook.
EMITTER_FILES = {"widgets/start.py", "widgets/motivation.py", "widgets/delegation.py", "widgets/capstone.py",
                 "widgets/digital.py", "classroom_summary.py"}
DOCUMENT_FILES = {"package_doc.py", "portfolio.py", "present.py", "cases.py", "pipeline_data.py",
                  "student_version.py"}


@pytest.fixture(scope="module")
def emitted(tmp_path_factory):
    """Heading levels each emitter shows, in both languages (they must agree)."""
    out = {}
    for pattern, build in EMITTERS.items():
        seen = []
        for lang in ("nb", "en"):
            course_lib.set_language(lang)
            args = (tmp_path_factory.mktemp("emit"),) if build.__code__.co_argcount else ()
            seen.append([int(level) for level in HTML_HEADING.findall(widget_html(build(*args)))])
        assert seen[0] == seen[1], pattern
        out[pattern] = seen[0]
    course_lib.set_language("nb")
    return out


def heading_sequence(path: Path, emitted: dict[str, list[int]]) -> list[tuple[int, int]]:
    """(cell number, level) for every heading a reader meets, in order."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    seq = []
    for i, cell in enumerate(cells):
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            seq += [(i, level) for level in markdown_levels(text)]
        elif cell["cell_type"] == "code":
            for pattern, levels in emitted.items():
                if re.search(pattern, text):
                    seq += [(i, level) for level in levels]
    return seq


def skips(seq: list[tuple[int, int]]) -> list[str]:
    problems, previous = [], 0
    for cell, level in seq:
        if level > previous + 1:
            problems.append(f"cell {cell}: h{previous} -> h{level}" if previous else f"cell {cell}: starts at h{level}")
        previous = level
    return problems


def test_are_there_notebooks_to_scan():
    names = {p.relative_to(ROOT).as_posix() for p in notebook_paths()}
    assert "notebooks/nb/00_start_here.ipynb" in names and "exercises/solutions/en/03_bonus_system.ipynb" in names
    assert len(names) >= 30


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_does_no_heading_skip_a_level(path, emitted):
    seq = heading_sequence(path, emitted)
    assert seq and seq[0][1] == 1, f"{path.name}: the first heading must be a level-1 title"
    assert not skips(seq), f"{path.relative_to(ROOT)}: {skips(seq)}"


def test_do_the_emitters_show_headings():
    """The widgets and cards in EMITTERS really carry headings (else the scan would miss nothing)."""
    course_lib.set_language("en")
    assert [int(x) for x in HTML_HEADING.findall(widget_html(_company_card()))]
    assert [int(x) for x in HTML_HEADING.findall(widget_html(_board()))]


def test_is_every_file_that_writes_headings_accounted_for():
    """A new widget with an <hN> must be added to EMITTERS, or its headings would go unchecked."""
    writers = {p.relative_to(ROOT / "course_lib").as_posix() for p in (ROOT / "course_lib").rglob("*.py")
               if re.search(r"<h[1-6]\b|[\"']#{1,6} ", p.read_text(encoding="utf-8"))}
    assert writers - DOCUMENT_FILES == EMITTER_FILES


def test_would_the_scan_catch_a_skipped_level():
    assert markdown_levels("# Title\n\ntext\n\n### Too deep") == [1, 3]
    assert skips([(0, 1), (1, 3)]) == ["cell 1: h1 -> h3"]
    assert skips([(0, 1), (1, 2), (2, 3), (3, 2), (4, 3)]) == []
    assert markdown_levels("```python\n# a comment\n```\n## Real") == [2]
    assert skips([(0, 2), (3, 4)]) == ["cell 0: starts at h2", "cell 3: h2 -> h4"]


def test_would_the_old_module_00_be_caught(emitted):
    """Before the fix, the company card's <h4> came straight after '## Meet the case company'."""
    assert skips([(8, 2)] + [(9, level) for level in emitted[r"\bcompany_card\("]])
