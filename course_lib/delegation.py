"""Authority, delegation and decision rights around the case company's sales manager.

Three ideas from management theory meet here:

* **Authority must match responsibility.** Fayol (1916) named it as a principle:
  responsibility without authority makes an ineffective manager. The management
  accounting version is the *controllability principle*: hold managers accountable
  only for what they control or can significantly influence (Merchant & Van der
  Stede 2007). The source text says it plainly for the sales manager: she cannot
  be measured on results unless she decides the inputs (Kunøe & Berntsen).
* **Who decides what** is laid out in a RACI matrix: per decision exactly one
  Accountable (signs off), at least one Responsible (does the work; the A may also
  be R), any number Consulted (two-way) and Informed (one-way).
* **How much is handed over** is a delegation level: Management 3.0's seven levels
  (Appelo 2010), from 1 *tell* to 7 *delegate*, beside Tannenbaum & Schmidt's (1958)
  continuum of leadership behaviour.

The gap check:

    decides(d) = role holds A on d  or  level(d) >= min_level
    gap(KPI)   = { d in drivers(KPI) : not decides(d) }
    score      = decided (KPI, decision) pairs / all (KPI, decision) pairs

over the KPIs the role is measured on. A score of 1 means every input behind
every measured result is hers to decide. Doing the work (R) while someone else
holds A is not deciding: the check reports it as its own category, because the
source text asks for the opposite (HR supports, she decides).

Matrices are ``pandas.DataFrame`` objects, decisions (rows) x roles (columns),
whose cells are ``""``, ``"R"``, ``"A"``, ``"C"``, ``"I"`` or ``"A/R"``; a dict of
dicts ``{decision: {role: cell}}`` is accepted too. ``"AR"``, ``"RA"``, ``"R/A"``
and ``"A+R"`` all mean A and R.

Example:
    >>> from course_lib.delegation import preset_matrix, validate_raci, controllability_gaps
    >>> today = preset_matrix("today")
    >>> validate_raci(today)
    []
    >>> report = controllability_gaps(today, ["new_sales"])
    >>> report.score < 0.5
    True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import pandas as pd

from .i18n import invalid, pick, t

# --------------------------------------------------------------------------- delegation levels

#: Management 3.0's seven levels of delegation (Appelo 2010), seen from the manager who hands over.
#: Norwegian names are the course's own translation.
DELEGATION_LEVELS: tuple[dict[str, Any], ...] = (
    {"level": 1, "id": "tell",
     "name": {"nb": "Fortelle", "en": "Tell"},
     "meaning": {"nb": "Jeg bestemmer og forteller deg hva som gjelder.",
                 "en": "I make the decision and tell you."}},
    {"level": 2, "id": "sell",
     "name": {"nb": "Selge", "en": "Sell"},
     "meaning": {"nb": "Jeg bestemmer, men prøver å få deg med på at det er riktig.",
                 "en": "I make the decision and try to convince you it is right."}},
    {"level": 3, "id": "consult",
     "name": {"nb": "Konsultere", "en": "Consult"},
     "meaning": {"nb": "Jeg hører hva du mener først, så bestemmer jeg.",
                 "en": "I ask for your input first, then I decide."}},
    {"level": 4, "id": "agree",
     "name": {"nb": "Bli enige", "en": "Agree"},
     "meaning": {"nb": "Vi bestemmer sammen og må bli enige.",
                 "en": "We decide together and must reach agreement."}},
    {"level": 5, "id": "advise",
     "name": {"nb": "Gi råd", "en": "Advise"},
     "meaning": {"nb": "Jeg gir deg råd, men det er du som bestemmer.",
                 "en": "I give you my advice, but the decision is yours."}},
    {"level": 6, "id": "inquire",
     "name": {"nb": "Følge opp i etterkant", "en": "Inquire"},
     "meaning": {"nb": "Du bestemmer; etterpå spør jeg hva du valgte og hvorfor.",
                 "en": "You decide; afterwards I ask what you chose and why."}},
    {"level": 7, "id": "delegate",
     "name": {"nb": "Delegere", "en": "Delegate"},
     "meaning": {"nb": "Du bestemmer helt selv; jeg trenger ikke å høre om det.",
                 "en": "You decide on your own; I do not need to hear about it."}},
)

#: Tannenbaum & Schmidt (1958): seven points on a continuum from boss-centred to
#: subordinate-centred leadership. Shown beside the Management 3.0 levels; the two
#: scales run in the same direction but are not claimed to match step for step.
TANNENBAUM_SCHMIDT: tuple[dict[str, Any], ...] = (
    {"step": 1, "text": {"nb": "Lederen tar beslutningen og kunngjør den.",
                         "en": "The manager makes the decision and announces it."}},
    {"step": 2, "text": {"nb": "Lederen bestemmer og «selger» beslutningen til gruppen.",
                         "en": "The manager decides and 'sells' the decision to the group."}},
    {"step": 3, "text": {"nb": "Lederen legger fram beslutningen og inviterer til spørsmål.",
                         "en": "The manager presents the decision and invites questions."}},
    {"step": 4, "text": {"nb": "Lederen legger fram et foreløpig forslag som kan endres.",
                         "en": "The manager presents a tentative decision that can still change."}},
    {"step": 5, "text": {"nb": "Lederen legger fram problemet, får forslag og bestemmer.",
                         "en": "The manager presents the problem, collects suggestions, then decides."}},
    {"step": 6, "text": {"nb": "Lederen setter rammene og ber gruppen bestemme.",
                         "en": "The manager sets the limits and asks the group to decide."}},
    {"step": 7, "text": {"nb": "Gruppen får virke fritt innenfor rammer satt av overordnet.",
                         "en": "The group works freely within limits set by the superior."}},
)

#: Lowest Management 3.0 level at which the delegate, not the manager, makes the decision.
DEFAULT_CONTROL_LEVEL = 5

# --------------------------------------------------------------------------- roles, KPIs, decisions

ROLES: dict[str, dict[str, str]] = {
    "ceo": {"nb": "Administrerende direktør", "en": "CEO"},
    "sales_director": {"nb": "Salgsdirektør", "en": "Sales director"},
    "sales_manager": {"nb": "Salgssjef", "en": "Sales manager"},
    "hr_director": {"nb": "HR-direktør", "en": "HR director"},
    "it": {"nb": "IT", "en": "IT"},
    "marketing": {"nb": "Markedsføring", "en": "Marketing"},
    "customer_service": {"nb": "Kundeservice", "en": "Customer service"},
}

#: Short column headers for the board and the heatmap.
ROLE_SHORT: dict[str, dict[str, str]] = {
    "ceo": {"nb": "Adm. dir.", "en": "CEO"},
    "sales_director": {"nb": "Salgsdir.", "en": "Sales dir."},
    "sales_manager": {"nb": "Salgssjef", "en": "Sales mgr."},
    "hr_director": {"nb": "HR-dir.", "en": "HR dir."},
    "it": {"nb": "IT", "en": "IT"},
    "marketing": {"nb": "Marked", "en": "Marketing"},
    "customer_service": {"nb": "Kundeserv.", "en": "Cust. service"},
}

KPIS: dict[str, dict[str, str]] = {
    "new_sales": {"nb": "Nysalg", "en": "New sales"},
    "renewals": {"nb": "Fornyelser", "en": "Renewals"},
    "customer_satisfaction": {"nb": "Kundetilfredshet", "en": "Customer satisfaction"},
    "budget_attainment": {"nb": "Budsjettoppnåelse", "en": "Budget attainment"},
    "gross_margin": {"nb": "Bruttomargin", "en": "Gross margin"},
    "cost_of_sales": {"nb": "Salgskostnad", "en": "Cost of sales"},
    "lead_volume": {"nb": "Antall leads", "en": "Lead volume"},
    "conversion_rate": {"nb": "Konverteringsrate", "en": "Conversion rate"},
    "seller_retention": {"nb": "Selgere som blir", "en": "Seller retention"},
}

#: What the case's sales manager is measured on by default.
SALES_MANAGER_KPIS: tuple[str, ...] = (
    "new_sales", "renewals", "customer_satisfaction", "budget_attainment", "cost_of_sales",
)


@dataclass(frozen=True)
class Decision:
    """One decision in the case's catalogue, the KPIs it drives and the source's point on it."""

    id: str
    name: Mapping[str, str]
    drives: tuple[str, ...]
    source_point: Mapping[str, str]
    enables: tuple[str, ...] = ()

    @property
    def kpis(self) -> tuple[str, ...]:
        """KPIs the decision drives, directly or through the decisions it gives access to."""
        direct = list(self.drives)
        for d in self.enables:
            direct += [k for k in DECISIONS[d].drives if k not in direct]
        return tuple(direct)

    def label(self, lang: str | None = None) -> str:
        return pick(self.name, lang)


#: The decision catalogue, drawn from the source text (Kunøe & Berntsen), in board order.
DECISIONS: dict[str, Decision] = {d.id: d for d in (
    Decision("hire_sellers", {"nb": "Ansette selgere", "en": "Hire sellers"},
             ("new_sales", "budget_attainment", "cost_of_sales", "seller_retention"),
             {"nb": "Kilden: hun må kunne ansette selgerne hun har personalansvar for.",
              "en": "Source: she must be able to hire the sellers she manages."}),
    Decision("restructure_sellers",
             {"nb": "Omstille og omplassere selgere", "en": "Restructure or reassign sellers"},
             ("new_sales", "renewals", "customer_satisfaction", "budget_attainment"),
             {"nb": "Kilden: hun må kunne omstille selgerne sine; HR er støttespiller, ikke vetomakt.",
              "en": "Source: she must be able to restructure her team; HR supports, it does not veto."}),
    Decision("end_employment", {"nb": "Avslutte et arbeidsforhold", "en": "End employment"},
             ("cost_of_sales", "seller_retention"),
             {"nb": "Følger av personalansvaret; krever ryddig prosess med HR.",
              "en": "Follows from managing people; needs a careful process with HR."}),
    Decision("bonus_system", {"nb": "Bonussystemet", "en": "Bonus system"},
             ("new_sales", "renewals", "customer_satisfaction", "cost_of_sales", "seller_retention"),
             {"nb": "Kilden: systemet må kunne tilpasses konjunktur og konkurranse.",
              "en": "Source: the system must adapt to the business cycle and competition."}),
    Decision("pay_levels", {"nb": "Lønnsnivå", "en": "Pay levels"},
             ("cost_of_sales", "seller_retention"),
             {"nb": "Kilden: kan kollidere med HRs ønske om lik lønnspolitikk.",
              "en": "Source: may clash with HR's wish for one pay policy."}),
    Decision("ict_budget", {"nb": "IKT-/CRM-budsjett", "en": "ICT/CRM budget"},
             ("lead_volume", "conversion_rate", "cost_of_sales"),
             {"nb": "Kilden: salgssjefen bør ha et budsjett for IKT-løsninger.",
              "en": "Source: the sales manager should have a budget for ICT solutions."}),
    Decision("digital_strategy_targets",
             {"nb": "Mål i digital markeds- og salgsstrategi",
              "en": "Targets in the digital marketing and sales strategy"},
             ("budget_attainment", "lead_volume", "new_sales"),
             {"nb": "Kilden: målene settes i toppledergruppen.",
              "en": "Source: the targets are set in the top management group."}),
    Decision("price_discount_limits", {"nb": "Pris- og rabattgrenser", "en": "Price and discount limits"},
             ("gross_margin", "conversion_rate", "new_sales"),
             {"nb": "Et innsatsmiddel i salget som ofte styres utenfra.",
              "en": "A sales input that is often controlled from outside sales."}),
    Decision("customer_service_processes",
             {"nb": "Prosesser i kundeservice", "en": "Customer-service processes"},
             ("customer_satisfaction", "renewals"),
             {"nb": "Kilden: hun må kunne påvirke tiltak som berører andre funksjoner.",
              "en": "Source: she needs influence over measures that touch other functions."}),
    Decision("marketing_campaigns", {"nb": "Markedskampanjer", "en": "Marketing campaigns"},
             ("lead_volume", "new_sales"),
             {"nb": "Kilden: markedsføring og salg bør henge sammen i ett system.",
              "en": "Source: marketing and sales should work as one system."}),
    Decision("top_management_seat",
             {"nb": "Plass i toppledergruppen", "en": "Seat in the top management group"},
             (),
             {"nb": "Kilden: påvirkning på andre funksjoner kan sikres ved å ta henne inn i toppledergruppen.",
              "en": "Source: influence over other functions can be secured by bringing her into the top group."},
             enables=("digital_strategy_targets", "customer_service_processes", "marketing_campaigns")),
)}

CELL_OPTIONS: tuple[str, ...] = ("", "R", "A", "C", "I", "A/R")
_ALLOWED_LETTERS = "RACI"

# --------------------------------------------------------------------------- lookups


def _norm(text: Any) -> str:
    return " ".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())


def _resolve(value: Any, table: Mapping[str, Any], labels) -> str | None:
    key = _norm(value)
    for ident, entry in table.items():
        names = labels(entry)
        if key == _norm(ident) or any(key == _norm(n) for n in names):
            return ident
    return None


def role_id(role: Any) -> str:
    """The role id for an id or a label in either language.

    Example:
        >>> role_id("Sales manager"), role_id("salgssjef"), role_id("sales_manager")
        ('sales_manager', 'sales_manager', 'sales_manager')
    """
    found = _resolve(role, ROLES, lambda e: list(e.values()))
    if found is None:
        raise invalid("delegation.role_unknown", value=role, allowed=", ".join(ROLES))
    return found


def decision_id(decision: Any) -> str:
    """The decision id for an id or a label in either language.

    Example:
        >>> decision_id("Hire sellers")
        'hire_sellers'
    """
    found = _resolve(decision, DECISIONS, lambda d: list(d.name.values()))
    if found is None:
        raise invalid("delegation.decision_unknown", value=decision, allowed=", ".join(DECISIONS))
    return found


def kpi_id(kpi: Any) -> str:
    """The KPI id for an id or a label in either language.

    Example:
        >>> kpi_id("Nysalg")
        'new_sales'
    """
    found = _resolve(kpi, KPIS, lambda e: list(e.values()))
    if found is None:
        raise invalid("delegation.kpi_unknown", value=kpi, allowed=", ".join(KPIS))
    return found


def role_label(role: str, lang: str | None = None, short: bool = False) -> str:
    """Role name in the current language (``short=True`` for column headers)."""
    table = ROLE_SHORT if short else ROLES
    return pick(table[role], lang) if role in table else str(role)


def _in_sentence(label: str) -> str:
    """Lower-case a label's first letter for use mid-sentence, unless it starts an acronym (IT, HR-...)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def decision_label(decision: str, lang: str | None = None) -> str:
    """Decision name in the current language (unknown ids pass through)."""
    return DECISIONS[decision].label(lang) if decision in DECISIONS else str(decision)


