"""Widget tests for module 04: change the controls, assert on results and on the Output."""
from __future__ import annotations

import course_lib
from course_lib import delegation as dl
from course_lib.progress import get_store
from course_lib.widgets.delegation import (BOARD_SECTION, LEVELS_SECTION, DecisionRightsBoard,
                                           DelegationLevelsApp, saved_board)


def png_of(out):
    (item,) = out.outputs
    return item["data"]["image/png"]


def test_board_starts_from_today_valid_with_gaps_and_a_heatmap():
    """Does the board open on the traditional set-up, valid, with gaps listed and a heatmap shown?"""
    course_lib.set_language("en")
    app = DecisionRightsBoard()
    assert app.cells["bonus_system", "hr_director"].value == "A/R"
    assert app.problems == []
    assert "The table is valid" in app.validation.value
    assert set(app.report.gap_kpis) == set(dl.SALES_MANAGER_KPIS)
    assert "New sales" in app.gaps_panel.value and "HR director" in app.gaps_panel.value
    assert png_of(app.out)


def test_changing_one_cell_updates_validation_gaps_and_heatmap():
    """Does giving her a second A on the ICT budget show a problem, and fixing it clear it?"""
    course_lib.set_language("en")
    app = DecisionRightsBoard()
    before_png = png_of(app.out)
    before_score = app.report.score
    app.cells["ict_budget", "sales_manager"].value = "A/R"
    assert [p.kind for p in app.problems] == ["several_accountable"]
    assert "several roles hold A" in app.validation.value
    assert png_of(app.out) != before_png
    assert app.report.score > before_score
    assert "ict_budget" in app.report.controlled
    app.cells["ict_budget", "ceo"].value = "I"
    assert app.problems == []
    assert "valid" in app.validation.value


def test_clearing_the_only_a_reports_no_accountable():
    """Does emptying the single A on a decision report that nobody is accountable?"""
    app = DecisionRightsBoard()
    app.cells["pay_levels", "hr_director"].value = ""
    kinds = sorted(p.kind for p in app.problems)
    assert kinds == ["no_accountable", "no_responsible"]
    assert "Lønnsnivå" in app.validation.value  # default language nb


def test_empty_preset_lists_problems_with_a_cap():
    """Does the empty board list its problems, capped with 'and N more'?"""
    course_lib.set_language("en")
    app = DecisionRightsBoard()
    app.preset.value = "empty"
    app.load_button.click()
    assert all(dd.value == "" for dd in app.cells.values())
    assert len(app.problems) == 2 * len(dl.DECISIONS)
    assert "and 14 more" in app.validation.value
    assert app.report.score == 0.0


def test_proposal_preset_shows_decided_and_work_under_another_a():
    """Does the proposal score 70 % and list, as its own category, the inputs where she
    does the work under someone else's A?"""
    course_lib.set_language("en")
    app = DecisionRightsBoard(preset="proposal")
    assert app.report.score == 0.7
    assert "decides 70%" in app.gaps_panel.value
    assert "She does the work while someone else holds A" in app.gaps_panel.value
    assert "Pay levels (A: Sales director)" in app.gaps_panel.value
    labels = [t.get_text() for t in app.chart.ax.get_yticklabels()]
    assert "◐ Pay levels" in labels and "⚠ Customer-service processes" in labels
    assert "Hire sellers" in labels  # hers: no flag
    app.cells["pay_levels", "sales_manager"].value = "A"
    app.cells["pay_levels", "sales_director"].value = "C"
    assert app.report.score == 0.75
    assert "Pay levels" not in " ".join(app.report.lines())


def test_measured_kpis_drive_the_gap_panel():
    """Does choosing other KPIs change which gaps are listed?"""
    course_lib.set_language("en")
    app = DecisionRightsBoard()
    app.measured.value = ("gross_margin",)
    assert app.report.gap_kpis == ("gross_margin",)
    assert "Gross margin" in app.gaps_panel.value
    app.cells["price_discount_limits", "sales_manager"].value = "R"
    assert app.report.gap_kpis == ("gross_margin",)  # R under the sales director's A
    assert app.report.working == ("price_discount_limits",)
    app.cells["price_discount_limits", "sales_director"].value = "C"
    app.cells["price_discount_limits", "sales_manager"].value = "A/R"
    assert app.report.gaps == ()
    app.measured.value = ()
    assert "at least one KPI" in app.gaps_panel.value


