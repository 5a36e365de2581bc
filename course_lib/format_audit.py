"""Find numbers written the English way in Norwegian text, notebook outputs and figures.

The Norwegian course writes ``1 200 000 kr``, ``12,5 %`` and ``0,5``; the English one
``NOK 1,200,000``, ``12.5%`` and ``0.5``. A number in English format on a Norwegian page is a bug
(see issue 8). This module finds them:

* :func:`english_numbers` scans a piece of text;
* :func:`output_texts` pulls the learner-visible text out of a notebook cell's outputs;
* :func:`figure_problems` and :func:`audit_figure` check every text drawn in a Matplotlib figure.

What counts as English-formatted:

* a decimal point between digits: ``0.5``, ``1.014613``, ``0.6299999999999999``, ``12.5%``, and
  numpy's trailing point (``array([13000., 26000.])``);
* commas grouping thousands: ``1,200``, ``43,345,000`` (but ``0,345`` is a Norwegian decimal);
* a percent sign glued to the number: ``12%`` (bokmål writes ``12 %``);
* the English currency prefix: ``NOK 1 200``.

What does not: version strings and other dotted runs with three or more parts (``3.11.2``,
``127.0.0.1``), Norwegian dates (``01.12.2026``), clock times after *kl.* (``kl. 20.30``), digits glued
to letters (``v1.2``, ``py3.11``, ``S01.csv``), identifiers (``start.position``), file paths and
line references in tracebacks (``file.py:12``).

Example:
    >>> english_numbers("Måloppnåelse 1.014613, salg 43,345,000 og 12.5%")
    ['1.014613', '43,345,000', '12.5%']
    >>> english_numbers("Måloppnåelse 101,5 %, salg 43 345 000 kr, Python 3.11.2")
    []
"""
from __future__ import annotations

import html
import os
import re
from typing import Any, Iterable, Mapping

__all__ = ["english_numbers", "html_text", "output_texts", "output_problems", "figure_texts",
           "figure_problems", "audit_figure", "audit_enabled", "is_norwegian_notebook", "skipped", "audited_notebook"]

# A run of digits with dots or commas between digit groups, or a percent sign glued on, or "NOK" before.
# The look-behind keeps us out of words and longer numbers (v1.2, S01.5, x86.64, 1.2.3 parts).
_CANDIDATE = re.compile(
    r"(?<![\w.,])"                              # not glued to a word or another number
    r"(?P<num>\d+(?:[.,]\d+)*(?:[eE][+-]?\d+)?)"  # 12, 0.5, 1,200, 43,345,000, 3.11.2, 1.5e-05
    r"(?P<pct>%)?"                              # 12.5%
    r"(?![\w]|[.,]\d)",                         # not followed by a letter or more digits
)
_TRAILING_POINT = re.compile(r"(?<![\w.,])\d+\.(?=,|\])")   # numpy's 13000. in array([13000., 26000.])
_NOK = re.compile(r"\bNOK\s?[−-]?\d(?:[\d,.]|[ \u00a0\u202f](?=\d{3}))*")
# Names that contain a version-like number and are not amounts.
NAMES = ("Management 3.0", "Web 2.0", "Industri 4.0", "Industry 4.0")
_NAMES = re.compile("|".join(re.escape(name) for name in NAMES))
_CLOCK = re.compile(r"\bkl\.?\s*$", re.IGNORECASE)          # "kl. 20.30" is a Norwegian clock time
_PATH_TAIL = re.compile(r"[/\\][\w.\-]*$")                  # inside a file path


