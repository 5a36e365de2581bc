"""Tests for agency theory and the phase simulation (course_lib.agency)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib import set_language
from course_lib.agency import INTRINSIC, TASK_COST, _agent
from course_lib.agency import (
    PHASES, UNITS, effort_split, len_optimal, multitask_optimal, simulate_phase, uniform_vs_tailored, weighted_plan,
)


pytestmark = pytest.mark.usefixtures("english")  # these tests read English messages


pos = st.floats(min_value=0.01, max_value=50, allow_nan=False)
nonneg = st.floats(min_value=0.0, max_value=50, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(nonneg, pos, nonneg)
def test_is_len_beta_the_surplus_maximiser(r, c, sigma2):
    res = len_optimal(r, c, sigma2)
    assert 0 < res.beta <= 1
    assert res.effort == pytest.approx(res.beta / c)

    def surplus(b):
        e = b / c
        return e - c / 2 * e**2 - r / 2 * b**2 * sigma2

    assert res.total_surplus == pytest.approx(surplus(res.beta), abs=1e-9)
    assert res.total_surplus == pytest.approx(1 / (2 * c * (1 + r * c * sigma2)), rel=1e-9)
    for b in np.linspace(0, 1, 21):
        assert surplus(b) <= res.total_surplus + 1e-9


@settings(max_examples=100, deadline=None)
@given(pos, pos, pos, st.floats(min_value=1.01, max_value=10))
def test_does_more_noise_lower_intensity(r, c, sigma2, factor):
    assert len_optimal(r, c, sigma2 * factor).beta < len_optimal(r, c, sigma2).beta


def test_len_limits_and_values():
    assert len_optimal(0, 3, 100).beta == 1.0
    assert len_optimal(2, 1, 0).beta == 1.0
    res = len_optimal(2.0, 1.0, 0.5)
    assert res.beta == pytest.approx(0.5) and res.risk_premium == pytest.approx(0.125)
    for bad in [dict(r=-1, c=1, sigma2=1), dict(r=1, c=0, sigma2=1), dict(r=1, c=1, sigma2=-2),
                dict(r="x", c=1, sigma2=1)]:
        with pytest.raises(ValueError):
            len_optimal(**bad)


@pytest.mark.parametrize("c", [2.225073858507203e-309, 1e-320, 5e-324])
def test_len_refuses_a_cost_so_near_zero_that_effort_overflows(c):
    """Found by the property test: a subnormal c gave effort inf and surplus nan (a silent wrong result)."""
    messages = {}
    for lang in ("nb", "en"):
        set_language(lang)
        with pytest.raises(ValueError) as exc:
            len_optimal(1.0, c, 1.0)
        messages[lang] = str(exc.value)
    set_language("nb")
    assert messages["nb"].startswith("c = ") and "så nær 0" in messages["nb"] and "0,01" in messages["nb"]
    assert messages["en"].startswith("c = ") and "so close to 0" in messages["en"] and "0.01" in messages["en"]
    assert len_optimal(1.0, 1e-300, 1.0).beta == 1.0     # small but workable: still answered


def test_does_multitask_reduce_to_len_for_one_task():
    res = multitask_optimal([1.0], [[2.0]], [[0.5]], r=3.0)
    assert res.beta[0] == pytest.approx(len_optimal(3.0, 2.0, 0.5).beta)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0.1, 3), min_size=2, max_size=2), st.floats(0.0, 0.9), st.floats(0.1, 3),
       st.floats(0.1, 3), nonneg)
def test_is_the_multitask_formula_the_surplus_maximiser_with_enough_baseline_effort(B, rho, s1, s2, r):
    C = np.array([[1.0, rho], [rho, 1.0]])
    S = np.diag([s1, s2])
    t0 = np.array([30.0, 30.0])          # effort stays positive whatever the contract: the textbook case
    res = multitask_optimal(B, C, S, r, baseline=t0)
    np.testing.assert_allclose(res.beta, np.linalg.solve(np.eye(2) + r * C @ S, B), rtol=1e-6, atol=1e-9)

    def ts(beta):
        t = t0 + np.linalg.solve(C, beta)
        return np.dot(B, t) - 0.5 * (t - t0) @ C @ (t - t0) - 0.5 * r * beta @ S @ beta

    assert res.total_surplus == pytest.approx(ts(res.beta))
    rng = np.random.default_rng(0)
    for _ in range(20):
        assert ts(res.beta + rng.normal(0, 0.05, 2)) <= res.total_surplus + 1e-9


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0.1, 3), min_size=2, max_size=2), st.floats(0.0, 0.9), st.floats(0.1, 3),
       st.floats(0.1, 3), nonneg, st.floats(0.0, 1.0))
def test_is_effort_never_negative_and_the_contract_best_among_nearby_ones(B, rho, s1, s2, r, care):
    C = np.array([[1.0, rho], [rho, 1.0]])
    S = np.diag([s1, s2])
    t0 = np.array([0.0, care])
    res = multitask_optimal(B, C, S, r, baseline=t0)
    assert (res.effort >= 0).all()

    def ts(beta):
        t = _agent(np.asarray(beta, float), C, t0)
        return np.dot(B, t) - 0.5 * (t - t0) @ C @ (t - t0) - 0.5 * r * beta @ S @ beta

    assert res.total_surplus == pytest.approx(ts(res.beta), abs=1e-9)
    textbook = np.linalg.solve(np.eye(2) + r * C @ S, B)
    assert res.total_surplus >= ts(textbook) - 1e-9
    rng = np.random.default_rng(1)
    for _ in range(20):
        assert ts(res.beta + rng.normal(0, 0.05, 2)) <= res.total_surplus + 1e-7


def test_does_an_unmeasurable_task_lower_the_measured_intensity():
    B, C = [1.0, 1.0], [[1.0, 0.5], [0.5, 1.0]]
    care = [0.0, 0.5]                     # the seller gives some care unpaid
    measured = multitask_optimal(B, C, [[1.0, 0], [0, 1.0]], r=1.0, baseline=care)
    unmeasured = multitask_optimal(B, C, [[1.0, 0], [0, math.inf]], r=1.0, baseline=care)
    assert unmeasured.beta[1] == 0
    # closed form from DOMAIN_NOTES 2.3
    assert unmeasured.beta[0] == pytest.approx((1 - 1 * 0.5 / 1) / (1 + 1 * 1 * (1 - 0.25)))
    assert unmeasured.beta[0] < measured.beta[0]
    assert unmeasured.beta[0] < len_optimal(1.0, 1.0, 1.0).beta
    np.testing.assert_allclose(unmeasured.effort, [0.381, 0.310], atol=1e-3)


def test_without_baseline_care_is_there_nothing_to_crowd_out():
    B, C, S = [1.0, 1.0], [[1.0, 0.5], [0.5, 1.0]], [[1.0, 0], [0, math.inf]]
    res = multitask_optimal(B, C, S, r=1.0)
    assert res.beta[0] == pytest.approx(len_optimal(1.0, 1.0, 1.0).beta)   # 0.5, as with one task
    assert res.effort[1] == 0 and (res.effort >= 0).all()
    assert multitask_optimal(B, C, S, r=1.0, baseline=[0, 0.2]).beta[0] == pytest.approx(0.5)
    assert multitask_optimal(B, C, S, r=1.0, baseline=[0, 0.3]).beta[0] == pytest.approx(2 / 7)


def test_does_multitask_reject_bad_matrices():
    with pytest.raises(ValueError, match="2x2"):
        multitask_optimal([1, 1], [[1.0]], [[1, 0], [0, 1]], 1)
    with pytest.raises(ValueError, match="positive definite"):
        multitask_optimal([1, 1], [[1, 2], [2, 1]], [[1, 0], [0, 1]], 1)
    with pytest.raises(ValueError, match="noise covariance"):
        multitask_optimal([1, 1], [[1, 0], [0, 1]], [[-1, 0], [0, 1]], 1)


def test_does_effort_follow_the_weights():
    new_only, care_heavy = weighted_plan(1.0), weighted_plan(0.2, 0.5, 0.3)
    assert effort_split(new_only)[0] > effort_split(care_heavy)[0]
    assert effort_split(new_only)[1] < effort_split(care_heavy)[1]
    assert effort_split(new_only)[1] == 0                   # care crowded out to zero
    assert 0 < effort_split(weighted_plan(0.0, 1.0))[0] < effort_split(new_only)[0]
    # a fixed salary leaves only intrinsic effort
    np.testing.assert_allclose(effort_split(weighted_plan(1.0, base_share=1.0)),
                               np.linalg.solve(TASK_COST, INTRINSIC))


def test_does_rewarding_only_new_sales_lose_customers_in_the_loyalty_phase():
    new_only = simulate_phase(weighted_plan(1.0), "loyalty")
    caring = simulate_phase(weighted_plan(0.4, 0.4, 0.2), "loyalty")
    assert new_only.totals["customers_end"] < caring.totals["customers_end"]
    assert new_only.totals["churn_rate"] > caring.totals["churn_rate"]
    assert new_only.totals["profit"] < caring.totals["profit"]
    assert new_only.totals["customer_satisfaction"] < caring.totals["customer_satisfaction"]


def test_does_rewarding_care_cost_profit_in_the_growth_phase():
    new_heavy = simulate_phase(weighted_plan(0.9, 0.1), "growth")
    caring = simulate_phase(weighted_plan(0.2, 0.5, 0.3), "growth")
    assert new_heavy.totals["profit"] > caring.totals["profit"]
    assert new_heavy.totals["customers_end"] > caring.totals["customers_end"]


def test_is_the_simulation_reproducible_and_shaped():
    a = simulate_phase(weighted_plan(0.5, 0.5), "growth", months=30, seed=7)
    b = simulate_phase(weighted_plan(0.5, 0.5), "growth", months=30, seed=7)
    assert len(a.monthly) == 30
    assert a.totals == b.totals
    m = a.monthly
    assert len(a.rows) == 30 * PHASES["growth"].sellers
    np.testing.assert_allclose(m["customers"].iloc[1:].to_numpy(),
                               (m["customers"] - m["lost_customers"] + m["new_customers"]).iloc[:-1].to_numpy())
    assert m["customer_satisfaction"].between(1, 10).all()
    assert a.totals["profit"] == pytest.approx(a.rows["profit"].sum())
    with pytest.raises(ValueError, match="unknown phase"):
        simulate_phase(weighted_plan(1.0), "decline")


def test_does_one_uniform_plan_cost_profit_against_tailored_plans():
    table = uniform_vs_tailored(weighted_plan(0.5, 0.5),
                                {"growth": weighted_plan(0.9, 0.1), "loyalty": weighted_plan(0.3, 0.5, 0.2)})
    total = table[table["unit"] == "total"].set_index("arrangement")
    assert total.loc["tailored", "profit"] > total.loc["uniform", "profit"]
    assert set(table["unit"]) == {"east", "west", "total"}
    with pytest.raises(ValueError, match="loyalty"):
        uniform_vs_tailored(weighted_plan(1.0), {"growth": weighted_plan(1.0)})


def test_are_the_phases_tied_to_the_case_data():
    from course_lib.cases import load_team, team_summary

    g, l = PHASES["growth"], PHASES["loyalty"]
    assert dict(UNITS) == {"east": "loyalty", "west": "growth"}
    assert (g.region, l.region) == ("west", "east")
    summary = team_summary(load_team())
    for phase in (g, l):
        rows = summary[summary["region"] == phase.region]
        assert phase.sellers == len(rows)
        churn = rows["churned_revenue"].sum() / (rows["renewals"] + rows["churned_revenue"]).sum()
        assert phase.churn == pytest.approx(churn)
    assert l.churn > g.churn                      # East 9.7 % against West 7.0 %
    assert g.elasticity > l.elasticity and l.care_effect > g.care_effect


def test_does_todays_plan_reproduce_the_case_data():
    for key, phase in PHASES.items():
        res = simulate_phase(weighted_plan(1.0), key, noise=0.0)
        assert res.totals["churn_rate"] == pytest.approx(phase.churn, rel=1e-6)
        expected = np.dot(phase.quotas, phase.attainment) / np.sum(phase.quotas)
        assert res.totals["attainment"] == pytest.approx(expected, rel=1e-6)
        assert 0.08 < res.totals["cost_of_sales"] < 0.14          # the case data: 10-12 %
        assert 0.05 < weighted_plan(1.0).target_incentive / phase.quota < 0.09   # a base rate of 5-9 % of sales


def test_do_sellers_move_from_the_old_plans_effort_to_the_new():
    old, new = weighted_plan(1.0), weighted_plan(0.3, 0.5, 0.2)
    res = simulate_phase(new, "loyalty", start_plan=old, adjust_months=2)
    care = res.monthly["effort_care"].to_numpy()
    assert care[0] == pytest.approx(effort_split(old)[1])
    assert np.all(np.diff(care) > 0)
    assert care[-1] == pytest.approx(effort_split(new)[1], rel=1e-3)
    churn = res.monthly["churn_rate"].to_numpy()
    assert churn[0] > churn[-1]


def test_finds_the_optimum_on_a_kink_where_care_is_held_at_zero():
    # found by hypothesis: the best contract pays slightly negative on care to hold its effort exactly at 0;
    # a search along one task at a time stopped short of it
    rho, r = 0.890625, 6.0
    C, S, t0 = np.array([[1.0, rho], [rho, 1.0]]), np.diag([2.0, 1.0]), np.array([0.0, 1.0])
    res = multitask_optimal([2.5, 1.0], C, S, r, baseline=t0)
    assert res.effort[1] == pytest.approx(0, abs=1e-9) and res.beta[1] < 0
    assert res.total_surplus == pytest.approx(2.36078397, abs=1e-7)
    grid = np.linspace(-0.3, 0.3, 61)

    def ts(beta):
        t = _agent(beta, C, t0)
        return np.dot([2.5, 1.0], t) - 0.5 * (t - t0) @ C @ (t - t0) - 0.5 * r * beta @ S @ beta

    assert max(ts(np.array([a, b])) for a in grid for b in grid) <= res.total_surplus + 1e-12


def test_refuses_more_tasks_than_it_can_solve_quickly():
    with pytest.raises(ValueError, match="4"):
        multitask_optimal(np.ones(5), np.eye(5), np.eye(5), 1.0)
