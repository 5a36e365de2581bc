"""Notebooks without running them: language parity, no outputs, valid quiz ids."""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ["notebooks", "exercises", "exercises/solutions"]
FIRST_CELL = 'from course_lib import set_language\nset_language("{lang}")'


def notebooks(folder: str, lang: str) -> dict[str, Path]:
    return {p.name: p for p in sorted((ROOT / folder / lang).glob("*.ipynb"))}


def all_notebooks() -> list[Path]:
    return [p for folder in FOLDERS for lang in ("nb", "en") for p in notebooks(folder, lang).values()]


def code_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in cells if c["cell_type"] == "code"]


def test_there_are_notebooks_in_both_languages():
    assert notebooks("notebooks", "nb") and notebooks("notebooks", "en")
    assert "00_start_here.ipynb" in notebooks("notebooks", "nb")


@pytest.mark.parametrize("folder", FOLDERS)
def test_same_notebooks_in_both_languages(folder):
    """Does every notebook exist in nb and in en?"""
    assert set(notebooks(folder, "nb")) == set(notebooks(folder, "en"))


def _pairs():
    for folder in FOLDERS:
        nb, en = notebooks(folder, "nb"), notebooks(folder, "en")
        for name in sorted(set(nb) & set(en)):
            yield pytest.param(nb[name], en[name], id=f"{folder}/{name}")


@pytest.mark.parametrize("nb_path, en_path", list(_pairs()))
def test_code_cells_are_the_same_apart_from_the_language(nb_path, en_path):
    """Do nb and en hold the same code cells in the same order, the language argument aside?"""
    nb_cells, en_cells = code_cells(nb_path), code_cells(en_path)
    assert nb_cells[0] == FIRST_CELL.format(lang="nb"), f"{nb_path.name}: first code cell must set the language"
    assert en_cells[0] == FIRST_CELL.format(lang="en"), f"{en_path.name}: first code cell must set the language"
    assert len(nb_cells) == len(en_cells), "different number of code cells"
    for i, (a, b) in enumerate(zip(nb_cells[1:], en_cells[1:]), 2):
        a = a.replace("# DIN KODE HER", "# YOUR CODE HERE")
        assert a == b, f"code cell {i} differs:\n--- nb\n{a}\n--- en\n{b}"


def test_parity_check_catches_a_difference(tmp_path):
    """Would a changed code cell in one language be caught?"""
    pair = next(iter(_pairs())).values
    nb_json = json.loads(pair[0].read_text(encoding="utf-8"))
    code = [c for c in nb_json["cells"] if c["cell_type"] == "code"]
    code[-1]["source"] = "print('only in nb')"
    changed = tmp_path / "x.ipynb"
    changed.write_text(json.dumps(nb_json), encoding="utf-8")
    with pytest.raises(AssertionError):
        test_code_cells_are_the_same_apart_from_the_language(changed, pair[1])


@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_without_outputs(path):
    """Is the notebook committed without outputs and execution counts?"""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for i, cell in enumerate(cells, 1):
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"cell {i} has outputs"
            assert cell.get("execution_count") is None, f"cell {i} has an execution count"


@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: str(p.relative_to(ROOT)))
def test_quiz_ids_exist(path):
    """Does every quiz("...") in a notebook name a question in the banks?"""
    from course_lib.exercises.bank import all_questions

    known = all_questions()
    for source in code_cells(path):
        for qid in re.findall(r"""quiz\(\s*["']([^"']+)["']""", source):
            assert qid in known, f"{path.name}: unknown question {qid}"


@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: str(p.relative_to(ROOT)))
def test_code_cells_are_short(path):
    """Is logic kept in course_lib (no code cell over 15 lines)?"""
    for i, source in enumerate(code_cells(path), 1):
        assert len(source.splitlines()) <= 15, f"{path.name}: code cell {i} has {len(source.splitlines())} lines"


@pytest.mark.parametrize("path", [p for p in all_notebooks() if "solutions" not in str(p)],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_language_matches_its_folder(path):
    """Is a notebook in nb/ written in Norwegian and one in en/ in English (a rough word check)?"""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown").lower()
    words = re.findall(r"[a-zæøå]+", text)
    norwegian = sum(w in {"og", "ikke", "som", "er", "hun", "til", "av", "med", "på", "det"} for w in words)
    english = sum(w in {"and", "not", "which", "is", "she", "to", "of", "with", "on", "the"} for w in words)
    lang = path.parent.name
    assert (norwegian > english) if lang == "nb" else (english > norwegian), path


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_course_map_links_every_module_that_exists(lang):
    """Does module 00's course map link every course notebook (none marked as coming), each to a real file?"""
    cells = json.loads((ROOT / "notebooks" / lang / "00_start_here.ipynb").read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "(kommer)" not in text and "(coming)" not in text
    linked = set(re.findall(r"\]\((\d\d_[a-z_]+\.ipynb)\)", text))
    assert set(notebooks("notebooks", lang)) - {"00_start_here.ipynb"} <= linked
    assert linked <= set(notebooks("notebooks", lang))
