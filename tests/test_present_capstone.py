"""`course present capstone`: the capstone app as a projector page, built in both languages (no browser)."""
import nbformat

from course_lib import cli, present
from course_lib.i18n import get_language, set_language
from course_lib.plots.style import set_presentation


def test_capstone_is_a_projector_app():
    assert present.APPS["capstone"] == ("course_lib.widgets.capstone", "CapstoneApp()")
    assert present.check_app("capstone") == "capstone"


def test_course_present_capstone_builds_in_both_languages(tmp_path, store, capsys):
    titles = {"nb": "Motivasjonspakken", "en": "The motivation package"}
    before = get_language()
    try:
        for lang in ("nb", "en"):
            folder = tmp_path / lang
            folder.mkdir()
            assert cli.main(["present", "capstone", "--lang", lang, "--write-only", "--folder", str(folder)]) == 0
            path = folder / f"capstone_{lang}.ipynb"
            assert str(path) in capsys.readouterr().out
            page = nbformat.read(path, as_version=4)
            namespace: dict = {}
            for cell in page.cells:  # run the page's code as Voila would (language first, then the app)
                if cell.cell_type == "code":
                    exec(compile(cell.source, str(path), "exec"), namespace)
            app = namespace["CapstoneApp"]()
            assert get_language() == lang
            assert titles[lang] in app.widget.children[0].value
            assert app.error.value == "" and app.package is not None
    finally:
        set_presentation(False)
        set_language(before)
