"""Languages, the message catalogue and formatting."""
import os
import subprocess
import sys

import pytest

import course_lib
from course_lib import i18n


def test_set_and_get_language():
    """Does set_language change what get_language returns and what t() says?"""
    assert course_lib.set_language("en") is None  # no output under a notebook's first cell
    assert course_lib.get_language() == "en"
    assert course_lib.t("core.language_set", language="English") == "Language: English"
    course_lib.set_language("NB")
    assert course_lib.get_language() == "nb"
    assert course_lib.t("core.language_set", language="norsk") == "Språk: norsk"


def test_unknown_language_is_refused_in_both_languages():
    """Is a wrong language code refused with a message that names the allowed ones?"""
    with pytest.raises(ValueError, match=r"nb, en.*'de'"):
        course_lib.set_language("de")
    assert course_lib.get_language() == "nb"


@pytest.mark.parametrize("env, expected", [(None, "nb"), ("en", "en"), ("nb", "nb"), ("xx", "nb")])
def test_default_language_comes_from_course_lang(env, expected):
    """Does a fresh process start in COURSE_LANG, else Norwegian?"""
    environ = {k: v for k, v in os.environ.items() if k != "COURSE_LANG"}
    if env:
        environ["COURSE_LANG"] = env
    out = subprocess.run([sys.executable, "-W", "ignore", "-c", "import course_lib; print(course_lib.get_language())"],
                         env=environ, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == expected


def test_every_message_exists_in_both_languages():
    """Is any key of the catalogue missing in one language?"""
    assert i18n.missing_translations() == {}
    assert len(i18n.catalogue()) > 20


def test_placeholders_match_between_languages():
    """Do nb and en texts of a key take the same {placeholders}?"""
    assert i18n.placeholder_mismatches() == {}


def test_missing_translation_is_detected(monkeypatch):
    """Would a key with only one language be reported?"""
    fake = dict(i18n.catalogue())
    fake["x.only_nb"] = {"nb": "bare norsk"}
    monkeypatch.setattr(i18n, "catalogue", lambda: fake)
    assert i18n.missing_translations() == {"x.only_nb": ["en"]}


def test_duplicate_key_across_topic_files_is_an_error(tmp_path, monkeypatch):
    """Is a key defined in two topic files refused, naming both files?"""
    folder = tmp_path / "course_lib" / "messages"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text("k.x: {nb: a, en: a}\n", encoding="utf-8")
    (folder / "b.yaml").write_text("k.x: {nb: b, en: b}\n", encoding="utf-8")

    class FakeFiles:
        def __truediv__(self, name):
            return folder

    monkeypatch.setattr(i18n.resources, "files", lambda pkg: FakeFiles())
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"a\.yaml.*b\.yaml"):
            i18n.catalogue()
    finally:
        monkeypatch.undo()
        i18n.catalogue.cache_clear()


def test_unknown_key_names_itself():
    with pytest.raises(KeyError, match="no.such.key"):
        i18n.t("no.such.key")


@pytest.mark.parametrize("value, lang, text", [
    (1_200_000, "nb", "1 200 000 kr"),
    (1_200_000, "en", "NOK 1,200,000"),
    (-5_000, "en", "-NOK 5,000"),
    (0, "nb", "0 kr"),
])
def test_format_money(value, lang, text):
    assert i18n.format_money(value, lang=lang) == text


@pytest.mark.parametrize("value, lang, text", [
    (0.125, "nb", "12,5 %"),
    (0.125, "en", "12.5%"),
    (1.0, "nb", "100,0 %"),
    (0.05, "en", "5.0%"),
])
def test_format_percent(value, lang, text):
    assert i18n.format_percent(value, lang=lang) == text


def test_format_follows_current_language():
    course_lib.set_language("en")
    assert course_lib.format_money(1234.5, 1) == "NOK 1,234.5"
    course_lib.set_language("nb")
    assert course_lib.format_money(1234.5, 1) == "1 234,5 kr"


def test_import_does_not_load_heavy_libraries():
    """Does `import course_lib` leave matplotlib, ipywidgets and pandas unloaded until used?"""
    code = ("import sys, course_lib; heavy = [m for m in ('matplotlib', 'ipywidgets', 'pandas', 'yaml') "
            "if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_submodules_load_on_first_use():
    code = "import sys, course_lib; course_lib.progress; print('course_lib.progress' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