def kpi_label(kpi: str, lang: str | None = None) -> str:
    """KPI name in the current language."""
    return pick(KPIS[kpi], lang) if kpi in KPIS else str(kpi)


def decisions_driving(kpi: str) -> tuple[str, ...]:
    """Decisions in the catalogue that drive a KPI, in board order.

    Example:
        >>> decisions_driving("gross_margin")
        ('price_discount_limits',)
    """
    k = kpi_id(kpi)
    return tuple(d.id for d in DECISIONS.values() if k in d.drives)


def level_info(level: int) -> dict[str, Any]:
    """The Management 3.0 entry for a level 1-7."""
    return DELEGATION_LEVELS[_check_level(level, "level") - 1]


def level_label(level: int, lang: str | None = None) -> str:
    """``"5 Advise"`` / ``"5 Gi råd"``."""
    info = level_info(level)
    return f"{info['level']} {pick(info['name'], lang)}"


def _check_level(value: Any, field_name: str) -> int:
    try:
        number = int(value)
        ok = number == value and 1 <= number <= 7
    except (TypeError, ValueError):
        ok = False
    if not ok or isinstance(value, bool):
        raise invalid("delegation.level_range", field=field_name, value=value)
    return number


# --------------------------------------------------------------------------- cells and matrices


def parse_cell(value: Any) -> tuple[frozenset[str], str]:
    """Split a cell into its RACI letters and any characters that are not R, A, C or I.

    Separators ``/ + , ;`` and spaces are ignored; case does not matter.

    Example:
        >>> letters, bad = parse_cell("a/r")
        >>> sorted(letters), bad
        (['A', 'R'], '')
        >>> parse_cell("X")[1]
        'X'
    """
    if value is None or (isinstance(value, float) and value != value):
        return frozenset(), ""
    text = str(value).upper()
    for sep in "/+,; \t":
        text = text.replace(sep, "")
    letters = frozenset(ch for ch in text if ch in _ALLOWED_LETTERS)
    bad = "".join(dict.fromkeys(ch for ch in text if ch not in _ALLOWED_LETTERS))
    return letters, bad


