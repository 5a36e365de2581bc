"""The progress store: saving, concurrency, crashes and corrupt files."""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import warnings

import pytest

from course_lib import progress
from course_lib.progress import ProgressStore


def test_store_lives_in_course_progress_dir(tmp_path, monkeypatch):
    """Does COURSE_PROGRESS_DIR decide where the file is?"""
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path / "x"))
    assert progress.get_store().path == tmp_path / "x" / "progress.json"


def test_default_directory_is_the_user_data_dir(monkeypatch):
    monkeypatch.delenv("COURSE_PROGRESS_DIR")
    path = str(progress.default_directory())
    assert "motiver-salgssjefen" in path


def test_attempts_and_reflections_survive_a_new_store(tmp_path):
    """Are answers still there for a new store object (as after a kernel restart)?"""
    store = ProgressStore(tmp_path)
    store.record_attempt("start.position", "a", False)
    store.record_attempt("start.position", "b", True)
    store.save_reflection("start.reflection", "Hun trenger myndighet.")
    store.put("plans", "mine", {"quota": 400000})
    again = ProgressStore(tmp_path)
    record = again.answers()["start.position"]
    assert [a["answer"] for a in record["attempts"]] == ["a", "b"]
    assert record["correct"] is True and record["last"] == "b"
    assert again.reflection("start.reflection") == "Hun trenger myndighet."
    assert again.get("plans", "mine") == {"quota": 400000}
    assert again.get("plans", "other", "none") == "none"


def test_a_later_wrong_attempt_keeps_done(tmp_path):
    store = ProgressStore(tmp_path)
    store.record_attempt("q.x", "b", True)
    store.record_attempt("q.x", "a", False)
    assert store.answers()["q.x"]["done"] is True


def test_corrupt_file_is_moved_aside_with_a_warning(tmp_path):
    """Is a damaged file kept aside (not overwritten) and a fresh store started?"""
    store = ProgressStore(tmp_path)
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text('{"answers": {"q.x": ', encoding="utf-8")
    with pytest.warns(UserWarning, match="corrupt-"):
        assert store.answers() == {}
    aside = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text() == '{"answers": {"q.x": '
    store.record_attempt("q.y", 1, True)
    assert json.loads(store.path.read_text())["answers"]["q.y"]["last"] == 1


def test_corrupt_warning_speaks_the_learner_language(tmp_path):
    import course_lib
    course_lib.set_language("en")
    store = ProgressStore(tmp_path)
    store.path.write_text("[1, 2", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        store.load()
    assert "could not be read" in str(caught[0].message)


def test_a_failed_write_leaves_the_previous_file(tmp_path, monkeypatch):
    """If writing fails half-way, is the old file untouched and no temp file left?"""
    store = ProgressStore(tmp_path)
    store.record_attempt("q.a", 1, True)
    before = store.path.read_bytes()

    def broken_dump(obj, fh, **kw):
        fh.write('{"half": ')
        raise OSError("disk full")

    monkeypatch.setattr(progress.json, "dump", broken_dump)
    with pytest.raises(progress.ProgressError, match="disk full|progress"):
        store.record_attempt("q.b", 2, True)
    assert store.path.read_bytes() == before
    assert not list(tmp_path.glob(".progress-*"))


WRITER = textwrap.dedent("""
    import sys
    from course_lib.progress import ProgressStore
    store = ProgressStore(sys.argv[1])
    for i in range(int(sys.argv[3])):
        store.record_attempt(f"{sys.argv[2]}.q{i}", i, True)
""")


def test_two_processes_saving_at_once_lose_nothing(tmp_path):
    """Two processes each save 100 answers to one store at the same time: are all 200 there?"""
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name, "100"])
             for name in ("one", "two")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    answers = ProgressStore(tmp_path).answers()
    assert len(answers) == 200
    assert {k.split(".")[0] for k in answers} == {"one", "two"}


SLOW_WRITER = textwrap.dedent("""
    import sys, time, json
    from course_lib import progress
    store = progress.ProgressStore(sys.argv[1])
    real_dump = json.dump
    def slow_dump(obj, fh, **kw):
        fh.write('{"partial": ')
        fh.flush()
        print("writing", flush=True)
        time.sleep(30)
    progress.json.dump = slow_dump
    store.record_attempt("q.new", 2, True)
""")


def test_process_killed_mid_save_leaves_previous_file(tmp_path):
    """A process killed in the middle of a save: is the previous file intact and readable?"""
    store = ProgressStore(tmp_path)
    store.record_attempt("q.old", 1, True)
    before = store.path.read_bytes()
    proc = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert store.path.read_bytes() == before
    assert ProgressStore(tmp_path).answers()["q.old"]["last"] == 1
    # the lock was released with the dead process: saving works again
    start = time.monotonic()
    store.record_attempt("q.after", 3, True)
    assert time.monotonic() - start < 5
    assert set(store.answers()) == {"q.old", "q.after"}