def english_numbers(text: str) -> list[str]:
    """English-formatted numbers in ``text``, in order of appearance (empty list when none).

    Args:
        text: plain text (strip HTML first with :func:`html_text`).

    Returns:
        The offending pieces of text, e.g. ``['0.5', '1,200', '12%']``.

    Example:
        >>> english_numbers("r = 0.5 og r = 0,5; 1,200 selgere; 0,345; 12%; 12 %; NOK 1 200")
        ['0.5', '1,200', '12%', 'NOK 1 200']
        >>> english_numbers("array([13000., 26000.]) og 1.5e-05")
        ['13000.', '26000.', '1.5e-05']
        >>> english_numbers("kl. 20.30, 01.12.2026, versjon 8.1.5, start.position, v1.2, Management 3.0")
        []
    """
    if not isinstance(text, str) or not text:
        return []
    text = _NAMES.sub(lambda m: "#" * len(m.group(0)), text)
    found: list[tuple[int, str]] = []
    nok_spans = []
    for match in _NOK.finditer(text):
        found.append((match.start(), match.group(0).rstrip(".,")))
        nok_spans.append(match.span())
    for match in _TRAILING_POINT.finditer(text):
        found.append((match.start(), match.group(0)))
    for match in _CANDIDATE.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in nok_spans):
            continue
        number, pct = match.group("num"), match.group("pct")
        if _is_english(number, pct, text[:start]):
            found.append((start, number + (pct or "")))
    return [piece for _, piece in sorted(found)]


def _is_english(number: str, pct: str | None, before: str) -> bool:
    if _PATH_TAIL.search(before):
        return False
    mantissa = re.split(r"[eE]", number)[0]
    if mantissa != number and "," not in mantissa:
        return True                                          # 1.5e-05, 2e+06: Python's notation
    separators = re.findall(r"[.,]", mantissa)
    groups = re.split(r"[.,]", mantissa)
    if not separators:
        # a bare integer: English only when a percent sign is glued to it (12%)
        return bool(pct)
    if len(set(separators)) > 1:
        return True                                          # 1,234.5 mixes both marks
    mark = separators[0]
    if mark == ".":
        if len(groups) >= 3:
            return False                                     # 3.11.2, 127.0.0.1, 01.12.2026: not a number
        if _CLOCK.search(before):
            return False                                     # kl. 20.30
        return True                                          # 0.5, 1.014613, 12.5%
    # commas only
    if len(groups) == 2:
        # 1,200 (English thousands) vs 0,345 or 1,5 (Norwegian decimal): three digits after a
        # non-zero lead that is 1-3 digits long read as thousands.
        head, tail = groups
        return len(tail) == 3 and not head.startswith("0") and len(head) <= 3 and not pct
    # three or more groups: 43,345,000 is thousands when every later group has three digits
    return len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


# --------------------------------------------------------------------------- notebook outputs

_DROP_BLOCKS = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def html_text(markup: str) -> str:
    """The visible text of an HTML fragment: tags, scripts, styles and attributes removed.

    Example:
        >>> html_text("<div style='font-size:1.1em'>12,5&nbsp;%</div>")
        '12,5\\xa0%'
    """
    text = _DROP_BLOCKS.sub(" ", markup)
    text = _TAG.sub(" ", text)
    return html.unescape(text).strip()


_WIDGET = "application/vnd.jupyter.widget-view+json"