def canonical_cell(letters: Iterable[str]) -> str:
    """Canonical cell text: ``"A/R"`` for A and R, else the letters in R, A, C, I order.

    Example:
        >>> canonical_cell({"R", "A"})
        'A/R'
    """
    s = set(letters)
    if s == {"A", "R"}:
        return "A/R"
    return "/".join(ch for ch in "RACI" if ch in s)


def _cells(matrix: Any) -> dict[str, dict[str, Any]]:
    """``{decision: {role: raw cell}}`` from a DataFrame or a dict of dicts."""
    if isinstance(matrix, pd.DataFrame):
        return {str(d): {str(r): matrix.at[d, r] for r in matrix.columns} for d in matrix.index}
    if isinstance(matrix, Mapping):
        out = {}
        for d, row in matrix.items():
            if not isinstance(row, Mapping):
                raise invalid("delegation.matrix_type", value=type(row).__name__)
            out[str(d)] = {str(r): v for r, v in row.items()}
        return out
    raise invalid("delegation.matrix_type", value=type(matrix).__name__)


def _known_or_raw(value: str, resolver) -> str:
    try:
        return resolver(value)
    except ValueError:
        return value


def to_frame(matrix: Any) -> pd.DataFrame:
    """A matrix as a DataFrame of canonical cells; catalogue labels become ids.

    Unknown letters are kept as written, so :func:`validate_raci` can name them.

    Example:
        >>> to_frame({"hire_sellers": {"sales_manager": "ra", "hr_director": "c"}}).loc["hire_sellers", "sales_manager"]
        'A/R'
    """
    cells = _cells(matrix)
    roles: list[str] = []
    data: dict[str, dict[str, str]] = {}
    for d, row in cells.items():
        did = _known_or_raw(d, decision_id)
        data[did] = {}
        for r, v in row.items():
            rid = _known_or_raw(r, role_id)
            if rid not in roles:
                roles.append(rid)
            letters, bad = parse_cell(v)
            data[did][rid] = canonical_cell(letters) if not bad else str(v).strip().upper()
    frame = pd.DataFrame.from_dict(data, orient="index", columns=roles, dtype=object).fillna("")
    frame.index.name, frame.columns.name = "decision", "role"
    return frame


