"""Handouts (HTML + PDF) are produced without error output (the modules themselves: tests/browser/test_start_browser.py; full set: make handouts).
The capstone's package handout (HTML only here, no extra PDF); every image carries an alt text in the handout's language."""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def handouts():
    spec = importlib.util.spec_from_file_location("handouts", ROOT / "scripts" / "handouts.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_a_notebook_is_executed_with_its_widget_state_and_printed(tmp_path, handouts):
    """``make handouts``' own path: nbclient runs the notebook (widget state stored), nbconvert writes
    the HTML, chromium prints the PDF. The modules themselves become handouts in the browser tests,
    from the run JupyterLab made of them (test_start_browser), so make test runs no notebook twice."""
    import nbformat

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed (scripts/ensure-chromium)")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('from course_lib import set_language\nset_language("nb")'),
                nbformat.v4.new_code_cell("from course_lib.widgets.motivation import ExpectancyApp\nExpectancyApp()")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "nb" / "demo.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    html = handouts.handout_html(path, tmp_path / "out")
    assert html == tmp_path / "out" / "nb" / "demo.html"
    text = html.read_text(encoding="utf-8")
    assert "ExpectancyApp" not in text and "widget-state+json" not in text and "course-print" in text
    assert handouts.image_alts(text) and handouts.alt_problems(text, "nb") == []
    [pdf] = handouts.print_pdfs([html])
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000


def test_a_notebook_with_an_error_makes_no_handout(tmp_path, handouts):
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1/0")
    cell.outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero", traceback=[])]
    nb.cells = [cell]
    with pytest.raises(handouts.HandoutError, match="ZeroDivisionError"):
        handouts.export_html(nb, tmp_path / "nb" / "x.html")
    assert not (tmp_path / "nb" / "x.html").exists()


def test_capstone_package_handout_in_both_languages(tmp_path, handouts, monkeypatch):
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path / "progress"))  # main() points it at a fresh folder
    assert handouts.main(["--out", str(tmp_path), "--only", "capstone", "--no-pdf"]) == 0
    expect = {"nb": ("Motivasjonspakke", "Budsjett og prognose (modul 02)", "12 800 000 kr"),
              "en": ("motivation package", "Budget and forecast (module 02)", "NOK 12,800,000")}
    for lang, words in expect.items():
        path = tmp_path / lang / "06_capstone_package.html"
        text = path.read_text(encoding="utf-8")
        assert f"lang='{lang}'" in text and all(w in text for w in words)
        assert len(handouts.image_alts(text)) == 2 and handouts.alt_problems(text, lang) == []
        other = "en" if lang == "nb" else "nb"
        assert len(handouts.alt_problems(text, other)) == 2  # the check can tell the languages apart
    assert not list(tmp_path.glob("*/*.pdf")) and not list(tmp_path.glob("*/00_*"))


def test_alt_problems_are_found(handouts):
    good_nb = '<img src="x.png" alt="Teamets nysalg per måned: fra 1 200 kr til 5 400 kr, 12,5 % over målet."/>'
    good_en = '<img src="x.png" alt="The team\'s new sales per month: from NOK 1,200 to NOK 5,400, 12.5% above quota."/>'
    assert handouts.alt_problems(good_nb, "nb") == [] and handouts.alt_problems(good_en, "en") == []
    cases = {
        '<img src="x.png">': "no alt",
        '<img src="x.png" alt="">': "no alt",
        '<img src="x.png" alt="   ">': "no alt",
        '<img src="x.png" alt="No description has been provided for this image">': "no alt",
        good_en: "not in nb",
        '<img alt="Profil: selvrealisering 5.5 av 7" src="x"/>': "not in nb",
        # inside the stored widget state (JSON): quotes escaped, no alt
        '<script type="application/vnd.jupyter.widget-state+json">{"value": "<img class=\\"f\\" src=\\"data:x\\"/>"}</script>':
            "no alt",
    }
    for markup, words in cases.items():
        problems = handouts.alt_problems(markup, "nb")
        assert len(problems) == 1 and words in problems[0], (markup, problems)
    assert handouts.alt_problems(good_nb, "en")


def test_error_outputs_are_found(handouts):
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1/0")
    cell.outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero", traceback=[])]
    ok = nbformat.v4.new_code_cell("1")
    nb.cells = [ok, cell]
    assert handouts.error_outputs(nb) == ["ZeroDivisionError: division by zero"]
    nb.cells = [ok]
    assert handouts.error_outputs(nb) == []
