"""Intrinsic and extrinsic motivation of the sales manager: profile, expectancy, rewards.

The source text (Kunøe & Berntsen, "Hvordan motivere salgssjefen din?") says that what changes a
sales manager's behaviour is how she answers six inner questions, and that the extrinsic rewards
top management controls (pay, bonus, a company car) are *read through* her intrinsic motivation.
This module turns that into four small models:

* :data:`INNER_QUESTIONS` and :data:`QUESTIONNAIRE` with :func:`score_profile` and
  :func:`interpret_profile`: a motivation profile on the six questions, each mapped to a theory
  (self-determination theory, expectancy theory, self-efficacy, Herzberg) and to the levers top
  management holds. The questionnaire was written for this course; it is *not* a validated scale.
* :func:`motivational_force`: Vroom's (1964) force ``M = E * sum_k(I_k * V_k)``.
* :func:`felt_valence`: a *teaching model* (not a measured law) of how the value of an extrinsic
  reward is discounted when the intrinsic climate is poor (the company-car example).
* :func:`crowding_effect`: the effect sizes of Deci, Koestner & Ryan (1999) for rewards on
  intrinsic motivation, with :func:`u3` and :func:`describe_effect` to read them.

No widgets or plots here; every user-facing text is bilingual.

Example:
    >>> from course_lib.motivation import motivational_force
    >>> round(motivational_force(0.5, [(1.0, 0.8), (0.5, 0.4)]), 3)
    0.5
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from .i18n import format_number, format_percent, invalid, pick, t

# --------------------------------------------------------------------------- theories

THEORIES: dict[str, dict[str, str]] = {
    "sdt": {"nb": "Selvbestemmelsesteori (Deci & Ryan)", "en": "Self-determination theory (Deci & Ryan)"},
    "expectancy": {"nb": "Forventningsteori (Vroom)", "en": "Expectancy theory (Vroom)"},
    "self_efficacy": {"nb": "Mestringstro (Bandura)", "en": "Self-efficacy (Bandura)"},
    "herzberg": {"nb": "Tofaktorteorien (Herzberg)", "en": "Two-factor theory (Herzberg)"},
    "goal_setting": {"nb": "Målsettingsteori (Locke & Latham)", "en": "Goal-setting theory (Locke & Latham)"},
}


@dataclass(frozen=True)
class InnerQuestion:
    """One of the six inner questions of the source text.

    ``theory`` is the primary theory id (a key of :data:`THEORIES`), ``related`` further ones;
    ``link`` says in words which construct of the theory the question touches; ``levers`` are what
    top management can change; ``seller_levers`` what her sellers can do (the source says both sides
    should motivate her).
    """

    id: str
    name: Mapping[str, str]
    question: Mapping[str, str]
    theory: str
    related: tuple[str, ...]
    link: Mapping[str, str]
    levers: tuple[Mapping[str, str], ...]
    seller_levers: tuple[Mapping[str, str], ...] = ()

    def label(self, lang: str | None = None) -> str:
        """The factor's name in the current (or given) language."""
        return pick(self.name, lang)


def _q(id, name, question, theory, related, link, levers, seller_levers=()):
    return InnerQuestion(id, name, question, theory, tuple(related), link, tuple(levers), tuple(seller_levers))


