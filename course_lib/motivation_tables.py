"""The tables module 01 shows (plain values with stable column ids; ``widgets.motivation.show_table``
formats them in the learner's language). Kept apart so ``course_lib.motivation`` reads as the model.

Example:
    >>> from course_lib.motivation import scenario_table
    >>> list(scenario_table(["baseline"], lang="en").columns[:3])
    ['scenario', 'E', 'bonus_I']
"""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from .i18n import pick

MAX_ROWS = 1000


def inner_questions_table(lang: str | None = None) -> pd.DataFrame:
    """The inner questions: name, question, theories, what it touches, levers of top management and
    what the sellers can do.

    Example:
        >>> inner_questions_table(lang="en").shape
        (6, 6)
    """
    lang = mot._lang(lang)
    rows = []
    for q in mot.INNER_QUESTIONS.values():
        theories = [pick(mot.THEORIES[x], lang) for x in (q.theory, *q.related)]
        rows.append({"factor": pick(q.name, lang), "question": pick(q.question, lang),
                     "theory": "; ".join(theories), "link": pick(q.link, lang),
                     "levers": "; ".join(pick(x, lang) for x in q.levers),
                     "seller_levers": "; ".join(pick(x, lang) for x in q.seller_levers)})
    return pd.DataFrame(rows)


def _scenarios(scenario_ids) -> list:
    if scenario_ids is None:
        return list(mot.SCENARIOS.values())
    return mot._ids(scenario_ids, mot.scenario, "motivation.table.ids_type", MAX_ROWS)


def scenario_table(scenario_ids: Sequence[str] | None = None, lang: str | None = None) -> pd.DataFrame:
    """The scenarios with E, each outcome's I and V, and M.

    Example:
        >>> scenario_table(lang="en").shape[0] == len(mot.SCENARIOS)
        True
    """
    lang = mot._lang(lang)
    rows = []
    for s in _scenarios(scenario_ids):
        row = {"scenario": pick(s.name, lang), "E": s.expectancy}
        for o in mot.OUTCOMES:
            row[f"{o}_I"], row[f"{o}_V"] = s.outcomes[o]
        row["M"] = s.force()
        rows.append(row)
    return pd.DataFrame(rows)


def contributions_table(scenario_ids: Sequence[str] = ("baseline", "second_manager", "seller_view"),
                        lang: str | None = None) -> pd.DataFrame:
    """Each outcome's contribution E*I*V to M, one column per scenario (rows: outcomes, then M).

    Example:
        >>> table = contributions_table(lang="en")
        >>> float(table["baseline"].iloc[-1]) == mot.SCENARIOS["baseline"].force()
        True
    """
    lang = mot._lang(lang)
    scenarios = _scenarios(scenario_ids)
    rows = {o: {"outcome": pick(name, lang)} for o, name in mot.OUTCOMES.items()}
    rows["M"] = {"outcome": "M"}
    for s in scenarios:
        for o, value in zip(mot.OUTCOMES, mot.outcome_contributions(s.expectancy, s.pairs())):
            rows[o][s.id] = value
        rows["M"][s.id] = s.force()
    return pd.DataFrame(list(rows.values()))


def car_climate_table(climates: Sequence[float] = (0.0, 0.25, 0.5, 0.75, 1.0), lang: str | None = None,
                      *, expectancy: float = 0.7, valence: float = 0.6, floor: float | None = None) -> pd.DataFrame:
    """The company car across climates: felt valence, M as an unconditional gift (I = 0) and M when it
    is promised for reaching the budget (I = 1), with the teaching model :func:`felt_valence`.

    Example:
        >>> table = car_climate_table(lang="en")
        >>> table.shape, float(table["force_gift"].abs().max())
        ((5, 4), 0.0)
    """
    mot._lang(lang)
    values = mot._ids(climates, lambda c: c, "motivation.table.climates_type", MAX_ROWS)
    return pd.DataFrame([{"climate": mot.felt_valence(1.0, c, 0.0),  # validates c, returns it cleaned
                          "felt_valence": mot.felt_valence(valence, c, floor),
                          "force_gift": mot.company_car_force(c, expectancy, 0.0, valence, floor),
                          "force": mot.company_car_force(c, expectancy, 1.0, valence, floor)} for c in values],
                        columns=["climate", "felt_valence", "force_gift", "force"])


def crowding_table(lang: str | None = None) -> pd.DataFrame:
    """The effects of Deci, Koestner & Ryan (1999) with U3 and a plain-language reading.

    Example:
        >>> len(crowding_table(lang="en")) == len(mot.valid_crowding_combinations())
        True
    """
    lang = mot._lang(lang)
    rows = []
    for reward, measure in mot.valid_crowding_combinations():
        e = mot.crowding_effect(reward, measure)
        rows.append({"reward": pick(mot.REWARD_TYPES[reward], lang),
                     "measure": pick(mot.MEASURES_SHORT[measure], lang),
                     "d": e.d, "u3": e.u3, "meaning": e.statement(lang)})
    return pd.DataFrame(rows)


# Imported last: course_lib.motivation re-exports these tables at its end, so importing this module on its
# own must leave every name above defined before motivation runs (the functions use ``mot`` only when called).
from . import motivation as mot  # noqa: E402
