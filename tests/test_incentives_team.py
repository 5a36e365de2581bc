"""Tests for applying a plan to the case team (course_lib.incentives_team)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from course_lib.incentives import Plan
from course_lib.incentives_team import apply_plan, manager_bonus, settle


pytestmark = pytest.mark.usefixtures("english")  # these tests read English messages


def synthetic_team(n_sellers=10, months=24, seed=3):
    rng = np.random.default_rng(seed)
    labels = [f"{2025 + m // 12}-{m % 12 + 1:02d}" for m in range(months)]
    ability = np.linspace(0.6, 1.4, n_sellers)
    rows = []
    for m, label in enumerate(labels):
        for i in range(n_sellers):
            rows.append({"month": label, "seller_id": f"S{i + 1:02d}", "seller_name": f"Seller {i + 1}",
                         "region": "east" if i < n_sellers // 2 else "west", "tenure_months": 24 + m,
                         "quota": 400_000.0, "new_sales": 400_000 * ability[i] * rng.uniform(0.7, 1.3),
                         "renewals": 200_000.0, "churned_revenue": 10_000.0,
                         "customer_satisfaction": 7.5, "pipeline": 1e6, "activities": 60})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def team():
    return synthetic_team()


def test_does_a_linear_plan_pay_base_rate_times_sales(team):
    plan = Plan.from_ote(60_000, 0.6, 400_000)
    res = apply_plan(plan, team)
    np.testing.assert_allclose(res.rows["incentive"], 0.06 * res.rows["new_sales"])
    assert res.total_base == pytest.approx(36_000 * len(team))
    revenue = team["new_sales"].sum() + team["renewals"].sum()
    assert res.revenue == pytest.approx(revenue)
    assert res.cost_of_sales == pytest.approx((36_000 * len(team) + 0.06 * team["new_sales"].sum()) / revenue)


def test_does_quarterly_settlement_keep_totals_of_a_linear_plan(team):
    plan = Plan.from_ote(60_000, 0.6, 400_000)
    month, quarter = apply_plan(plan, team, "month"), apply_plan(plan, team, "quarter")
    assert len(quarter.rows) == len(month.rows) // 3
    assert quarter.total_incentive == pytest.approx(month.total_incentive)


def test_does_quarterly_settlement_smooth_a_threshold():
    team = synthetic_team(1, 3)
    team["new_sales"] = [480_000.0, 200_000.0, 480_000.0]       # 120 %, 50 %, 120 % of quota
    plan = Plan.from_ote(60_000, 0.6, 400_000, threshold=0.9)
    month, quarter = apply_plan(plan, team, "month"), apply_plan(plan, team, "quarter")
    assert month.rows["incentive"].tolist() == pytest.approx([28_800, 0, 28_800])
    # the quarter reaches 96.7 %: the weak month's sales count too
    assert quarter.rows["incentive"].tolist() == pytest.approx([0.06 * 1_160_000])
    assert quarter.total_incentive > month.total_incentive


def test_are_spread_and_share_at_quota_computed_from_sellers(team):
    res = apply_plan(Plan.from_ote(60_000, 0.6, 400_000), team)
    pay = res.sellers["total_cash"].to_numpy()
    assert res.median_pay == pytest.approx(np.median(pay))
    assert res.top_decile_ratio == pytest.approx(np.quantile(pay, 0.9) / np.median(pay))
    assert res.share_sellers_at_quota == pytest.approx((res.sellers["attainment"] >= 1).mean())
    assert 0.3 <= res.share_sellers_at_quota <= 0.7     # abilities 0.6 .. 1.4


def test_does_a_cap_lower_the_stars_pay_and_the_spread(team):
    base = Plan.from_ote(60_000, 0.6, 400_000, accelerators=[(1.0, 2.0)])
    capped = base.replace(cap=1.2)
    r0, r1 = apply_plan(base, team), apply_plan(capped, team)
    assert r1.top_decile_ratio < r0.top_decile_ratio
    assert r1.total_incentive < r0.total_incentive
    assert "cap" in [r.code for r in r1.risks]


def test_does_data_quota_use_each_sellers_own_target():
    team = synthetic_team(2, 3)
    team.loc[team["seller_id"] == "S02", "quota"] = 800_000.0
    res = apply_plan(Plan.from_ote(60_000, 0.6, 400_000), team, quotas="data")
    s2 = res.rows[res.rows["seller_id"] == "S02"]
    np.testing.assert_allclose(s2["incentive"], 24_000 * s2["new_sales"] / 800_000)


def test_does_the_team_component_use_the_period_total():
    team = synthetic_team(2, 1)
    team["new_sales"] = [0.0, 800_000.0]
    res = apply_plan(Plan.from_ote(60_000, 0.6, 400_000, team_share=0.5), team)
    # team attainment = 800k / 800k = 100 %: the zero seller still gets half the target
    assert res.rows["incentive"].tolist() == pytest.approx([12_000, 12_000 + 24_000])


def test_does_apply_plan_reject_bad_input(team):
    plan = Plan.from_ote(60_000, 0.6, 400_000)
    with pytest.raises(ValueError, match="lacks the columns new_sales"):
        apply_plan(plan, team.drop(columns=["new_sales"]))
    with pytest.raises(ValueError, match="settlement period"):
        apply_plan(plan, team, period="year")
    with pytest.raises(ValueError, match="DataFrame"):
        apply_plan(plan, [1, 2])
    with pytest.raises(ValueError, match="no rows"):
        apply_plan(plan, team.iloc[:0])


def test_does_settle_group_months_into_quarters(team):
    rows = settle(team, "quarter", "data")
    assert set(rows["period"]) == {f"{y}-Q{q}" for y in (2025, 2026) for q in range(1, 5)}
    assert (rows["months"] == 3).all()


def test_does_the_managers_bonus_follow_team_attainment(team):
    plan = Plan.from_ote(90_000, 0.6, 1.0, threshold=0.8)
    df = manager_bonus(plan, team, "quarter")
    assert len(df) == 8
    np.testing.assert_allclose(df["attainment"], df["new_sales"] / df["quota"])
    expected = np.where(df["attainment"] >= 0.8, 36_000 * 3 * df["attainment"], 0)
    np.testing.assert_allclose(df["incentive"], expected)
    east = manager_bonus(plan, team, "month", region="east")
    assert len(east) == 24
    with pytest.raises(ValueError, match="no sellers in region north"):
        manager_bonus(plan, team, region="north")


def test_does_it_run_on_the_case_data():
    from course_lib.cases import load_team

    res = apply_plan(Plan.from_ote(65_000, 0.6, 380_000), load_team())
    assert len(res.sellers) == 10
    assert 0.05 < res.cost_of_sales < 0.25
