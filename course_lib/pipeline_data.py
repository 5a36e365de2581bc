"""The case company's open deals: a seeded deal-level pipeline and a loader for CRM exports.

The team data (``team.csv``) hold one number per seller and month for the open pipeline. Module 02
needs the deals behind that number: which stage each deal is in, how large it is and when it is
expected to close. :func:`generate_pipeline` splits every seller's open pipeline at the end of a
month (default: the last month of the case, December 2026) into deals whose amounts add up to that
seller's ``pipeline`` figure exactly, so the two data sets tell the same story.

Stages and their probabilities are a common CRM default, not a law: a deal in *proposal* is won
about half the time. A company's own win rates belong in their place (module 02 lets the learner
set them).

:func:`load_pipeline` reads the shipped file or a CRM export (CSV or Excel). Exports name their
columns differently; ``mapping`` translates them, e.g.
``{"Deal Name": "deal", "Amount": "amount", "Close Date": "close_date", "Deal Stage": "stage"}``.
Every problem is reported with the spreadsheet row (the header is row 1) and the column.

Example:
    >>> deals = load_pipeline()
    >>> list(deals.columns[:4])
    ['deal', 'seller_id', 'seller_name', 'region']
    >>> int(deals["close_month"].min())
    1
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .i18n import invalid, pick

# --------------------------------------------------------------------------- stages

#: Open-deal stages, in order, with the probability a deal in that stage is won (a common CRM
#: default; set your own win rates in the forecast) and names in both languages.
STAGES: dict[str, dict[str, Any]] = {
    "qualified": {"probability": 0.10, "name": {"nb": "Kvalifisert", "en": "Qualified"}},
    "needs_analysis": {"probability": 0.25, "name": {"nb": "Behovsanalyse", "en": "Needs analysis"}},
    "proposal": {"probability": 0.50, "name": {"nb": "Tilbud sendt", "en": "Proposal sent"}},
    "negotiation": {"probability": 0.75, "name": {"nb": "Forhandling", "en": "Negotiation"}},
    "verbal": {"probability": 0.90, "name": {"nb": "Muntlig ja", "en": "Verbal yes"}},
}
STAGE_ORDER: tuple[str, ...] = tuple(STAGES)
DEFAULT_PROBABILITY: dict[str, float] = {k: v["probability"] for k, v in STAGES.items()}

#: Other spellings of the stages that a CRM export may use (lower case, spaces and dashes as in the
#: export); HubSpot's default deal stages map to the nearest stage above.
STAGE_ALIASES: dict[str, str] = {
    "kvalifisert": "qualified", "qualified": "qualified", "appointment scheduled": "qualified",
    "appointmentscheduled": "qualified", "prospecting": "qualified",
    "behovsanalyse": "needs_analysis", "needs analysis": "needs_analysis", "needs_analysis": "needs_analysis",
    "qualified to buy": "needs_analysis", "qualifiedtobuy": "needs_analysis",
    "tilbud sendt": "proposal", "tilbud": "proposal", "proposal": "proposal", "proposal sent": "proposal",
    "presentation scheduled": "proposal", "presentationscheduled": "proposal",
    "forhandling": "negotiation", "negotiation": "negotiation", "decision maker bought-in": "negotiation",
    "decisionmakerboughtin": "negotiation",
    "muntlig ja": "verbal", "verbal": "verbal", "verbal yes": "verbal", "contract sent": "verbal",
    "contractsent": "verbal",
}

#: The date the shipped pipeline was taken (the end of the case's last month).
SNAPSHOT_DATE = _dt.date(2026, 12, 31)
SNAPSHOT_MONTH = "2026-12"

# --------------------------------------------------------------------------- columns

#: Columns of ``pipeline.csv``: required or not, kind, and a bilingual description.
COLUMNS: dict[str, dict[str, Any]] = {
    "deal": {"required": True, "kind": "text", "unit": {"nb": "kode", "en": "code"},
             "range": {"nb": "ikke tom og unik, f.eks. D0001", "en": "not empty and unique, e.g. D0001"},
             "description": {"nb": "Salgsmulighetens id i CRM.", "en": "The deal's id in the CRM."}},
    "seller_id": {"required": False, "kind": "text", "unit": {"nb": "kode", "en": "code"},
                  "range": {"nb": "som i team.csv, f.eks. S01", "en": "as in team.csv, e.g. S01"},
                  "description": {"nb": "Selgeren som har ansvaret for salgsmuligheten.", "en": "The seller who owns the deal."}},
    "seller_name": {"required": False, "kind": "text", "unit": {"nb": "navn", "en": "name"},
                    "range": {"nb": "tekst", "en": "text"},
                    "description": {"nb": "Selgerens navn (oppdiktet).", "en": "The seller's name (fictitious)."}},
    "region": {"required": False, "kind": "text", "unit": {"nb": "kode", "en": "code"},
               "range": {"nb": "east eller west", "en": "east or west"},
               "description": {"nb": "Regionen selgeren jobber i.", "en": "The seller's region."}},
    "customer": {"required": False, "kind": "text", "unit": {"nb": "navn", "en": "name"},
                 "range": {"nb": "tekst", "en": "text"},
                 "description": {"nb": "Kunden (oppdiktet bedrift).", "en": "The customer (a fictitious business)."}},
    "stage": {"required": True, "kind": "stage", "unit": {"nb": "kode", "en": "code"},
              "range": {"nb": ", ".join(STAGE_ORDER), "en": ", ".join(STAGE_ORDER)},
              "description": {"nb": "Hvor langt salgsmuligheten har kommet i salgsprosessen.",
                              "en": "How far the deal has come in the sales process."}},
    "amount": {"required": True, "kind": "money", "unit": {"nb": "kr", "en": "NOK"},
               "range": {"nb": "et beløp i kroner, 0 eller mer", "en": "an amount in NOK, 0 or more"},
               "description": {"nb": "Verdien av salget hvis det vinnes.", "en": "The value of the sale if it is won."}},
    "close_date": {"required": True, "kind": "date", "unit": {"nb": "dato", "en": "date"},
                   "range": {"nb": "ÅÅÅÅ-MM-DD, DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM", "en": "YYYY-MM-DD, DD.MM.YYYY or YYYY-MM"},
                   "description": {"nb": "Når selgeren venter at kunden bestemmer seg.",
                                   "en": "When the seller expects the customer to decide."}},
    "probability": {"required": False, "kind": "share", "unit": {"nb": "andel 0-1", "en": "share 0-1"},
                    "range": {"nb": "fra 0 til 1 (eller 0 % til 100 %); mangler kolonnen, brukes fasens sannsynlighet",
                              "en": "from 0 to 1 (or 0% to 100%); without the column the stage's probability is used"},
                    "description": {"nb": "Sannsynligheten for å vinne (fasens standardverdi i CRM).",
                                    "en": "The probability of winning (the stage's default in the CRM)."}},
    "age_days": {"required": False, "kind": "int", "unit": {"nb": "dager", "en": "days"},
                 "range": {"nb": "helt tall, 0 eller mer", "en": "whole number, 0 or more"},
                 "description": {"nb": "Dager siden salgsmuligheten ble registrert.",
                                 "en": "Days since the deal was created."}},
}
REQUIRED: tuple[str, ...] = tuple(c for c, s in COLUMNS.items() if s["required"])
DERIVED = {
    "close_month": {"nb": "måneder fra uttaket til forventet avslutning (1 = neste måned); regnes ut ved lasting",
                    "en": "months from the snapshot to the expected close (1 = next month); computed on loading"},
}

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
        stages = rng.choice(len(STAGE_ORDER), size=n, p=_STAGE_SHARE)
        for amount, s in zip(amounts, stages):
            stage = STAGE_ORDER[s]
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
                "probability": DEFAULT_PROBABILITY[stage],
                "age_days": int(rng.integers(a_lo, a_hi + 1)),
                "close_month": k,
            })
    frame = pd.DataFrame(records)
    frame.insert(0, "deal", [f"D{i + 1:04d}" for i in range(len(frame))])
    frame["amount"] = frame["amount"].astype("int64")
    frame.attrs["as_of"] = snapshot.isoformat()
    return frame


def columns_markdown() -> str:
    """The column reference ``pipeline_columns.md`` (English and Norwegian), made from :data:`COLUMNS`."""
    lines = [
        "# pipeline.csv: columns / kolonner",
        "",
        "Generated by `course_lib.pipeline_data.write_default_pipeline()` from `COLUMNS` in",
        "`course_lib/pipeline_data.py`; do not edit by hand. / Laget av",
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
        "Required columns / påkrevde kolonner: " + ", ".join(f"`{c}`" for c in REQUIRED) + ".",
        "",
    ]
    for lang, heading, head in (
        ("en", "## English", "| column | required | unit | allowed values | meaning |"),
        ("nb", "## Norsk", "| kolonne | påkrevd | enhet | tillatte verdier | betydning |"),
    ):
        yes, no = ("yes", "no") if lang == "en" else ("ja", "nei")
        lines += [heading, "", head, "|---|---|---|---|---|"]
        for name, spec in COLUMNS.items():
            lines.append(f"| `{name}` | {yes if spec['required'] else no} | {pick(spec['unit'], lang)} "
                         f"| {pick(spec['range'], lang)} | {pick(spec['description'], lang)} |")
        lines.append(f"| `close_month` | - | {'months' if lang == 'en' else 'måneder'} | 1, 2, ... "
                     f"| {pick(DERIVED['close_month'], lang)} |")
        lines.append("")
        lines.append("Stages / faser:" if lang == "en" else "Faser:")
        lines.append("")
        for code, spec in STAGES.items():
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


# --------------------------------------------------------------------------- loader

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[ T].*)?$")


def parse_date(text: str) -> _dt.date | None:
    """A date from ``YYYY-MM-DD`` (a time after it is ignored), ``DD.MM.YYYY``, ``DD/MM/YYYY`` or
    ``YYYY-MM`` (read as the middle of the month); ``None`` when it is none of these.

    Example:
        >>> parse_date("15.02.2027"), parse_date("2027-02")
        (datetime.date(2027, 2, 15), datetime.date(2027, 2, 15))
    """
    text = str(text).strip()
    for pattern, order in ((_ISO, "ymd"), (_DOTTED, "dmy"), (_MONTH, "ym")):
        match = pattern.match(text)
        if not match:
            continue
        parts = [int(g) for g in match.groups()]
        if order == "ymd":
            y, m, d = parts
        elif order == "dmy":
            d, m, y = parts
        else:
            (y, m), d = parts, 15
        try:
            return _dt.date(y, m, d)
        except ValueError:
            return None
    return None


def _stage_code(text: str, stages: Mapping[str, float]) -> str | None:
    key = str(text).strip()
    if key in stages:
        return key
    lowered = key.lower()
    if lowered in stages:
        return lowered
    code = STAGE_ALIASES.get(lowered) or STAGE_ALIASES.get(lowered.replace("_", " "))
    return code if code in stages else None


def _months_between(snapshot: _dt.date, close: _dt.date) -> int:
    """Months from the snapshot month to the close month (1 = next month); overdue deals count as 1."""
    k = (close.year - snapshot.year) * 12 + (close.month - snapshot.month)
    return max(k, 1)


def load_pipeline(path: str | Path | None = None, mapping: Mapping[str, str] | None = None, *,
                  as_of: str | _dt.date | None = None, stages: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Load open deals: the shipped case pipeline (``path=None``) or your CRM export (CSV or Excel).

    Args:
        path: a ``.csv`` or ``.xlsx`` file; ``None`` for the case's ``pipeline.csv``.
        mapping: your column names -> the course's (``deal``, ``amount``, ``stage``, ``close_date``
            are required; ``probability``, ``seller_id``, ``seller_name``, ``region``, ``customer``,
            ``age_days`` are optional). Columns not named keep their own names.
        as_of: the date the export was taken (``"YYYY-MM-DD"``); the shipped file uses 31 Dec 2026,
            your own file today's date. ``close_month`` counts months from it (1 = next month;
            deals already past their close date count as next month).
        stages: your own stages with win probabilities (``{"Demo": 0.3, ...}``); default
            :data:`STAGES` and the aliases in :data:`STAGE_ALIASES` (including HubSpot's defaults).

    Without a ``probability`` column each deal gets its stage's probability.

    Raises:
        ValueError: in the current language, naming the row (the header is row 1) and the column:
            missing column, empty cell, an amount that is not a number or is negative, a probability
            outside 0-1, an unknown stage (the valid ones listed), a date that cannot be read, the
            same deal id twice.

    Example:
        >>> deals = load_pipeline()
        >>> round(float((deals["amount"] * deals["probability"]).sum()) / 1e6, 1) > 0
        True
    """
    from .tabular import parse_number, read_rows

    stage_p = _check_stages(stages)
    if path is None:
        file = Path(str(resources.files("course_lib") / "data" / "pipeline.csv"))
        shown = "pipeline.csv"
        snapshot = SNAPSHOT_DATE if as_of is None else _as_of(as_of)
    else:
        file = Path(path).expanduser()
        shown = str(file)
        if not file.exists() or file.is_dir():
            raise invalid("goals.load.not_found", path=shown)
        snapshot = _dt.date.today() if as_of is None else _as_of(as_of)
    try:
        rows = read_rows(file)
    except ValueError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken file must give a clear message
        raise invalid("goals.load.unreadable", path=shown, detail=type(exc).__name__) from None
    table = rows.frame()
    table.attrs["lines"] = list(rows.lines)
    lines = table.attrs.get("lines") or list(range(2, len(table) + 2))
    table = _rename(table, mapping, shown)
    if table.shape[1] == 0:
        raise invalid("goals.load.empty", path=shown)
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise invalid("goals.load.missing_column", path=shown, missing=", ".join(missing),
                      found=", ".join(map(str, table.columns)) or "-")
    if len(table) == 0:
        raise invalid("goals.load.no_rows", path=shown)
    return _parse_rows(table, snapshot, stage_p, parse_number, lines)


