"""Loading open deals: the shipped case pipeline or a CRM export (CSV or Excel), checked row by row.

Exports name their columns differently; ``mapping`` translates them, e.g.
``{"Deal Name": "deal", "Amount": "amount", "Close Date": "close_date", "Deal Stage": "stage"}``.
Stages are matched by id, by name and by the other spellings in ``content/goals.yaml`` (HubSpot's
default deal stages included); a company's own stages come with ``stages={"Demo": 0.3, ...}``.

Every problem names the spreadsheet row (the header is row 1) and the column. A file with several
bad rows is reported at once, up to :data:`MAX_ROW_PROBLEMS` problems in one message, so a learner
fixes her export in one go rather than one row per attempt.

Dates: ``YYYY-MM-DD`` (a time after it is ignored), ``DD.MM.YYYY``, ``YYYY-MM`` (read as the middle
of the month) and slash dates. A slash date is read day first (``2/3/2027`` is 2 March, as in Norway);
a US export writes month first and is loaded with ``dayfirst=False``. A day-first reading that fails
where month first would work is reported with that hint.

All names are public in :mod:`course_lib.pipeline_data` (and :func:`load_pipeline` in
:mod:`course_lib.cases`).

Example:
    >>> parse_date("2/3/2027"), parse_date("2/3/2027", dayfirst=False)
    (datetime.date(2027, 3, 2), datetime.date(2027, 2, 3))
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

from .goals_content import catalogue
from .i18n import invalid, pick, t

#: The date the shipped pipeline was taken (the end of the case's last month).
SNAPSHOT_DATE = _dt.date(2026, 12, 31)

#: At most this many row problems are listed in one message (the rest are counted).
MAX_ROW_PROBLEMS = 20

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T].*)?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T].*)?$")


def parse_date(text: str, dayfirst: bool = True) -> _dt.date | None:
    """A date from ``YYYY-MM-DD`` (a time after it is ignored), ``DD.MM.YYYY``, a slash date or
    ``YYYY-MM`` (read as the middle of the month); ``None`` when it is none of these.

    A slash date is ``DD/MM/YYYY`` with ``dayfirst=True`` (the default, as Norwegian exports write
    it) and ``MM/DD/YYYY`` with ``dayfirst=False`` (a US export). Dotted dates are always day first.

    Example:
        >>> parse_date("15.02.2027"), parse_date("2027-02")
        (datetime.date(2027, 2, 15), datetime.date(2027, 2, 15))
        >>> parse_date("02/15/2027", dayfirst=False)
        datetime.date(2027, 2, 15)
    """
    text = str(text).strip()
    slashed = "dmy" if dayfirst else "mdy"
    for pattern, order in ((_ISO, "ymd"), (_DOTTED, "dmy"), (_SLASHED, slashed), (_MONTH, "ym")):
        match = pattern.match(text)
        if not match:
            continue
        parts = [int(g) for g in match.groups()]
        if order == "ymd":
            y, m, d = parts
        elif order == "dmy":
            d, m, y = parts
        elif order == "mdy":
            m, d, y = parts
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
    aliases = catalogue().stage_aliases
    code = aliases.get(lowered) or aliases.get(lowered.replace("_", " "))
    if code is None:  # a stage's display name in either language (``Tilbud sendt``, ``Proposal sent``)
        code = next((c for c, spec in catalogue().stages.items()
                     if lowered in (n.lower() for n in spec["name"].values())), None)
    return code if code in stages else None


def _months_between(snapshot: _dt.date, close: _dt.date) -> int:
    """Months from the snapshot month to the close month (1 = next month); overdue deals count as 1."""
    k = (close.year - snapshot.year) * 12 + (close.month - snapshot.month)
    return max(k, 1)


def load_pipeline(path: str | Path | None = None, mapping: Mapping[str, str] | None = None, *,
                  as_of: str | _dt.date | None = None, stages: Mapping[str, float] | None = None,
                  dayfirst: bool = True) -> pd.DataFrame:
    """Load open deals: the shipped case pipeline (``path=None``) or your CRM export (CSV or Excel).

    Args:
        path: a ``.csv`` or ``.xlsx`` file; ``None`` for the case's ``pipeline.csv``.
        mapping: your column names -> the course's (``deal``, ``amount``, ``stage``, ``close_date``
            are required; ``probability``, ``seller_id``, ``seller_name``, ``region``, ``customer``,
            ``age_days`` are optional). Columns not named keep their own names.
        as_of: the date the export was taken (``"YYYY-MM-DD"``); the shipped file uses 31 Dec 2026,
            your own file today's date. ``close_month`` counts months from it (1 = next month;
            deals already past their close date count as next month).
        stages: your own stages with win probabilities (``{"Demo": 0.3, ...}``); default the stages
            of ``content/goals.yaml`` with their other spellings (including HubSpot's defaults).
        dayfirst: read slash dates as day/month/year (default) or, with ``False``, as
            month/day/year (a US export: ``2/3/2027`` is 3 February).

    Without a ``probability`` column each deal gets its stage's probability; the shipped file always
    takes the stages' probabilities from the content, so a trainer's own win rates reach the case.

    Raises:
        ValueError: in the current language, naming the row (the header is row 1) and the column:
            missing column, empty cell, an amount that is not a number or is negative, a probability
            outside 0-1, an unknown stage (the valid ones listed), a date that cannot be read, the
            same deal id twice. Up to :data:`MAX_ROW_PROBLEMS` row problems come in one message,
            the first one on its first line.

    Example:
        >>> deals = load_pipeline()
        >>> round(float((deals["amount"] * deals["probability"]).sum()) / 1e6, 1) > 0
        True
    """
    from .tabular import parse_number, read_rows

    stage_p = _check_stages(stages)
    if not isinstance(dayfirst, bool):
        raise invalid("goals.load.dayfirst", value=repr(dayfirst)[:40])
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
    lines = list(rows.lines) or list(range(2, len(table) + 2))
    table = _rename(table, mapping, shown)
    if path is None and "probability" in table.columns:
        table = table.drop(columns=["probability"])       # the stages' probabilities in the content
    if table.shape[1] == 0:
        raise invalid("goals.load.empty", path=shown)
    required = catalogue().required
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise invalid("goals.load.missing_column", path=shown, missing=", ".join(missing),
                      found=", ".join(map(str, table.columns)) or "-")
    if len(table) == 0:
        raise invalid("goals.load.no_rows", path=shown)
    return _parse_rows(table, snapshot, stage_p, parse_number, lines, dayfirst)


def _check_stages(stages) -> dict[str, float]:
    if stages is None:
        return dict(catalogue().default_probability)
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
    columns = catalogue().columns
    for source, target in mapping.items():
        if target not in columns:
            raise invalid("goals.load.mapping_target", target=str(target), valid=", ".join(columns))
        if source not in table.columns:
            raise invalid("goals.load.mapping_source", source=str(source), path=shown,
                          found=", ".join(map(str, table.columns)))
    return table.rename(columns={str(k): str(v) for k, v in mapping.items()})


class _Problems:
    """Row problems collected while parsing: the first :data:`MAX_ROW_PROBLEMS` in words, the rest counted."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.count = 0

    def add(self, key: str, **values: Any) -> None:
        self.count += 1
        if len(self.messages) < MAX_ROW_PROBLEMS:
            self.messages.append(t(key, **values))

    def raise_if_any(self) -> None:
        if not self.count:
            return
        text = self.messages[0]
        if self.count > 1:
            text += "\n" + t("goals.load.more_problems", count=self.count)
            text += "".join(f"\n- {m}" for m in self.messages[1:])
            if self.count > len(self.messages):
                text += "\n" + t("goals.load.problems_not_shown", count=self.count - len(self.messages))
        raise ValueError(text)


def _bad_date(problems: _Problems, row: int, text: str, dayfirst: bool) -> None:
    """Report an unreadable date; a slash date that reads the other way round gets that hint."""
    other = parse_date(text, dayfirst=not dayfirst) if _SLASHED.match(text) else None
    if other is not None:
        problems.add("goals.load.bad_date_order", row=row, column="close_date", value=text,
                     order=t("goals.load.order_mdy" if dayfirst else "goals.load.order_dmy"),
                     setting="dayfirst=False" if dayfirst else "dayfirst=True")
    else:
        problems.add("goals.load.bad_date", row=row, column="close_date", value=text)


def _parse_rows(table: pd.DataFrame, snapshot: _dt.date, stage_p: dict[str, float], parse_number,
                lines: list[int], dayfirst: bool = True) -> pd.DataFrame:
    cat = catalogue()
    has_p = "probability" in table.columns
    has_age = "age_days" in table.columns
    out: dict[str, list] = {c: [] for c in ("deal", "stage", "amount", "close_date", "probability", "close_month",
                                             "age_days")}
    first_row: dict[str, int] = {}
    valid_stages = ", ".join(stage_p)
    problems = _Problems()
    for i, record in enumerate(table.to_dict("records")):
        row = lines[i]
        before = problems.count
        cells = {k: ("" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).strip())
                 for k, v in record.items()}
        for name in cat.required:
            if not cells[name]:
                problems.add("goals.load.empty_cell", row=row, column=name, expected=pick(cat.columns[name]["range"]))
        deal = cells["deal"]
        if deal and deal in first_row:
            problems.add("goals.load.duplicate_deal", row=row, column="deal", value=deal, first=first_row[deal])
        elif deal:
            first_row[deal] = row
        stage = _stage_code(cells["stage"], stage_p) if cells["stage"] else None
        if cells["stage"] and stage is None:
            problems.add("goals.load.unknown_stage", row=row, column="stage", value=cells["stage"], valid=valid_stages)
        amount = _amount(cells["amount"], row, parse_number, problems) if cells["amount"] else None
        close = parse_date(cells["close_date"], dayfirst) if cells["close_date"] else None
        if cells["close_date"] and close is None:
            _bad_date(problems, row, cells["close_date"], dayfirst)
        p = None
        if has_p and cells["probability"]:
            p = _parse_probability(cells["probability"], row, parse_number, problems)
        elif stage is not None:
            p = stage_p[stage]
        age = 0
        if has_age and cells["age_days"]:
            age = _age_days(cells["age_days"], row, parse_number, problems)
        if problems.count > before:
            continue
        for key, value in (("deal", deal), ("stage", stage), ("amount", amount), ("close_date", close.isoformat()),
                           ("probability", p), ("close_month", _months_between(snapshot, close)),
                           ("age_days", age)):
            out[key].append(value)
    problems.raise_if_any()
    return _frame(table, out, has_age, snapshot)


