"""The case company and its sales team: a seeded data generator, the shipped data set and a loader.

One fictitious Norwegian B2B company runs through every module: *Fjellvik Kontorteknikk AS* sells
office technology (printers, multifunction machines, meeting-room screens) together with recurring
service contracts. Its sales manager (salgssjef) leads about ten sellers in two regions and sits
between top management, who set the budget, and the sellers, who have to deliver it.

What the generator models (all amounts in Norwegian kroner, NOK, per seller and month):

* **Quota** (monthly new-sales target): a flat monthly budget per seller, set by territory and
  experience (about 300-450 kNOK; stars get higher quotas, laggards lower), ramped for newcomers
  (40 % of full quota in their first three months, 70 % up to month six, 85 % up to month nine) and
  raised by 6 % each new calendar year (the budget pushed down from top management).
* **Activities** (customer meetings and calls) create **pipeline**; a share of last month's pipeline
  closes as **new sales**, so pipeline leads sales by a month. The share that closes is seasonal:
  weak in July (Norwegian summer holiday) and in January/April after the quarter-end pushes, strong
  in March, June, September and November (end-of-quarter pull), December dampened by Christmas.
* **Skill** differs: two stars (about 130 % attainment), two laggards (about 70 %), the rest core
  (around 100 %). Newcomers (tenure of a few months at the start) ramp up over their first year.
* Each seller holds a **book of service contracts** (annual contract value, 1-4 MNOK). Each month
  about a twelfth of it is up for renewal (more in January). What is renewed is **renewals**; what
  is lost is **churned_revenue**. The churn share falls as **customer_satisfaction** rises, and
  satisfaction rises with the seller's customer care. One of the stars is a "hunter": high new
  sales, little care, more churn.

Magnitudes: annual new sales per seller are about 2-8 MNOK (core sellers about 4.5 MNOK), monthly
quotas about 300-450 kNOK, service books 1-4 MNOK. These are plausible for a Norwegian B2B
office-technology seller; they are invented for teaching, not taken from a survey.

Example:
    >>> df = generate_team(seed=2026)
    >>> df.shape
    (240, 12)
    >>> list(df.columns[:4])
    ['month', 'seller_id', 'seller_name', 'region']
"""
from __future__ import annotations

import csv
import io
import math
import re
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .i18n import invalid, pick, t

# --------------------------------------------------------------------------- the company

COMPANY: dict[str, Any] = {
    "name": "Fjellvik Kontorteknikk AS",
    "description": {
        "nb": (
            "Fjellvik Kontorteknikk AS er et oppdiktet norsk B2B-selskap som selger kontorteknologi "
            "(skrivere, multifunksjonsmaskiner og skjermer til møterom) til bedrifter, sammen med "
            "serviceavtaler som fornyes hvert år. Selskapet lever både av nysalg og av at kundene blir."
        ),
        "en": (
            "Fjellvik Kontorteknikk AS is a fictitious Norwegian B2B company that sells office technology "
            "(printers, multifunction machines and meeting-room screens) to businesses, together with "
            "service contracts that renew every year. It lives both on new sales and on keeping its customers."
        ),
    },
    "regions": {
        "east": {"nb": "Øst (Oslo)", "en": "East (Oslo)"},
        "west": {"nb": "Vest (Bergen)", "en": "West (Bergen)"},
    },
    "people": {
        "sales_manager": {
            "name": "Ingrid Lunde",
            "title": {"nb": "salgssjef", "en": "sales manager"},
            "description": {
                "nb": (
                    "Leder de ti selgerne i begge regionene i det daglige. Hun får budsjettet fra "
                    "salgsdirektøren og må fordele det på selgerne, følge dem opp og svare for resultatet."
                ),
                "en": (
                    "Runs the ten sellers in both regions day to day. She receives the budget from the "
                    "sales director, splits it into quotas, coaches the sellers and answers for the result."
                ),
            },
        },
        "ceo": {
            "name": "Henrik Aasen",
            "title": {"nb": "administrerende direktør", "en": "chief executive officer (CEO)"},
            "description": {
                "nb": "Setter vekstmålet for selskapet og godkjenner budsjettet og store investeringer.",
                "en": "Sets the company's growth target and approves the budget and large investments.",
            },
        },
        "sales_director": {
            "name": "Tone Myklebust",
            "title": {"nb": "salgsdirektør", "en": "sales director"},
            "description": {
                "nb": (
                    "Sitter i toppledelsen, eier salgsbudsjettet og er salgssjefens nærmeste leder. "
                    "Bestemmer over bonusordningen sammen med HR-direktøren."
                ),
                "en": (
                    "Sits in top management, owns the sales budget and is the sales manager's line "
                    "manager. Decides the bonus scheme together with the HR director."
                ),
            },
        },
        "hr_director": {
            "name": "Lars Vikane",
            "title": {"nb": "HR-direktør", "en": "HR director"},
            "description": {
                "nb": "Vil helst ha én lik lønns- og bonusmodell for hele selskapet.",
                "en": "Prefers one uniform pay and bonus model for the whole company.",
            },
        },
    },
}


