"""Tests for the bonus-plan engine (course_lib.incentives)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from course_lib import set_language
from course_lib.incentives import (
    Plan, cap_attainment, cost_band, curve, gaming_risks, payout, payout_curve, tiered_commission, total_cash,
)


pytestmark = pytest.mark.usefixtures("english")  # these tests read English messages


# --------------------------------------------------------------------------- strategies

money = st.floats(min_value=1_000, max_value=500_000, allow_nan=False)
shares = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@st.composite
def tiers(draw, allow_decelerators=False):
    starts = draw(st.lists(st.floats(min_value=0.05, max_value=3.0), min_size=0, max_size=4, unique=True))
    low = 0.0 if allow_decelerators else 1.0
    mults = [draw(st.floats(min_value=low, max_value=5.0)) for _ in starts]
    return tuple(zip(sorted(starts), mults))


@st.composite
def plans(draw, allow_decelerators=False):
    starts = draw(tiers(allow_decelerators))
    assume(all(b - a > 1e-6 for (a, _), (b, _) in zip(starts, starts[1:])))
    cap = draw(st.one_of(st.none(), st.floats(min_value=1.0, max_value=5.0)))
    return Plan.from_ote(draw(money), draw(shares), draw(money), threshold=draw(shares),
                         accelerators=starts, cap=cap)


sales_lists = st.lists(st.floats(min_value=0, max_value=5_000_000, allow_nan=False), min_size=1, max_size=50)


# --------------------------------------------------------------------------- properties


@settings(max_examples=200, deadline=None)
@given(plans(), sales_lists)
def test_does_payout_never_fall_as_sales_rise_without_decelerators(plan, sales):
    s = np.sort(np.asarray(sales))
    p = payout(plan, s)
    assert np.all(np.diff(p) >= -1e-6 * max(1.0, plan.target_incentive))


@settings(max_examples=200, deadline=None)
@given(plans(allow_decelerators=True), sales_lists)
def test_is_the_cap_never_exceeded(plan, sales):
    assume(plan.cap is not None)
    assert np.all(payout(plan, np.asarray(sales)) <= plan.cap * plan.target_incentive * (1 + 1e-12) + 1e-9)


@settings(max_examples=200, deadline=None)
@given(plans(allow_decelerators=True), st.floats(min_value=0.0, max_value=1.0))
def test_is_payout_zero_below_the_threshold(plan, fraction):
    assume(plan.threshold > 0)
    sales = fraction * plan.threshold * plan.quota * (1 - 1e-9)
    assume(sales / plan.quota < plan.threshold)
    assert payout(plan, sales) == 0.0


@settings(max_examples=200, deadline=None)
@given(money, shares, money, tiers(), st.one_of(st.none(), st.floats(min_value=1.0, max_value=5.0)),
       st.floats(min_value=0, max_value=1))
def test_does_total_cash_at_quota_equal_ote_for_from_ote_plans(ote, share, quota, accel, cap, threshold):
    # accelerators that start at or above 100 % leave the first 100 % at the base rate
    accel = tuple((max(a, 1.0) + i * 0.01, m) for i, (a, m) in enumerate(accel))
    plan = Plan.from_ote(ote, share, quota, threshold=threshold, accelerators=accel, cap=cap)
    assert math.isclose(total_cash(plan, quota), ote, rel_tol=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=0, max_value=2e6), st.lists(
    st.tuples(st.floats(min_value=0, max_value=1e6), st.floats(min_value=0, max_value=0.5)),
    min_size=1, max_size=5, unique_by=lambda r: r[0]))
def test_does_marginal_commission_never_exceed_whole_for_rising_rates(amount, rows):
    rows = sorted(rows)
    rates = [r for _, r in rows]
    assume(rates == sorted(rates))
    assert tiered_commission(amount, rows, "marginal") <= tiered_commission(amount, rows, "whole") + 1e-6


# --------------------------------------------------------------------------- examples


def test_does_from_ote_split_the_pay_mix():
    plan = Plan.from_ote(60_000, 0.6, 400_000)
    assert plan.base_salary == pytest.approx(36_000)
    assert plan.target_incentive == pytest.approx(24_000)
    assert plan.base_rate == pytest.approx(0.06)
    assert plan.ote == pytest.approx(60_000)


def test_is_the_threshold_paid_from_the_first_krone():
    plan = Plan.from_ote(60_000, 0.6, 400_000, threshold=0.5)
    assert payout(plan, 199_999) == 0
    assert payout(plan, 200_000) == pytest.approx(12_000)   # 0.06 x 200 000, not 0.06 x 0
    assert payout(plan, 300_000) == pytest.approx(18_000)


def test_do_accelerators_apply_marginally():
    plan = Plan.from_ote(60_000, 0.6, 400_000, accelerators=[(1.0, 1.5), (1.2, 2.0)])
    # 400k at 6 % = 24 000; 80k at 9 % = 7 200; 40k at 12 % = 4 800
    assert payout(plan, 520_000) == pytest.approx(24_000 + 7_200 + 4_800)


def test_does_the_cap_bind_where_expected():
    plan = Plan.from_ote(60_000, 0.6, 400_000, accelerators=[(1.0, 2.0)], cap=2.0)
    assert payout(plan, 1_000_000) == pytest.approx(48_000)
    assert cap_attainment(plan) == pytest.approx(1.5, abs=1e-3)
    assert cap_attainment(plan.replace(cap=None)) is None


def test_does_payout_accept_arrays_and_scalars():
    plan = Plan.from_ote(60_000, 0.6, 400_000)
    assert isinstance(payout(plan, 100_000), float)
    out = payout(plan, np.array([[0, 100_000], [200_000, 400_000]]))
    assert out.shape == (2, 2)
    assert out[1, 1] == pytest.approx(24_000)


def test_do_negative_sales_pay_nothing():
    assert payout(Plan.from_ote(60_000, 0.6, 400_000), -50_000) == 0


def test_does_a_decelerator_lower_the_marginal_rate():
    plan = Plan.from_ote(60_000, 0.6, 400_000, accelerators=[(1.5, 0.5)])
    assert payout(plan, 800_000) - payout(plan, 600_000) == pytest.approx(0.5 * 0.06 * 200_000)


def test_do_weighted_measures_pay_their_share():
    plan = Plan.from_ote(60_000, 0.6, 400_000, weights={"new_sales": 0.5, "renewals": 0.3,
                                                        "customer_satisfaction": 0.2},
                         renewal_quota=200_000, satisfaction_target=8)
    # all at target -> target incentive
    assert payout(plan, 400_000, renewals=200_000, satisfaction=8) == pytest.approx(24_000)
    # renewals at 50 % -> loses 0.3 x 0.5 of the target
    assert payout(plan, 400_000, renewals=100_000, satisfaction=8) == pytest.approx(24_000 * (1 - 0.15))
    with pytest.raises(ValueError, match="renewals"):
        payout(plan, 400_000, satisfaction=8)


def test_does_the_gate_stop_accelerators_only():
    plan = Plan.from_ote(60_000, 0.6, 400_000, accelerators=[(1.0, 2.0)], gate_satisfaction=7.5)
    assert payout(plan, 600_000, satisfaction=8) == pytest.approx(24_000 + 24_000)
    assert payout(plan, 600_000, satisfaction=7) == pytest.approx(36_000)       # base rate above quota
    assert payout(plan, 300_000, satisfaction=5) == pytest.approx(18_000)       # below quota unaffected
    np.testing.assert_allclose(payout(plan, [600_000, 600_000], satisfaction=[8, 7]), [48_000, 36_000])


def test_does_the_team_component_use_team_attainment():
    plan = Plan.from_ote(60_000, 0.6, 400_000, team_share=0.25)
    assert payout(plan, 400_000, team_attainment=0.0) == pytest.approx(0.75 * 24_000)
    assert payout(plan, 0, team_attainment=1.0) == pytest.approx(0.25 * 24_000)
    assert payout(plan, 400_000) == pytest.approx(24_000)   # team like the seller


def test_does_tiered_commission_match_the_brp_example():
    table = [(10_000, 0.10), (15_000, 0.20)]
    assert tiered_commission(18_000, table, "marginal") == pytest.approx(1_100)
    assert tiered_commission(18_000, table, "whole") == pytest.approx(3_600)
    assert tiered_commission(9_000, table, "whole") == 0
    np.testing.assert_allclose(tiered_commission(np.array([12_000, 18_000]), table, "marginal"), [200, 1_100])


@pytest.mark.parametrize("kwargs, fragment", [
    (dict(ote=60_000, base_share=0.6, quota=-5), "quota must be greater than 0, got -5"),
    (dict(ote=60_000, base_share=1.2, quota=1), "base_share must be between 0 and 1"),
    (dict(ote=60_000, base_share=0.6, quota=1, cap=0.8), "cap is a multiple of the target incentive"),
    (dict(ote=60_000, base_share=0.6, quota=1, accelerators=[(1.2, 2), (1.0, 1.5)]), "rising order"),
    (dict(ote=60_000, base_share=0.6, quota=1, accelerators=[(1.0, -1)]), "cannot be negative"),
    (dict(ote=60_000, base_share=0.6, quota=1, threshold=1.5), "threshold"),
    (dict(ote=60_000, base_share=0.6, quota=1, weights={"new_sales": 0.5, "renewals": 0.3},
          renewal_quota=1), "must sum to 1"),
    (dict(ote=60_000, base_share=0.6, quota=1, weights={"new_sales": 0.5, "renewals": 0.5}),
     "renewal_quota"),
    (dict(ote=60_000, base_share=0.6, quota=1, weights={"profit": 1.0}), "unknown measure profit"),
    (dict(ote=60_000, base_share=0.6, quota=1, team_share=2), "team_share"),
    (dict(ote=60_000, base_share=0.6, quota=float("nan")), "finite number"),
])
def test_does_validation_name_the_field_and_the_value(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        Plan.from_ote(**kwargs)


def test_are_validation_messages_norwegian_in_nb():
    set_language("nb")
    with pytest.raises(ValueError, match="Salgsmålet"):
        Plan.from_ote(60_000, 0.6, -5)


def test_is_a_plan_an_immutable_value_that_round_trips():
    plan = Plan.from_ote(60_000, 0.6, 400_000, threshold=0.4, accelerators=[[1.0, 1.5], [1.3, 2]], cap=3,
                         weights=[("new_sales", 0.7), ("renewals", 0.3)], renewal_quota=200_000,
                         gate_satisfaction=7, team_share=0.1, name="test")
    with pytest.raises(Exception):
        plan.quota = 1  # type: ignore[misc]
    import json
    again = Plan.from_dict(json.loads(json.dumps(plan.to_dict())))
    assert again == plan
    assert hash(again) == hash(plan)
    with pytest.raises(ValueError, match="unknown fields"):
        Plan.from_dict({**plan.to_dict(), "bonus": 1})


def test_does_the_payout_curve_show_the_threshold_step():
    c = payout_curve(Plan.from_ote(60_000, 0.6, 400_000, threshold=0.5), 2.0, 41)
    i = np.searchsorted(c["attainment"], 0.5)
    assert c["incentive"][i - 1] == 0 and c["incentive"][i] == pytest.approx(12_000)
    assert c["total_cash"][0] == pytest.approx(36_000)


def test_does_cost_band_show_cost_falling_with_attainment_for_a_linear_plan():
    band = cost_band(Plan.from_ote(60_000, 0.6, 400_000))
    costs = [row["cost_of_sales"] for row in band]
    assert costs == sorted(costs, reverse=True)
    assert band[1]["total_cash"] == pytest.approx(60_000)


def test_does_gaming_risks_flag_cliffs_caps_and_tier_edges():
    assert [r.code for r in gaming_risks(Plan.from_ote(60_000, 0.6, 400_000,
                                                       weights={"new_sales": 0.6, "renewals": 0.4},
                                                       renewal_quota=1))] == []
    risky = Plan.from_ote(60_000, 0.6, 400_000, threshold=0.8, accelerators=[(1.0, 3.0)], cap=1.5)
    codes = {r.code: r for r in gaming_risks(risky)}
    assert set(codes) == {"cliff", "cap", "tier_edge", "single_measure"}
    assert codes["cliff"].severity == "high"
    assert "19,200" in codes["cliff"].message      # 0.8 x 24 000 jump
    assert gaming_risks(Plan.from_ote(60_000, 0.6, 400_000, accelerators=[(1.2, 0.5)]))[0].code == "decelerator"


def test_does_curve_switch_off_accelerators_where_the_gate_fails():
    plan = Plan.from_ote(60_000, 0.6, 400_000, accelerators=[(1.0, 2.0)])
    np.testing.assert_allclose(curve(plan, [1.5, 1.5], gate_ok=np.array([True, False])), [2.0, 1.5])


def test_does_blockwise_payout_match_row_by_row():
    rng = np.random.default_rng(1)
    n = 100_003                                   # more than one block, ragged end
    plan = Plan.from_ote(60_000, 0.6, 400_000, threshold=0.3, accelerators=[(1.0, 1.5), (1.4, 2.5)], cap=2.5,
                         weights={"new_sales": 0.7, "customer_satisfaction": 0.3}, gate_satisfaction=7,
                         team_share=0.2)
    sales = rng.gamma(3, 150_000, n)
    quota = rng.uniform(200_000, 500_000, n)
    sat = rng.uniform(5, 10, n)
    team = rng.uniform(0.5, 1.5, n)
    big = payout(plan, sales, quota=quota, satisfaction=sat, team_attainment=team)
    idx = rng.choice(n, 300, replace=False)
    one_by_one = [payout(plan, sales[i], quota=quota[i], satisfaction=sat[i], team_attainment=team[i]) for i in idx]
    np.testing.assert_allclose(big[idx], one_by_one)


def test_does_a_scalar_sale_broadcast_against_several_satisfaction_scores():
    plan = Plan.from_ote(60_000, 0.6, 400_000, accelerators=[(1.0, 2.0)], gate_satisfaction=7.0)
    np.testing.assert_allclose(payout(plan, 600_000, satisfaction=[6.5, 8.0]), [36_000, 48_000])
