"""The case company: generator, shipped data, loader and summaries (course_lib/cases.py)."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course_lib import cases, i18n
from course_lib.cases import COLUMNS, generate_team, load_team

DATA = Path(cases.__file__).parent / "data"


@pytest.fixture
def use_lang():
    """Set a language for one test and restore the previous one afterwards."""
    before = i18n.get_language()

    def _set(code):
        i18n.set_language(code)

    yield _set
    i18n.set_language(before)


@pytest.fixture(scope="module")
def team():
    return generate_team()


# --------------------------------------------------------------------------- generator


def test_same_seed_gives_identical_frame():
    """Does the same seed give exactly the same data?"""
    pd.testing.assert_frame_equal(generate_team(seed=11), generate_team(seed=11))


def test_different_seed_gives_fresh_variant(team):
    """Does another seed give different numbers and names (a fresh variant for a trainer)?"""
    other = generate_team(seed=2027)
    assert other.shape == team.shape
    assert not np.array_equal(other["new_sales"].to_numpy(), team["new_sales"].to_numpy())
    assert set(other["seller_name"]) != set(team["seller_name"])


def test_shape_and_column_order(team):
    """One row per seller per month, the documented columns in the documented order."""
    assert team.shape == (240, 12)
    assert list(team.columns) == [
        "month", "seller_id", "seller_name", "region", "tenure_months", "quota", "new_sales",
        "renewals", "churned_revenue", "customer_satisfaction", "pipeline", "activities",
    ]
    assert list(team.columns) == list(COLUMNS)
    assert team.groupby(["seller_id", "month"]).size().eq(1).all()
    assert sorted(team["seller_id"].unique()) == [f"S{i:02d}" for i in range(1, 11)]
    assert team["month"].iloc[0] == "2025-01" and team["month"].iloc[-1] == "2026-12"


def test_dtypes(team):
    """Text columns are strings, counts and kroner are int64, satisfaction is float with one decimal."""
    for name, spec in COLUMNS.items():
        if spec["dtype"] == "str":
            assert pd.api.types.is_string_dtype(team[name]), name
        else:
            assert str(team[name].dtype) == spec["dtype"], name
    sat = team["customer_satisfaction"]
    assert np.allclose(sat, sat.round(1))


def test_sizes_are_configurable():
    df = generate_team(seed=3, n_sellers=4, months=5, start="2024-11")
    assert df.shape == (20, 12)
    assert df["month"].unique().tolist() == ["2024-11", "2024-12", "2025-01", "2025-02", "2025-03"]


def test_tenure_grows_by_one_each_month(team):
    steps = team.sort_values(["seller_id", "month"]).groupby("seller_id")["tenure_months"].diff().dropna()
    assert (steps == 1).all()


def test_regions_and_names(team):
    assert set(team["region"]) == {"east", "west"}
    per_seller = team.groupby("seller_id")[["seller_name", "region"]].nunique()
    assert (per_seller == 1).all().all()


def test_no_negative_amounts_and_scores_in_range(team):
    for name in ("quota", "new_sales", "renewals", "churned_revenue", "pipeline", "activities", "tenure_months"):
        assert (team[name] >= 0).all(), name
    assert team["customer_satisfaction"].between(1, 10).all()


def test_magnitudes_are_realistic(team):
    """Monthly quotas about 300-450 kNOK for experienced sellers, annual new sales 2-8 MNOK."""
    experienced = team[team["tenure_months"] > 12]
    assert experienced["quota"].between(280_000, 500_000).all()
    yearly = team.assign(year=team["month"].str[:4]).groupby(["seller_id", "year"])["new_sales"].sum()
    assert yearly.between(1_500_000, 8_500_000).all()
    assert 3_500_000 < yearly.median() < 5_500_000


def test_stars_beat_laggards():
    """Over several seeds, each star sells more and reaches more of quota than each laggard."""
    for seed in (2026, 1, 99, 12345):
        summary = cases.team_summary(generate_team(seed=seed)).merge(cases.seller_profiles(seed))
        stars = summary[summary["profile"] == "star"]
        laggards = summary[summary["profile"] == "laggard"]
        assert len(stars) == 2 and len(laggards) == 2
        assert stars["new_sales"].min() > laggards["new_sales"].max(), seed
        assert stars["attainment"].min() > 1.0 > 0.9 > laggards["attainment"].max(), seed


def test_seasonality_visible(team):
    """July is the weakest month; March, June and November beat it clearly, each year."""
    totals = cases.monthly_totals(team, by_region=False).set_index("month")["new_sales"]
    for year in ("2025", "2026"):
        july = totals[f"{year}-07"]
        assert july == totals[totals.index.str.startswith(year)].min()
        strong = totals[[f"{year}-03", f"{year}-06", f"{year}-11"]].mean()
        assert strong > 2 * july
        assert totals[f"{year}-12"] < strong


def test_newcomers_ramp_up(team):
    profiles = cases.seller_profiles()
    newcomers = profiles.loc[profiles["profile"] == "newcomer", "seller_id"]
    for sid in newcomers:
        rows = team[team["seller_id"] == sid].set_index("month")
        assert rows["tenure_months"].iloc[0] <= 3
        assert rows.loc["2026-01":, "new_sales"].sum() > 1.3 * rows.loc[:"2025-12", "new_sales"].sum()
        assert rows["quota"].iloc[0] < rows["quota"].iloc[-1] * 0.5


def test_relations_make_sense(team):
    """Pipeline leads sales; activities go with pipeline; satisfied customers churn less."""
    ordered = team.sort_values(["seller_id", "month"])
    previous = ordered.groupby("seller_id")["pipeline"].shift(1)
    ok = previous.notna()
    assert np.corrcoef(previous[ok], ordered["new_sales"][ok])[0, 1] > 0.4
    summary = cases.team_summary(team)
    mean_pipeline = team.groupby("seller_id")["pipeline"].mean().to_numpy()
    assert np.corrcoef(summary["activities"], mean_pipeline)[0, 1] > 0.3
    assert np.corrcoef(summary["customer_satisfaction"], summary["churn_rate"])[0, 1] < -0.5
    profiles = cases.seller_profiles()
    assert np.corrcoef(profiles["care"], summary["churn_rate"])[0, 1] < -0.5


def test_budget_grows_in_the_second_year(team):
    """Top management raises the quotas (about 6 %) for the second year."""
    experienced = team[team["tenure_months"] > 12].assign(year=team["month"].str[:4])
    per_seller = experienced.groupby(["seller_id", "year"])["quota"].mean().unstack()
    growth = (per_seller["2026"] / per_seller["2025"]).dropna()
    assert growth.between(1.04, 1.08).all()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 24), months=st.integers(1, 30))
def test_any_seed_gives_valid_data(seed, n, months):
    """For any seed and size the data are well-formed and pass the loader's own checks."""
    df = generate_team(seed=seed, n_sellers=n, months=months)
    assert len(df) == n * months
    assert list(df.columns) == list(COLUMNS)
    assert (df[list(cases.MONEY_COLUMNS)] >= 0).all().all()
    assert df["customer_satisfaction"].between(1, 10).all()
    assert df["seller_id"].nunique() == n
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.csv"
        df.to_csv(path, index=False)
        reparsed = load_team(path)
    pd.testing.assert_frame_equal(reparsed, df)