def region_name(code: str, lang: str | None = None) -> str:
    """Display name of a region code (``"east"`` -> ``"Øst (Oslo)"`` in nb); unknown codes pass through.

    Example:
        >>> region_name("west", lang="en")
        'West (Bergen)'
    """
    names = COMPANY["regions"].get(code)
    return pick(names, lang) if names else str(code)


def person(role: str, lang: str | None = None) -> dict[str, str]:
    """Name, title and description of one person in the case, in one language.

    Example:
        >>> person("sales_manager", lang="nb")["title"]
        'salgssjef'
    """
    entry = COMPANY["people"][role]
    return {"name": entry["name"], "title": pick(entry["title"], lang), "description": pick(entry["description"], lang)}


# --------------------------------------------------------------------------- columns

#: Every column of the team data: kind (``text``, ``month``, ``int``, ``money``, ``score``),
#: the pandas dtype, unit, allowed range and a description, bilingual.
COLUMNS: dict[str, dict[str, Any]] = {
    "month": {
        "kind": "month", "dtype": "str",
        "unit": {"nb": "år-måned", "en": "year-month"},
        "range": {"nb": "tekst på formen ÅÅÅÅ-MM, f.eks. 2025-01", "en": "text in the form YYYY-MM, e.g. 2025-01"},
        "description": {"nb": "Kalendermåneden raden gjelder.", "en": "The calendar month the row is about."},
    },
    "seller_id": {
        "kind": "text", "dtype": "str",
        "unit": {"nb": "kode", "en": "code"},
        "range": {"nb": "ikke tom, f.eks. S01", "en": "not empty, e.g. S01"},
        "description": {"nb": "Kort, fast kode for selgeren.", "en": "Short, stable code for the seller."},
    },
    "seller_name": {
        "kind": "text", "dtype": "str",
        "unit": {"nb": "navn", "en": "name"},
        "range": {"nb": "ikke tom", "en": "not empty"},
        "description": {"nb": "Selgerens navn (oppdiktet).", "en": "The seller's name (fictitious)."},
    },
    "region": {
        "kind": "text", "dtype": "str",
        "unit": {"nb": "kode", "en": "code"},
        "range": {"nb": "east (Øst, Oslo) eller west (Vest, Bergen); egne data kan ha andre koder",
                  "en": "east (East, Oslo) or west (West, Bergen); your own data may use other codes"},
        "description": {"nb": "Regionen selgeren jobber i.", "en": "The region the seller works in."},
    },
    "tenure_months": {
        "kind": "int", "dtype": "int64",
        "unit": {"nb": "måneder", "en": "months"},
        "range": {"nb": "helt tall, 0 eller mer", "en": "whole number, 0 or more"},
        "description": {"nb": "Ansiennitet: hvor mange måneder selgeren har vært ansatt; øker med 1 per måned.",
                        "en": "Tenure: months the seller has been employed; grows by 1 each month."},
    },
    "quota": {
        "kind": "money", "dtype": "int64",
        "unit": {"nb": "kr", "en": "NOK"},
        "range": {"nb": "et beløp i kroner, 0 eller mer; typisk 300 000-450 000 kr (lavere for nyansatte)",
                  "en": "an amount in NOK, 0 or more; typically NOK 300,000-450,000 (lower for newcomers)"},
        "description": {"nb": "Salgsmålet (budsjettet) for nysalg denne måneden.",
                        "en": "The new-sales target (quota, budget) for this month."},
    },
    "new_sales": {
        "kind": "money", "dtype": "int64",
        "unit": {"nb": "kr", "en": "NOK"},
        "range": {"nb": "et beløp i kroner, 0 eller mer", "en": "an amount in NOK, 0 or more"},
        "description": {"nb": "Nysalg: verdien av avtaler selgeren signerte denne måneden (maskiner og nye serviceavtaler).",
                        "en": "New sales: value of deals the seller signed this month (machines and new service contracts)."},
    },
    "renewals": {
        "kind": "money", "dtype": "int64",
        "unit": {"nb": "kr", "en": "NOK"},
        "range": {"nb": "et beløp i kroner, 0 eller mer", "en": "an amount in NOK, 0 or more"},
        "description": {"nb": "Fornyelser: årsverdien av serviceavtaler som kom til fornyelse og ble fornyet denne måneden.",
                        "en": "Renewals: annual value of service contracts that came up for renewal and were renewed this month."},
    },
    "churned_revenue": {
        "kind": "money", "dtype": "int64",
        "unit": {"nb": "kr", "en": "NOK"},
        "range": {"nb": "et beløp i kroner, 0 eller mer", "en": "an amount in NOK, 0 or more"},
        "description": {"nb": "Tapt løpende inntekt: årsverdien av serviceavtaler som ble sagt opp eller ikke fornyet denne måneden.",
                        "en": "Churned revenue: annual value of service contracts cancelled or not renewed this month."},
    },
    "customer_satisfaction": {
        "kind": "score", "dtype": "float64",
        "unit": {"nb": "poeng (1-10)", "en": "points (1-10)"},
        "range": {"nb": "1 til 10, én desimal", "en": "1 to 10, one decimal"},
        "description": {"nb": "Kundetilfredshet: snittet av selgerens kunders svar i månedens kundeundersøkelse.",
                        "en": "Customer satisfaction: average score of the seller's customers in this month's survey."},
    },
    "pipeline": {
        "kind": "money", "dtype": "int64",
        "unit": {"nb": "kr", "en": "NOK"},
        "range": {"nb": "et beløp i kroner, 0 eller mer", "en": "an amount in NOK, 0 or more"},
        "description": {"nb": "Åpen pipeline (salgsmuligheter som ikke er avgjort) ved utgangen av måneden.",
                        "en": "Open pipeline (opportunities not yet won or lost) at the end of the month."},
    },
    "activities": {
        "kind": "int", "dtype": "int64",
        "unit": {"nb": "antall", "en": "count"},
        "range": {"nb": "helt tall, 0 eller mer", "en": "whole number, 0 or more"},
        "description": {"nb": "Kundeaktiviteter: møter og telefonsamtaler med kunder denne måneden.",
                        "en": "Customer activities: meetings and calls with customers this month."},
    },
}

