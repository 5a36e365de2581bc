"""The language picker and the self-check line."""
from course_lib import get_language
from course_lib.widgets.language import LanguagePicker, self_check


def test_picker_switches_the_course_language_and_links_the_other_notebook():
    picker = LanguagePicker("00_start_here.ipynb")
    assert get_language() == "nb" and "Språk: norsk bokmål" in picker.message.value
    picker.toggle.value = "en"
    assert get_language() == "en"
    assert "Language: English" in picker.message.value
    assert 'href="../en/00_start_here.ipynb"' in picker.message.value
    picker.toggle.value = "nb"
    assert 'href="../nb/00_start_here.ipynb"' in picker.message.value


def test_self_check_names_versions(lang):
    import pandas
    text = self_check().value
    assert pandas.__version__ in text
    assert ("Alt virker" if lang == "nb" else "Everything works") in text