@pytest.mark.parametrize(
    "kwargs, key_word",
    [
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"n_sellers": 0}, "n_sellers"),
        ({"n_sellers": 99}, "n_sellers"),
        ({"months": 0}, "months"),
        ({"start": "2025/01"}, "start"),
        ({"start": "2025-13"}, "start"),
    ],
)
def test_generator_rejects_bad_arguments(kwargs, key_word, use_lang):
    use_lang("en")
    with pytest.raises(ValueError, match=key_word):
        generate_team(**kwargs)
    use_lang("nb")
    with pytest.raises(ValueError, match="må"):
        generate_team(**kwargs)


# --------------------------------------------------------------------------- shipped data


def test_shipped_file_equals_generator(team):
    """The shipped team.csv is exactly generate_team() with the default seed."""
    pd.testing.assert_frame_equal(load_team(), team)
    assert (DATA / "team.csv").read_text(encoding="utf-8") == team.to_csv(index=False, lineterminator="\n")


def test_shipped_column_doc_is_current():
    text = (DATA / "team_columns.md").read_text(encoding="utf-8")
    assert text == cases.columns_markdown()
    for name in COLUMNS:
        assert text.count(f"`{name}`") == 2  # once in English, once in Norwegian


def test_columns_are_documented_in_both_languages():
    for name, spec in COLUMNS.items():
        for field in ("unit", "range", "description"):
            assert spec[field]["nb"].strip() and spec[field]["en"].strip(), (name, field)
            assert spec[field]["nb"] != spec[field]["en"] or field == "unit", (name, field)