#: The six inner questions, keyed by stable id, in the order of the source text. The names are the
#: source's own (in English: Self-realisation, Goal management, Personal character, Incentive, Sales
#: culture, Recognition); the theory each one is read through stands beside the name, never instead.
INNER_QUESTIONS: dict[str, InnerQuestion] = {
    q.id: q
    for q in (
        _q(
            "self_realisation",
            {"nb": "Selvrealisering", "en": "Self-realisation"},
            {"nb": "Er det dette jeg egentlig vil drive med?", "en": "Is this what I really want to be doing?"},
            "sdt", ["herzberg"],
            {"nb": "Autonomi og indre motivasjon i selvbestemmelsesteorien; «selve arbeidet» hos Herzberg.",
             "en": "Autonomy and intrinsic motivation in self-determination theory; Herzberg's 'work itself'."},
            [
                {"nb": "Beslutningsmyndighet over hvordan salgsavdelingen drives",
                 "en": "Decision rights over how the sales department is run"},
                {"nb": "En rolle hun kan forme selv", "en": "A role she can shape herself (role design)"},
                {"nb": "En plass i toppledergruppen", "en": "A seat in the top management group"},
            ],
            [
                {"nb": "Ta henne med i kundesaker der hun kan bruke det hun er god på",
                 "en": "Bring her into customer cases where she can use what she is good at"},
                {"nb": "Si fra om hva de trenger av henne, så hun ser hva rollen betyr",
                 "en": "Tell her what they need from her, so she sees what the role is for"},
            ],
        ),
        _q(
            "goal_attainability",
            {"nb": "Målstyring", "en": "Goal management"},
            {"nb": "Er det mulig for meg å nå disse målene?", "en": "Is it possible for me to reach these goals?"},
            "goal_setting", ["expectancy"],
            {"nb": "Målsettingsteorien: konkrete, krevende mål hun har forpliktet seg til, gir høyere prestasjon "
                   "så lenge hun tror de kan nås; den troen er forventningen E hos Vroom.",
             "en": "Goal-setting theory: specific, demanding goals she is committed to raise performance as long "
                   "as she believes they can be reached; that belief is Vroom's expectancy E."},
            [
                {"nb": "Konkrete, krevende og realistiske mål, satt sammen med henne i toppledergruppen",
                 "en": "Specific, demanding and realistic goals, set with her in the top management group"},
                {"nb": "Verktøy og tid til å planlegge, gjennomføre og kontrollere (modul 02)",
                 "en": "Tools and time to plan, execute and control (module 02)"},
                {"nb": "Myndighet over innsatsfaktorene hun måles på", "en": "Authority over the inputs she is measured on"},
            ],
            [
                {"nb": "Ærlige prognoser og et oppdatert CRM, så planen bygger på riktige tall",
                 "en": "Honest forecasts and an up-to-date CRM, so the plan rests on the right numbers"},
                {"nb": "Si fra tidlig når en avtale glipper", "en": "Speak up early when a deal slips"},
            ],
        ),
        _q(
            "self_efficacy",
            {"nb": "Personkarakter", "en": "Personal character"},
            {"nb": "Har jeg det i meg å få til dette?", "en": "Do I have it in me to pull this off?"},
            "self_efficacy", ["sdt"],
            {"nb": "Mestringstro bygget på egne mestringserfaringer; kompetansebehovet i selvbestemmelsesteorien.",
             "en": "Self-efficacy built on mastery experiences; the need for competence in self-determination theory."},
            [
                {"nb": "Utvikling, mentor og opplæring", "en": "Development, mentoring and training"},
                {"nb": "Oppgaver som gir tidlige seire", "en": "Assignments that give early wins"},
                {"nb": "Konkrete, konstruktive tilbakemeldinger", "en": "Specific, constructive feedback"},
            ],
            [
                {"nb": "Be henne om råd og hjelp i vanskelige salg, så hun får mestre dem",
                 "en": "Ask her for advice and help in hard deals, so she gets to master them"},
                {"nb": "Fortelle henne når coachingen hennes har hjulpet",
                 "en": "Tell her when her coaching has helped"},
            ],
        ),
        _q(
            "incentive",
            {"nb": "Incitament", "en": "Incentive"},
            {"nb": "Hvorfor skal jeg gjøre dette?", "en": "Why should I do this?"},
            "expectancy", ["herzberg"],
            {"nb": "Instrumentalitet × valens i Vrooms modell: fører resultatet til noe hun verdsetter?",
             "en": "Instrumentality × valence in Vroom's model: does the result lead to something she values?"},
            [
                {"nb": "Lønns- og bonusordning knyttet til det hun selv påvirker",
                 "en": "Pay and bonus design tied to what she can influence"},
                {"nb": "Et bonussystem som passer fasen bedriften er i", "en": "A bonus system that fits the company's phase"},
                {"nb": "Tydelig kobling mellom resultat og belønning", "en": "A clear link between result and reward"},
            ],
            [
                {"nb": "Vise hva teamets resultater betyr for kundene og for bedriften",
                 "en": "Show what the team's results mean for customers and for the company"},
                {"nb": "Trekke i samme retning når målene deles ut", "en": "Pull in the same direction once targets are set"},
            ],
        ),
        _q(
            "sales_culture",
            {"nb": "Salgskultur", "en": "Sales culture"},
            {"nb": "Hvis andre klarer det, kan jeg få det til?", "en": "If others can do it, can I?"},
            "self_efficacy", ["sdt"],
            {"nb": "Vikarierende erfaring: å se likesinnede lykkes styrker mestringstroen; tilhørighet i selvbestemmelsesteorien.",
             "en": "Vicarious experience: seeing similar people succeed raises self-efficacy; relatedness in self-determination theory."},
            [
                {"nb": "Rollemodeller: nettverk med andre salgssjefer", "en": "Peer models: a network of other sales managers"},
                {"nb": "Støtte til å ansette og omstille selgerne", "en": "Support to hire and reshape the sales team"},
                {"nb": "En kultur der gode grep deles", "en": "A culture where what works is shared"},
            ],
            [
                {"nb": "Dele det som virker, også med henne", "en": "Share what works, with her too"},
                {"nb": "Ta henne med i feiringen når teamet lykkes", "en": "Include her when the team celebrates a win"},
            ],
        ),
        _q(
            "recognition",
            {"nb": "Anerkjennelse", "en": "Recognition"},
            {"nb": "Legger andre merke til det jeg gjør?", "en": "Does anyone notice what I do?"},
            "herzberg", ["sdt"],
            {"nb": "Anerkjennelse er en motivasjonsfaktor hos Herzberg; positiv tilbakemelding styrker indre motivasjon.",
             "en": "Recognition is a motivator in Herzberg's theory; positive feedback strengthens intrinsic motivation."},
            [
                {"nb": "Faste rutiner for anerkjennelse", "en": "Recognition routines"},
                {"nb": "Synlighet overfor toppledelsen", "en": "Visibility with top management"},
                {"nb": "En plass i toppledergruppen", "en": "A seat in the top management group"},
            ],
            [
                {"nb": "Si det høyt når hun har hjulpet dem", "en": "Say so when she has helped them"},
                {"nb": "Gi henne æren overfor kunder og ledelse når den er hennes",
                 "en": "Give her the credit with customers and management when it is hers"},
            ],
        ),
    )
}

FACTORS: tuple[str, ...] = tuple(INNER_QUESTIONS)

# --------------------------------------------------------------------------- questionnaire

LIKERT_MIN, LIKERT_MAX = 1, 7