def empty_matrix(decisions: Iterable[str] | None = None, roles: Iterable[str] | None = None) -> pd.DataFrame:
    """An empty board: catalogue decisions x roles, every cell ``""``.

    Example:
        >>> empty_matrix().shape
        (11, 7)
    """
    ds = list(decisions) if decisions is not None else list(DECISIONS)
    rs = list(roles) if roles is not None else list(ROLES)
    frame = pd.DataFrame("", index=ds, columns=rs, dtype=object)
    frame.index.name, frame.columns.name = "decision", "role"
    return frame


_PRESETS: dict[str, dict[str, dict[str, str]]] = {
    # A traditional company: HR and the CEO hold the levers; she is told, at most asked.
    "today": {
        "hire_sellers": {"ceo": "A", "hr_director": "R", "sales_director": "C", "sales_manager": "C"},
        "restructure_sellers": {"hr_director": "A", "sales_director": "C", "sales_manager": "R"},
        "end_employment": {"ceo": "A", "hr_director": "R", "sales_director": "C", "sales_manager": "I"},
        "bonus_system": {"hr_director": "A/R", "ceo": "C", "sales_director": "C", "sales_manager": "I"},
        "pay_levels": {"hr_director": "A/R", "ceo": "C", "sales_manager": "I"},
        "ict_budget": {"ceo": "A", "it": "R", "marketing": "C", "sales_manager": "I"},
        "digital_strategy_targets": {"ceo": "A", "sales_director": "R", "marketing": "R", "sales_manager": "I"},
        "price_discount_limits": {"sales_director": "A/R", "ceo": "C", "sales_manager": "I"},
        "customer_service_processes": {"customer_service": "A/R", "sales_manager": "I"},
        "marketing_campaigns": {"marketing": "A/R", "sales_director": "I", "sales_manager": "I"},
        "top_management_seat": {"ceo": "A/R", "sales_director": "C", "sales_manager": "I"},
    },
    # One reasoned answer following the source: she decides her own inputs (hiring,
    # restructuring, the bonus system, the ICT budget, discounts within limits) with HR
    # and IT supporting; where the reference level is 3-4 (pay levels, strategy targets,
    # customer service, campaigns) someone else keeps the A and she is R or C.
    "proposal": {
        "hire_sellers": {"sales_manager": "A/R", "hr_director": "R", "sales_director": "I"},
        "restructure_sellers": {"sales_manager": "A/R", "hr_director": "C", "sales_director": "I"},
        "end_employment": {"sales_manager": "A", "hr_director": "R", "sales_director": "C", "ceo": "I"},
        "bonus_system": {"sales_manager": "A/R", "hr_director": "C", "sales_director": "C", "ceo": "I"},
        "pay_levels": {"sales_director": "A", "sales_manager": "R", "hr_director": "C"},
        "ict_budget": {"sales_manager": "A/R", "it": "R", "marketing": "C", "ceo": "I"},
        "digital_strategy_targets": {"ceo": "A", "sales_manager": "R", "marketing": "R",
                                     "sales_director": "C"},
        "price_discount_limits": {"sales_manager": "A/R", "sales_director": "C", "ceo": "I"},
        "customer_service_processes": {"customer_service": "A/R", "sales_manager": "C"},
        "marketing_campaigns": {"marketing": "A/R", "sales_manager": "R"},
        "top_management_seat": {"ceo": "A/R", "sales_director": "C", "sales_manager": "I"},
    },
}

PRESETS: tuple[str, ...] = ("today", "proposal", "empty")


def preset_matrix(name: str) -> pd.DataFrame:
    """A ready board: ``"today"`` (HR and the CEO hold the levers), ``"proposal"``
    (one reasoned answer following the source) or ``"empty"``.

    Example:
        >>> preset_matrix("today").loc["bonus_system", "hr_director"]
        'A/R'
    """
    if name not in PRESETS:
        raise invalid("delegation.preset_unknown", value=name, allowed=", ".join(PRESETS))
    frame = empty_matrix()
    for d, row in _PRESETS.get(name, {}).items():
        for r, v in row.items():
            frame.at[d, r] = v
    return frame


