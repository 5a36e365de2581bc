"""Tests for course_lib.motivation: profile, expectancy force, valence model, crowding effects."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course_lib import i18n
from course_lib import motivation as m


pytestmark = pytest.mark.usefixtures("english")  # these tests read English messages


unit = st.floats(0.0, 1.0, allow_nan=False)
signed = st.floats(-1.0, 1.0, allow_nan=False)
pair = st.tuples(signed, signed)
pairs = st.lists(pair, min_size=1, max_size=6)
answers = st.fixed_dictionaries({item.id: st.integers(1, 7) for item in m.QUESTIONNAIRE})


# --------------------------------------------------------------------------- inner questions


def test_six_inner_questions_have_stable_ids_in_source_order():
    """Are the six factors there, with the ids the issue fixed, in the source's order?"""
    assert list(m.INNER_QUESTIONS) == [
        "self_realisation", "goal_attainability", "self_efficacy", "incentive", "sales_culture", "recognition",
    ]


@pytest.mark.parametrize("factor", list(m.INNER_QUESTIONS))
def test_each_question_is_bilingual_and_mapped_to_a_theory_with_levers(factor):
    """Does every factor carry nb and en texts, a known theory and at least two levers?"""
    q = m.INNER_QUESTIONS[factor]
    for texts in (q.name, q.question, q.link, *q.levers):
        assert texts["nb"].strip() and texts["en"].strip()
    assert q.theory in m.THEORIES
    assert set(q.related) <= set(m.THEORIES)
    assert len(q.levers) >= 2


def test_questions_quote_the_source_text():
    """Are the Norwegian questions the source's own wording?"""
    assert m.INNER_QUESTIONS["sales_culture"].question["nb"] == "Hvis andre klarer det, kan jeg få det til?"
    assert m.INNER_QUESTIONS["recognition"].question["nb"] == "Legger andre merke til det jeg gjør?"


def test_theory_mapping_follows_the_notes():
    """Is each question mapped to its theory (goal management read through goal-setting theory, with E beside it)?"""
    primary = {f: q.theory for f, q in m.INNER_QUESTIONS.items()}
    assert primary == {
        "self_realisation": "sdt", "goal_attainability": "goal_setting", "self_efficacy": "self_efficacy",
        "incentive": "expectancy", "sales_culture": "self_efficacy", "recognition": "herzberg",
    }
    assert "expectancy" in m.INNER_QUESTIONS["goal_attainability"].related


def test_english_names_are_the_source_texts_names():
    """Are the English names the source's six names, one each, used for every factor?"""
    assert [q.name["en"] for q in m.INNER_QUESTIONS.values()] == [
        "Self-realisation", "Goal management", "Personal character", "Incentive", "Sales culture", "Recognition"]
    assert [q.name["nb"] for q in m.INNER_QUESTIONS.values()] == [
        "Selvrealisering", "Målstyring", "Personkarakter", "Incitament", "Salgskultur", "Anerkjennelse"]


@pytest.mark.parametrize("factor", list(m.INNER_QUESTIONS))
def test_each_question_says_what_the_sellers_can_do(factor):
    """Does every factor carry, beside top management's levers, at least one thing the sellers can do?"""
    q = m.INNER_QUESTIONS[factor]
    assert q.seller_levers and all(lv["nb"].strip() and lv["en"].strip() for lv in q.seller_levers)


# --------------------------------------------------------------------------- questionnaire


def test_questionnaire_has_three_items_per_factor_and_reverse_keyed_ones():
    """Does each factor have at least three items, including a reverse-keyed one?"""
    for factor in m.FACTORS:
        items = m.items_for(factor)
        assert len(items) >= 3
        assert any(i.reverse for i in items)
        assert any(not i.reverse for i in items)
    assert len({i.id for i in m.QUESTIONNAIRE}) == len(m.QUESTIONNAIRE)