@dataclass(frozen=True)
class Item:
    """A questionnaire statement rated 1 (completely disagree) to 7 (completely agree).

    A ``reverse`` item is worded against its factor: its answer ``x`` counts as ``8 - x``.
    """

    id: str
    factor: str
    text: Mapping[str, str]
    reverse: bool = False


#: Written for this course (not a validated scale; no items of WEIMS or MWMS).
QUESTIONNAIRE: tuple[Item, ...] = (
    Item("sr1", "self_realisation",
         {"nb": "Jeg ville valgt jobben som salgssjef om igjen, selv om jeg kunne velge fritt.",
          "en": "I would choose the sales manager's job again, even if I could choose freely."}),
    Item("ga1", "goal_attainability",
         {"nb": "Med den innsatsen jeg kan legge inn, er årets budsjett innen rekkevidde.",
          "en": "With the effort I can put in, this year's budget is within reach."}),
    Item("se1", "self_efficacy",
         {"nb": "Jeg har det som skal til for å lede salgsteamet gjennom en tøff periode.",
          "en": "I have what it takes to lead the sales team through a hard period."}),
    Item("in1", "incentive",
         {"nb": "Det jeg får igjen for å nå målene, er verdt innsatsen.",
          "en": "What I get for reaching the targets is worth the effort."}),
    Item("sc1", "sales_culture",
         {"nb": "Jeg ser kolleger i lignende roller lykkes med mål som ligner mine.",
          "en": "I see colleagues in similar roles succeed with targets like mine."}),
    Item("re1", "recognition",
         {"nb": "Toppledelsen legger merke til det jeg og teamet mitt får til.",
          "en": "Top management notices what my team and I achieve."}),
    Item("sr2", "self_realisation",
         {"nb": "Jeg lærer og vokser i denne rollen.", "en": "I learn and grow in this role."}),
    Item("ga2", "goal_attainability",
         {"nb": "Jeg vet hvordan jeg skal planlegge, gjennomføre og kontrollere arbeidet mot målene.",
          "en": "I know how to plan, execute and control the work towards the targets."}),
    Item("se2", "self_efficacy",
         {"nb": "Når en plan slår feil, finner jeg som regel en vei videre.",
          "en": "When a plan fails, I usually find a way forward."}),
    Item("in2", "incentive",
         {"nb": "Jeg ser en klar sammenheng mellom resultatene mine og det jeg får igjen.",
          "en": "I see a clear link between my results and what I get in return."}),
    Item("sc2", "sales_culture",
         {"nb": "Selgerne og jeg heier på hverandre og deler det som virker.",
          "en": "My sellers and I cheer each other on and share what works."}),
    Item("re2", "recognition",
         {"nb": "Jeg får konkrete tilbakemeldinger når jeg gjør noe bra.",
          "en": "I get specific feedback when I do something well."}),
    Item("sr3", "self_realisation",
         {"nb": "Jeg teller ofte timene til arbeidsdagen er over.",
          "en": "I often count the hours until the working day is over."}, reverse=True),
    Item("ga3", "goal_attainability",
         {"nb": "Målene er satt så høyt at det knapt nytter å prøve.",
          "en": "The targets are set so high that trying hardly seems worth it."}, reverse=True),
    Item("se3", "self_efficacy",
         {"nb": "Jeg tviler på om jeg er flink nok til denne jobben.",
          "en": "I doubt whether I am good enough for this job."}, reverse=True),
    Item("in3", "incentive",
         {"nb": "Om jeg når målene eller ikke, betyr lite for hva jeg får igjen.",
          "en": "Whether I reach the targets or not makes little difference to what I get."}, reverse=True),
    Item("sc3", "sales_culture",
         {"nb": "Jeg føler meg mislikt eller utenfor blant selgerne mine.",
          "en": "I feel disliked or left out among my sellers."}, reverse=True),
    Item("re3", "recognition",
         {"nb": "Jeg opplever at innsatsen min blir tatt for gitt.",
          "en": "I feel that my effort is taken for granted."}, reverse=True),
)

ITEMS: dict[str, Item] = {item.id: item for item in QUESTIONNAIRE}


def items_for(factor: str) -> tuple[Item, ...]:
    """The questionnaire items that measure ``factor``.

    Example:
        >>> [i.id for i in items_for("recognition")]
        ['re1', 're2', 're3']
    """
    _check_factor(factor)
    return tuple(item for item in QUESTIONNAIRE if item.factor == factor)


def _check_name(value, table: Mapping[str, object], key: str) -> str:
    """``value`` if it is a key of ``table``; else a translated ValueError listing the valid keys."""
    if not isinstance(value, str) or value not in table:
        raise invalid(key, value=repr(value), valid=", ".join(table))
    return value


def _check_factor(factor: str) -> None:
    if not isinstance(factor, str) or factor not in INNER_QUESTIONS:
        raise invalid("motivation.profile.unknown_factor", factor=repr(factor), valid=", ".join(FACTORS))


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def score_item(item: Item, response) -> int:
    """The item's contribution: the response, or ``8 - response`` for a reverse-keyed item.

    Example:
        >>> score_item(ITEMS["re3"], 2)
        6
    """
    if (not _is_number(response) or not math.isfinite(float(response))
            or float(response) != int(response) or not LIKERT_MIN <= response <= LIKERT_MAX):
        raise invalid("motivation.profile.response_range", item=item.id, value=repr(response),
                      low=LIKERT_MIN, high=LIKERT_MAX)
    value = int(response)
    return LIKERT_MIN + LIKERT_MAX - value if item.reverse else value


