"""Make a student version of a trainer master notebook.

The master holds solution code between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` (the markers nbgrader and otter use). In the student
version every ``name = expression`` line inside such a block becomes
``name = ...  # YOUR CODE HERE`` (``# DIN KODE HER`` in Norwegian notebooks), so
the notebook still runs top to bottom and the check functions answer "not
answered yet". Other lines in a block are dropped. Markdown between
``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->`` is removed, cells
tagged ``trainer-only`` are removed, and all outputs are cleared.

Example:
    >>> strip_solution("### BEGIN SOLUTION\\nx = 2 * 3\\n### END SOLUTION\\ncheck(x)", "en")
    'x = ...  # YOUR CODE HERE\\ncheck(x)'
"""
from __future__ import annotations

import copy
import re

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
MD_BLOCK = re.compile(r"<!-- BEGIN SOLUTION -->.*?<!-- END SOLUTION -->\n?", re.S)
ASSIGNMENT = re.compile(r"^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=]+)?=(?!=)")
PLACEHOLDER = {"nb": "# DIN KODE HER", "en": "# YOUR CODE HERE"}
TRAINER_TAG = "trainer-only"


class MarkerError(ValueError):
    pass


def strip_solution(source: str, lang: str, where: str = "") -> str:
    """Replace solution blocks in one code cell's source (see the module docstring)."""
    out, inside, names, block_start = [], False, [], 0
    lines = source.split("\n")
    for number, line in enumerate(lines, 1):
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise MarkerError(f"{where}line {number}: {BEGIN} inside another solution block")
            inside, names, block_start = True, [], len(out)
            indent = line[: len(line) - len(line.lstrip())]
            continue
        if marker == END:
            if not inside:
                raise MarkerError(f"{where}line {number}: {END} without {BEGIN}")
            inside = False
            if not names:
                out.insert(block_start, f"{indent}{PLACEHOLDER[lang]}")
            continue
        if inside:
            match = ASSIGNMENT.match(line)
            if match and match.group(1) == indent and match.group(2) not in names:
                names.append(match.group(2))
                out.append(f"{indent}{match.group(2)} = ...  {PLACEHOLDER[lang]}")
            continue
        out.append(line)
    if inside:
        raise MarkerError(f"{where}{BEGIN} has no {END}")
    return "\n".join(out)


def student_notebook(master, lang: str, name: str = "notebook"):
    """A student copy of an ``nbformat`` notebook (the master is not changed)."""
    nb = copy.deepcopy(master)
    cells = []
    for index, cell in enumerate(nb.cells, 1):
        if TRAINER_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type == "code":
            cell.source = strip_solution(cell.source, lang, where=f"{name}, cell {index}: ")
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown":
            cell.source = MD_BLOCK.sub("", cell.source)
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    return nb