def output_texts(outputs: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """The learner-visible text of a code cell's outputs as ``(kind, text)`` pairs.

    Kinds: ``text/html`` (tags removed), ``text/plain``, ``stream``, ``error``. The plain-text
    fallback of a widget or an image is skipped: the learner sees the widget or the picture, not
    ``VBox(...)`` or ``<Figure size ...>``. For an error only the message is taken, not the traceback.

    Example:
        >>> output_texts([{"output_type": "stream", "name": "stdout", "text": "0.5\\n"}])
        [('stream', '0.5\\n')]
    """
    pieces: list[tuple[str, str]] = []
    for out in outputs or ():
        kind = out.get("output_type")
        if kind == "stream":
            pieces.append(("stream", _ANSI.sub("", _join(out.get("text", "")))))
        elif kind == "error":
            pieces.append(("error", _ANSI.sub("", f"{out.get('ename', '')}: {out.get('evalue', '')}")))
        elif kind in ("display_data", "execute_result"):
            data = out.get("data") or {}
            if "text/html" in data:
                pieces.append(("text/html", html_text(_join(data["text/html"]))))
            if "text/markdown" in data:
                pieces.append(("text/markdown", _join(data["text/markdown"])))
            if "text/plain" in data and not (_WIDGET in data or any(k.startswith("image/") for k in data)):
                pieces.append(("text/plain", _join(data["text/plain"])))
    return pieces


def _join(value: Any) -> str:
    return "".join(value) if isinstance(value, (list, tuple)) else str(value)


def output_problems(outputs: Iterable[Mapping[str, Any]], limit: int = 12) -> list[str]:
    """English-formatted numbers in a cell's outputs, one line per kind of output, each number once
    and at most ``limit`` of them (empty list when clean).

    Example:
        >>> output_problems([{"output_type": "execute_result", "data": {"text/plain": "attainment 1.014613 0.5 0.5"}}])
        ['text/plain: 1.014613, 0.5']
    """
    problems = []
    for kind, text in output_texts(outputs):
        pieces = list(dict.fromkeys(english_numbers(text)))
        if pieces:
            more = f" (and {len(pieces) - limit} more)" if len(pieces) > limit else ""
            problems.append(f"{kind}: {', '.join(pieces[:limit])}{more}")
    return problems


def executed_notebook_problems(notebook: Mapping[str, Any], path, numbers: bool = True) -> list[str]:
    """What nbval's hooks would fail in an executed notebook (a dict as saved by JupyterLab).

    One line per problem: no cell executed at all, an error output, and, when ``numbers`` is true
    and ``path`` is an audited Norwegian notebook, English-formatted numbers in a cell's outputs.
    The browser tests use it on the module notebooks they run, which nbval then need not run again.

    Example:
        >>> cell = {"cell_type": "code", "execution_count": 1, "outputs": [
        ...     {"output_type": "stream", "name": "stdout", "text": "12.5%"}]}
        >>> executed_notebook_problems({"cells": [cell]}, "notebooks/nb/x.ipynb")
        ['notebooks/nb/x.ipynb code cell 1: stream: 12.5%']
        >>> executed_notebook_problems({"cells": [cell]}, "notebooks/en/x.ipynb")
        []
    """
    code_cells = [c for c in notebook.get("cells", []) if c.get("cell_type") == "code"]
    if code_cells and not any(c.get("outputs") or c.get("execution_count") for c in code_cells):
        return [f"{path}: no cell was executed (was the notebook saved after running?)"]
    audit = numbers and audited_notebook(path)
    problems = []
    for number, cell in enumerate(code_cells, start=1):
        outputs = cell.get("outputs", [])
        for output in outputs:
            if output.get("output_type") == "error":
                problems.append(f"{path} code cell {number}: {output.get('ename')}: {output.get('evalue')}")
        if audit:
            problems += [f"{path} code cell {number}: {p}" for p in output_problems(outputs)]
    return problems


# --------------------------------------------------------------------------- which notebooks


def is_norwegian_notebook(path) -> bool:
    """True for a notebook under ``notebooks/nb/`` or under an ``nb`` folder inside ``exercises/``.

    Example:
        >>> is_norwegian_notebook("notebooks/nb/00_start_here.ipynb"), is_norwegian_notebook("exercises/solutions/nb/x.ipynb")
        (True, True)
        >>> is_norwegian_notebook("notebooks/en/00_start_here.ipynb")
        False
    """
    parts = str(path).replace("\\", "/").split("/")
    if not parts[-1].endswith(".ipynb"):
        return False
    folders = parts[:-1]
    for i, folder in enumerate(folders):
        if folder == "notebooks" and folders[i + 1:i + 2] == ["nb"]:
            return True
        if folder == "exercises" and "nb" in folders[i + 1:]:
            return True
    return False


def skipped(path, skip: str | None = None) -> bool:
    """True when ``path`` is named in the comma-separated ``skip`` list (default: ``COURSE_AUDIT_SKIP``).

    An entry matches a notebook's file name (``01_motivation.ipynb``), its stem (``01_motivation``)
    or the end of its path (``exercises/nb/01_motivation.ipynb``).

    Example:
        >>> skipped("notebooks/nb/01_motivation.ipynb", "01_motivation, 03_bonus_system.ipynb")
        True
        >>> skipped("exercises/nb/01_motivation.ipynb", "notebooks/nb/01_motivation.ipynb")
        False
    """
    text = os.environ.get("COURSE_AUDIT_SKIP", "") if skip is None else skip
    entries = [e.strip().replace("\\", "/") for e in text.split(",") if e.strip()]
    posix = str(path).replace("\\", "/")
    name = posix.rsplit("/", 1)[-1]
    stem = name[:-len(".ipynb")] if name.endswith(".ipynb") else name
    return any(e in (name, stem) or posix.endswith("/" + e) or posix == e for e in entries)


def audited_notebook(path, skip: str | None = None) -> bool:
    """True when the outputs of the notebook at ``path`` must be free of English-formatted numbers.

    Example:
        >>> audited_notebook("notebooks/nb/00_start_here.ipynb", skip="")
        True
        >>> audited_notebook("notebooks/nb/01_motivation.ipynb", skip="01_motivation")
        False
    """
    return is_norwegian_notebook(path) and not skipped(path, skip)


# --------------------------------------------------------------------------- figures


def figure_texts(fig, draw: bool = True) -> list[tuple[str, str]]:
    """Every visible text in a Matplotlib figure as ``(where, text)``: titles, axis labels, tick
    labels, legends, annotations and figure-level texts.

    The figure is drawn first without rendering (``draw=True``) so tick labels hold their final
    text; pass ``draw=False`` right after ``savefig``, which has drawn it already.
    """
    from matplotlib.text import Text

    if draw:
        fig.draw_without_rendering()
    seen: set[int] = set()
    pieces: list[tuple[str, str]] = []

    def add(where: str, artist) -> None:
        if id(artist) in seen:
            return
        seen.add(id(artist))
        text = artist.get_text() if artist.get_visible() else ""
        if text and text.strip():
            pieces.append((where, text))

    for number, ax in enumerate(fig.axes):
        prefix = f"axes {number}"
        shown = ax.get_visible() and ax.axison
        for axis_name in ("xaxis", "yaxis", "zaxis"):
            axis = getattr(ax, axis_name, None)
            if axis is None:
                continue
            if shown and axis.get_visible():
                for label in axis.get_ticklabels(which="both"):
                    add(f"{prefix} {axis_name[0]} tick", label)
                add(f"{prefix} {axis_name[0]} label", axis.label)
                add(f"{prefix} {axis_name[0]} offset", axis.get_offset_text())
            # everything else the axis holds is not drawn (unused ticks keep stale labels)
            seen.update(id(artist) for artist in axis.findobj(Text))
        if not ax.get_visible():
            seen.update(id(artist) for artist in ax.findobj(Text))
    for artist in fig.findobj(Text):
        add("text", artist)
    return pieces


def figure_problems(fig, draw: bool = True) -> list[str]:
    """English-formatted numbers drawn in ``fig``, as ``"<where>: <text> -> <numbers>"``.

    Example:
        >>> from matplotlib.figure import Figure
        >>> fig = Figure(); ax = fig.add_subplot(); _ = ax.plot([0, 0.5], [0, 1])
        >>> any("tick" in p for p in figure_problems(fig))
        True
    """
    problems = []
    for where, text in figure_texts(fig, draw=draw):
        numbers = english_numbers(text)
        if numbers:
            problems.append(f"{where}: {text!r} -> {', '.join(numbers)}")
    return problems


def audit_enabled() -> bool:
    """True when the environment asks for the audit (``COURSE_AUDIT_NUMBERS=1``)."""
    return os.environ.get("COURSE_AUDIT_NUMBERS", "").strip().lower() in ("1", "true", "yes", "on")


def audit_figure(fig, draw: bool = True) -> None:
    """Raise ``AssertionError`` listing the English-formatted numbers in ``fig`` when the current
    language is Norwegian; do nothing in English or when the figure is clean.

    Called from ``plots.style.to_png`` when ``COURSE_AUDIT_NUMBERS=1`` (the test suite sets it).

    Example:
        >>> from matplotlib.figure import Figure
        >>> from course_lib import set_language
        >>> set_language("en")
        >>> fig = Figure(); ax = fig.add_subplot(); _ = ax.plot([0, 0.5], [0, 1])
        >>> audit_figure(fig) is None
        True
    """
    from .i18n import get_language

    if get_language() != "nb":
        return
    problems = figure_problems(fig, draw=draw)
    if problems:
        raise AssertionError("English-formatted numbers in a Norwegian figure:\n  " + "\n  ".join(problems))
