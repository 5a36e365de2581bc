"""Anonymous class sharing and the trainer's summary, including hostile class folders."""
import json
import os
import subprocess
import sys

import pytest

from course_lib import classroom as c


@pytest.fixture
def folder(tmp_path, monkeypatch):
    d = tmp_path / "class"
    d.mkdir()
    monkeypatch.setenv("COURSE_CLASS_DIR", str(d))
    return d


def hostile(folder):
    """At least 10 files the summary must skip without executing or rendering anything."""
    pid = "p-" + "a" * 16
    good = {"version": 1, "participant": pid, "kind": "quiz", "data": {"start.position": True}}
    files = {
        "bad.json": "{not json",
        "huge.json": json.dumps({**good, "pad": "x" * (70 * 1024)}),
        "list.json": "[1, 2, 3]",
        "deep.json": "[" * 5000 + "]" * 5000,
        "deepobj.json": json.dumps({**good, "data": {"start.position": {"a": {"b": {"c": [1]}}}}}),
        f"{pid}-quiz-html.json": json.dumps({**good, "data": {"<script>alert(1)</script>": True}}),
        "xss-kind.json": json.dumps({**good, "kind": "<img src=x onerror=alert(1)>"}),
        "wrongtype.json": json.dumps({**good, "kind": "profile", "data": {"incentive": "high"}}),
        "unknownkind.json": json.dumps({**good, "kind": "salary"}),
        "name.json": json.dumps({**good, "participant": "Kari Nordmann"}),
        "nan.json": '{"version": 1, "participant": "%s", "kind": "profile", "data": {"incentive": NaN}}' % pid,
        "range.json": json.dumps({**good, "kind": "delegation", "data": {"bonus_system": 99}}),
        "notutf8.json": b"\xff\xfe\x00garbage",
        "extra.json": json.dumps({**good, "html": "<b>x</b>"}),
    }
    for name, text in files.items():
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    target = folder.parent / "outside.json"
    target.write_text(json.dumps(good))
    os.symlink(target, folder / f"{pid}-profile.json")
    (folder / "sub.json").mkdir()
    return len(files) + 2


def test_share_writes_anonymous_file_and_withdraw_removes_it(folder, store):
    path = c.share("quiz", {"start.position": True})
    record = json.loads(path.read_text())
    pid = store.get("classroom", "participant")
    assert record["participant"] == pid and pid.startswith("p-") and path.name == f"{pid}-quiz.json"
    assert set(record) == {"version", "participant", "kind", "time", "data"}
    assert c.is_shared("quiz")
    assert not list(folder.glob(".share-*"))
    assert c.withdraw("quiz") is True
    assert not path.exists() and not c.is_shared("quiz")
    assert c.withdraw("quiz") is False


def test_share_rejects_wrong_payloads(folder, store):
    with pytest.raises(ValueError):
        c.share("profile", {"incentive": 9})
    with pytest.raises(ValueError, match="salary"):
        c.share("salary", {})
    assert not list(folder.iterdir())


def test_clear_messages_without_a_usable_folder(monkeypatch, tmp_path, lang, store):
    monkeypatch.delenv("COURSE_CLASS_DIR", raising=False)
    with pytest.raises(ValueError, match="COURSE_CLASS_DIR"):
        c.share("quiz", {"start.position": True})
    monkeypatch.setenv("COURSE_CLASS_DIR", str(tmp_path / "missing"))
    with pytest.raises(ValueError, match="missing"):
        c.summarise()
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    monkeypatch.setenv("COURSE_CLASS_DIR", str(ro))
    try:
        if os.access(ro, os.W_OK):  # root ignores permissions: act as a learner who lacks them
            monkeypatch.setattr(c.os, "access", lambda *_a, **_k: False)
        with pytest.raises(ValueError, match="skriv|write"):
            c.share("quiz", {"start.position": True})
    finally:
        ro.chmod(0o755)


