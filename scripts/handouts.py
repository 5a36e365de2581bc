"""Write HTML handouts of every module (both languages) to build/handouts/.

Each notebook is executed with nbclient (widget state stored, so widgets render
statically) and exported with nbconvert, code cells hidden.

    .venv/bin/python scripts/handouts.py [--out build/handouts] [--lang nb|en]
"""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]


def handout(path: Path, out_dir: Path) -> Path:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    target = out_dir / path.parent.name / path.with_suffix(".html").name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "build" / "handouts"))
    parser.add_argument("--lang", choices=["nb", "en"], action="append")
    args = parser.parse_args()
    # handouts never touch a learner's saved answers
    os.environ["COURSE_PROGRESS_DIR"] = tempfile.mkdtemp(prefix="handouts-progress-")
    for lang in args.lang or ["nb", "en"]:
        for path in sorted((ROOT / "notebooks" / lang).glob("*.ipynb")):
            print("wrote", handout(path, Path(args.out)).relative_to(ROOT) if Path(args.out).is_relative_to(ROOT) else path.name)


if __name__ == "__main__":
    main()
