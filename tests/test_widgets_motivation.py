"""Widget apps of module 01, driven by changing their controls as a learner would."""
from __future__ import annotations

import pytest

import course_lib
from course_lib import motivation as mot
from course_lib.progress import get_store
from course_lib.widgets.motivation import ExpectancyApp, ProfileApp, RewardsApp


def _png(out):
    """The PNG bytes shown in an Output widget (exactly one image expected)."""
    assert len(out.outputs) == 1
    return out.outputs[0]["data"]["image/png"]


# --------------------------------------------------------------------------- profile


def test_profile_app_scores_and_redraws_when_an_answer_changes():
    app = ProfileApp()
    assert app.scores == dict.fromkeys(mot.FACTORS, 4.0)
    before = _png(app.out)
    app.sliders["re1"].value = 7
    assert app.scores["recognition"] == pytest.approx((7 + 4 + 4) / 3)
    assert _png(app.out) != before
    assert len(app.out.outputs) == 1


def test_profile_app_reverses_reverse_keyed_items():
    app = ProfileApp()
    app.sliders["re3"].value = 7  # "my effort is taken for granted": fully agree
    assert app.scores["recognition"] == pytest.approx((4 + 4 + 1) / 3)


def test_profile_app_interprets_weakest_first_with_levers(lang):
    app = ProfileApp()
    app.set_responses({"ga1": 1, "ga2": 1, "ga3": 7})
    assert app.scores["goal_attainability"] == 1.0
    first = app.interpretation[0]
    assert first.factor == "goal_attainability" and first.level == "low"
    assert first.name in app.details.value
    assert first.levers[0] in app.details.value or first.levers[0].replace("&", "&amp;") in app.details.value
    expected = mot.INNER_QUESTIONS["goal_attainability"].name[lang]
    assert expected in app.details.value


def test_profile_app_saves_the_profile_to_the_store():
    app = ProfileApp(name="Kari")
    app.sliders["sr1"].value = 6
    app.save_button.click()
    saved = get_store().get("profiles", "Kari")
    assert saved == pytest.approx(app.scores)
    assert "Kari" in app.status.value
    assert not app.error.has_error


def test_profile_app_shows_a_comparison_and_loads_a_saved_one():
    app = ProfileApp(name="før")
    app.save_button.click()
    app.keep_button.click()
    assert app.compare == dict.fromkeys(mot.FACTORS, 4.0)
    assert app.radar.compare_line.get_visible()
    app.sliders["sc1"].value = 7
    assert app.compare["sales_culture"] == 4.0 and app.scores["sales_culture"] > 4.0
    app.clear_button.click()
    assert app.compare is None and not app.radar.compare_line.get_visible()
    app.load_button.click()
    assert app.compare == dict.fromkeys(mot.FACTORS, 4.0)


def test_profile_app_explains_a_missing_saved_profile_and_stays_usable():
    app = ProfileApp(name="finnes-ikke")
    app.load_button.click()
    assert app.error.has_error and "finnes-ikke" in app.error.value
    app.sliders["se1"].value = 2
    assert not app.error.has_error
    assert app.scores["self_efficacy"] == pytest.approx((2 + 4 + 4) / 3)


def test_profile_app_labels_follow_the_language():
    course_lib.set_language("en")
    app = ProfileApp()
    assert "Rate each statement" in app.widget.children[0].value
    assert app.save_button.description == "Save profile"


# --------------------------------------------------------------------------- expectancy


def test_expectancy_app_starts_from_a_preset():
    app = ExpectancyApp(preset="baseline")
    assert app.result == pytest.approx(0.756)
    assert app.preset.value == "baseline"
    assert "0,76" in app.summary.value
    assert len(app.out.outputs) == 1


def test_moving_expectancy_changes_force_chart_and_leaves_the_preset():
    app = ExpectancyApp(preset="baseline")
    before = _png(app.out)
    app.expectancy.value = 0.1
    assert app.result == pytest.approx(0.108)
    assert app.chart.total_bar.get_width() == pytest.approx(0.108)
    assert _png(app.out) != before
    assert app.preset.value == "custom"


def test_expectancy_zero_gives_zero_force_whatever_the_rewards():
    app = ExpectancyApp(preset="baseline")
    app.expectancy.value = 0.0
    for outcome in app.outcome_ids:
        app.valence[outcome].value = 1.0
    assert app.result == 0.0
    assert all(c == 0.0 for c in app.contributions)


def test_changing_a_valence_moves_force_by_e_times_i():
    app = ExpectancyApp(preset="baseline")
    start = app.result
    app.valence["recognition"].value = 0.2  # from 0.7
    assert app.result - start == pytest.approx(0.7 * 0.6 * (0.2 - 0.7))


@pytest.mark.parametrize("scenario", list(mot.SCENARIOS))
def test_every_preset_sets_the_controls_and_gives_its_force(scenario):
    app = ExpectancyApp(preset="custom")
    app.preset.value = scenario
    assert app.result == pytest.approx(mot.SCENARIOS[scenario].force())
    assert app.expectancy.value == mot.SCENARIOS[scenario].expectancy
    assert mot.SCENARIOS[scenario].description["nb"] in app.description.value


