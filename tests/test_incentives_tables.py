"""Module 03's learner views of payouts and of a plan: labelled rows, the language's format, no quotes."""
from __future__ import annotations

import pytest
from IPython.lib.pretty import pretty

from course_lib import set_language
from course_lib.incentives import Plan, employer_cost, payout, tiered_commission
from course_lib.incentives_tables import payouts


@pytest.mark.parametrize("lang, header, rows", [
    ("nb", ["Nysalg", "Bonus"], [["190 000 kr", "13 000 kr"], ["380 000 kr", "26 000 kr"], ["570 000 kr", "39 000 kr"]]),
    ("en", ["New sales", "Incentive"], [["NOK 190,000", "NOK 13,000"], ["NOK 380,000", "NOK 26,000"],
                                        ["NOK 570,000", "NOK 39,000"]]),
])
def test_do_payouts_show_one_labelled_row_per_case(lang, header, rows):
    set_language(lang)
    plan = Plan.from_ote(65_000, 0.6, 380_000)
    sales = [190_000, 380_000, 570_000]
    table = payouts(payout(plan, sales), cases=sales, case_format="money", case_label="incentives.table.new_sales")
    assert list(table.frame.columns) == header
    assert table.frame.values.tolist() == rows
    assert "<table" in table._repr_html_()


def test_do_payout_cases_accept_message_keys_texts_and_another_currency():
    set_language("nb")
    rates = [(10_000, 0.10), (15_000, 0.20)]
    table = payouts([tiered_commission(18_000, rates, "marginal"), tiered_commission(18_000, rates, "whole")],
                    cases=["incentives.table.method_marginal", {"nb": "For alt", "en": "Whole amount"}],
                    case_label="incentives.table.method", amount_label="incentives.table.commission_sek",
                    amount_format="number")
    assert table.frame.values.tolist() == [['Trinnvis ("marginal")', "1 100"], ["For alt", "3 600"]]
    set_language("en")
    holiday = [0.102, 0.12]
    table = payouts([employer_cost(26_000, holiday_pay=h) for h in holiday], cases=holiday, case_format="percent",
                    case_label="incentives.table.holiday_pay", amount_label="incentives.table.employer_cost")
    assert list(table.frame.columns) == ["Holiday pay", "Cost to the employer"]
    assert table.frame.iloc[:, 0].tolist() == ["10.2%", "12.0%"]
    assert payouts([5.0, 6.0]).frame.iloc[:, 0].tolist() == ["1", "2"]       # numbered without cases


@pytest.mark.parametrize("lang, words", [("nb", "tilfeller"), ("en", "cases")])
def test_do_payouts_name_a_mismatch_of_cases_and_amounts(lang, words):
    set_language(lang)
    with pytest.raises(ValueError, match=f"3 {words}"):
        payouts([1.0, 2.0], cases=[1, 2, 3])


@pytest.mark.parametrize("lang, start", [("nb", "Målinntekt 65 000 kr"), ("en", "OTE NOK 65,000")])
def test_does_a_plan_describe_itself_without_quotes(lang, start):
    set_language(lang)
    text = Plan.from_ote(65_000, 0.6, 380_000).describe()
    assert isinstance(text, str) and text.startswith(start)
    assert pretty(text) == str(text) and repr(text) == str(text)       # what a notebook cell shows
    assert not pretty(text).startswith(("'", '"'))


@pytest.mark.parametrize("lang, undated, other", [("nb", "Forma.ai (u.å.)", "n.d."), ("en", "Forma.ai (n.d.)", "u.å.")])
def test_does_the_checklist_date_undated_sources_in_the_learners_language(lang, undated, other):
    from course_lib.incentives_tables import checklist

    set_language(lang)
    text = checklist().data
    assert undated in text and "NHO Arbinn" in text and "LO-advokatene" in text
    assert other not in text and "u.å./n.d." not in text