def test_reverse_keyed_item_is_reversed():
    """Does a 1 on a reverse-keyed item count as 7, and a 7 as 1?"""
    base = {i.id: 4 for i in m.QUESTIONNAIRE}
    low = m.score_profile({**base, "re3": 7})["recognition"]
    high = m.score_profile({**base, "re3": 1})["recognition"]
    assert low == pytest.approx((4 + 4 + 1) / 3)
    assert high == pytest.approx((4 + 4 + 7) / 3)


def test_agreeing_with_everything_does_not_give_a_top_score():
    """Would someone who answers 7 everywhere (acquiescence) get 5 per factor, not 7?"""
    scores = m.score_profile({i.id: 7 for i in m.QUESTIONNAIRE})
    assert all(s == pytest.approx((7 + 7 + 1) / 3) for s in scores.values())


def test_consistent_answers_give_extreme_scores():
    """Does agreeing with the positive items and rejecting the reversed ones give 7?"""
    answers_ = {i.id: (1 if i.reverse else 7) for i in m.QUESTIONNAIRE}
    assert set(m.score_profile(answers_).values()) == {7.0}


@given(answers)
def test_profile_scores_stay_within_1_and_7(responses):
    scores = m.score_profile(responses)
    assert list(scores) == list(m.FACTORS)
    assert all(1.0 <= s <= 7.0 for s in scores.values())


@given(answers, st.sampled_from([i.id for i in m.QUESTIONNAIRE]))
def test_raising_an_answer_moves_its_factor_the_keyed_way(responses, item_id):
    item = m.ITEMS[item_id]
    if responses[item_id] == 7:
        return
    before = m.score_profile(responses)[item.factor]
    after = m.score_profile({**responses, item_id: responses[item_id] + 1})[item.factor]
    assert (after < before) if item.reverse else (after > before)


@pytest.mark.parametrize("bad", [0, 8, 3.5, "4", None, True, float("nan")])
def test_answer_outside_the_scale_is_rejected_naming_item_and_value(bad):
    responses = {i.id: 4 for i in m.QUESTIONNAIRE}
    responses["ga2"] = bad
    with pytest.raises(ValueError, match="ga2") as err:
        m.score_profile(responses)
    assert "1 to 7" in str(err.value)


def test_missing_and_unknown_items_are_named():
    responses = {i.id: 4 for i in m.QUESTIONNAIRE}
    del responses["sc2"]
    with pytest.raises(ValueError, match="sc2"):
        m.score_profile(responses)
    with pytest.raises(ValueError, match="zz9"):
        m.score_profile({**{i.id: 4 for i in m.QUESTIONNAIRE}, "zz9": 4})
    with pytest.raises(ValueError, match="mapping"):
        m.score_profile([4] * 18)


def test_error_messages_follow_the_language():
    i18n.set_language("nb")
    with pytest.raises(ValueError, match="må være et helt tall"):
        m.score_profile({i.id: 9 for i in m.QUESTIONNAIRE})


@pytest.mark.parametrize("score, expected", [(1, "low"), (3.49, "low"), (3.5, "middle"), (5.49, "middle"),
                                             (5.5, "high"), (7, "high")])
def test_level_bands(score, expected):
    assert m.level(score) == expected


def test_interpretation_gives_text_and_levers_weakest_first():
    scores = dict.fromkeys(m.FACTORS, 6.0)
    scores["recognition"] = 2.0
    scores["incentive"] = 4.0
    result = m.interpret_profile(scores)
    assert [r.factor for r in result[:2]] == ["recognition", "incentive"]
    assert result[0].level == "low" and result[1].level == "middle" and result[-1].level == "high"
    assert "unseen" in result[0].text
    assert "Recognition routines" in result[0].levers
    nb = m.interpret_profile(scores, lang="nb")[0]
    assert nb.name == "Anerkjennelse" and "usett" in nb.text


def test_every_factor_and_level_has_an_interpretation_in_both_languages():
    for factor in m.FACTORS:
        for lvl in ("low", "middle", "high"):
            text = m.INNER_QUESTIONS[factor].interpretation[lvl]  # moved from messages to the content file
            assert text["nb"] and text["en"] and text["nb"] != text["en"]


