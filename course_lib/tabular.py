"""Reading a learner's spreadsheet or CSV, and reading numbers the way people write them.

A Norwegian leader's export looks like ``445 700,00 kr`` in a semicolon-separated file saved
by Excel (often in Windows-1252), or it is an ``.xlsx`` file; an English one writes
``NOK 445,700.00`` with commas. :func:`read_rows` reads CSV (any of ``, ; TAB |``, UTF-8 with
or without BOM, UTF-16, Windows-1252) and ``.xlsx`` (openpyxl) into rows of text, keeping the
line numbers a spreadsheet shows; :func:`parse_number` turns one cell or one typed answer into a
float by the language's conventions. Anything that is not a number raises ``ValueError`` with
a translated hint, never a float conversion error.

Example:
    >>> parse_number("445 700,00 kr", lang="nb")
    445700.0
    >>> parse_number("NOK 1,200", lang="en"), parse_number("12,5 %", lang="nb", percent="fraction")
    (1200.0, 0.125)
"""
from __future__ import annotations

import csv
import io
import math
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .i18n import os_reason, t, resolve_language

#: Files beyond this size are refused before reading (a team or pipeline export is far smaller).
MAX_BYTES = 50_000_000
#: Text beyond this length is not a number anyone typed.
MAX_NUMBER_CHARS = 64