def score_profile(responses: Mapping[str, int]) -> dict[str, float]:
    """Score the questionnaire: the mean of each factor's items after reversing reverse-keyed ones.

    ``responses`` maps every item id of :data:`QUESTIONNAIRE` to an integer 1..7. Returns
    ``{factor_id: score}`` in the order of :data:`INNER_QUESTIONS`, each score in [1, 7].

    Raises ``ValueError`` for unknown item ids, missing items or answers outside 1..7.

    Example:
        >>> answers = {item.id: 4 for item in QUESTIONNAIRE}
        >>> answers["re3"] = 1          # "my effort is taken for granted": strongly disagree
        >>> round(score_profile(answers)["recognition"], 2)
        5.0
    """
    if not isinstance(responses, Mapping):
        raise invalid("motivation.profile.not_mapping", value=type(responses).__name__)
    unknown = sorted(set(responses) - set(ITEMS))
    if unknown:
        raise invalid("motivation.profile.unknown_item", item=", ".join(map(str, unknown)),
                      valid=", ".join(ITEMS))
    missing = [item_id for item_id in ITEMS if item_id not in responses]
    if missing:
        raise invalid("motivation.profile.missing_items", items=", ".join(missing))
    scores = {}
    for factor in FACTORS:
        values = [score_item(item, responses[item.id]) for item in items_for(factor)]
        scores[factor] = sum(values) / len(values)
    return scores


def check_scores(scores: Mapping[str, float]) -> dict[str, float]:
    """Validate a profile ``{factor: score}`` (all six factors, each in [1, 7]); return it ordered."""
    if not isinstance(scores, Mapping):
        raise invalid("motivation.profile.not_mapping", value=type(scores).__name__)
    for factor in scores:
        _check_factor(factor)
    missing = [f for f in FACTORS if f not in scores]
    if missing:
        raise invalid("motivation.profile.missing_factors", factors=", ".join(missing))
    out = {}
    for factor in FACTORS:
        value = scores[factor]
        if not _is_number(value) or not (LIKERT_MIN <= float(value) <= LIKERT_MAX):
            raise invalid("motivation.profile.score_range", factor=factor, value=repr(value),
                          low=LIKERT_MIN, high=LIKERT_MAX)
        out[factor] = float(value)
    return out


#: Score bands: below 3.5 is ``low``, 5.5 and above is ``high``, between is ``middle``.
LEVEL_LIMITS = (3.5, 5.5)


def level(score: float) -> str:
    """``"low"``, ``"middle"`` or ``"high"`` for a factor score on the 1..7 scale.

    Example:
        >>> level(3.0), level(4.5), level(6.0)
        ('low', 'middle', 'high')
    """
    if not _is_number(score) or not LIKERT_MIN <= float(score) <= LIKERT_MAX:
        raise invalid("motivation.profile.score_range", factor="?", value=repr(score),
                      low=LIKERT_MIN, high=LIKERT_MAX)
    low, high = LEVEL_LIMITS
    if score < low:
        return "low"
    if score >= high:
        return "high"
    return "middle"


@dataclass(frozen=True)
class Interpretation:
    """What a factor score means and what top management can do about it."""

    factor: str
    name: str
    question: str
    score: float
    level: str
    text: str
    theory: str
    levers: tuple[str, ...] = field(default_factory=tuple)
    seller_levers: tuple[str, ...] = field(default_factory=tuple)


def interpret_profile(scores: Mapping[str, float], lang: str | None = None) -> list[Interpretation]:
    """Interpret each factor score: level, meaning and the levers, in the current language.

    Factors are returned weakest first, so the first entries are where top management should look.

    Example:
        >>> scores = dict.fromkeys(FACTORS, 6.0); scores["goal_attainability"] = 2.0
        >>> first = interpret_profile(scores, lang="en")[0]
        >>> first.factor, first.level
        ('goal_attainability', 'low')
    """
    checked = check_scores(scores)
    out = []
    for factor, score in checked.items():
        q = INNER_QUESTIONS[factor]
        lvl = level(score)
        out.append(Interpretation(
            factor=factor,
            name=pick(q.name, lang),
            question=pick(q.question, lang),
            score=score,
            level=lvl,
            text=t(f"motivation.interpret.{factor}.{lvl}", lang=lang),
            theory=pick(THEORIES[q.theory], lang),
            levers=tuple(pick(lever, lang) for lever in q.levers),
            seller_levers=tuple(pick(lever, lang) for lever in q.seller_levers),
        ))
    order = {f: i for i, f in enumerate(FACTORS)}
    return sorted(out, key=lambda it: (it.score, order[it.factor]))


# --------------------------------------------------------------------------- expectancy theory


def _clean(x: float) -> float:
    """``x`` without binary float noise (0.6299999999999999 -> 0.63): 14 significant digits."""
    return float(f"{x:.14g}")


def _check_unit(value, key: str, low: float, high: float, **extra) -> float:
    if not _is_number(value) or math.isnan(float(value)) or not low <= float(value) <= high:
        raise invalid(key, value=repr(value), **extra)
    return float(value)