def matrix_to_dict(matrix: Any) -> dict[str, dict[str, str]]:
    """A JSON-friendly ``{decision: {role: cell}}`` without empty cells (for the progress store)."""
    frame = to_frame(matrix)
    return {d: {r: frame.at[d, r] for r in frame.columns if frame.at[d, r]} for d in frame.index}


# --------------------------------------------------------------------------- validation


@dataclass(frozen=True)
class RaciProblem:
    """One thing wrong with a RACI table. ``str(problem)`` is a sentence in the current language.

    ``kind`` is one of ``"unknown_letter"``, ``"conflict"``, ``"no_accountable"``,
    ``"several_accountable"``, ``"no_responsible"``, ``"empty"``.
    """

    kind: str
    decision: str | None = None
    role: str | None = None
    value: str | None = None
    roles: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        d = decision_label(self.decision) if self.decision else ""
        if self.kind == "unknown_letter":
            return t("delegation.raci.unknown_letter", decision=d, role=role_label(self.role or ""),
                     value=self.value, allowed="R, A, C, I, A/R")
        if self.kind == "conflict":
            return t("delegation.raci.conflict", decision=d, role=role_label(self.role or ""),
                     value=self.value)
        if self.kind == "several_accountable":
            return t("delegation.raci.several_accountable", decision=d,
                     roles=", ".join(role_label(r) for r in self.roles))
        if self.kind == "empty":
            return t("delegation.raci.empty")
        return t(f"delegation.raci.{self.kind}", decision=d)

    def __str__(self) -> str:
        return self.message


def validate_raci(matrix: Any) -> list[RaciProblem]:
    """Check a RACI table; return its problems (empty when valid).

    Rules: exactly one A per decision; at least one R (the A may also be R);
    letters other than R, A, C, I are rejected with the allowed ones named; a role
    cannot be both doing or signing off (R/A) and merely consulted or informed (C/I).

    Example:
        >>> problems = validate_raci({"hire_sellers": {"ceo": "A", "hr_director": "A"}})
        >>> sorted(p.kind for p in problems)
        ['no_responsible', 'several_accountable']
        >>> validate_raci({"hire_sellers": {"sales_manager": "AR"}})
        []
    """
    cells = _cells(matrix)
    if not cells:
        return [RaciProblem("empty")]
    problems: list[RaciProblem] = []
    for d_raw, row in cells.items():
        d = _known_or_raw(d_raw, decision_id)
        accountable: list[str] = []
        responsible: list[str] = []
        for r_raw, v in row.items():
            r = _known_or_raw(r_raw, role_id)
            letters, bad = parse_cell(v)
            if bad:
                problems.append(RaciProblem("unknown_letter", d, r, str(v).strip()))
            if letters & {"A", "R"} and letters & {"C", "I"}:
                problems.append(RaciProblem("conflict", d, r, str(v).strip()))
            if "A" in letters:
                accountable.append(r)
            if "R" in letters:
                responsible.append(r)
        if not accountable:
            problems.append(RaciProblem("no_accountable", d))
        elif len(accountable) > 1:
            problems.append(RaciProblem("several_accountable", d, roles=tuple(accountable)))
        if not responsible:
            problems.append(RaciProblem("no_responsible", d))
    return problems


def accountable_for(matrix: Any, decision: str) -> str | None:
    """The role holding A on a decision (the first one if there are several), else ``None``."""
    return _accountable(to_frame(matrix), decision)


def _accountable(frame: pd.DataFrame, decision: str) -> str | None:
    if decision not in frame.index:
        return None
    for r in frame.columns:
        if "A" in parse_cell(frame.at[decision, r])[0]:
            return r
    return None


# --------------------------------------------------------------------------- controllability


