"""The ``course`` command for learners and trainers.

Examples::

    course student-versions          # regenerate exercises/{nb,en}/ from the trainer masters
    course student-versions --check  # fail if the committed student versions are out of date
    course new-case --seed 7 --out team_seed7.csv   # a fresh case data set for a workshop
    course check-banks               # validate every question bank
    course progress show             # where answers are saved and how many
    course progress export --format md --out portfolio.md
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _repo_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "exercises" / "solutions").is_dir():
            return folder
    raise SystemExit("Could not find exercises/solutions/ here or above; run from the course folder or use --root.")


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
    frame.to_csv(args.out, index=False)
    print(f"wrote {len(frame)} rows (seed {args.seed}) to {args.out}")
    return 0


def _cmd_check_banks(args) -> int:
    from .exercises.bank import all_questions, bank_files

    try:
        questions = all_questions()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{len(bank_files())} banks, {len(questions)} questions: all valid")
    return 0


def _cmd_progress(args) -> int:
    from .progress import get_store
    from .portfolio import portfolio

    store = get_store()
    if args.action == "show":
        data = store.load()
        print(f"file: {store.path}")
        print(f"answered questions: {len(data['answers'])}, reflections: {len(data['reflections'])}, "
              f"saved items: {sum(len(v) for v in data['sections'].values())}")
        return 0
    if args.action == "path":
        print(store.path)
        return 0
    text = portfolio(store.load(), fmt=args.format, lang=args.lang)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="course", description="Motiver salgssjefen / Motivating the Sales Manager")
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

    p = sub.add_parser("progress", help="the learner's saved answers")
    p.add_argument("action", choices=["show", "path", "export"])
    p.add_argument("--format", choices=["md", "html"], default="md")
    p.add_argument("--lang", choices=["nb", "en"], default=None)
    p.add_argument("--out")
    p.set_defaults(func=_cmd_progress)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