_SPACES = "\u00a0\u202f\u2009\u2007 '’_"
_CURRENCY = re.compile(r"^(?:nok|kr\.?|,-)\s*|\s*(?:nok|kr\.?|,-|\.-)$", re.IGNORECASE)
_SPACE_GROUPED = re.compile(r"^\d{1,3}( \d{3})+([.,]\d*)?$")
_GROUPED = {",": re.compile(r"^[1-9]\d{0,2}(,\d{3})+$"), ".": re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")}


def parse_number(text, lang: str | None = None, *, percent: str = "keep") -> float:
    """Read a number as a learner or a spreadsheet writes it.

    Accepts spaces (also non-breaking) and apostrophes between thousands, a decimal comma or
    point (when both appear, the last one is the decimal mark), ``kr``/``NOK`` before or after,
    a Unicode minus, and a trailing ``%``. With ``percent="fraction"`` a value written with
    ``%`` is divided by 100 (``"12,5 %"`` -> 0.125); ``"keep"`` returns 12.5. A lone comma is a
    decimal mark in nb and a thousands separator in en when it groups digits in threes
    (``"1,100"`` -> 1100 in en, 1.1 in nb); a lone point likewise the other way round.

    Raises ``ValueError`` (translated) for empty text, words, NaN and infinities.

    Example:
        >>> parse_number("1.100,00", lang="nb"), parse_number("1 100", lang="nb"), parse_number("1,100", lang="en")
        (1100.0, 1100.0, 1100.0)
        >>> parse_number("tolv", lang="en")
        Traceback (most recent call last):
        ...
        ValueError: "tolv" is not a number. Write for example 1,200,000 or 12.5.
    """
    code = resolve_language(lang)
    if percent not in ("keep", "fraction"):
        raise ValueError(f"percent must be 'keep' or 'fraction', got {percent!r}")
    if isinstance(text, bool):
        raise ValueError(t("tabular.not_a_number", value=str(text), lang=code))
    if isinstance(text, (int, float)):
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(t("tabular.not_finite", value=str(text), lang=code))
        return value
    raw = "" if text is None else str(text)
    shown = raw if len(raw) <= MAX_NUMBER_CHARS else raw[:MAX_NUMBER_CHARS] + "…"
    s = raw.strip()
    if not s or len(s) > MAX_NUMBER_CHARS:
        raise ValueError(t("tabular.not_a_number", value=shown, lang=code))
    is_percent = s.endswith("%")
    if is_percent:
        s = s[:-1].strip()
    s = s.replace("−", "-").replace("–", "-")
    sign = ""
    if s.startswith(("+", "-")):
        sign, s = ("-" if s[0] == "-" else ""), s[1:].strip()
    s = _CURRENCY.sub("", s).strip()
    s = _CURRENCY.sub("", s).strip()
    if not sign and s.startswith(("+", "-")):  # "NOK -1,200"
        sign, s = ("-" if s[0] == "-" else ""), s[1:].strip()
    spaced = s
    for ch in _SPACES:
        spaced = spaced.replace(ch, " ")
    if " " in spaced.strip() and not _SPACE_GROUPED.match(spaced.strip()):
        # spaces (or apostrophes) between digits are thousands separators only when they group digits
        # in threes: "1 100" is 1100, but "1 2 3" is not a number (it would be read as 123)
        raise ValueError(t("tabular.not_a_number", value=shown, lang=code))
    s = spaced.replace(" ", "")
    if not s or not re.fullmatch(r"[0-9.,]+", s) or not re.search(r"\d", s):
        if s.lower() in ("nan", "inf", "infinity", "uendelig"):
            raise ValueError(t("tabular.not_finite", value=shown, lang=code))
        raise ValueError(t("tabular.not_a_number", value=shown, lang=code))
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, fraction = s.rpartition(decimal)
        if thousands in fraction or not _GROUPED[thousands].match(whole):  # "1,2,3.5" is not 123.5
            raise ValueError(t("tabular.not_a_number", value=shown, lang=code))
        s = s.replace(thousands, "")
    elif "," in s:
        if s.count(",") > 1 and not _GROUPED[","].match(s):  # "1,2,3": separators that do not group in threes
            raise ValueError(t("tabular.not_a_number", value=shown, lang=code))
        if s.count(",") > 1 or (code == "en" and _GROUPED[","].match(s)):
            s = s.replace(",", "")
        decimal = ","
    elif "." in s:
        if s.count(".") > 1 and not _GROUPED["."].match(s):
            raise ValueError(t("tabular.not_a_number", value=shown, lang=code))
        if s.count(".") > 1 or (code == "nb" and _GROUPED["."].match(s)):
            s = s.replace(".", "")
        decimal = "."
    else:
        decimal = "."
    s = s.replace(decimal, ".")
    if s.count(".") > 1 or s in (".",):
        raise ValueError(t("tabular.not_a_number", value=shown, lang=code))
    value = float(sign + s)
    if not math.isfinite(value):
        raise ValueError(t("tabular.not_finite", value=shown, lang=code))
    if is_percent and percent == "fraction":
        value /= 100
    return value


@dataclass(frozen=True)
class Rows:
    """What :func:`read_rows` found: the header, the data rows as text, each row's line number."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    kind: str  # "csv" or "xlsx"
    delimiter: str = ","
    encoding: str = "utf-8"

    def frame(self):
        """The rows as a DataFrame of text (short rows padded with empty cells)."""
        import pandas as pd

        width = len(self.header)
        padded = [(r + [""] * width)[:width] for r in self.rows]
        return pd.DataFrame(padded, columns=self.header, dtype=object)


def _decode(raw: bytes, name: str) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    if len(raw) >= 4 and raw[1:2] == b"\x00" and raw[3:4] == b"\x00":
        return raw.decode("utf-16-le"), "utf-16-le"
    if b"\x00" in raw[:4096]:
        raise ValueError(t("tabular.binary", file=name))
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = text.splitlines()[0] if text.splitlines() else ""
        counts = {d: first.count(d) for d in ",;\t|"}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _cell_text(value) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def _read_xlsx(path: Path, sheet: str | None) -> Rows:
    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # pragma: no cover - openpyxl is in the lock
        raise ValueError(t("tabular.no_excel_reader")) from exc
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise ValueError(t("tabular.bad_excel", file=path.name)) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise ValueError(t("tabular.unknown_sheet", sheet=sheet, known=", ".join(book.sheetnames)))
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        header: list[str] | None = None
        rows, lines = [], []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            while cells and cells[-1] == "":
                cells.pop()
            if header is None:
                if cells:
                    header = cells
                continue
            if not any(cells):
                continue
            rows.append(cells)
            lines.append(number)
            if len(rows) > 1_000_000:
                raise ValueError(t("tabular.too_large", file=path.name))
    finally:
        book.close()
    if header is None:
        raise ValueError(t("tabular.empty", file=path.name))
    return Rows(header=header, rows=rows, lines=lines, kind="xlsx")


def read_rows(path, sheet: str | None = None) -> Rows:
    """Read a CSV or ``.xlsx`` file into text rows with the line numbers a spreadsheet shows.

    The header is line 1; empty lines are skipped. Raises ``ValueError`` (translated) for a
    missing file, a folder, a file that is too large, binary or an old ``.xls`` workbook.

    Example:
        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "t.csv")
        >>> _ = open(p, "w", encoding="utf-8").write("a;b\\n1 200,5;x\\n")
        >>> r = read_rows(p); (r.header, r.rows, r.lines, r.delimiter)
        (['a', 'b'], [['1 200,5', 'x']], [2], ';')
    """
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise ValueError(t("tabular.missing", file=str(p))) from None
    except OSError as exc:  # no permission on the folder, a link loop ...: translated, the OS text in brackets
        raise ValueError(t("tabular.unreadable", file=str(p), reason=os_reason(exc))) from None
    if stat.S_ISDIR(info.st_mode):
        raise ValueError(t("tabular.is_folder", file=str(p)))
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
        raise ValueError(t("tabular.not_regular", file=str(p)))
    size = info.st_size
    if size > MAX_BYTES:
        raise ValueError(t("tabular.too_large", file=p.name))
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(p, sheet)
    if suffix in (".xls", ".ods", ".numbers"):
        raise ValueError(t("tabular.old_format", file=p.name, suffix=suffix))
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ValueError(t("tabular.unreadable", file=str(p), reason=os_reason(exc))) from None
    if raw.startswith(b"PK\x03\x04"):
        return _read_xlsx(p, sheet)
    text, encoding = _decode(raw, p.name)
    if not text.strip():
        raise ValueError(t("tabular.empty", file=p.name))
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows, lines = [], []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            cells = [cell.strip() for cell in record]
            if header is None:
                header = cells
                continue
            rows.append(cells)
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise ValueError(t("tabular.bad_csv", file=p.name, line=reader.line_num, problem=csv_problem(exc))) from None
    if header is None:
        raise ValueError(t("tabular.empty", file=p.name))
    return Rows(header=header, rows=rows, lines=lines, kind="csv", delimiter=delimiter, encoding=encoding)


_CSV_PROBLEMS = (("field larger than field limit", "tabular.csv.field_too_large"),
                 ("unexpected end of data", "tabular.csv.unclosed_quote"),
                 ("eof inside string", "tabular.csv.unclosed_quote"),
                 ("new-line character seen in unquoted field", "tabular.csv.newline"),
                 ("line contains nul", "tabular.csv.nul"),
                 ("expected", "tabular.csv.after_quote"))


def csv_problem(exc: BaseException) -> str:
    """What Python's csv module found wrong, in the learner's language (its own text, English, in brackets).

    Example:
        >>> csv_problem(csv.Error("field larger than field limit (131072)"))[:35]
        'en celle er lengre enn 131 072 tegn'
    """
    raw = str(exc)
    for phrase, key in _CSV_PROBLEMS:
        if phrase in raw.lower():
            problem = t(key, limit=csv.field_size_limit())
            break
    else:
        problem = t("tabular.csv.other")
    raw = raw if len(raw) <= 60 else raw[:59] + "…"
    return f"{problem} ({raw})"


def read_table(path, sheet: str | None = None):
    """A CSV or ``.xlsx`` file as a DataFrame of text (see :func:`read_rows`).

    Example:
        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "t.csv")
        >>> _ = open(p, "w", encoding="utf-16").write("a\\tb\\n1\\t2\\n")
        >>> read_table(p).to_dict("records")
        [{'a': '1', 'b': '2'}]
    """
    return read_rows(path, sheet).frame()
