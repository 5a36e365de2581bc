"""Every exercise master has a trainer note saying where it fits in the workshop plan; students never see it."""
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = {"en": "docs/WORKSHOP.md", "nb": "docs/WORKSHOP.nb.md"}
LEAD = {"en": "**Where it fits in the workshop**", "nb": "**Plass i kursdagen**"}
MASTERS = [(lang, p) for lang in ("nb", "en") for p in sorted((ROOT / "exercises/solutions" / lang).glob("*.ipynb"))]


def one_day_plan(lang: str) -> dict[str, set[str]]:
    """Time slot -> the exercise notebooks the one-day table lists for it."""
    slots: dict[str, set[str]] = {}
    for row in (ROOT / DOC[lang]).read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) == 5 and re.fullmatch(r"\d\d[:.]\d\d", cells[0]):
            slots[cells[0]] = set(re.findall(r"(0\d_[a-z_]+)\.ipynb", cells[4]))
    return slots


@pytest.mark.parametrize("lang,path", MASTERS, ids=lambda v: v if isinstance(v, str) else v.name)
def test_master_says_where_it_fits(lang, path):
    nb = nbformat.read(path, as_version=4)
    notes = [c for c in nb.cells if c.cell_type == "markdown" and LEAD[lang] in c.source]
    assert len(notes) == 1, f"{path.name}: one trainer note with the workshop slot"
    note = notes[0]
    assert "trainer-only" in note.metadata.get("tags", [])
    assert note.source.startswith("<!-- BEGIN SOLUTION -->") and note.source.rstrip().endswith("<!-- END SOLUTION -->")
    assert DOC[lang] in note.source
    slots = one_day_plan(lang)
    times = re.findall(r"\b(\d\d[:.]\d\d)\b", note.source)
    assert times and all(t in slots for t in times), (times, sorted(slots))
    assert all(path.stem in slots[t] for t in times), f"{path.name} is not listed at {times} in {DOC[lang]}"
    assert {"nb": "dag ", "en": "day "}[lang] in note.source  # the two-half-days plan too
    student = (ROOT / "exercises" / lang / path.name).read_text(encoding="utf-8")
    assert LEAD[lang] not in student and "BEGIN SOLUTION" not in student


def test_the_plan_lists_every_module_in_both_languages():
    for lang in ("nb", "en"):
        listed = set().union(*one_day_plan(lang).values())
        assert listed == {p.stem for lng, p in MASTERS if lng == lang}, lang
