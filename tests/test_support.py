"""The test servers' stop helper leaves nothing behind (issue 14: orphaned JupyterLab servers)."""
import subprocess
import time

from support import group_alive, stop_group


def _gone_within(group: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while group_alive(group):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_a_child_that_outlives_its_parent_is_stopped_too():
    # the parent exits on SIGTERM at once; its child ignores SIGTERM, as the server `make lab` started did
    proc = subprocess.Popen(["bash", "-c", "(trap '' TERM; sleep 60) & wait"], start_new_session=True)
    time.sleep(0.5)
    stop_group(proc, timeout=2)
    assert proc.returncode is not None
    assert _gone_within(proc.pid, 10), "a process of the group was left running"


def test_a_group_that_stops_on_sigterm_is_not_killed_or_waited_for():
    proc = subprocess.Popen(["sleep", "60"], start_new_session=True)
    time.sleep(0.2)
    started = time.monotonic()
    stop_group(proc, timeout=15)
    assert proc.returncode == -15 and time.monotonic() - started < 10
