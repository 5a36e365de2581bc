"""The ``course`` command for learners and trainers.

Examples::

    course student-versions          # regenerate exercises/{nb,en}/ from the trainer masters
    course student-versions --check  # fail if the committed student versions are out of date
    course new-case --seed 7 --out team_seed7.csv   # a fresh case data set for a workshop
    course check-banks               # validate every question bank
    course progress show             # where answers are saved and how many
    course progress export --format md --out portfolio.md
    course check-team my_team.xlsx   # check a team file (CSV or Excel) before a workshop
    course check-content             # validate every content file (and a trainer's overrides)

Every error is one line on stderr, in the course language (``COURSE_LANG``), and a non-zero exit
status (2 for a wrong command line, 1 for anything else); never a traceback.
"""
from __future__ import annotations

import argparse
import re
import importlib
import sys
from pathlib import Path

from .i18n import t


class UsageError(Exception):
    """A wrong command line (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print usage and English text
        raise UsageError(_translate_usage(message))


_USAGE_PATTERNS = [
    (re.compile(r"argument (?P<arg>[^:]+): invalid choice: '?(?P<value>[^'\s]*)'? \(choose from (?P<allowed>.*)\)"),
     "cli.invalid_choice"),
    (re.compile(r"argument (?P<arg>[^:]+): invalid (?P<kind>\w+) value: '?(?P<value>[^']*)'?"), "cli.invalid_value"),
    (re.compile(r"the following arguments are required: (?P<args>.*)"), "cli.missing_arguments"),
    (re.compile(r"unrecognized arguments: (?P<args>.*)"), "cli.unrecognized_arguments"),
    (re.compile(r"argument (?P<arg>[^:]+): expected one argument"), "cli.expected_value"),
]


def _translate_usage(message: str) -> str:
    for pattern, key in _USAGE_PATTERNS:
        match = pattern.search(message)
        if match:
            values = {k: v.replace("'", "") for k, v in match.groupdict().items()}
            return t(key, **values)
    return t("cli.bad_usage", detail=message)


def _write_text(path: str, text: str) -> None:
    try:
        Path(path).expanduser().write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ValueError(t("cli.cannot_write", path=path, reason=_reason(exc))) from None


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return t("cli.reason_permission")
    if isinstance(exc, FileNotFoundError):
        return t("cli.reason_no_folder")
    if isinstance(exc, IsADirectoryError):
        return t("cli.reason_is_folder")
    return exc.strerror or type(exc).__name__


def _repo_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "exercises" / "solutions").is_dir():
            return folder
    raise ValueError(t("cli.no_root", folder=str(here)))


def student_versions(root: Path, check: bool = False) -> list[Path]:
    """Write (or, with ``check``, compare) every student version; returns the files that differ."""
    import nbformat

    from .student_version import student_notebook

    differing = []
    for lang in ("nb", "en"):
        for master_path in sorted((root / "exercises" / "solutions" / lang).glob("*.ipynb")):
            master = nbformat.read(master_path, as_version=4)
            student = student_notebook(master, lang, name=str(master_path.relative_to(root)))
            target = root / "exercises" / lang / master_path.name
            text = nbformat.writes(student) + "\n"
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current != text:
                differing.append(target)
                if not check:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(text, encoding="utf-8")
    return differing


def _cmd_student_versions(args) -> int:
    root = Path(args.root) if args.root else _repo_root()
    if not (root / "exercises" / "solutions").is_dir():
        raise ValueError(t("cli.no_root", folder=str(root)))
    differing = student_versions(root, check=args.check)
    for path in differing:
        print(("out of date: " if args.check else "wrote: ") + str(path.relative_to(root)))
    if args.check and differing:
        print("Run `course student-versions` to regenerate them.", file=sys.stderr)
        return 1
    if not differing:
        print("student versions are up to date")
    return 0


def _cmd_new_case(args) -> int:
    from .cases import generate_team

    frame = generate_team(seed=args.seed)
    _write_text(args.out, frame.to_csv(index=False, lineterminator="\n"))
    print(t("cli.wrote_case", rows=len(frame), seed=args.seed, path=args.out))
    return 0


def _cmd_check_team(args) -> int:
    from .cases import load_team

    frame = load_team(args.path)
    print(t("cli.team_ok", path=args.path, rows=len(frame), sellers=frame["seller_id"].nunique(),
            first=frame["month"].min(), last=frame["month"].max()))
    return 0


def _cmd_check_content(args) -> int:
    from . import content

    problems = list(content.check_all())
    if not problems:
        print(t("cli.content_ok"))
        return 0
    for problem in problems:
        text = ": ".join(str(p) for p in problem) if isinstance(problem, (tuple, list)) else str(problem)
        print(" ".join(text.split()), file=sys.stderr)
    print(t("cli.content_problems", count=len(problems)), file=sys.stderr)
    return 1


def _cmd_check_banks(args) -> int:
    from .exercises.bank import all_questions, bank_files

    questions = all_questions()
    print(t("cli.banks_ok", banks=len(bank_files()), questions=len(questions)))
    return 0


def _cmd_progress(args) -> int:
    from .progress import get_store
    from .portfolio import portfolio

    store = get_store()
    if args.action == "show":
        data = store.load()
        print(t("cli.progress_file", path=str(store.path)))
        print(t("cli.progress_counts", answers=len(data["answers"]), reflections=len(data["reflections"]),
                items=sum(len(v) for v in data["sections"].values())))
        return 0
    if args.action == "path":
        print(store.path)
        return 0
    if args.action in ("reset", "restore"):
        from . import progress_backup  # the trainer's kit: reset with a backup, restore it

        return progress_backup.run(args, store)
    text = portfolio(store.load(), fmt=args.format, lang=args.lang)
    if args.out:
        _write_text(args.out, text)
        print(t("cli.wrote", path=args.out))
    else:
        print(text)
    return 0


def main(argv=None) -> int:
    """Run the ``course`` command; returns the exit status. Errors are one translated line on stderr."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = lambda message, *_a, **_k: _fail(message)
            return _main(argv)
    except UsageError as exc:
        _fail(str(exc) + " " + t("cli.see_help"))
        return 2
    except KeyboardInterrupt:
        _fail(t("cli.interrupted"))
        return 130
    except ValueError as exc:  # the course's own messages (already translated)
        _fail(str(exc))
        return 1
    except OSError as exc:
        _fail(t("cli.os_error", path=str(exc.filename or ""), reason=_reason(exc)))
        return 1
    except Exception as exc:  # noqa: BLE001 - a learner never sees a traceback
        _fail(t("cli.unexpected", kind=type(exc).__name__, detail=str(exc)))
        return 1


