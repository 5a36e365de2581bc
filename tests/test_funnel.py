"""Tests for the inbound funnel (course_lib.funnel)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib import funnel as fn
from course_lib import set_language

HALF = {s: (0.5, 0.5, 0.5) for s in fn.STEPS}


@st.composite
def rate_ranges(draw):
    out = {}
    for s in fn.STEPS:
        a, b, c = sorted(draw(st.floats(min_value=0.0, max_value=1.0, allow_nan=False)) for _ in range(3))
        out[s] = (a, b, c)
    return out


def test_is_the_funnel_mean_the_product_of_mean_rates_times_visitors_within_mc_error():
    visitors, n = 50_000, 20_000
    result = fn.funnel(visitors, n=n, seed=7)
    expected = visitors * np.prod([fn.DEFAULT_RATES[s].mean for s in fn.STEPS])
    standard_error = result.customers.std(ddof=1) / math.sqrt(n)
    assert abs(result.customers.mean() - expected) < 4 * standard_error
    assert result.expected == pytest.approx(expected)
    assert fn.expected_customers(visitors) == pytest.approx(expected)


def test_does_each_stage_mean_match_the_product_of_the_rates_above_it():
    result = fn.funnel(20_000, n=20_000, seed=3)
    means = result.stage_means()
    product = 20_000.0
    for stage, step in zip(fn.STAGES[1:], fn.STEPS):
        product *= fn.DEFAULT_RATES[step].mean
        assert means[stage] == pytest.approx(product, rel=0.03)


def test_is_the_order_of_the_stages_respected_in_every_draw():
    counts = fn.funnel(5_000, n=2_000, seed=1).counts
    assert np.all(np.diff(counts, axis=1) <= 0)


def test_do_fixed_rates_give_the_exact_deterministic_counts():
    assert fn.stage_counts(10_000, HALF).tolist() == [10000.0, 5000.0, 2500.0, 1250.0, 625.0, 312.5]
    assert fn.overall_rate(HALF) == pytest.approx(0.5 ** 5)


@settings(max_examples=60, deadline=None)
@given(rate_ranges(), st.integers(min_value=0, max_value=1_000_000), st.integers(min_value=1, max_value=1_000_000))
def test_do_more_visitors_never_give_fewer_expected_customers(rates, visitors, extra):
    assert fn.expected_customers(visitors + extra, rates) >= fn.expected_customers(visitors, rates)


@settings(max_examples=40, deadline=None)
@given(rate_ranges(), st.floats(min_value=10_000, max_value=1e8))
def test_are_the_visitors_needed_the_inverse_of_expected_sales(rates, target):
    if fn.overall_rate(rates, "high") == 0:
        return
    product = np.prod([fn.check_rates(rates)[s].mean for s in fn.STEPS])
    try:
        need = fn.visitors_needed(target, rates, deal_value=(50_000, 50_000, 50_000), n=200, seed=0)
    except ValueError as exc:  # only for rates so near 0 that the count is not a finite number
        assert "close to 0" in str(exc) or "nær 0" in str(exc)
        with np.errstate(all="ignore"):
            assert product == 0 or not np.isfinite(np.float64(target) / (product * 50_000))
        return
    assert need.expected * product * 50_000 == pytest.approx(target, rel=1e-9)
    assert all(np.isfinite(q) for q in need.quantiles.values())


@pytest.mark.parametrize("tiny", [2.2e-311, 1e-80])
def test_do_rates_near_zero_give_a_clear_message_not_infinity(tiny):
    """Found by the property test above: a rate of 2.2e-311 gave ``expected == inf`` (and an
    all-tiny funnel a ZeroDivisionError)."""
    rates = {s: (0.0, 0.0, 1.0) for s in fn.STEPS}
    rates["sql_to_opportunity"] = (0.0, 0.0, tiny)
    if tiny == 1e-80:
        rates = {s: (0.0, 0.0, tiny) for s in fn.STEPS}
    with pytest.raises(ValueError, match="close to 0|nær 0"):
        fn.visitors_needed(10_000, rates, deal_value=(50_000,) * 3, n=200, seed=0)


def test_does_a_higher_confidence_need_more_visitors():
    low = fn.visitors_needed(2_000_000, confidence=0.5)
    high = fn.visitors_needed(2_000_000, confidence=0.9)
    assert high.for_confidence > low.for_confidence
    assert low.quantiles[0.1] < low.quantiles[0.5] < low.quantiles[0.9]


def test_does_the_tornado_put_the_widest_relative_range_on_top():
    rates = {**HALF, "mql_to_sql": (0.1, 0.5, 0.9)}
    table = fn.sensitivity(10_000, rates, deal_value=(100, 100, 100))
    assert table.loc[0, "input"] == "mql_to_sql"
    assert table["swing"].is_monotonic_decreasing
    base = table.loc[0, "base"]
    assert table.loc[0, "low"] < base < table.loc[0, "high"]


def test_does_the_case_budget_come_from_the_quota_column():
    from course_lib.cases import load_team

    df = load_team()
    last = df[df["month"].str.startswith("2026")]
    assert fn.case_new_sales_budget() == float(last["quota"].sum())
    assert fn.case_inbound_target() == pytest.approx(0.1 * last["quota"].sum())


def test_does_what_must_change_name_the_factor_and_the_visitors(english):
    lines = fn.what_must_change(10_000, 10 * fn.expected_customers(10_000) * fn.DEFAULT_DEAL_VALUE.mean)
    assert "10.0 times" in lines[0]
    assert "100,000 visitors" in lines[1]
    assert any("Visit → lead" in line for line in lines)


def test_is_every_default_rate_a_sourced_practitioner_range():
    for step, r in fn.DEFAULT_RATES.items():
        assert r.practitioner and r.low < r.likely < r.high
        assert r.source["nb"] and r.source["en"]
    assert fn.DEFAULT_DEAL_VALUE.illustrative


def test_p_reach_is_a_share():
    r = fn.funnel(fn.CASE_VISITORS, n=1_000, seed=2)
    p = r.p_reach(1_000_000)
    assert 0 <= p <= 1
    assert r.p_reach(1e12) == 0.0


# --------------------------------------------------------------------------- bad inputs, both languages

BAD = [
    ("rate above 1", lambda: fn.check_rates({"visit_to_lead": (0.1, 0.2, 1.5)}),
     ["mellom 0 og 1", "visit_to_lead", "1,5"], ["between 0 and 1", "visit_to_lead", "1.5"]),
    ("negative rate", lambda: fn.funnel(1_000, {"lead_to_mql": (-0.1, 0.2, 0.3)}),
     ["mellom 0 og 1", "lead_to_mql"], ["between 0 and 1", "lead_to_mql"]),
    ("low above high", lambda: fn.check_rates({"mql_to_sql": (0.6, 0.4, 0.3)}),
     ["lav ≤ sannsynlig ≤ høy", "mql_to_sql", "0,6"], ["low ≤ likely ≤ high", "mql_to_sql", "0.6"]),
    ("NaN rate", lambda: fn.check_rates({"sql_to_opportunity": (float("nan"), 0.5, 0.6)}),
     ["endelig tall", "sql_to_opportunity"], ["finite number", "sql_to_opportunity"]),
    ("unknown step", lambda: fn.check_rates({"visit_to_buy": 0.1}),
     ["Ukjent trinn", "visit_to_buy", "opportunity_to_customer"], ["Unknown funnel step", "visit_to_buy", "lead_to_mql"]),
    ("negative visitors", lambda: fn.funnel(-5),
     ["besøkende", "helt tall", "−5"], ["Visitors", "whole number", "-5"]),
    ("fractional visitors", lambda: fn.expected_customers(10.5),
     ["helt tall", "10,5"], ["whole number", "10.5"]),
    ("too few draws", lambda: fn.funnel(1_000, n=5),
     ["fra 100", "fikk 5"], ["from 100", "got 5"]),
    ("target zero", lambda: fn.visitors_needed(0),
     ["target_sales", "større enn 0"], ["target_sales", "greater than 0"]),
    ("confidence 1", lambda: fn.visitors_needed(1_000_000, confidence=1.0),
     ["strengt mellom 0 og 1"], ["strictly between 0 and 1"]),
    ("text as a rate", lambda: fn.check_rates({"visit_to_lead": ("a", "b", "c")}),
     ["må være et tall", "'a'"], ["must be a number", "'a'"]),
]


@pytest.mark.parametrize("name,call,nb,en", BAD, ids=[b[0] for b in BAD])
def test_is_a_bad_funnel_input_refused_with_a_clear_message_in_both_languages(name, call, nb, en):
    for lang, parts in (("nb", nb), ("en", en)):
        set_language(lang)
        with pytest.raises(ValueError) as info:
            call()
        for part in parts:
            assert part in str(info.value), (lang, str(info.value))
    set_language("en")


def test_does_the_simulated_mean_rise_with_visitors_for_the_case_rates():
    """The simulation, not only the closed formula: doubling the visitors raises the mean customers."""
    n = 4_000
    results = [fn.funnel(v, n=n, seed=5) for v in (10_000, 20_000, 40_000, 80_000)]
    means = [r.customers.mean() for r in results]
    errors = [r.customers.std(ddof=1) / math.sqrt(n) for r in results]
    for low, high, e_low, e_high, r_low, r_high in zip(means, means[1:], errors, errors[1:], results, results[1:]):
        assert high - low > 4 * math.hypot(e_low, e_high)
        assert abs((high - low) - (r_high.expected - r_low.expected)) < 4 * math.hypot(e_low, e_high)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(rate_ranges(), st.integers(min_value=100, max_value=200_000), st.floats(min_value=1.5, max_value=10.0))
def test_does_the_simulated_mean_follow_more_visitors_within_monte_carlo_error(rates, visitors, factor):
    more, n = int(visitors * factor), 2_000
    few, many = fn.funnel(visitors, rates, n=n, seed=11), fn.funnel(more, rates, n=n, seed=11)
    error = math.sqrt((few.customers.var(ddof=1) + many.customers.var(ddof=1)) / n)
    rise = many.customers.mean() - few.customers.mean()
    assert rise >= -4 * error                                             # never falls beyond the noise
    assert abs(rise - (many.expected - few.expected)) <= 4 * error + 1e-9 * many.expected
