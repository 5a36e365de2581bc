"""What nbgitpuller does to a learner's edits on a new pull (documented in docs/HUB.md).

Runs nbgitpuller's own GitPuller on local repositories; no hub needed. The hub test
(test_hub_classroom.py) checks the cell-level case through the real endpoint.
"""
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("nbgitpuller")
from nbgitpuller.pull import GitPuller  # noqa: E402


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Trainer", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


@pytest.fixture
def upstream(tmp_path):
    repo = tmp_path / "upstream"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "lesson.txt").write_text("title\nstep one\nstep two\nstep three\nend\n")
    (repo / "extra.txt").write_text("extra\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    return repo


def _pull(upstream: Path, target: Path) -> None:
    for _ in GitPuller(str(upstream), str(target), branch="main", depth=0).pull():
        pass


def test_second_pull_merges_and_on_the_same_line_the_learner_wins(upstream, tmp_path):
    learner = tmp_path / "home" / "motiver-salgssjefen"
    _pull(upstream, learner)
    lesson = learner / "lesson.txt"
    # the learner edits line 2 and deletes a file
    lesson.write_text(lesson.read_text().replace("step one", "step one - my note"))
    (learner / "extra.txt").unlink()
    # the trainer changes line 2 (same line) and line 4 (another line), and adds a file
    text = (upstream / "lesson.txt").read_text()
    (upstream / "lesson.txt").write_text(text.replace("step one", "step 1 (fixed)").replace("step three", "step 3 (fixed)"))
    (upstream / "new.txt").write_text("new module\n")
    _git(upstream, "add", ".")
    _git(upstream, "commit", "-q", "-m", "fixes")

    _pull(upstream, learner)
    lines = lesson.read_text().splitlines()
    assert lines[1] == "step one - my note"     # same line: the learner's edit silently wins
    assert lines[3] == "step 3 (fixed)"         # another line: the trainer's fix arrives
    assert (learner / "new.txt").exists()       # new files arrive
    assert (learner / "extra.txt").exists()     # a deleted file comes back