REQUIRED_COLUMNS: tuple[str, ...] = tuple(COLUMNS)
MONEY_COLUMNS: tuple[str, ...] = tuple(c for c, spec in COLUMNS.items() if spec["kind"] == "money")
_NUMERIC_KINDS = ("int", "money", "score")

# --------------------------------------------------------------------------- generator

_FIRST_NAMES = [
    "Anders", "Silje", "Kristoffer", "Marte", "Håkon", "Ragnhild", "Eirik", "Nora", "Sindre", "Camilla",
    "Øyvind", "Hanne", "Jørgen", "Thea", "Magnus", "Kristin", "Vegard", "Ingvild", "Torstein", "Live",
    "Ola", "Synne", "Espen", "Åse",
]
_LAST_NAMES = [
    "Bakke", "Strand", "Haugland", "Vik", "Berge", "Solheim", "Nygaard", "Sætre", "Hovland", "Eide",
    "Rønning", "Moen", "Lie", "Aune", "Dahle", "Fossum", "Tveit", "Brekke", "Hagen", "Lervik",
    "Skaar", "Øien", "Grønvold", "Kvam",
]
MAX_SELLERS = len(_FIRST_NAMES)

#: Share of last month's pipeline that closes, by calendar month (1 = an average month).
#: July is the Norwegian summer holiday; March, June, September and November carry the
#: end-of-quarter (and pre-summer, pre-Christmas) pull; January and April follow a push.
CLOSE_SEASON = {1: 0.80, 2: 0.95, 3: 1.25, 4: 0.90, 5: 1.00, 6: 1.35, 7: 0.45,
                8: 0.85, 9: 1.20, 10: 0.95, 11: 1.25, 12: 0.90}
#: Customer activity level by calendar month (holidays in July, Easter in April, Christmas in December).
ACTIVITY_SEASON = {1: 0.95, 2: 1.05, 3: 1.05, 4: 0.92, 5: 1.00, 6: 1.00, 7: 0.40,
                   8: 0.95, 9: 1.08, 10: 1.05, 11: 1.08, 12: 0.78}
#: Share of the service book that comes up for renewal, by calendar month (many contracts run from January).
RENEWAL_SEASON = {m: (1.6 if m == 1 else (12 - 1.6) / 11) for m in range(1, 13)}

