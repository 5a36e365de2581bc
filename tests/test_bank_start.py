"""The question bank of module 00 (course_lib/banks/start.yaml)."""
from __future__ import annotations

import pytest

from course_lib.cases import load_team
from course_lib.exercises import bank
from course_lib.exercises.checking import check


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
    assert questions[0]["id"] == "start.position" and questions[0]["type"] == "single"


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


def test_plan_execute_control_question():
    q = bank.question("start.plan_execute_control")
    assert check(q, ["plan", "execute", "control"], lang="nb").correct is True
    assert check(q, ["plan", "execute", "bonus"], lang="nb").correct is False


def test_reflection_has_guidance():
    q = bank.question("start.reflection_position")
    assert q["min_words"] >= 20
    assert q["guidance"]["nb"] and q["guidance"]["en"]
