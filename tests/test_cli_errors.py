"""The `course` command under bad invocations: one translated line on stderr, a non-zero exit, never a traceback."""
import gc
import os
import subprocess
import sys

import pytest

from course_lib.cli import main


def _bad_invocations(tmp):
    folder = tmp / "a-folder"
    folder.mkdir(exist_ok=True)
    binary = tmp / "binary.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    return [
        # (argv, exit status, words in the nb line, words in the en line)
        (["nonsense"], 2, "Ukjent verdi", "Unknown value"),
        ([], 2, "mangler", "missing"),
        (["progress", "export", "--format", "pdf"], 2, "pdf", "pdf"),
        (["progress", "frobnicate"], 2, "frobnicate", "frobnicate"),
        (["new-case"], 2, "--seed", "--seed"),
        (["new-case", "--seed", "x", "--out", str(tmp / "x.csv")], 2, "«x»", '"x"'),
        (["new-case", "--seed", "7", "--out"], 2, "--out", "--out"),
        (["new-case", "--seed", "7", "--out", str(tmp / "x.csv"), "--extra"], 2, "--extra", "--extra"),
        (["new-case", "--seed", "-1", "--out", str(tmp / "x.csv")], 1, "seed", "seed"),
        (["new-case", "--seed", "7", "--out", str(tmp / "no" / "such" / "x.csv")], 1, "mappen finnes ikke",
         "folder does not exist"),
        (["new-case", "--seed", "7", "--out", str(folder)], 1, "mappe", "folder"),
        (["progress", "export", "--out", str(folder)], 1, "mappe", "folder"),
        (["progress", "export", "--out", str(tmp / "missing" / "p.md")], 1, "mappen finnes ikke",
         "folder does not exist"),
        (["check-team", str(tmp / "no-such-team.csv")], 1, "Fant ikke fila", "File not found"),
        (["check-team", str(folder)], 1, "mappe", "folder"),
        (["check-team", str(binary)], 1, "binary.csv", "binary.csv"),
        (["student-versions", "--root", str(folder)], 1, "exercises/solutions", "exercises/solutions"),
    ]


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and lines[0].startswith("course: ")
    return lines[0]


@pytest.mark.parametrize("index", range(17))
def test_bad_invocations_in_process(tmp_path, capsys, lang, index):
    argv, status, nb_words, en_words = _bad_invocations(tmp_path)[index]
    # an object an earlier test left in a reference cycle (an unclosed file) may be collected during
    # this one, and its ResourceWarning would land in this test's stderr: collect it first
    gc.collect()
    capsys.readouterr()
    assert main(argv) == status
    line = _one_line(capsys.readouterr().err)
    assert (nb_words if lang == "nb" else en_words) in line


@pytest.mark.parametrize("language, index", [("nb", 0), ("en", 0), ("nb", 2), ("en", 16), ("nb", 9), ("en", 13)])
def test_bad_invocations_as_a_real_command(tmp_path, language, index):
    """Run as `python -m course_lib.cli` (as a learner would): one line on stderr, the right exit status?"""
    argv, status, nb_words, en_words = _bad_invocations(tmp_path)[index]
    env = {**os.environ, "COURSE_LANG": language}
    proc = subprocess.run([sys.executable, "-m", "course_lib.cli", *argv], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == status, proc.stderr
    line = _one_line(proc.stderr)
    assert (nb_words if language == "nb" else en_words) in line


def test_a_damaged_progress_file_gives_a_warning_line_and_still_exports(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path))
    (tmp_path / "progress.json").write_bytes(b"\xff\xfe not json")
    assert main(["progress", "export", "--format", "md"]) == 0
    captured = capsys.readouterr()
    assert "Portefølje" in captured.out
    assert _one_line(captured.err).count("corrupt-") == 1


def test_progress_show_with_a_folder_that_is_a_file(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(blocker))
    assert main(["progress", "show"]) == 0
    captured = capsys.readouterr()
    assert "COURSE_PROGRESS_DIR" in _one_line(captured.err)


def test_an_unexpected_error_is_one_line(monkeypatch, capsys):
    import course_lib.exercises.bank as bank

    def boom():
        raise RuntimeError("line one\nline two")
    monkeypatch.setattr(bank, "all_questions", boom)
    assert main(["check-banks"]) == 1
    assert "RuntimeError" in _one_line(capsys.readouterr().err)


def test_help_still_works(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    assert "check-content" in capsys.readouterr().out


def test_check_team_accepts_the_shipped_case(tmp_path, capsys):
    from course_lib.cases import generate_team
    path = tmp_path / "team.csv"
    generate_team(seed=3).to_csv(path, index=False)
    assert main(["check-team", str(path)]) == 0
    assert "alt i orden" in capsys.readouterr().out


def test_check_content_passes_on_the_shipped_content(capsys, lang):
    assert main(["check-content"]) == 0
    assert "OK" in capsys.readouterr().out


def test_check_content_reports_a_broken_override(tmp_path, monkeypatch, capsys, lang):
    """A trainer's broken copy of cases.yaml: exit 1, the problem named by file, entry and field?"""
    from course_lib import content

    text = (content.shipped_folder() / "cases.yaml").read_text(encoding="utf-8")
    (tmp_path / "cases.yaml").write_text(text.replace("    en: East (Oslo)\n", ""), encoding="utf-8")
    monkeypatch.setenv("COURSE_CONTENT_DIR", str(tmp_path))
    content.clear_cache()
    try:
        assert main(["check-content"]) == 1
        err = capsys.readouterr().err
        assert "cases.yaml" in err and "east" in err and "Traceback" not in err
        assert ("problem(er)" in err) == (lang == "nb")
    finally:
        monkeypatch.delenv("COURSE_CONTENT_DIR")
        content.clear_cache()


def test_check_content_as_a_real_command():
    proc = subprocess.run([sys.executable, "-m", "course_lib.cli", "check-content"], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0 and "OK" in proc.stdout and not proc.stderr.strip()
