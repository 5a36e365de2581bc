"""The progress store under damaged files and unusable folders: nothing lost, a clear message, the course keeps working."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings
from pathlib import Path

import pytest

from course_lib import progress
from course_lib.progress import ProgressError, ProgressStore

GOOD_ANSWER = {"attempts": [{"answer": "b", "correct": True, "time": "2026-01-01T00:00:00+00:00"}],
               "last": "b", "correct": True, "done": True}


def _no_warnings(func):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return func()


def _caught(func):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func()
    return result, [str(w.message) for w in caught]


def test_a_file_with_a_byte_order_mark_is_read(tmp_path):
    """Is JSON saved with a UTF-8 BOM (as some editors do) read, with no warning and nothing moved?"""
    store = ProgressStore(tmp_path)
    data = {"answers": {"start.position": GOOD_ANSWER}, "reflections": {"r.x": {"text": "Æøå"}}, "sections": {}}
    store.path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert _no_warnings(store.answers)["start.position"]["last"] == "b"
    assert store.reflection("r.x") == "Æøå"
    store.record_attempt("start.other", 1, True)
    assert set(store.answers()) == {"start.position", "start.other"}
    assert not list(tmp_path.glob("progress.json.corrupt-*"))


@pytest.mark.parametrize("raw", [b'{"answers": {"q\xff": 1}}', b"\xff\xfe{\x00}\x00", b"\x80" * 10])
def test_bytes_that_are_not_utf8_are_set_aside_with_a_translated_warning(tmp_path, lang, raw):
    """Is a file that is not UTF-8 moved aside (bytes intact) with a warning in the learner's language?"""
    store = ProgressStore(tmp_path)
    store.path.write_bytes(raw)
    answers, messages = _caught(store.answers)
    assert answers == {}
    assert len(messages) == 1 and ("UTF-8" in messages[0])
    assert ("ikke UTF-8" in messages[0]) == (lang == "nb")
    aside = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == raw
    store.record_attempt("start.position", "b", True)  # the course keeps working
    assert _no_warnings(store.answers)["start.position"]["correct"] is True


@pytest.mark.parametrize("text", ["[1, 2]", '"just text"', "42", "null", '{"answers": {"q.x": '])
def test_json_that_is_not_an_object_is_set_aside(tmp_path, text):
    store = ProgressStore(tmp_path)
    store.path.write_text(text, encoding="utf-8")
    answers, messages = _caught(store.answers)
    assert answers == {} and len(messages) == 1 and "corrupt-" in messages[0]
    assert [p.read_text() for p in tmp_path.glob("progress.json.corrupt-*")] == [text]


WRONG_SHAPES = [
    ({"answers": []}, ["answers"]),
    ({"sections": "x"}, ["sections"]),
    ({"reflections": None}, ["reflections"]),
    ({"answers": {"bad.one": 5}}, ["answers/bad.one"]),
    ({"answers": {"bad.one": {"attempts": "x"}}}, ["answers/bad.one"]),
    ({"answers": {"bad.one": {"last": 1}}}, ["answers/bad.one"]),
    ({"reflections": {"bad.r": None}}, ["reflections/bad.r"]),
    ({"reflections": {"bad.r": {"text": 12}}}, ["reflections/bad.r"]),
    ({"sections": {"plans": [1, 2]}}, ["sections/plans"]),
    ({"answers": [], "sections": "x", "reflections": None}, ["answers", "reflections", "sections"]),
]


@pytest.mark.parametrize("damage, dropped", WRONG_SHAPES)
def test_parts_of_the_wrong_shape_are_set_aside_and_sound_parts_kept(tmp_path, monkeypatch, lang, damage, dropped):
    """Valid JSON with a wrong type: are the sound parts kept, a copy saved and the bad part named?"""
    store = ProgressStore(tmp_path)
    data = {"version": 1, "answers": {"start.position": GOOD_ANSWER},
            "reflections": {"start.reflection": {"text": "Behold meg", "time": "t"}},
            "sections": {"plans": {"mine": {"quota": 400000}}}}
    for part, value in damage.items():
        if isinstance(value, dict) and isinstance(data[part], dict) and value:
            data[part] = {**data[part], **value}
        else:
            data[part] = value
    original = json.dumps(data)
    store.path.write_text(original, encoding="utf-8")

    loaded, messages = _caught(store.load)
    assert len(messages) == 1
    assert all(name in messages[0] for name in dropped)
    assert ("kunne ikke brukes" in messages[0]) == (lang == "nb")
    for part in ("answers", "reflections", "sections"):
        assert isinstance(loaded[part], dict)
    if "answers" not in dropped:
        assert loaded["answers"]["start.position"]["last"] == "b"
    if "reflections" not in dropped:
        assert loaded["reflections"]["start.reflection"]["text"] == "Behold meg"
    if "sections" not in dropped and "sections/plans" not in dropped:
        assert loaded["sections"]["plans"]["mine"] == {"quota": 400000}
    aside = list(tmp_path.glob("progress.json.corrupt-*"))
    assert [p.read_text() for p in aside] == [original]  # nothing lost: the whole file is kept aside
    # the repaired file reads cleanly, and every call of the course works on it
    assert _no_warnings(store.load) == loaded
    store.record_attempt("start.position", "a", False)
    store.save_reflection("start.reflection", "ny tekst")
    store.put("plans", "other", {"x": 1})
    from course_lib.cli import main
    from course_lib.portfolio import portfolio
    assert portfolio(store.load(), fmt="md")
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path))
    assert main(["progress", "show"]) == 0
    from course_lib.exercises import quiz
    assert quiz("start.position").control.value == "a"