def test_interpretation_rejects_bad_profiles():
    with pytest.raises(ValueError, match="recognition"):
        m.interpret_profile(dict.fromkeys(m.FACTORS[:-1], 4.0))
    with pytest.raises(ValueError, match="9"):
        m.interpret_profile({**dict.fromkeys(m.FACTORS, 4.0), "incentive": 9})
    with pytest.raises(ValueError, match="mood"):
        m.interpret_profile({**dict.fromkeys(m.FACTORS, 4.0), "mood": 4})


# --------------------------------------------------------------------------- expectancy


def test_force_worked_example():
    """0.7 * (0.8*0.6 + 0.6*0.7 + 0.3*0.6 + 0.0*0.3) = 0.756: the gift car adds nothing."""
    assert m.SCENARIOS["baseline"].force() == pytest.approx(0.756)
    assert m.motivational_force(0.8, [(0.5, 1.0)]) == pytest.approx(0.4)


@given(pairs)
def test_force_is_zero_when_expectancy_is_zero(outcomes):
    assert m.motivational_force(0.0, outcomes) == 0.0


@given(unit, pairs)
def test_force_is_zero_when_every_instrumentality_is_zero(e, outcomes):
    assert m.motivational_force(e, [(0.0, v) for _, v in outcomes]) == 0.0


@given(unit, pairs, st.data())
def test_force_is_linear_in_each_valence(e, outcomes, data):
    k = data.draw(st.integers(0, len(outcomes) - 1))
    v1, v2 = data.draw(signed), data.draw(signed)

    def force(v):
        changed = list(outcomes)
        changed[k] = (changed[k][0], v)
        return m.motivational_force(e, changed)

    slope = e * outcomes[k][0]
    assert force(v2) - force(v1) == pytest.approx(slope * (v2 - v1), abs=1e-12)
    mid = (v1 + v2) / 2
    assert force(mid) == pytest.approx((force(v1) + force(v2)) / 2, abs=1e-12)


@given(unit, unit, pairs)
def test_force_scales_with_expectancy(e1, e2, outcomes):
    total = sum(i * v for i, v in outcomes)
    assert m.motivational_force(e1, outcomes) == pytest.approx(e1 * total, abs=1e-12)
    if e1 <= e2 and total > 0:
        assert m.motivational_force(e1, outcomes) <= m.motivational_force(e2, outcomes) + 1e-12


@given(unit, pairs)
def test_contributions_sum_to_force_and_force_is_bounded(e, outcomes):
    contributions = m.outcome_contributions(e, outcomes)
    assert math.fsum(contributions) == pytest.approx(m.motivational_force(e, outcomes), abs=1e-12)
    assert abs(m.motivational_force(e, outcomes)) <= len(outcomes) + 1e-12


@given(unit, pairs)
def test_sensitivity_matches_finite_differences(e, outcomes):
    s = m.force_sensitivity(e, outcomes)
    h = 1e-6
    e0 = min(e, 1 - h)
    assert (m.motivational_force(e0 + h, outcomes) - m.motivational_force(e0, outcomes)) / h == pytest.approx(
        s.expectancy, abs=1e-5)
    assert s.valence == pytest.approx(tuple(e * i for i, _ in outcomes))
    assert s.instrumentality == pytest.approx(tuple(e * v for _, v in outcomes))


@pytest.mark.parametrize("e, outcomes, field", [
    (1.2, [(0.5, 0.5)], "expectancy E"),
    (-0.1, [(0.5, 0.5)], "expectancy E"),
    (float("nan"), [(0.5, 0.5)], "expectancy E"),
    ("0.5", [(0.5, 0.5)], "expectancy E"),
    (0.5, [(1.5, 0.5)], "instrumentality I of outcome 1"),
    (0.5, [(0.5, 0.5), (0.5, -2)], "valence V of outcome 2"),
    (0.5, [(0.5,)], "outcome 1 must be a pair"),
    (0.5, [], "at least one outcome"),
    (0.5, 3, "list of"),
])
def test_force_rejects_values_outside_their_range_clearly(e, outcomes, field):
    with pytest.raises(ValueError, match=field):
        m.motivational_force(e, outcomes)


