"""The question bank of module 00 (course_lib/banks/start.yaml)."""
from __future__ import annotations

import pytest

from course_lib.cases import load_team
from course_lib.exercises import bank
from course_lib.exercises.checking import check
from course_lib.i18n import format_number


@pytest.fixture(scope="module")
def team():
    return load_team()


def _july(team):
    return team[team["month"] == "2025-07"]


def test_bank_loads_with_the_required_questions():
    """Does the bank validate, and does it hold at least four questions of several types?"""
    questions = bank.questions_for("start")
    assert len(questions) >= 4
    types = {q["type"] for q in questions}
    assert {"single", "multiple", "numeric", "reflection"} <= types
    assert questions[0]["id"] == "start.read_table" and questions[0]["type"] == "single"


def test_every_question_of_the_bank_is_asked_in_both_notebooks_in_bank_order():
    """Does each module-00 notebook ask every start question once, in the order of the bank?"""
    import json
    import re
    from pathlib import Path

    ids = [q["id"] for q in bank.questions_for("start")]
    root = Path(__file__).resolve().parents[1]
    for lang in ("nb", "en"):
        cells = json.loads((root / "notebooks" / lang / "00_start_here.ipynb").read_text(encoding="utf-8"))["cells"]
        asked = [m for c in cells if c["cell_type"] == "code"
                 for m in re.findall(r'quiz\("([^"]+)"\)', "".join(c["source"]))]
        assert asked == ids, lang