_BASE_QUOTA = 375_000          # NOK per month for an experienced core seller
_QUOTA_GROWTH = 0.06           # budget growth per new calendar year
_ACTIVITIES = 72               # customer meetings + calls per month for an average seller
_VALUE_PER_ACTIVITY = 7_800    # NOK of new pipeline created per activity (core seller)
_CLOSE_RATE = 0.24             # share of pipeline won in an average month (core seller)
_LOSS_RATE = 0.12              # share of pipeline lost or dropped in a month
_SERVICE_SHARE = 0.12          # annual service value added to the book per NOK of new sales

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def _parse_month(text: str) -> tuple[int, int] | None:
    match = _MONTH_RE.match(str(text).strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return year, month


def _ramp(tenure: np.ndarray) -> np.ndarray:
    """Share of full productivity after ``tenure`` months (0.37 at 1 month, 0.9 at 12, ~1 at 24)."""
    return 0.25 + 0.75 * (1.0 - np.exp(-np.asarray(tenure, dtype=float) / 6.0))


def _quota_ramp(tenure: np.ndarray) -> np.ndarray:
    tenure = np.asarray(tenure)
    return np.select([tenure <= 3, tenure <= 6, tenure <= 9], [0.40, 0.70, 0.85], default=1.0)


def seller_profiles(seed: int = 2026, n_sellers: int = 10) -> pd.DataFrame:
    """The hidden traits behind a generated team (for trainers and tests; not in the CSV).

    Columns: ``seller_id, seller_name, region, profile`` (``star``, ``core``, ``newcomer``,
    ``laggard``), ``skill`` (1 = core), ``care`` (customer care, 0-1), ``effort`` (activity level,
    1 = average), ``start_tenure`` (months employed in the first month), ``base_quota`` (NOK/month),
    ``book`` (annual value of the service book at the start, NOK).

    Example:
        >>> p = seller_profiles()
        >>> sorted(p["profile"].value_counts().to_dict().items())
        [('core', 4), ('laggard', 2), ('newcomer', 2), ('star', 2)]
    """
    _check_generator_args(seed, n_sellers, 1, "2025-01")
    rng = np.random.default_rng(seed)
    n = n_sellers
    n_star = n_lag = min(2, n // 4)
    n_new = min(2, n // 5)
    roles = ["star"] * n_star + ["laggard"] * n_lag + ["newcomer"] * n_new
    roles += ["core"] * (n - len(roles))
    roles = [str(role) for role in rng.permutation(roles)]

    first = rng.permutation(_FIRST_NAMES)[:n]
    last = rng.permutation(_LAST_NAMES)[:n]
    names = [f"{f} {s}" for f, s in zip(first, last)]
    n_east = math.ceil(0.6 * n)
    regions = ["east"] * n_east + ["west"] * (n - n_east)

    skill = np.empty(n)
    care = np.empty(n)
    effort = np.empty(n)
    tenure = np.empty(n, dtype=int)
    quota_factor = np.empty(n)
    book = np.empty(n)
    star_seen = 0
    for i, role in enumerate(roles):
        territory = rng.uniform(0.92, 1.08)
        if role == "star":
            skill[i] = rng.uniform(1.40, 1.55)
            # the first star is a "hunter" (little customer care), the second cares a lot
            care[i] = rng.uniform(0.18, 0.28) if star_seen == 0 else rng.uniform(0.65, 0.80)
            star_seen += 1
            effort[i] = rng.uniform(1.05, 1.15)
            tenure[i] = rng.integers(36, 121)
            quota_factor[i] = 1.15 * territory
            book[i] = rng.uniform(2.4e6, 3.6e6)
        elif role == "laggard":
            skill[i] = rng.uniform(0.72, 0.82)
            care[i] = np.clip(rng.normal(0.45, 0.10), 0.25, 0.65)
            effort[i] = rng.uniform(0.85, 0.95)
            tenure[i] = rng.integers(24, 97)
            quota_factor[i] = 0.90 * territory
            book[i] = rng.uniform(2.2e6, 3.4e6)
        elif role == "newcomer":
            skill[i] = rng.uniform(0.92, 1.08)
            care[i] = np.clip(rng.normal(0.55, 0.10), 0.30, 0.80)
            effort[i] = rng.uniform(1.10, 1.20)
            tenure[i] = rng.integers(1, 4)
            quota_factor[i] = territory
            book[i] = rng.uniform(0.9e6, 1.5e6)
        else:
            skill[i] = rng.uniform(0.92, 1.08)
            care[i] = np.clip(rng.normal(0.55, 0.12), 0.25, 0.85)
            effort[i] = np.clip(rng.normal(1.0, 0.07), 0.85, 1.15)
            tenure[i] = rng.integers(14, 145)
            quota_factor[i] = territory
            book[i] = rng.uniform(2.6e6, 4.0e6)
    base_quota = np.round(_BASE_QUOTA * quota_factor / 5_000) * 5_000
    return pd.DataFrame({
        "seller_id": [f"S{i + 1:02d}" for i in range(n)],
        "seller_name": names,
        "region": regions,
        "profile": roles,
        "skill": skill,
        "care": care,
        "effort": effort,
        "start_tenure": tenure.astype("int64"),
        "base_quota": base_quota.astype("int64"),
        "book": np.round(book, -3),
    })


def _check_generator_args(seed: Any, n_sellers: Any, months: Any, start: Any) -> None:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise invalid("cases.generate.seed", value=seed)
    if isinstance(n_sellers, bool) or not isinstance(n_sellers, (int, np.integer)) or not 1 <= n_sellers <= MAX_SELLERS:
        raise invalid("cases.generate.n_sellers", value=n_sellers, max=MAX_SELLERS)
    if isinstance(months, bool) or not isinstance(months, (int, np.integer)) or not 1 <= months <= 120:
        raise invalid("cases.generate.months", value=months)
    if _parse_month(start) is None:
        raise invalid("cases.generate.start", value=start)


def month_labels(start: str = "2025-01", months: int = 24) -> list[str]:
    """Consecutive months as ``"YYYY-MM"`` strings.

    Example:
        >>> month_labels("2025-11", 3)
        ['2025-11', '2025-12', '2026-01']
    """
    parsed = _parse_month(start)
    if parsed is None:
        raise invalid("cases.generate.start", value=start)
    year, month = parsed
    out = []
    for k in range(months):
        y, m = divmod(month - 1 + k, 12)
        out.append(f"{year + y:04d}-{m + 1:02d}")
    return out


def generate_team(seed: int = 2026, n_sellers: int = 10, months: int = 24, start: str = "2025-01") -> pd.DataFrame:
    """Generate the case team's seller-month data (one row per seller per month).

    The same ``seed`` always gives the identical frame; another seed gives a fresh variant with the
    same structure (2 stars, 2 laggards, 2 newcomers, the rest core; 60 % of sellers in the east).
    Columns and units are described in :data:`COLUMNS` and ``course_lib/data/team_columns.md``.

    Args:
        seed: non-negative integer for the random generator.
        n_sellers: number of sellers (1 to 24).
        months: number of months (1 to 120).
        start: first month, ``"YYYY-MM"``.

    Returns:
        DataFrame with the columns of :data:`COLUMNS`, in that order, sorted by month then seller.

    Raises:
        ValueError: for an invalid argument (message in the current language).

    Example:
        >>> df = generate_team(seed=7, n_sellers=4, months=3)
        >>> df["month"].unique().tolist()
        ['2025-01', '2025-02', '2025-03']
    """
    _check_generator_args(seed, n_sellers, months, start)
    prof = seller_profiles(seed, n_sellers)
    # a second stream for the monthly noise, so profiles do not shift when months change
    rng = np.random.default_rng([int(seed), 1])
    labels = month_labels(start, months)
    first_year = _parse_month(labels[0])[0]
    n = n_sellers

    skill = prof["skill"].to_numpy()
    care = prof["care"].to_numpy()
    effort = prof["effort"].to_numpy()
    tenure0 = prof["start_tenure"].to_numpy()
    base_quota = prof["base_quota"].to_numpy().astype(float)
    book = prof["book"].to_numpy().astype(float)

    value_per_activity = _VALUE_PER_ACTIVITY * skill ** 0.6
    close_rate = _CLOSE_RATE * skill ** 0.4
    # start each seller's pipeline near its steady state (newcomers: a small inherited pipeline)
    ramp0 = _ramp(tenure0)
    created_ss = _ACTIVITIES * effort * value_per_activity * ramp0
    pipeline = created_ss / (close_rate * ramp0 + _LOSS_RATE)
    pipeline = np.where(tenure0 < 6, 0.35 * _ACTIVITIES * value_per_activity / (close_rate + _LOSS_RATE), pipeline)
    sat_level = 5.8 + 3.4 * care
    sat = sat_level - 0.3 * (tenure0 < 6) + rng.normal(0, 0.2, n)

    columns: dict[str, list] = {c: [] for c in COLUMNS}
    for k, label in enumerate(labels):
        year, cal_month = _parse_month(label)
        tenure = tenure0 + k
        ramp = _ramp(tenure)
        quota = base_quota * _quota_ramp(tenure) * (1 + _QUOTA_GROWTH) ** (year - first_year)
        quota = np.round(quota / 5_000) * 5_000

        activities = np.round(_ACTIVITIES * effort * ACTIVITY_SEASON[cal_month]
                              * rng.lognormal(0, 0.12, n)).astype(int)
        created = activities * value_per_activity * (0.4 + 0.6 * ramp) * rng.lognormal(0, 0.20, n)
        won_share = np.minimum(close_rate * ramp * CLOSE_SEASON[cal_month] * rng.lognormal(0, 0.22, n), 0.85)
        new_sales = pipeline * won_share
        lost = pipeline * _LOSS_RATE * rng.lognormal(0, 0.25, n)
        pipeline = np.maximum(pipeline - new_sales - lost, 0) + created

        # customer satisfaction: persistent around the seller's level, newcomers a little lower
        level = sat_level - 0.3 * (tenure < 6)
        sat = level + 0.6 * (sat - level) + rng.normal(0, 0.25, n)
        observed = np.clip(np.round(sat + rng.normal(0, 0.15, n), 1), 1.0, 10.0)

        due = book * RENEWAL_SEASON[cal_month] / 12
        churn_share = np.clip(0.08 * np.exp(-0.6 * (sat - 7.5)) * rng.lognormal(0, 0.3, n), 0, 0.6)
        churned = due * churn_share
        renewed = due - churned
        book = book - churned + _SERVICE_SHARE * new_sales

        columns["month"] += [label] * n
        columns["seller_id"] += prof["seller_id"].tolist()
        columns["seller_name"] += prof["seller_name"].tolist()
        columns["region"] += prof["region"].tolist()
        columns["tenure_months"] += tenure.tolist()
        columns["quota"] += quota.tolist()
        columns["new_sales"] += np.round(new_sales, -2).tolist()
        columns["renewals"] += np.round(renewed, -2).tolist()
        columns["churned_revenue"] += np.round(churned, -2).tolist()
        columns["customer_satisfaction"] += observed.tolist()
        columns["pipeline"] += np.round(pipeline, -2).tolist()
        columns["activities"] += activities.tolist()
    return _frame(columns)


def _frame(columns: dict[str, list]) -> pd.DataFrame:
    """Build the team frame with the canonical dtypes (shared by the generator and the loader)."""
    data = {}
    for name, spec in COLUMNS.items():
        values = columns[name]
        if spec["dtype"] == "str":
            data[name] = pd.Series([str(v) for v in values], dtype="str")
        elif spec["dtype"] == "int64":
            data[name] = pd.Series(np.asarray(values, dtype=float).round().astype("int64"))
        else:
            data[name] = pd.Series(np.asarray(values, dtype="float64"))
    frame = pd.DataFrame(data)
    for name, values in columns.items():  # extra columns from a user's file, kept as text
        if name not in COLUMNS:
            frame[name] = pd.Series([str(v) for v in values], dtype="str")
    return frame


# --------------------------------------------------------------------------- shipped data


def _data_dir():
    return resources.files("course_lib") / "data"


def columns_markdown() -> str:
    """The column reference ``team_columns.md`` (English and Norwegian), made from :data:`COLUMNS`."""
    lines = [
        "# team.csv: columns / kolonner",
        "",
        "Generated by `course_lib.cases.write_default_team()` from `COLUMNS` in `course_lib/cases.py`;",
        "do not edit by hand. / Laget av `course_lib.cases.write_default_team()` fra `COLUMNS` i",
        "`course_lib/cases.py`; ikke rediger for hånd.",
        "",
        "One row per seller per month, 10 sellers x 24 months (2025-01 to 2026-12), default seed 2026.",
        "Own data may have extra columns; they are kept. Amounts are Norwegian kroner (NOK).",
        "",
        "Én rad per selger per måned, 10 selgere x 24 måneder (2025-01 til 2026-12), standard seed 2026.",
        "Egne data kan ha flere kolonner; de beholdes. Beløp er i norske kroner (kr).",
        "",
    ]
    for lang, heading, head in (
        ("en", "## English", "| column | type | unit | allowed values | meaning |"),
        ("nb", "## Norsk", "| kolonne | type | enhet | tillatte verdier | betydning |"),
    ):
        lines += [heading, "", head, "|---|---|---|---|---|"]
        for name, spec in COLUMNS.items():
            lines.append(
                f"| `{name}` | {spec['dtype']} | {pick(spec['unit'], lang)} | {pick(spec['range'], lang)} "
                f"| {pick(spec['description'], lang)} |"
            )
        lines.append("")
    return "\n".join(lines)


def write_default_team(folder: str | Path | None = None) -> Path:
    """Write ``team.csv`` (default seed) and ``team_columns.md`` into ``folder`` (default: the package data).

    Example:
        >>> import tempfile
        >>> path = write_default_team(tempfile.mkdtemp())
        >>> path.name
        'team.csv'
    """
    target = Path(folder) if folder is not None else Path(str(_data_dir()))
    target.mkdir(parents=True, exist_ok=True)
    path = target / "team.csv"
    path.write_text(generate_team().to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    (target / "team_columns.md").write_text(columns_markdown(), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- loader


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise invalid("cases.load.not_found", path=str(path)) from None
    except OSError as exc:
        raise invalid("cases.load.unreadable", path=str(path), detail=exc.strerror or type(exc).__name__) from None
    if not raw.strip():
        raise invalid("cases.load.empty_file", path=str(path))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise invalid("cases.load.unreadable", path=str(path), detail="encoding")  # pragma: no cover


def _parse_number(text: str, decimal_comma: bool) -> float | None:
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("\u2212", "-")
    if decimal_comma:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def load_team(path: str | Path | None = None) -> pd.DataFrame:
    """Load team data: the shipped case data (``path=None``) or your own CSV, checked column by column.

    Your CSV needs the columns of :data:`COLUMNS` (any order; extra columns are kept). Comma- or
    semicolon-separated files work (a semicolon file, as Norwegian Excel saves it, may use decimal
    commas). Line numbers in error messages count the header as line 1, so the first data row is
    line 2: the same as the row number in a spreadsheet.

    Raises:
        ValueError: in the current language, naming the line, the column and what was expected:
            file not found or unreadable, empty file, missing columns, a wrong number of fields,
            an empty cell, text where a number belongs, a decimal where a whole number belongs, a
            negative amount, customer satisfaction outside 1-10, a month not in ``YYYY-MM``, or the
            same seller twice in one month.

    Example:
        >>> df = load_team()
        >>> len(df)
        240
    """
    if path is None:
        text = (_data_dir() / "team.csv").read_text(encoding="utf-8")
        shown = "team.csv"
    else:
        file = Path(path).expanduser()
        if file.is_dir():
            raise invalid("cases.load.unreadable", path=str(file), detail=t("cases.load.is_folder"))
        text = _read_text(file)
        shown = str(file)
    return _parse_team(text, shown)


def _parse_team(text: str, shown: str) -> pd.DataFrame:
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    decimal_comma = delimiter == ";"
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    try:
        header = None
        rows: list[tuple[int, list[str]]] = []
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue  # blank line
            if header is None:
                header = [cell.strip() for cell in record]
                continue
            rows.append((reader.line_num, record))
    except csv.Error as exc:
        raise invalid("cases.load.unreadable", path=shown, detail=str(exc)) from None
    if header is None:
        raise invalid("cases.load.empty_file", path=shown)

    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise invalid("cases.load.missing_columns", path=shown, missing=", ".join(missing),
                      required=", ".join(REQUIRED_COLUMNS))
    if not rows:
        raise invalid("cases.load.no_rows", path=shown)
    seen_header = set()
    for name in header:
        if name in seen_header and name:
            raise invalid("cases.load.duplicate_column", path=shown, column=name)
        seen_header.add(name)

    index = {name: i for i, name in enumerate(header)}
    columns: dict[str, list] = {name: [] for name in header if name}
    first_seen: dict[tuple[str, str], int] = {}
    for line, record in rows:
        if len(record) != len(header):
            raise invalid("cases.load.field_count", line=line, found=len(record), expected=len(header))
        for name in header:
            if not name:
                continue
            raw = record[index[name]]
            spec = COLUMNS.get(name)
            if spec is None:
                columns[name].append(raw)
                continue
            columns[name].append(_check_cell(raw, name, spec, line, decimal_comma))
        key = (columns["seller_id"][-1], columns["month"][-1])
        if key in first_seen:
            raise invalid("cases.load.duplicate", line=line, first_line=first_seen[key],
                          seller_id=key[0], month=key[1])
        first_seen[key] = line

    # money columns keep decimals only if a file uses them; otherwise whole kroner
    frame = _frame({name: values for name, values in columns.items()})
    for name in MONEY_COLUMNS:
        values = np.asarray(columns[name], dtype=float)
        if not np.all(values == np.round(values)):
            frame[name] = values
    return frame


def _check_cell(raw: str, name: str, spec: dict, line: int, decimal_comma: bool) -> Any:
    text = raw.strip()
    if not text:
        raise invalid("cases.load.empty_cell", line=line, column=name, expected=pick(spec["range"]))
    kind = spec["kind"]
    if kind == "text":
        return text
    if kind == "month":
        if _parse_month(text) is None:
            raise invalid("cases.load.bad_month", line=line, column=name, value=text)
        return text
    value = _parse_number(text, decimal_comma)
    if value is None:
        raise invalid("cases.load.not_a_number", line=line, column=name, value=text, expected=pick(spec["range"]))
    if kind == "score":
        if not 1.0 <= value <= 10.0:
            raise invalid("cases.load.satisfaction_range", line=line, column=name, value=text)
        return value
    if value < 0:
        raise invalid("cases.load.negative", line=line, column=name, value=text)
    if kind == "int" and value != round(value):
        raise invalid("cases.load.not_whole", line=line, column=name, value=text)
    return value


# --------------------------------------------------------------------------- summaries


def team_summary(df: pd.DataFrame) -> pd.DataFrame:
    """One row per seller: totals over all months, attainment against quota and churn rate.

    ``attainment`` = total new sales / total quota (1.0 = on budget); ``churn_rate`` = churned
    revenue / (renewals + churned revenue), the share of service value up for renewal that was lost.

    Example:
        >>> s = team_summary(load_team())
        >>> list(s.columns[:4])
        ['seller_id', 'seller_name', 'region', 'months']
    """
    g = df.groupby("seller_id", sort=True)
    out = pd.DataFrame({
        "seller_name": g["seller_name"].first(),
        "region": g["region"].first(),
        "months": g["month"].count(),
        "quota": g["quota"].sum(),
        "new_sales": g["new_sales"].sum(),
        "renewals": g["renewals"].sum(),
        "churned_revenue": g["churned_revenue"].sum(),
        "customer_satisfaction": g["customer_satisfaction"].mean().round(2),
        "activities": g["activities"].sum(),
    })
    out["attainment"] = _ratio(out["new_sales"], out["quota"])
    out["churn_rate"] = _ratio(out["churned_revenue"], out["renewals"] + out["churned_revenue"])
    return out.reset_index()


def monthly_totals(df: pd.DataFrame, by_region: bool = True) -> pd.DataFrame:
    """Team totals per month (and per region unless ``by_region=False``), with attainment.

    Example:
        >>> m = monthly_totals(load_team(), by_region=False)
        >>> len(m)
        24
    """
    keys = ["month", "region"] if by_region else ["month"]
    sums = df.groupby(keys, sort=True)[["quota", "new_sales", "renewals", "churned_revenue", "pipeline", "activities"]].sum()
    sums["sellers"] = df.groupby(keys, sort=True)["seller_id"].nunique()
    sums["attainment"] = _ratio(sums["new_sales"], sums["quota"])
    return sums.reset_index()


def yearly_totals(df: pd.DataFrame) -> pd.DataFrame:
    """Team totals per calendar year: quota, new sales, attainment, renewals, churn and churn rate.

    Example:
        >>> y = yearly_totals(load_team())
        >>> y["year"].tolist()
        ['2025', '2026']
    """
    frame = df.assign(year=df["month"].str[:4])
    sums = frame.groupby("year", sort=True)[["quota", "new_sales", "renewals", "churned_revenue"]].sum()
    sums["attainment"] = _ratio(sums["new_sales"], sums["quota"])
    sums["churn_rate"] = _ratio(sums["churned_revenue"], sums["renewals"] + sums["churned_revenue"])
    return sums.reset_index()


def seller_attainment(df: pd.DataFrame) -> pd.DataFrame:
    """Each seller's attainment (new sales / quota) per month: months as rows, seller ids as columns.

    Example:
        >>> a = seller_attainment(load_team())
        >>> a.shape
        (24, 10)
    """
    frame = df.assign(attainment=_ratio(df["new_sales"], df["quota"]))
    return frame.pivot(index="month", columns="seller_id", values="attainment").sort_index()


def team_attainment(df: pd.DataFrame, month: str | None = None, region: str | None = None) -> float:
    """Team attainment (total new sales / total quota) for one month or all, one region or both.

    Example:
        >>> round(team_attainment(load_team(), month="2025-07"), 2) < 1
        True
    """
    rows = df
    if month is not None:
        if month not in set(df["month"]):
            raise invalid("cases.summary.unknown_month", value=month, first=df["month"].min(), last=df["month"].max())
        rows = rows[rows["month"] == month]
    if region is not None:
        if region not in set(df["region"]):
            raise invalid("cases.summary.unknown_region", value=region, allowed=", ".join(sorted(set(df["region"]))))
        rows = rows[rows["region"] == region]
    quota = float(rows["quota"].sum())
    return float(rows["new_sales"].sum()) / quota if quota > 0 else float("nan")


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    denominator = denominator.astype(float)
    return numerator.astype(float) / denominator.where(denominator > 0)


__all__ = [
    "COMPANY", "COLUMNS", "REQUIRED_COLUMNS", "MONEY_COLUMNS", "CLOSE_SEASON", "ACTIVITY_SEASON",
    "region_name", "person", "seller_profiles", "month_labels", "generate_team", "write_default_team",
    "columns_markdown", "load_team", "team_summary", "monthly_totals", "yearly_totals", "seller_attainment", "team_attainment",
]
