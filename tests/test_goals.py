"""Module 02 models: the Monte Carlo forecast, goal difficulty, the budget zone, control, the self-check."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib import goals, set_language
from course_lib.cases import load_team

THREE = pd.DataFrame({"amount": [100_000, 200_000, 300_000], "probability": [0.5, 0.8, 0.9],
                      "close_month": [1, 2, 3], "stage": ["proposal", "negotiation", "verbal"]})


@pytest.fixture(scope="module")
def case():
    return goals.case_pipeline()


# --------------------------------------------------------------------------- golden values


def test_is_the_forecast_mean_the_weighted_pipeline_within_monte_carlo_error(case):
    f = goals.forecast(case, horizon=3, n=100_000, seed=11, run_rate=1_000_000)
    weighted = goals.weighted_pipeline(case, horizon=3, run_rate=1_000_000)
    assert f.expected == pytest.approx(weighted)
    assert abs(f.mean - weighted) < 4 * f.mc_error
    # and the spread is real: the weighted sum is one number, the simulation is not
    assert f.std > 0.03 * f.mean


def test_does_the_weighted_pipeline_sum_amount_times_probability_by_hand():
    assert goals.weighted_pipeline(THREE) == pytest.approx(0.5 * 100_000 + 0.8 * 200_000 + 0.9 * 300_000)
    assert goals.weighted_pipeline(THREE, horizon=2) == pytest.approx(50_000 + 160_000)
    assert goals.weighted_pipeline(THREE, horizon=3, slip=0.5, run_rate=10_000) == pytest.approx(240_000 + 30_000)


def test_is_reaching_the_sum_of_all_deals_the_product_of_the_probabilities():
    f = goals.forecast(THREE, horizon=3, n=400_000, seed=3)
    product = 0.5 * 0.8 * 0.9
    assert f.p_all == pytest.approx(product)
    se = math.sqrt(product * (1 - product) / f.n)
    assert abs(f.p_reach(600_000) - product) < 4 * se
    assert f.p_reach(600_001) == 0.0


def test_is_atkinsons_tendency_largest_at_one_half():
    p = np.linspace(0, 1, 1001)
    tendency = goals.atkinson_tendency(p)
    assert p[np.argmax(tendency)] == pytest.approx(0.5)
    assert goals.atkinson_tendency(0.5) == pytest.approx(0.25)
    assert goals.atkinson_tendency(0.5, motive=2.0) == pytest.approx(0.5)
    assert goals.atkinson_tendency(0.0) == goals.atkinson_tendency(1.0) == 0.0


def test_does_locke_latham_rise_to_the_ability_limit_and_fall_beyond_it():
    goals_ = np.linspace(0, 2, 201)
    perf = goals.locke_latham(goals_, ability=1.0)
    peak = goals_[np.argmax(perf)]
    assert peak == pytest.approx(1.0)
    assert np.all(np.diff(perf[goals_ <= 1.0]) > 0)          # harder goals, better performance
    assert perf[-1] == pytest.approx(0.5)                       # an impossible goal: the fallback level
    assert goals.locke_latham(1.1, ability=1.0) < 1.0


def test_are_p10_p50_p90_ordered_and_p50_not_the_mean_for_a_skewed_pipeline():
    skewed = pd.DataFrame({"amount": [5_000_000] + [50_000] * 20, "probability": [0.3] + [0.5] * 20,
                           "close_month": [1] * 21})
    f = goals.forecast(skewed, horizon=1, n=20_000, seed=2)
    assert f.p10 <= f.p50 <= f.p90
    assert abs(f.p50 - f.mean) > 500_000       # one big deal: the median is far from the mean


def test_does_a_deal_beyond_the_horizon_never_count():
    f = goals.forecast(THREE, horizon=1, n=5_000, seed=1)
    assert set(np.unique(f.totals)) <= {0.0, 100_000.0}


def test_does_slip_lower_the_expected_value_in_proportion():
    base = goals.forecast(THREE, horizon=3, n=1_000, seed=1).expected
    slipped = goals.forecast(THREE, horizon=3, n=1_000, seed=1, slip=0.25).expected
    assert slipped == pytest.approx(0.75 * base)


def test_do_win_rates_per_stage_replace_the_crm_probability():
    f = goals.forecast(THREE, horizon=3, n=1_000, seed=1, win_rates={"proposal": 1.0, "verbal": 0.0})
    assert f.expected == pytest.approx(100_000 + 160_000)


def test_is_the_same_seed_the_same_forecast():
    a = goals.forecast(THREE, horizon=3, n=1_000, seed=9)
    b = goals.forecast(THREE, horizon=3, n=1_000, seed=9)
    assert np.array_equal(a.totals, b.totals)


def test_does_run_rate_move_the_distribution_but_not_its_spread():
    a = goals.forecast(THREE, horizon=3, n=5_000, seed=4)
    b = goals.forecast(THREE, horizon=3, n=5_000, seed=4, run_rate=100_000)
    assert b.mean - a.mean == pytest.approx(300_000)
    assert b.std == pytest.approx(a.std)


def test_does_the_forecast_accept_a_plain_dict_of_deals_typed_by_hand():
    f = goals.forecast({"amount": [100_000], "probability": [0.4], "close_month": [1]}, horizon=1, n=1_000)
    assert f.expected == pytest.approx(40_000)


# --------------------------------------------------------------------------- properties


deal_lists = st.lists(
    st.tuples(st.integers(0, 2_000_000), st.floats(0, 1), st.integers(1, 6)), min_size=1, max_size=12)


def _frame(deals):
    amount, p, month = zip(*deals)
    return pd.DataFrame({"amount": amount, "probability": p, "close_month": month,
                         "stage": ["proposal"] * len(deals)})


@settings(max_examples=40, deadline=None)
@given(deal_lists, st.integers(0, 3_000_000), st.integers(0, 3_000_000))
def test_does_p_reach_never_rise_when_the_target_rises(deals, t1, t2):
    f = goals.forecast(_frame(deals), horizon=6, n=500, seed=1)
    low, high = sorted((t1, t2))
    assert f.p_reach(high) <= f.p_reach(low)


@settings(max_examples=40, deadline=None)
@given(deal_lists, st.floats(0, 1), st.floats(0, 1), st.integers(0, 5_000_000))
def test_does_p_reach_never_fall_when_a_win_rate_rises(deals, r1, r2, target):
    frame = _frame(deals)
    low, high = sorted((r1, r2))
    f_low = goals.forecast(frame, horizon=6, n=500, seed=1, win_rates={"proposal": low})
    f_high = goals.forecast(frame, horizon=6, n=500, seed=1, win_rates={"proposal": high})
    assert f_high.p_reach(target) >= f_low.p_reach(target)
    assert np.all(f_high.totals >= f_low.totals)


@settings(max_examples=30, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1))
def test_is_atkinson_symmetric_and_at_most_a_quarter(p, motive):
    assert goals.atkinson_tendency(p, motive) == pytest.approx(goals.atkinson_tendency(1 - p, motive))
    assert 0 <= goals.atkinson_tendency(p, motive) <= 0.25 * motive + 1e-12


@settings(max_examples=30, deadline=None)
@given(deal_lists)
def test_are_simulated_totals_between_zero_and_the_sum_of_counting_deals(deals):
    frame = _frame(deals)
    f = goals.forecast(frame, horizon=6, n=300, seed=2)
    assert f.totals.min() >= 0
    assert f.totals.max() <= frame["amount"].sum() + 1e-6


# --------------------------------------------------------------------------- budget zone


def test_is_the_budget_zone_between_the_30th_and_70th_percentile(case):
    f = goals.forecast(case, horizon=3, n=20_000, seed=5, run_rate=goals.case_run_rate())
    zone = goals.budget_zone(f)
    assert zone.low < zone.centre < zone.high
    assert f.p_reach(zone.low) == pytest.approx(0.7, abs=0.01)
    assert f.p_reach(zone.high) == pytest.approx(0.3, abs=0.01)
    assert zone.contains(zone.centre) and not zone.contains(zone.high * 1.1)
    assert len(zone.assumptions) == 3


def test_is_the_case_budget_a_stretch_beyond_the_zone(case):
    """The story of the module: top management's quarter budget is reached about one time in ten."""
    f = goals.forecast(case, horizon=3, run_rate=goals.case_run_rate())
    budget = goals.case_budget(3)
    assert 0.03 < f.p_reach(budget) < 0.25
    assert budget > goals.budget_zone(f).high


