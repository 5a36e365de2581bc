"""Tests for the CRM investment case (course_lib.investment)."""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib import investment as iv

FLOWS = [-1_000_000, 250_000, 320_000, 380_000, 400_000]


def _npv_exact(rate: Fraction, flows) -> Fraction:
    return sum(Fraction(f) / (1 + rate) ** t for t, f in enumerate(flows))


def test_is_npv_equal_to_an_exact_rational_computation():
    exact = _npv_exact(Fraction(8, 100), FLOWS)
    assert iv.npv(0.08, FLOWS) == pytest.approx(float(exact), abs=1e-6)
    assert iv.npv(0.08, FLOWS) == pytest.approx(101_498.10, abs=0.01)  # 231 481.48 + 274 348.42 + 301 656.25 + 294 011.94 - 1 000 000


def test_is_the_first_flow_not_discounted():
    assert iv.npv(0.5, [-100, 0]) == -100
    assert iv.npv(0.10, [-100, 110]) == pytest.approx(0.0)


def test_is_irr_the_closed_form_root_of_a_two_year_series():
    # -100 + 60x + 60x^2 = 0 with x = 1/(1+r)
    x = (-60 + math.sqrt(60 ** 2 + 4 * 60 * 100)) / (2 * 60)
    assert iv.irr([-100, 60, 60]) == pytest.approx(1 / x - 1, abs=1e-10)


def test_is_irr_where_an_independent_bisection_puts_npv_to_zero():
    lo, hi = 0.0, 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if float(_npv_exact(Fraction(mid), FLOWS)) > 0:
            lo = mid
        else:
            hi = mid
    assert iv.irr(FLOWS) == pytest.approx(lo, abs=1e-9)
    assert iv.npv(iv.irr(FLOWS), FLOWS) == pytest.approx(0.0, abs=1e-4)


def test_is_irr_nan_when_no_sign_change():
    assert math.isnan(iv.irr([100, 50]))


def test_is_payback_interpolated_within_the_year():
    assert iv.payback([-300, 100, 100, 200]) == 2.5
    assert iv.payback([-100, 100]) == 1.0
    assert iv.payback([0, 10]) == 0.0
    assert iv.payback([-300, 100]) == math.inf


@st.composite
def conventional(draw):
    outlay = draw(st.floats(min_value=1, max_value=1e7))
    inflows = draw(st.lists(st.floats(min_value=0, max_value=1e7), min_size=1, max_size=20))
    return [-outlay] + inflows


@settings(max_examples=200, deadline=None)
@given(conventional(), st.floats(min_value=-0.99, max_value=5), st.floats(min_value=0, max_value=3))
def test_does_npv_never_rise_when_the_discount_rate_rises(flows, rate, step):
    assert iv.npv(rate + step, flows) <= iv.npv(rate, flows) + 1e-6 * max(1.0, abs(flows[0]))


@settings(max_examples=100, deadline=None)
@given(conventional())
def test_does_the_vectorised_payback_agree_with_a_loop(flows):
    cum, expected = 0.0, math.inf
    for t, f in enumerate(flows):
        if cum + f >= 0:
            expected = 0.0 if t == 0 else (t - 1) + (-cum) / f
            break
        cum += f
    assert iv.payback(flows) == pytest.approx(expected)


CTX = iv.Context(users=10, sellers=8, new_sales=20_000_000, churned=2_000_000)


def test_are_the_case_flows_margin_not_revenue():
    values = {k: 0.0 for k in iv.INPUTS}
    values["win_rate_uplift"] = 0.01
    flows = iv.cash_flows(values, 2, CTX)
    # 1 % more of 20 MNOK new sales is 200 000 revenue; at 30 % margin 60 000; year 1 at 50 % adoption
    assert flows.tolist() == pytest.approx([0.0, 30_000.0, 60_000.0])


def test_are_one_off_costs_in_year_zero_and_licences_every_year():
    values = {k: 0.0 for k in iv.INPUTS}
    values.update(implementation=100_000, internal_hours=100, licence_per_user_month=500)
    flows = iv.cash_flows(values, 3, CTX)
    assert flows[0] == -(100_000 + 100 * CTX.hour_cost)
    assert flows[1:].tolist() == [-500 * 12 * 10] * 3


