"""Loading team data: the shipped case, or a leader's own CSV or Excel file, checked cell by cell.

Re-exported by :mod:`course_lib.cases` (use ``cases.load_team``). Files are read by
:func:`course_lib.tabular.read_rows` (CSV separated by comma, semicolon, tab or bar; UTF-8 with or
without BOM, UTF-16, Windows-1252; ``.xlsx``), numbers by :func:`course_lib.tabular.parse_number`:
a comma-separated file or a workbook is read the English way (``1,100.50``), any other the
Norwegian way (``445 700,00 kr``, non-breaking spaces and a decimal comma). Every fault is a
``ValueError`` in the learner's language naming the line (the header is line 1, as in a
spreadsheet), the column and what is allowed.

Example:
    >>> len(load_team())
    240
"""
from __future__ import annotations

import math
import re
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .case_content import COLUMN_KINDS, columns, make_frame, parse_month
from .i18n import format_number, invalid, pick, t

#: The largest value a cell may hold, by kind: beyond this no team's data goes, and it keeps
#: every value exact in a 64-bit integer (no wraparound).
LIMITS = {"money": 1e12, "int": 1e6}
_SCIENTIFIC = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$")


def _data_dir():
    return resources.files("course_lib") / "data"


_SHIPPED: dict = {}


def load_team(path: str | Path | None = None) -> pd.DataFrame:
    """Load team data: the shipped case data (``path=None``) or your own CSV or ``.xlsx``, checked column by column.

    Your file needs the columns of :data:`course_lib.cases.COLUMNS` (any order; extra columns are
    kept). Line numbers in error messages count the header as line 1, so the first data row is
    line 2: the same as the row number in a spreadsheet.

    Raises:
        ValueError: in the current language, naming the line, the column and what was expected:
            file not found, a folder, an unreadable or empty file, a file that is not team data,
            missing columns, a wrong number of fields, an empty cell, text where a number belongs,
            a decimal where a whole number belongs, a negative or absurdly large amount, a quota of
            0, customer satisfaction outside 1-10, a month not in ``YYYY-MM``, or the same seller
            twice in one month.

    Example:
        >>> load_team()["seller_id"].nunique()
        10
    """
    from .tabular import read_rows

    if path is None:
        file = Path(str(_data_dir() / "team.csv"))
        shown = "team.csv"
        # The shipped case is read once per process (27 ms warm, 87 ms cold; some 40 places load
        # it, several per app): each caller gets its own copy, so a caller's change stays its own.
        stat = file.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        if _SHIPPED.get("key") != key:
            _SHIPPED.update(key=key, table=_parse(read_rows(file), shown))
        return _SHIPPED["table"].copy()
    else:
        if not isinstance(path, (str, Path)) or (isinstance(path, str) and not path.strip()):
            raise invalid("cases.load.not_found", path=repr(path)[:80])
        file = Path(path).expanduser()
        shown = str(file)
        if file.is_dir():
            raise invalid("cases.load.unreadable", path=shown, detail=t("cases.load.is_folder"))
        if not file.exists():
            raise invalid("cases.load.not_found", path=shown)
        try:
            if not file.read_bytes()[:65536].strip():
                raise invalid("cases.load.empty_file", path=shown)
        except OSError as exc:
            raise invalid("cases.load.unreadable", path=shown, detail=exc.strerror or type(exc).__name__) from None
    return _parse(read_rows(file), shown)


def _parse(table, shown: str) -> pd.DataFrame:
    lang = "en" if table.kind == "xlsx" or table.delimiter == "," else "nb"
    return _parse_rows(table, shown, lang)


def _parse_rows(table, shown: str, lang: str) -> pd.DataFrame:
    header = [cell.strip().lstrip("\ufeff") for cell in table.header]
    spec_of = columns()
    required = list(COLUMN_KINDS)
    missing = [c for c in required if c not in header]
    if len(missing) == len(required):
        raise invalid("cases.load.not_team_data", path=shown, count=len(header),
                      first=", ".join(h[:30] for h in header[:5]) or "-", required=", ".join(required))
    if missing:
        raise invalid("cases.load.missing_columns", path=shown, missing=", ".join(missing),
                      required=", ".join(required))
    if not table.rows:
        raise invalid("cases.load.no_rows", path=shown)
    seen = set()
    for name in header:
        if name in seen and name:
            raise invalid("cases.load.duplicate_column", path=shown, column=name)
        seen.add(name)

    index = {name: i for i, name in enumerate(header)}
    values: dict[str, list] = {name: [] for name in header if name}
    first_seen: dict[tuple[str, str], int] = {}
    for line, record in zip(table.lines, table.rows):
        if table.kind == "xlsx":  # a workbook drops trailing empty cells
            record = (list(record) + [""] * len(header))[: max(len(header), len(record))]
        if len(record) != len(header):
            raise invalid("cases.load.field_count", line=line, found=len(record), expected=len(header))
        for name in values:
            raw = record[index[name]]
            if name in COLUMN_KINDS:
                values[name].append(_check_cell(raw, name, spec_of[name], line, lang))
            else:
                values[name].append(raw)
        key = (values["seller_id"][-1], values["month"][-1])
        if key in first_seen:
            raise invalid("cases.load.duplicate", line=line, first_line=first_seen[key],
                          seller_id=key[0], month=key[1])
        first_seen[key] = line

    frame = make_frame(values)
    for name, (kind, _dtype) in COLUMN_KINDS.items():  # money keeps decimals only if the file has them
        if kind == "money":
            numbers = np.asarray(values[name], dtype=float)
            if not np.all(numbers == np.round(numbers)):
                frame[name] = numbers
    return frame


def _number(text: str, lang: str) -> float | None:
    from .tabular import parse_number

    if _SCIENTIFIC.match(text.replace(" ", "")):  # 1E+19 as a spreadsheet may write it
        value = float(text.replace(" ", "").replace(",", "."))
        return value if math.isfinite(value) else None
    if text.count("%") > 1:
        return None
    try:
        return parse_number(text, lang=lang)
    except (ValueError, IndexError, OverflowError):  # IndexError: "kr" alone (tabular)
        return None


def _check_cell(raw: Any, name: str, spec: dict, line: int, lang: str) -> Any:
    text = str(raw).strip()
    if not text:
        raise invalid("cases.load.empty_cell", line=line, column=name, expected=pick(spec["range"]))
    kind = COLUMN_KINDS[name][0]
    if kind == "text":
        return text
    if kind == "month":
        if parse_month(text) is None:
            raise invalid("cases.load.bad_month", line=line, column=name, value=text[:40])
        return text
    value = _number(text, lang)
    if value is None:
        raise invalid("cases.load.not_a_number", line=line, column=name, value=text[:40],
                      expected=pick(spec["range"]))
    if kind == "score":
        if not 1.0 <= value <= 10.0:
            raise invalid("cases.load.satisfaction_range", line=line, column=name, value=text[:40])
        return value
    if value < 0:
        raise invalid("cases.load.negative", line=line, column=name, value=text[:40])
    if value > LIMITS[kind]:
        raise invalid("cases.load.too_large", line=line, column=name, value=text[:40], limit=format_number(LIMITS[kind]))
    if kind == "int" and value != round(value):
        raise invalid("cases.load.not_whole", line=line, column=name, value=text[:40])
    if name == "quota" and value == 0:
        raise invalid("cases.load.quota_zero", line=line, column=name)
    return value