def test_a_progress_folder_that_is_a_file_gives_a_plain_message_and_quizzes_still_work(tmp_path, monkeypatch, lang):
    """COURSE_PROGRESS_DIR pointing at a file: does the quiz work and the save say where and how to fix it?"""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("I am a file")
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(blocker))
    from course_lib.exercises import quiz

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = quiz("start.position")
        w.control.value = w.question["options"][0]["id"]
        w.check_button.click()
    assert w.verdict is not None and w.feedback.value  # the learner still gets feedback
    assert str(blocker) in w.error.value and "COURSE_PROGRESS_DIR" in w.error.value
    assert "Uventet" not in w.error.value and "Unexpected" not in w.error.value
    assert "FileExistsError" not in w.error.value and "NotADirectoryError" not in w.error.value
    with pytest.raises(ProgressError, match="COURSE_PROGRESS_DIR"):
        progress.get_store().record_attempt("start.position", "a", False)
    assert blocker.read_text() == "I am a file"


def test_progress_json_that_is_a_folder_gives_a_plain_message(tmp_path):
    store = ProgressStore(tmp_path)
    store.path.mkdir()
    answers, messages = _caught(store.answers)
    assert answers == {} and len(messages) == 1 and "progress.json" in messages[0]
    with pytest.raises(ProgressError, match="progress.json"):
        store.record_attempt("q.x", 1, True)


READ_ONLY = textwrap.dedent("""
    import json, sys, warnings
    warnings.simplefilter("ignore")
    import course_lib
    from course_lib.progress import ProgressStore, ProgressError
    from course_lib.exercises import quiz
    results = {}
    for lang in ("nb", "en"):
        course_lib.set_language(lang)
        store = ProgressStore(sys.argv[1])
        out = {"old": store.answers()["start.position"]["last"]}
        try:
            store.record_attempt("start.other", 1, True)
            out["save"] = "saved"
        except ProgressError as exc:
            out["save"] = str(exc)
        w = quiz("start.position")
        out["restored"] = w.control.value
        w.control.value = "a"
        w.check_button.click()
        out["feedback"] = bool(w.feedback.value)
        out["error"] = w.error.value
        results[lang] = out
    print(json.dumps(results))
""")


_OTHER_HOME = None


def _run_as_other_user(args):
    global _OTHER_HOME
    if _OTHER_HOME is None:  # a home (and matplotlib cache) the other user can write
        _OTHER_HOME = tempfile.mkdtemp(prefix="other-home-")
        os.chmod(_OTHER_HOME, 0o777)
    env = {**os.environ, "COURSE_PROGRESS_DIR": args[0], "HOME": _OTHER_HOME, "MPLCONFIGDIR": _OTHER_HOME}
    command = [sys.executable, "-c", READ_ONLY, *args]
    if os.getuid() == 0:  # root ignores file modes: act as an ordinary user
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot make a folder read-only")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, cwd="/", env=env)


def test_a_read_only_folder_keeps_answers_readable_and_says_where_it_tried_to_save():
    """Read-only progress folder: are earlier answers shown, quizzes usable, the save message plain (nb and en)?"""
    folder = Path(tempfile.mkdtemp(prefix="ro-progress-"))
    try:
        ProgressStore(folder).record_attempt("start.position", "b", True)
        for p in folder.iterdir():
            p.chmod(0o644)
        folder.chmod(0o555)
        proc = _run_as_other_user([str(folder)])
        assert proc.returncode == 0, proc.stderr
        results = json.loads(proc.stdout.strip().splitlines()[-1])
        for language, out in results.items():
            assert out["old"] == "b" and out["restored"] == "b" and out["feedback"] is True
            for text in (out["save"], out["error"]):
                assert str(folder) in text and "COURSE_PROGRESS_DIR" in text
                assert "PermissionError" not in text and "Traceback" not in text
            assert ("skrivetilgang" in out["save"]) == (language == "nb")
            assert ("permission" in out["save"]) == (language == "en")
        assert json.loads((folder / "progress.json").read_text())["answers"]["start.position"]["last"] == "b"
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
        if _OTHER_HOME:
            shutil.rmtree(_OTHER_HOME, ignore_errors=True)


HOLDER = textwrap.dedent("""
    import sys, time
    from filelock import FileLock
    lock = FileLock(sys.argv[1])
    lock.acquire()
    print("held", flush=True)
    time.sleep(120)
""")