def _check_stages(stages) -> dict[str, float]:
    if stages is None:
        return dict(DEFAULT_PROBABILITY)
    if not isinstance(stages, Mapping) or not stages:
        raise invalid("goals.load.stages_type", value=repr(stages)[:60])
    out = {}
    for name, p in stages.items():
        if isinstance(p, bool) or not isinstance(p, (int, float, np.floating, np.integer)) \
                or not math.isfinite(float(p)) or not 0 <= float(p) <= 1:
            raise invalid("goals.load.stage_probability", stage=str(name), value=repr(p)[:40])
        out[str(name)] = float(p)
    return out


def _as_of(value) -> _dt.date:
    if isinstance(value, _dt.date):
        return value
    parsed = parse_date(str(value))
    if parsed is None:
        raise invalid("goals.load.as_of", value=str(value))
    return parsed


def _rename(table: pd.DataFrame, mapping, shown: str) -> pd.DataFrame:
    table = table.copy()
    table.columns = [str(c).strip() for c in table.columns]
    if mapping is None:
        return table
    if not isinstance(mapping, Mapping):
        raise invalid("goals.load.mapping_type", value=type(mapping).__name__)
    valid = list(COLUMNS)
    for source, target in mapping.items():
        if target not in COLUMNS:
            raise invalid("goals.load.mapping_target", target=str(target), valid=", ".join(valid))
        if source not in table.columns:
            raise invalid("goals.load.mapping_source", source=str(source), path=shown,
                          found=", ".join(map(str, table.columns)))
    return table.rename(columns={str(k): str(v) for k, v in mapping.items()})


