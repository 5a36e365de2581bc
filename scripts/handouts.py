"""Write handouts of every module (both languages) to build/handouts/: HTML and PDF.

Each notebook is executed with nbclient (widget state stored) and exported with nbconvert, code
cells hidden; every app is written as plain HTML from its saved state (``course_lib.widget_print``),
so the handout shows its figures and controls without JavaScript, offline and in the PDF. The capstone's
motivation package for the case (module 06) is written by ``package_doc``'s
writer as ``<lang>/06_capstone_package.html``. The HTML is then printed to PDF by
the headless chromium the browser tests use (Playwright's ``page.pdf()``). A
handout fails when a cell shows an error, or when an image (``<img>``, also
inside the stored widget state) has no text alternative in the handout's language.

    .venv/bin/python scripts/handouts.py [--out build/handouts] [--lang nb|en] [--only 00_start_here] [--only capstone] [--no-pdf]
"""
from __future__ import annotations

import argparse
import html
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
#: Same flags as tests/browser/conftest.py (CHROMIUM_ARGS).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


class HandoutError(RuntimeError):
    pass


def error_outputs(nb) -> list[str]:
    """Texts of every error output (and stderr stream) in an executed notebook."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"{out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr" and out.get("text", "").strip():
                found.append(out["text"].strip()[:300])
    return found


def execute(path: Path):
    """Run notebook ``path`` with nbclient in its own folder, widget state stored (widgets render statically)."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def export_html(nb, target: Path, lang: str | None = None) -> Path:
    """Write executed notebook ``nb`` as a handout at ``target`` (code hidden); an error output fails it.

    ``nb`` may come from nbclient (``execute``) or from JupyterLab with widget state saved (the
    browser tests hand over the module they ran, so ``make test`` runs no notebook twice). Every app
    is written as plain HTML from its saved state (``course_lib.widget_print``): the handout shows
    its figures and controls without JavaScript, offline and on paper. ``lang`` (for the values of
    controls) defaults to the target's folder, ``nb`` or ``en``.
    """
    from course_lib.widget_print import print_widget_outputs

    problems = error_outputs(nb)
    if problems:
        raise HandoutError(f"{target.stem}: " + " | ".join(problems))
    lang = lang or (target.parent.name if target.parent.name in ("nb", "en") else None)
    print_widget_outputs(nb, lang)
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def handout_html(path: Path, out_dir: Path) -> Path:
    """Execute notebook ``path`` and write its handout to ``out_dir/<lang>/<name>.html``."""
    return export_html(execute(path), out_dir / path.parent.name / path.with_suffix(".html").name)


#: Short words that tell bokmål from English in an image's text alternative.
_WORDS = {"nb": {"og", "av", "med", "på", "er", "til", "i", "for", "mot", "per", "fra", "som", "nådde", "måned",
                 "måneder", "de", "den", "det", "en", "et", "har"},
          "en": {"and", "of", "with", "on", "is", "to", "in", "for", "against", "per", "from", "as", "the", "reached",
                 "month", "months", "a", "an", "has", "by"}}
#: nbconvert's stand-in when an image output has no description: not a text alternative.
_NO_DESCRIPTION = "no description has been provided"
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def image_alts(markup: str) -> list[str | None]:
    """The alt text of every ``<img>`` in a handout (``None`` when missing), also those in the JSON of
    the stored widget state (where quotes are written ``\\"``)."""
    unescaped = markup.replace('\\"', '"').replace("\\/", "/")
    unescaped = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), unescaped)
    alts = []
    for tag in _IMG.findall(unescaped):
        match = _ALT.search(tag)
        alts.append(None if match is None else html.unescape(match.group(1) if match.group(1) is not None
                                                             else match.group(2)))
    return alts