def test_scenarios_tell_the_case_story():
    """Unreachable budget < unnoticed bonus < recognition without pay < baseline."""
    f = {k: s.force() for k, s in m.SCENARIOS.items()}
    assert f["unreachable_budget"] < f["unnoticed_bonus"] < f["recognition_without_pay"] < f["baseline"]
    assert f["unreachable_budget"] == pytest.approx(f["baseline"] / 7)
    assert set(m.SCENARIOS["baseline"].outcomes) == set(m.OUTCOMES)


def test_two_managers_in_the_same_job_differ_only_in_valences():
    """Same job: same E and I for both managers; only the valences (personality) differ."""
    ingrid, other = m.SCENARIOS["baseline"], m.SCENARIOS["second_manager"]
    assert ingrid.expectancy == other.expectancy
    assert {o: iv[0] for o, iv in ingrid.outcomes.items()} == {o: iv[0] for o, iv in other.outcomes.items()}
    assert ingrid.outcomes["recognition"][1] > other.outcomes["recognition"][1]
    # the same measure hits them differently: taking recognition away costs Ingrid more than twice as much
    loss = {k: s.expectancy * s.outcomes["recognition"][0] * s.outcomes["recognition"][1]
            for k, s in (("ingrid", ingrid), ("other", other))}
    assert loss["ingrid"] > 2 * loss["other"]


def test_the_seller_differs_by_position_in_the_links():
    """The seller's job changes the links (I), not only the valences."""
    ingrid, seller = m.SCENARIOS["baseline"], m.SCENARIOS["seller_view"]
    assert seller.outcomes["bonus"][0] > ingrid.outcomes["bonus"][0]
    assert seller.outcomes["recognition"][0] < ingrid.outcomes["recognition"][0]


def test_the_gift_car_adds_no_force_until_it_is_tied_to_the_budget():
    """The car is a gift (I = 0) in every scenario but one; tied to the budget it adds E * 1 * V."""
    for key, s in m.SCENARIOS.items():
        if key != "car_for_budget":
            assert s.outcomes["company_car"][0] == 0.0
    base, tied = m.SCENARIOS["baseline"], m.SCENARIOS["car_for_budget"]
    assert tied.force() - base.force() == pytest.approx(0.7 * 1.0 * 0.3)
    richer = dict(base.outcomes, company_car=(0.0, 1.0))
    assert m.motivational_force(0.7, [richer[o] for o in m.OUTCOMES]) == pytest.approx(base.force())
    assert m.company_car_force(0.5, instrumentality=0.0) == 0.0
    assert (m.car_climate_table()["force_gift"] == 0).all()


# --------------------------------------------------------------------------- valence model


@given(signed, unit)
def test_felt_valence_never_exceeds_nominal_and_keeps_its_sign(v, climate):
    felt = m.felt_valence(v, climate)
    assert abs(felt) <= abs(v) + 1e-12
    assert felt * v >= 0


@given(signed, unit, unit)
def test_felt_valence_rises_with_climate(v, c1, c2):
    lo, hi = sorted((c1, c2))
    if v >= 0:
        assert m.felt_valence(v, lo) <= m.felt_valence(v, hi) + 1e-12


def test_felt_valence_endpoints_and_company_car_story():
    assert m.felt_valence(0.8, 1.0) == pytest.approx(0.8)
    assert m.felt_valence(0.8, 0.0) == pytest.approx(0.2)
    assert m.felt_valence(0.8, 0.0, floor=0.0) == 0.0
    assert m.company_car_force(0.1) < 0.4 * m.company_car_force(1.0)


def test_climate_from_profile_rescales_the_three_factors():
    scores = dict.fromkeys(m.FACTORS, 7.0)
    scores.update(sales_culture=1.0, recognition=1.0, self_realisation=1.0)
    assert m.climate_from_profile(scores) == 0.0
    assert m.climate_from_profile(dict.fromkeys(m.FACTORS, 7.0)) == 1.0


