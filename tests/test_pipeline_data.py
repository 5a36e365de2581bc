"""The case's deal-level pipeline and the CRM loader."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from course_lib import pipeline_data, set_language
from course_lib.cases import generate_team, load_team
from course_lib.pipeline_data import DEFAULT_PROBABILITY, generate_pipeline, load_pipeline, parse_date


@pytest.fixture(scope="module")
def team():
    return load_team()


@pytest.fixture(scope="module")
def shipped():
    return load_pipeline()


def test_do_each_sellers_deals_add_up_to_the_pipeline_in_team_csv(team, shipped):
    december = team[team["month"] == "2026-12"].set_index("seller_id")["pipeline"]
    by_seller = shipped.groupby("seller_id")["amount"].sum()
    assert by_seller.to_dict() == december.to_dict()


def test_does_the_generator_match_the_pipeline_of_any_month_and_seed():
    team = generate_team(seed=7, n_sellers=5, months=6)
    deals = generate_pipeline(team, as_of="2025-03", seed=7)
    march = team[team["month"] == "2025-03"].set_index("seller_id")["pipeline"]
    assert deals.groupby("seller_id")["amount"].sum().to_dict() == march.to_dict()
    assert deals.attrs["as_of"] == "2025-03-31"
    assert (deals["close_month"] >= 1).all()


def test_is_the_shipped_file_what_the_generator_makes(shipped):
    fresh = generate_pipeline()
    assert fresh["deal"].tolist() == shipped["deal"].tolist()
    assert fresh["amount"].tolist() == shipped["amount"].tolist()
    assert fresh["close_month"].tolist() == shipped["close_month"].tolist()


def test_is_the_column_reference_current():
    from importlib import resources

    text = (resources.files("course_lib") / "data" / "pipeline_columns.md").read_text(encoding="utf-8")
    assert text == pipeline_data.columns_markdown()


def test_do_later_stages_close_sooner_and_carry_the_stage_probability(shipped):
    assert set(shipped["stage"]) == set(DEFAULT_PROBABILITY)
    assert (shipped["probability"] == shipped["stage"].map(DEFAULT_PROBABILITY)).all()
    by_stage = shipped.groupby("stage")["close_month"].mean()
    assert by_stage["verbal"] < by_stage["proposal"] < by_stage["qualified"]
    assert shipped["deal"].is_unique
    assert (shipped["age_days"] >= 0).all()


def test_does_the_generator_refuse_a_month_not_in_the_data(team):
    with pytest.raises(ValueError, match="2030-01"):
        generate_pipeline(team, as_of="2030-01")


# --------------------------------------------------------------------------- loading a CRM export


def test_does_a_hubspot_style_export_load_with_a_mapping(tmp_path):
    set_language("en")      # an English export: "120,000" groups thousands
    path = tmp_path / "hubspot.csv"
    path.write_text(
        "Deal Name,Amount,Close Date,Deal Stage,Deal owner\n"
        "Skrivere Bryggen,\"120,000\",2027-02-14 00:00,Presentation Scheduled,Kari\n"
        "Skjermer Fjord,45000,2027-01-05,Contract Sent,Ola\n", encoding="utf-8")
    deals = load_pipeline(path, mapping={"Deal Name": "deal", "Amount": "amount", "Close Date": "close_date",
                                         "Deal Stage": "stage"}, as_of="2026-12-31")
    assert deals["stage"].tolist() == ["proposal", "verbal"]
    assert deals["amount"].tolist() == [120_000, 45_000]
    assert deals["probability"].tolist() == [0.5, 0.9]
    assert deals["close_month"].tolist() == [2, 1]
    assert deals["Deal owner"].tolist() == ["Kari", "Ola"]      # other columns are kept


def test_does_a_norwegian_semicolon_export_load(tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text("deal;stage;amount;close_date;probability\n"
                    "A1;Tilbud sendt;445 700,00 kr;15.02.2027;40 %\n", encoding="utf-8")
    deals = load_pipeline(path, as_of="2026-12-31")
    assert deals.loc[0, "amount"] == pytest.approx(445_700)
    assert deals.loc[0, "probability"] == pytest.approx(0.4)
    assert deals.loc[0, "stage"] == "proposal"
    assert deals.loc[0, "close_date"] == "2027-02-15"


def test_does_an_excel_export_load(tmp_path):
    path = tmp_path / "crm.xlsx"
    pd.DataFrame({"Deal": ["X1", "X2"], "Verdi": [100_000, 250_000], "Fase": ["negotiation", "qualified"],
                  "Lukkes": ["2027-03-01", "2027-05-20"]}).to_excel(path, index=False)
    deals = load_pipeline(path, mapping={"Deal": "deal", "Verdi": "amount", "Fase": "stage", "Lukkes": "close_date"},
                          as_of=dt.date(2026, 12, 31))
    assert deals["amount"].tolist() == [100_000, 250_000]
    assert deals["close_month"].tolist() == [3, 5]


def test_do_own_stages_with_probabilities_work(tmp_path):
    path = tmp_path / "own.csv"
    path.write_text("deal,stage,amount,close_date\nQ1,Demo,1000,2027-01\n", encoding="utf-8")
    deals = load_pipeline(path, stages={"Demo": 0.3}, as_of="2026-12-31")
    assert deals.loc[0, "probability"] == 0.3 and deals.loc[0, "close_month"] == 1


def test_does_an_overdue_deal_count_as_next_month(tmp_path):
    path = tmp_path / "late.csv"
    path.write_text("deal,stage,amount,close_date\nL1,proposal,1000,2026-10-01\n", encoding="utf-8")
    assert load_pipeline(path, as_of="2026-12-31").loc[0, "close_month"] == 1


def test_does_a_loaded_export_go_straight_into_the_forecast(tmp_path):
    from course_lib import goals

    path = tmp_path / "crm.csv"
    path.write_text("deal,stage,amount,close_date\nA,proposal,100000,2027-01-10\nB,verbal,50000,2027-02-10\n",
                    encoding="utf-8")
    deals = load_pipeline(path, as_of="2026-12-31")
    assert goals.weighted_pipeline(deals, horizon=2) == pytest.approx(0.5 * 100_000 + 0.9 * 50_000)


@pytest.mark.parametrize("text,expected", [
    ("2027-02-15", dt.date(2027, 2, 15)), ("15.02.2027", dt.date(2027, 2, 15)), ("15/2/2027", dt.date(2027, 2, 15)),
    ("2027-02", dt.date(2027, 2, 15)), ("2027-02-15T00:00:00", dt.date(2027, 2, 15)), ("31.02.2027", None),
    ("februar", None), ("", None),
])
def test_which_dates_can_be_read(text, expected):
    assert parse_date(text) == expected


def test_does_a_bad_stage_table_get_a_message():
    with pytest.raises(ValueError, match="Demo"):
        load_pipeline(stages={"Demo": 1.5})


def test_does_a_us_export_load_month_first_with_dayfirst_false(tmp_path):
    """Slash dates are day first by default (2/3/2027 = 2 March); a US export says 3 February."""
    path = tmp_path / "us.csv"
    path.write_text("deal,stage,amount,close_date\nU1,proposal,1000,2/3/2027\nU2,verbal,2000,12/25/2027\n",
                    encoding="utf-8")
    us = load_pipeline(path, as_of="2026-12-31", dayfirst=False)
    assert us["close_date"].tolist() == ["2027-02-03", "2027-12-25"]
    assert us["close_month"].tolist() == [2, 12]
    assert parse_date("2/3/2027") == dt.date(2027, 3, 2)
    assert parse_date("2/3/2027", dayfirst=False) == dt.date(2027, 2, 3)
    assert parse_date("15.02.2027", dayfirst=False) == dt.date(2027, 2, 15)     # dotted dates stay day first
    from course_lib import cases
    assert cases.load_pipeline(path, as_of="2026-12-31", dayfirst=False)["close_date"].tolist() == us["close_date"].tolist()


@pytest.mark.parametrize("lang,hint", [("nb", "dayfirst=False"), ("en", "dayfirst=False")])
def test_is_a_us_date_read_day_first_flagged_with_the_setting(tmp_path, lang, hint):
    set_language(lang)
    path = tmp_path / "us.csv"
    path.write_text("deal,stage,amount,close_date\nU1,proposal,1000,12/25/2027\n", encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_pipeline(path, as_of="2026-12-31")
    text = str(info.value)
    assert hint in text and ("Rad 2, kolonne close_date" in text if lang == "nb" else "Row 2, column close_date" in text)
    set_language("nb")


def test_does_the_loader_list_every_bad_row_in_one_message(tmp_path):
    set_language("en")
    rows = ["deal,stage,amount,close_date,probability", "A,proposal,100,2027-01-10,0.5",
            "B,proposal,mye,2027-01-10,0.5",            # row 3: amount
            "C,demo,100,neste uke,1.4",                  # row 4: stage, date and probability
            "A,verbal,100,2027-01-10,0.9"]               # row 5: the deal id again
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_pipeline(path, as_of="2026-12-31")
    lines = str(info.value).splitlines()
    assert lines[0].startswith("Row 3, column amount")
    assert "5 problems" in lines[1]
    assert [line[2:16] for line in lines[2:]] == ["Row 4, column ", "Row 4, column ", "Row 4, column ", "Row 5, column "]
    assert {"stage", "close_date", "probability"} <= {line.split("column ")[1].split(":")[0] for line in lines[2:5]}
    set_language("nb")


def test_are_at_most_twenty_row_problems_listed_and_the_rest_counted(tmp_path):
    set_language("en")
    path = tmp_path / "many.csv"
    path.write_text("deal,stage,amount,close_date\n" + "".join(f"D{i},proposal,-1,2027-01-10\n" for i in range(30)),
                    encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_pipeline(path, as_of="2026-12-31")
    lines = str(info.value).splitlines()
    assert "30 problems" in lines[1]
    assert sum(line.startswith("- Row") for line in lines) == 19            # the first is on line 1
    assert "10 more" in lines[-1]
    set_language("nb")
