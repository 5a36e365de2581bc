"""The case company's content (``course_lib/content/cases.yaml``) and the team frame's columns.

The company, its regions and people, the column documentation, the sellers' names and the
season factors are data a trainer may adapt (``COURSE_CONTENT_DIR``); this module reads them
through :func:`course_lib.content.load` (validated, cached) and holds what the generator and the
loader share: the canonical column order and dtypes (:func:`make_frame`) and month parsing.

Example:
    >>> list(columns())[:2]
    ['month', 'seller_id']
    >>> parse_month("2025-13") is None
    True
"""
from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from . import content

#: The columns the generator writes and the loader requires, with their kinds; a content file
#: may change the texts of each column but not this structure.
COLUMN_KINDS: dict[str, tuple[str, str]] = {
    "month": ("month", "str"), "seller_id": ("text", "str"), "seller_name": ("text", "str"),
    "region": ("text", "str"), "tenure_months": ("int", "int64"), "quota": ("money", "int64"),
    "new_sales": ("money", "int64"), "renewals": ("money", "int64"), "churned_revenue": ("money", "int64"),
    "customer_satisfaction": ("score", "float64"), "pipeline": ("money", "int64"), "activities": ("int", "int64"),
}
MAX_SELLERS = 24

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def data() -> dict[str, Any]:
    """The whole validated ``cases`` content (shared and cached: do not change it)."""
    return content.load("cases")


def columns() -> dict[str, dict[str, Any]]:
    """Every column of the team data: kind, dtype, unit, allowed range and description (bilingual)."""
    return data()["columns"]


def season(name: str) -> dict[int, float]:
    """A season table by calendar month (1-12): ``"close"`` or ``"activity"``."""
    return {month: float(value) for month, value in enumerate(data()["seasons"][name], start=1)}


def parse_month(text: Any) -> tuple[int, int] | None:
    """``(year, month)`` from ``"YYYY-MM"``, or ``None`` when it is not such a month."""
    match = _MONTH_RE.match(str(text).strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return year, month


def make_frame(values: dict[str, list]) -> pd.DataFrame:
    """Build the team frame with the canonical column order and dtypes (generator and loader)."""
    frame_data = {}
    for name, (_kind, dtype) in COLUMN_KINDS.items():
        column = values[name]
        if dtype == "str":
            frame_data[name] = pd.Series([str(v) for v in column], dtype="str")
        elif dtype == "int64":
            frame_data[name] = pd.Series(np.asarray(column, dtype=float).round().astype("int64"))
        else:
            frame_data[name] = pd.Series(np.asarray(column, dtype="float64"))
    frame = pd.DataFrame(frame_data)
    for name, column in values.items():  # extra columns from a user's file, kept as text
        if name not in COLUMN_KINDS:
            frame[name] = pd.Series([str(v) for v in column], dtype="str")
    return frame


def _cross_check(doc: Any) -> list[tuple[str, str, str]]:
    """What the schema cannot say: the columns are exactly the generator's, with their kinds."""
    problems = []
    found = doc.get("columns", {}) if isinstance(doc, dict) else {}
    for name, (kind, dtype) in COLUMN_KINDS.items():
        spec = found.get(name)
        if spec is None:
            problems.append((f"columns/{name}", "-", f"the column {name} is required (the generator writes it)"))
        elif spec.get("kind") != kind or spec.get("dtype") != dtype:
            problems.append((f"columns/{name}", "kind", f"must be kind {kind} with dtype {dtype}"))
    for name in found:
        if name not in COLUMN_KINDS:
            problems.append((f"columns/{name}", "-", "unknown column; allowed: " + ", ".join(COLUMN_KINDS)))
    return problems


content.register_check("cases", _cross_check)
