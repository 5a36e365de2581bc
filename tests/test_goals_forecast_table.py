"""Module 02's forecast table: the exact expected value beside the mean of the simulations."""
from __future__ import annotations

import pytest

from course_lib import goals, set_language
from course_lib.plots import goals as views


@pytest.mark.parametrize("lang, expected, sim_mean", [("nb", "Forventet verdi", "Snitt av simuleringene"),
                                                       ("en", "Expected value", "Mean of the simulations")])
def test_does_the_forecast_table_show_the_simulations_mean_beside_the_exact_value(lang, expected, sim_mean):
    set_language(lang)
    f = goals.forecast(goals.case_pipeline(), horizon=3, n=2_000, seed=7, run_rate=goals.case_run_rate())
    table = views.table_forecast(f, 12_800_000)
    columns = list(table.frame.columns)
    assert columns[:2] == [expected, sim_mean]
    shown = table.frame.iloc[0, 1]
    assert int("".join(ch for ch in shown if ch.isdigit())) == round(f.mean, -3)
    assert abs(f.mean - f.expected) < 4 * f.mc_error          # same mean, within Monte Carlo error
    assert ("kr" in shown) if lang == "nb" else shown.startswith("NOK")