def test_summary_of_30_participants_and_hostile_files(folder, english):
    c.demo_class(folder, participants=30, seed=1)
    n_hostile = hostile(folder)
    assert n_hostile >= 10
    s = c.summarise(folder)
    assert s.participants == 30
    assert s.skipped == n_hostile, s.skipped_reasons
    assert {"symlink", "too_large", "bad_json", "wrong_shape", "not_file"} <= set(s.skipped_reasons)
    assert s.files == {k: 30 for k in c.KINDS}
    assert sum(g["n"] for g in s.profile.values()) == 30 * 6
    assert set(s.delegation) and all(sum(g["votes"].values()) == 30 for g in s.delegation.values())
    assert 0 <= s.quiz["start.position"]["share"] <= 1
    html_text = s.to_html()
    assert "<script" not in html_text and "onerror" not in html_text and "Kari" not in html_text
    text = str(s)
    assert "30 participants" in text and f"{n_hostile} files were skipped" in text


def test_text_in_html_is_escaped(folder, monkeypatch, english):
    c.demo_class(folder, participants=3)
    monkeypatch.setattr(c, "label", lambda kind, key: "<b>x</b>")
    assert "&lt;b&gt;x&lt;/b&gt;" in c.summarise(folder).to_html()
    assert "<b>x</b>" not in c.summarise(folder).to_html()


def test_groups_smaller_than_three_are_suppressed(folder, english):
    for i in range(2):
        c.write_submission(folder, f"p-{i:016x}", "quiz", {"start.position": True, "delegation.parity": False})
    c.write_submission(folder, f"p-{2:016x}", "quiz", {"start.position": False})
    s = c.summarise(folder)
    assert list(s.quiz) == ["start.position"] and s.quiz["start.position"]["right"] == 2
    assert s.suppressed["quiz"] == 1
    assert "1 groups with fewer than 3" in str(s)
    two = folder.parent / "two"
    two.mkdir()
    c.demo_class(two, participants=2)
    s2 = c.summarise(two)
    assert not s2.profile and not s2.delegation and not s2.plan and not s2.quiz and not s2.maturity
    assert s2.suppressed["profile"] == 6


def test_cli_class_summary(folder, monkeypatch, capsys):
    """The real command once (a new Python process costs seconds); the other two cases through its main()."""
    from course_lib.cli import main

    c.demo_class(folder, participants=5)
    (folder / "bad.json").write_text("{")
    env = dict(os.environ, COURSE_LANG="en")
    res = subprocess.run([sys.executable, "-m", "course_lib.cli", "class", "summary"], capture_output=True,
                         text=True, env=env)
    assert res.returncode == 0, res.stderr
    assert "Class summary: 5 participants" in res.stdout and "1 files were skipped" in res.stdout
    monkeypatch.setenv("COURSE_LANG", "en")
    out = folder.parent / "s.html"
    assert main(["class", "summary", "--format", "html", "--out", str(out)]) == 0
    assert out.read_text().startswith("<div")
    monkeypatch.delenv("COURSE_CLASS_DIR")
    capsys.readouterr()
    assert main(["class", "summary"]) == 1
    err = capsys.readouterr().err
    assert "COURSE_CLASS_DIR" in err and "Traceback" not in err


def test_a_refresh_sees_every_changed_file_and_reads_the_rest_once(folder, english, monkeypatch):
    """summarise() keeps each file's parsed record until the file changes (size, mtime, inode)."""
    from course_lib import classroom_summary as cs

    for i in range(3):
        c.write_submission(folder, f"p-{i:016x}", "quiz", {"start.position": True})
    assert c.summarise(folder).quiz["start.position"]["right"] == 3
    reads = []
    original = cs._read_file
    monkeypatch.setattr(cs, "_read_file", lambda path: reads.append(path.name) or original(path))
    assert c.summarise(folder).quiz["start.position"]["right"] == 3
    assert reads == []                                   # nothing changed: nothing read again
    c.write_submission(folder, f"p-{1:016x}", "quiz", {"start.position": False})  # an answer changed
    s = c.summarise(folder)
    assert s.quiz["start.position"]["right"] == 2 and len(reads) == 1
    target = folder / reads[0]
    target.write_text("{", encoding="utf-8")            # spoiled in place
    s = c.summarise(folder)
    assert s.skipped_reasons == {"bad_json": 1} and "start.position" not in s.quiz
    target.unlink()
    assert c.summarise(folder).files["quiz"] == 2
