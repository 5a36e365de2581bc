"""The seeded generator of the case team's data (re-exported by :mod:`course_lib.cases`).

The model behind the numbers is described in :mod:`course_lib.cases`; the sellers' names and the
season factors come from ``content/cases.yaml`` (:mod:`course_lib.case_content`), the rates below
are the generator's own parameters.

Example:
    >>> generate_team(seed=7, n_sellers=3, months=2).shape
    (6, 12)
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from .case_content import COLUMN_KINDS, MAX_SELLERS, data, make_frame, parse_month, season
from .i18n import invalid

#: Share of the service book that comes up for renewal, by calendar month (many contracts run from January).
RENEWAL_SEASON = {m: (1.6 if m == 1 else (12 - 1.6) / 11) for m in range(1, 13)}

_BASE_QUOTA = 375_000          # NOK per month for an experienced core seller
_QUOTA_GROWTH = 0.06           # budget growth per new calendar year
_ACTIVITIES = 72               # customer meetings + calls per month for an average seller
_VALUE_PER_ACTIVITY = 7_800    # NOK of new pipeline created per activity (core seller)
_CLOSE_RATE = 0.24             # share of pipeline won in an average month (core seller)
_LOSS_RATE = 0.12              # share of pipeline lost or dropped in a month
_SERVICE_SHARE = 0.12          # annual service value added to the book per NOK of new sales


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

    first = rng.permutation(data()["names"]["first"])[:n]
    last = rng.permutation(data()["names"]["last"])[:n]
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
    if not isinstance(start, str) or parse_month(start) is None:
        raise invalid("cases.generate.start", value=start)


def month_labels(start: str = "2025-01", months: int = 24) -> list[str]:
    """Consecutive months as ``"YYYY-MM"`` strings.

    Example:
        >>> month_labels("2025-11", 3)
        ['2025-11', '2025-12', '2026-01']
    """
    parsed = parse_month(start) if isinstance(start, str) else None
    if parsed is None:
        raise invalid("cases.generate.start", value=start)
    if isinstance(months, bool) or not isinstance(months, (int, np.integer)) or not 1 <= months <= 120:
        raise invalid("cases.generate.months", value=months)
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
    Columns and units are described in :data:`course_lib.cases.COLUMNS` and ``course_lib/data/team_columns.md``.

    Args:
        seed: non-negative integer for the random generator.
        n_sellers: number of sellers (1 to 24).
        months: number of months (1 to 120).
        start: first month, ``"YYYY-MM"``.

    Returns:
        DataFrame with the columns of :data:`course_lib.cases.COLUMNS`, in that order, sorted by month then seller.

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
    first_year = parse_month(labels[0])[0]
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

    close_season, activity_season = season("close"), season("activity")
    columns: dict[str, list] = {c: [] for c in COLUMN_KINDS}
    for k, label in enumerate(labels):
        year, cal_month = parse_month(label)
        tenure = tenure0 + k
        ramp = _ramp(tenure)
        quota = base_quota * _quota_ramp(tenure) * (1 + _QUOTA_GROWTH) ** (year - first_year)
        quota = np.round(quota / 5_000) * 5_000

        activities = np.round(_ACTIVITIES * effort * activity_season[cal_month]
                              * rng.lognormal(0, 0.12, n)).astype(int)
        created = activities * value_per_activity * (0.4 + 0.6 * ramp) * rng.lognormal(0, 0.20, n)
        won_share = np.minimum(close_rate * ramp * close_season[cal_month] * rng.lognormal(0, 0.22, n), 0.85)
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
    return make_frame(columns)
