"""The learners' nbgitpuller link and the `course hub` command line."""
import argparse
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest

from course_lib import hub


def _query(link):
    parts = urlsplit(link)
    return parts, {k: v[0] for k, v in parse_qs(parts.query).items()}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_link_sets_targetpath_and_opens_the_start_module_inside_it(lang):
    link = hub.hub_link("https://hub.uni.no", "https://github.com/org/motiver-salgssjefen.git", lang)
    parts, q = _query(link)
    assert parts.scheme == "https" and parts.netloc == "hub.uni.no"
    assert parts.path == "/hub/user-redirect/git-pull"
    assert q["repo"] == "https://github.com/org/motiver-salgssjefen.git"
    assert q["branch"] == "main"
    assert q["targetpath"] == "motiver-salgssjefen"
    # the folder nbgitpuller would pick itself ("motiver-salgssjefen.git") is never in urlpath
    assert q["urlpath"] == f"lab/tree/motiver-salgssjefen/notebooks/{lang}/00_start_here.ipynb"
    assert "%2F" in link.split("urlpath=")[1]  # the whole urlpath is one encoded value


def test_link_keeps_a_hub_base_path_and_other_options():
    link = hub.hub_link("https://uni.no/jupyter/", "https://git.uni.no/kurs", "en", branch="v2",
                        targetpath="kurs", notebook="03_bonus_system.ipynb")
    parts, q = _query(link)
    assert parts.path == "/jupyter/hub/user-redirect/git-pull"
    assert q["branch"] == "v2" and q["targetpath"] == "kurs"
    assert q["urlpath"] == "lab/tree/kurs/notebooks/en/03_bonus_system.ipynb"


@pytest.mark.parametrize("kwargs, words", [
    ({"hub": "hub.uni.no"}, "http"),
    ({"lang": "de"}, "nb, en"),
    ({"targetpath": "../etc"}, "targetpath"),
    ({"targetpath": "a/b"}, "targetpath"),
    ({"repo": " "}, "repo"),
    ({"branch": ""}, "branch"),
])
def test_link_rejects_bad_input_naming_the_field(kwargs, words, english):
    args = {"hub": "https://hub.uni.no", "repo": "https://github.com/o/r", "lang": "nb", **kwargs}
    with pytest.raises(ValueError, match=words.replace(".", r"\.")):
        hub.hub_link(args.pop("hub"), args.pop("repo"), args.pop("lang"), **args)


def test_command_prints_the_link():
    out = subprocess.run([sys.executable, "-m", "course_lib.hub", "link", "--hub", "https://hub.uni.no",
                          "--repo", "https://github.com/o/r", "--lang", "en"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == hub.hub_link("https://hub.uni.no", "https://github.com/o/r", "en")


def test_command_reports_bad_input_without_a_traceback():
    out = subprocess.run([sys.executable, "-m", "course_lib.hub", "link", "--hub", "hub.uni.no",
                          "--repo", "r"], capture_output=True, text=True, timeout=60,
                         env={"COURSE_LANG": "en", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2
    assert "must start with http" in out.stderr and "Traceback" not in out.stderr


def test_register_adds_link_warm_and_start_to_a_course_parser():
    parser = argparse.ArgumentParser(prog="course")
    hub.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["hub", "warm", "12", "--prefix", "kurs"])
    assert args.func is hub._cmd_warm and args.n == 12 and args.prefix == "kurs"
    args = parser.parse_args(["hub", "link", "--hub", "https://h", "--repo", "r", "--lang", "en"])
    assert args.func is hub._cmd_link
    assert parser.parse_args(["hub", "start", "--port", "9000"]).port == 9000


@pytest.mark.parametrize("n", [0, -1, 501, 2.5, "3", True])
def test_warm_rejects_a_bad_count(n, english):
    with pytest.raises(ValueError, match="number of learners"):
        hub.warm(n, token="x")


def test_warm_needs_a_token(monkeypatch, english):
    monkeypatch.delenv("COURSE_HUB_TOKEN", raising=False)
    with pytest.raises(ValueError, match="token"):
        hub.warm(3)


def test_warm_says_when_the_hub_is_not_running(english):
    from tests.support import free_port

    with pytest.raises(ValueError, match="Cannot reach the hub"):
        hub.warm(2, hub=f"http://127.0.0.1:{free_port()}", token="x")