@dataclass(frozen=True)
class Gap:
    """A KPI the role answers for, and the driving decisions she does not decide.

    ``holders`` gives, per missing decision, the role holding A there (or ``None``);
    ``working`` lists the missing decisions on which she does the work (R) while
    someone else holds A: she is busy with them, but the decision is not hers.
    """

    kpi: str
    missing: tuple[str, ...]
    drivers: tuple[str, ...]
    holders: Mapping[str, str | None] = field(default_factory=dict)
    working: tuple[str, ...] = ()

    def _parts(self, decisions) -> str:
        parts = []
        for d in decisions:
            holder = self.holders.get(d)
            who = role_label(holder) if holder else t("delegation.gap.nobody")
            parts.append(t("delegation.gap.part", decision=decision_label(d), holder=who))
        return "; ".join(parts)

    @property
    def message(self) -> str:
        text = [t("delegation.gap.sentence", kpi=kpi_label(self.kpi), controlled=len(self.drivers) - len(self.missing),
                  total=len(self.drivers))]
        if self.working:
            text.append(t("delegation.gap.working", parts=self._parts(self.working)))
        no_say = [d for d in self.missing if d not in self.working]
        if no_say:
            text.append(t("delegation.gap.no_say", parts=self._parts(no_say)))
        return " ".join(text)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ControllabilityReport:
    """Result of :func:`controllability_gaps`.

    ``score`` is the share of (measured KPI, driving decision) pairs the role decides
    (holds A, or has been delegated at ``min_level`` or above): 1.0 when authority
    matches accountability, 0.0 when she decides none of her inputs. ``working_share``
    is the share of pairs where she only does the work under someone else's A.
    ``coverage`` gives the decided share per KPI; ``controlled`` the decisions she
    decides; ``working`` the decisions where she is R under another role's A.
    """

    role: str
    measured: tuple[str, ...]
    gaps: tuple[Gap, ...]
    score: float
    coverage: Mapping[str, float]
    controlled: tuple[str, ...]
    working: tuple[str, ...] = ()
    working_share: float = 0.0

    @property
    def gap_kpis(self) -> tuple[str, ...]:
        return tuple(g.kpi for g in self.gaps)

    def lines(self) -> list[str]:
        """Plain sentences, one per gap (or one saying there is none)."""
        if not self.measured:
            return [t("delegation.gap.nothing_measured", role=_in_sentence(role_label(self.role)))]
        if not self.gaps:
            return [t("delegation.gap.none", role=_in_sentence(role_label(self.role)))]
        return [g.message for g in self.gaps]

    def rows(self) -> list[dict[str, Any]]:
        """One plain row per measured KPI: ``kpi``, ``coverage`` (share she decides),
        ``working`` (inputs where she does the work under another's A, with the A holder)
        and ``no_say`` (the other missing inputs, with the A holder)."""
        gaps = {g.kpi: g for g in self.gaps}
        out = []
        for k in self.measured:
            g = gaps.get(k)
            def listing(ds, g=g):
                return ", ".join(f"{decision_label(d)} ({role_label(g.holders[d]) if g.holders.get(d) else '–'})"
                                 for d in ds) or "–"
            out.append({"kpi": kpi_label(k), "coverage": self.coverage[k],
                        "working": listing(g.working) if g else "–",
                        "no_say": listing([d for d in g.missing if d not in g.working]) if g else "–"})
        return out

    def table(self, lang: str | None = None) -> pd.DataFrame:
        """The rows of :meth:`rows` with translated headers (shares still as fractions)."""
        keys = {"kpi": "delegation.table.kpi", "coverage": "delegation.table.coverage",
                "working": "delegation.table.working", "no_say": "delegation.table.missing"}
        frame = pd.DataFrame(self.rows(), columns=list(keys))
        return frame.rename(columns={c: t(k, lang) for c, k in keys.items()})

    def summary(self) -> str:
        """One sentence with the score."""
        from .i18n import format_percent
        text = t("delegation.gap.summary", role=_in_sentence(role_label(self.role)), score=format_percent(self.score, 0),
                 gaps=len(self.gaps), measured=len(self.measured))
        if self.working_share:
            text += " " + t("delegation.gap.summary_working", share=format_percent(self.working_share, 0))
        return text


def controls(matrix: Any, role: str = "sales manager", levels: Mapping[str, int] | None = None,
             min_level: int = DEFAULT_CONTROL_LEVEL) -> tuple[str, ...]:
    """Decisions the role decides: she holds A, or it is delegated to her at ``min_level`` or above.

    Doing the work (R) under someone else's A is not deciding.

    Example:
        >>> controls(preset_matrix("today"))
        ()
        >>> controls(preset_matrix("proposal"))[:2]
        ('hire_sellers', 'restructure_sellers')
    """
    return _controls(to_frame(matrix), role_id(role), _check_levels(levels), _check_level(min_level, "min_level"))


def _controls(frame: pd.DataFrame, rid: str, lv: Mapping[str, int], min_level: int) -> tuple[str, ...]:
    held = []
    for d in frame.index:
        letters = parse_cell(frame.at[d, rid])[0] if rid in frame.columns else frozenset()
        if "A" in letters or lv.get(d, 0) >= min_level:
            held.append(d)
    for d, level in lv.items():
        if level >= min_level and d not in held:
            held.append(d)
    return tuple(held)


def works_under(matrix: Any, role: str = "sales manager", levels: Mapping[str, int] | None = None,
                min_level: int = DEFAULT_CONTROL_LEVEL) -> dict[str, str | None]:
    """Decisions where the role does the work (R) while another role holds A: ``{decision: A holder}``.

    Example:
        >>> works_under(preset_matrix("today"))
        {'restructure_sellers': 'hr_director'}
    """
    frame, rid = to_frame(matrix), role_id(role)
    held = set(_controls(frame, rid, _check_levels(levels), _check_level(min_level, "min_level")))
    return _works_under(frame, rid, held)


def _works_under(frame: pd.DataFrame, rid: str, held: set[str]) -> dict[str, str | None]:
    if rid not in frame.columns:
        return {}
    return {d: _accountable(frame, d) for d in frame.index
            if d not in held and "R" in parse_cell(frame.at[d, rid])[0]}


def _check_levels(levels: Mapping[str, int] | None) -> dict[str, int]:
    if levels is None:
        return {}
    if not isinstance(levels, Mapping):
        raise invalid("delegation.levels_type", value=type(levels).__name__)
    return {decision_id(d): _check_level(v, decision_id(d)) for d, v in levels.items()}