def _check_outcomes(outcomes) -> list[tuple[float, float]]:
    if isinstance(outcomes, (str, bytes)) or not isinstance(outcomes, Iterable):
        raise invalid("motivation.force.outcomes_type", value=repr(outcomes))
    pairs = list(outcomes)
    if not pairs:
        raise invalid("motivation.force.no_outcomes")
    checked = []
    for index, pair in enumerate(pairs, start=1):
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise invalid("motivation.force.outcome_pair", index=index, value=repr(pair))
        i = _check_unit(pair[0], "motivation.force.instrumentality_range", -1.0, 1.0, index=index)
        v = _check_unit(pair[1], "motivation.force.valence_range", -1.0, 1.0, index=index)
        checked.append((i, v))
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

    Args:
        expectancy: E, the subjective probability that effort leads to performance, in [0, 1].
        outcomes: a sequence of ``(instrumentality, valence)`` pairs, one per outcome (bonus,
            recognition, promotion ...); each I and V in [-1, 1]. One pair gives the textbook
            ``M = E * I * V``.

    Returns:
        M, in [-n, n] for n outcomes. M is 0 whenever E is 0: no reward moves someone who
        does not believe she can reach the goal.

    Raises:
        ValueError: when E, an I or a V is outside its range, or ``outcomes`` is empty.

    Example:
        >>> motivational_force(0.8, [(0.5, 1.0)])
        0.4
        >>> motivational_force(0.0, [(1.0, 1.0), (1.0, 1.0)])
        0.0
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

    Useful to see which lever raises M most from where she stands.

    Example:
        >>> s = force_sensitivity(0.1, [(0.8, 0.6)])
        >>> round(s.expectancy, 2), round(s.valence[0], 2)
        (0.48, 0.08)
    """
    e = _check_unit(expectancy, "motivation.force.expectancy_range", 0.0, 1.0)
    pairs = _check_outcomes(outcomes)
    return Sensitivity(
        expectancy=math.fsum(i * v for i, v in pairs),
        instrumentality=tuple(e * v for _, v in pairs),
        valence=tuple(e * i for i, _ in pairs),
    )


#: The outcomes used by the calculator and the case scenarios.
OUTCOMES: dict[str, dict[str, str]] = {
    "bonus": {"nb": "Bonus", "en": "Bonus"},
    "recognition": {"nb": "Anerkjennelse", "en": "Recognition"},
    "promotion": {"nb": "Forfremmelse", "en": "Promotion"},
    "company_car": {"nb": "Firmabil", "en": "Company car"},
}


@dataclass(frozen=True)
class Scenario:
    """A case scenario for the expectancy calculator: E and ``{outcome: (I, V)}``."""

    id: str
    name: Mapping[str, str]
    description: Mapping[str, str]
    expectancy: float
    outcomes: Mapping[str, tuple[float, float]]

    def pairs(self) -> list[tuple[float, float]]:
        """The ``(I, V)`` pairs in the order of :data:`OUTCOMES`."""
        return [self.outcomes[o] for o in OUTCOMES]

    def force(self) -> float:
        """M for this scenario."""
        return motivational_force(self.expectancy, self.pairs())


def scenario(scenario_id: str) -> Scenario:
    """The scenario with this id; a translated ``ValueError`` listing the valid ids otherwise.

    Example:
        >>> scenario("baseline").expectancy
        0.7
    """
    return SCENARIOS[_check_name(scenario_id, SCENARIOS, "motivation.widget.unknown_scenario")]


#: The case's outcomes. The company car is the CEO's unconditional gift in the story: it does not depend
#: on her results, so its instrumentality is 0 in every scenario except "car_for_budget".
_BASE = {"bonus": (0.8, 0.6), "recognition": (0.6, 0.7), "promotion": (0.3, 0.6), "company_car": (0.0, 0.3)}

#: Illustrative numbers chosen for teaching (not measured).
SCENARIOS: dict[str, Scenario] = {
    s.id: s
    for s in (
        Scenario(
            "baseline",
            {"nb": "Utgangspunkt (Ingrid)", "en": "Starting point (Ingrid)"},
            {"nb": "Budsjettet er krevende, men mulig, og bonus og anerkjennelse følger resultatene. Firmabilen er en "
                   "gave som ikke avhenger av resultatet (I = 0).",
             "en": "The budget is demanding but possible, and bonus and recognition follow results. The company car "
                   "is a gift that does not depend on the result (I = 0)."},
            0.7, dict(_BASE),
        ),
        Scenario(
            "unreachable_budget",
            {"nb": "Urealistisk budsjett", "en": "Unreachable budget"},
            {"nb": "Samme belønninger, men hun tror knapt budsjettet kan nås (E = 0,1).",
             "en": "Same rewards, but she hardly believes the budget can be reached (E = 0.1)."},
            0.1, dict(_BASE),
        ),
        Scenario(
            "unnoticed_bonus",
            {"nb": "Bonus ingen legger merke til", "en": "A bonus nobody notices"},
            {"nb": "Bonusen kommer på lønnsslippen, men ingen sier noe om resultatet; den betyr lite for henne, "
                   "og resultater gir ingen anerkjennelse.",
             "en": "The bonus arrives on the payslip but nobody mentions the result; it means little to her, "
                   "and results bring no recognition."},
            0.7, {**_BASE, "bonus": (0.8, 0.2), "recognition": (0.0, 0.7)},
        ),
        Scenario(
            "recognition_without_pay",
            {"nb": "Anerkjennelse uten lønn", "en": "Recognition without pay"},
            {"nb": "Ingen bonus knyttet til resultatet, men toppledelsen ser og verdsetter arbeidet hennes.",
             "en": "No bonus tied to the result, but top management sees and values her work."},
            0.7, {**_BASE, "bonus": (0.0, 0.6), "recognition": (0.9, 0.8), "promotion": (0.5, 0.5)},
        ),
        Scenario(
            "car_for_budget",
            {"nb": "Firmabil hvis budsjettet nås", "en": "Company car if the budget is reached"},
            {"nb": "Som utgangspunktet, men administrerende direktør lover bilen bare hvis hun når budsjettet (I = 1). "
                   "Først nå gir bilen et bidrag til M.",
             "en": "As the starting point, but the CEO promises the car only if she reaches the budget (I = 1). "
                   "Only now does the car add to M."},
            0.7, {**_BASE, "company_car": (1.0, 0.3)},
        ),
        Scenario(
            "second_manager",
            {"nb": "En annen salgssjef i samme jobb", "en": "Another sales manager in the same job"},
            {"nb": "Samme jobb, budsjett og belønningssystem som Ingrid (samme E og I), men en annen personlighet: "
                   "hun verdsetter bonus, forfremmelse og bil høyt og anerkjennelse lite.",
             "en": "The same job, budget and reward system as Ingrid (same E and I), but another personality: she "
                   "values bonus, promotion and car highly and recognition little."},
            0.7, {"bonus": (0.8, 0.9), "recognition": (0.6, 0.3), "promotion": (0.3, 0.8), "company_car": (0.0, 0.6)},
        ),
        Scenario(
            "seller_view",
            {"nb": "En selger (til sammenligning)", "en": "A seller (for contrast)"},
            {"nb": "En annen stilling: provisjonen følger salget tettere (høyere I for bonus), anerkjennelse kommer fra "
                   "salgssjefen og ikke toppledelsen, og veien til forfremmelse er lengre.",
             "en": "Another position: commission follows sales more closely (higher I for the bonus), recognition "
                   "comes from the sales manager rather than top management, and the path to promotion is longer."},
            0.7, {"bonus": (0.9, 0.8), "recognition": (0.4, 0.4), "promotion": (0.2, 0.5), "company_car": (0.0, 0.4)},
        ),
    )
}


# --------------------------------------------------------------------------- valence read through intrinsic motivation

#: The teaching model's assumptions, stated plainly (shown in the notebook).
VALENCE_MODEL_ASSUMPTIONS: tuple[dict[str, str], ...] = (
    {"nb": "Dette er en undervisningsmodell laget for kurset, ikke et målt resultat.",
     "en": "This is a teaching model made for the course, not a measured result."},
    {"nb": "Klimaet (0 til 1) oppsummerer hvor sett, likt og tillitsfullt behandlet hun føler seg; "
           "0 betyr mislikt av selgerne og jaget av toppledelsen, 1 betyr respektert og trygg.",
     "en": "Climate (0 to 1) sums up how seen, liked and trusted she feels; 0 means disliked by her sellers "
           "and hounded by top management, 1 means respected and secure."},
    {"nb": "Den opplevde valensen er den nominelle valensen ganget med en faktor som stiger lineært "
           "fra et gulv (ved klima 0) til 1 (ved klima 1).",
     "en": "The felt valence is the nominal valence times a factor that rises linearly from a floor "
           "(at climate 0) to 1 (at climate 1)."},
    {"nb": "Gulvet (standard 0,25) sier at en belønning aldri blir helt verdiløs: penger er fortsatt penger.",
     "en": "The floor (0.25 by default) says a reward never becomes worthless: money is still money."},
    {"nb": "Klimaet kan anslås fra profilen som snittet av salgskultur, anerkjennelse og selvrealisering, "
           "omregnet fra 1–7 til 0–1. Vektene er et valg, ikke et funn.",
     "en": "Climate can be estimated from the profile as the mean of sales culture, recognition and "
           "self-realisation, rescaled from 1–7 to 0–1. The weights are a choice, not a finding."},
)

CLIMATE_FACTORS = ("sales_culture", "recognition", "self_realisation")


def felt_valence(valence: float, climate: float, floor: float = 0.25) -> float:
    """Teaching model: the value an extrinsic reward has *for her*, read through her intrinsic climate.

    ``felt = valence * (floor + (1 - floor) * climate)``. With ``climate = 1`` the reward keeps its
    nominal valence; with ``climate = 0`` only the ``floor`` share is left. The form (linear,
    multiplicative, a floor) is an assumption chosen to make the source's company-car example
    computable; see :data:`VALENCE_MODEL_ASSUMPTIONS`.

    Example:
        >>> felt_valence(0.8, climate=1.0)
        0.8
        >>> round(felt_valence(0.8, climate=0.0), 2)
        0.2
    """
    v = _check_unit(valence, "motivation.valence.valence_range", -1.0, 1.0)
    c = _check_unit(climate, "motivation.valence.climate_range", 0.0, 1.0)
    f = _check_unit(floor, "motivation.valence.floor_range", 0.0, 1.0)
    return _clean(v * (f + (1.0 - f) * c))


def climate_from_profile(scores: Mapping[str, float]) -> float:
    """Teaching model: climate in [0, 1] as the rescaled mean of sales culture, recognition and
    self-realisation scores (1 -> 0, 7 -> 1).

    Example:
        >>> climate_from_profile(dict.fromkeys(FACTORS, 4.0))
        0.5
    """
    checked = check_scores(scores)
    mean = sum(checked[f] for f in CLIMATE_FACTORS) / len(CLIMATE_FACTORS)
    return _clean((mean - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN))


def company_car_force(climate: float, expectancy: float = 0.7, instrumentality: float = 1.0,
                      valence: float = 0.6, floor: float = 0.25) -> float:
    """M from a company car alone when its value is read through the climate (teaching model).

    The default ``instrumentality = 1`` is a car *promised for reaching the budget*. The car of the
    story is an unconditional gift: pass ``instrumentality=0`` and M is 0 whatever the car is worth,
    because a reward that does not depend on the result gives no reason to work for the result.

    Example:
        >>> company_car_force(1.0) > 2 * company_car_force(0.1)
        True
        >>> company_car_force(1.0, instrumentality=0.0)
        0.0
    """
    return motivational_force(expectancy, [(instrumentality, felt_valence(valence, climate, floor))])


# --------------------------------------------------------------------------- rewards and intrinsic motivation

REWARD_TYPES: dict[str, dict[str, str]] = {
    "engagement_contingent": {"nb": "Belønning for å delta (engasjementsbetinget)",
                              "en": "Reward for taking part (engagement-contingent)"},
    "completion_contingent": {"nb": "Belønning for å fullføre (fullføringsbetinget)",
                              "en": "Reward for finishing (completion-contingent)"},
    "performance_contingent": {"nb": "Belønning etter prestasjon (prestasjonsbetinget)",
                               "en": "Reward for performing well (performance-contingent)"},
    "positive_feedback": {"nb": "Positiv tilbakemelding (ros)", "en": "Positive feedback (praise)"},
}

MEASURES: dict[str, dict[str, str]] = {
    "free_choice": {"nb": "Frivillig atferd (tid brukt på oppgaven når ingen krever det)",
                    "en": "Free-choice behaviour (time spent on the task when nobody asks)"},
    "self_report": {"nb": "Selvrapportert interesse", "en": "Self-reported interest"},
}

MEASURES_SHORT: dict[str, dict[str, str]] = {
    "free_choice": {"nb": "Frivillig atferd", "en": "Free-choice behaviour"},
    "self_report": {"nb": "Selvrapportert interesse", "en": "Self-reported interest"},
}

DECI_1999 = "Deci, Koestner & Ryan (1999)"

#: Cohen's d from the abstract of Deci, Koestner & Ryan (1999). ``None``: the abstract lists no
#: significant effect for the combination (performance-contingent rewards on self-reported interest),
#: and the course states that finding rather than a number it has not checked.
_CROWDING_D: dict[tuple[str, str], float | None] = {
    ("engagement_contingent", "free_choice"): -0.40,
    ("engagement_contingent", "self_report"): -0.15,
    ("completion_contingent", "free_choice"): -0.36,
    ("completion_contingent", "self_report"): -0.17,
    ("performance_contingent", "free_choice"): -0.28,
    ("performance_contingent", "self_report"): None,
    ("positive_feedback", "free_choice"): 0.33,
    ("positive_feedback", "self_report"): 0.31,
}


@dataclass(frozen=True)
class CrowdingEffect:
    """One effect of a reward type on a measure of intrinsic motivation, with its reading.

    ``significant`` is false when the meta-analysis found no significant effect; ``d`` and ``u3`` are
    then ``None``.
    """

    reward_type: str
    measure: str
    d: float | None
    u3: float | None
    source: str = DECI_1999

    @property
    def significant(self) -> bool:
        return self.d is not None

    def statement(self, lang: str | None = None) -> str:
        """The effect in plain language (see :func:`describe_effect`)."""
        if self.d is None:
            return t("motivation.effect.not_significant", lang=lang,
                     reward=pick(REWARD_TYPES[self.reward_type], lang).split(" (")[0].lower(),
                     measure=pick(MEASURES_SHORT[self.measure], lang).lower())
        return describe_effect(self.d, lang=lang)


def valid_crowding_combinations() -> list[tuple[str, str]]:
    """The ``(reward_type, measure)`` pairs the course reports, in the order of the paper's abstract."""
    return list(_CROWDING_D)


