"""Intrinsic and extrinsic motivation of the sales manager: profile, expectancy, rewards.

The source text (Kunøe & Berntsen, "Hvordan motivere salgssjefen din?") says that what changes a
sales manager's behaviour is how she answers six inner questions, and that the extrinsic rewards
top management controls (pay, bonus, a company car) are *read through* her intrinsic motivation.
This module turns that into four small models:

* the **profile**: the six inner questions and a 1-7 questionnaire (:func:`score_profile`,
  :func:`interpret_profile`). The questionnaire was written for this course; it is *not* a
  validated scale.
* **expectancy theory**: Vroom's (1964) force ``M = E * sum_k(I_k * V_k)``
  (:func:`motivational_force`).
* the **company car**: a *teaching model* (not a measured law) of how the value of a reward is
  discounted when the intrinsic climate is poor (:func:`felt_valence`).
* **rewards and intrinsic motivation**: the effect sizes of Deci, Koestner & Ryan (1999)
  (:func:`crowding_effect`), read with Cohen's U3 (:func:`u3`, :func:`describe_effect`).

The content (questions, levers, questionnaire, scenarios, reward data) lives in
``course_lib/content/motivation.yaml`` and is loaded once through :mod:`course_lib.content`; the
public names (``INNER_QUESTIONS``, ``QUESTIONNAIRE``, ``SCENARIOS``, ...) are built from it on
first use. Every public function rejects bad input with a translated ``ValueError``.

Example:
    >>> from course_lib.motivation import motivational_force
    >>> motivational_force(0.5, [(1.0, 0.8), (0.5, 0.4)])
    0.5
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from .i18n import format_number, format_percent, invalid, pick, t
from .motivation_content import (  # noqa: F401 - the content's shapes and the input checks
    TOPIC, InnerQuestion, Item, Scenario, _check_name, _check_unit, _clean, _ids, _is_number, _lang, _shown,
    catalogue as _c)

LIKERT_MIN, LIKERT_MAX = 1, 7
#: Score bands: below 3.5 is ``low``, 5.5 and above is ``high``, between is ``middle`` (the course's choice).
LEVEL_LIMITS = (3.5, 5.5)
LEVELS = ("low", "middle", "high")
MAX_OUTCOMES = 100  # a force over more outcomes than this is not a teaching case but a mistake

_PUBLIC = ("THEORIES", "INNER_QUESTIONS", "FACTORS", "QUESTIONNAIRE", "ITEMS", "OUTCOMES", "SCENARIOS",
           "CLIMATE_FACTORS", "VALENCE_MODEL_ASSUMPTIONS", "DECI_1999", "REWARD_TYPES", "MEASURES",
           "MEASURES_SHORT")


def __getattr__(name: str):
    """Content names (``mot.INNER_QUESTIONS`` ...) are read from the content on first use."""
    if name in _PUBLIC:
        return getattr(_c(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------- the profile


def items_for(factor: str) -> tuple[Item, ...]:
    """The questionnaire items that measure ``factor``.

    Example:
        >>> [i.id for i in items_for("recognition")]
        ['re1', 're2', 're3']
    """
    _check_factor(factor)
    return tuple(item for item in _c().QUESTIONNAIRE if item.factor == factor)


def _check_factor(factor) -> str:
    if not isinstance(factor, str) or factor not in _c().INNER_QUESTIONS:
        raise invalid("motivation.profile.unknown_factor", factor=_shown(factor), valid=", ".join(_c().FACTORS))
    return factor


def score_item(item: Item | str, response) -> int:
    """The item's contribution: the response, or ``8 - response`` for a reverse-keyed item.

    Example:
        >>> score_item("re3", 2)
        6
    """
    if not isinstance(item, Item):
        item = _c().ITEMS[_check_name(item, _c().ITEMS, "motivation.profile.unknown_item_id")]
    if (not _is_number(response) or not math.isfinite(float(response))
            or float(response) != int(response) or not LIKERT_MIN <= response <= LIKERT_MAX):
        raise invalid("motivation.profile.response_range", item=item.id, value=_shown(response),
                      low=LIKERT_MIN, high=LIKERT_MAX)
    value = int(response)
    return LIKERT_MIN + LIKERT_MAX - value if item.reverse else value


def score_profile(responses: Mapping[str, int]) -> dict[str, float]:
    """Score the questionnaire: the mean of each factor's items after reversing reverse-keyed ones.

    ``responses`` maps every item id to an integer 1..7. Returns ``{factor_id: score}`` in the order
    of the inner questions, each score in [1, 7].

    Example:
        >>> from course_lib.motivation import QUESTIONNAIRE
        >>> answers = {item.id: 4 for item in QUESTIONNAIRE}
        >>> answers["re3"] = 1          # "my effort is taken for granted": strongly disagree
        >>> score_profile(answers)["recognition"]
        5.0
    """
    if not isinstance(responses, Mapping):
        raise invalid("motivation.profile.not_mapping", value=type(responses).__name__)
    items = _c().ITEMS
    unknown = sorted(repr(k) if not isinstance(k, str) else k for k in responses if k not in items)
    if unknown:
        raise invalid("motivation.profile.unknown_item", item=", ".join(unknown), valid=", ".join(items))
    missing = [item_id for item_id in items if item_id not in responses]
    if missing:
        raise invalid("motivation.profile.missing_items", items=", ".join(missing))
    scores = {}
    for factor in _c().FACTORS:
        values = [score_item(item, responses[item.id]) for item in items_for(factor)]
        scores[factor] = _clean(sum(values) / len(values))
    return scores


def check_scores(scores: Mapping[str, float]) -> dict[str, float]:
    """Validate a profile ``{factor: score}`` (all factors, each in [1, 7]); return it ordered.

    Example:
        >>> from course_lib.motivation import FACTORS
        >>> check_scores(dict.fromkeys(FACTORS, 4))["recognition"]
        4.0
    """
    if not isinstance(scores, Mapping):
        raise invalid("motivation.profile.not_mapping", value=type(scores).__name__)
    for factor in scores:
        _check_factor(factor)
    missing = [f for f in _c().FACTORS if f not in scores]
    if missing:
        raise invalid("motivation.profile.missing_factors", factors=", ".join(missing))
    return {f: _check_unit(scores[f], "motivation.profile.score_range", LIKERT_MIN, LIKERT_MAX, factor=f,
                           low=LIKERT_MIN, high=LIKERT_MAX) for f in _c().FACTORS}


def level(score: float) -> str:
    """``"low"``, ``"middle"`` or ``"high"`` for a factor score on the 1..7 scale.

    Example:
        >>> level(3.0), level(4.5), level(6.0)
        ('low', 'middle', 'high')
    """
    score = _check_unit(score, "motivation.profile.score_range", LIKERT_MIN, LIKERT_MAX, factor="?",
                        low=LIKERT_MIN, high=LIKERT_MAX)
    low, high = LEVEL_LIMITS
    return "low" if score < low else "high" if score >= high else "middle"


@dataclass(frozen=True)
class Interpretation:
    """What a factor score means, and what top management and the sellers can do about it."""

    factor: str
    name: str
    question: str
    score: float
    level: str
    text: str
    theory: str
    levers: tuple[str, ...] = ()
    seller_levers: tuple[str, ...] = ()


def interpret_profile(scores: Mapping[str, float], lang: str | None = None) -> list[Interpretation]:
    """Interpret each factor score, weakest first (where top management should look first).

    Example:
        >>> from course_lib.motivation import FACTORS
        >>> scores = dict.fromkeys(FACTORS, 6.0); scores["goal_attainability"] = 2.0
        >>> first = interpret_profile(scores, lang="en")[0]
        >>> first.factor, first.level, first.name
        ('goal_attainability', 'low', 'Goal management')
    """
    lang = _lang(lang)
    out = []
    for factor, score in check_scores(scores).items():
        q, lvl = _c().INNER_QUESTIONS[factor], level(score)
        out.append(Interpretation(
            factor, pick(q.name, lang), pick(q.question, lang), score, lvl, pick(q.interpretation[lvl], lang),
            pick(_c().THEORIES[q.theory], lang), tuple(pick(x, lang) for x in q.levers),
            tuple(pick(x, lang) for x in q.seller_levers)))
    order = {f: i for i, f in enumerate(_c().FACTORS)}
    return sorted(out, key=lambda it: (it.score, order[it.factor]))


# --------------------------------------------------------------------------- expectancy theory


def _check_outcomes(outcomes) -> list[tuple[float, float]]:
    if isinstance(outcomes, (str, bytes, Mapping)) or not isinstance(outcomes, Iterable):
        raise invalid("motivation.force.outcomes_type", value=_shown(outcomes))
    pairs = _ids(outcomes, lambda pair: pair, "motivation.force.outcomes_type", MAX_OUTCOMES,
                 "motivation.force.too_many")
    checked = []
    for index, pair in enumerate(pairs, start=1):
        try:
            i, v = (pair if not isinstance(pair, (str, bytes, Mapping, set, frozenset)) else ())
        except (TypeError, ValueError):  # not a pair: a number, a 0-d array, three values ...
            raise invalid("motivation.force.outcome_pair", index=index, value=_shown(pair)) from None
        checked.append((_check_unit(i, "motivation.force.instrumentality_range", -1.0, 1.0, index=index),
                        _check_unit(v, "motivation.force.valence_range", -1.0, 1.0, index=index)))
    if not checked:
        raise invalid("motivation.force.no_outcomes")
    return checked


def outcome_contributions(expectancy: float, outcomes: Sequence[tuple[float, float]]) -> list[float]:
    """Each outcome's share of the force, ``E * I_k * V_k`` (they sum to :func:`motivational_force`).

    Example:
        >>> outcome_contributions(0.5, [(1.0, 0.8), (0.5, 0.4)])
        [0.4, 0.1]
    """
    e = _check_unit(expectancy, "motivation.force.expectancy_range", 0.0, 1.0)
    return [_clean(e * i * v) for i, v in _check_outcomes(outcomes)]


def motivational_force(expectancy: float, outcomes: Sequence[tuple[float, float]]) -> float:
    """Vroom's (1964) motivational force ``M = E * sum_k(I_k * V_k)``.

    ``expectancy`` is E in [0, 1], the belief that effort leads to performance; ``outcomes`` are
    ``(instrumentality, valence)`` pairs, each in [-1, 1] (one pair gives ``M = E * I * V``). M is 0
    whenever E is 0 (no reward moves someone who does not believe she can reach the goal) and for
    every outcome with I = 0 (a gift that does not depend on the result adds nothing).

    Example:
        >>> motivational_force(0.8, [(0.5, 1.0)])
        0.4
        >>> motivational_force(0.7, [(0.8, 0.6), (0.6, 0.7)])
        0.63
    """
    e = _check_unit(expectancy, "motivation.force.expectancy_range", 0.0, 1.0)
    return _clean(e * math.fsum(i * v for i, v in _check_outcomes(outcomes)))


@dataclass(frozen=True)
class Sensitivity:
    """How much M rises per unit rise of E, of each I_k and of each V_k (partial derivatives)."""

    expectancy: float
    instrumentality: tuple[float, ...]
    valence: tuple[float, ...]


def force_sensitivity(expectancy: float, outcomes: Sequence[tuple[float, float]]) -> Sensitivity:
    """Partial derivatives of M: ``dM/dE = sum(I*V)``, ``dM/dI_k = E*V_k``, ``dM/dV_k = E*I_k``.

    Example:
        >>> s = force_sensitivity(0.1, [(0.8, 0.6)])
        >>> s.expectancy, s.valence
        (0.48, (0.08,))
    """
    e = _check_unit(expectancy, "motivation.force.expectancy_range", 0.0, 1.0)
    pairs = _check_outcomes(outcomes)
    return Sensitivity(_clean(math.fsum(i * v for i, v in pairs)), tuple(_clean(e * v) for _, v in pairs),
                       tuple(_clean(e * i) for i, _ in pairs))


def scenario(scenario_id: str) -> Scenario:
    """The scenario with this id; a translated ``ValueError`` listing the valid ids otherwise.

    Example:
        >>> scenario("baseline").expectancy
        0.7
    """
    return _c().SCENARIOS[_check_name(scenario_id, _c().SCENARIOS, "motivation.widget.unknown_scenario")]


# --------------------------------------------------------------------------- the company car: valence read through the climate


def felt_valence(valence: float, climate: float, floor: float | None = None) -> float:
    """Teaching model: the value a reward has *for her*, read through her intrinsic climate.

    ``felt = valence * (floor + (1 - floor) * climate)``: with ``climate = 1`` the reward keeps its
    nominal valence, with ``climate = 0`` only the ``floor`` share is left (0.25 unless the content
    says otherwise). The linear, multiplicative form is an assumption (``VALENCE_MODEL_ASSUMPTIONS``).

    Example:
        >>> felt_valence(0.8, climate=1.0), felt_valence(0.8, climate=0.0)
        (0.8, 0.2)
    """
    v = _check_unit(valence, "motivation.valence.valence_range", -1.0, 1.0)
    c = _check_unit(climate, "motivation.valence.climate_range", 0.0, 1.0)
    f = _check_unit(_c().VALENCE_FLOOR if floor is None else floor, "motivation.valence.floor_range", 0.0, 1.0)
    return _clean(v * (f + (1.0 - f) * c))


def climate_from_profile(scores: Mapping[str, float]) -> float:
    """Teaching model: climate in [0, 1], the rescaled mean of the climate factors (1 -> 0, 7 -> 1).

    Example:
        >>> from course_lib.motivation import FACTORS
        >>> climate_from_profile(dict.fromkeys(FACTORS, 4.0))
        0.5
    """
    checked = check_scores(scores)
    mean = sum(checked[f] for f in _c().CLIMATE_FACTORS) / len(_c().CLIMATE_FACTORS)
    return _clean((mean - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN))


def company_car_force(climate: float, expectancy: float = 0.7, instrumentality: float = 1.0,
                      valence: float = 0.6, floor: float | None = None) -> float:
    """M from a company car alone, its value read through the climate (teaching model).

    ``instrumentality = 1`` (the default) is a car *promised for reaching the budget*. The car of the
    story is an unconditional gift, ``instrumentality = 0``: M is 0 whatever the car is worth.

    Example:
        >>> company_car_force(1.0) > 2 * company_car_force(0.1), company_car_force(1.0, instrumentality=0)
        (True, 0.0)
    """
    return motivational_force(expectancy, [(instrumentality, felt_valence(valence, climate, floor))])


# --------------------------------------------------------------------------- rewards and intrinsic motivation


@dataclass(frozen=True)
class CrowdingEffect:
    """One effect of a reward type on a measure of intrinsic motivation. ``d`` and ``u3`` are
    ``None`` when the meta-analysis found no significant effect."""

    reward_type: str
    measure: str
    d: float | None
    u3: float | None
    source: str = "Deci, Koestner & Ryan (1999)"

    @property
    def significant(self) -> bool:
        return self.d is not None

    def statement(self, lang: str | None = None) -> str:
        """The effect in plain language (see :func:`describe_effect`)."""
        lang = _lang(lang)
        if self.d is None:
            reward = pick(_c().REWARD_TYPES[self.reward_type], lang).split(" (")[0]
            return t("motivation.effect.not_significant", lang=lang, reward=reward.lower(),
                     measure=pick(_c().MEASURES_SHORT[self.measure], lang).lower())
        return describe_effect(self.d, lang=lang)


def valid_crowding_combinations() -> list[tuple[str, str]]:
    """The ``(reward_type, measure)`` pairs the course reports, in the order of the content."""
    return list(_c().CROWDING_D)


def crowding_effect(reward_type: str, measure: str) -> CrowdingEffect:
    """The effect of a reward type on intrinsic motivation (Deci, Koestner & Ryan, 1999).

    Negative d: the rewarded group showed *less* intrinsic motivation afterwards than the group
    without reward. Performance-contingent rewards had no significant effect on self-reported
    interest: that effect comes back with ``d = None`` and a statement saying so.

    Example:
        >>> e = crowding_effect("engagement_contingent", "free_choice")
        >>> e.d, round(e.u3, 3), crowding_effect("performance_contingent", "self_report").significant
        (-0.4, 0.345, False)
    """
    reward_type = _check_name(reward_type, _c().REWARD_TYPES, "motivation.crowding.unknown_reward")
    measure = _check_name(measure, _c().MEASURES, "motivation.crowding.unknown_measure")
    d = _c().CROWDING_D[(reward_type, measure)]
    return CrowdingEffect(reward_type, measure, d, None if d is None else u3(d), _c().DECI_1999)


def u3(d: float) -> float:
    """Cohen's (1988, p. 23) U3 = Phi(d): the share of the comparison group below the treated group's
    mean, for two normal distributions with equal spread. 0.5 means no difference.

    Example:
        >>> round(u3(-0.40), 6)
        0.344578
    """
    if not _is_number(d) or not math.isfinite(float(d)):
        raise invalid("motivation.crowding.d_number", value=_shown(d))
    return 0.5 * (1.0 + math.erf(float(d) / math.sqrt(2.0)))


def effect_size_label(d: float, lang: str | None = None) -> str:
    """Cohen's conventional words for |d|: under 0.2 very small, 0.2 small, 0.5 medium, 0.8 large."""
    u3(d)
    size = abs(float(d))
    band = "very_small" if size < 0.2 else "small" if size < 0.5 else "medium" if size < 0.8 else "large"
    return t(f"motivation.effect.size.{band}", lang=_lang(lang))


def describe_effect(d: float, lang: str | None = None) -> str:
    """Cohen's d in plain language, through U3.

    Example:
        >>> print(describe_effect(-0.40, lang="en"))  # doctest: +ELLIPSIS
        The average person who got the reward ended up below 66% of those who got none...
    """
    share, lang = u3(d), _lang(lang)
    values = dict(size=effect_size_label(d, lang), d=format_number(d, 2, lang))
    if abs(d) < 1e-12:
        return t("motivation.effect.none", lang=lang, **values)
    if d < 0:
        return t("motivation.effect.negative", lang=lang, pct=format_percent(1 - share, 0, lang), **values)
    return t("motivation.effect.positive", lang=lang, pct=format_percent(share, 0, lang), **values)


from .motivation_tables import (  # noqa: E402,F401  - the notebook's tables, kept apart from the model
    car_climate_table, contributions_table, crowding_table, inner_questions_table, scenario_table)
