"""Figures for the case company (course_lib/plots/case.py)."""
from __future__ import annotations

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

import course_lib
from course_lib.i18n import format_money
from course_lib.cases import generate_team, load_team, monthly_totals, team_summary
from course_lib.plots import case
from course_lib.plots.style import to_png

PLOTS = [case.sales_by_region, case.attainment_ranking, case.manager_position]


@pytest.fixture(scope="module")
def team():
    return load_team()


def _texts(fig):
    """Every piece of text in a figure: titles, labels, tick labels, legend entries, notes."""
    out = []
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        out += [tick.get_text() for tick in ax.get_xticklabels() + ax.get_yticklabels()]
        out += [text.get_text() for text in ax.texts]
        legend = ax.get_legend()
        if legend is not None:
            out += [text.get_text() for text in legend.get_texts()]
    return [text for text in out if text]


@pytest.mark.parametrize("plot", PLOTS)
def test_returns_a_figure_that_renders(plot, team):
    fig = plot(team)
    assert isinstance(fig, Figure)
    assert to_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("plot", PLOTS)
def test_labels_follow_the_language(plot, team):
    """Titles and labels change with the language, and no Norwegian text is left in English."""
    course_lib.set_language("nb")
    nb = _texts(plot(team))
    course_lib.set_language("en")
    en = _texts(plot(team))
    assert nb[0] != en[0]  # the title
    assert set(nb) != set(en)
    joined_en = " ".join(en)
    for word in ("måloppnåelse", "budsjettet", "salgsmål", "Øst", "selger "):
        assert word not in joined_en


@pytest.mark.parametrize("plot", PLOTS)
def test_no_pyplot_figures_leak(plot, team):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    plot(team)
    assert plt.get_fignums() == before


def test_sales_by_region_stacks_the_regions_and_draws_the_quota(team):
    course_lib.set_language("en")
    fig = case.sales_by_region(team)
    ax = fig.axes[0]
    totals = monthly_totals(team, by_region=False)
    bars = ax.patches
    assert len(bars) == 2 * len(totals)
    heights = np.array([bar.get_height() for bar in bars]).reshape(2, -1).sum(axis=0)
    assert np.allclose(heights, totals["new_sales"])
    quota_line = ax.get_lines()[0]
    assert np.allclose(quota_line.get_ydata(), totals["quota"])
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == ["Team quota (budget)", "East (Oslo)", "West (Bergen)"]
    assert ax.get_xticklabels()[0].get_text() == "Jan 25"
    assert ax.get_ylabel() == "New sales per month (NOK thousands)"


def test_sales_by_region_norwegian_months_and_money(team):
    course_lib.set_language("nb")
    fig = case.sales_by_region(team)
    ax = fig.axes[0]
    fig.canvas.draw()
    assert ax.get_xticklabels()[2].get_text() == "mai 25"
    assert f"({format_money(1000, lang='nb')})" in ax.get_ylabel() and "1000 kr" not in ax.get_ylabel()
    assert any("\u00a0" in t.get_text() or " " in t.get_text() for t in ax.get_yticklabels() if len(t.get_text()) > 4)


