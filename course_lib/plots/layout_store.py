"""Layouts shipped with the course, so a new kernel shows its first figure without the layout solver.

Matplotlib's constrained layout costs 110-280 ms the first time each app's figure is drawn in a
kernel (measured per app, December 2026), a third of building the app. :func:`blit.freeze_cached`
keeps the positions it found for the rest of the kernel's life; this module adds the positions a
fresh kernel finds when it runs the course's notebooks and projector apps, stored in
``course_lib/data/layouts.json`` by ``make layouts`` (``scripts/build_layouts.py``).

The file is used only when it was made from exactly these course files and this matplotlib
(:func:`fingerprint`): after any change to the course it is ignored, every figure is laid out as
before, and ``tests/test_layout_store.py`` asks for ``make layouts``. ``COURSE_SHIPPED_LAYOUTS=0``
turns it off. A damaged or hostile file is ignored too: the figures are then only slower.

Example:
    >>> lookup(("NoSuchChart",)) is None
    True
"""
from __future__ import annotations

import hashlib
import json
import math
import os
from pathlib import Path
from typing import Any, Hashable

PACKAGE = Path(__file__).resolve().parents[1]
STORE_NAME = "data/layouts.json"
STORE = PACKAGE / STORE_NAME
MAX_BYTES = 2_000_000
# what a layout depends on: the code that draws, the texts, the data and content shown (every such
# file is in the wheel too, so an installed course has the same fingerprint: tests/test_packaging.py)
_SUFFIXES = (".py", ".yaml", ".json", ".csv")

_loaded: dict | None = None


def fingerprint(package: Path = PACKAGE) -> str:
    """A hash of every course file a figure's layout can depend on, and of matplotlib's version.

    Example:
        >>> len(fingerprint())
        64
    """
    import matplotlib

    digest = hashlib.sha256(f"matplotlib {matplotlib.__version__}\n".encode())
    for path in sorted(package.rglob("*")):
        name = path.relative_to(package).as_posix()
        if path.suffix in _SUFFIXES and "__pycache__" not in path.parts and name != STORE_NAME and path.is_file():
            digest.update(name.encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def key_text(key: Hashable) -> str:
    """How a layout key is written in the file (keys are tuples of text, numbers and booleans)."""
    return repr(key)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not -10.0 <= value <= 10.0:
        raise ValueError(value)
    return float(value)


def _entry(raw: Any) -> list:
    """One stored layout as ``blit`` keeps it (Bbox objects); ``ValueError`` if it is not well formed."""
    from matplotlib.transforms import Bbox

    if not isinstance(raw, list) or not raw:
        raise ValueError(raw)
    out = []
    for item in raw:
        if not isinstance(item, list) or len(item) != 4:
            raise ValueError(item)
        kind, name, first, second = item
        if kind == "axes" and isinstance(first, list) and isinstance(second, list) and len(first) == len(second) == 4:
            boxes = [Bbox.from_bounds(*[_number(v) for v in box]) for box in (first, second)]
            out.append(("axes", None, *boxes))
        elif kind == "text" and name in ("_suptitle", "_supxlabel", "_supylabel") and isinstance(first, list) \
                and len(first) == 2:
            out.append(("text", name, tuple(_number(v) for v in first), None))
        else:
            raise ValueError(item)
    return out


def _load() -> dict:
    """The shipped layouts by key text, or ``{}`` when the file is missing, stale or not well formed."""
    global _loaded
    if _loaded is None:
        _loaded = {}
        if os.environ.get("COURSE_SHIPPED_LAYOUTS", "1") != "0":
            try:
                if STORE.stat().st_size <= MAX_BYTES:
                    data = json.loads(STORE.read_text(encoding="utf-8"))
                    if isinstance(data, dict) and data.get("fingerprint") == fingerprint() \
                            and isinstance(data.get("layouts"), dict):
                        _loaded = data["layouts"]
            except (OSError, ValueError, RecursionError):  # unreadable, not JSON (or not UTF-8), nested too deep
                pass
    return _loaded


def lookup(key: Hashable) -> list | None:
    """The shipped positions for ``key`` in ``blit``'s form, or ``None``."""
    raw = _load().get(key_text(key))
    if raw is None:
        return None
    try:
        return _entry(raw)
    except (TypeError, ValueError):
        return None


def serialise(positions: list) -> list:
    """``blit``'s positions of one figure as JSON-ready lists (the inverse of :func:`_entry`)."""
    out = []
    for kind, name, first, second in positions:
        if kind == "axes":
            out.append([kind, None, list(first.bounds), list(second.bounds)])
        else:
            out.append([kind, name, list(first), None])
    return out


def write(layouts: dict[str, list], path: Path | None = None) -> None:
    """Write ``layouts`` (key text -> serialised positions) with the current fingerprint, atomically,
    to ``path`` (default: :data:`STORE`)."""
    import matplotlib

    path = STORE if path is None else Path(path)
    data = {"fingerprint": fingerprint(), "matplotlib": matplotlib.__version__,
            "made_by": "make layouts (scripts/build_layouts.py)", "layouts": dict(sorted(layouts.items()))}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def forget() -> None:
    """Read the file again on the next lookup (after ``write``, or in tests)."""
    global _loaded
    _loaded = None
