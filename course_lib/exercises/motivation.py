"""Computational exercises for module 01: the learner codes a number, a check explains it.

* :func:`check_force`: M for the "quiet quarter" case (``FORCE_CASE``) with Vroom's formula.
* :func:`check_recognition_score`: the recognition score from three answers, one reverse-keyed
  (``RECOGNITION_ANSWERS``).
* :func:`check_car_force`: M from the company car alone when its value is read through a poor
  climate (the teaching model :func:`course_lib.motivation.felt_valence`).

Each check treats ``...`` or ``None`` as "not answered yet", recognises the typical slips and
records the attempt.

Example:
    >>> check_force(expected_force(), record=False).correct
    True
"""
from __future__ import annotations

from .. import motivation as mot
from .computed import CheckResult, check_number

# --------------------------------------------------------------------------- M for a case

#: E and (I, V) per outcome for the exercise "compute M".
FORCE_CASE = {
    "expectancy": 0.6,
    "outcomes": {
        "bonus": (0.9, 0.5),
        "recognition": (0.5, 0.8),
        "promotion": (0.2, 0.6),
        "company_car": (1.0, 0.2),
    },
}


def expected_force() -> float:
    """The right M for :data:`FORCE_CASE` (0.702)."""
    return mot.motivational_force(FORCE_CASE["expectancy"], list(FORCE_CASE["outcomes"].values()))


def force_mistakes() -> list[tuple[float, dict[str, str]]]:
    """Typical wrong values of M for :data:`FORCE_CASE`, each explained."""
    e = FORCE_CASE["expectancy"]
    pairs = list(FORCE_CASE["outcomes"].values())
    total = sum(i * v for i, v in pairs)
    product = e
    for i, v in pairs:
        product *= i * v
    return [
        (total, {"nb": "Dette er summen av I × V. Husk å gange den med forventningen E.",
                 "en": "That is the sum of I × V. Remember to multiply it by the expectancy E."}),
        (e * total / len(pairs), {"nb": "Du har tatt snittet av utfallene. Vroom legger dem sammen.",
                                  "en": "You took the mean of the outcomes. Vroom adds them up."}),
        (e + total, {"nb": "Du har lagt E til summen. E skal ganges med summen.",
                     "en": "You added E to the sum. E multiplies the sum."}),
        (product, {"nb": "Du har ganget alle leddene sammen. Utfallene skal legges sammen før du ganger med E.",
                   "en": "You multiplied all the terms together. The outcomes are added before multiplying by E."}),
        (e * pairs[0][0] * pairs[0][1], {"nb": "Dette er bare bonusen. Ta med alle fire utfallene.",
                                         "en": "That is the bonus alone. Include all four outcomes."}),
        (e * sum(i + v for i, v in pairs), {"nb": "Du har lagt I og V sammen. For hvert utfall skal de ganges.",
                                            "en": "You added I and V. For each outcome they are multiplied."}),
    ]


def check_force(value, *, record: bool = True) -> CheckResult:
    """Check the learner's ``M`` for :data:`FORCE_CASE` (within 0.001).

    Example:
        >>> check_force(..., record=False).correct is None
        True
    """
    return check_number("motivation.code_force", value, expected_force(), name="M", rel_tol=0.0, abs_tol=1e-3,
                        mistakes=force_mistakes(), record=record)


# --------------------------------------------------------------------------- a factor score

#: Answers (1..7) on the three recognition items; ``re3`` is reverse-keyed.
RECOGNITION_ANSWERS = {"re1": 5, "re2": 4, "re3": 6}


def expected_recognition_score() -> float:
    """The right recognition score for :data:`RECOGNITION_ANSWERS` (11/3)."""
    values = [mot.score_item(mot.ITEMS[k], v) for k, v in RECOGNITION_ANSWERS.items()]
    return sum(values) / len(values)