def test_ranking_orders_sellers_and_marks_stars_and_laggards(team):
    course_lib.set_language("en")
    fig = case.attainment_ranking(team)
    ax = fig.axes[0]
    widths = [bar.get_width() for bar in ax.patches]
    assert widths == sorted(widths)  # bottom to top: lowest to highest
    summary = team_summary(team)
    assert max(widths) == pytest.approx(summary["attainment"].max())
    colours = [matplotlib.colors.to_hex(bar.get_facecolor()) for bar in ax.patches]
    assert colours[-1] != colours[len(colours) // 2] != colours[0]  # top, middle and bottom differ
    best = summary.sort_values("attainment").iloc[-1]["seller_name"]
    assert ax.get_yticklabels()[-1].get_text().startswith(best)


def test_manager_position_shows_budget_team_and_spread(team):
    course_lib.set_language("en")
    fig = case.manager_position(team)
    ax = fig.axes[0]
    lines = ax.get_lines()
    budget = [line for line in lines if np.allclose(line.get_ydata(), 1.0)]
    assert budget, "a 100 % budget line"
    team_line = [line for line in lines if len(line.get_xdata()) == 24]
    expected = monthly_totals(team, by_region=False)["attainment"].to_numpy()
    assert any(np.allclose(line.get_ydata(), expected) for line in team_line)
    notes = " ".join(text.get_text() for text in fig.axes[1].texts)
    assert "From above" in notes and "From below" in notes
    # budget growth in the note is computed from the data
    monthly = monthly_totals(team, by_region=False)
    per_year = monthly.groupby(monthly["month"].str[:4])["quota"].mean()
    growth = round(100 * (per_year.iloc[-1] / per_year.iloc[0] - 1))
    assert growth == 11
    assert f"{growth}%" in notes


def test_plots_work_on_another_team():
    """A trainer's variant (other seed, other size) plots without special cases."""
    other = generate_team(seed=5, n_sellers=6, months=14, start="2024-07")
    for plot in PLOTS:
        assert isinstance(plot(other), Figure)


def test_budget_growth_compares_months_not_partial_years():
    """Six months of 2024 against eight of 2025 must not read as a 33 % budget increase."""
    course_lib.set_language("en")
    other = generate_team(seed=5, n_sellers=6, months=14, start="2024-07")
    notes = " ".join(text.get_text() for text in case.manager_position(other).axes[1].texts)
    monthly = monthly_totals(other, by_region=False)
    per_year = monthly.groupby(monthly["month"].str[:4])["quota"].mean()
    expected = round(100 * (per_year.iloc[-1] / per_year.iloc[0] - 1))
    assert f"grew {expected}%" in notes.replace("\n", " ")
    assert expected < 30


def test_month_ticks():
    course_lib.set_language("nb")
    assert case.month_ticks(["2025-01", "2025-10", "2026-12"]) == ["jan 25", "okt 25", "des 26"]
    course_lib.set_language("en")
    assert case.month_ticks(["2025-10"]) == ["Oct 25"]


# ----------------------------------------------------------------------------- bad input


def _bad_frames():
    from course_lib.cases import generate_team
    team = generate_team(seed=4, n_sellers=3, months=2)
    zero = team.copy()
    zero.loc[0, "quota"] = 0
    nan = team.copy().astype({"new_sales": float})
    nan.loc[1, "new_sales"] = float("nan")
    inf = team.copy().astype({"new_sales": float})
    inf.loc[1, "new_sales"] = float("inf")
    text = team.copy().astype({"quota": object})
    text.loc[2, "quota"] = "mye"
    negative = team.copy()
    negative.loc[0, "new_sales"] = -5
    return [None, 42, "team.csv", [1, 2], team.iloc[0:0], team.drop(columns=["quota"]), zero, nan, inf, text,
            negative, team.assign(month=1)]


@pytest.mark.parametrize("index", range(12))
@pytest.mark.parametrize("plot", ["sales_by_region", "attainment_ranking", "manager_position"])
def test_plots_refuse_bad_tables_with_a_translated_message(lang, plot, index):
    """A damaged table: a ValueError in the learner's language, never a matplotlib or pandas error."""
    import matplotlib.pyplot as plt
    from course_lib.plots import case as case_plots

    bad = _bad_frames()[index]
    with pytest.raises(ValueError) as info:
        getattr(case_plots, plot)(bad)
    message = str(info.value)
    assert "Axis limits" not in message and "cannot convert" not in message
    assert any(word in message for word in (("Kolonnen", "Tabellen", "Forventet", "Måned") if lang == "nb"
                                            else ("column", "table", "Expected", "month")))
    plt.close("all")


@pytest.mark.parametrize("months", [["2025-13"], ["x"], [202501], "2025-01", None, [None]])
def test_month_ticks_refuse_what_is_not_a_month(lang, months):
    from course_lib.plots.case import month_ticks
    with pytest.raises(ValueError, match="ÅÅÅÅ-MM" if lang == "nb" else "YYYY-MM"):
        month_ticks(months)
