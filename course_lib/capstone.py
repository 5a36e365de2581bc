"""Module 06, the capstone: one motivation package for the sales manager, checked for coherence and scored.

The package gathers what the learner saved in modules 01-05 (progress store sections ``profiles``,
``budgets``, ``plans``, ``decision_rights``, ``delegation_levels``, ``digital_strategy``, ``investment_case``),
fills what is missing from the case when asked, runs six coherence checks across the parts (the
source's demand that top management weighs the parts so she gets no conflicting goals) and scores
the package against the rubric in ``content/capstone.yaml`` (weights visible, explained criterion
by criterion). Everything here is data in, data out: no widgets, no plots.

The code sits in :mod:`course_lib.capstone_parts` (the parts, the case's defaults, :func:`gather`),
:mod:`course_lib.capstone_checks` (the facts and the six checks), :mod:`course_lib.capstone_rubric`
(the score) and :mod:`course_lib.capstone_budget` (module 02's budget part); every name is
importable from this module.

The forecast behind the threshold check is module 02's pipeline forecast when the package has a
budget part (saved by the budget setter, filled from the case, or re-forecast on a leader's own
pipeline export with ``gather(pipeline=...)``): the chance that the team's sales over the budget's
horizon reach the plan's threshold share of the budget. Without a budget part it falls back on a
simpler model: the team's recent seller-months (new sales per seller) as the spread of what a month
brings, the probability being the share of those months at or above the plan's threshold (own team
CSV via ``cases.load_team(path)``). :func:`forecast_note` says in words which one was used.

Example:
    >>> from course_lib.i18n import set_language
    >>> set_language("en")
    >>> pkg = case_package()
    >>> sorted(f.check for f in coherence(pkg))[:2]
    ['controllability', 'ict_budget']
    >>> round(score(pkg).total, 1) < score(pkg).maximum
    True
"""
from __future__ import annotations

# The model lives in three modules (issue 9: modules of about 400 lines); every public name, and the
# private helpers other modules use, stay importable from here.
from .capstone_parts import (  # noqa: F401
    HER, ICT, PARTS, PHASES, REFLECTION_ID, SEAT, SECTIONS, TEAM_DECISIONS, Package, _check_content, _clean,
    _latest, _pipeline, _team, case_package, case_part, data, gather, part_info, save_phase,
)
from .capstone_checks import (  # noqa: F401
    CHECKS, Finding, _conditions, _decision, _finding, _join, _kpi, _role, _role_in_sentence, _role_short,
    addressed_questions, bonus_measures, budget_reachable, check_controllability, check_ict, check_phase,
    check_seat, check_threshold, check_weakest, coherence, coherent_case, forecast_note, forecast_source,
    her_cell, holder, measured_kpis, plan_weights, quota_probability, threshold_probability, weakest_question,
)
from .capstone_rubric import (  # noqa: F401
    Criterion, Score, _words, criterion_shares, missing_parts, rubric_table, score,
)


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
