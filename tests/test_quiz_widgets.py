"""Quiz widgets: answering through the controls, feedback, saving and restoring."""
from pathlib import Path

import pytest

from course_lib.exercises import bank
from course_lib.widgets.quiz import Overview, make_quiz_widget

QUESTIONS = {q["id"]: q for q in bank.load_bank_file(Path(__file__).parent / "fixtures/banks/sample.yaml")["questions"]}


@pytest.fixture
def sample_bank(monkeypatch):
    monkeypatch.setattr(bank, "all_questions", lambda: QUESTIONS)


def test_single_choice_click_shows_feedback_and_saves(store):
    w = make_quiz_widget(QUESTIONS["sample.single"])
    w.control.value = "a"
    w.check_button.click()
    assert "Ikke helt." in w.feedback.value and "HR støtter" in w.feedback.value
    w.control.value = "b"
    w.check_button.click()
    assert "Riktig!" in w.feedback.value
    record = store.answers()["sample.single"]
    assert [a["correct"] for a in record["attempts"]] == [False, True]


def test_check_without_answer_asks_for_one_and_saves_nothing(store):
    w = make_quiz_widget(QUESTIONS["sample.single"])
    w.check_button.click()
    assert "Velg et svar først." in w.feedback.value
    assert store.answers() == {}


def test_answer_is_restored_in_a_new_widget(store):
    """After a kernel restart (a new widget), is the last answer and its feedback shown again?"""
    w = make_quiz_widget(QUESTIONS["sample.multiple"])
    w.boxes["salary"].value = True
    w.check_button.click()
    again = make_quiz_widget(QUESTIONS["sample.multiple"])
    assert again.boxes["salary"].value and not again.boxes["car"].value
    assert "Delvis riktig." in again.feedback.value


def test_numeric_bad_text_shows_error_in_widget(store):
    w = make_quiz_widget(QUESTIONS["sample.numeric"])
    w.control.value = "hmm"
    w.check_button.click()
    assert "ikke et tall" in w.error.value
    w.control.value = "0,48"
    w.check_button.click()
    assert w.error.value == "" and "Riktig!" in w.feedback.value
    assert make_quiz_widget(QUESTIONS["sample.numeric"]).control.value == "0,48"


def test_likert_saves_on_click(store, lang):
    w = make_quiz_widget(QUESTIONS["sample.likert"])
    w.control.value = 2
    assert store.answers()["sample.likert"]["last"] == 2
    assert ("Lav forventning." if lang == "nb" else "Low expectancy.") in w.feedback.value


def test_reflection_autosaves_and_comes_back(store):
    w = make_quiz_widget(QUESTIONS["sample.reflection"])
    w.control.value = "Hun trenger myndighet over egne selgere"
    assert store.reflection("sample.reflection") == "Hun trenger myndighet over egne selgere"
    assert make_quiz_widget(QUESTIONS["sample.reflection"]).control.value.startswith("Hun trenger")


def test_matching_dropdowns(store):
    w = make_quiz_widget(QUESTIONS["sample.matching"])
    w.dropdowns["goals"].value = "vroom"
    w.check_button.click()
    assert "Velg et svar for hver linje" in w.feedback.value
    w.dropdowns["self"].value = "bandura"
    w.check_button.click()
    assert "Riktig!" in w.feedback.value


def test_overview_follows_the_store(sample_bank, store):
    o = Overview("sample")
    assert "0 av 6" in o.table.value
    store.record_attempt("sample.single", "b", True)
    store.record_attempt("sample.numeric", 1.0, False)
    store.save_reflection("sample.reflection", "tekst")
    o.refresh_button.click()
    assert "2 av 6" in o.table.value
    assert o.status()["sample.numeric"] == "tried"
    assert o.status()["sample.matching"] == "open"


def test_quiz_entry_point_builds_the_right_widget(sample_bank):
    from course_lib.exercises import quiz
    w = quiz("sample.matching")
    assert type(w).__name__ == "Matching"
    assert "application/vnd.jupyter.widget-view+json" in w._repr_mimebundle_()