def crowding_effect(reward_type: str, measure: str) -> CrowdingEffect:
    """The effect of a reward type on intrinsic motivation (Deci, Koestner & Ryan, 1999).

    Negative d means the rewarded group showed *less* intrinsic motivation afterwards than the
    group without the reward. Performance-contingent rewards on self-reported interest had no
    significant effect: that effect comes back with ``d = None`` and a statement saying so.

    Raises:
        ValueError: for an unknown reward type or measure, listing the valid ones.

    Example:
        >>> e = crowding_effect("engagement_contingent", "free_choice")
        >>> e.d, round(e.u3, 3)
        (-0.4, 0.345)
        >>> crowding_effect("performance_contingent", "self_report").significant
        False
    """
    reward_type = _check_name(reward_type, REWARD_TYPES, "motivation.crowding.unknown_reward")
    measure = _check_name(measure, MEASURES, "motivation.crowding.unknown_measure")
    d = _CROWDING_D[(reward_type, measure)]
    return CrowdingEffect(reward_type, measure, d, None if d is None else u3(d))


def u3(d: float) -> float:
    """Cohen's U3 = Phi(d): the share of the comparison group below the treated group's mean.

    Assumes two normal distributions with equal spread. 0.5 means no difference (Cohen, 1988, p. 23).

    Example:
        >>> round(u3(-0.40), 6)
        0.344578
    """
    if not _is_number(d) or not math.isfinite(float(d)):
        raise invalid("motivation.crowding.d_number", value=repr(d))
    return 0.5 * (1.0 + math.erf(float(d) / math.sqrt(2.0)))


