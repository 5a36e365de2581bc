"""Packaging: pyproject, the lock and environment.yml agree; package data ships."""
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def project_requirements() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    return {_norm(Requirement(r).name): Requirement(r) for r in reqs}


def lock_versions() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if match:
            pins[_norm(match.group(1))] = match.group(2)
    return pins


def environment_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "conda-forge" in env["channels"]
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for item in dep.get("pip", []):
                if item.startswith("-e"):
                    continue
                name, _, version = item.partition("==")
                pins[_norm(name)] = version
        else:
            name, _, version = dep.partition("=")
            pins[_norm(name)] = version.lstrip("=")
    return pins


def test_lock_satisfies_pyproject():
    """Does every dependency in pyproject.toml have a locked version that fits its range?"""
    lock = lock_versions()
    for name, req in project_requirements().items():
        assert name in lock, f"{name} is not in requirements.lock: run `make lock`"
        assert req.specifier.contains(lock[name], prereleases=True), f"{name}=={lock[name]} does not fit {req}"


def test_environment_yml_matches_pyproject_and_lock():
    """Would a Binder or conda user get the same versions as `make lab`?"""
    env = environment_pins()
    lock = lock_versions()
    required = project_requirements()
    for name in required:
        assert name in env, f"{name} is in pyproject.toml but not in environment.yml"
        assert env[name] == lock[name], f"{name}: environment.yml has {env[name]}, the lock has {lock[name]}"
    extra = set(env) - set(required) - {"python", "pip"}
    assert not extra, f"environment.yml has packages pyproject.toml does not: {sorted(extra)}"


def test_drift_would_be_caught(monkeypatch):
    """Would a package missing from environment.yml fail the check above?"""
    real = environment_pins()
    real.pop("pandas")
    monkeypatch.setattr(sys.modules[__name__], "environment_pins", lambda: real)
    with pytest.raises(AssertionError, match="pandas"):
        test_environment_yml_matches_pyproject_and_lock()


@pytest.mark.timeout(300)
def test_wheel_contains_package_data(tmp_path):
    """Does the built wheel carry the case data, the question banks, the schema, the messages and the figure layouts?"""
    uv = Path(sys.executable).with_name("uv")
    if uv.exists():
        command = [str(uv), "build", "--wheel", "-q", "-o", str(tmp_path), str(ROOT)]
    else:
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)]
    subprocess.run(command, check=True, capture_output=True)
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for required in ("course_lib/data/team.csv", "course_lib/banks/schema.json",
                     "course_lib/messages/core.yaml", "course_lib/banks/start.yaml", "course_lib/data/layouts.json"):
        assert required in names, required
    assert not any(n.startswith("tests/") for n in names)
    # an installed course starts from the shipped figure layouts: its files give the same fingerprint
    from course_lib.plots import layout_store

    zipfile.ZipFile(wheel).extractall(tmp_path / "installed")
    assert layout_store.fingerprint(tmp_path / "installed" / "course_lib") == layout_store.fingerprint()
