"""What can be checked here of the deployments: the hub config, its authenticator, the image, z2jh."""
import asyncio
import re
import sys
from pathlib import Path

import pytest
import yaml

from course_lib import hub

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"


def _bytes(size: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT]i?)?", str(size))
    assert m, size
    unit = {"K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}
    return int(float(m.group(1)) * unit.get(m.group(2), 1))


# --------------------------------------------------------------------------- Zero to JupyterHub
def test_z2jh_values_name_the_image_limits_storage_and_culling():
    values = yaml.safe_load((DEPLOY / "z2jh" / "config.yaml").read_text())
    single = values["singleuser"]
    assert single["image"]["name"].endswith("/motiver-salgssjefen") and single["image"]["tag"]
    guarantee, limit = _bytes(single["memory"]["guarantee"]), _bytes(single["memory"]["limit"])
    # measured: server ~160 MB + 170-180 MB per kernel; two notebooks open ~510 MB
    assert 500e6 <= guarantee <= limit and limit >= 2 * 336e6
    assert _bytes(single["storage"]["capacity"]) >= 2**30
    assert single["extraEnv"]["PYTHONPATH"] == f"/home/jovyan/{hub.TARGET}"
    assert single["startTimeout"] >= 300
    assert values["cull"]["enabled"] is True and 600 <= values["cull"]["timeout"] <= 4 * 3600
    config = values["hub"]["config"]
    assert config["JupyterHub"]["authenticator_class"] != "dummy"
    assert len(config["SharedPasswordAuthenticator"]["user_password"]) >= 8


# --------------------------------------------------------------------------- the image
def test_image_installs_exactly_the_lock_on_a_pinned_base():
    text = (DEPLOY / "image" / "Dockerfile").read_text()
    base = re.search(r"^FROM\s+(\S+)", text, re.M).group(1)
    assert base.startswith("quay.io/jupyter/") and re.search(r":\d{4}-\d{2}-\d{2}$", base), base
    assert re.search(r"^COPY .*requirements\.lock", text, re.M)
    assert re.search(r"pip install [^\n]*-r /tmp/course/requirements\.lock", text)
    assert "--no-deps /tmp/course" in text  # the course itself adds no unlocked packages
    assert f"PYTHONPATH=/home/jovyan/{hub.TARGET}" in text
    assert "share/motiver-salgssjefen/requirements.lock" in text  # what the version check compares
    lock = (REPO / "requirements.lock").read_text()
    assert "--python-version 3.11" in lock  # the base image's Python is 3.11 too
    for pin in ("jupyterhub==6.1.1", "nbgitpuller==1.3.0"):
        assert pin in lock


def test_z2jh_image_is_the_one_the_dockerfile_documents():
    values = yaml.safe_load((DEPLOY / "z2jh" / "config.yaml").read_text())
    image = f"{values['singleuser']['image']['name']}:{values['singleuser']['image']['tag']}"
    assert image in (DEPLOY / "image" / "Dockerfile").read_text()


# --------------------------------------------------------------------------- the one-machine hub
@pytest.fixture
def config(tmp_path, monkeypatch):
    from traitlets.config import Config

    monkeypatch.setenv("COURSE_HUB_STATE", str(tmp_path / "state"))
    monkeypatch.setenv("COURSE_HUB_PORT", "18123")
    monkeypatch.delenv("COURSE_HUB_IP", raising=False)
    monkeypatch.delenv("COURSE_HUB_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "path", list(sys.path))
    c = Config()
    path = DEPLOY / "hub" / "jupyterhub_config.py"
    exec(compile(path.read_text(), str(path), "exec"), {"get_config": lambda: c, "__file__": str(path)})
    return c


def test_hub_config_isolates_learners_and_starts_a_class_reliably(config, tmp_path):
    c = config
    assert c.JupyterHub.ip == "127.0.0.1" and c.JupyterHub.port == 18123
    assert c.JupyterHub.hub_ip == "127.0.0.1"
    assert c.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:18124"
    assert c.JupyterHub.spawner_class == "jupyterhub.spawner.LocalProcessSpawner"
    assert c.LocalAuthenticator.create_system_users is True
    assert c.JupyterHub.authenticator_class.__name__ == "WorkshopAuthenticator"
    assert c.Authenticator.allow_all is True and c.WorkshopAuthenticator.request_otp is True
    assert c.Spawner.http_timeout >= 300 and c.Spawner.start_timeout >= 300
    # a kernel started mid-class may take over a minute to answer; its connection must not drop
    timeouts = [a.split("=", 1)[1] for a in c.Spawner.args if a.startswith("--MappingKernelManager.kernel_info_timeout=")]
    assert timeouts and float(timeouts[0]) >= 300
    assert str(tmp_path / "state") in c.JupyterHub.db_url
    assert (tmp_path / "state").stat().st_mode & 0o077 == 0  # secrets: root only
    culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
    assert "jupyterhub_idle_culler" in culler["command"] and any(a.startswith("--timeout=") for a in culler["command"])
    assert {"delete:servers", "list:users"} <= set(next(r for r in c.JupyterHub.load_roles
                                                         if r["name"] == "idle-culler")["scopes"])

    class Spawner:
        class user:
            name = "root"

    assert c.Spawner.environment["PYTHONPATH"](Spawner) == f"/root/{hub.TARGET}"


def _auth(tmp_path):
    sys.path.insert(0, str(DEPLOY / "hub"))
    try:
        from workshop_auth import WorkshopAuthenticator
    finally:
        sys.path.remove(str(DEPLOY / "hub"))
    return WorkshopAuthenticator(workshop_password="workshop-2026", state_dir=str(tmp_path),
                                 learner_group="course-learners-test-none")


def _sign_in(auth, name, password, personal):
    return asyncio.run(auth.authenticate(None, {"username": name, "password": password, "otp": personal}))


def test_workshop_password_and_a_personal_password_claimed_at_first_sign_in(tmp_path):
    auth = _auth(tmp_path)
    assert _sign_in(auth, "kari", "workshop-2026", "kari-pin") == {"name": "kari", "admin": False}
    assert _sign_in(auth, "kari", "workshop-2026", "kari-pin")["name"] == "kari"
    # another learner who knows the workshop password cannot take over kari's name
    assert _sign_in(auth, "kari", "workshop-2026", "guess") is None
    # the workshop password is always needed, and a personal password of some length
    assert _sign_in(auth, "ola", "wrong-password", "ola-pin") is None
    assert _sign_in(auth, "ola", "workshop-2026", "") is None
    stored = (tmp_path / "personal-passwords.json").read_text()
    assert "kari-pin" not in stored and (tmp_path / "personal-passwords.json").stat().st_mode & 0o077 == 0


def test_system_accounts_and_odd_names_are_refused(tmp_path):
    auth = _auth(tmp_path)
    for name in ("root", "daemon", "nobody"):  # exist on the machine, not learners
        assert _sign_in(auth, name, "workshop-2026", "pin-1234") is None
    for name in ("Kari Nordmann", "../x", "a", "1abc", "x" * 40):
        assert _sign_in(auth, name, "workshop-2026", "pin-1234") is None


def test_an_empty_workshop_password_accepts_no_one(tmp_path):
    auth = _auth(tmp_path)
    auth.workshop_password = ""
    assert _sign_in(auth, "kari", "", "kari-pin") is None


def test_login_page_labels_both_passwords_and_hides_the_personal_one():
    page = (DEPLOY / "hub" / "templates" / "login.html").read_text()
    assert '{% extends "templates/login.html" %}' in page
    for field in ('name="username"', 'name="password"', 'name="otp"'):
        assert field in page
    assert "Workshop password / Kurspassord" in page and "Navn (små bokstaver)" in page
    otp = page[page.index("{% block otp_input_attrs %}"):]
    assert 'type="password"' in otp