def test_write_default_team_to_folder(tmp_path, team):
    path = cases.write_default_team(tmp_path)
    pd.testing.assert_frame_equal(load_team(path), team)
    assert (tmp_path / "team_columns.md").exists()


# --------------------------------------------------------------------------- loader: good files


def test_good_csv_round_trips(tmp_path, team):
    path = tmp_path / "mine.csv"
    team.to_csv(path, index=False)
    pd.testing.assert_frame_equal(load_team(path), team)
    pd.testing.assert_frame_equal(load_team(str(path)), team)


def test_extra_columns_and_any_order_are_accepted(tmp_path, team):
    mine = team.head(20).copy()
    mine["note"] = "ok"
    mine = mine[["note"] + list(reversed(COLUMNS))]
    path = tmp_path / "extra.csv"
    mine.to_csv(path, index=False)
    loaded = load_team(path)
    assert list(loaded.columns) == list(COLUMNS) + ["note"]
    assert (loaded["note"] == "ok").all()
    pd.testing.assert_frame_equal(loaded[list(COLUMNS)], team.head(20))


def test_norwegian_excel_csv_semicolons_and_decimal_commas(tmp_path, team):
    """A file saved by Norwegian Excel (semicolons, decimal commas, BOM, cp1252) loads."""
    mine = team.head(10)
    text = mine.to_csv(index=False, sep=";", decimal=",")
    path = tmp_path / "excel.csv"
    path.write_bytes(text.encode("cp1252"))
    pd.testing.assert_frame_equal(load_team(path), mine)
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    pd.testing.assert_frame_equal(load_team(path), mine)


def test_money_with_decimals_is_kept_as_float(tmp_path, team):
    mine = team.head(3).astype({"new_sales": float})
    mine.loc[0, "new_sales"] = 1234.5
    path = tmp_path / "dec.csv"
    mine.to_csv(path, index=False)
    loaded = load_team(path)
    assert loaded.loc[0, "new_sales"] == 1234.5


# --------------------------------------------------------------------------- loader: bad files


def _write_csv(tmp_path, team, edit=None, rows=5, name="bad.csv"):
    mine = team.head(rows).copy().astype(object)
    if edit:
        edit(mine)
    path = tmp_path / name
    mine.to_csv(path, index=False)
    return path


def _set(row, column, value):
    def edit(frame):
        frame.loc[row, column] = value
    return edit


BAD_CELLS = [
    # (edit, data row index 0-based, column, words expected in nb, words expected in en)
    (_set(2, "new_sales", "mye"), 2, "new_sales", ["ikke et tall", "mye"], ["not a number", "mye"]),
    (_set(0, "quota", "-5000"), 0, "quota", ["negativt", "-5000"], ["negative", "-5000"]),
    (_set(3, "churned_revenue", "-1"), 3, "churned_revenue", ["negativt"], ["negative"]),
    (_set(1, "customer_satisfaction", "11"), 1, "customer_satisfaction", ["1 til 10", "11"], ["1 to 10", "11"]),
    (_set(4, "customer_satisfaction", "0.5"), 4, "customer_satisfaction", ["1 til 10"], ["1 to 10"]),
    (_set(2, "month", "01.2025"), 2, "month", ["ÅÅÅÅ-MM", "01.2025"], ["YYYY-MM", "01.2025"]),
    (_set(2, "month", "2025-13"), 2, "month", ["ÅÅÅÅ-MM"], ["YYYY-MM"]),
    (_set(1, "activities", "12.5"), 1, "activities", ["helt tall"], ["whole number"]),
    (_set(3, "seller_name", ""), 3, "seller_name", ["tom"], ["empty"]),
]


