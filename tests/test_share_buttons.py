"""The share buttons in the apps: pressing share writes the class file, withdraw removes it."""
import json

import pytest

from course_lib import classroom as cr


@pytest.fixture
def folder(tmp_path, monkeypatch):
    d = tmp_path / "class"
    d.mkdir()
    monkeypatch.setenv("COURSE_CLASS_DIR", str(d))
    return d


def shared(folder, kind):
    files = list(folder.glob(f"p-*-{kind}.json"))
    return json.loads(files[0].read_text())["data"] if files else None


def press(app, folder, kind):
    app.share.share.click()
    assert not app.share.error.has_error, app.share.error.value
    data = shared(folder, kind)
    assert data, f"nothing shared for {kind}"
    app.share.withdraw.click()
    assert shared(folder, kind) is None
    return data


def test_profile_app(folder, store):
    from course_lib.widgets.motivation import ProfileApp

    app = ProfileApp(name="Kari")
    data = press(app, folder, "profile")
    assert set(data) == set(app.scores) and "Kari" not in json.dumps(data)


def test_delegation_levels_app(folder, store):
    from course_lib.widgets.delegation import DelegationLevelsApp

    app = DelegationLevelsApp()
    first = next(iter(app.levels))
    app.levels[first].value = 3
    assert press(app, folder, "delegation") == {first: 3}


def test_plan_designer(folder, store):
    from course_lib.widgets.incentives import PlanDesigner

    app = PlanDesigner()
    app.name.value = "Ola sin plan"
    data = press(app, folder, "plan")
    assert data["quota"] == app.build_plan().quota and "Ola" not in json.dumps(data)


def test_seven_steps_app(folder, store):
    from course_lib.widgets.digital import SevenStepsApp

    app = SevenStepsApp()
    app.use_case_answers()
    data = press(app, folder, "maturity")
    assert set(data) <= set(cr._STEPS) and all(1 <= v <= 5 for v in data.values())


def test_quiz_widget_shares_one_question_at_a_time(folder, store):
    from course_lib.exercises.bank import all_questions
    from course_lib.widgets.quiz import SingleChoice

    questions = [q for q in all_questions().values() if q["type"] == "single"][:2]
    quizzes = [SingleChoice(q) for q in questions]
    for quiz in quizzes:
        quiz.control.value = quiz.control.options[0][1] if isinstance(quiz.control.options[0], tuple) \
            else quiz.control.options[0]
        quiz.submit()
        quiz.share.share.click()
        assert not quiz.share.error.has_error, quiz.share.error.value
    data = shared(folder, "quiz")
    assert set(data) == {q["id"] for q in questions} and all(isinstance(v, bool) for v in data.values())
    quizzes[0].share.withdraw.click()
    assert set(shared(folder, "quiz")) == {questions[1]["id"]}
    quizzes[1].share.withdraw.click()
    assert shared(folder, "quiz") is None


def test_quiz_has_no_share_button_outside_a_class(monkeypatch, store):
    from course_lib.exercises.bank import all_questions
    from course_lib.widgets.quiz import SingleChoice

    monkeypatch.delenv("COURSE_CLASS_DIR", raising=False)
    q = next(q for q in all_questions().values() if q["type"] == "single")
    assert SingleChoice(q).share is None