def controllability_gaps(matrix: Any, measured_kpis: Iterable[str] | None = None, role: str = "sales manager",
                         levels: Mapping[str, int] | None = None,
                         min_level: int = DEFAULT_CONTROL_LEVEL) -> ControllabilityReport:
    """Each KPI the role is measured on whose driving decisions she does not decide.

    A decision counts as hers only when the role holds A on it in ``matrix``, or when
    ``levels[decision]`` (the Management 3.0 level at which it is delegated to her) is
    at least ``min_level`` (default 5, *advise*: from there on the delegate decides).
    Doing the work (R) under someone else's A does not count: it is reported as its
    own category (``report.working``, ``gap.working``).
    ``measured_kpis`` defaults to :data:`SALES_MANAGER_KPIS`.

    Returns a :class:`ControllabilityReport`; ``report.gaps`` lists, per KPI, the
    decisions still missing, and ``report.score`` the share of pairs she decides.

    Example:
        >>> today = preset_matrix("today")
        >>> r = controllability_gaps(today, ["gross_margin"])
        >>> [g.missing for g in r.gaps], r.score
        ([('price_discount_limits',)], 0.0)
        >>> controllability_gaps(today, ["gross_margin"], levels={"price_discount_limits": 6}).gaps
        ()
    """
    rid = role_id(role)
    kpis = list(SALES_MANAGER_KPIS if measured_kpis is None else measured_kpis)
    if isinstance(measured_kpis, str):
        kpis = [measured_kpis]
    measured = tuple(dict.fromkeys(kpi_id(k) for k in kpis))
    frame = to_frame(matrix)
    held = set(_controls(frame, rid, _check_levels(levels), _check_level(min_level, "min_level")))
    working = _works_under(frame, rid, held)
    gaps: list[Gap] = []
    coverage: dict[str, float] = {}
    covered_pairs = total_pairs = working_pairs = 0
    working_seen: list[str] = []
    for k in measured:
        drivers = decisions_driving(k)
        missing = tuple(d for d in drivers if d not in held)
        busy = tuple(d for d in missing if d in working)
        working_seen += [d for d in busy if d not in working_seen]
        total_pairs += len(drivers)
        covered_pairs += len(drivers) - len(missing)
        working_pairs += len(busy)
        coverage[k] = (len(drivers) - len(missing)) / len(drivers) if drivers else 1.0
        if missing:
            holders = {d: _accountable(frame, d) for d in missing}
            gaps.append(Gap(k, missing, drivers, holders, busy))
    score = covered_pairs / total_pairs if total_pairs else 1.0
    return ControllabilityReport(rid, measured, tuple(gaps), score, coverage,
                                 tuple(d for d in DECISIONS if d in held),
                                 tuple(d for d in DECISIONS if d in working_seen),
                                 working_pairs / total_pairs if total_pairs else 0.0)


def grant(matrix: Any, decision: str, role: str = "sales manager", cell: str = "A/R") -> pd.DataFrame:
    """A copy of the matrix where ``role`` gets ``cell`` on ``decision``; an A moves to her.

    When the new cell holds A, any other role's A on that decision is demoted (A/R to R,
    A to C), so the table stays valid.

    Example:
        >>> m = grant(preset_matrix("today"), "ict_budget")
        >>> m.loc["ict_budget", "sales_manager"], m.loc["ict_budget", "ceo"]
        ('A/R', 'C')
    """
    rid, did = role_id(role), decision_id(decision)
    letters, bad = parse_cell(cell)
    if bad or not letters:
        raise invalid("delegation.cell_value", value=cell, allowed=", ".join(o for o in CELL_OPTIONS if o))
    frame = to_frame(matrix).copy()
    if did not in frame.index:
        frame.loc[did] = ""
    if rid not in frame.columns:
        frame[rid] = ""
    if "A" in letters:
        for r in frame.columns:
            old = parse_cell(frame.at[did, r])[0]
            if r != rid and "A" in old:
                frame.at[did, r] = "R" if "R" in old else "C"
    frame.at[did, rid] = canonical_cell(letters)
    return frame


# --------------------------------------------------------------------------- delegation levels per decision


@dataclass(frozen=True)
class ReferenceLevel:
    """A reasoned reference for how far top management should delegate a decision to her."""

    decision: str
    level: int
    low: int
    high: int
    reason: Mapping[str, str]


#: Reference answers for the delegation-level exercise: level, acceptable range and reasoning.
REFERENCE_LEVELS: dict[str, ReferenceLevel] = {r.decision: r for r in (
    ReferenceLevel("hire_sellers", 6, 6, 7, {
        "nb": "Hun bestemmer innenfor vedtatt bemanning; HR støtter prosessen. Ledelsen vil vite hvem som ble ansatt.",
        "en": "She decides within the agreed headcount; HR supports the process. Management wants to hear who was hired."}),
    ReferenceLevel("restructure_sellers", 7, 6, 7, {
        "nb": "Å fordele kunder, distrikter og oppgaver er kjernen i jobben hennes.",
        "en": "Allocating accounts, territories and tasks is the core of her job."}),
    ReferenceLevel("end_employment", 5, 4, 6, {
        "nb": "Hun bør bestemme, men oppsigelser har juridiske krav; HR og ledelsen gir råd om prosessen.",
        "en": "She should decide, but dismissals carry legal requirements; HR and management advise on the process."}),
    ReferenceLevel("bonus_system", 5, 4, 6, {
        "nb": "Hun former systemet etter fase og marked (modul 03); topplederen veier det mot HRs felles lønnspolitikk.",
        "en": "She shapes the plan to the phase and market (module 03); top management weighs it against HR's common pay policy."}),
    ReferenceLevel("pay_levels", 4, 3, 5, {
        "nb": "Lønnsnivå berører hele selskapet; det bør avtales mellom henne, salgsdirektør og HR.",
        "en": "Pay levels touch the whole company; they should be agreed between her, the sales director and HR."}),
    ReferenceLevel("ict_budget", 6, 5, 7, {
        "nb": "Kilden vil at hun har et eget IKT-budsjett; ledelsen følger opp hva pengene ga.",
        "en": "The source wants her to own an ICT budget; management follows up on what the money achieved."}),
    ReferenceLevel("digital_strategy_targets", 4, 3, 4, {
        "nb": "Målene settes i toppledergruppen; hun må være med og bli enig, ikke bare bli fortalt.",
        "en": "Targets are set in the top management group; she must take part and agree, not just be told."}),
    ReferenceLevel("price_discount_limits", 5, 4, 6, {
        "nb": "Rammene for margin settes over henne; innenfor dem bør hun bestemme rabattene.",
        "en": "Margin limits are set above her; within them she should decide discounts."}),
    ReferenceLevel("customer_service_processes", 3, 3, 4, {
        "nb": "En annen leder har ansvaret for prosessen; hun må bli hørt, og i toppledergruppen kan hun få gjennomslag.",
        "en": "Another manager owns the process; she must be heard, and in the top group she can push changes through."}),
    ReferenceLevel("marketing_campaigns", 4, 3, 4, {
        "nb": "Markedsføring har ansvaret for kampanjene, men de må henge sammen med salget; bli enige om mål og leads.",
        "en": "Marketing owns campaigns, but they must fit sales; agree on goals and lead hand-over."}),
    ReferenceLevel("top_management_seat", 1, 1, 3, {
        "nb": "Hvem som sitter i toppledergruppen er administrerende direktørs valg; kilden råder direktøren til å ta henne inn.",
        "en": "Who sits in the top group is the CEO's call; the source advises the CEO to bring her in."}),
)}


