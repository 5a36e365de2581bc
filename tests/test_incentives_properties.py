"""Does every public model function of module 03 answer bad input with a translated ValueError (or a finite result)?

Hypothesis feeds random finite and non-finite numbers, None, strings, booleans and wrongly shaped
arrays to every public function of course_lib.incentives, incentives_team and agency. The only
acceptable outcomes: a finite result, or a ValueError whose message is in the current language
(checked by running the same call under nb and en and comparing the messages).
"""
from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course_lib import agency, incentives
from course_lib.i18n import set_language
from course_lib.incentives import Plan, payout
from course_lib.incentives_team import apply_plan, manager_bonus

pytestmark = pytest.mark.usefixtures("english")

BAD_SCALARS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.none(), st.text(max_size=5), st.booleans(),
    st.integers(min_value=-10**30, max_value=10**30), st.lists(st.floats(), max_size=3),
    st.just(float("nan")), st.just(float("inf")), st.just(-float("inf")), st.just(np.array([[1.0, 2.0], [3.0, 4.0]])),
)
PLAN = Plan.from_ote(65_000, 0.6, 380_000, threshold=0.5, accelerators=[(1.0, 2.0)], cap=2.5,
                     weights={"new_sales": 0.6, "renewals": 0.3, "customer_satisfaction": 0.1}, renewal_quota=220_000,
                     gate_satisfaction=7.0)


def _finite(result) -> bool:
    if isinstance(result, (int, float, np.floating)):
        return math.isfinite(float(result))
    if isinstance(result, np.ndarray):
        return bool(np.isfinite(result).all()) if result.dtype.kind in "fiu" else True
    if isinstance(result, tuple):
        return all(_finite(x) for x in result if isinstance(x, (int, float, np.ndarray)))
    if hasattr(result, "beta"):
        return _finite(np.asarray(result.beta)) and _finite(np.asarray(result.effort)) if hasattr(result, "effort") \
            else True
    return True


def outcome(call):
    """Run ``call`` in nb and en: a finite result, or ValueErrors with messages that differ by language."""
    messages = {}
    for lang in ("nb", "en"):
        set_language(lang)
        try:
            result = call()
        except ValueError as exc:
            messages[lang] = str(exc)
            continue
        finally:
            set_language("en")
        assert _finite(result), f"non-finite result {result!r}"
        return "ok"
    assert len(messages) == 2
    assert messages["nb"] and messages["en"] and len(messages["en"]) < 400
    return "error"


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(BAD_SCALARS)
def test_payout_sales(value):
    outcome(lambda: payout(PLAN, value, renewals=200_000, satisfaction=8))


@SETTINGS
@given(BAD_SCALARS, st.sampled_from(["renewals", "satisfaction", "quota", "renewal_quota", "team_attainment"]))
def test_payout_keywords(value, field):
    kwargs = {"renewals": 200_000, "satisfaction": 8.0, field: value}
    outcome(lambda: payout(PLAN, 400_000, **kwargs))


@SETTINGS
@given(BAD_SCALARS, st.sampled_from(["base_salary", "target_incentive", "quota", "threshold", "cap", "renewal_quota",
                                     "satisfaction_target", "gate_satisfaction", "team_share", "satisfaction_floor",
                                     "accelerators", "weights", "name", "threshold_style"]))
def test_plan_fields(value, field):
    outcome(lambda: PLAN.replace(**{field: value}))


@SETTINGS
@given(BAD_SCALARS, st.sampled_from(["ote", "base_share", "quota"]))
def test_plan_from_ote(value, field):
    args = {"ote": 65_000, "base_share": 0.6, "quota": 380_000, field: value}
    outcome(lambda: Plan.from_ote(**args))


@SETTINGS
@given(BAD_SCALARS)
def test_diagnostics(value):
    outcome(lambda: incentives.tiered_commission(value, [(10_000, 0.1)]))
    outcome(lambda: incentives.tiered_commission(18_000, value))
    outcome(lambda: incentives.curve(PLAN, value))
    outcome(lambda: incentives.payout_curve(PLAN, value))
    outcome(lambda: incentives.cost_band(PLAN, value if isinstance(value, list) else [value]))
    outcome(lambda: incentives.compare_plans({"a": PLAN}, value if isinstance(value, list) else [value]))
    outcome(lambda: incentives.employer_cost(value))
    outcome(lambda: incentives.gaming_risks(PLAN, value))
    outcome(lambda: incentives.total_cash(PLAN, value, renewals=1, satisfaction=8))


@SETTINGS
@given(BAD_SCALARS, st.sampled_from(["r", "c", "sigma2"]))
def test_len(value, field):
    args = {"r": 1.0, "c": 1.0, "sigma2": 1.0, field: value}
    outcome(lambda: agency.len_optimal(**args))


