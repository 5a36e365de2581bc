"""Tables as a learner sees them: translated headers and values, numbers in the language's format.

Model functions return plain numbers (DataFrames of floats, dicts). A notebook shows them
through :func:`learner_table`, the course's one way to put a table in front of a learner:
money as ``43 345 000 kr`` / ``NOK 43,345,000``, shares as ``101,5 %`` / ``101.5%``, headers and
category values in the current language.

Example:
    >>> import pandas as pd
    >>> from course_lib.i18n import set_language
    >>> set_language("nb")
    >>> df = pd.DataFrame({"region": ["east"], "sales": [43345000.0], "attainment": [1.014613]})
    >>> table = learner_table(df, formats={"sales": "money", "attainment": "percent"},
    ...                       labels={"sales": {"nb": "Salg", "en": "Sales"}},
    ...                       values={"region": {"east": {"nb": "Øst", "en": "East"}}})
    >>> table.frame.iloc[0].tolist()
    ['Øst', '43 345 000 kr', '101,5 %']
    >>> list(table.frame.columns)
    ['region', 'Salg', 'attainment']
"""
from __future__ import annotations

import html
import math
import numbers
from typing import Any, Callable, Mapping

from .i18n import catalogue, format_money, format_number, format_percent, format_plain, pick, t, resolve_language

_KINDS = ("money", "percent", "number", "text", "plain")


def cell_formatter(spec: str | Callable[[Any], str], lang: str | None = None) -> Callable[[Any], str]:
    """The function that turns one raw value into text for a column format ``spec``.

    ``spec`` is ``"money"``, ``"percent"`` (a fraction; 1 decimal), ``"number"`` (0 decimals),
    ``"plain"`` (only the decimals needed), ``"text"``, optionally with decimals after a colon
    (``"money:2"``, ``"percent:0"``, ``"number:1"``), or a callable.

    Example:
        >>> cell_formatter("percent:0", lang="en")(0.256)
        '26%'
    """
    if callable(spec):
        return spec
    kind, _, digits = str(spec).partition(":")
    if kind not in _KINDS:
        raise ValueError(f"table format must be one of {', '.join(_KINDS)} (with ':decimals'), got {spec!r}")
    decimals = int(digits) if digits else None
    code = resolve_language(lang)

    def fmt(value: Any) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        if kind == "text" or isinstance(value, str) or not isinstance(value, numbers.Real):
            return str(value)
        if kind == "money":
            return format_money(value, decimals or 0, code)
        if kind == "percent":
            return format_percent(value, 1 if decimals is None else decimals, code)
        if kind == "number":
            return format_number(value, decimals or 0, code)
        return format_plain(value, lang=code, max_decimals=3 if decimals is None else decimals)

    return fmt


def _label(spec: Any, lang: str) -> str:
    if isinstance(spec, Mapping):
        return str(pick(spec, lang))
    if isinstance(spec, str) and spec in catalogue():
        return t(spec, lang=lang)
    return str(spec)


def _value_mapper(spec: Any, lang: str) -> Callable[[Any], Any]:
    if isinstance(spec, str):  # a message-key prefix
        def by_prefix(value):
            key = f"{spec}{value}"
            return t(key, lang=lang) if key in catalogue() else value
        return by_prefix
    if isinstance(spec, Mapping):
        return lambda value: _label(spec[value], lang) if value in spec else value
    if callable(spec):
        return spec
    raise ValueError(f"table values must be a mapping, a message-key prefix or a function, got {spec!r}")


def _default_format(series) -> str:
    import pandas as pd

    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        return "text"
    if pd.api.types.is_integer_dtype(series):
        return "number"
    return "plain"


#: The name a screen reader hears for a row-label column that has no header of its own.
ROW_LABEL = {"nb": "Rad", "en": "Row"}

_STYLE = ("<style>.course-table td{text-align:right;font-variant-numeric:tabular-nums}"
          ".course-table th{text-align:left}"
          ".course-sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
          "clip:rect(0,0,0,0);white-space:nowrap;border:0}</style>")