def test_does_budget_zone_take_a_pipeline_with_forecast_arguments():
    zone = goals.budget_zone(THREE, horizon=3, n=2_000, seed=1)
    assert zone.low <= zone.high


def test_do_assumptions_come_in_the_current_language(case):
    zone = goals.budget_zone(THREE, horizon=3, n=1_000)
    set_language("en")
    assert "independently" in zone.assumptions[0]
    set_language("nb")
    assert "uavhengig" in zone.assumptions[0]
    assert "30 %" in zone.assumptions[1]


# --------------------------------------------------------------------------- control


@pytest.fixture(scope="module")
def team():
    return load_team()


def test_does_the_control_table_add_up(team):
    r = goals.control_table(team, as_of="2026-06")
    tab = r.table
    assert len(tab) == 12 and tab["actual"].notna().sum() == 6
    june = tab.set_index("month").loc["2026-06"]
    rows = team[team["month"] == "2026-06"]
    assert june["actual"] == rows["new_sales"].sum()
    assert june["plan"] == rows["quota"].sum()
    assert june["variance"] == pytest.approx(june["actual"] - june["plan"])
    assert june["cum_actual"] == pytest.approx(team[(team["month"] >= "2026-01") & (team["month"] <= "2026-06")]
                                               ["new_sales"].sum())
    assert r.budget == pytest.approx(team[team["month"].str.startswith("2026")]["quota"].sum())


