"""Reset a module's answers with a backup, and restore them."""
import os
import subprocess
import sys

import pytest

from course_lib import progress_backup as pb


def fill(store):
    store.record_attempt("incentives.threshold", "b", True)
    store.record_attempt("agency.moral_hazard", ["a", "c"], False)
    store.save_reflection("incentives.reflection", "Terskelen bør ligge lavt.")
    store.put("plans", "Min plan", {"quota": 1_000_000, "threshold": 0.6})
    store.record_attempt("delegation.parity", "a", True)
    store.put("profiles", "Kari", {"incentive": 5.0})
    store.put("classroom", "participant", "p-0123456789abcdef")


def test_reset_then_restore_gives_back_the_same_answers(store):
    fill(store)
    before = store.load()
    path, count = pb.reset(store, "3")
    assert count == 4 and path.exists()
    after = store.load()
    assert "incentives.threshold" not in after["answers"] and "agency.moral_hazard" not in after["answers"]
    assert "incentives.reflection" not in after["reflections"] and "plans" not in after["sections"]
    assert after["answers"]["delegation.parity"] == before["answers"]["delegation.parity"]
    assert after["sections"]["profiles"] == before["sections"]["profiles"]
    assert after["sections"]["classroom"] == before["sections"]["classroom"]
    _, module, n = pb.restore(store)
    assert (module, n) == ("03", 4)
    assert store.load() == before


def test_reset_module_without_answers_and_unknown_module(store, english):
    fill(store)
    assert pb.reset(store, "05") == (None, 0)
    with pytest.raises(ValueError, match="Allowed modules: 00"):
        pb.module_id("9")
    with pytest.raises(ValueError, match="no backup"):
        pb.restore(store)


def test_restore_a_named_backup(store):
    fill(store)
    first, _ = pb.reset(store, "04")
    store.record_attempt("delegation.parity", "c", False)
    pb.reset(store, "04")
    pb.restore(store, first.name)
    assert store.answers()["delegation.parity"]["last"] == "a"
    with pytest.raises(ValueError):
        pb.restore(store, "nope.json")


def test_cli_reset_and_restore(tmp_path, store):
    fill(store)
    before = store.load()
    env = dict(os.environ, COURSE_LANG="en", COURSE_PROGRESS_DIR=str(store.directory))
    cmd = [sys.executable, "-m", "course_lib.cli", "progress"]
    res = subprocess.run(cmd + ["reset", "01"], capture_output=True, text=True, env=env)
    assert res.returncode == 0 and "Module 01: 1 saved answers were reset" in res.stdout, res.stderr
    assert "profiles" not in store.load()["sections"]
    res = subprocess.run(cmd + ["restore"], capture_output=True, text=True, env=env)
    assert res.returncode == 0 and "Restored 1 saved answers for module 01" in res.stdout
    assert store.load() == before
    res = subprocess.run(cmd + ["reset", "42"], capture_output=True, text=True, env=env)
    assert res.returncode == 1 and "Unknown module" in res.stderr
    res = subprocess.run(cmd + ["reset"], capture_output=True, text=True, env=env)
    assert res.returncode == 1 and "Say which module" in res.stderr
