"""Reading files and numbers as people write them (course_lib.tabular)."""
import math

import pytest
from hypothesis import given, strategies as st

from course_lib import i18n
from course_lib.tabular import parse_number, read_rows, read_table


@pytest.mark.parametrize("text, lang, expected", [
    ("445\u00a0700,00 kr", "nb", 445700.0), ("1.100,00", "nb", 1100.0), ("1 100", "nb", 1100.0),
    ("1 100 kr", "nb", 1100.0), ("12,5", "nb", 12.5), ("−3,5", "nb", -3.5), ("kr 1 200,-", "nb", 1200.0),
    ("43.345.000", "nb", 43345000.0), ("1,100", "nb", 1.1), ("1,100", "en", 1100.0),
    ("NOK 1,100", "en", 1100.0), ("1,100.50", "en", 1100.5), ("12.5%", "en", 12.5), ("0.5", "nb", 0.5),
    (3, "nb", 3.0), ("1\u202f200", "nb", 1200.0),
])
def test_numbers_as_people_write_them(text, lang, expected):
    assert parse_number(text, lang=lang) == pytest.approx(expected)


def test_percent_as_fraction():
    assert parse_number("12,5 %", lang="nb", percent="fraction") == pytest.approx(0.125)
    assert parse_number("12,5", lang="nb", percent="fraction") == pytest.approx(12.5)


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("bad", ["", "   ", "abc", "nan", "inf", "1e5", "1,2,3.4.5", "--1", ".", None, True,
                                 float("nan"), float("inf"), "9" * 200, "<script>",
                                 "1,2,3", "1.2.3", "1 2 3", "1,2,3.5", "12,34,567", "1 10 kr", "1,100.000,5"])
def test_non_numbers_are_refused_with_a_translated_hint(bad, lang):
    i18n.set_language(lang)
    with pytest.raises(ValueError) as info:
        parse_number(bad)
    text = str(info.value)
    assert ("tall" in text) if lang == "nb" else ("number" in text)
    assert len(text) < 250


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_formatted_numbers_read_back(value):
    """Does every number the course prints read back as the same number in both languages?"""
    for lang in ("nb", "en"):
        text = i18n.format_number(value, 2, lang)
        assert parse_number(text, lang=lang) == pytest.approx(round(value, 2), abs=0.006)
        money = i18n.format_money(value, 0, lang)
        assert parse_number(money, lang=lang) == pytest.approx(round(value), abs=1)


@given(st.text(max_size=30))
def test_any_text_is_a_number_or_a_value_error(text):
    try:
        assert math.isfinite(parse_number(text))
    except ValueError:
        pass


def test_semicolon_utf8_bom_file(tmp_path):
    p = tmp_path / "team.csv"
    p.write_bytes("\ufeffselger;salg\nÅse;445\u00a0700,00 kr\n".encode("utf-8"))
    rows = read_rows(p)
    assert rows.header == ["selger", "salg"] and rows.rows == [["Åse", "445\u00a0700,00 kr"]]
    assert rows.delimiter == ";" and rows.encoding == "utf-8-sig"


def test_utf16_tab_and_windows_1252(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("x\ty\n1\t2\n3\t4\n", encoding="utf-16")
    assert read_table(a).to_dict("records") == [{"x": "1", "y": "2"}, {"x": "3", "y": "4"}]
    b = tmp_path / "b.csv"
    b.write_bytes("navn;by\nBjørn;Tromsø\n".encode("cp1252"))
    assert read_rows(b).rows == [["Bjørn", "Tromsø"]]


def test_line_numbers_skip_blank_lines(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("a,b\n1,2\n\n3,4\n", encoding="utf-8")
    assert read_rows(p).lines == [2, 4]


def test_xlsx_is_read_directly(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["deal", "amount"])
    sheet.append(["D-1", 445700.0])
    sheet.append(["D-2", "1 200,50 kr"])
    path = tmp_path / "crm.xlsx"
    book.save(path)
    rows = read_rows(path)
    assert rows.kind == "xlsx" and rows.rows == [["D-1", "445700"], ["D-2", "1 200,50 kr"]] and rows.lines == [2, 3]
    with pytest.raises(ValueError, match="Ark1"):
        read_rows(path, sheet="Ark1")


@pytest.mark.parametrize("lang, word", [("nb", "finnes"), ("en", "sheet")])
def test_bad_files_are_named(tmp_path, lang, word):
    i18n.set_language(lang)
    with pytest.raises(ValueError, match="ingen fil" if lang == "nb" else "no file"):
        read_rows(tmp_path / "missing.csv")
    with pytest.raises(ValueError, match="mappe" if lang == "nb" else "folder"):
        read_rows(tmp_path)
    (tmp_path / "x.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ValueError, match=".xlsx"):
        read_rows(tmp_path / "x.xls")
    (tmp_path / "bin.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(ValueError, match="CSV"):
        read_rows(tmp_path / "bin.csv")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ValueError, match="Excel"):
        read_rows(tmp_path / "broken.xlsx")
    (tmp_path / "empty.csv").write_text("\n\n")
    with pytest.raises(ValueError):
        read_rows(tmp_path / "empty.csv")


@pytest.mark.parametrize("text", ["kr", "NOK", ",-", "%", "12 %%", "- kr"])
def test_currency_or_percent_alone_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_number(text, lang="nb")


@pytest.mark.parametrize("text, lang, value", [("0.484", "nb", 0.484), ("0,125", "en", 0.125), ("0.125", "nb", 0.125)])
def test_a_leading_zero_never_starts_a_thousands_group(text, lang, value):
    assert parse_number(text, lang=lang) == pytest.approx(value)
