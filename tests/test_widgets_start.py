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
    demo = StartDemo(generate_team(seed=3, months=6, start="2024-01"), month="2099-01")
    assert demo.month.value == "2024-01"
    assert 0 < demo.result < 5


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