@pytest.mark.parametrize("edit, row, column, nb_words, en_words", BAD_CELLS)
def test_bad_cell_names_line_and_column(tmp_path, team, use_lang, edit, row, column, nb_words, en_words):
    """Each bad cell gives a message naming the line (header = line 1), the column and what is allowed."""
    path = _write_csv(tmp_path, team, edit)
    line = row + 2  # header is line 1
    for code, words in (("nb", nb_words), ("en", en_words)):
        use_lang(code)
        with pytest.raises(ValueError) as info:
            load_team(path)
        message = str(info.value)
        prefix = "Linje" if code == "nb" else "Line"
        assert message.startswith(f"{prefix} {line} "), message
        assert column in message
        for word in words:
            assert word in message, (code, message)


def test_missing_columns_lists_them_and_the_required_ones(tmp_path, team, use_lang):
    path = tmp_path / "missing.csv"
    team.drop(columns=["renewals", "pipeline"]).head(3).to_csv(path, index=False)
    for code, word in (("nb", "mangler kolonne"), ("en", "missing column")):
        use_lang(code)
        with pytest.raises(ValueError) as info:
            load_team(path)
        message = str(info.value)
        assert word in message
        assert "renewals, pipeline" in message
        assert ", ".join(COLUMNS) in message


def test_duplicate_seller_month_names_both_lines(tmp_path, team, use_lang):
    def edit(frame):
        frame.loc[3, "seller_id"] = frame.loc[1, "seller_id"]
        frame.loc[3, "month"] = frame.loc[1, "month"]
    path = _write_csv(tmp_path, team, edit)
    for code, word in (("nb", "finnes allerede på linje 3"), ("en", "already appears on line 3")):
        use_lang(code)
        with pytest.raises(ValueError) as info:
            load_team(path)
        message = str(info.value)
        assert word in message and "S02" in message and "2025-01" in message
        assert message.startswith(("Linje 5", "Line 5"))