def alt_problems(markup: str, lang: str) -> list[str]:
    """Images without a non-empty text alternative in ``lang`` (a word check, and the language's
    number format: ``1 200 kr``, ``5,5``, ``12 %`` in nb; ``NOK 1,200``, ``5.5``, ``12%`` in en)."""
    other = "en" if lang == "nb" else "nb"
    problems = []
    for i, alt in enumerate(image_alts(markup), 1):
        text = (alt or "").strip()
        words = re.findall(r"[a-zæøå]+", text.lower())
        own = sum(w in _WORDS[lang] for w in words)
        foreign = sum(w in _WORDS[other] - _WORDS[lang] for w in words)
        # the other language's number format: NOK, 5.5 and 12% in nb; kr, 5,5 and 12 % in en
        wrong_money = (bool(re.search(r"NOK|\d\.\d|\d%", text)) if lang == "nb"
                       else bool(re.search(r"\d kr\b|\d,\d(?!\d\d)|\d %", text)))
        if not text or _NO_DESCRIPTION in text.lower():
            problems.append(f"image {i}: no alt text")
        elif foreign > own or wrong_money:
            problems.append(f"image {i}: alt not in {lang}: {text[:80]}")
    return problems


def capstone_handout(out_dir: Path, lang: str) -> Path:
    """The motivation package for the case (module 06) as HTML, by ``package_doc``'s writer."""
    from course_lib import package_doc

    target = out_dir / lang / "06_capstone_package.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        return package_doc.write_package(target, "html", lang, case=True)
    except Exception as exc:  # noqa: BLE001 - reported as a failed handout, with its cause
        raise HandoutError(f"{target.name}: {type(exc).__name__}: {exc}") from exc


def check_alts(path: Path, lang: str) -> None:
    problems = alt_problems(path.read_text(encoding="utf-8"), lang)
    if problems:
        raise HandoutError(f"{path.parent.name}/{path.name}: " + " | ".join(problems[:5]))


def chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    raise HandoutError("chromium not found (run scripts/ensure-chromium or set CHROMIUM)")


def print_pdfs(html_files: list[Path], browser=None) -> list[Path]:
    """Print each HTML file to a PDF beside it (A4, backgrounds kept), in ``browser`` (a Playwright
    chromium already running) or in a headless chromium started here."""
    if browser is not None:
        return [_print_pdf(browser, html_path) for html_path in html_files]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            return [_print_pdf(browser, html_path) for html_path in html_files]
        finally:
            browser.close()


def _print_pdf(browser, html_path: Path) -> Path:
    page = browser.new_page()
    try:
        page.goto(html_path.resolve().as_uri(), wait_until="load", timeout=120_000)
        target = html_path.with_suffix(".pdf")
        page.pdf(path=str(target), format="A4", print_background=True,
                 margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
    finally:
        page.close()
    if not target.exists() or target.stat().st_size < 1000:
        raise HandoutError(f"{target.name}: no PDF written")
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "build" / "handouts"))
    parser.add_argument("--lang", choices=["nb", "en"], action="append")
    parser.add_argument("--only", action="append", help="notebook name without .ipynb (repeatable)")
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)
    # handouts never touch a learner's saved answers
    os.environ["COURSE_PROGRESS_DIR"] = tempfile.mkdtemp(prefix="handouts-progress-")
    out = Path(args.out)
    html_files = []
    try:
        for lang in args.lang or ["nb", "en"]:
            for path in sorted((ROOT / "notebooks" / lang).glob("*.ipynb")):
                if args.only and path.stem not in args.only:
                    continue
                html_files.append(handout_html(path, out))
                check_alts(html_files[-1], lang)
                print("wrote", html_files[-1])
            if not args.only or "capstone" in args.only:
                html_files.append(capstone_handout(out, lang))
                check_alts(html_files[-1], lang)
                print("wrote", html_files[-1])
        if not args.no_pdf:
            for pdf in print_pdfs(html_files):
                print("wrote", pdf)
    except HandoutError as exc:
        print("handouts: " + str(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
