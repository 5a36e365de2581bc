"""Module 02's content file (content/goals.yaml): broken copies are refused by name, a trainer's copy takes effect."""
from __future__ import annotations

import copy
from importlib import resources

import pytest
import yaml

from course_lib import content, goals, pipeline_data, set_language
from course_lib.content import ContentError

SHIPPED = yaml.safe_load((resources.files("course_lib") / "content" / "goals.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def trainer(tmp_path, monkeypatch):
    """Write a changed copy of goals.yaml into a trainer's folder and point COURSE_CONTENT_DIR at it."""
    monkeypatch.setenv("COURSE_CONTENT_DIR", str(tmp_path))
    content.set_content_dir(None)

    def write(change=None, text=None):
        data = copy.deepcopy(SHIPPED)
        if change is not None:
            change(data)
        body = text if text is not None else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (tmp_path / "goals.yaml").write_text(body, encoding="utf-8")
        content.clear_cache()
        return tmp_path / "goals.yaml"

    yield write
    monkeypatch.delenv("COURSE_CONTENT_DIR")
    content.clear_cache()
    set_language("nb")


def _stage(data, code):
    return next(s for s in data["stages"] if s["id"] == code)




BROKEN = [
    ("missing language", lambda d: d["conditions"][0]["items"][1]["text"].pop("en"),
     "conditions/plan", "items.1.text"),
    ("probabilities not rising", lambda d: _stage(d, "proposal").__setitem__("probability", 0.2),
     "stages/proposal", "probability"),
    ("answer out of range", lambda d: d["case_answers"].__setitem__("plan_budget", 7),
     "case_answers/plan_budget", "-"),
    ("duplicate statement id", lambda d: d["conditions"][1]["items"][0].__setitem__("id", "plan_budget"),
     "conditions/items/plan_budget", "id"),
    ("answer for no statement", lambda d: d["case_answers"].__setitem__("plan_crm", 3),
     "case_answers", "plan_crm"),
    ("probability not a number", lambda d: _stage(d, "verbal").__setitem__("probability", "high"),
     "stages/verbal", "probability"),
    ("alias on two stages", lambda d: _stage(d, "verbal")["aliases"].append("tilbud"),
     "stages/verbal", "aliases"),
    ("stages out of order", lambda d: d["stages"].reverse(), "stages", "id"),
    ("column text missing", lambda d: d["columns"].pop("amount"), "columns", "amount"),
    ("placeholder in one language", lambda d: d["columns"]["deal"]["range"].__setitem__("nb", "unik {x}"),
     "columns/deal", "range"),
]


@pytest.mark.parametrize("case_id,change,entry,field", BROKEN, ids=[b[0] for b in BROKEN])
def test_is_a_broken_goals_file_refused_naming_file_entry_and_field(trainer, case_id, change, entry, field):
    path = trainer(change)
    with pytest.raises(ContentError) as info:
        goals.three_conditions(goals.CASE_ANSWERS)
    err = info.value
    assert (err.file, err.entry, err.field) == (str(path), entry, field), str(err)
    assert str(path) in str(err) and entry in str(err)


def test_is_bad_yaml_refused_with_its_line(trainer):
    trainer(text="stages:\n  - id: qualified\n    name: {nb: a, en: b\n")
    with pytest.raises(ContentError) as info:
        pipeline_data.stage_name("qualified")
    assert info.value.field.startswith("line ")


@pytest.mark.parametrize("lang,words", [("nb", "ikke høyere enn"), ("en", "is not above")])
def test_is_the_cross_check_message_in_the_learners_language(trainer, lang, words):
    set_language(lang)
    trainer(lambda d: _stage(d, "negotiation").__setitem__("probability", 0.4))
    with pytest.raises(ContentError, match=words):
        goals.DEFAULT_PROBABILITY


def test_does_check_content_report_a_broken_trainer_copy(trainer):
    trainer(lambda d: d["case_answers"].pop("control_crm"))
    problems = content.check_all()
    assert len(problems) == 1 and "goals.yaml" in problems[0] and "control_crm" in problems[0]


def test_does_a_trainers_copy_change_what_the_models_return(trainer):
    case = goals.case_pipeline()
    before = goals.weighted_pipeline(case)
    assert goals.three_conditions(goals.CASE_ANSWERS).set_index("condition")["weak"].tolist() == [False, True, True]

    def change(d):
        d["case_answers"] = {k: 5 for k in d["case_answers"]}
        d["conditions"][0]["items"][0]["text"]["en"] = "She sees every open deal in the CRM."
        _stage(d, "proposal")["probability"] = 0.6
        _stage(d, "proposal")["name"]["en"] = "Quote out"
        _stage(d, "proposal")["aliases"].append("quote out")

    trainer(change)
    assert goals.three_conditions(goals.CASE_ANSWERS)["weak"].tolist() == [False, False, False]
    assert "She sees every open deal in the CRM." in goals.condition_statements("en")["statement"].tolist()
    assert goals.DEFAULT_PROBABILITY["proposal"] == 0.6
    assert pipeline_data.stage_name("proposal", "en") == "Quote out"
    after = goals.weighted_pipeline(goals.case_pipeline())
    proposal = case.loc[case["stage"] == "proposal", "amount"].sum()
    assert after - before == pytest.approx(0.1 * proposal)


def test_does_a_trainers_alias_reach_the_loader(trainer, tmp_path):
    trainer(lambda d: _stage(d, "negotiation")["aliases"].append("prisdiskusjon"))
    path = tmp_path / "crm.csv"
    path.write_text("deal,stage,amount,close_date\nA,Prisdiskusjon,1000,2027-01-10\n", encoding="utf-8")
    assert pipeline_data.load_pipeline(path, as_of="2026-12-31")["stage"].tolist() == ["negotiation"]