def _fail(message: str) -> None:
    from .safe_yaml import shorten

    print("course: " + shorten(" ".join(str(message).split()), 2000), file=sys.stderr)


def _main(argv=None) -> int:
    parser = _Parser(prog="course", description="Motiver salgssjefen / Motivating the Sales Manager")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("student-versions", help="generate exercises/{nb,en}/ from the trainer masters")
    p.add_argument("--check", action="store_true", help="only report student versions that are out of date")
    p.add_argument("--root", help="the course folder (default: found from the current folder)")
    p.set_defaults(func=_cmd_student_versions)

    p = sub.add_parser("new-case", help="write a fresh case data set from another seed")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=_cmd_new_case)

    p = sub.add_parser("check-banks", help="validate every question bank")
    p.set_defaults(func=_cmd_check_banks)

    p = sub.add_parser("check-team", help="check a team data file (CSV or .xlsx) as the course would read it")
    p.add_argument("path")
    p.set_defaults(func=_cmd_check_team)

    p = sub.add_parser("check-content", help="validate every content file (and a trainer's overrides)")
    p.set_defaults(func=_cmd_check_content)

    p = sub.add_parser("progress", help="the learner's saved answers")
    p.add_argument("action", choices=["show", "path", "export", "reset", "restore"])
    p.add_argument("module", nargs="?", help="with reset: the module whose answers to reset (e.g. 03)")
    p.add_argument("--backup", help="with restore: the backup to bring back (default: the newest)")
    p.add_argument("--format", choices=["md", "html"], default="md")
    p.add_argument("--lang", choices=["nb", "en"], default=None)
    p.add_argument("--out")
    p.set_defaults(func=_cmd_progress)

    for name in _PLUGINS:
        try:
            plugin = importlib.import_module(f"course_lib.{name}")
        except ModuleNotFoundError:
            continue
        plugin.register(sub)

    args = parser.parse_args(argv)
    return args.func(args)


#: Modules that add their own subcommands with ``register(subparsers)``:
#: ``course hub ...``, ``course package ...``, ``course class ...``, ``course present ...``.
_PLUGINS = ("hub", "package_doc", "classroom", "present")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
