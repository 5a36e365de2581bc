"""The team loader under the files leaders really have: Excel exports, odd encodings, huge and zero numbers."""
import pandas as pd
import pytest

from course_lib import cases, content
from course_lib.cases import COLUMNS, generate_team, load_team


@pytest.fixture(scope="module")
def team():
    return generate_team(seed=11, n_sellers=3, months=2)


def _csv(team, edit=None, **kw):
    mine = team.copy().astype(object)
    if edit:
        edit(mine)
    return mine.to_csv(index=False, lineterminator="\n", **kw)


def _set(row, column, value):
    def edit(frame):
        frame.loc[row, column] = value
    return edit


HUGE = ["1e300", "1e19", "99999999999999999999", "1E+19", "9223372036854775808", "1e13"]


@pytest.mark.parametrize("column", ["quota", "new_sales", "pipeline", "activities", "tenure_months"])
@pytest.mark.parametrize("value", HUGE)
def test_huge_numbers_are_refused_with_line_and_column(tmp_path, team, lang, column, value):
    """1e300, 1e19, 99999999999999999999 in an integer column: refused with line and column, no wraparound?"""
    path = tmp_path / "huge.csv"
    path.write_text(_csv(team, _set(1, column, value)), encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_team(path)
    message = str(info.value)
    assert message.startswith("Linje 3 " if lang == "nb" else "Line 3 ") and column in message
    assert value in message and "-9223372036854775808" not in message
    assert ("for stort" in message or "ikke et tall" in message) if lang == "nb" else \
        ("too large" in message or "not a number" in message)


@pytest.mark.parametrize("value", ["0", "0,0", "0.00", "0 kr"])
def test_a_quota_of_zero_is_refused(tmp_path, team, lang, value):
    path = tmp_path / "zero.csv"
    sep = ";" if "," in value else ","
    path.write_text(_csv(team, _set(0, "quota", value), sep=sep), encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_team(path)
    message = str(info.value)
    assert "quota" in message and message.startswith("Linje 2 " if lang == "nb" else "Line 2 ")
    assert ("større enn 0" in message) == (lang == "nb")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_encodings_and_separators_are_read(tmp_path, team, encoding, sep):
    """UTF-16 (as Excel's 'Unicode text' saves), tab- and semicolon-separated files load like the CSV."""
    text = _csv(team, sep=sep, decimal="," if sep != "," else ".")
    path = tmp_path / "team.txt"
    raw = text.encode(encoding)
    if encoding == "utf-16-le":
        raw = b"\xff\xfe" + raw
    path.write_bytes(raw)
    pd.testing.assert_frame_equal(load_team(path), team)


def test_norwegian_excel_amounts_are_accepted(tmp_path, team):
    """Amounts like '445 700,00 kr' with non-breaking spaces in a semicolon file load as numbers."""
    mine = team.copy().astype(object)
    for column in cases.MONEY_COLUMNS:
        mine[column] = [f"{int(v):,}".replace(",", "\u00a0") + ",00\u00a0kr" for v in team[column]]
    mine["customer_satisfaction"] = [f"{v:.1f}".replace(".", ",") for v in team["customer_satisfaction"]]
    path = tmp_path / "excel.csv"
    path.write_bytes(mine.to_csv(index=False, sep=";").encode("cp1252"))
    assert "\u00a0kr" in mine.loc[0, "quota"]
    pd.testing.assert_frame_equal(load_team(path), team)


def test_english_amounts_with_currency_are_accepted(tmp_path, team):
    mine = team.copy().astype(object)
    for column in cases.MONEY_COLUMNS:
        mine[column] = [f"NOK {int(v):,}" for v in team[column]]
    path = tmp_path / "english.csv"
    mine.to_csv(path, index=False)
    pd.testing.assert_frame_equal(load_team(path), team)


def test_an_xlsx_workbook_is_read_directly(tmp_path, team):
    path = tmp_path / "team.xlsx"
    team.to_excel(path, index=False)
    pd.testing.assert_frame_equal(load_team(path), team)


def test_an_xlsx_with_a_bad_cell_names_the_spreadsheet_row(tmp_path, team, lang):
    mine = team.copy().astype(object)
    mine.loc[2, "new_sales"] = "mye"
    path = tmp_path / "team.xlsx"
    mine.to_excel(path, index=False)
    with pytest.raises(ValueError, match=r"^(Linje|Line) 4 .*new_sales"):
        load_team(path)


@pytest.mark.parametrize("name, raw, nb_word, en_word", [
    ("crm.csv", "kunde;beløp;dato\nAcme;100;2025-01-01\n".encode(), "ser ikke ut som teamdata", "does not look like team data"),
    ("notes.csv", "just a note\nwith two lines\n".encode(), "ser ikke ut som teamdata", "does not look like team data"),
    ("picture.csv", bytes(range(256)) * 8, "ikke en tekstfil", "neither a text file"),
    ("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, ".xls", ".xls"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "kan ikke åpnes", "cannot be opened"),
])
def test_files_that_are_not_team_data_are_reported_as_what_they_are(tmp_path, lang, name, raw, nb_word, en_word):
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(ValueError) as info:
        load_team(path)
    message = str(info.value)
    assert (nb_word if lang == "nb" else en_word) in message
    assert "missing column" not in message and "mangler kolonne" not in message


@pytest.mark.parametrize("bad", [None, 42, "", "   ", ["team.csv"]])
def test_a_path_that_is_not_a_path_is_refused(bad):
    if bad is None:
        assert len(load_team(bad)) == 240  # None means the shipped case
        return
    with pytest.raises(ValueError):
        load_team(bad)


def test_an_override_of_the_case_content_changes_region_names(tmp_path, monkeypatch):
    """A trainer's copy of cases.yaml in COURSE_CONTENT_DIR renames a region without code."""
    text = (content.shipped_folder() / "cases.yaml").read_text(encoding="utf-8")
    (tmp_path / "cases.yaml").write_text(text.replace("Vest (Bergen)", "Vest (Stavanger)"), encoding="utf-8")
    monkeypatch.setenv("COURSE_CONTENT_DIR", str(tmp_path))
    content.clear_cache()
    try:
        assert cases.region_name("west", lang="nb") == "Vest (Stavanger)"
        assert cases.COMPANY["regions"]["west"]["nb"] == "Vest (Stavanger)"
    finally:
        monkeypatch.delenv("COURSE_CONTENT_DIR")
        content.clear_cache()
    assert cases.region_name("west", lang="nb") == "Vest (Bergen)"


@pytest.mark.parametrize("edit, words", [
    (lambda s: s.replace("  tenure_months:\n    kind: int", "  tenure_months:\n    kind: money"), "tenure_months"),
    (lambda s: s.replace("  activities:", "  activity_count:"), "activit"),
    (lambda s: s.replace("close: [0.80,", "close: [0.80, 0.9,"), "close"),
    (lambda s: s.replace("    nb: Øst (Oslo)\n", ""), "east"),
    (lambda s: s.replace("name: Ingrid Lunde", "name: [Ingrid]"), "sales_manager"),
])
def test_a_broken_case_content_file_is_named(tmp_path, monkeypatch, edit, words):
    text = (content.shipped_folder() / "cases.yaml").read_text(encoding="utf-8")
    changed = edit(text)
    assert changed != text
    (tmp_path / "cases.yaml").write_text(changed, encoding="utf-8")
    monkeypatch.setenv("COURSE_CONTENT_DIR", str(tmp_path))
    content.clear_cache()
    try:
        with pytest.raises(ValueError) as info:
            cases.region_name("east")
        assert "cases.yaml" in str(info.value) and words in str(info.value)
    finally:
        monkeypatch.delenv("COURSE_CONTENT_DIR")
        content.clear_cache()


def test_person_names_the_roles_for_an_unknown_one(lang):
    with pytest.raises(ValueError, match="sales_manager"):
        cases.person("salgssjef")


def test_columns_keep_their_shape():
    assert list(COLUMNS) == list(cases.REQUIRED_COLUMNS)
    assert cases.MONEY_COLUMNS == ("quota", "new_sales", "renewals", "churned_revenue", "pipeline")
    assert cases.CLOSE_SEASON[7] == 0.45 and len(cases.ACTIVITY_SEASON) == 12


def test_the_shipped_case_is_parsed_once_and_each_caller_gets_its_own_copy(tmp_path, monkeypatch):
    """load_team() without a path keeps the parsed case (27 ms a parse) until the file changes."""
    import shutil

    from course_lib import case_loader

    shutil.copy(case_loader._data_dir() / "team.csv", tmp_path / "team.csv")
    monkeypatch.setattr(case_loader, "_data_dir", lambda: tmp_path)
    monkeypatch.setattr(case_loader, "_SHIPPED", {})
    parses = []
    original = case_loader._parse
    monkeypatch.setattr(case_loader, "_parse", lambda *a: parses.append(1) or original(*a))
    first = load_team()
    first.loc[0, "quota"] = 1                      # a caller's change stays its own
    second = load_team()
    assert len(parses) == 1 and second.loc[0, "quota"] != 1
    pd.testing.assert_frame_equal(second, load_team())
    text = (tmp_path / "team.csv").read_text(encoding="utf-8")
    (tmp_path / "team.csv").write_text(text.replace("Marte Brekke", "Marte Brekkeli"), encoding="utf-8")
    assert "Marte Brekkeli" in set(load_team()["seller_name"]) and len(parses) == 2
