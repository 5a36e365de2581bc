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

from .i18n import invalid, pick, t

# --------------------------------------------------------------------------- theories

THEORIES: dict[str, dict[str, str]] = {
    "sdt": {"nb": "Selvbestemmelsesteori (Deci & Ryan)", "en": "Self-determination theory (Deci & Ryan)"},
    "expectancy": {"nb": "Forventningsteori (Vroom)", "en": "Expectancy theory (Vroom)"},
    "self_efficacy": {"nb": "Mestringstro (Bandura)", "en": "Self-efficacy (Bandura)"},
    "herzberg": {"nb": "Tofaktorteorien (Herzberg)", "en": "Two-factor theory (Herzberg)"},
}


@dataclass(frozen=True)
class InnerQuestion:
    """One of the six inner questions of the source text.

    ``theory`` is the primary theory id (a key of :data:`THEORIES`), ``related`` further ones;
    ``link`` says in words which construct of the theory the question touches; ``levers`` are what
    top management can change.
    """

    id: str
    name: Mapping[str, str]
    question: Mapping[str, str]
    theory: str
    related: tuple[str, ...]
    link: Mapping[str, str]
    levers: tuple[Mapping[str, str], ...]

    def label(self, lang: str | None = None) -> str:
        """The factor's name in the current (or given) language."""
        return pick(self.name, lang)


def _q(id, name, question, theory, related, link, levers):
    return InnerQuestion(id, name, question, theory, tuple(related), link, tuple(levers))


