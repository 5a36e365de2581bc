"""Plots for module 04: the decision-rights heatmap and the delegation-level chart."""
from __future__ import annotations

import numpy as np

import course_lib
from course_lib import delegation as dl
from course_lib.plots.delegation import BoardHeatmap, LevelsChart, gap_decisions, plot_board, plot_levels
from course_lib.plots.style import to_png


def flagged_rows(fig):
    return [label.get_text() for label in fig.axes[0].get_yticklabels() if label.get_text().startswith("⚠")]


def letter_at(chart, i, j):
    """Which letter marker sits on cell (row i, column j), or None."""
    found = [cell for cell, coll in chart.letters.items()
             if any(tuple(p) == (j, i) for p in coll.get_offsets().tolist())]
    assert len(found) <= 1
    return found[0] if found else None


def test_board_marks_exactly_the_gap_decisions():
    """Are the rows marked ⚠ exactly the decisions missing from some gap?"""
    course_lib.set_language("en")
    fig = plot_board(dl.preset_matrix("today"), ["gross_margin"])
    assert flagged_rows(fig) == ["⚠ Price and discount limits"]
    assert to_png(fig)[:4] == b"\x89PNG"


def test_board_without_gaps_marks_nothing():
    """With A on every decision she is measured on, is no row flagged?"""
    m = dl.preset_matrix("today")
    for d in dl.DECISIONS:
        m = dl.grant(m, d)
    fig = plot_board(m)
    assert flagged_rows(fig) == [] and working_rows(fig) == []


def working_rows(fig):
    return [label.get_text() for label in fig.axes[0].get_yticklabels() if label.get_text().startswith("◐")]


def test_board_marks_work_under_another_a_as_its_own_category():
    """Are rows where she is R under someone else's A marked ◐ (not ⚠), and the others ⚠?"""
    course_lib.set_language("en")
    fig = plot_board(dl.preset_matrix("proposal"))
    assert working_rows(fig) == ["◐ Pay levels", "◐ Targets in the digital\nmarketing and sales strategy",
                                 "◐ Marketing campaigns"]
    assert flagged_rows(fig) == ["⚠ Customer-service processes"]
    assert any("she does the work" in t.get_text() for t in fig.axes[0].texts)


def test_heatmap_update_changes_cells_and_flags():
    """Does update() change the cell letters, the colour codes and the flags in place?"""
    course_lib.set_language("nb")
    chart = BoardHeatmap()
    today = dl.preset_matrix("today")
    report = dl.controllability_gaps(today)
    chart.update(today, gap_decisions(report), report.score)
    i, j = chart.decisions.index("ict_budget"), chart.roles.index("sales_manager")
    assert letter_at(chart, i, j) == "I"
    before = np.array(chart.image.get_array()).copy()
    changed = dl.grant(today, "ict_budget")
    report2 = dl.controllability_gaps(changed)
    chart.update(changed, gap_decisions(report2), report2.score)
    assert letter_at(chart, i, j) == "A/R"
    assert letter_at(chart, i, chart.roles.index("ceo")) == "C"
    assert not np.array_equal(before, np.array(chart.image.get_array()))
    assert "IKT-/CRM-budsjett" not in " ".join(flagged_rows(chart.fig))
    assert "%" in chart.score_text.get_text()


def test_invalid_cell_is_shown_as_written():
    """Is an unknown letter shown as written (in the warning colour), not silently dropped?"""
    m = dl.preset_matrix("today")
    m.loc["hire_sellers", "sales_manager"] = "X"
    chart = BoardHeatmap()
    chart.update(m)
    i, j = chart.decisions.index("hire_sellers"), chart.roles.index("sales_manager")
    assert chart.texts[i][j].get_text() == "X" and chart.texts[i][j].get_visible()
    assert letter_at(chart, i, j) is None
    assert chart.image.get_array()[i, j] == 6
    chart.update(dl.preset_matrix("today"))
    assert not chart.texts[i][j].get_visible() and letter_at(chart, i, j) == "C"


def test_levels_chart_shows_choices_reference_and_class():
    """Does the level chart place your choices, hide/show the reference and size class dots by count?"""
    chart = LevelsChart()
    chart.update({"hire_sellers": 3}, dl.level_spread([{"hire_sellers": 6}, {"hire_sellers": 6}]))
    assert chart.you.get_offsets().tolist() == [[3.0, 0.0]]
    assert len(chart.klass.get_offsets()) == 1 and chart.klass.get_sizes()[0] > 60
    chart.show_reference(False)
    assert not chart.ref_points.get_visible()
    chart.show_reference(True)
    assert chart.ref_points.get_visible()
    assert to_png(plot_levels({"ict_budget": 6}, [{"ict_budget": 2}]))[:4] == b"\x89PNG"


def test_blitted_charts_match_a_full_draw_and_a_second_chart_reuses_layout_and_background():
    """The module 04 charts draw only what moves (plots/blit.py); the PNG equals a full draw of the
    same figure, and a second chart of the same decisions skips the layout and the background."""
    import io

    from PIL import Image

    from course_lib.plots import blit
    from course_lib.plots.style import to_png

    def pixels(data):
        return np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).astype(int)

    blit.clear_caches()
    first = BoardHeatmap()
    first.update(dl.preset_matrix("today"))
    assert np.array_equal(pixels(first.png()), pixels(to_png(first.fig)))
    second = BoardHeatmap()
    assert [ax.get_position().bounds for ax in second.fig.axes] == [ax.get_position().bounds for ax in first.fig.axes]
    matrix = dl.preset_matrix("proposal")
    matrix.loc["hire_sellers", "ceo"] = "X"                   # unknown: drawn as text over the cell
    second.update(matrix, ("hire_sellers",), 0.5)
    assert len(blit._BACKGROUNDS) >= 1
    assert np.array_equal(pixels(second.png()), pixels(to_png(second.fig)))
    levels = LevelsChart()
    levels.show_reference(False)
    levels.update({"hire_sellers": 3}, dl.level_spread([{"hire_sellers": 6}]))
    hidden = levels.png()
    assert np.array_equal(pixels(hidden), pixels(to_png(levels.fig)))
    levels.show_reference(True)
    assert not np.array_equal(pixels(levels.png()), pixels(hidden))


def test_board_alt_text_counts_only_her_a_as_her_decision():
    """Does the alt text count what the model counts: A is hers, R under another's A is work, not a decision?"""
    from course_lib.plots.style import figure_alt
    proposal = dl.preset_matrix("proposal")
    decides, works = len(dl.controls(proposal)), len(dl.works_under(proposal))
    assert (decides, works) == (6, 3)
    course_lib.set_language("nb")
    alt = figure_alt(plot_board(proposal))
    assert "(har A) i 6 av dem. I 3 av de andre gjør hun arbeidet (R)" in alt and "A eller R" not in alt
    course_lib.set_language("en")
    alt = figure_alt(plot_board(proposal))
    assert "(holds A) in 6 of them. In 3 of the others she does the work (R)" in alt
    alt = figure_alt(plot_board(dl.preset_matrix("today")))
    assert "in 0 of them. In 1 of the others" in alt    # R on restructuring under HR's A
