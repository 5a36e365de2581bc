"""Bad input in module 02: every case gives a clear message in both languages, naming what was wrong.

Loader errors name the row and the column; forecast errors name the argument, the value and what is
allowed; widget values are explained in the app's error line and the app keeps working.
"""
from __future__ import annotations

import html
import math

import pandas as pd
import pytest

from course_lib import goals, set_language
from course_lib.pipeline_data import load_pipeline

HEADER = "deal,stage,amount,close_date,probability\n"
GOOD = "D1,proposal,100000,2027-02-15,0.5\n"
DEALS = pd.DataFrame({"amount": [100_000, 50_000], "probability": [0.5, 0.2], "close_month": [1, 2],
                      "stage": ["proposal", "qualified"]})


def _csv(tmp_path, text, name="deals.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# (id, file text or None, call, nb fragments, en fragments)
LOADER_CASES = [
    ("missing column", "deal,stage,amount\nD1,proposal,100\n", {},
     ["mangler kolonnen close_date"], ["lacks the column close_date"]),
    ("amount not a number", HEADER + GOOD + "D2,proposal,mye,2027-02-15,0.5\n", {},
     ["Rad 3, kolonne amount", "ikke et beløp"], ["Row 3, column amount", "not an amount"]),
    ("negative amount", HEADER + "D1,proposal,-5000,2027-02-15,0.5\n", {},
     ["Rad 2, kolonne amount", "negativt"], ["Row 2, column amount", "negative"]),
    ("probability above one", HEADER + "D1,proposal,1000,2027-02-15,1.4\n", {},
     ["Rad 2, kolonne probability", "fra 0 til 1"], ["Row 2, column probability", "from 0 to 1"]),
    ("unknown stage", HEADER + "D1,demo booket,1000,2027-02-15,0.4\n", {},
     ["Rad 2, kolonne stage", "«demo booket» er ukjent", "proposal"], ["Row 2, column stage", "unknown", "proposal"]),
    ("bad date", HEADER + "D1,proposal,1000,neste uke,0.4\n", {},
     ["Rad 2, kolonne close_date", "ikke en dato"], ["Row 2, column close_date", "not a date"]),
    ("impossible date", HEADER + "D1,proposal,1000,2027-02-30,0.4\n", {},
     ["Rad 2, kolonne close_date"], ["Row 2, column close_date"]),
    ("duplicate deal", HEADER + GOOD + GOOD, {},
     ["Rad 3, kolonne deal", "også på rad 2"], ["Row 3, column deal", "also on row 2"]),
    ("empty cell", HEADER + "D1,proposal,,2027-02-15,0.4\n", {},
     ["Rad 2, kolonne amount", "tom"], ["Row 2, column amount", "empty"]),
    ("mapping to an unknown column", "Deal Name,Amount\nD1,100\n", {"mapping": {"Deal Name": "navn"}},
     ["«navn»", "Gyldige navn", "deal"], ["\"navn\"", "Valid names", "deal"]),
    ("mapping from a missing column", HEADER + GOOD, {"mapping": {"Deal Stage": "stage"}},
     ["«Deal Stage»", "finnes ikke"], ["\"Deal Stage\"", "has no such column"]),
    ("file not found", None, {"path": "no/such/file.csv"}, ["Fant ikke fila"], ["File not found"]),
]


@pytest.mark.parametrize("case_id,text,kwargs,nb,en", LOADER_CASES, ids=[c[0] for c in LOADER_CASES])
def test_does_the_loader_name_row_and_column_in_both_languages(tmp_path, case_id, text, kwargs, nb, en):
    kwargs = dict(kwargs)
    path = kwargs.pop("path", None) or _csv(tmp_path, text)
    messages = {}
    for lang, fragments in (("nb", nb), ("en", en)):
        set_language(lang)
        with pytest.raises(ValueError) as info:
            load_pipeline(path, **kwargs)
        messages[lang] = str(info.value)
        for fragment in fragments:
            assert fragment in messages[lang], (lang, messages[lang])
    assert messages["nb"] != messages["en"]


FORECAST_CASES = [
    ("horizon zero", lambda: goals.forecast(DEALS, horizon=0), ["horizon", "helt tall fra 1 til 60"],
     ["horizon", "whole number from 1 to 60"]),
    ("horizon not a number", lambda: goals.forecast(DEALS, horizon="tre"), ["horizon", "'tre'"], ["horizon", "'tre'"]),
    ("slip above one", lambda: goals.forecast(DEALS, horizon=2, slip=1.5), ["slip", "fra 0 til 1", "1,5"],
     ["slip", "from 0 to 1", "1.5"]),
    ("slip NaN", lambda: goals.forecast(DEALS, horizon=2, slip=math.nan), ["slip", "endelig"], ["slip", "finite"]),
    ("run-rate negative", lambda: goals.forecast(DEALS, horizon=2, run_rate=-1), ["run_rate"], ["run_rate"]),
    ("too many simulations", lambda: goals.forecast(DEALS, horizon=2, n=10**9), ["n må være", "1 000 000"],
     ["n must be", "1,000,000"]),
    ("win rate for an unknown stage", lambda: goals.forecast(DEALS, horizon=2, win_rates={"demo": 0.4}),
     ["«demo»", "Gyldige faser", "proposal"], ["\"demo\"", "Valid stages", "proposal"]),
    ("win rate above one", lambda: goals.forecast(DEALS, horizon=2, win_rates={"proposal": 2}),
     ["vinnersjansen for fasen proposal", "fra 0 til 1"], ["win rate for the stage proposal", "from 0 to 1"]),
    ("missing column", lambda: goals.forecast(DEALS.drop(columns="probability"), horizon=2),
     ["mangler kolonnen probability"], ["lacks the column probability"]),
    ("probability as per cent", lambda: goals.forecast(DEALS.assign(probability=[50, 20]), horizon=2),
     ["probability må ligge fra 0 til 1", "0,4 betyr 40 %"], ["probability must lie from 0 to 1", "0.4 means 40%"]),
    ("close month zero", lambda: goals.forecast(DEALS.assign(close_month=[0, 1]), horizon=2),
     ["close_month", "1 eller mer"], ["close_month", "1 or more"]),
    ("text amount", lambda: goals.forecast(DEALS.assign(amount=["100 000", "x"]), horizon=2),
     ["Kolonnen amount må inneholde tall"], ["The column amount must hold numbers"]),
    ("no deals", lambda: goals.forecast(DEALS.iloc[:0], horizon=2), ["ingen salgsmuligheter"], ["no deals"]),
    ("not a table", lambda: goals.forecast([1, 2, 3], horizon=2), ["tabell (DataFrame)"], ["table (DataFrame)"]),
    ("zone order", lambda: goals.budget_zone(DEALS, p_low=0.8, p_high=0.2, horizon=2),
     ["p_low (0,8) må være mindre"], ["p_low (0.8) must be less"]),
    ("atkinson probability", lambda: goals.atkinson_tendency(1.2), ["p må ligge fra 0 til 1", "1,2"],
     ["p must lie from 0 to 1", "1.2"]),
    ("unknown region", lambda: goals.control_table(_team(), region="nord"), ["«nord»", "east, west"],
     ["\"nord\"", "east, west"]),
    ("unknown month", lambda: goals.control_table(_team(), as_of="2026-13"), ["2026-13", "2026-01"],
     ["2026-13", "2026-01"]),
    ("self-check out of range", lambda: goals.three_conditions({**goals.CASE_ANSWERS, "plan_budget": 7}),
     ["plan_budget", "fra 1 (helt uenig) til 5"], ["plan_budget", "from 1 (disagree fully) to 5"]),
]


def _team():
    from course_lib.cases import load_team

    return load_team()


@pytest.mark.parametrize("case_id,call,nb,en", FORECAST_CASES, ids=[c[0] for c in FORECAST_CASES])
def test_do_model_arguments_get_a_clear_message_in_both_languages(case_id, call, nb, en):
    messages = {}
    for lang, fragments in (("nb", nb), ("en", en)):
        set_language(lang)
        with pytest.raises(ValueError) as info:
            call()
        messages[lang] = str(info.value)
        for fragment in fragments:
            assert fragment in messages[lang], (lang, messages[lang])
    assert messages["nb"] != messages["en"]


def test_do_nb_messages_never_show_an_english_decimal_point():
    set_language("nb")
    for call in (lambda: goals.forecast(DEALS, horizon=2, slip=1.25),
                 lambda: goals.atkinson_tendency(-0.5),
                 lambda: goals.budget_zone(DEALS, p_low=0.75, p_high=0.25, horizon=2)):
        with pytest.raises(ValueError) as info:
            call()
        assert "." not in str(info.value).replace("...", "").rstrip("."), str(info.value)


# --------------------------------------------------------------------------- widget values

WIDGET_CASES = [
    ("words", "tolv millioner", ["«tolv millioner» er ikke et beløp"], ["\"tolv millioner\" is not an amount"]),
    ("negative", "-5 000", ["større enn 0"], ["greater than 0"]),
    ("far too high", "900 000 000", ["utenfor det appen viser"], ["outside what the app shows"]),
    ("not a number", "NaN", ["ikke et beløp"], ["not an amount"]),
]


@pytest.mark.parametrize("case_id,text,nb,en", WIDGET_CASES, ids=[c[0] for c in WIDGET_CASES])
def test_does_the_budget_setter_explain_a_bad_typed_budget_and_stay_usable(case_id, text, nb, en):
    from course_lib.widgets.goals import BudgetSetterApp

    for lang, fragments in (("nb", nb), ("en", en)):
        set_language(lang)
        app = BudgetSetterApp(n=2_000)
        before = app.budget.value
        app.typed.value = text
        assert app.error.has_error
        shown = html.unescape(app.error.value)           # the box escapes what the learner typed
        for fragment in fragments:
            assert fragment in shown, (lang, shown)
        assert app.budget.value == before
        # still usable: a good value clears the error and moves the budget
        app.budget.value = before - 1_000_000
        assert not app.error.has_error
        assert app.state["budget"] == before - 1_000_000


def test_does_the_forecast_app_show_a_bad_pipeline_and_recover():
    from course_lib.widgets.goals import PipelineForecastApp

    set_language("en")
    app = PipelineForecastApp(n=1_000)
    good = app.pipeline
    app.pipeline = good.assign(probability=good["probability"] * 100)
    app.slip.value = 0.1
    assert app.error.has_error and "probability must lie from 0 to 1" in app.error.value
    assert app.result is None
    app.pipeline = good
    app.slip.value = 0.2
    assert not app.error.has_error and app.result is not None


def test_is_typed_markup_escaped_in_the_error_line():
    from course_lib.widgets.goals import BudgetSetterApp

    app = BudgetSetterApp(n=1_000)
    app.typed.value = "<b>mye</b>"
    assert "<b>mye</b>" not in app.error.value and "&lt;b&gt;mye&lt;/b&gt;" in app.error.value


@pytest.mark.parametrize("text", ["2027-13-45", "2027-xx-15", "2027-02-30", "2027-00-01", "2027-1--01"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_date_shaped_text_that_is_no_date_passes_through(text, lang):
    """format_date used to raise (month 13, letters) or make up a date (month 0 read as December)."""
    from course_lib.plots.goals import format_date

    assert format_date(text, lang) == text


def test_real_dates_are_written_in_the_language():
    from course_lib.plots.goals import format_date

    assert format_date("2028-02-29", "nb") == "29. februar 2028"
    assert format_date("2027-12-01", "en") == "1 Dec 2027"
