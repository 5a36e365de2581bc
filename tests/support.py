"""Small helpers for tests that start servers (JupyterLab, Voila, `make lab`), and for grouping them on xdist workers."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing opened port {port} within {timeout} s")


def stop_group(proc: subprocess.Popen, timeout: float = 15) -> None:
    """Stop a process started with ``start_new_session=True`` and everything it started.

    Waits until no process of the group is left, not only ``proc``: the JupyterLab that ``make lab``
    starts outlived ``make`` after SIGTERM now and then and stayed behind as an orphan (three of them
    were found after a day's runs). Whatever is still there after ``timeout`` seconds gets SIGKILL.
    """
    group = proc.pid
    try:
        os.killpg(group, signal.SIGTERM)
    except ProcessLookupError:
        proc.wait(timeout=timeout)
        return
    deadline = time.monotonic() + timeout
    while group_alive(group):
        proc.poll()  # reap our own child, so it does not keep the group alive as a zombie
        if time.monotonic() > deadline:
            try:
                os.killpg(group, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            break
        time.sleep(0.1)
    proc.wait(timeout=timeout)


def group_alive(group: int) -> bool:
    """Whether any process of process group ``group`` still exists."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def grouped_order(items: list, groups: dict, lead: tuple = ()) -> list:
    """``items`` with the tests of one group side by side, where the group's first test was.

    A worker runs what it is given in order; interleaved (``a[nb], a[en], b[nb], b[en]``), the
    tests of one notebook would each run it again, since a worker keeps one notebook page open.
    The groups named in ``lead`` (the longest) come before everything, so no worker waits for one
    of them alone at the end.
    """
    first = {group: rank - len(lead) for rank, group in enumerate(lead)}
    for index, item in enumerate(items):
        first.setdefault(groups.get(item.nodeid, item.nodeid), index)
    position = {item.nodeid: (first[groups.get(item.nodeid, item.nodeid)], index) for index, item in enumerate(items)}
    return sorted(items, key=lambda item: position[item.nodeid])


def apply_groups(config, items: list, groups: dict, lead: tuple = ()) -> None:
    """Put each test of ``groups`` (node id -> group) in its xdist group and keep each group together.

    Orders ``items`` with :func:`grouped_order` (``lead`` first), sets the ``xdist_group`` mark and, under
    ``--dist loadgroup``, appends ``@group`` to the node id itself. pytest-xdist 3.8 does that last
    step by writing ``item._nodeid``, which pytest 9.2 no longer reads (a node's id now comes from
    ``item._id``): without it, no group reached the scheduler and each test went to any worker.
    Call it from a ``pytest_collection_modifyitems`` that runs first (``tryfirst=True``).
    """
    import pytest

    items[:] = grouped_order(items, groups, lead)
    loadgroup = bool(getattr(config.option, "loadgroup", False))
    for item in items:
        group = groups.get(item.nodeid)
        if group is None:
            continue
        item.add_marker(pytest.mark.xdist_group(group))
        if loadgroup and hasattr(item, "_id"):
            from _pytest.nodes import coerce_node_id

            item._id = coerce_node_id(f"{item.nodeid}@{group}")


def walk_widgets(widget):
    """``widget`` and every widget inside it (through ``children``), depth first.

    Example:
        >>> import ipywidgets as w
        >>> inner = w.Label("x")
        >>> [type(x).__name__ for x in walk_widgets(w.VBox([w.HBox([inner])]))]
        ['VBox', 'HBox', 'Label']
    """
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from walk_widgets(child)

