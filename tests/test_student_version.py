"""The student-version generator (trainer masters -> exercises/{nb,en}/)."""
from pathlib import Path

import nbformat
import pytest

from course_lib.cli import student_versions
from course_lib.student_version import MarkerError, strip_solution, student_notebook

FIXTURES = Path(__file__).parent / "fixtures" / "student_version"
ROOT = Path(__file__).resolve().parents[1]


def test_assignments_become_placeholders_in_the_learner_language():
    """Is each assigned name kept once, as `name = ...` with a comment in the notebook's language?"""
    source = "### BEGIN SOLUTION\ntotal = 1\nother = total\ntotal = 2\nprint(total)\n### END SOLUTION\ncheck(total)"
    assert strip_solution(source, "nb") == "total = ...  # DIN KODE HER\nother = ...  # DIN KODE HER\ncheck(total)"
    assert strip_solution(source, "en").startswith("total = ...  # YOUR CODE HERE")


def test_block_without_assignment_keeps_indentation():
    source = "def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION"
    assert strip_solution(source, "en") == "def f():\n    # YOUR CODE HERE"


@pytest.mark.parametrize("source", ["### BEGIN SOLUTION\nx = 1", "### END SOLUTION", "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION"])
def test_broken_markers_are_errors(source):
    """Is an error thrown when a solution block is not closed, or closed without opening?"""
    with pytest.raises(MarkerError):
        strip_solution(source, "nb", where="nb/x.ipynb, cell 3: ")


def test_fixture_master_to_student():
    """Are trainer-only cells, markdown solutions and outputs all removed?"""
    master = nbformat.read(FIXTURES / "master.ipynb", as_version=4)
    master.cells[2].outputs = [nbformat.v4.new_output("stream", text="42\n")]  # as if run by a trainer
    master.cells[2].execution_count = 3
    student = student_notebook(master, "nb")
    assert len(student.cells) == 4
    assert "Løsningsforslag" not in student.cells[0].source and "Lykke til." in student.cells[0].source
    code = student.cells[2]
    assert code.source == "x = 2\ntotal = ...  # DIN KODE HER\nhelper = ...  # DIN KODE HER\nprint(total)"
    assert code.outputs == [] and code.execution_count is None
    assert len(master.cells) == 5, "the master must not change"


def test_committed_student_versions_are_up_to_date():
    """Does regenerating the student versions from the masters change nothing?"""
    differing = student_versions(ROOT, check=True)
    assert differing == [], f"run `course student-versions`: {[str(p) for p in differing]}"


def test_every_master_has_a_student_version_and_back():
    for lang in ("nb", "en"):
        masters = {p.name for p in (ROOT / "exercises/solutions" / lang).glob("*.ipynb")}
        students = {p.name for p in (ROOT / "exercises" / lang).glob("*.ipynb")}
        assert masters == students


def test_student_versions_hold_no_solutions():
    for path in (ROOT / "exercises").glob("[ne][bn]/*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "trainer-only" not in text, path