@SETTINGS
@given(BAD_SCALARS, st.sampled_from(["benefits", "cost_matrix", "noise_cov", "r", "baseline"]))
def test_multitask(value, field):
    args = {"benefits": [1.0, 1.0], "cost_matrix": [[1.0, 0.5], [0.5, 1.0]], "noise_cov": [[1.0, 0.0], [0.0, 1.0]],
            "r": 1.0, "baseline": [0.0, 0.5], field: value}
    outcome(lambda: agency.multitask_optimal(**args))


@SETTINGS
@given(BAD_SCALARS, st.sampled_from(["months", "noise", "adjust_months", "seed", "phase", "plan"]))
def test_simulate_phase(value, field):
    args = {"plan": agency.weighted_plan(1.0), "phase": "growth", "months": 3, "seed": 1, "noise": 0.2,
            "adjust_months": 3.0, field: value}
    outcome(lambda: agency.simulate_phase(**args))


@SETTINGS
@given(BAD_SCALARS, st.sampled_from(["new_sales", "renewals", "satisfaction", "ote", "base_share"]))
def test_weighted_plan(value, field):
    args = {"new_sales": 0.5, "renewals": 0.5, "satisfaction": 0.0, "ote": 65_000, "base_share": 0.6, field: value}
    outcome(lambda: agency.weighted_plan(**args))


@pytest.fixture(scope="module")
def small_team():
    from course_lib.cases import load_team

    return load_team().head(20).copy()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.just(0), st.text(max_size=3), st.none()),
       st.sampled_from(["quota", "new_sales", "renewals", "customer_satisfaction", "month"]))
def test_team_with_a_bad_cell(small_team, value, column):
    team = small_team.copy()
    team[column] = team[column].astype(object)
    team.loc[team.index[3], column] = value
    outcome(lambda: apply_plan(PLAN, team))
    outcome(lambda: manager_bonus(PLAN, team))


@SETTINGS
@given(BAD_SCALARS)
def test_team_functions_with_bad_arguments(value):
    outcome(lambda: apply_plan(PLAN, value))
    outcome(lambda: apply_plan(value, pd.DataFrame()))


# --------------------------------------------------------------------------- named classes from issue 10


def test_is_an_absurd_simulation_refused_quickly():
    start = time.perf_counter()
    with pytest.raises(ValueError, match="months"):
        agency.simulate_phase(agency.weighted_plan(1.0), "growth", months=10**7)
    assert time.perf_counter() - start < 0.5


def test_is_a_per_row_quota_of_zero_refused():
    with pytest.raises(ValueError, match="quota"):
        payout(PLAN, [1.0, 2.0], quota=[380_000, 0], renewals=1, satisfaction=8)


def test_does_nan_satisfaction_not_silently_fail_the_gate():
    with pytest.raises(ValueError, match="satisfaction"):
        payout(PLAN, 600_000, renewals=200_000, satisfaction=float("nan"))


def test_are_infinite_parameters_refused_by_len_and_multitask():
    for bad in [dict(r=math.inf, c=1, sigma2=1), dict(r=1, c=math.inf, sigma2=1), dict(r=1, c=1, sigma2=math.inf)]:
        with pytest.raises(ValueError):
            agency.len_optimal(**bad)
    with pytest.raises(ValueError, match="r"):
        agency.multitask_optimal([1, 1], [[1, 0], [0, 1]], [[1, 0], [0, 1]], math.inf)


def test_is_a_non_symmetric_covariance_refused():
    with pytest.raises(ValueError, match="symmetric"):
        agency.multitask_optimal([1, 1], [[1, 0.2], [0.2, 1]], [[1.0, 0.5], [0.1, 1.0]], 1.0)


def test_are_the_messages_translated():
    set_language("nb")
    try:
        with pytest.raises(ValueError, match="endelig tall"):
            payout(PLAN, float("nan"), renewals=1, satisfaction=8)
        from course_lib.i18n import t

        if "1,5" in t("incentives.plan.base_share_range", value=1.5):   # i18n.t formats numbers (shared change)
            with pytest.raises(ValueError, match=r"1,5"):
                Plan.from_ote(65_000, 1.5, 380_000)
    finally:
        set_language("en")


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 5e6), st.floats(0, 5e6))
def test_does_payout_never_fall_when_sales_rise(a, b):
    lo, hi = sorted((a, b))
    assert payout(PLAN, hi, renewals=200_000, satisfaction=8) >= payout(PLAN, lo, renewals=200_000, satisfaction=8) - 1e-6


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 1e8), st.floats(0, 1e8), st.floats(1, 10))
def test_is_the_cap_never_exceeded(sales, renewals, sat):
    assert payout(PLAN, sales, renewals=renewals, satisfaction=sat) <= PLAN.cap * PLAN.target_incentive + 1e-6