def test_sensitivity_hint_points_at_expectancy_for_the_unreachable_budget():
    course_lib.set_language("en")
    app = ExpectancyApp(preset="unreachable_budget")
    assert app.best_lever == "expectancy E"
    assert "expectancy E" in app.summary.value


def test_expectancy_app_error_line_on_unknown_scenario():
    app = ExpectancyApp()
    with pytest.raises(ValueError, match="nope"):
        app.apply("nope")


# --------------------------------------------------------------------------- rewards


def test_rewards_app_shows_effect_and_plain_statement():
    course_lib.set_language("en")
    app = RewardsApp()
    assert app.effect.d == -0.40
    assert "below 66%" in app.statement.value
    assert "Deci, Koestner &amp; Ryan (1999)" in app.statement.value
    before = _png(app.out)
    app.reward_type.value = "positive_feedback"
    assert app.effect.d == 0.33
    assert "above 63%" in app.statement.value
    assert _png(app.out) != before


def test_rewards_app_teaches_the_non_significant_finding_without_an_error():
    course_lib.set_language("en")
    app = RewardsApp(reward_type="performance_contingent")
    before = _png(app.out)
    app.measure.value = "self_report"
    assert app.effect is not None and app.effect.d is None
    assert not app.error.has_error
    assert "No significant effect" in app.statement.value
    assert len(app.out.outputs) == 1 and _png(app.out) != before
    assert not app.chart.reward_line.get_visible()
    app.measure.value = "free_choice"
    assert app.effect.d == -0.28 and not app.error.has_error
    assert app.chart.reward_line.get_visible()


def test_expectancy_app_rejects_an_unknown_preset_with_the_valid_ones(lang):
    with pytest.raises(ValueError) as err:
        ExpectancyApp(preset="xyz")
    text = str(err.value)
    assert "'xyz'" in text and "baseline" in text and "custom" in text
    assert ("Ukjent" in text) if lang == "nb" else ("unknown" in text)


def test_an_error_while_applying_a_preset_stays_shown(monkeypatch):
    """An error raised while a preset is applied must not be wiped by the outer guard."""
    app = ExpectancyApp(preset="baseline")

    def broken(*_a, **_k):
        raise ValueError("broken model")

    monkeypatch.setattr(mot, "motivational_force", broken)
    app.preset.value = "unreachable_budget"
    assert app.error.has_error and "broken model" in app.error.value


def test_seller_levers_are_shown_beside_top_managements(lang):
    app = ProfileApp()
    first = app.interpretation[0]
    assert first.seller_levers[0] in app.details.value.replace("&amp;", "&")


def test_apps_display_in_a_notebook():
    for app in (ProfileApp(), ExpectancyApp(), RewardsApp()):
        bundle = app._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle


def _readouts(widget):
    found, stack = [], [widget]
    while stack:
        w = stack.pop(0)
        if "course-readout" in getattr(w, "_dom_classes", ()):
            found.append(w)
        stack.extend(getattr(w, "children", ()))
    return found


def test_slider_readouts_follow_the_language(lang):
    """Is every slider's value shown by the course's readout, in the language's format?"""
    app = ExpectancyApp(preset="baseline")
    readouts = _readouts(app.widget)
    assert len(readouts) == 1 + 2 * len(app.outcome_ids)
    assert not app.expectancy.readout
    assert readouts[0].value == ("0,70" if lang == "nb" else "0.70")
    app.expectancy.value = 0.35
    assert readouts[0].value == ("0,35" if lang == "nb" else "0.35")
    profile = ProfileApp()
    assert len(_readouts(profile.widget)) == len(mot.QUESTIONNAIRE)


def test_tables_show_numbers_in_the_language(lang):
    from course_lib.widgets.motivation import show_force, show_table

    scenarios = show_table("scenarios").frame
    assert scenarios.iloc[0].tolist()[-1] == ("0,76" if lang == "nb" else "0.76")
    crowding = show_table("crowding").frame
    assert crowding.iloc[0, 3] == ("34,5 %" if lang == "nb" else "34.5%")
    assert show_force(0.7, [(0.8, 0.6), (0.6, 0.7)]).frame.iloc[0, -1] == ("0,63" if lang == "nb" else "0.63")
    with pytest.raises(ValueError, match="inner_questions"):
        show_table("nope")


def test_an_error_shown_in_an_app_has_values_in_the_language(lang, monkeypatch):
    """A bad value reaching the model is shown in the app with the language's decimal mark."""
    app = ExpectancyApp(preset="baseline")
    monkeypatch.setattr(app, "pairs", lambda: [(1.25, 0.5)] * len(app.outcome_ids))
    app.expectancy.value = 0.5
    assert app.error.has_error
    assert ("1,25" in app.error.value) if lang == "nb" else ("1.25" in app.error.value)
    assert "1.25" not in app.error.value or lang == "en"