def check_levels(choices: Mapping[str, int]) -> pd.DataFrame:
    """Compare chosen delegation levels with the reference, decision by decision.

    Returns a DataFrame indexed by decision with ``chosen``, ``reference``, ``low``,
    ``high``, ``difference`` (chosen minus reference) and ``within`` (inside the range).

    Example:
        >>> df = check_levels({"hire_sellers": 2})
        >>> int(df.loc["hire_sellers", "difference"]), bool(df.loc["hire_sellers", "within"])
        (-4, False)
    """
    lv = _check_levels(choices)
    rows = []
    for d, level in lv.items():
        ref = REFERENCE_LEVELS[d]
        rows.append({"decision": d, "chosen": level, "reference": ref.level, "low": ref.low, "high": ref.high,
                     "difference": level - ref.level, "within": ref.low <= level <= ref.high})
    columns = ["chosen", "reference", "low", "high", "difference", "within"]
    if not rows:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="decision"))
    return pd.DataFrame(rows).set_index("decision")[columns]


def level_spread(responses: Iterable[Mapping[str, int]]) -> pd.DataFrame:
    """Spread of a class's chosen levels per decision: ``n``, ``min``, ``median``, ``max``
    and ``counts`` (a 7-tuple: how many chose level 1..7).

    Example:
        >>> s = level_spread([{"ict_budget": 3}, {"ict_budget": 6}, {"ict_budget": 6}])
        >>> float(s.loc["ict_budget", "median"]), s.loc["ict_budget", "counts"]
        (6.0, (0, 0, 1, 0, 0, 2, 0))
    """
    values: dict[str, list[int]] = {}
    for resp in responses:
        for d, level in _check_levels(resp).items():
            values.setdefault(d, []).append(level)
    rows = []
    for d in [d for d in DECISIONS if d in values]:
        v = values[d]
        s = pd.Series(v)
        rows.append({"decision": d, "n": len(v), "min": int(s.min()), "median": float(s.median()),
                     "max": int(s.max()), "counts": tuple(v.count(i) for i in range(1, 8))})
    columns = ["n", "min", "median", "max", "counts"]
    if not rows:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="decision"))
    return pd.DataFrame(rows).set_index("decision")[columns]


# --------------------------------------------------------------------------- tables for notebooks


def catalogue_table(lang: str | None = None) -> pd.DataFrame:
    """The decision catalogue as a table: decision, the KPIs it drives and the source's point.

    Example:
        >>> catalogue_table("en").shape[0] == len(DECISIONS)
        True
    """
    rows = []
    for d in DECISIONS.values():
        rows.append({t("delegation.table.decision", lang): d.label(lang),
                     t("delegation.table.kpis", lang): ", ".join(kpi_label(k, lang) for k in d.kpis),
                     t("delegation.table.source", lang): pick(d.source_point, lang)})
    return pd.DataFrame(rows)


def levels_table(lang: str | None = None) -> pd.DataFrame:
    """Management 3.0's seven levels beside Tannenbaum & Schmidt's seven steps.

    Example:
        >>> levels_table("en").iloc[0, 0]
        '1 Tell'
    """
    rows = []
    for lv, ts in zip(DELEGATION_LEVELS, TANNENBAUM_SCHMIDT):
        rows.append({t("delegation.table.level", lang): level_label(lv["level"], lang),
                     t("delegation.table.meaning", lang): pick(lv["meaning"], lang),
                     t("delegation.table.ts", lang): pick(ts["text"], lang)})
    return pd.DataFrame(rows)


def score_steps(matrix: Any, decisions: Iterable[str], measured_kpis: Iterable[str] | None = None,
                role: str = "sales manager", lang: str | None = None) -> pd.DataFrame:
    """Grant ``role`` A/R on each decision in turn and show how the gaps close.

    Example:
        >>> steps = score_steps(preset_matrix("today"), ["hire_sellers", "bonus_system"], lang="en")
        >>> list(steps.iloc[:, 1]) == sorted(steps.iloc[:, 1])
        True
    """
    kpis = list(SALES_MANAGER_KPIS if measured_kpis is None else measured_kpis)
    current = to_frame(matrix)
    report = controllability_gaps(current, kpis, role)
    rows = [(t("delegation.table.start", lang), report.score, len(report.gaps))]
    for d in decisions:
        current = grant(current, d, role)
        report = controllability_gaps(current, kpis, role)
        rows.append(("+ " + decision_label(decision_id(d), lang), report.score, len(report.gaps)))
    return pd.DataFrame(rows, columns=[t("delegation.table.step", lang), t("delegation.table.score", lang),
                                       t("delegation.table.gap_count", lang)])


def labelled(matrix: Any, lang: str | None = None, short: bool = True) -> pd.DataFrame:
    """A board for reading: decision and role names instead of ids.

    Example:
        >>> labelled(preset_matrix("today"), "en").loc["Bonus system", "HR dir."]
        'A/R'
    """
    frame = to_frame(matrix)
    out = frame.rename(index=lambda d: decision_label(d, lang), columns=lambda r: role_label(r, lang, short=short))
    out.index.name, out.columns.name = t("delegation.table.decision", lang), None
    return out