def effect_size_label(d: float, lang: str | None = None) -> str:
    """Cohen's conventional words for |d|: under 0.2 very small, 0.2 small, 0.5 medium, 0.8 large."""
    u3(d)  # validates d
    size = abs(float(d))
    band = "very_small" if size < 0.2 else "small" if size < 0.5 else "medium" if size < 0.8 else "large"
    return t(f"motivation.effect.size.{band}", lang=lang)


def describe_effect(d: float, lang: str | None = None) -> str:
    """Turn Cohen's d into a plain-language statement using U3.

    Example:
        >>> print(describe_effect(-0.40, lang="en"))  # doctest: +ELLIPSIS
        The average person who got the reward ended up below 66% of those who got none...
    """
    share = u3(d)
    values = dict(size=effect_size_label(d, lang), d=format_number(d, 2, lang))
    if abs(d) < 1e-12:
        return t("motivation.effect.none", lang=lang, **values)
    if d < 0:
        return t("motivation.effect.negative", lang=lang, pct=format_percent(1 - share, 0, lang), **values)
    return t("motivation.effect.positive", lang=lang, pct=format_percent(share, 0, lang), **values)


# --------------------------------------------------------------------------- tables for the notebook
# Each returns plain values (numbers stay numbers) with stable column ids; the notebook shows them through
# ``course_lib.widgets.motivation.show_table``, which formats them in the learner's language.


