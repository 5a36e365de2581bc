"""Three learners on the real workshop hub at once (the small version of bench_classroom.py).

Starts git daemon, the hub (proxy, authenticator, one Linux user per learner, culler) in their own
process groups on free loopback ports; learner 1 is warmed up with `course hub warm` (REST API)
while every learner signs in over HTTP, starts a server, pulls the course through nbgitpuller's
API, runs module 00 through a kernel and saves answers. Then:
each progress file holds exactly its learner's answers, no kernel can open another learner's
progress file or the hub's secrets, and a second pull after an upstream change keeps a learner's
edited cell and saved answers. Everything is stopped and the Linux users are deleted at the end.
"""
import importlib.util
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench_classroom", REPO / "benchmarks" / "bench_classroom.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.timeout(900)
def test_three_learners_isolated_pull_run_save_and_pull_again():
    bench = _bench()
    start = time.monotonic()
    try:
        report = bench.run(learners=3, modules=("00_start_here",), lang="nb", second_pull=True,
                           timeout=600, log=lambda *a: None)
    except bench.Unavailable as exc:
        pytest.skip(str(exc))
    seconds = time.monotonic() - start
    print(f"3-learner classroom: {seconds:.0f} s; " + ", ".join(
        f"{k} {report.get(k)}" for k in ("hub_start_s", "start_to_ready_s", "pull_s", "kernel_start_s",
                                         "module_s_00_start_here", "class_wall_s", "total_s")))
    assert report["failures"] == []
    assert report["ready"] == 3
    # learner 1 was warmed up by `course hub warm` (REST API) before signing in
    assert report["warm"]["error"] is None and report["warm"]["pull_s"] is not None
    assert report["isolation_checked"] == 3 and report["isolation_leaks"] == 0
    assert report["kernel_transports"] == ["ipc"]  # no TCP ports to race for (deploy/hub/jupyterhub_config.py)
    assert report["second_pull"] == {**report["second_pull"], "ok": True, "edit_kept": True,
                                      "upstream_arrived": True, "answers_kept": True}
    assert report["memory_mb"]["server_per_learner"]["median"] > 50  # the servers were really measured
    assert report["cell_s_00_start_here"]["median"] is not None
    assert report["left_running"] == []  # hub, proxy, culler and git daemon all stopped
