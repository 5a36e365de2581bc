"""Module 06 app: controls change what it shows."""
from course_lib import capstone as cp
from course_lib.widgets.capstone import CapstoneApp


def test_app_fill_phase_and_document(store, lang, tmp_path):
    app = CapstoneApp(output_dir=tmp_path)
    assert app.package.missing() == list(cp.PARTS)
    assert "01_motivation.ipynb" in app.missing.value
    before = app.score.total
    app.fill_button.click()
    assert app.package.missing() == [] and app.package.source["plan"] == "case"
    assert "finding" in app.findings.value and app.score.total != before
    phase_fit = {c.id: c.points for c in app.score.criteria}["phase_fit"]
    app.phase.value = "growth"
    assert store.get("capstone", "phase") == "growth"
    assert {c.id: c.points for c in app.score.criteria}["phase_fit"] != phase_fit
    app.doc_button.click()
    assert (tmp_path / f"motivation_package_{lang}.html").exists()
    assert app.error.value == ""
    app.reload_button.click()
    assert app.package.source["plan"] == "missing"