def test_each_view_of_the_data_is_followed_by_something_to_do():
    """In the data section, is every table or figure followed by a question before the next view?"""
    import json
    from pathlib import Path

    views = ("team_table(", "sales_by_region(", "totals_table(", "yearly_table(", "seller_table(")
    root = Path(__file__).resolve().parents[1]
    for lang in ("nb", "en"):
        code = ["".join(c["source"]) for c in json.loads(
            (root / "notebooks" / lang / "00_start_here.ipynb").read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code"]
        for view in views:
            at = next(i for i, src in enumerate(code) if view in src)
            following = code[at + 1:at + 3]
            assert any("quiz(" in src for src in following), (lang, view)


def test_every_option_has_explaining_feedback_in_both_languages():
    for q in bank.questions_for("start"):
        for option in q.get("options", []):
            for lang in ("nb", "en"):
                assert len(option["feedback"][lang].split()) >= 5, (q["id"], option["id"], lang)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_position_question(lang):
    q = bank.question("start.position")
    assert check(q, "a", lang=lang).correct is True
    for wrong in ("b", "c", "d"):
        assert check(q, wrong, lang=lang).correct is False


def test_top_management_question():
    q = bank.question("start.top_management")
    assert check(q, ["pay", "goals", "authority"], lang="en").correct is True
    assert check(q, ["pay", "inner"], lang="en").correct is False
    assert check(q, ["pay"], lang="nb").correct is False


def test_july_attainment_answer_is_computed_from_the_shipped_data(team):
    """The numeric answer is the team's July 2025 attainment in the shipped data, rounded to 0.1."""
    q = bank.question("start.july_attainment")
    rows = _july(team)
    exact = 100 * rows["new_sales"].sum() / rows["quota"].sum()
    assert q["answer"] == pytest.approx(round(exact, 1))
    assert abs(q["answer"] - exact) <= q["tolerance"]
    assert check(q, f"{exact:.1f}".replace(".", ","), lang="nb").correct is True
    assert check(q, exact, lang="en").correct is True
    text = q["feedback"]["correct"]["en"]
    assert f"{rows['new_sales'].sum():,}" in text and f"{rows['quota'].sum():,}" in text


def test_july_attainment_mistakes_are_computed_from_the_shipped_data(team):
    q = bank.question("start.july_attainment")
    rows = _july(team)
    east, west = rows[rows["region"] == "east"], rows[rows["region"] == "west"]
    expected = {
        "East": 100 * east["new_sales"].sum() / east["quota"].sum(),
        "West": 100 * west["new_sales"].sum() / west["quota"].sum(),
        "averaged": 100 * (rows["new_sales"] / rows["quota"]).mean(),
        "divided the quota": 100 * rows["quota"].sum() / rows["new_sales"].sum(),
        "renewals": 100 * rows["renewals"].sum() / rows["quota"].sum(),
        "fraction": rows["new_sales"].sum() / rows["quota"].sum(),
    }
    mistakes = q["common_mistakes"]
    assert len(mistakes) == len(expected)
    for word, value in expected.items():
        found = [m for m in mistakes if word in m["feedback"]["en"]]
        assert len(found) == 1, word
        assert abs(found[0]["value"] - value) <= found[0]["tolerance"], (word, value)
        # each typical mistake is outside the tolerance of the right answer
        assert abs(found[0]["value"] - q["answer"]) > q["tolerance"]
        verdict = check(q, value, lang="en")
        assert verdict.correct is False and word in " ".join(verdict.details)


def test_seasonality_claims_hold_in_the_data(team):
    """The feedback of start.seasonality states facts about the data; check them."""
    totals = team.groupby("month")[["activities", "new_sales", "quota"]].sum()
    for year in ("2025", "2026"):
        activities = totals.loc[f"{year}-01":f"{year}-12", "activities"]
        assert activities[f"{year}-07"] < 0.5 * activities.drop(f"{year}-07").mean()
        assert totals.loc[f"{year}-07", "new_sales"] < totals.loc[f"{year}-07", "quota"]
        assert totals.loc[f"{year}-09", "new_sales"] > totals.loc[f"{year}-09", "quota"]
    # the July drop shows in every seller: July is below that seller's average month
    per_seller = team.assign(july=team["month"].str.endswith("-07"))
    for _sid, rows in per_seller.groupby("seller_id"):
        assert rows.loc[rows["july"], "new_sales"].mean() < rows.loc[~rows["july"], "new_sales"].mean()
    # the budget has no July peak: July's team quota is close to June's and not above December's
    for year in ("2025", "2026"):
        june, july, december = (totals.loc[f"{year}-{m}", "quota"] for m in ("06", "07", "12"))
        assert abs(july / june - 1) < 0.03 and july <= december


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_read_table_question(lang):
    q = bank.question("start.read_table")
    assert check(q, "seller_month", lang=lang).correct is True
    for wrong in ("team_month", "contract", "seller_total"):
        assert check(q, wrong, lang=lang).correct is False


def test_read_table_claims_hold_in_the_data(team):
    """One row per seller and month: 10 sellers x 24 months = 240 rows, and the first ten rows share a month."""
    assert len(team) == 240 == team["seller_id"].nunique() * team["month"].nunique()
    assert team.head(10)["month"].nunique() == 1 and team.head(10)["seller_id"].nunique() == 10
    text = bank.question("start.read_table")["options"][0]["feedback"]
    assert "240" in text["nb"] and "240" in text["en"]


def test_yearly_budget_question_and_its_figures(team):
    """The figures quoted in start.yearly_budget are the shipped data's, in each language's format."""
    from course_lib.cases import yearly_totals
    from course_lib.i18n import format_money, format_percent

    q = bank.question("start.yearly_budget")
    assert check(q, "budget", lang="nb").correct is True
    for wrong in ("sales_fell", "churn", "fewer_sellers"):
        assert check(q, wrong, lang="en").correct is False
    y = yearly_totals(team).set_index("year")
    quota_growth = y.loc["2026", "quota"] / y.loc["2025", "quota"] - 1
    sales_growth = y.loc["2026", "new_sales"] / y.loc["2025", "new_sales"] - 1
    assert 0 < sales_growth < quota_growth
    assert round(100 * quota_growth) == 11 and round(100 * sales_growth) == 5
    options = {o["id"]: o for o in q["options"]}
    for lang in ("nb", "en"):
        for year in ("2025", "2026"):
            assert format_percent(y.loc[year, "attainment"], lang=lang) in q["prompt"][lang]
            assert format_money(y.loc[year, "quota"], lang=lang) in options["budget"]["feedback"][lang]
            assert format_percent(y.loc[year, "churn_rate"], lang=lang) in options["churn"]["feedback"][lang]
        millions = [format_number(y.loc[year, "new_sales"] / 1e6, 1, lang) for year in ("2025", "2026")]
        assert all(m in options["sales_fell"]["feedback"][lang] for m in millions), (lang, millions)
    assert team.groupby(team["month"].str[:4])["seller_id"].nunique().tolist() == [10, 10]


def test_stars_question_and_its_figures(team):
    """start.stars names the two stars and quotes their churn rates; check them against the data."""
    from course_lib.cases import team_summary
    from course_lib.i18n import format_percent

    q = bank.question("start.stars")
    assert check(q, "churn_rate", lang="nb").correct is True
    for wrong in ("attainment", "region", "activities"):
        assert check(q, wrong, lang="nb").correct is False
    summary = team_summary(team).sort_values("attainment", ascending=False)
    first, second = summary.iloc[0], summary.iloc[1]
    assert abs(first["attainment"] - second["attainment"]) < 0.01
    assert first["region"] == second["region"] == "east"
    assert abs(first["activities"] - second["activities"]) < 20
    hunter, carer = (second, first) if second["churn_rate"] > first["churn_rate"] else (first, second)
    assert hunter["churn_rate"] == summary["churn_rate"].max() and carer["churn_rate"] == summary["churn_rate"].min()
    assert hunter["customer_satisfaction"] == summary["customer_satisfaction"].min()
    feedback = q["options"][0]["feedback"]
    for lang in ("nb", "en"):
        text = feedback[lang]
        assert hunter["seller_name"] in text and carer["seller_name"] in text
        assert format_percent(hunter["churn_rate"], lang=lang) in text
        assert format_percent(carer["churn_rate"], lang=lang) in text


def test_plan_execute_control_question():
    q = bank.question("start.plan_execute_control")
    assert check(q, ["plan", "execute", "control"], lang="nb").correct is True
    assert check(q, ["plan", "execute", "bonus"], lang="nb").correct is False


def test_reflection_has_guidance():
    q = bank.question("start.reflection_position")
    assert q["min_words"] >= 20
    assert q["guidance"]["nb"] and q["guidance"]["en"]