class LearnerTable:
    """A formatted table: ``.frame`` holds the text a learner sees; notebooks render it as HTML.

    With ``index=True`` the row labels are row headers (``<th scope="row">``) under one header
    cell that always has a name: the index name, or a visually hidden "Rad" / "Row" for screen
    readers (an empty ``<th>`` fails the accessibility check *empty-table-header*).

    Example:
        >>> import pandas as pd
        >>> html = LearnerTable(pd.DataFrame({"A": ["1"]}, index=["x"]), index=True, lang="en").to_html()
        >>> '<th scope="col"><span class="course-sr-only">Row</span></th>' in html
        True
    """

    def __init__(self, frame, index: bool, caption: str | None = None, lang: str | None = None):
        self.frame = frame
        self.index = index
        self.caption = caption
        self.lang = lang

    def _indexed_html(self) -> str:
        esc = html.escape
        name = self.frame.index.name
        corner = (esc(str(name)) if name not in (None, "") else
                  f'<span class="course-sr-only">{esc(str(pick(ROW_LABEL, resolve_language(self.lang))))}</span>')
        head = f'<th scope="col">{corner}</th>' + "".join(f'<th scope="col">{esc(str(c))}</th>' for c in self.frame.columns)
        rows = "".join(
            f'<tr><th scope="row">{esc(str(label))}</th>' + "".join(f"<td>{esc(str(v))}</td>" for v in values) + "</tr>"
            for label, values in zip(self.frame.index, self.frame.itertuples(index=False, name=None)))
        return (f'<table class="dataframe course-table"><thead><tr>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table>")

    def to_html(self) -> str:
        if self.index:
            body = self._indexed_html()
        else:
            body = self.frame.to_html(index=False, escape=True, border=0, classes="course-table")
        caption = f"<p><b>{html.escape(self.caption)}</b></p>" if self.caption else ""
        return _STYLE + caption + body

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        text = self.frame.to_string(index=self.index)
        return f"{self.caption}\n{text}" if self.caption else text

    __repr__ = __str__


def learner_table(data, formats: Mapping[str, Any] | None = None, labels: Mapping[str, Any] | None = None,
                  values: Mapping[str, Any] | None = None, index: bool = False,
                  caption: Any = None, lang: str | None = None) -> LearnerTable:
    """Show ``data`` (a DataFrame, Series or dict) to a learner in the current language.

    ``formats`` maps a column to a format spec (see :func:`cell_formatter`); columns without one
    get ``"number"`` for integers, ``"plain"`` for other numbers and ``"text"`` otherwise.
    ``labels`` maps a column to its header (message key, ``{"nb", "en"}`` dict or text).
    ``values`` maps a column to a translation of its values (``{raw: key-or-dict}``, a message-key
    prefix, or a function). The index is shown only with ``index=True`` (its name and values
    are translated like a column of that name).

    Example:
        >>> learner_table({"cost": 107063.15}, formats={"cost": "money"}, lang="en").frame.iloc[0, 0]
        'NOK 107,063'
    """
    import pandas as pd

    code = resolve_language(lang)
    if isinstance(data, Mapping):
        frame = pd.DataFrame([dict(data)])
    elif isinstance(data, pd.Series):
        frame = data.to_frame().T if data.name is None else data.to_frame()
    elif isinstance(data, pd.DataFrame):
        frame = data
    else:
        raise ValueError(f"learner_table takes a DataFrame, a Series or a dict, got {type(data).__name__}")
    formats, labels, values = dict(formats or {}), dict(labels or {}), dict(values or {})
    shown = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        series = frame[column]
        if column in values:
            series = series.map(_value_mapper(values[column], code))
        fmt = cell_formatter(formats.get(column, _default_format(frame[column])), code)
        shown[_label(labels.get(column, column), code)] = [fmt(v) for v in series]
    if index:
        name = frame.index.name
        mapper = _value_mapper(values[name], code) if name in values else (lambda v: v)
        fmt = cell_formatter(formats.get(name, "text"), code) if name else str
        shown.index = [fmt(mapper(v)) for v in frame.index]
        shown.index.name = _label(labels.get(name, name), code) if name else None
    else:
        shown = shown.reset_index(drop=True)
    return LearnerTable(shown, index=index, caption=_label(caption, code) if caption is not None else None,
                        lang=code)
