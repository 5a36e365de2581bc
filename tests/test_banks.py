"""Question banks: the shipped ones are valid; broken ones say where they are broken."""
from pathlib import Path

import pytest
import yaml

from course_lib.exercises import bank

FIXTURES = Path(__file__).parent / "fixtures" / "banks"


def test_every_shipped_bank_is_valid():
    """Do all shipped banks load, with unique ids across banks?"""
    questions = bank.all_questions()
    assert questions, "no questions found"
    for qid in questions:
        assert qid.split(".")[0] in bank.topics()


def test_every_option_explains_itself():
    """Has every option of every shipped question feedback text in both languages?"""
    for q in bank.all_questions().values():
        for option in q.get("options", []):
            assert option["feedback"]["nb"].strip() and option["feedback"]["en"].strip(), q["id"]


def test_sample_fixture_is_valid():
    data = bank.load_bank_file(FIXTURES / "sample.yaml")
    assert len(data["questions"]) == 6


def _broken(tmp_path, mutate):
    data = yaml.safe_load((FIXTURES / "sample.yaml").read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("mutate, field, question", [
    (lambda d: d["questions"][0]["options"][0]["feedback"].pop("en"), "options.0.feedback", "sample.single"),
    (lambda d: d["questions"][2].pop("tolerance"), "(top)", "sample.numeric"),
    (lambda d: d["questions"][1].update(type="essay"), "type", "sample.multiple"),
    (lambda d: d["questions"][3]["scale"].update(min="one"), "scale.min", "sample.likert"),
    (lambda d: d["questions"][5]["items"][0].pop("feedback"), "items.0", "sample.matching"),
    (lambda d: d["questions"][0]["prompt"].update(nb=""), "prompt.nb", "sample.single"),
])
def test_broken_bank_names_file_question_and_field(tmp_path, mutate, field, question):
    """Does a malformed bank give an error naming the file, the question and the field?"""
    path = _broken(tmp_path, mutate)
    with pytest.raises(ValueError) as info:
        bank.load_bank_file(path)
    message = str(info.value)
    assert "broken.yaml" in message and question in message
    if field != "(top)":
        assert field in message


@pytest.mark.parametrize("mutate, words", [
    (lambda d: d["questions"][0]["options"][0].update(correct=True), "nøyaktig ett riktig"),
    (lambda d: [o.update(correct=False) for o in d["questions"][1]["options"]], "minst ett riktig"),
    (lambda d: d["questions"][5]["items"][0].update(answer="herzberg"), "herzberg"),
    (lambda d: d["questions"][0]["options"][1].update(id="a"), "unike"),
    (lambda d: d["questions"][3]["scale"].update(min=7, max=1), "min mindre enn max"),
])
def test_rules_beyond_the_schema(tmp_path, mutate, words):
    """Are rules a schema cannot express enforced, with the question named?"""
    path = _broken(tmp_path, mutate)
    with pytest.raises(ValueError, match=words) as info:
        bank.load_bank_file(path)
    assert "broken.yaml" in str(info.value)


def test_invalid_yaml_is_reported_with_the_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("topic: x\nquestions: [\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml"):
        bank.load_bank_file(path)


def test_unknown_question_lists_known_ones():
    some_id = next(iter(bank.all_questions()))
    topic = some_id.split(".")[0]
    with pytest.raises(KeyError, match=some_id):
        bank.question(f"{topic}.does_not_exist")