def inner_questions_table(lang: str | None = None):
    """The six inner questions: name, question, theory, what it touches, levers of top management and
    of the sellers.

    Example:
        >>> inner_questions_table(lang="en").shape
        (6, 6)
    """
    import pandas as pd

    rows = []
    for q in INNER_QUESTIONS.values():
        theories = [pick(THEORIES[q.theory], lang)] + [pick(THEORIES[r], lang) for r in q.related]
        rows.append({"factor": pick(q.name, lang), "question": pick(q.question, lang),
                     "theory": "; ".join(theories), "link": pick(q.link, lang),
                     "levers": "; ".join(pick(lv, lang) for lv in q.levers),
                     "seller_levers": "; ".join(pick(lv, lang) for lv in q.seller_levers)})
    return pd.DataFrame(rows)


def scenario_table(scenario_ids: Sequence[str] | None = None, lang: str | None = None):
    """The case scenarios with E, each outcome's I and V, and M (plain numbers).

    Example:
        >>> scenario_table(lang="en").shape[0] == len(SCENARIOS)
        True
    """
    import pandas as pd

    rows = []
    for sid in scenario_ids or list(SCENARIOS):
        s = scenario(sid)
        row = {"scenario": pick(s.name, lang), "E": s.expectancy}
        for o in OUTCOMES:
            row[f"{o}_I"], row[f"{o}_V"] = s.outcomes[o]
        row["M"] = s.force()
        rows.append(row)
    return pd.DataFrame(rows)


def contributions_table(scenario_ids: Sequence[str] = ("baseline", "second_manager", "seller_view"),
                        lang: str | None = None):
    """Each outcome's contribution E*I*V to M, one column per scenario (rows: outcomes, then M).

    Example:
        >>> table = contributions_table(lang="en")
        >>> round(float(table.iloc[-1, 1]), 3) == round(SCENARIOS["baseline"].force(), 3)
        True
    """
    import pandas as pd

    rows = {o: {"outcome": pick(OUTCOMES[o], lang)} for o in OUTCOMES}
    rows["M"] = {"outcome": "M"}
    for sid in scenario_ids:
        s = scenario(sid)
        for o, value in zip(OUTCOMES, outcome_contributions(s.expectancy, s.pairs())):
            rows[o][sid] = value
        rows["M"][sid] = s.force()
    return pd.DataFrame(list(rows.values()))


def car_climate_table(climates: Sequence[float] = (0.0, 0.25, 0.5, 0.75, 1.0), lang: str | None = None,
                      **car):
    """The company car across climates: felt valence, M as an unconditional gift (I = 0) and M when it
    is promised for reaching the budget (I = 1), with the teaching model of :func:`felt_valence`.

    Example:
        >>> table = car_climate_table(lang="en")
        >>> table.shape, float(table["force_gift"].abs().max())
        ((5, 4), 0.0)
    """
    import pandas as pd

    valence = car.get("valence", 0.6)
    floor = car.get("floor", 0.25)
    expectancy = car.get("expectancy", 0.7)
    rows = [{"climate": c, "felt_valence": felt_valence(valence, c, floor),
             "force_gift": company_car_force(c, expectancy, 0.0, valence, floor),
             "force": company_car_force(c, expectancy, 1.0, valence, floor)} for c in climates]
    return pd.DataFrame(rows)


def crowding_table(lang: str | None = None):
    """The effects of Deci, Koestner & Ryan (1999) with U3 and a plain-language reading.

    Example:
        >>> len(crowding_table(lang="en")) == len(valid_crowding_combinations())
        True
    """
    import pandas as pd

    rows = []
    for reward, measure in valid_crowding_combinations():
        e = crowding_effect(reward, measure)
        rows.append({"reward": pick(REWARD_TYPES[reward], lang), "measure": pick(MEASURES_SHORT[measure], lang),
                     "d": e.d, "u3": e.u3, "meaning": e.statement(lang)})
    return pd.DataFrame(rows)