def recognition_mistakes() -> list[tuple[float, dict[str, str]]]:
    raw = list(RECOGNITION_ANSWERS.values())
    reversed_wrong = [7 - v if mot.ITEMS[k].reverse else v for k, v in RECOGNITION_ANSWERS.items()]
    right = [mot.score_item(mot.ITEMS[k], v) for k, v in RECOGNITION_ANSWERS.items()]
    return [
        (sum(raw) / len(raw), {"nb": "Du har ikke snudd re3. Et omvendt utsagn teller som 8 minus svaret.",
                               "en": "You did not reverse re3. A reverse-keyed item counts as 8 minus the answer."}),
        (sum(reversed_wrong) / 3, {"nb": "Du har snudd med 7 minus svaret. På en skala fra 1 til 7 blir det 8 minus svaret (1 blir 7, 7 blir 1).",
                                   "en": "You reversed with 7 minus the answer. On a 1-to-7 scale it is 8 minus the answer (1 becomes 7, 7 becomes 1)."}),
        (float(sum(right)), {"nb": "Dette er summen. Skåren er snittet av de tre leddene.",
                             "en": "That is the sum. The score is the mean of the three items."}),
    ]


def check_recognition_score(value, *, record: bool = True) -> CheckResult:
    """Check the learner's ``recognition_score`` for :data:`RECOGNITION_ANSWERS` (within 0.01).

    Example:
        >>> check_recognition_score(11 / 3, record=False).correct
        True
    """
    return check_number("motivation.code_recognition", value, expected_recognition_score(),
                        name="recognition_score", rel_tol=0.0, abs_tol=0.01,
                        mistakes=recognition_mistakes(), record=record)


# --------------------------------------------------------------------------- the company car

#: The company-car case: E, I and the car's nominal valence, with a poor climate.
CAR_CASE = {"expectancy": 0.7, "instrumentality": 1.0, "valence": 0.6, "climate": 0.2, "floor": 0.25}


def expected_car_force() -> float:
    """The right M for :data:`CAR_CASE` with the teaching model (0.168)."""
    c = CAR_CASE
    return mot.company_car_force(c["climate"], c["expectancy"], c["instrumentality"], c["valence"], c["floor"])


def car_mistakes() -> list[tuple[float, dict[str, str]]]:
    c = CAR_CASE
    return [
        (c["expectancy"] * c["instrumentality"] * c["valence"],
         {"nb": "Dette er M med bilens nominelle verdi. Verdien skal først leses gjennom klimaet med felt_valence.",
          "en": "That is M with the car's nominal value. Read the value through the climate first with felt_valence."}),
        (c["expectancy"] * c["valence"] * c["climate"],
         {"nb": "Du har ganget med klimaet alene og glemt gulvet: faktoren er gulv + (1 − gulv) × klima.",
          "en": "You multiplied by the climate alone and forgot the floor: the factor is floor + (1 − floor) × climate."}),
        (mot.felt_valence(c["valence"], c["climate"], c["floor"]),
         {"nb": "Dette er den opplevde valensen. M får du ved å gange med E og I.",
          "en": "That is the felt valence. Multiply by E and I to get M."}),
    ]


def check_car_force(value, *, record: bool = True) -> CheckResult:
    """Check the learner's ``M_car`` for :data:`CAR_CASE` (within 0.001).

    Example:
        >>> check_car_force(0.42, record=False).correct
        False
    """
    return check_number("motivation.code_car", value, expected_car_force(), name="M_car", rel_tol=0.0,
                        abs_tol=1e-3, mistakes=car_mistakes(), record=record)


# --------------------------------------------------------------------------- the cases as the learner sees them


def show_case(name: str, lang: str | None = None):
    """The numbers of an exercise case as a learner table (``"force"`` or ``"car"``), in the language's format.

    Example:
        >>> show_case("force", lang="en").frame.iloc[0].tolist()
        ['Bonus', '0.9', '0.5']
    """
    import pandas as pd

    from ..i18n import invalid, pick
    from ..tables import learner_table

    if name == "force":
        rows = [{"outcome": pick(mot.OUTCOMES[o], lang), "I": i, "V": v}
                for o, (i, v) in FORCE_CASE["outcomes"].items()]
        return learner_table(pd.DataFrame(rows), labels={"outcome": "motivation.table.outcome"},
                             formats={"I": "plain", "V": "plain"}, lang=lang,
                             caption=_caption("motivation.exercise.force_case", e=FORCE_CASE["expectancy"]))
    if name == "car":
        return learner_table(dict(CAR_CASE), formats=dict.fromkeys(CAR_CASE, "plain"), lang=lang,
                             labels={k: f"motivation.exercise.car_{k}" for k in CAR_CASE})
    raise invalid("motivation.table.unknown", value=repr(name), valid="force, car")


def _caption(key, **values):
    from ..i18n import LANGUAGES, t

    return {code: t(key, lang=code, **values) for code in LANGUAGES}
