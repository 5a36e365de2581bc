"""Computational exercises for module 05 (digital sales strategy and the ICT investment).

* :func:`check_sqls` - sales-qualified leads from visitors, stage by stage.
* :func:`check_customers` - new customers from visitors through all five steps.
* :func:`check_visitors_needed` - visitors needed for a new-sales target.
* :func:`check_npv` - NPV of the CRM case's cash flows, first flow at year 0.
* :func:`check_payback` - payback counted on margin, not on revenue.

Every check treats ``...`` or ``None`` as "not answered yet", recognises the typical wrong answers
(a stage skipped or taken from the wrong end of the funnel, NPV without discounting or with the first
flow discounted, payback on revenue) and records the attempt.

Example:
    >>> check_customers(..., record=False).correct is None
    True
    >>> check_customers(expected_customers(), record=False).correct
    True
"""
from __future__ import annotations

import math
from typing import Any

from .. import investment as iv
from ..i18n import format_money, format_number, t
from .computed import CheckResult, check_number

# --------------------------------------------------------------------------- the funnel exercises

VISITORS = 60_000
"""Website visitors a year in the exercises (the case company today)."""

RATES = {"visit_to_lead": 0.025, "lead_to_mql": 0.25, "mql_to_sql": 0.35, "sql_to_opportunity": 0.55,
         "opportunity_to_customer": 0.22}
"""The likely rates used in the exercises, in funnel order."""

DEAL_VALUE = 75_000
"""A new customer's first order in the exercises (NOK)."""

TARGET = 3_000_000
"""New sales wanted from inbound in the exercises (NOK)."""

_R = list(RATES.values())


def _prod(values) -> float:
    return float(math.prod(values))


def expected_sqls() -> float:
    """Sales-qualified leads: visitors x visit->lead x lead->MQL x MQL->SQL.

    Example:
        >>> expected_sqls()
        131.25
    """
    return VISITORS * _prod(_R[:3])


