"""`make hub` start checks: one clear sentence per problem, never a traceback."""
import os
import shutil
import tempfile
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from course_lib import hub
from tests.support import free_port

REPO = Path(__file__).resolve().parent.parent


def _ports():
    return free_port(), free_port(), free_port()


def test_all_clear_on_free_ports_as_root_with_the_proxy(monkeypatch, english):
    monkeypatch.setattr(hub.os, "geteuid", lambda: 0)
    env = hub.learner_env()
    if not (env / "bin" / "jupyterhub-singleuser").exists():
        pytest.skip("learners' environment not built (bash scripts/hub-env)")
    assert hub.preflight("127.0.0.1", *_ports(), "long-enough", proxy="/usr/bin/true") == []


def test_busy_port_is_named(monkeypatch, english):
    monkeypatch.setattr(hub.os, "geteuid", lambda: 0)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        busy = s.getsockname()[1]
        problems = hub.preflight("127.0.0.1", busy, free_port(), free_port(), None, proxy="/usr/bin/true")
    assert any(f"Port {busy} on 127.0.0.1 is already in use (JupyterHub)" in p for p in problems)


def test_missing_proxy_not_root_and_short_password(monkeypatch, english):
    monkeypatch.setattr(hub.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(hub.shutil, "which", lambda name: None)
    problems = " ".join(hub.preflight("127.0.0.1", *_ports(), "short"))
    assert "must be started as root" in problems
    assert "configurable-http-proxy is missing" in problems and "scripts/ensure-proxy" in problems
    assert "at least 8 characters, got 5" in problems


def test_environment_other_users_cannot_reach(monkeypatch, english):
    monkeypatch.setattr(hub.os, "geteuid", lambda: 0)
    tmp_path = Path(tempfile.mkdtemp())
    private = tmp_path / "private"
    (private / "bin").mkdir(parents=True)
    env = tmp_path / "env"
    (env / "bin").mkdir(parents=True)
    (private / "bin" / "python3").write_text("")
    (env / "bin" / "python").symlink_to(private / "bin" / "python3")
    (env / "bin" / "jupyterhub-singleuser").write_text("")
    os.chmod(tmp_path, 0o755)
    os.chmod(private, 0o700)
    problems = hub.preflight("127.0.0.1", *_ports(), None, prefix=env, proxy="/usr/bin/true")
    assert problems == [hub.t("hub.start.env_unreadable", path=str(env), folder=str(private))]
    missing = hub.preflight("127.0.0.1", *_ports(), None, prefix=tmp_path / "none", proxy="/usr/bin/true")
    assert "scripts/hub-env" in missing[0]
    shutil.rmtree(tmp_path)


def test_start_command_with_a_busy_port_exits_with_a_message(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        busy = s.getsockname()[1]
        out = subprocess.run([sys.executable, "-m", "course_lib.hub", "start", "--port", str(busy),
                              "--api-port", str(free_port()), "--hub-port", str(free_port()),
                              "--state", str(tmp_path / "state")],
                             capture_output=True, text=True, timeout=60, cwd=REPO,
                             env=dict(os.environ, COURSE_LANG="en"))
    assert out.returncode == 2
    assert f"Port {busy} on 127.0.0.1 is already in use" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    assert not (tmp_path / "state").exists()  # nothing started, nothing written


def test_start_script_passes_options_and_reports_a_busy_port(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        busy = s.getsockname()[1]
        out = subprocess.run(["bash", str(REPO / "deploy" / "hub" / "start"), "--port", str(free_port()),
                              "--api-port", str(busy), "--state", str(tmp_path / "s")],
                             capture_output=True, text=True, timeout=60,
                             env={"PATH": "/usr/bin:/bin", "COURSE_LANG": "nb", "HOME": str(tmp_path)})
    assert out.returncode == 2
    assert f"Port {busy} på 127.0.0.1 er allerede i bruk (proxy API)" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give folders to another uid")
def test_progress_folder_not_writable_is_explained(tmp_path, english):
    os.chmod(tmp_path, 0o755)
    owned = tmp_path / "mine"
    owned.mkdir()
    os.chown(owned, 54321, 54321)
    assert hub.progress_dir_problem(owned / "sub" / "dir", 54321, 54321, "kari") is None
    root_only = tmp_path / "root"
    root_only.mkdir(mode=0o755)
    message = hub.progress_dir_problem(root_only / "progress", 54321, 54321, "kari")
    assert message.startswith(f"The folder for saved answers, {root_only / 'progress'}, is not writable for kari")
    assert "mode drwxr-xr-x" in message
