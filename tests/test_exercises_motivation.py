"""Exercises of module 01: the question bank agrees with the models, and every check accepts the
right answer and rejects the typical wrong ones with an explanation."""
from __future__ import annotations

import pytest

import course_lib
from course_lib import motivation as mot
from course_lib.exercises import motivation as ex
from course_lib.exercises.bank import questions_for
from course_lib.exercises.checking import check
from course_lib.progress import get_store


def _bank():
    return {q["id"]: q for q in questions_for("motivation")}


def test_bank_has_at_least_eight_questions_across_types():
    bank = _bank()
    assert len(bank) >= 8
    kinds = {q["type"] for q in bank.values()}
    assert {"single", "multiple", "numeric", "matching", "reflection"} <= kinds


# --------------------------------------------------------------------------- bank vs model


def test_matching_answers_are_the_models_theories():
    q = _bank()["motivation.match_theory"]
    assert {item["id"]: item["answer"] for item in q["items"]} == {
        f: iq.theory for f, iq in mot.INNER_QUESTIONS.items()}
    assert {c["id"] for c in q["choices"]} == set(mot.THEORIES)


def test_numeric_force_answer_and_mistakes_follow_the_model():
    q = _bank()["motivation.force_value"]
    pairs = [(0.9, 0.5), (0.5, 0.8)]
    assert q["answer"] == pytest.approx(mot.motivational_force(0.6, pairs))
    mistakes = [m["value"] for m in q["common_mistakes"]]
    assert mistakes == pytest.approx([0.85, 0.6 * 0.9 * 0.5 * 0.5 * 0.8, 0.6 + 0.85, 0.6 * 0.85 / 2])


def test_largest_change_options_are_ranked_by_the_model():
    s = mot.SCENARIOS["unreachable_budget"]
    base = s.force()

    def with_change(expectancy=None, **changes):
        outcomes = dict(s.outcomes)
        outcomes.update(changes)
        return mot.motivational_force(expectancy if expectancy is not None else s.expectancy,
                                      [outcomes[o] for o in mot.OUTCOMES]) - base

    gains = {
        "e": with_change(expectancy=0.6),
        "bonus": with_change(bonus=(0.8, 1.0)),
        "car": with_change(company_car=(0.0, 1.0)),
        "recognition": with_change(recognition=(1.0, 0.7)),
    }
    q = _bank()["motivation.largest_change"]
    right = next(o["id"] for o in q["options"] if o["correct"])
    assert right == max(gains, key=gains.get)
    assert gains["e"] == pytest.approx(0.54)
    assert gains["car"] == 0.0  # the gift car: I = 0


def test_read_effect_matches_u3():
    assert 1 - mot.u3(-0.40) == pytest.approx(0.66, abs=0.005)
    q = _bank()["motivation.read_effect"]
    assert "66" in next(o for o in q["options"] if o["correct"])["text"]["en"]


# --------------------------------------------------------------------------- bank checks


@pytest.mark.parametrize("qid", ["motivation.expectancy_zero", "motivation.largest_change",
                                 "motivation.efficacy_source", "motivation.read_effect",
                                 "motivation.quantity_quality", "motivation.weights_differ"])
def test_single_choice_accepts_the_right_option_and_explains_wrong_ones(qid, lang):
    q = _bank()[qid]
    for option in q["options"]:
        verdict = check(q, option["id"])
        assert verdict.correct is option["correct"]
        assert option["feedback"][lang] in verdict.details
    assert check(q, None).correct is None


def test_herzberg_classification_right_and_wrong(lang):
    q = _bank()["motivation.herzberg_classify"]
    assert check(q, ["recognition", "responsibility", "achievement"]).correct is True
    partly = check(q, ["recognition", "bonus"])
    assert partly.correct is False
    assert any("hygien" in d.lower() for d in partly.details)
    assert check(q, ["salary", "car"]).correct is False


def test_matching_accepts_the_right_mapping_and_rejects_a_typical_confusion():
    q = _bank()["motivation.match_theory"]
    right = {item["id"]: item["answer"] for item in q["items"]}
    assert check(q, right).correct is True
    confused = {**right, "sales_culture": "sdt", "incentive": "herzberg"}
    verdict = check(q, confused)
    assert verdict.correct is False
    assert sum(d.startswith("✗") for d in verdict.details) == 2


def test_numeric_question_recognises_common_mistakes():
    course_lib.set_language("en")
    q = _bank()["motivation.force_value"]
    assert check(q, 0.51).correct is True
    assert check(q, "0,51").correct is True
    forgot_e = check(q, 0.85)
    assert forgot_e.correct is False and "multiplied by the expectancy" in " ".join(forgot_e.details)
    assert "Too high" in " ".join(check(q, 0.9).details)


def test_likert_and_reflections_give_guidance():
    bank = _bank()
    verdict = check(bank["motivation.budget_rating"], 2)
    assert "expectancy" in " ".join(verdict.details).lower() or "forventning" in " ".join(verdict.details).lower()
    text = " ".join(["ord"] * 70)
    assert check(bank["motivation.reflection_case"], text).details


# --------------------------------------------------------------------------- computational checks


def test_check_force_accepts_the_right_value_and_records_it(store):
    result = ex.check_force(0.6 * (0.45 + 0.40 + 0.12 + 0.20))
    assert result.correct is True
    assert "motivation.code_force" in store.answers()


@pytest.mark.parametrize("wrong, hint_en", [
    (1.17, "multiply it by the expectancy"),
    (0.1755, "mean of the outcomes"),
    (1.77, "You added E"),
    (0.27, "bonus alone"),
    (2.82, "You added I and V"),
])
def test_check_force_rejects_typical_mistakes_with_an_explanation(wrong, hint_en):
    course_lib.set_language("en")
    result = ex.check_force(wrong, record=False)
    assert result.correct is False
    assert hint_en in result.message


def test_check_force_not_answered_and_wrong_type():
    assert ex.check_force(..., record=False).correct is None
    assert ex.check_force(None, record=False).correct is None
    assert ex.check_force("0.7", record=False).correct is False
    assert ex.check_force(0.5, record=False).correct is False


def test_check_recognition_score():
    course_lib.set_language("en")
    assert ex.check_recognition_score((5 + 4 + 2) / 3, record=False).correct is True
    assert "did not reverse" in ex.check_recognition_score(5.0, record=False).message
    assert "8 minus" in ex.check_recognition_score(10 / 3, record=False).message
    assert "mean" in ex.check_recognition_score(11, record=False).message
    assert ex.check_recognition_score(..., record=False).correct is None


def test_check_recognition_score_agrees_with_score_profile():
    answers = {i.id: 4 for i in mot.QUESTIONNAIRE} | ex.RECOGNITION_ANSWERS
    assert mot.score_profile(answers)["recognition"] == pytest.approx(ex.expected_recognition_score())


def test_check_car_force():
    course_lib.set_language("en")
    right = 0.7 * 1.0 * mot.felt_valence(0.6, 0.2)
    assert right == pytest.approx(0.168)
    assert ex.check_car_force(right, record=False).correct is True
    assert "nominal value" in ex.check_car_force(0.42, record=False).message
    assert "forgot the floor" in ex.check_car_force(0.084, record=False).message
    assert "felt valence" in ex.check_car_force(0.24, record=False).message


def test_checks_speak_norwegian_by_default():
    assert "snudd" in ex.check_recognition_score(5.0, record=False).message
    assert get_store() is not None
