"""Small helpers for tests that start servers (JupyterLab, Voila, `make lab`)."""
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
    """Stop a process started with ``start_new_session=True`` and everything it started."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=timeout)
    except ProcessLookupError:
        pass


def grouped_order(items: list, groups: dict) -> list:
    """``items`` with the tests of one group side by side, where the group's first test was (Voilà's first).

    A worker runs what it is given in order; interleaved (``a[nb], a[en], b[nb], b[en]``), the
    tests of one notebook would each run it again, since a worker keeps one notebook page open.
    """
    first = {"voila": -1}  # the longest group (about 90 s) starts first, so no worker waits for it at the end
    for index, item in enumerate(items):
        first.setdefault(groups.get(item.nodeid, item.nodeid), index)
    position = {item.nodeid: (first[groups.get(item.nodeid, item.nodeid)], index) for index, item in enumerate(items)}
    return sorted(items, key=lambda item: position[item.nodeid])
