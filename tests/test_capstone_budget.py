"""Module 06's budget part (module 02): saved by the budget setter, gathered, shown, used by the threshold check;
a leader's own pipeline through gather(pipeline=...) and `course package --pipeline FILE`."""
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

from course_lib import capstone as cp
from course_lib import cli, goals
from course_lib import package_doc as doc
from course_lib.capstone_budget import KEY, SECTION, budget_record, clean_record, p_at_least, with_budget

SHIPPED = Path(str(resources.files("course_lib") / "data" / "pipeline.csv"))


@pytest.fixture(scope="module")
def case_forecast():
    return goals.forecast(goals.case_pipeline(), 3, n=4_000, seed=7, run_rate=goals.case_run_rate())


def test_quantiles_give_the_forecast_chance(case_forecast):
    rec = budget_record(case_forecast, 12_000_000)
    for level in (10e6, 11.5e6, 12e6, 12.8e6, 14e6):
        assert p_at_least(rec, level) == pytest.approx(case_forecast.p_reach(level), abs=0.011)
    assert p_at_least(rec, 0) == 1.0 and p_at_least(rec, 1e12) == 0.0
    assert rec["p_reach"] == pytest.approx(case_forecast.p_reach(12e6))


@pytest.mark.parametrize("bad", [None, "x", {"budget": -1, "horizon": 3, "quantiles": [1, 2]},
                                 {"budget": 1e6, "horizon": 3, "quantiles": ["a"]},
                                 {"budget": 1e6, "horizon": 0, "quantiles": [1, 2]},
                                 {"budget": float("nan"), "horizon": 3, "quantiles": [1, 2]},
                                 {"budget": 1e6, "horizon": 3}])
def test_damaged_record_is_unusable(bad, store):
    assert clean_record(bad) is None
    if isinstance(bad, dict) and bad.get("budget") == bad.get("budget"):  # the store refuses NaN itself
        store.put(SECTION, KEY, bad)
        assert cp.gather(store.load()).source["budget"] == "missing"


def test_budget_setter_saves_and_the_capstone_shows_it(store, lang):
    from course_lib.widgets.capstone import CapstoneApp
    from course_lib.widgets.goals import BudgetSetterApp

    setter = BudgetSetterApp(n=4_000)
    setter.budget.value = 12_000_000
    setter.save_button.click()
    assert setter.error.value == "" and "12" in setter.saved.value
    saved = store.get(SECTION, KEY)
    assert saved["budget"] == 12_000_000 and saved["horizon"] == 3 and len(saved["quantiles"]) == 101
    assert saved["p_reach"] == pytest.approx(setter.state["p_reach"])
    assert saved["p_threshold"] == pytest.approx(setter.state["p_threshold"])

    pkg = cp.gather(store.load())
    assert pkg.source["budget"] == "saved" and pkg.budget["budget"] == 12_000_000
    assert "budget" not in pkg.missing()
    shown = {"nb": "12 000 000 kr", "en": "NOK 12,000,000"}[lang]
    app = CapstoneApp()
    assert shown in app.budget.value and app.package.source["budget"] == "saved"
    assert "02_plan_execute_control.ipynb" not in app.missing.value
    text = doc.package_html(app.package, lang)
    assert shown in text and {"nb": "budsjettet du lagret", "en": "the budget you saved"}[lang] in text


def test_missing_budget_names_notebook_02_and_the_section(store, lang):
    pkg = cp.gather(store.load())
    assert pkg.source["budget"] == "missing"
    where = next(w for w in cp.missing_parts(pkg, lang) if w["id"] == "budget")
    assert where["notebook"] == "02_plan_execute_control.ipynb" and where["module"] == "02"
    assert {"nb": "budsjettsetteren", "en": "the budget setter"}[lang] in where["section"]
    assert where["section"] in doc.package_html(pkg, lang).replace("&#x27;", "'")
    filled = cp.gather(store.load(), fill_from_case=True)
    assert filled.source["budget"] == "case" and filled.budget["budget"] == goals.case_budget(3)