def test_does_a_budget_rescale_the_plan(team):
    r = goals.control_table(team, budget=60_000_000, as_of="2026-03")
    assert r.table["plan"].sum() == pytest.approx(60_000_000)


def test_does_seasonal_phasing_keep_the_year_and_turn_the_july_alarm_off(team):
    flat = goals.control_table(team, as_of="2026-07", phasing="flat")
    seasonal = goals.control_table(team, as_of="2026-07", phasing="seasonal")
    assert seasonal.budget == pytest.approx(flat.budget)
    assert flat.reading == "act_low"           # a flat plan makes the summer holiday look like a crisis
    assert seasonal.reading in ("leave", "watch")
    assert seasonal.band.sigma < flat.band.sigma


def test_is_the_band_from_last_year_when_there_is_one(team):
    r = goals.control_table(team, as_of="2026-04")
    assert r.band.baseline[0] == "2025-01" and len(r.band.baseline) == 12
    assert r.band.lower == pytest.approx(r.band.centre - 2 * r.band.sigma)


def test_do_region_and_seller_narrow_the_table(team):
    west = goals.control_table(team, region="west", as_of="2026-02")
    one = goals.control_table(team, seller="S01", as_of="2026-02")
    assert west.table["plan"].iloc[0] == team[(team["month"] == "2026-01") & (team["region"] == "west")]["quota"].sum()
    assert one.table["plan"].iloc[0] == team[(team["month"] == "2026-01") & (team["seller_id"] == "S01")]["quota"].sum()


def test_are_both_year_end_forecasts_given_with_their_spread(team):
    r = goals.control_table(team, as_of="2026-06")
    fc = r.forecasts.set_index("method")
    assert list(fc.index) == ["run_rate", "pipeline"]
    assert (fc["low"] < fc["forecast"]).all() and (fc["forecast"] < fc["high"]).all()
    december = goals.control_table(team, as_of="2026-12").forecasts
    actual = team[team["month"].str.startswith("2026")]["new_sales"].sum()
    assert december["forecast"].tolist() == pytest.approx([actual, actual])


def test_does_reading_tell_signal_from_noise():
    band = goals.ControlBand(centre=0.0, sigma=0.1, k=2.0, baseline=())
    assert goals.reading([0.0, -0.21], band) == "act_low"
    assert goals.reading([0.0, 0.25], band) == "act_high"
    assert goals.reading([-0.05, -0.02, -0.01], band) == "watch"
    assert goals.reading([0.0, -0.15], band) == "watch"
    assert goals.reading([0.05, -0.05], band) == "leave"


def test_is_the_reading_in_words_in_both_languages(team):
    r = goals.control_table(team, as_of="2026-07")
    set_language("nb")
    nb = r.reading_text()
    set_language("en")
    en = r.reading_text()
    assert nb.startswith("Grip inn") and "juli 2026" in nb and "%" in nb
    assert en.startswith("Act") and "July 2026" in en


# --------------------------------------------------------------------------- three conditions


def test_does_the_self_check_point_weak_conditions_to_their_module():
    r = goals.three_conditions(goals.CASE_ANSWERS).set_index("condition")
    assert r.loc["execute", "module"] == "04" and r.loc["execute", "weak"]
    assert r.loc["control", "module"] == "05" and r.loc["control", "weak"]
    assert not r.loc["plan", "weak"]
    assert "04" in r.loc["execute", "advice"]
    strong = goals.three_conditions({k: 5 for k in goals.ITEMS})
    assert not strong["weak"].any()


def test_are_the_statements_in_both_languages():
    assert len(goals.condition_statements("nb")) == len(goals.condition_statements("en")) == 9
    assert goals.condition_statements("nb")["statement"].iloc[0] != goals.condition_statements("en")["statement"].iloc[0]


def test_are_case_defaults_sensible():
    assert goals.case_budget(3) == 3 * goals.case_budget(1) or abs(goals.case_budget(3) - 3 * goals.case_budget(1)) <= 200_000
    assert 0 < goals.case_run_rate() < 3_000_000