@pytest.mark.parametrize("kwargs, word", [
    (dict(valence=0.5, climate=1.5), "climate"),
    (dict(valence=1.5, climate=0.5), "valence"),
    (dict(valence=0.5, climate=0.5, floor=-0.1), "floor"),
])
def test_felt_valence_rejects_out_of_range(kwargs, word):
    with pytest.raises(ValueError, match=word):
        m.felt_valence(**kwargs)


def test_valence_model_states_its_assumptions_in_both_languages():
    assert len(m.VALENCE_MODEL_ASSUMPTIONS) >= 3
    assert "not a measured" in m.VALENCE_MODEL_ASSUMPTIONS[0]["en"]
    assert all(a["nb"] and a["en"] for a in m.VALENCE_MODEL_ASSUMPTIONS)


# --------------------------------------------------------------------------- crowding


@pytest.mark.parametrize("reward, measure, d", [
    ("engagement_contingent", "free_choice", -0.40),
    ("engagement_contingent", "self_report", -0.15),
    ("completion_contingent", "free_choice", -0.36),
    ("completion_contingent", "self_report", -0.17),
    ("performance_contingent", "free_choice", -0.28),
    ("positive_feedback", "free_choice", 0.33),
    ("positive_feedback", "self_report", 0.31),
])
def test_crowding_effects_are_the_verified_figures(reward, measure, d):
    effect = m.crowding_effect(reward, measure)
    assert effect.d == d
    assert effect.source == "Deci, Koestner & Ryan (1999)"
    assert effect.u3 == pytest.approx(m.u3(d))


def test_performance_contingent_rewards_on_interest_are_taught_as_not_significant():
    """The abstract lists no significant effect: the course says so instead of refusing the combination."""
    effect = m.crowding_effect("performance_contingent", "self_report")
    assert effect.d is None and effect.u3 is None and not effect.significant
    assert "No significant effect" in effect.statement("en")
    assert "Ingen signifikant effekt" in effect.statement("nb")
    assert len(m.valid_crowding_combinations()) == len(m.REWARD_TYPES) * len(m.MEASURES)


def test_unknown_reward_types_and_measures_list_the_valid_ones():
    with pytest.raises(ValueError, match="'cash'") as err:
        m.crowding_effect("cash", "free_choice")
    assert "engagement_contingent" in str(err.value) and "positive_feedback" in str(err.value)
    with pytest.raises(ValueError, match="free_choice, self_report"):
        m.crowding_effect("positive_feedback", "mood")


@pytest.mark.parametrize("d, expected", [(-0.40, 0.344578), (-0.36, 0.359424), (-0.28, 0.389739), (0.33, 0.629300)])
def test_u3_matches_the_normal_cdf(d, expected):
    assert m.u3(d) == pytest.approx(expected, abs=1e-6)


@given(st.floats(-3, 3))
def test_u3_is_symmetric_and_increasing(d):
    assert m.u3(d) + m.u3(-d) == pytest.approx(1.0)
    assert m.u3(d + 0.01) > m.u3(d)


def test_describe_effect_in_plain_language():
    assert m.describe_effect(-0.40, lang="en").startswith(
        "The average person who got the reward ended up below 66% of those who got none (small effect")
    assert "over 63 %" in m.describe_effect(0.33, lang="nb")
    assert "very small" in m.describe_effect(-0.15, lang="en")
    assert "No difference" in m.describe_effect(0.0, lang="en")
    with pytest.raises(ValueError, match="finite"):
        m.describe_effect(float("inf"))


def test_reward_and_measure_names_are_bilingual():
    for reward, measure in m.valid_crowding_combinations():
        assert m.REWARD_TYPES[reward]["nb"] and m.REWARD_TYPES[reward]["en"]
        assert m.MEASURES[measure]["nb"] and m.MEASURES[measure]["en"]


def test_messages_are_complete_in_both_languages():
    mine = {k for k in i18n.catalogue() if k.startswith("motivation.")}
    assert mine
    assert not (set(i18n.missing_translations()) & mine)
    assert not (set(i18n.placeholder_mismatches()) & mine)


def test_model_module_imports_no_widgets_or_plots():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(m))
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not names & {"ipywidgets", "matplotlib", "IPython"}
