"""Module 01's content file: it validates, broken copies are rejected naming file, entry and field,
and a trainer's copy changes what the model and the apps show."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from course_lib import content, i18n
from course_lib import motivation as mot
from course_lib.content import ContentError

SHIPPED = Path(mot.__file__).parent / "content" / "motivation.yaml"


@pytest.fixture
def trainer_dir(tmp_path):
    """A trainer's override folder; the content cache is reset before and after."""
    content.set_content_dir(tmp_path)
    yield tmp_path
    content.set_content_dir(None)


def _shipped() -> dict:
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


def _write(folder: Path, data) -> None:
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (folder / "motivation.yaml").write_text(text, encoding="utf-8")
    content.clear_cache()


def _rejected(folder: Path, data) -> ContentError:
    _write(folder, data)
    with pytest.raises(ContentError) as info:
        content.load("motivation")
    return info.value


def test_the_shipped_content_validates_and_gives_the_public_names():
    """Does the shipped file pass schema, text check and cross-checks, and feed the model?"""
    from course_lib.motivation_content import content_problems

    data = content.load("motivation")
    assert content_problems(data) == []
    assert list(mot.INNER_QUESTIONS) == [q["id"] for q in data["inner_questions"]]
    assert len(mot.QUESTIONNAIRE) == 18 and set(mot.SCENARIOS) >= {"baseline", "car_for_budget"}
    assert content.check_all() == []


def _set(data, path, value):
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


BROKEN = {
    # name: (change to the shipped data, expected entry, expected field, a word of the problem in English)
    "missing language": (lambda d: _set(d, ["inner_questions", 3, "question"], {"nb": "Hvorfor?"}),
                         "inner_questions/incentive", "question.en", "lacks the language"),
    "unknown inner question": (lambda d: _set(d, ["questionnaire", 4, "factor"], "mood"),
                               "questionnaire/sc1", "factor", "mood"),
    "wrong type": (lambda d: _set(d, ["scenarios", 0, "expectancy"], "high"),
                   "scenarios/baseline", "expectancy", "high"),
    "duplicate id": (lambda d: _set(d, ["questionnaire", 1, "id"], "sr1"),
                     "questionnaire/sr1", "id", "more than once"),
    "unknown theory": (lambda d: _set(d, ["inner_questions", 0, "theory"], "maslow"),
                       "inner_questions/self_realisation", "theory", "maslow"),
    "scenario lacks an outcome": (lambda d: d["scenarios"][2]["outcomes"].pop("company_car") and d,
                                  "scenarios/unnoticed_bonus", "outcomes.company_car", "lacks"),
    "scenario names an unknown outcome": (lambda d: _set(d, ["scenarios", 1, "outcomes", "yacht"], [0.5, 0.5]),
                                          "scenarios/unreachable_budget", "outcomes.yacht", "yacht"),
    "I out of range": (lambda d: _set(d, ["scenarios", 0, "outcomes", "bonus"], [1.5, 0.6]),
                       "scenarios/baseline", "outcomes.bonus.0", "1.5"),
    "missing reward effect": (lambda d: d["rewards"]["effects"].pop(5) and d,
                              "rewards/effects", "-", "performance_contingent"),
    "unknown climate factor": (lambda d: _set(d, ["valence_model", "climate_factors", 1], "salary"),
                               "valence_model", "climate_factors.1", "salary"),
    "inner question without items": (
        lambda d: _set(d, ["questionnaire"], [i for i in d["questionnaire"] if i["factor"] != "recognition"]),
        "inner_questions/recognition", "id", "no item"),
    "unknown field": (lambda d: _set(d, ["outcomes", 0, "price"], 100),
                      "outcomes/bonus", "-", "price"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_content_file_is_rejected_naming_file_entry_and_field(trainer_dir, name):
    """Is each broken copy refused with the file, the entry and the field named?"""
    i18n.set_language("en")
    change, entry, field, word = BROKEN[name]
    err = _rejected(trainer_dir, change(_shipped()))
    assert err.file.endswith("motivation.yaml")
    assert (err.entry, err.field) == (entry, field), str(err)
    assert word in str(err)
    assert str(trainer_dir) in str(err)


def test_bad_yaml_is_rejected_with_the_line(trainer_dir):
    err = _rejected(trainer_dir, "theories: [\n  - id: sdt\n")
    assert "motivation.yaml" in str(err) and "line" in err.field


@pytest.mark.parametrize("lang, word", [("nb", "finnes mer enn én gang"), ("en", "occurs more than once")])
def test_cross_check_messages_follow_the_language(trainer_dir, lang, word):
    i18n.set_language(lang)
    err = _rejected(trainer_dir, _set(_shipped(), ["outcomes", 1, "id"], "bonus"))
    assert err.entry == "outcomes/bonus" and err.field == "id" and word in str(err)


def test_a_trainers_copy_changes_the_model_and_the_apps(trainer_dir):
    """Does an override reach the scenarios, the calculator and the profile without code?"""
    from course_lib.widgets.motivation import ExpectancyApp, ProfileApp

    data = _shipped()
    data["scenarios"][0]["name"] = {"nb": "Kari i Bergen", "en": "Kari in Bergen"}
    data["scenarios"][0]["expectancy"] = 0.5
    data["inner_questions"][5]["name"] = {"nb": "Å bli sett", "en": "Being seen"}
    _write(trainer_dir, data)
    i18n.set_language("en")
    assert mot.SCENARIOS["baseline"].expectancy == 0.5
    app = ExpectancyApp(preset="baseline")
    assert "Kari in Bergen" in [label for label, _ in app.preset.options]
    assert app.result == pytest.approx(0.5 * 1.08)
    profile = ProfileApp()
    assert any(it.name == "Being seen" for it in profile.interpretation)
    content.set_content_dir(None)
    assert mot.SCENARIOS["baseline"].expectancy == 0.7  # back to the shipped file