def test_a_lock_held_by_a_hung_kernel_is_explained(tmp_path, lang):
    """Another process holds the lock: is reading still instant and the save refused with a translated message?"""
    store = ProgressStore(tmp_path, timeout=0.5)
    store.record_attempt("start.position", "b", True)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(store.path) + ".lock"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        start = time.monotonic()
        assert store.answers()["start.position"]["last"] == "b"  # reading is not blocked
        with pytest.raises(ProgressError) as info:
            store.record_attempt("start.other", 1, True)
        assert time.monotonic() - start < 5
        message = str(info.value)
        assert str(store.path) + ".lock" in message and "Timeout" not in message
        assert ("Kernel → Restart" in message) and (("hengt" in message) == (lang == "nb"))
    finally:
        holder.kill()
        holder.wait(timeout=10)
    store.record_attempt("start.other", 1, True)  # once the hung process is gone, saving works
    assert set(store.answers()) == {"start.position", "start.other"}


def test_default_lock_wait_is_short():
    assert progress.LOCK_TIMEOUT <= 15
    assert ProgressStore("/nonexistent-folder-for-test").timeout == progress.LOCK_TIMEOUT


def test_stale_temporaries_are_cleaned_and_fresh_ones_left(tmp_path):
    """Are leftovers of killed writes removed by the next save, but a fresh temporary left alone?"""
    store = ProgressStore(tmp_path)
    store.record_attempt("start.position", "b", True)
    old = tmp_path / ".progress-killed.tmp"
    old.write_text('{"half": ')
    past = time.time() - 3600
    os.utime(old, (past, past))
    fresh = tmp_path / ".progress-writing.tmp"
    fresh.write_text('{"in progress": ')
    other = tmp_path / "notes.tmp"
    other.write_text("mine")
    os.utime(other, (past, past))
    store.record_attempt("start.other", 1, True)
    assert not old.exists() and fresh.exists() and other.exists()
    assert set(store.answers()) == {"start.position", "start.other"}


def test_a_killed_writer_leaves_no_temporary_for_ever(tmp_path):
    """A writer killed mid-save leaves a temporary; is it gone after a later save once it is stale?"""
    store = ProgressStore(tmp_path)
    store.record_attempt("q.old", 1, True)
    code = textwrap.dedent("""
        import sys, time, json, os, signal
        from course_lib import progress
        def slow_dump(obj, fh, **kw):
            fh.write('{"partial": ')
            fh.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        progress.json.dump = slow_dump
        progress.ProgressStore(sys.argv[1]).record_attempt("q.new", 2, True)
    """)
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], timeout=60)
    leftovers = list(tmp_path.glob(".progress-*.tmp"))
    assert len(leftovers) == 1
    past = time.time() - 2 * progress.STALE_SECONDS
    os.utime(leftovers[0], (past, past))
    store.record_attempt("q.after", 3, True)
    assert not list(tmp_path.glob(".progress-*.tmp"))
    assert set(store.answers()) == {"q.old", "q.after"}


def test_a_symlinked_progress_file_is_written_through(tmp_path):
    """progress.json is a link to a file elsewhere: does saving keep the link and update its target?"""
    synced = tmp_path / "synced"
    synced.mkdir()
    real = synced / "my-progress.json"
    real.write_text(json.dumps({"answers": {"start.position": GOOD_ANSWER}}), encoding="utf-8")
    folder = tmp_path / "progress"
    folder.mkdir()
    (folder / "progress.json").symlink_to(real)
    store = ProgressStore(folder)
    store.record_attempt("start.other", 1, True)
    assert (folder / "progress.json").is_symlink()
    saved = json.loads(real.read_text(encoding="utf-8"))
    assert set(saved["answers"]) == {"start.position", "start.other"}
    assert not list(synced.glob(".progress-*.tmp")) and not list(folder.glob(".progress-*.tmp"))


def test_a_damaged_symlinked_file_is_set_aside_beside_its_target(tmp_path):
    synced = tmp_path / "synced"
    synced.mkdir()
    real = synced / "p.json"
    real.write_bytes(b"\xff\xfe")
    (tmp_path / "progress.json").symlink_to(real)
    store = ProgressStore(tmp_path)
    with pytest.warns(UserWarning):
        assert store.answers() == {}
    assert [p.read_bytes() for p in synced.glob("progress.json.corrupt-*")] == [b"\xff\xfe"]


def test_repair_keeps_unknown_top_level_keys():
    data, dropped = progress.repair({"answers": {}, "extra": [1], "version": "x"})
    assert data["extra"] == [1] and dropped == [] and data["version"] == 1


@pytest.mark.parametrize("damage, dropped", WRONG_SHAPES)
def test_the_fast_check_agrees_with_the_schema(damage, dropped):
    from jsonschema import Draft202012Validator
    data = {"answers": {"start.position": GOOD_ANSWER}, **damage}
    assert not progress._looks_sound(data)
    assert not Draft202012Validator(progress.SCHEMA).is_valid(data)
    sound = {"answers": {"start.position": GOOD_ANSWER}, "reflections": {"r": {"text": "x"}}, "sections": {"a": {}}}
    assert progress._looks_sound(sound) and Draft202012Validator(progress.SCHEMA).is_valid(sound)
