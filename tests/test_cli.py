"""The `course` command."""
import subprocess
import sys

import pandas as pd

from course_lib.cli import main


def test_new_case_writes_a_variant(tmp_path, capsys):
    out = tmp_path / "team7.csv"
    assert main(["new-case", "--seed", "7", "--out", str(out)]) == 0
    frame = pd.read_csv(out)
    from course_lib.cases import generate_team, load_team
    assert len(frame) == len(generate_team(seed=7))
    assert not load_team(out).equals(load_team())


def test_check_banks_passes_on_shipped_banks(capsys):
    assert main(["check-banks"]) == 0
    assert "alle gyldige" in capsys.readouterr().out


def test_progress_export_markdown_and_html(tmp_path, store):
    store.save_reflection("start.reflection", "Hun må få ansette selv.")
    store.record_attempt("start.position", "b", True)
    md = tmp_path / "p.md"
    assert main(["progress", "export", "--format", "md", "--lang", "nb", "--out", str(md)]) == 0
    text = md.read_text(encoding="utf-8")
    assert "Hun må få ansette selv." in text and "start.position" in text and "riktig" in text
    html = tmp_path / "p.html"
    assert main(["progress", "export", "--format", "html", "--lang", "en", "--out", str(html)]) == 0
    assert "<h1>Portfolio: Motivating the Sales Manager</h1>" in html.read_text(encoding="utf-8")


def test_progress_show_names_the_file(store, capsys):
    assert main(["progress", "show"]) == 0
    assert str(store.path) in capsys.readouterr().out


def test_console_script_is_installed():
    out = subprocess.run([sys.executable, "-m", "course_lib.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "student-versions" in out.stdout