def test_save_puts_the_board_in_the_progress_store():
    """Does saving store the matrix, KPIs, score and gaps under decision_rights/name?"""
    app = DecisionRightsBoard()
    app.cells["ict_budget", "sales_manager"].value = "A/R"
    app.cells["ict_budget", "ceo"].value = "I"
    app.name.value = "my plan"
    app.save_button.click()
    entry = get_store().get(BOARD_SECTION, "my plan")
    assert entry["matrix"]["ict_budget"]["sales_manager"] == "A/R"
    assert entry["valid"] is True
    assert 0 < entry["score"] < 1
    assert "ict_budget" not in sum(entry["gaps"].values(), [])
    assert "«my plan»" in app.status.value
    assert saved_board("my plan").loc["ict_budget", "sales_manager"] == "A/R"


def test_save_without_name_shows_an_error_and_stays_usable():
    """Does saving without a name show a message in the widget and keep it working?"""
    app = DecisionRightsBoard()
    app.save_button.click()
    assert "navn" in app.error.value
    app.cells["hire_sellers", "sales_manager"].value = "R"
    assert app.error.value == ""
    assert "hire_sellers" in app.report.working and "hire_sellers" not in app.report.controlled


def test_levels_app_compares_and_saves_choices():
    """Does choosing levels save them, and does comparing explain each choice against the reference?"""
    course_lib.set_language("en")
    app = DelegationLevelsApp()
    assert app.feedback.value == ""
    app.levels["hire_sellers"].value = 2
    app.levels["top_management_seat"].value = 1
    assert get_store().get(LEVELS_SECTION, "choices") == {"hire_sellers": 2, "top_management_seat": 1}
    assert app.feedback.value == ""  # reference hidden until asked
    first = png_of(app.out)
    app.compare_button.click()
    assert "1 of 2 choices are within the reference" in app.feedback.value
    assert "lower than the reference 6–7" in app.feedback.value
    assert png_of(app.out) != first
    app.levels["hire_sellers"].value = 7
    assert "2 of 2" in app.feedback.value


def test_levels_app_restores_saved_choices_and_shows_class():
    """Does a new app restore the learner's choices, and show the class count when given responses?"""
    course_lib.set_language("en")
    get_store().put(LEVELS_SECTION, "choices", {"ict_budget": 6})
    app = DelegationLevelsApp(class_responses=[{"ict_budget": 3}, {"ict_budget": 6}])
    assert app.levels["ict_budget"].value == 6
    assert app.choices == {"ict_budget": 6}
    assert "2 participants" in app.widget.children[5].value
    assert len(app.chart.klass.get_offsets()) == 2


def test_gather_class_levels_reads_progress_files_and_skips_bad_ones(tmp_path):
    """Does a trainer get every learner's choices from their progress files, skipping broken ones?"""
    import json

    from course_lib.progress import ProgressStore
    from course_lib.widgets.delegation import gather_class_levels

    for i, level in enumerate((3, 6)):
        ProgressStore(tmp_path / f"learner{i}").put(LEVELS_SECTION, "choices", {"ict_budget": level})
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "progress.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "bad_level").mkdir()
    (tmp_path / "bad_level" / "progress.json").write_text(json.dumps(
        {"sections": {LEVELS_SECTION: {"choices": {"ict_budget": 9}}}}), encoding="utf-8")
    folders = [tmp_path / "learner0", tmp_path / "learner1", tmp_path / "broken", tmp_path / "bad_level",
               tmp_path / "missing"]
    responses = gather_class_levels(folders)
    assert responses == [{"ict_budget": 3}, {"ict_budget": 6}]
    app = DelegationLevelsApp(class_responses=responses)
    assert app.spread.loc["ict_budget", "counts"] == (0, 0, 1, 0, 0, 1, 0)