def check_sqls(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``sqls`` (sales-qualified leads a year) for :data:`VISITORS` and :data:`RATES`."""
    mistakes = [
        (VISITORS * _prod(_R[:4]), {"nb": "Du har tatt med ett trinn for mye: SQL → salgsmulighet kommer etter SQL.",
                                    "en": "You included one step too many: SQL → opportunity comes after the SQL stage."}),
        (VISITORS * _prod(_R[:2]), {"nb": "Du stoppet ved MQL. Ta med MQL → SQL også.",
                                    "en": "You stopped at MQL. Include MQL → SQL as well."}),
        (VISITORS * _R[0] * _R[2], {"nb": "Du hoppet over Lead → MQL. Hvert trinn må med, i rekkefølge.",
                                    "en": "You skipped Lead → MQL. Every step counts, in order."}),
        (VISITORS * _prod(_R[2:]), {"nb": "Du har brukt de tre siste ratene i trakten, ikke de tre første. Begynn øverst: besøk → lead.",
                                    "en": "You used the last three rates of the funnel, not the first three. Start at the top: visit → lead."}),
        (VISITORS * sum(_R[:3]), {"nb": "Du har lagt sammen ratene. En trakt ganger: hvert trinn tar en andel av det forrige.",
                                  "en": "You added the rates. A funnel multiplies: each step takes a share of the one before."}),
    ]
    return check_number("digital.sqls", value, expected_sqls(), name="sqls", rel_tol=1e-3, mistakes=mistakes,
                        formatter=lambda v: format_number(v, 1), record=record)


def expected_customers() -> float:
    """New customers: visitors x the product of all five rates.

    Example:
        >>> round(expected_customers(), 2)
        15.88
    """
    return VISITORS * _prod(_R)


def check_customers(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``customers`` (new customers a year) for :data:`VISITORS` and :data:`RATES`."""
    mistakes = [(VISITORS * _prod(_R[:i] + _R[i + 1:]),
                 {"nb": f"Du har hoppet over ett trinn (trinn {i + 1} av 5). Alle fem ratene må ganges med.",
                  "en": f"You skipped one step (step {i + 1} of 5). All five rates must be multiplied in."})
                for i in range(5)]
    mistakes += [
        (VISITORS * sum(_R), {"nb": "Du har lagt sammen ratene. En trakt ganger: hvert trinn tar en andel av det forrige.",
                              "en": "You added the rates. A funnel multiplies: each step takes a share of the one before."}),
        (VISITORS * _prod(_R) * DEAL_VALUE, {"nb": "Det er nysalget i kroner. Oppgaven spør etter antall kunder.",
                                             "en": "That is new sales in NOK. The task asks for the number of customers."}),
        (VISITORS * _R[-1], {"nb": "Du har bare brukt den siste raten (salgsmulighet → kunde) på alle besøkende.",
                             "en": "You applied only the last rate (opportunity → customer) to all visitors."}),
    ]
    return check_number("digital.customers", value, expected_customers(), name="customers", rel_tol=1e-3,
                        mistakes=mistakes, formatter=lambda v: format_number(v, 2), record=record)


def expected_visitors_needed() -> float:
    """Visitors for :data:`TARGET`: target / (deal value x product of the rates).

    Example:
        >>> round(expected_visitors_needed())
        151122
    """
    return TARGET / (DEAL_VALUE * _prod(_R))


def check_visitors_needed(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``visitors_needed`` for new sales of :data:`TARGET` NOK."""
    mistakes = [
        (TARGET / _prod(_R), {"nb": "Du har glemt ordreverdien: målet er i kroner, ikke i antall kunder. Del først på 75 000 kr.",
                              "en": "You forgot the deal value: the target is in NOK, not customers. Divide by NOK 75,000 first."}),
        (TARGET * _prod(_R) / DEAL_VALUE, {"nb": "Du har ganget med ratene. Baklengs gjennom trakten må du dele på dem.",
                                           "en": "You multiplied by the rates. Going backwards through the funnel you divide by them."}),
        (TARGET / DEAL_VALUE, {"nb": "Det er antall nye kunder som trengs. Del på produktet av ratene for å komme til besøkende.",
                               "en": "That is the number of new customers needed. Divide by the product of the rates to get to visitors."}),
    ]
    mistakes += [(TARGET / (DEAL_VALUE * _prod(_R[:i] + _R[i + 1:])),
                  {"nb": f"Du har hoppet over ett trinn (trinn {i + 1} av 5).", "en": f"You skipped one step (step {i + 1} of 5)."})
                 for i in range(5)]
    return check_number("digital.visitors_needed", value, expected_visitors_needed(), name="visitors_needed",
                        rel_tol=2e-3, mistakes=mistakes, formatter=lambda v: format_number(v, 0), record=record)


# --------------------------------------------------------------------------- the investment exercises

FLOWS = [-930_000, 90_000, 330_000, 330_000, 330_000, 330_000]
"""Cash flows of the CRM case in the exercises (NOK, year 0 to 5)."""

RATE = 0.08
"""Discount rate in the exercises."""


def expected_npv() -> float:
    """NPV of :data:`FLOWS` at :data:`RATE`, year 0 not discounted.

    Example:
        >>> round(expected_npv())
        165372
    """
    return iv.npv(RATE, FLOWS)


def check_npv(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``npv`` for :data:`FLOWS` at :data:`RATE`."""
    mistakes = [
        (sum(FLOWS), {"nb": "Du har lagt sammen kontantstrømmene uten å diskontere. En krone om fem år er verdt mindre enn en krone i dag: del hvert år t på 1,08^t.",
                      "en": "You added the cash flows without discounting. A krone in five years is worth less than one today: divide year t by 1.08^t."}),
        (iv.npv(RATE, FLOWS) / (1 + RATE), {"nb": "Du har diskontert år 0 også (som NPV() i et regneark gjør). Investeringen i dag skal ikke diskonteres.",
                                            "en": "You discounted year 0 as well (as a spreadsheet's NPV() does). Today's outlay is not discounted."}),
        (sum(f / (1 + RATE * t) for t, f in enumerate(FLOWS)), {"nb": "Du har delt på 1 + 0,08·t (enkel rente). Diskonter med rentes rente: (1,08)^t.",
                                                                "en": "You divided by 1 + 0.08·t (simple interest). Discount with compound interest: (1.08)^t."}),
        (FLOWS[0] + sum(FLOWS[1:]) / (1 + RATE) ** (len(FLOWS) - 1), {
            "nb": "Du har diskontert alle år like mye, som om alt kom i år 5. Hvert år har sin egen faktor.",
            "en": "You discounted every year by the same factor, as if everything came in year 5. Each year has its own factor."}),
    ]
    return check_number("digital.npv", value, expected_npv(), name="npv", abs_tol=1.0, mistakes=mistakes,
                        formatter=format_money, record=record)


PAYBACK_CASE = {"one_off": 900_000, "extra_revenue": 1_500_000, "margin": 0.30, "licences": 150_000}
"""The payback exercise: one-off cost, yearly extra revenue, gross margin, yearly licences (NOK)."""


def expected_payback() -> float:
    """Payback in years on margin: one-off / (extra revenue x margin - licences).

    Example:
        >>> expected_payback()
        3.0
    """
    c = PAYBACK_CASE
    return c["one_off"] / (c["extra_revenue"] * c["margin"] - c["licences"])


def check_payback(value: Any, *, record: bool = True) -> CheckResult:
    """Check ``payback_years`` for :data:`PAYBACK_CASE`."""
    c = PAYBACK_CASE
    mistakes = [
        (c["one_off"] / (c["extra_revenue"] - c["licences"]), {
            "nb": "Du har regnet på omsetning. Det som betaler tilbake investeringen er dekningsbidraget: 30 % av merinntekten.",
            "en": "You used revenue. What pays the investment back is the margin: 30% of the extra revenue."}),
        (c["one_off"] / c["extra_revenue"], {
            "nb": "Du har regnet på omsetning og glemt lisensene. Bruk dekningsbidraget (30 %) og trekk fra lisensene hvert år.",
            "en": "You used revenue and forgot the licences. Use the margin (30%) and subtract the licences each year."}),
        (c["one_off"] / (c["extra_revenue"] * c["margin"]), {
            "nb": "Riktig å bruke dekningsbidraget, men lisensene på 150 000 kr i året må trekkes fra.",
            "en": "Right to use the margin, but the licences of NOK 150,000 a year must be subtracted."}),
    ]
    return check_number("digital.payback", value, expected_payback(), name="payback_years", abs_tol=0.01,
                        mistakes=mistakes, formatter=lambda v: format_number(v, 2) + " " + t("digital.investment.years"),
                        record=record)
