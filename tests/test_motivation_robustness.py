"""Bad input to every public function of module 01 gives a translated ValueError or a finite result,
never another exception (issue 10). Random finite and non-finite numbers, None, strings, booleans,
wrong shapes (lists, dicts, numpy arrays of any shape) and unknown names, in both languages."""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from course_lib import i18n
from course_lib import motivation as mot
from course_lib.widgets.motivation import show_force, show_table

NUMBERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**20, 10**20),
                    st.sampled_from([0, 1, 0.5, -1, 7, 8, 1e308, -0.0]))
NAMES = st.one_of(st.text(max_size=12), st.sampled_from(
    ["baseline", "bonus", "sr1", "recognition", "free_choice", "positive_feedback", "nb", "en", "xx", ""]))
ARRAYS = hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3, max_side=3),
                    elements=st.floats(allow_nan=True, allow_infinity=True))
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, NAMES)
ANYTHING = st.recursive(
    st.one_of(SCALARS, ARRAYS),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                            st.dictionaries(st.one_of(NAMES, st.integers()), inner, max_size=4)),
    max_leaves=8)
PAIRS = st.lists(st.tuples(NUMBERS, NUMBERS), max_size=4)
LANGS = st.one_of(st.none(), st.sampled_from(["nb", "en", "de", ""]), st.integers())


def _templates(lang: str) -> list[re.Pattern]:
    """The message templates of module 01 (and the content loader) as patterns, for ``lang``."""
    out = []
    for key, texts in i18n.catalogue().items():
        if key.startswith(("motivation.", "content.")):
            parts = re.split(r"\{[^{}]*\}", texts[lang].replace("{{", "{").replace("}}", "}"))
            out.append(re.compile(".*".join(re.escape(p) for p in parts), re.S))
    return out


_PATTERNS = {lang: _templates(lang) for lang in ("nb", "en")}


def _translated(message: str, lang: str) -> bool:
    return any(p.fullmatch(message) for p in _PATTERNS[lang])


def _finite(result) -> bool:
    if result is None or isinstance(result, (str, bool)):
        return True
    if isinstance(result, (int, float)):
        return math.isfinite(result)
    if isinstance(result, (list, tuple)):
        return all(_finite(r) for r in result)
    if isinstance(result, dict):
        return all(_finite(v) for v in result.values())
    if isinstance(result, pd.DataFrame):
        numeric = result.select_dtypes("number")
        return bool(np.isfinite(numeric.to_numpy(dtype=float)[~np.isnan(numeric.to_numpy(dtype=float))]).all())
    if hasattr(result, "__dataclass_fields__"):
        return all(_finite(getattr(result, f)) for f in result.__dataclass_fields__)
    if hasattr(result, "frame"):  # a learner table: text only
        return True
    return True


def _call(func, *args, lang: str):
    """Call ``func``; a ValueError must speak the language, anything else returned must be finite."""
    try:
        result = func(*args)
    except ValueError as exc:
        assert _translated(str(exc), lang), f"{func.__name__}{args!r} gave an untranslated message: {exc}"
        return
    assert _finite(result), f"{func.__name__}{args!r} returned a non-finite result: {result!r}"


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(x=ANYTHING)
def test_one_argument_functions(lang, x):
    for func in (mot.items_for, mot.score_profile, mot.check_scores, mot.level, mot.scenario,
                 mot.climate_from_profile, mot.u3, mot.interpret_profile, mot.describe_effect,
                 mot.effect_size_label, mot.inner_questions_table, mot.scenario_table,
                 mot.contributions_table, mot.car_climate_table, mot.crowding_table, show_table):
        _call(func, x, lang=lang)


@SETTINGS
@given(a=ANYTHING, b=ANYTHING)
def test_two_argument_functions(lang, a, b):
    for func in (mot.score_item, mot.outcome_contributions, mot.motivational_force, mot.force_sensitivity,
                 mot.felt_valence, mot.company_car_force, mot.crowding_effect, mot.interpret_profile,
                 mot.describe_effect, mot.scenario_table, mot.contributions_table, mot.car_climate_table,
                 show_force):
        _call(func, a, b, lang=lang)


@SETTINGS
@given(e=NUMBERS, outcomes=st.one_of(PAIRS, ARRAYS, ANYTHING))
def test_the_force_with_random_numbers_and_shapes(lang, e, outcomes):
    for func in (mot.motivational_force, mot.outcome_contributions, mot.force_sensitivity, show_force):
        _call(func, e, outcomes, lang=lang)


@SETTINGS
@given(args=st.lists(st.one_of(NUMBERS, st.none(), NAMES), min_size=2, max_size=5))
def test_the_company_car_with_random_numbers(lang, args):
    _call(mot.company_car_force, *args, lang=lang)
    _call(mot.felt_valence, *args[:3], lang=lang)


@SETTINGS
@given(responses=st.dictionaries(st.sampled_from([i.id for i in mot.QUESTIONNAIRE] + ["zz"]),
                                 st.one_of(NUMBERS, st.none(), NAMES), max_size=20),
       scores=st.dictionaries(st.sampled_from(list(mot.FACTORS) + ["mood"]), NUMBERS, max_size=7))
def test_profiles_with_random_answers(lang, responses, scores):
    _call(mot.score_profile, responses, lang=lang)
    _call(mot.check_scores, scores, lang=lang)
    _call(mot.interpret_profile, scores, lang=lang)
    _call(mot.climate_from_profile, scores, lang=lang)


@SETTINGS
@given(reward=NAMES, measure=NAMES, statement_lang=LANGS)
def test_reward_effects_with_random_names(lang, reward, measure, statement_lang):
    _call(mot.crowding_effect, reward, measure, lang=lang)
    effect = mot.crowding_effect("performance_contingent", "self_report")
    _call(effect.statement, statement_lang, lang=lang)


@pytest.mark.parametrize("call, words_en, words_nb", [
    (lambda: mot.motivational_force(float("nan"), [(0.5, 0.5)]), "NaN", "NaN"),
    (lambda: mot.motivational_force(0.5, [(float("inf"), 0.5)]), "infinity", "uendelig"),
    (lambda: mot.motivational_force(None, [(0.5, 0.5)]), "None", "None"),
    (lambda: mot.motivational_force(0.5, np.zeros((3, 3))), "pair", "par"),
    (lambda: mot.motivational_force(0.5, np.float64(0.3)), "list of", "liste"),
    (lambda: mot.motivational_force(0.5, [(0.5, 0.5)] * 101), "at most 100", "høyst 100"),
    (lambda: mot.scenario("xyz"), "baseline, unreachable_budget", "baseline, unreachable_budget"),
    (lambda: mot.crowding_effect("cash", "free_choice"), "engagement_contingent", "engagement_contingent"),
    (lambda: mot.interpret_profile(dict.fromkeys(mot.FACTORS, 4.0), lang="de"), "nb, en", "nb, en"),
    (lambda: mot.car_climate_table("0.5"), "list of numbers", "liste med tall"),
    (lambda: mot.car_climate_table(range(10**9)), "at most 1,000", "høyst 1 000"),
    (lambda: mot.felt_valence(0.5, 1.2), "1.2", "1,2"),
    (lambda: mot.score_item("re3", 7.5), "7.5", "7,5"),
    (lambda: show_table("graph"), "inner_questions", "inner_questions"),
])
def test_named_bad_inputs_say_what_is_allowed_in_each_language(lang, call, words_en, words_nb):
    with pytest.raises(ValueError) as err:
        call()
    assert (words_nb if lang == "nb" else words_en) in str(err.value)
    assert _translated(str(err.value), lang)