def test_does_the_monte_carlo_agree_with_the_likely_case_and_give_a_share():
    r = iv.simulate(n=5_000, seed=4)
    assert 0 < r.p_positive < 1
    assert r.npv_likely == pytest.approx(iv.npv(0.08, r.flows_likely))
    assert r.quantiles()[0.1] < r.quantiles()[0.9]
    higher = iv.simulate(rate=0.20, n=5_000, seed=4)
    assert higher.p_positive <= r.p_positive


def test_does_the_tornado_hold_every_input_with_the_base_between_its_ends():
    tab = iv.tornado(context=CTX)
    assert set(tab["input"]) == set(iv.INPUTS)
    assert tab["swing"].is_monotonic_decreasing
    for row in tab.itertuples():
        assert min(row.low, row.high) - 1e-6 <= row.base <= max(row.low, row.high) + 1e-6


def test_are_vendor_returns_only_hedged_claims_with_a_source():
    for lang in ("nb", "en"):
        for line in iv.hedged_claims(lang):
            assert "Nucleus Research" in line and "https://" in line and "Brightwork" in line
    assert all(r.illustrative for r in iv.DEFAULT_INPUTS.values())


# --------------------------------------------------------------------------- bad inputs, both languages

from course_lib import set_language  # noqa: E402

BAD = [
    ("rate -100 %", lambda: iv.npv(-1.0, FLOWS), ["større enn −100 %", "−1"], ["greater than −100%", "-1"]),
    ("rate below -100 %", lambda: iv.npv(-1.5, FLOWS), ["større enn −100 %", "−1,5"], ["greater than −100%", "-1.5"]),
    ("rate infinite", lambda: iv.npv(float("inf"), FLOWS), ["endelig tall", "rate"], ["finite number", "rate"]),
    ("rate as percent", lambda: iv.npv(80, FLOWS), ["desimaltall", "80"], ["fraction", "80"]),
    ("flow NaN", lambda: iv.npv(0.08, [-100, float("nan")]), ["endelige tall"], ["finite number"]),
    ("one flow", lambda: iv.irr([-100]), ["minst to år", "1"], ["at least two years", "1"]),
    ("flows as text", lambda: iv.payback("100"), ["liste med tall", "str"], ["list of numbers", "str"]),
    ("horizon 0", lambda: iv.simulate(horizon=0), ["Horisonten", "fra 1 til 30", "fikk 0"],
     ["horizon", "from 1 to 30", "got 0"]),
    ("negative cost", lambda: iv.check_inputs({"implementation": (-50_000, 100_000, 200_000)}),
     ["Implementering", "ikke være negativ", "−50 000"], ["Implementation", "cannot be negative", "-50,000"]),
    ("share above 1", lambda: iv.check_inputs({"churn_reduction": (0.0, 0.5, 1.2)}),
     ["Lavere kundefrafall", "mellom 0 % og 100 %", "120 %"], ["Lower churn", "between 0% and 100%", "120%"]),
    ("cost low above high", lambda: iv.check_inputs({"training": (90_000, 60_000, 30_000)}),
     ["Opplæring", "lav ≤ sannsynlig ≤ høy"], ["Training", "low ≤ likely ≤ high"]),
    ("unknown input", lambda: iv.check_inputs({"coffee": 10}), ["Ukjent forutsetning", "coffee", "training"],
     ["Unknown input", "coffee", "training"]),
    ("too many draws", lambda: iv.simulate(n=10_000_000), ["fra 100 til", "10 000 000"],
     ["from 100 to", "10,000,000"]),
]


@pytest.mark.parametrize("name,call,nb,en", BAD, ids=[b[0] for b in BAD])
def test_is_a_bad_investment_input_refused_with_a_clear_message_in_both_languages(name, call, nb, en):
    for lang, parts in (("nb", nb), ("en", en)):
        set_language(lang)
        with pytest.raises(ValueError) as info:
            call()
        for part in parts:
            assert part in str(info.value), (lang, str(info.value))
    set_language("en")
