"""Months and quarters reach learners as words, never as the data keys "2025-Q1" / "2026-07"."""
from __future__ import annotations

import re

import pytest

import course_lib
from course_lib import goals, periods
from course_lib.cases import generate_team, load_team
from course_lib.exercises import start
from course_lib.incentives import Plan
from course_lib.incentives_tables import manager_table
from course_lib.incentives_team import manager_bonus

RAW_KEY = re.compile(r"\b\d{4}-(Q[1-4]|0[1-9]|1[0-2])\b")
SHORT_MONTH_YEAR = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|okt|oct|nov|des|dec)\.? \d{4}\b", re.IGNORECASE)


def cells(table) -> list[str]:
    return [str(v) for v in table.frame.to_numpy().ravel()] + [str(c) for c in table.frame.columns]


@pytest.mark.parametrize("key, nb, en", [
    ("2025-Q1", "1. kv. 2025", "Q1 2025"),
    ("2026-Q4", "4. kv. 2026", "Q4 2026"),
])
def test_does_a_quarter_read_as_bokmal_and_english_write_it(key, nb, en):
    assert periods.quarter_label(key, "nb") == nb
    assert periods.quarter_label(key, "en") == en
    assert periods.period_label(key, "nb") == nb


@pytest.mark.parametrize("key, nb, en", [
    ("2026-07", "juli 2026", "July 2026"),
    ("2025-01", "januar 2025", "January 2025"),
    ("2025-05", "mai 2025", "May 2025"),
    ("2026-12", "desember 2026", "December 2026"),
])
def test_is_a_month_written_out_in_full(key, nb, en):
    assert periods.month_label(key, "nb") == nb
    assert periods.month_label(key, "en") == en
    assert periods.period_label(key, "en") == en


def test_are_axis_ticks_short_but_never_raw_keys():
    assert [periods.period_tick(k, "nb") for k in ("2025-05", "2026-12", "2025-Q1")] == ["mai 25", "des 26", "1. kv. 2025"]
    assert [periods.period_tick(k, "en") for k in ("2025-05", "2025-Q1")] == ["May 25", "Q1 2025"]


def test_does_other_text_pass_through_unchanged():
    for text in ("total", "2025-13", "2025-Q5", "Q1"):
        assert periods.period_label(text, "nb") == text


@pytest.mark.parametrize("lang, first", [("nb", "1. kv. 2025"), ("en", "Q1 2025")])
def test_does_the_managers_quarter_table_show_quarters_in_words(lang, first):
    """Module 03: the sales manager's bonus per quarter."""
    course_lib.set_language(lang)
    table = manager_table(manager_bonus(Plan.from_ote(90_000, 0.6, 1.0, threshold=0.8), load_team(), "quarter"))
    periods_shown = list(table.frame.iloc[:, 0])
    assert periods_shown[0] == first
    assert len(periods_shown) == 8
    assert not [c for c in cells(table) if RAW_KEY.search(c)], "a data key reached the learner"


@pytest.mark.parametrize("lang, first", [("nb", "januar 2025"), ("en", "January 2025")])
def test_does_the_managers_month_table_show_months_in_words(lang, first):
    course_lib.set_language(lang)
    table = manager_table(manager_bonus(Plan.from_ote(90_000, 0.6, 1.0), generate_team(), "month"))
    assert table.frame.iloc[0, 0] == first
    assert not [c for c in cells(table) if RAW_KEY.search(c) or SHORT_MONTH_YEAR.search(c)]


@pytest.mark.parametrize("lang, july", [("nb", "juli 2026"), ("en", "July 2026")])
def test_does_module_02s_control_table_write_months_in_full(lang, july):
    from course_lib.plots.goals import table_control

    course_lib.set_language(lang)
    result = goals.control_table(load_team(), as_of="2026-07")
    table = table_control(result)
    months = list(table.frame.iloc[:, 0])
    assert july in months and len(months) == 12
    assert not [c for c in cells(table) if RAW_KEY.search(c) or SHORT_MONTH_YEAR.search(c)]
    assert july in result.reading_text()
    assert not SHORT_MONTH_YEAR.search(result.reading_text())


@pytest.mark.parametrize("lang, june", [("nb", "juni 2026"), ("en", "June 2026")])
def test_does_the_control_widget_name_months_in_full(lang, june):
    from course_lib.widgets.goals import ControlDashboardApp

    course_lib.set_language(lang)
    app = ControlDashboardApp(load_team())
    labels = [label for label, _ in app.month.options]
    assert june in labels
    assert not [label for label in labels if SHORT_MONTH_YEAR.search(label) or RAW_KEY.search(label)]


def test_do_module_00_and_02_name_months_the_same_way():
    for key in ("2025-01", "2025-07", "2026-12"):
        for lang in ("nb", "en"):
            assert start.month_name(key, lang) == goals.month_name(key, lang, year=True) == periods.month_label(key, lang)


def test_would_the_scan_catch_a_raw_or_short_month():
    """The checks above are only as good as these patterns."""
    assert RAW_KEY.search("2025-Q1") and RAW_KEY.search("2026-07")
    assert SHORT_MONTH_YEAR.search("jul 2026") and SHORT_MONTH_YEAR.search("Jul 2026")
    assert not SHORT_MONTH_YEAR.search("juli 2026") and not SHORT_MONTH_YEAR.search("July 2026")
    assert not RAW_KEY.search("1. kv. 2025")