def _parse_rows(table: pd.DataFrame, snapshot: _dt.date, stage_p: dict[str, float], parse_number,
                lines: list[int]) -> pd.DataFrame:
    has_p = "probability" in table.columns
    has_age = "age_days" in table.columns
    out: dict[str, list] = {c: [] for c in ("deal", "stage", "amount", "close_date", "probability", "close_month")}
    if has_age:
        out["age_days"] = []
    first_row: dict[str, int] = {}
    valid_stages = ", ".join(stage_p)
    for i, record in enumerate(table.to_dict("records")):
        row = lines[i]
        cells = {k: ("" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).strip())
                 for k, v in record.items()}
        for name in REQUIRED:
            if not cells[name]:
                raise invalid("goals.load.empty_cell", row=row, column=name, expected=pick(COLUMNS[name]["range"]))
        deal = cells["deal"]
        if deal in first_row:
            raise invalid("goals.load.duplicate_deal", row=row, column="deal", value=deal, first=first_row[deal])
        first_row[deal] = row
        stage = _stage_code(cells["stage"], stage_p)
        if stage is None:
            raise invalid("goals.load.unknown_stage", row=row, column="stage", value=cells["stage"], valid=valid_stages)
        try:
            amount = float(parse_number(cells["amount"]))
        except (ValueError, TypeError):
            raise invalid("goals.load.amount_number", row=row, column="amount", value=cells["amount"]) from None
        if not math.isfinite(amount):
            raise invalid("goals.load.amount_number", row=row, column="amount", value=cells["amount"])
        if amount < 0:
            raise invalid("goals.load.amount_negative", row=row, column="amount", value=cells["amount"])
        close = parse_date(cells["close_date"])
        if close is None:
            raise invalid("goals.load.bad_date", row=row, column="close_date", value=cells["close_date"])
        if has_p and cells["probability"]:
            p = _parse_probability(cells["probability"], row, parse_number)
        else:
            p = stage_p[stage]
        if has_age and cells["age_days"]:
            try:
                age = float(parse_number(cells["age_days"]))
            except (ValueError, TypeError):
                raise invalid("goals.load.age_days", row=row, column="age_days", value=cells["age_days"]) from None
            if not math.isfinite(age) or age < 0 or age != round(age):
                raise invalid("goals.load.age_days", row=row, column="age_days", value=cells["age_days"])
            out["age_days"].append(int(age))
        elif has_age:
            out["age_days"].append(0)
        out["deal"].append(deal)
        out["stage"].append(stage)
        out["amount"].append(amount)
        out["close_date"].append(close.isoformat())
        out["probability"].append(p)
        out["close_month"].append(_months_between(snapshot, close))
    frame = pd.DataFrame({
        "deal": pd.Series(out["deal"], dtype="str"),
        "stage": pd.Series(out["stage"], dtype="str"),
        "amount": np.asarray(out["amount"], dtype=float),
        "close_date": pd.Series(out["close_date"], dtype="str"),
        "probability": np.asarray(out["probability"], dtype=float),
        "close_month": np.asarray(out["close_month"], dtype="int64"),
    })
    if np.all(frame["amount"] == np.round(frame["amount"])):
        frame["amount"] = frame["amount"].round().astype("int64")
    if has_age:
        frame["age_days"] = np.asarray(out["age_days"], dtype="int64")
    for name in ("seller_id", "seller_name", "region", "customer"):
        if name in table.columns:
            frame[name] = table[name].fillna("").astype(str).str.strip().to_numpy()
    extra = [c for c in table.columns if c not in frame.columns]
    for name in extra:
        frame[name] = table[name].to_numpy()
    order = [c for c in ("deal", "seller_id", "seller_name", "region", "customer", "stage", "amount", "close_date",
                         "probability", "age_days", "close_month") if c in frame.columns]
    frame = frame[order + [c for c in frame.columns if c not in order]]
    frame.attrs["as_of"] = snapshot.isoformat()
    return frame


def _parse_probability(text: str, row: int, parse_number) -> float:
    try:
        value = float(parse_number(text))
    except (ValueError, TypeError):
        raise invalid("goals.load.probability", row=row, column="probability", value=text) from None
    if "%" in text:
        value /= 100.0
    if not math.isfinite(value) or not 0 <= value <= 1:
        raise invalid("goals.load.probability", row=row, column="probability", value=text)
    return value


def stage_name(code: str, lang: str | None = None) -> str:
    """Display name of a stage code (``"proposal"`` -> ``"Tilbud sendt"`` in nb); unknown codes pass through.

    Example:
        >>> stage_name("verbal", lang="en")
        'Verbal yes'
    """
    spec = STAGES.get(code)
    return pick(spec["name"], lang) if spec else str(code)


__all__ = [
    "STAGES", "STAGE_ORDER", "DEFAULT_PROBABILITY", "STAGE_ALIASES", "SNAPSHOT_DATE", "SNAPSHOT_MONTH", "COLUMNS",
    "REQUIRED", "generate_pipeline", "write_default_pipeline", "columns_markdown", "load_pipeline", "parse_date",
    "stage_name",
]
