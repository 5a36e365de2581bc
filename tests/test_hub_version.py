"""The version check: a kernel must use the pulled copy's course_lib, as it is now."""
import shutil
from pathlib import Path

import pytest

from course_lib import hub

REPO = Path(__file__).resolve().parent.parent


def _fake_copy(root: Path) -> Path:
    (root / "course_lib").mkdir(parents=True)
    (root / "course_lib" / "__init__.py").write_text("")
    (root / "notebooks" / "nb").mkdir(parents=True)
    return root


def test_all_well_in_this_repository(monkeypatch):
    monkeypatch.delenv(hub.LOCK_ENV, raising=False)
    assert hub.version_problems(REPO / "notebooks" / "nb") == []
    assert hub.version_problems("/") == []  # not in a course folder: nothing to say


def test_kernel_using_another_copy_is_told_to_restart(tmp_path, english):
    pulled = _fake_copy(tmp_path / "motiver-salgssjefen")
    problems = hub.version_problems(pulled / "notebooks" / "nb")
    assert len(problems) == 1
    assert str(pulled) in problems[0] and "Restart the kernel" in problems[0] and "PYTHONPATH" in problems[0]


def test_files_changed_since_the_kernel_started(monkeypatch, english):
    monkeypatch.setattr(hub, "_AT_IMPORT", "fingerprint of an older pull")
    problems = hub.version_problems(REPO)
    assert problems == [hub.t("hub.version.changed", folder=str(REPO))]


def test_fingerprint_sees_an_edited_file(tmp_path):
    shutil.copytree(REPO / "course_lib" / "messages", tmp_path / "course_lib" / "messages")
    before = hub.fingerprint(tmp_path / "course_lib")
    target = tmp_path / "course_lib" / "messages" / "hub.yaml"
    target.write_text(target.read_text() + "\n# fixed\n")
    assert hub.fingerprint(tmp_path / "course_lib") != before


def test_pulled_lock_that_differs_from_the_environment(monkeypatch, english):
    monkeypatch.setenv(hub.LOCK_ENV, "0" * 64)
    assert hub.version_problems(REPO) == [hub.t("hub.version.lock_differs")]
    monkeypatch.setenv(hub.LOCK_ENV, hub.lock_digest(REPO / "requirements.lock"))
    assert hub.version_problems(REPO) == []


def test_warning_is_visible(tmp_path, english):
    pulled = _fake_copy(tmp_path / "kurs")
    with pytest.warns(UserWarning, match="Restart the kernel"):
        assert hub.warn_if_mismatched(pulled)
