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

The texts (company, regions, people, column documentation), the sellers' names and the season
factors are content: ``course_lib/content/cases.yaml`` (a trainer may override it with
``COURSE_CONTENT_DIR``). :data:`COMPANY`, :data:`COLUMNS`, :data:`CLOSE_SEASON` and
:data:`ACTIVITY_SEASON` read it on each access (cached). The generator lives in
:mod:`course_lib.case_generator`, the loader in :mod:`course_lib.case_loader`; both are
re-exported here.

Example:
    >>> df = generate_team(seed=2026)
    >>> df.shape
    (240, 12)
    >>> list(df.columns[:4])
    ['month', 'seller_id', 'seller_name', 'region']
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import case_content
from .case_content import COLUMN_KINDS, MAX_SELLERS
from .case_generator import RENEWAL_SEASON, generate_team, month_labels, seller_profiles
from .case_loader import load_team
from .i18n import invalid, pick
from .pipeline_data import generate_pipeline, load_pipeline

# --------------------------------------------------------------------------- the company and the columns

#: Every column of the team data in order (fixed: the generator writes them, the loader requires them).
REQUIRED_COLUMNS: tuple[str, ...] = tuple(COLUMN_KINDS)
#: The columns holding amounts in NOK.
MONEY_COLUMNS: tuple[str, ...] = tuple(c for c, (kind, _d) in COLUMN_KINDS.items() if kind == "money")

_CONTENT_NAMES = {
    # COMPANY: name, description, regions and people of the case (bilingual)
    "COMPANY": lambda: case_content.data()["company"],
    # COLUMNS: every column's kind, dtype, unit, allowed range and description (bilingual)
    "COLUMNS": case_content.columns,
    # CLOSE_SEASON: share of last month's pipeline that closes, by calendar month (1 = average)
    "CLOSE_SEASON": lambda: case_content.season("close"),
    # ACTIVITY_SEASON: customer activity level by calendar month
    "ACTIVITY_SEASON": lambda: case_content.season("activity"),
}