def test_threshold_check_changes_with_the_forecast(lang):
    pkg = cp.coherent_case()
    plan = {**pkg.plan, "threshold": 0.95}
    good = replace(pkg, plan=plan)
    assert "threshold_probability" not in {f.check for f in cp.coherence(good, lang)}
    weaker = {**good.budget, "quantiles": [v * 0.85 for v in good.budget["quantiles"]]}  # a gloomier forecast
    findings = [f for f in cp.coherence(replace(good, budget=weaker), lang) if f.check == "threshold_probability"]
    assert len(findings) == 1
    assert {"nb": "pipelineprognosen fra modul 02", "en": "module 02's pipeline forecast"}[lang] in findings[0].text
    # the same plan and budget without the budget part: the team-months model, and the note says so
    team = replace(good, budget=None)
    assert cp.forecast_source(team) == "team" and cp.forecast_source(good) == "pipeline"
    assert cp.threshold_probability(team) != cp.threshold_probability(good)
    assert {"nb": "teamets siste måneder", "en": "the team's recent months"}[lang] in cp.forecast_note(team, lang)


def test_gather_with_own_pipeline_reforecasts_the_saved_budget(store, case_forecast):
    store.put(SECTION, KEY, with_budget(budget_record(case_forecast, 11_000_000, plan_threshold=0.8), 11_000_000))
    store.put("plans", "p", {**cp.case_part("plan"), "threshold": 0.8})
    case = cp.gather(store.load())
    deals = goals.case_pipeline()
    smaller = deals.assign(amount=deals["amount"] * 0.5)
    own = cp.gather(store.load(), pipeline=smaller)
    assert own.budget["budget"] == case.budget["budget"] and own.budget["source"] == "own"
    assert own.budget["p_reach"] < case.budget["p_reach"]
    assert cp.threshold_probability(own) < cp.threshold_probability(case)
    assert "threshold_probability" in {f.check for f in cp.coherence(own, "en")}
    assert "threshold_probability" not in {f.check for f in cp.coherence(case, "en")}
    assert "your own pipeline" in cp.forecast_note(own, "en")


def test_gather_reads_a_pipeline_file_and_says_what_is_wrong(tmp_path, store):
    pkg = cp.gather(store.load(), fill_from_case=True, pipeline=SHIPPED)
    assert pkg.budget["source"] == "own" and pkg.budget["deals"] == len(goals.case_pipeline())
    bad = tmp_path / "bad.csv"
    bad.write_text("deal,stage,amount,close_date\nD1,proposal,abc,2027-02-01\n", encoding="utf-8")
    with pytest.raises(ValueError, match="amount"):
        cp.gather(store.load(), pipeline=bad)


def _run(argv, capsys):
    code = cli.main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_package_with_a_bad_pipeline_file(tmp_path, capsys, lang):
    bad = tmp_path / "crm.csv"
    bad.write_text("deal,stage,amount,close_date\nD1,proposal,-5,2027-02-01\nD2,lost cause,10,2027-02-01\n",
                   encoding="utf-8")
    out = tmp_path / "p.html"
    code, _, err = _run(["package", "--out", str(out), "--lang", lang, "--case", "--pipeline", str(bad)], capsys)
    assert code == 2 and not out.exists()
    # the loader names every bad row: the first on the first line, then the others, one per line
    lines = err.strip().splitlines()
    assert "Traceback" not in err and "amount" in lines[0] and "2" in lines[0]
    assert any("3" in line and "stage" in line for line in lines[1:]), err
    assert {"nb": "rad", "en": "row"}[lang] in err.lower()
    code, _, err = _run(["package", "--out", str(out), "--pipeline", str(tmp_path / "nope.xlsx")], capsys)
    assert code == 2 and "nope.xlsx" in err and "Traceback" not in err


def test_cli_package_with_a_good_pipeline_file(tmp_path, capsys):
    deals = pd.read_csv(SHIPPED)
    deals["amount"] = (deals["amount"] * 0.5).round()
    own = tmp_path / "crm.csv"
    deals.to_csv(own, index=False)
    out = tmp_path / "pakke.html"
    code, stdout, err = _run(["package", "--out", str(out), "--lang", "nb", "--case", "--pipeline", str(own)], capsys)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert str(out) in stdout
    assert "prognosen laget på nytt fra din egen pipeline" in text
    assert f"<td class='num'>{len(deals)}</td>" in text  # the number of open deals: hers


def test_resetting_module_02_takes_the_saved_budget_and_restore_brings_it_back(store, case_forecast):
    from course_lib import progress_backup

    store.put(SECTION, KEY, budget_record(case_forecast, 11_000_000))
    backup, count = progress_backup.reset(store, "02")
    assert count == 1 and store.get(SECTION, KEY) is None
    progress_backup.restore(store, backup)
    assert store.get(SECTION, KEY)["budget"] == 11_000_000
