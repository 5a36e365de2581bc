"""The case company's open deals: a seeded deal-level pipeline, its stages and its column reference.

The team data (``team.csv``) hold one number per seller and month for the open pipeline. Module 02
needs the deals behind that number: which stage each deal is in, how large it is and when it is
expected to close. :func:`generate_pipeline` splits every seller's open pipeline at the end of a
month (default: the last month of the case, December 2026) into deals whose amounts add up to that
seller's ``pipeline`` figure exactly, so the two data sets tell the same story.

Stages and their probabilities are a common CRM default, not a law: a deal in *proposal* is won
about half the time. They are content (``content/goals.yaml``: names, win probabilities, other
spellings), so a trainer can set a company's own; the learner sets her own win rates in module 02.
:data:`STAGES`, :data:`STAGE_ORDER`, :data:`DEFAULT_PROBABILITY`, :data:`STAGE_ALIASES`,
:data:`COLUMNS`, :data:`REQUIRED` and :data:`DERIVED` are read from it on first use.

:func:`load_pipeline` (in :mod:`course_lib.pipeline_loader`, public here) reads the shipped file or
a CRM export (CSV or Excel) and reports every bad row with its spreadsheet row and column.

Example:
    >>> deals = load_pipeline()
    >>> list(deals.columns[:4])
    ['deal', 'seller_id', 'seller_name', 'region']
    >>> int(deals["close_month"].min())
    1
"""
from __future__ import annotations

import datetime as _dt
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from .goals_content import catalogue
from .i18n import invalid, pick
from .pipeline_loader import SNAPSHOT_DATE, load_pipeline, parse_date  # noqa: F401  (public here as before)

# --------------------------------------------------------------------------- stages and columns (content)

# Content-backed names, read on first use (PEP 562) so a trainer's override file takes effect.
_CONTENT_NAMES = {
    "STAGES": lambda c: c.stages,                            # stage -> probability and names (nb, en)
    "STAGE_ORDER": lambda c: c.stage_order,                  # the stages in sales-process order
    "DEFAULT_PROBABILITY": lambda c: c.default_probability,  # stage -> win probability
    "STAGE_ALIASES": lambda c: c.stage_aliases,              # other spelling (lower case) -> stage
    "COLUMNS": lambda c: c.columns,                          # column -> required, kind, unit, range, description
    "REQUIRED": lambda c: c.required,                        # the columns a file must have
    "DERIVED": lambda c: c.derived,                          # columns the loader computes (close_month)
}


def __getattr__(name: str):
    if name in _CONTENT_NAMES:
        return _CONTENT_NAMES[name](catalogue())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


SNAPSHOT_MONTH = "2026-12"

# --------------------------------------------------------------------------- generator

_CUSTOMER_FIRST = ["Nordlys", "Fjord", "Bryggen", "Vidde", "Holmen", "Skog", "Elvebakken", "Torget", "Kyst",
                   "Lia", "Stein", "Bølgen", "Furu", "Havn", "Solberg", "Dal", "Tind", "Vika", "Berg", "Åsen"]
_CUSTOMER_LAST = ["Regnskap AS", "Eiendom AS", "Tannklinikk", "Advokatfirma DA", "Bygg AS", "Helse AS",
                  "Logistikk AS", "Arkitekter AS", "Skole", "Revisjon AS", "Hotell AS", "Transport AS",
                  "Kommune", "Maskin AS", "Data AS"]
# share of open value by stage and the months until close each stage usually needs
_STAGE_SHARE = np.array([0.15, 0.20, 0.25, 0.22, 0.18])
_CLOSE_MONTHS = {"qualified": (3, 6), "needs_analysis": (2, 5), "proposal": (1, 3), "negotiation": (1, 2),
                 "verbal": (1, 1)}
_AGE_DAYS = {"qualified": (5, 45), "needs_analysis": (20, 80), "proposal": (35, 120), "negotiation": (50, 160),
             "verbal": (60, 190)}
_MEAN_DEAL = 200_000


def _add_months(month: str, k: int) -> tuple[int, int]:
    year, mon = int(month[:4]), int(month[5:7])
    y, m = divmod(mon - 1 + k, 12)
    return year + y, m + 1