def _amount(text: str, row: int, parse_number, problems: _Problems) -> float | None:
    try:
        amount = float(parse_number(text))
    except (ValueError, TypeError):
        amount = float("nan")
    if not math.isfinite(amount):
        problems.add("goals.load.amount_number", row=row, column="amount", value=text)
        return None
    if amount < 0:
        problems.add("goals.load.amount_negative", row=row, column="amount", value=text)
        return None
    return amount


def _age_days(text: str, row: int, parse_number, problems: _Problems) -> int:
    try:
        age = float(parse_number(text))
    except (ValueError, TypeError):
        age = float("nan")
    if not math.isfinite(age) or age < 0 or age != round(age):
        problems.add("goals.load.age_days", row=row, column="age_days", value=text)
        return 0
    return int(age)


def _parse_probability(text: str, row: int, parse_number, problems: _Problems) -> float | None:
    try:
        value = float(parse_number(text))
    except (ValueError, TypeError):
        value = float("nan")
    if "%" in text:
        value /= 100.0
    if not math.isfinite(value) or not 0 <= value <= 1:
        problems.add("goals.load.probability", row=row, column="probability", value=text)
        return None
    return value


def _frame(table: pd.DataFrame, out: dict[str, list], has_age: bool, snapshot: _dt.date) -> pd.DataFrame:
    """The parsed deals in the course's column order, other columns of the file kept after them."""
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


__all__ = ["MAX_ROW_PROBLEMS", "SNAPSHOT_DATE", "load_pipeline", "parse_date"]


# Arguments of the public functions above are checked against their annotations (argtypes).
from .argtypes import guard_module as _guard_module  # noqa: E402

_guard_module(globals())