@pytest.mark.parametrize("content", [b"", b"   \n\n"])
def test_zero_byte_or_blank_file(tmp_path, use_lang, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    for code, word in (("nb", "er tom"), ("en", "is empty")):
        use_lang(code)
        with pytest.raises(ValueError, match=word):
            load_team(path)


def test_header_only_file(tmp_path, use_lang):
    path = tmp_path / "header.csv"
    path.write_text(",".join(COLUMNS) + "\n", encoding="utf-8")
    for code, word in (("nb", "ingen rader"), ("en", "no rows")):
        use_lang(code)
        with pytest.raises(ValueError, match=word):
            load_team(path)


def test_file_not_found(tmp_path, use_lang):
    path = tmp_path / "nowhere.csv"
    for code, word in (("nb", "Fant ikke fila"), ("en", "File not found")):
        use_lang(code)
        with pytest.raises(ValueError) as info:
            load_team(path)
        assert word in str(info.value) and "nowhere.csv" in str(info.value)


def test_folder_instead_of_file(tmp_path, use_lang):
    for code, word in (("nb", "mappe"), ("en", "folder")):
        use_lang(code)
        with pytest.raises(ValueError, match=word):
            load_team(tmp_path)


def test_wrong_number_of_fields(tmp_path, team, use_lang):
    path = tmp_path / "ragged.csv"
    lines = team.head(4).to_csv(index=False).splitlines()
    lines[2] += ",extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for code, word in (("nb", "Linje 3 "), ("en", "Line 3 ")):
        use_lang(code)
        with pytest.raises(ValueError) as info:
            load_team(path)
        assert str(info.value).startswith(word) and "13" in str(info.value) and "12" in str(info.value)


def test_line_numbers_count_blank_lines_like_an_editor(tmp_path, team, use_lang):
    """A blank line is skipped, but line numbers still match what an editor shows."""
    lines = team.head(4).to_csv(index=False).splitlines()
    lines[3] = lines[3].replace(",S03,", ",S03,").split(",")
    lines[3][6] = "x"
    lines[3] = ",".join(lines[3])
    path = tmp_path / "blank.csv"
    path.write_text("\n".join(lines[:2] + [""] + lines[2:]) + "\n", encoding="utf-8")
    use_lang("en")
    with pytest.raises(ValueError, match=r"^Line 5 .*new_sales"):
        load_team(path)


def test_every_loader_message_exists_in_both_languages():
    keys = [k for k in i18n.catalogue() if k.startswith("cases.")]
    assert len(keys) >= 15
    for key in keys:
        texts = i18n.catalogue()[key]
        assert texts["nb"].strip() and texts["en"].strip() and texts["nb"] != texts["en"], key
    assert not {k for k in i18n.placeholder_mismatches() if k.startswith("cases.")}


# --------------------------------------------------------------------------- summaries


def test_team_summary(team):
    summary = cases.team_summary(team)
    assert len(summary) == 10
    row = summary.set_index("seller_id").loc["S01"]
    rows = team[team["seller_id"] == "S01"]
    assert row["new_sales"] == rows["new_sales"].sum()
    assert row["attainment"] == pytest.approx(rows["new_sales"].sum() / rows["quota"].sum())
    assert row["churn_rate"] == pytest.approx(
        rows["churned_revenue"].sum() / (rows["renewals"].sum() + rows["churned_revenue"].sum())
    )
    assert summary["months"].eq(24).all()


def test_monthly_totals(team):
    by_region = cases.monthly_totals(team)
    assert len(by_region) == 48
    east = by_region[(by_region["month"] == "2025-03") & (by_region["region"] == "east")].iloc[0]
    rows = team[(team["month"] == "2025-03") & (team["region"] == "east")]
    assert east["new_sales"] == rows["new_sales"].sum()
    assert east["sellers"] == 6
    team_level = cases.monthly_totals(team, by_region=False)
    assert team_level["new_sales"].sum() == team["new_sales"].sum()
    assert team_level["attainment"].iloc[0] == pytest.approx(cases.team_attainment(team, month="2025-01"))


def test_summaries_do_not_change_their_input(team):
    before = team.copy()
    cases.team_summary(team)
    cases.monthly_totals(team)
    cases.seller_attainment(team)
    pd.testing.assert_frame_equal(team, before)


def test_team_attainment_checks_month_and_region(team, use_lang):
    assert cases.team_attainment(team, region="west") == pytest.approx(
        team.loc[team.region == "west", "new_sales"].sum() / team.loc[team.region == "west", "quota"].sum()
    )
    use_lang("en")
    with pytest.raises(ValueError, match="2025-01 to 2026-12"):
        cases.team_attainment(team, month="2030-01")
    use_lang("nb")
    with pytest.raises(ValueError, match="east, west"):
        cases.team_attainment(team, region="north")


def test_company_people_and_regions():
    assert cases.person("sales_manager", lang="nb")["title"] == "salgssjef"
    assert cases.person("ceo", lang="nb")["title"] == "administrerende direktør"
    assert cases.person("sales_director", lang="nb")["title"] == "salgsdirektør"
    assert "HR" in cases.person("hr_director", lang="en")["title"]
    assert cases.region_name("east", lang="nb") == "Øst (Oslo)"
    assert cases.region_name("west", lang="en") == "West (Bergen)"
    assert cases.region_name("north") == "north"
    for entry in cases.COMPANY["people"].values():
        assert re.match(r"^\w+ \w+$", entry["name"])


def test_yearly_totals(team):
    yearly = cases.yearly_totals(team)
    assert yearly["year"].tolist() == ["2025", "2026"]
    assert yearly["new_sales"].sum() == team["new_sales"].sum()
    row = yearly.iloc[0]
    assert row["attainment"] == pytest.approx(row["new_sales"] / row["quota"])


def test_claims_made_in_notebook_00_hold(team):
    """Notebook 00 describes the shipped data in words; keep those words true."""
    yearly = cases.yearly_totals(team).set_index("year")
    assert yearly.loc["2025", "attainment"] > 1.0 > yearly.loc["2026", "attainment"] > 0.9
    assert 1.09 < yearly.loc["2026", "quota"] / yearly.loc["2025", "quota"] < 1.13  # "about 11 %"
    monthly = cases.monthly_totals(team, by_region=False).set_index("month")["attainment"]
    assert monthly["2025-07"] < 0.5 and monthly["2026-07"] < 0.5
    summary = cases.team_summary(team).sort_values("attainment")
    assert (summary["attainment"] >= 1.10).sum() == 2
    assert (summary["attainment"] < 0.85).sum() == 2
    assert summary["attainment"].iloc[2:-2].between(0.85, 1.10).all()
    stars = summary.iloc[-2:]
    assert stars["churn_rate"].max() == summary["churn_rate"].max()
    assert stars["churn_rate"].min() == summary["churn_rate"].min()
    first = team[team["month"] == "2025-01"]
    assert (first["tenure_months"] <= 3).sum() == 2
