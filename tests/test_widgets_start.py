"""Module 00 widgets: the slider demo, the self-check line and the company card."""
from __future__ import annotations

import pytest

import course_lib
from course_lib.cases import generate_team, load_team
from course_lib.widgets.start import StartDemo, company_card, self_check_text


def test_slider_changes_the_number_and_the_text():
    """Does moving the slider recompute the attainment and rewrite the sentence?"""
    demo = StartDemo()
    team = load_team()
    march = team[team["month"] == "2025-03"]
    assert demo.result == pytest.approx(march["new_sales"].sum() / march["quota"].sum())
    assert "mars 2025" in demo.text.value and "Over budsjett" in demo.text.value
    demo.month.value = "2025-07"
    july = team[team["month"] == "2025-07"]
    assert demo.result == pytest.approx(july["new_sales"].sum() / july["quota"].sum())
    assert "juli 2025" in demo.text.value and "48 %" in demo.text.value
    assert "Under budsjett" in demo.text.value
    assert not demo.error.has_error


def test_slider_labels_and_text_in_english():
    course_lib.set_language("en")
    demo = StartDemo(month="2026-11")
    assert demo.month.description == "Month"
    assert demo.month.options[0] == ("Jan 25", "2025-01")
    assert demo.month.label == "Nov 26"
    assert "November 2026" in demo.text.value and "NOK" in demo.text.value


def test_a_failing_update_shows_in_the_error_box():
    demo = StartDemo()
    demo.totals = demo.totals.drop(index="2025-05")
    demo.month.value = "2025-05"
    assert demo.error.has_error
    demo.month.value = "2025-06"
    assert not demo.error.has_error


def test_works_with_another_team():
    team = generate_team(seed=3, months=6, start="2024-01")
    demo = StartDemo(team)                      # the case's March is not in this data: its first month
    assert demo.month.value == "2024-01"
    assert 0 < demo.result < 5
    with pytest.raises(ValueError, match="2099-01.*2024-01"):   # a month the data lacks is refused, not replaced
        StartDemo(team, month="2099-01")


def test_self_check_names_versions():
    import pandas

    assert pandas.__version__ in self_check_text()
    assert self_check_text().startswith("Alt virker")


def test_company_card_in_both_languages():
    nb = company_card().data
    assert "salgssjef" in nb and "Ingrid Lunde" in nb and "Øst (Oslo)" in nb
    course_lib.set_language("en")
    en = company_card().data
    assert "sales manager" in en and "6 in East (Oslo)" in en and "salgssjef" not in en


def test_company_card_names_the_period_in_words():
    """Is the data period written as months in words, never as ISO dates?"""
    nb = company_card().data
    assert "januar 2025–desember 2026" in nb and "2025-01" not in nb
    course_lib.set_language("en")
    assert "January 2025–December 2026" in company_card().data


# --------------------------------------------------------------------------- tables of the case data

from course_lib.format_audit import english_numbers  # noqa: E402
from course_lib.widgets.start import seller_table, team_table, totals_table, yearly_table  # noqa: E402


def _all_text(table):
    return " ".join(table.frame.columns.astype(str)) + " " + " ".join(table.frame.astype(str).to_numpy().ravel())


def test_yearly_table_shows_money_and_shares_in_norwegian():
    """Does the yearly table read 43 345 000 kr and 101,5 % in Norwegian, with Norwegian headers?"""
    table = yearly_table()
    row = dict(zip(table.frame.columns, table.frame.iloc[0]))
    assert row["År"] == "2025"
    assert row["Salgsmål"] == "43 345 000 kr"
    assert row["Måloppnåelse"] == "101,5 %"
    assert row["Andel sagt opp"] == "8,8 %"
    assert "attainment" not in table.frame.columns
    assert english_numbers(_all_text(table)) == []
    assert "101,5 %" in table._repr_html_()


def test_yearly_table_in_english():
    course_lib.set_language("en")
    table = yearly_table()
    row = dict(zip(table.frame.columns, table.frame.iloc[0]))
    assert row["Quota"] == "NOK 43,345,000" and row["Attainment"] == "101.5%"


def test_team_table_translates_regions_and_months():
    """Are regions shown as Øst/Vest (East/West) and months as words, not codes?"""
    table = team_table(rows=10)
    assert len(table.frame) == 10
    text = _all_text(table)
    assert "Øst" in text and "Vest" in text and "januar 2025" in text
    assert "east" not in text and "west" not in text and "2025-01" not in text
    assert "445 700 kr" in text and "5,6" in text
    assert english_numbers(text) == []
    course_lib.set_language("en")
    text = _all_text(team_table(rows=10))
    assert "East" in text and "West" in text and "January 2025" in text and "NOK 445,700" in text


def test_seller_table_is_sorted_by_attainment_and_formatted():
    table = seller_table()
    shares = [float(v.replace(" %", "").replace(",", ".")) for v in table.frame["Måloppnåelse"]]
    assert shares == sorted(shares, reverse=True) and len(shares) == 10
    assert table.frame.iloc[0]["Selger"] == "Øyvind Hagen" and table.frame.iloc[0]["Måloppnåelse"] == "119,7 %"
    assert english_numbers(_all_text(table)) == []


def test_totals_table_sums_the_chosen_rows():
    """Does the July table show the team's sums that the July question asks the learner to divide?"""
    team = load_team()
    july = team[team["month"] == "2025-07"]
    assert totals_table(july).frame.iloc[0].tolist() == ["1 749 800 kr", "3 680 000 kr"]
    course_lib.set_language("en")
    assert totals_table(july).frame.iloc[0].tolist() == ["NOK 1,749,800", "NOK 3,680,000"]
    assert list(totals_table(july).frame.columns) == ["New sales", "Quota"]