def __getattr__(name: str) -> Any:
    """``COMPANY``, ``COLUMNS``, ``CLOSE_SEASON`` and ``ACTIVITY_SEASON``, read from the content file."""
    if name in _CONTENT_NAMES:
        return _CONTENT_NAMES[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def region_name(code: str, lang: str | None = None) -> str:
    """Display name of a region code (``"east"`` -> ``"Øst (Oslo)"`` in nb); unknown codes pass through.

    Example:
        >>> region_name("west", lang="en")
        'West (Bergen)'
    """
    names = case_content.data()["company"]["regions"].get(code) if isinstance(code, str) else None
    return pick(names, lang) if names else str(code)


def person(role: str, lang: str | None = None) -> dict[str, str]:
    """Name, title and description of one person in the case, in one language.

    Raises:
        ValueError: for an unknown role, naming the roles that exist.

    Example:
        >>> person("sales_manager", lang="nb")["title"]
        'salgssjef'
    """
    people = case_content.data()["company"]["people"]
    if not isinstance(role, str) or role not in people:
        raise invalid("cases.unknown_person", value=repr(role)[:60], allowed=", ".join(people))
    entry = people[role]
    return {"name": entry["name"], "title": pick(entry["title"], lang), "description": pick(entry["description"], lang)}


# --------------------------------------------------------------------------- shipped data


def _data_dir():
    return resources.files("course_lib") / "data"


def columns_markdown() -> str:
    """The column reference ``team_columns.md`` (English and Norwegian), made from :data:`COLUMNS`."""
    columns = case_content.columns()
    lines = [
        "# team.csv: columns / kolonner",
        "",
        "Generated by `course_lib.cases.write_default_team()` from `columns` in",
        "`course_lib/content/cases.yaml`; do not edit by hand. / Laget av",
        "`course_lib.cases.write_default_team()` fra `columns` i `course_lib/content/cases.yaml`;",
        "ikke rediger for hånd.",
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
        for name, spec in columns.items():
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
    _require(df, ("seller_id", "seller_name", "region", "month", "quota", "new_sales", "renewals",
                  "churned_revenue", "customer_satisfaction", "activities"))
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
    _require(df, ("month", "region", "seller_id", "quota", "new_sales", "renewals", "churned_revenue",
                  "pipeline", "activities"))
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
    _require(df, ("month", "quota", "new_sales", "renewals", "churned_revenue"))
    frame = df.assign(year=df["month"].astype(str).str[:4])
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
    _require(df, ("month", "seller_id", "new_sales", "quota"))
    if df.duplicated(["month", "seller_id"]).any():
        raise invalid("cases.summary.duplicate_rows")
    frame = df.assign(attainment=_ratio(df["new_sales"], df["quota"]))
    return frame.pivot(index="month", columns="seller_id", values="attainment").sort_index()


def team_attainment(df: pd.DataFrame, month: str | None = None, region: str | None = None) -> float:
    """Team attainment (total new sales / total quota) for one month or all, one region or both.

    Example:
        >>> round(team_attainment(load_team(), month="2025-07"), 2) < 1
        True
    """
    _require(df, ("month", "region", "new_sales", "quota"))
    rows = df
    if month is not None:
        if not isinstance(month, str) or month not in set(df["month"]):
            raise invalid("cases.summary.unknown_month", value=month, first=df["month"].min(), last=df["month"].max())
        rows = rows[rows["month"] == month]
    if region is not None:
        if not isinstance(region, str) or region not in set(df["region"]):
            raise invalid("cases.summary.unknown_region", value=region, allowed=", ".join(sorted(set(df["region"]))))
        rows = rows[rows["region"] == region]
    quota = float(rows["quota"].sum())
    return float(rows["new_sales"].sum()) / quota if quota > 0 else float("nan")


def _require(df: Any, needed: tuple[str, ...]) -> None:
    """Refuse what is not team data: not a DataFrame, missing columns, or non-numeric amounts."""
    if not isinstance(df, pd.DataFrame):
        raise invalid("cases.summary.not_a_frame", kind=type(df).__name__)
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise invalid("cases.summary.missing_columns", missing=", ".join(missing), needed=", ".join(needed))
    if df.empty:
        raise invalid("cases.summary.no_rows")
    for name in needed:
        if COLUMN_KINDS.get(name, ("text",))[0] in ("text", "month"):
            bad = [i for i, v in enumerate(df[name]) if not isinstance(v, str)]
            if bad:
                raise invalid("cases.summary.bad_text", column=name, row=bad[0], value=repr(df[name].iloc[bad[0]])[:40])
        elif not pd.api.types.is_numeric_dtype(df[name]) or pd.api.types.is_bool_dtype(df[name]) \
                or not np.isfinite(df[name].to_numpy(dtype=float)).all():
            bad = [i for i, v in enumerate(df[name]) if not _finite(v)] or [0]
            raise invalid("cases.summary.bad_number", column=name, row=bad[0], value=repr(df[name].iloc[bad[0]])[:40])
        elif (df[name] < 0).any() or (name == "quota" and (df[name] <= 0).any()):
            row = int(np.argmax((df[name] <= 0).to_numpy() if name == "quota" else (df[name] < 0).to_numpy()))
            raise invalid("cases.summary.not_positive" if name == "quota" else "cases.summary.negative",
                          column=name, row=row, value=repr(df[name].iloc[row])[:40])


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_)) \
        and bool(np.isfinite(value))


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    denominator = denominator.astype(float)
    return numerator.astype(float) / denominator.where(denominator > 0)


__all__ = [
    "COMPANY", "COLUMNS", "REQUIRED_COLUMNS", "MONEY_COLUMNS", "CLOSE_SEASON", "ACTIVITY_SEASON", "RENEWAL_SEASON",
    "MAX_SELLERS",
    "region_name", "person", "seller_profiles", "month_labels", "generate_team", "write_default_team",
    "columns_markdown", "load_team", "load_pipeline", "generate_pipeline", "team_summary", "monthly_totals", "yearly_totals", "seller_attainment", "team_attainment",
]