def generate_pipeline(team: pd.DataFrame | None = None, as_of: str | None = None, seed: int = 2026) -> pd.DataFrame:
    """Open deals at the end of month ``as_of``, adding up to each seller's ``pipeline`` in ``team``.

    Each seller's open pipeline is split into deals (lognormal sizes around 200 000 NOK, rounded to
    100 NOK, the last deal taking the remainder so the sum is exact). Later stages close sooner and
    are older. The default ``as_of`` is the last month in ``team``.

    Example:
        >>> from course_lib.cases import load_team
        >>> team = load_team()
        >>> deals = generate_pipeline(team)
        >>> dec = team[team["month"] == "2026-12"].set_index("seller_id")["pipeline"]
        >>> bool((deals.groupby("seller_id")["amount"].sum() == dec).all())
        True
    """
    if team is None:
        from .cases import load_team

        team = load_team()
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise invalid("goals.pipeline.seed", value=seed)
    months = sorted(set(team["month"]))
    as_of = months[-1] if as_of is None else str(as_of)
    if as_of not in months:
        raise invalid("goals.pipeline.unknown_month", value=as_of, first=months[0], last=months[-1])
    rng = np.random.default_rng([int(seed), 2])
    stage_order, probability = catalogue().stage_order, catalogue().default_probability
    rows = team[team["month"] == as_of].sort_values("seller_id")
    y, m = int(as_of[:4]), int(as_of[5:7])
    snapshot = (_dt.date(y + (m == 12), m % 12 + 1, 1) - _dt.timedelta(days=1))
    records = []
    for _, seller in rows.iterrows():
        total = int(round(float(seller["pipeline"])))
        if total <= 0:
            continue
        n = max(1, int(round(total / _MEAN_DEAL)))
        sizes = rng.lognormal(0.0, 0.8, n)
        amounts = np.floor(sizes / sizes.sum() * total / 100) * 100
        amounts[np.argmax(amounts)] += total - amounts.sum()
        stages = rng.choice(len(stage_order), size=n, p=_STAGE_SHARE)
        for amount, s in zip(amounts, stages):
            stage = stage_order[s]
            lo, hi = _CLOSE_MONTHS[stage]
            k = int(rng.integers(lo, hi + 1))
            cy, cm = _add_months(as_of, k)
            day = int(rng.integers(1, 29))
            a_lo, a_hi = _AGE_DAYS[stage]
            records.append({
                "seller_id": seller["seller_id"], "seller_name": seller["seller_name"], "region": seller["region"],
                "customer": f"{rng.choice(_CUSTOMER_FIRST)} {rng.choice(_CUSTOMER_LAST)}",
                "stage": stage, "amount": int(amount),
                "close_date": f"{cy:04d}-{cm:02d}-{day:02d}",
                "probability": probability[stage],
                "age_days": int(rng.integers(a_lo, a_hi + 1)),
                "close_month": k,
            })
    frame = pd.DataFrame(records)
    frame.insert(0, "deal", [f"D{i + 1:04d}" for i in range(len(frame))])
    frame["amount"] = frame["amount"].astype("int64")
    frame.attrs["as_of"] = snapshot.isoformat()
    return frame


def columns_markdown() -> str:
    """The column reference ``pipeline_columns.md`` (English and Norwegian), made from the content's texts."""
    cat = catalogue()
    lines = [
        "# pipeline.csv: columns / kolonner",
        "",
        "Generated by `course_lib.pipeline_data.write_default_pipeline()` from the texts in",
        "`course_lib/content/goals.yaml`; do not edit by hand. / Laget av",
        "`course_lib.pipeline_data.write_default_pipeline()`; ikke rediger for hånd.",
        "",
        "One row per open deal at the end of December 2026 (default seed 2026). Each seller's deals add up",
        "exactly to the seller's `pipeline` in `team.csv` for 2026-12. Amounts are Norwegian kroner (NOK).",
        "Stage probabilities are a common CRM default, invented for teaching, not measured.",
        "",
        "Én rad per åpen salgsmulighet ved utgangen av desember 2026 (standard seed 2026). Hver selgers",
        "salgsmuligheter summerer seg nøyaktig til selgerens `pipeline` i `team.csv` for 2026-12. Beløp i kroner.",
        "Sannsynlighetene per fase er en vanlig standard i CRM-systemer, laget for undervisning, ikke målt.",
        "",
        "Required columns / påkrevde kolonner: " + ", ".join(f"`{c}`" for c in cat.required) + ".",
        "",
    ]
    for lang, heading, head in (
        ("en", "## English", "| column | required | unit | allowed values | meaning |"),
        ("nb", "## Norsk", "| kolonne | påkrevd | enhet | tillatte verdier | betydning |"),
    ):
        yes, no = ("yes", "no") if lang == "en" else ("ja", "nei")
        lines += [heading, "", head, "|---|---|---|---|---|"]
        for name, spec in cat.columns.items():
            lines.append(f"| `{name}` | {yes if spec['required'] else no} | {pick(spec['unit'], lang)} "
                         f"| {pick(spec['range'], lang)} | {pick(spec['description'], lang)} |")
        lines.append(f"| `close_month` | - | {'months' if lang == 'en' else 'måneder'} | 1, 2, ... "
                     f"| {pick(cat.derived['close_month'], lang)} |")
        lines.append("")
        lines.append("Stages / faser:" if lang == "en" else "Faser:")
        lines.append("")
        for code, spec in cat.stages.items():
            lines.append(f"- `{code}`: {pick(spec['name'], lang)}, {spec['probability']:.2f}")
        lines.append("")
    return "\n".join(lines)


def write_default_pipeline(folder: str | Path | None = None) -> Path:
    """Write ``pipeline.csv`` (default seed) and ``pipeline_columns.md`` into ``folder`` (default: package data).

    Example:
        >>> import tempfile
        >>> write_default_pipeline(tempfile.mkdtemp()).name
        'pipeline.csv'
    """
    target = Path(folder) if folder is not None else Path(str(resources.files("course_lib") / "data"))
    target.mkdir(parents=True, exist_ok=True)
    frame = generate_pipeline().drop(columns=["close_month"])
    path = target / "pipeline.csv"
    path.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    (target / "pipeline_columns.md").write_text(columns_markdown(), encoding="utf-8")
    return path


def stage_name(code: str, lang: str | None = None) -> str:
    """Display name of a stage code (``"proposal"`` -> ``"Tilbud sendt"`` in nb); unknown codes pass through.

    Example:
        >>> stage_name("verbal", lang="en")
        'Verbal commitment'
    """
    spec = catalogue().stages.get(code)
    return pick(spec["name"], lang) if spec else str(code)


__all__ = [
    "STAGES", "STAGE_ORDER", "DEFAULT_PROBABILITY", "STAGE_ALIASES", "SNAPSHOT_DATE", "SNAPSHOT_MONTH", "COLUMNS",
    "REQUIRED", "DERIVED", "generate_pipeline", "write_default_pipeline", "columns_markdown", "load_pipeline",
    "parse_date", "stage_name",
]


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
