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
    with pytest.raises(ValueError, match=some_id):      # a one-letter slip names the question meant
        bank.question(f"{some_id}s")
    topic = some_id.split(".")[0]
    with pytest.raises(ValueError, match=rf"{topic}\.\w+"):   # an unknown name still lists a real one
        bank.question(f"{topic}.does_not_exist")


# ----------------------------------------------------------------------------- hostile and damaged banks

def _laughs(levels=9, width=9):
    lines = ['topic: x', 'a: &a [' + ",".join(['"lol"'] * width) + ']']
    previous = "a"
    for name in "bcdefghijklmnop"[:levels - 1]:
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * width) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_bank_is_refused_fast_with_a_short_message(tmp_path, lang):
    """A 350-byte bank of nested aliases: refused in well under a second, with a message under 600 characters?"""
    import time
    path = tmp_path / "laughs.yaml"
    path.write_text(_laughs(), encoding="utf-8")
    assert path.stat().st_size < 400
    start = time.perf_counter()
    with pytest.raises(ValueError) as info:
        bank.load_bank_file(path)
    assert time.perf_counter() - start < 0.5
    message = str(info.value)
    assert "laughs.yaml" in message and "alias" in message and len(message) < 600
    assert ("ugyldig" in message) == (lang == "nb")


@pytest.mark.parametrize("text, words", [
    ("topic: x\nq: &anchor 1\n", "anchor"),
    ("topic: x\nquestions: " + "[" * 200 + "]" * 200 + "\n", "deeper"),
    ("topic: x\nquestions:\n  - {id: x.y, type: single, prompt: *missing}\n", "missing"),
    ("\tbad: tab\n", "yaml"),
    ("topic: x\nquestions: [\n", "yaml"),
    ("- just\n- a list\n", "top"),
    ("", "top"),
])
def test_damaged_banks_are_refused_with_a_short_message(tmp_path, text, words):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        bank.load_bank_file(path)
    message = str(info.value)
    assert "bad.yaml" in message and len(message) < 600
    assert words in message.lower() or words == "top"


def test_a_huge_bank_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("topic: x\n# " + "x" * 2_100_000 + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="huge.yaml"):
        bank.load_bank_file(path)


def test_a_long_value_in_a_schema_error_is_cut(tmp_path):
    data = yaml.safe_load((FIXTURES / "sample.yaml").read_text(encoding="utf-8"))
    data["questions"][0]["type"] = "x" * 100_000
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ValueError) as info:
        bank.load_bank_file(path)
    assert len(str(info.value)) < 600 and "long.yaml" in str(info.value)


def test_a_bank_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("topic: x\nq: blåbær\n".encode("latin-1"))
    with pytest.raises(ValueError, match="latin1.yaml"):
        bank.load_bank_file(path)


@pytest.mark.parametrize("wrong, close", [
    ("start.postion", "start.position"),
    ("Start.position", "start.position"),
    ("start.position ", "start.position"),
    ("nothing.like.this", None),
    ("", None),
    (None, None),
    (42, None),
    ("x" * 10_000, None),
])
def test_an_unknown_question_id_names_close_matches(lang, wrong, close):
    """A misspelt quiz id: a translated ValueError naming the closest ids, never a KeyError?"""
    from course_lib.exercises import quiz
    with pytest.raises(ValueError) as info:
        quiz(wrong)
    assert not isinstance(info.value, KeyError)
    message = str(info.value)
    assert len(message) < 600
    assert ("Fant ikke" in message) == (lang == "nb")
    if close:
        assert close in message