#: The six inner questions, keyed by stable id, in the order of the source text.
INNER_QUESTIONS: dict[str, InnerQuestion] = {
    q.id: q
    for q in (
        _q(
            "self_realisation",
            {"nb": "Selvrealisering", "en": "Self-realisation"},
            {"nb": "Er det dette jeg egentlig vil drive med?", "en": "Is this what I really want to be doing?"},
            "sdt", ["herzberg"],
            {"nb": "Autonomi og indre motivasjon i selvbestemmelsesteorien; «arbeidet i seg selv» hos Herzberg.",
             "en": "Autonomy and intrinsic motivation in self-determination theory; Herzberg's 'work itself'."},
            [
                {"nb": "Beslutningsmyndighet over hvordan salgsavdelingen drives",
                 "en": "Decision rights over how the sales department is run"},
                {"nb": "En rolle hun kan forme selv (rolledesign)", "en": "A role she can shape herself (role design)"},
                {"nb": "En plass i ledergruppen", "en": "A seat in the management group"},
            ],
        ),
        _q(
            "goal_attainability",
            {"nb": "Målstyring", "en": "Goal attainability"},
            {"nb": "Er det mulig for meg å nå disse målene?", "en": "Is it possible for me to reach these goals?"},
            "expectancy", [],
            {"nb": "Forventningen E i Vrooms modell: troen på at innsats gir resultat.",
             "en": "Expectancy E in Vroom's model: the belief that effort leads to performance."},
            [
                {"nb": "Realistiske og konkrete budsjetter, satt sammen med henne",
                 "en": "Realistic, specific budgets set together with her"},
                {"nb": "Verktøy og tid til å planlegge, gjennomføre og kontrollere",
                 "en": "Tools and time to plan, execute and control"},
                {"nb": "Myndighet over innsatsfaktorene hun måles på", "en": "Authority over the inputs she is measured on"},
            ],
        ),
        _q(
            "self_efficacy",
            {"nb": "Personkarakter", "en": "Self-efficacy"},
            {"nb": "Har jeg det i meg å få til dette?", "en": "Do I have it in me to pull this off?"},
            "self_efficacy", ["sdt"],
            {"nb": "Mestringstro bygget på egne mestringserfaringer; kompetansebehovet i selvbestemmelsesteorien.",
             "en": "Self-efficacy built on mastery experiences; the need for competence in self-determination theory."},
            [
                {"nb": "Utvikling, mentor og opplæring", "en": "Development, mentoring and training"},
                {"nb": "Oppgaver som gir tidlige seire", "en": "Assignments that give early wins"},
                {"nb": "Konkrete, konstruktive tilbakemeldinger", "en": "Specific, constructive feedback"},
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
                {"nb": "Lønns- og bonusdesign knyttet til det hun selv påvirker",
                 "en": "Pay and bonus design tied to what she can influence"},
                {"nb": "Et bonussystem som passer fasen bedriften er i", "en": "A bonus system that fits the company's phase"},
                {"nb": "Tydelig kobling mellom resultat og belønning", "en": "A clear link between result and reward"},
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
                {"nb": "En plass i ledergruppen", "en": "A seat in the management group"},
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


def _check_factor(factor: str) -> None:
    if factor not in INNER_QUESTIONS:
        raise invalid("motivation.profile.unknown_factor", factor=factor, valid=", ".join(FACTORS))


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
        ))
    order = {f: i for i, f in enumerate(FACTORS)}
    return sorted(out, key=lambda it: (it.score, order[it.factor]))


# --------------------------------------------------------------------------- expectancy theory


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
    return [e * i * v for i, v in _check_outcomes(outcomes)]


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
    return math.fsum(outcome_contributions(expectancy, outcomes))


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


_BASE = {"bonus": (0.8, 0.6), "recognition": (0.6, 0.7), "promotion": (0.3, 0.5), "company_car": (0.9, 0.3)}

#: Illustrative numbers chosen for teaching (not measured).
SCENARIOS: dict[str, Scenario] = {
    s.id: s
    for s in (
        Scenario(
            "baseline",
            {"nb": "Utgangspunkt", "en": "Starting point"},
            {"nb": "Budsjettet er krevende, men mulig, og belønningene henger sammen med resultatene.",
             "en": "The budget is demanding but possible, and rewards follow results."},
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
            0.7, {**_BASE, "bonus": (0.0, 0.6), "recognition": (0.9, 0.8), "promotion": (0.5, 0.5),
                  "company_car": (0.0, 0.3)},
        ),
        Scenario(
            "seller_view",
            {"nb": "Slik en selger kan vekte", "en": "How a seller might weigh it"},
            {"nb": "Samme forventning og koblinger som utgangspunktet, men valensene til en selger som "
                   "verdsetter bonusen høyt og toppledelsens anerkjennelse lite.",
             "en": "Same expectancy and links as the starting point, but the valences of a seller who values "
                   "the bonus highly and top management's recognition little."},
            0.7, {"bonus": (0.8, 0.9), "recognition": (0.6, 0.3), "promotion": (0.3, 0.2), "company_car": (0.9, 0.4)},
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
    return v * (f + (1.0 - f) * c)


def climate_from_profile(scores: Mapping[str, float]) -> float:
    """Teaching model: climate in [0, 1] as the rescaled mean of sales culture, recognition and
    self-realisation scores (1 -> 0, 7 -> 1).

    Example:
        >>> climate_from_profile(dict.fromkeys(FACTORS, 4.0))
        0.5
    """
    checked = check_scores(scores)
    mean = sum(checked[f] for f in CLIMATE_FACTORS) / len(CLIMATE_FACTORS)
    return (mean - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN)


def company_car_force(climate: float, expectancy: float = 0.7, instrumentality: float = 1.0,
                      valence: float = 0.6, floor: float = 0.25) -> float:
    """M from a company car alone when its value is read through the climate (teaching model).

    Example:
        >>> company_car_force(1.0) > 2 * company_car_force(0.1)
        True
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

#: Cohen's d from Deci, Koestner & Ryan (1999), only the rows verified against the abstract.
_CROWDING_D: dict[tuple[str, str], float] = {
    ("engagement_contingent", "free_choice"): -0.40,
    ("engagement_contingent", "self_report"): -0.15,
    ("completion_contingent", "free_choice"): -0.36,
    ("completion_contingent", "self_report"): -0.17,
    ("performance_contingent", "free_choice"): -0.28,
    ("positive_feedback", "free_choice"): 0.33,
    ("positive_feedback", "self_report"): 0.31,
}


@dataclass(frozen=True)
class CrowdingEffect:
    """One effect of a reward type on a measure of intrinsic motivation, with its reading."""

    reward_type: str
    measure: str
    d: float
    u3: float
    source: str = DECI_1999

    def statement(self, lang: str | None = None) -> str:
        """The effect in plain language (see :func:`describe_effect`)."""
        return describe_effect(self.d, lang=lang)


def valid_crowding_combinations() -> list[tuple[str, str]]:
    """The ``(reward_type, measure)`` pairs with a verified effect size."""
    return list(_CROWDING_D)


def crowding_effect(reward_type: str, measure: str) -> CrowdingEffect:
    """The effect of a reward type on intrinsic motivation (Deci, Koestner & Ryan, 1999).

    Negative d means the rewarded group showed *less* intrinsic motivation afterwards than the
    group without the reward. Only combinations verified against the paper's abstract are given;
    performance-contingent rewards on self-reported interest are left out for that reason.

    Raises:
        ValueError: for an unknown combination, listing the valid ones.

    Example:
        >>> e = crowding_effect("engagement_contingent", "free_choice")
        >>> e.d, round(e.u3, 3)
        (-0.4, 0.345)
    """
    key = (reward_type, measure)
    if key not in _CROWDING_D:
        def label(table, key):  # the learner's words, with the id a programmer passes
            return f"{pick(table[key])} [{key}]" if key in table else repr(key)

        valid = "; ".join(f"{label(REWARD_TYPES, r)} + {label(MEASURES_SHORT, m)}" for r, m in _CROWDING_D)
        raise invalid("motivation.crowding.unknown", reward_type=label(REWARD_TYPES, reward_type),
                      measure=label(MEASURES_SHORT, measure), valid=valid)
    d = _CROWDING_D[key]
    return CrowdingEffect(reward_type, measure, d, u3(d))


def u3(d: float) -> float:
    """Cohen's U3 = Phi(d): the share of the comparison group below the treated group's mean.

    Assumes two normal distributions with equal spread. 0.5 means no difference.

    Example:
        >>> round(u3(-0.40), 6)
        0.344578
    """
    if not _is_number(d) or not math.isfinite(float(d)):
        raise invalid("motivation.crowding.d_number", value=repr(d))
    return 0.5 * (1.0 + math.erf(float(d) / math.sqrt(2.0)))


def effect_size_label(d: float, lang: str | None = None) -> str:
    """Cohen's conventional words for |d|: under 0.2 very small, 0.2 small, 0.5 medium, 0.8 large."""
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
    from .i18n import format_number, format_percent

    values = dict(size=effect_size_label(d, lang), d=format_number(d, 2, lang))
    if abs(d) < 1e-12:
        return t("motivation.effect.none", lang=lang, **values)
    if d < 0:
        return t("motivation.effect.negative", lang=lang, pct=format_percent(1 - share, 0, lang), **values)
    return t("motivation.effect.positive", lang=lang, pct=format_percent(share, 0, lang), **values)


# --------------------------------------------------------------------------- tables for the notebook


def _frame(rows, columns):
    import pandas as pd

    return pd.DataFrame(rows, columns=[t(f"motivation.table.{c}") for c in columns])


def inner_questions_table(lang: str | None = None):
    """The six inner questions as a table: factor, question, theory, what it touches, levers.

    Example:
        >>> inner_questions_table(lang="en").shape
        (6, 5)
    """
    rows = []
    for q in INNER_QUESTIONS.values():
        theories = [pick(THEORIES[q.theory], lang)] + [pick(THEORIES[r], lang) for r in q.related]
        rows.append([pick(q.name, lang), pick(q.question, lang), "; ".join(theories), pick(q.link, lang),
                     "; ".join(pick(lv, lang) for lv in q.levers)])
    return _frame(rows, ["factor", "question", "theory", "link", "levers"])


def scenario_table(lang: str | None = None):
    """The case scenarios with E, each outcome's (I, V) and M.

    Example:
        >>> scenario_table(lang="en").shape[0] == len(SCENARIOS)
        True
    """
    import pandas as pd

    rows = []
    for s in SCENARIOS.values():
        row = {t("motivation.table.scenario", lang=lang): pick(s.name, lang), "E": s.expectancy}
        for o in OUTCOMES:
            i, v = s.outcomes[o]
            row[f"{pick(OUTCOMES[o], lang)} (I; V)"] = f"{i:+.1f}; {v:+.1f}"
        row["M"] = round(s.force(), 3)
        rows.append(row)
    return pd.DataFrame(rows)


def contributions_table(scenario_ids: Sequence[str] = ("baseline", "seller_view"), lang: str | None = None):
    """Each outcome's contribution E*I*V to M, one column per scenario (rows: outcomes, then M).

    Example:
        >>> float(contributions_table(lang="en").iloc[-1, 0]) == round(SCENARIOS["baseline"].force(), 3)
        True
    """
    import pandas as pd

    data = {}
    for sid in scenario_ids:
        if sid not in SCENARIOS:
            raise invalid("motivation.widget.unknown_scenario", scenario=sid, valid=", ".join(SCENARIOS))
        s = SCENARIOS[sid]
        values = outcome_contributions(s.expectancy, s.pairs())
        data[pick(s.name, lang)] = [round(v, 3) for v in values] + [round(s.force(), 3)]
    index = [pick(OUTCOMES[o], lang) for o in OUTCOMES] + ["M"]
    return pd.DataFrame(data, index=index)


def car_climate_table(climates: Sequence[float] = (0.0, 0.25, 0.5, 0.75, 1.0), lang: str | None = None,
                      **car):
    """The company car's felt valence and M across climates (teaching model, see :func:`felt_valence`).

    Example:
        >>> car_climate_table(lang="en").shape
        (5, 3)
    """
    valence = car.get("valence", 0.6)
    floor = car.get("floor", 0.25)
    rows = [[c, round(felt_valence(valence, c, floor), 3), round(company_car_force(c, **car), 3)] for c in climates]
    return _frame(rows, ["climate", "felt_valence", "force"])


def crowding_table(lang: str | None = None):
    """The verified effects of Deci, Koestner & Ryan (1999) with U3 and a plain-language reading.

    Example:
        >>> len(crowding_table(lang="en")) == len(valid_crowding_combinations())
        True
    """
    rows = []
    for reward, measure in valid_crowding_combinations():
        e = crowding_effect(reward, measure)
        rows.append([pick(REWARD_TYPES[reward], lang), pick(MEASURES_SHORT[measure], lang), e.d,
                     round(e.u3, 3), e.statement(lang)])
    return _frame(rows, ["reward", "measure", "d", "u3", "meaning"])
