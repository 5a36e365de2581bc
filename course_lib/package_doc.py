"""The printable motivation package (module 06): one HTML document in the learner's language, and PDF.

The document holds the profile chart, the budget and the forecast figures it rests on (module 02),
the plan's payout curve and cost figures, the decision-rights
board and delegation levels, the investment summary, the coherence findings, the rubric explained
criterion by criterion and the learner's reflections. Every piece of learner text (names, the
investment note, reflections) is HTML-escaped; the saved investment summary is Markdown rendered
with raw HTML escaped. Figures are embedded PNGs with alt text. PDF is printed by headless
Chromium through Playwright (the browser the course's browser tests use).

``course package --out FILE [--format html|pdf] [--lang nb|en] [--case] [--team FILE] [--pipeline FILE]``
is added by :func:`register` (a leader's own team data and pipeline export, CSV or xlsx).

Example:
    >>> from course_lib.capstone import case_package
    >>> html_text = package_html(case_package(), lang="en")
    >>> html_text.startswith("<!doctype html>") and "<script" not in html_text
    True
"""
from __future__ import annotations

import base64
import html
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from . import capstone as cp
from .i18n import format_money, format_number, format_percent, get_language, pick, set_language, t, resolve_language

FORMATS = ("html", "pdf")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:52em;margin:1.5em auto;line-height:1.45;color:#222;font-size:11pt}
h1{font-size:1.6em;margin-bottom:.2em} h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.4em;page-break-after:avoid}
table{border-collapse:collapse;margin:.5em 0;font-size:.92em} td,th{border:1px solid #bbb;padding:2px 7px;text-align:left;vertical-align:top}
td.num,th.num{text-align:right} img{max-width:100%;height:auto;page-break-inside:avoid}
.finding{border-left:4px solid #D55E00;padding:.2em .8em;margin:.5em 0;background:#fff6f0}
.ok{border-left:4px solid #009E73;padding:.2em .8em;background:#f0fbf6}
.muted{color:#555;font-size:.92em} .reflection{white-space:pre-wrap;border:1px solid #ddd;padding:.4em .8em;background:#fafafa}
@media print{body{margin:0 auto}}
"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _img(fig, alt: str | None = None) -> str:
    from .plots.style import figure_alt, to_png

    import matplotlib.pyplot as plt

    png = to_png(fig)
    text = alt if alt is not None else figure_alt(fig)
    plt.close(fig)
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{_e(text)}" role="img"/>'


def _table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th class='{'num' if i in numeric else ''}'>{_e(h)}</th>" for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(f"<td class='{'num' if i in numeric else ''}'>{_e(c)}</td>" for i, c in enumerate(r))
                   + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _markdown_safe(text: str) -> str:
    """Markdown to HTML with any raw HTML in it escaped (learner text never becomes markup).

    The course's one safe Markdown setup (:func:`course_lib.html_safety.markdown_html`), not a second one.
    """
    from .html_safety import markdown_html

    return markdown_html(text)


def _missing(part: str, lang: str) -> str:
    info = cp.part_info(part, lang)
    return f"<p class='muted'>{_e(t('capstone.doc.missing', notebook=info['notebook'], section=info['section'], lang=lang))}</p>"


def _profile_section(pkg: cp.Package, lang: str) -> str:
    out = [f"<h2>{_e(t('capstone.doc.profile', lang=lang))}</h2>"]
    if not pkg.profile:
        return "".join(out) + _missing("profile", lang)
    from .plots.motivation import plot_profile
    from . import motivation as mot

    out.append(_img(plot_profile(pkg.profile)))
    q, s = cp.weakest_question(pkg)
    name = pick(mot.INNER_QUESTIONS[q].name, lang) if q in mot.INNER_QUESTIONS else q
    out.append(f"<p>{_e(t('capstone.doc.weakest', question=name, score=format_number(s, 1, lang), lang=lang))}</p>")
    return "".join(out)


def _plan_section(pkg: cp.Package, lang: str) -> str:
    out = [f"<h2>{_e(t('capstone.doc.plan', lang=lang))}</h2>"]
    if not pkg.plan:
        return "".join(out) + _missing("plan", lang)
    from .incentives import Plan, cost_band
    from .plots.incentives import plot_payout_curve

    plan = Plan.from_dict(pkg.plan)
    name = plan.name or pkg.names.get("plan", "")
    out.append(f"<p>{_e(t('capstone.doc.plan_name', name=name, phase=t('capstone.phase.' + pkg.phase, lang=lang), lang=lang))}</p>")
    out.append(_img(plot_payout_curve(plan)))
    rows = [[format_percent(r["attainment"], 0, lang), format_money(r["sales"], 0, lang), format_money(r["incentive"], 0, lang),
             format_money(r["total_cash"], 0, lang), format_percent(r["cost_of_sales"], 1, lang)]
            for r in cost_band(plan, (0.5, 0.9, 1.0, 1.1, 1.5))]
    cost_label = t("capstone.doc.cost_of_sales", lang=lang)
    out.append(_table([t("capstone.doc.attainment", lang=lang), t("capstone.doc.sales", lang=lang),
                       t("capstone.doc.incentive", lang=lang), t("capstone.doc.total_pay", lang=lang), cost_label],
                      rows, numeric={0, 1, 2, 3, 4}))
    p, q = cp.threshold_probability(pkg), cp.quota_probability(pkg)
    if p is not None:
        if cp.forecast_source(pkg) == "pipeline":
            target = t("capstone.forecast.target_budget", budget=format_money(pkg.budget["budget"], 0, lang), lang=lang)
        else:
            target = t("capstone.forecast.target_quota", lang=lang)
        out.append(f"<p>{_e(t('capstone.doc.forecast', threshold=format_percent(p, 0, lang), target=target, quota=format_percent(q, 0, lang), lang=lang))}</p>")
    out.append(f"<p class='muted forecast-source'>{_e(cp.forecast_note(pkg, lang))}</p>")
    return "".join(out)


def budget_rows(pkg: cp.Package, lang: str) -> list[list[str]]:
    """The budget part's figures as (label, value) rows in the language's format (empty without one)."""
    b = pkg.budget
    if not b:
        return []
    money = lambda v: format_money(round(float(v), -3), 0, lang)  # noqa: E731
    rows = [[t("capstone.doc.budget_amount", months=int(b["horizon"]), lang=lang), money(b["budget"])],
            [t("capstone.doc.p_budget", lang=lang), format_percent(b["p_reach"], 0, lang)]]
    if pkg.plan:
        rows.append([t("capstone.doc.p_threshold", threshold=format_percent(float(pkg.plan.get("threshold", 0)), 0, lang),
                       lang=lang), format_percent(cp.threshold_probability(pkg), 0, lang)])
    if "expected" in b:
        rows.append([t("capstone.doc.expected", lang=lang), money(b["expected"])])
    if all(k in b for k in ("p10", "p50", "p90")):
        rows.append([t("capstone.doc.quantiles", lang=lang), " / ".join(money(b[k]) for k in ("p10", "p50", "p90"))])
    if "zone_low" in b and "zone_high" in b:
        rows.append([t("capstone.doc.zone", lang=lang), f"{money(b['zone_low'])} – {money(b['zone_high'])}"])
    if "run_rate" in b:
        rows.append([t("capstone.doc.run_rate", lang=lang), money(b["run_rate"])])
    if "deals" in b:
        rows.append([t("capstone.doc.deals", lang=lang), format_number(b["deals"], 0, lang)])
    return rows


def _budget_section(pkg: cp.Package, lang: str) -> str:
    out = [f"<h2>{_e(t('capstone.doc.budget', lang=lang))}</h2>"]
    if not pkg.budget:
        return "".join(out) + _missing("budget", lang)
    out.append(_table([t("capstone.doc.figure", lang=lang), t("capstone.doc.value", lang=lang)], budget_rows(pkg, lang),
                      numeric={1}))
    out.append(f"<p class='muted forecast-source'>{_e(cp.forecast_note(pkg, lang))}</p>")
    return "".join(out)


def _board_section(pkg: cp.Package, lang: str) -> str:
    from . import delegation as dl

    out = [f"<h2>{_e(t('capstone.doc.board', lang=lang))}</h2>"]
    if not pkg.board:
        out.append(_missing("board", lang))
    else:
        frame = dl.to_frame(pkg.board["matrix"])
        roles = [c for c in frame.columns if frame[c].astype(str).str.strip().ne("").any()]
        header = [t("capstone.doc.decision", lang=lang)] + [cp._role_short(r, lang) for r in roles]
        rows = [[cp._decision(d, lang)] + [str(frame.at[d, r] or "") for r in roles] for d in frame.index]
        out.append(_table(header, rows))
        kpis = [cp._kpi(k, lang) for k in cp.measured_kpis(pkg)]
        out.append(f"<p>{_e(t('capstone.doc.measured', kpis=', '.join(kpis), lang=lang))}</p>")
    out.append(f"<h3>{_e(t('capstone.doc.levels', lang=lang))}</h3>")
    if not pkg.levels:
        out.append(_missing("levels", lang))
    else:
        rows = [[cp._decision(d, lang), format_number(v, 0, lang)] for d, v in pkg.levels.items()]
        out.append(_table([t("capstone.doc.decision", lang=lang), t("capstone.doc.level", lang=lang)], rows, numeric={1}))
    return "".join(out)


def _investment_section(pkg: cp.Package, lang: str) -> str:
    out = [f"<h2>{_e(t('capstone.doc.investment', lang=lang))}</h2>"]
    if not pkg.investment:
        out.append(_missing("investment", lang))
    else:
        out.append(f"<div class='investment'>{_markdown_safe(pkg.investment.get('markdown', ''))}</div>")
    if not pkg.strategy:
        out.append(_missing("strategy", lang))
    else:
        values = list(pkg.strategy.values())
        mean = sum(values) / len(values)
        out.append(f"<p>{_e(t('capstone.doc.maturity', value=format_number(mean, 1, lang), count=len(values), lang=lang))}</p>")
    return "".join(out)


def _coherence_section(pkg: cp.Package, lang: str) -> str:
    out = [f"<h2>{_e(t('capstone.doc.coherence', lang=lang))}</h2>"]
    findings = cp.coherence(pkg, lang)
    if not findings:
        out.append(f"<p class='ok'>{_e(t('capstone.doc.coherent', lang=lang))}</p>")
    for f in findings:
        mods = ", ".join(f.modules)
        out.append(f"<div class='finding'><p><b>{_e(f.title)}</b> <span class='muted'>"
                   f"({_e(t('capstone.doc.modules', modules=mods, lang=lang))})</span></p><p>{_e(f.text)}</p></div>")
    return "".join(out)


def _rubric_section(pkg: cp.Package, lang: str) -> str:
    s = cp.score(pkg, lang)
    rows = [[c.name, format_number(c.weight, 0, lang), format_number(c.points, 1, lang), c.explain + " " + c.why]
            for c in s.criteria]
    return (f"<h2>{_e(t('capstone.doc.rubric', lang=lang))}</h2>"
            + _table([t("capstone.doc.criterion", lang=lang), t("capstone.doc.weight", lang=lang),
                      t("capstone.doc.points", lang=lang), t("capstone.doc.why", lang=lang)], rows, numeric={1, 2})
            + f"<p><b>{_e(t('capstone.doc.total', total=format_number(s.total, 1, lang), maximum=format_number(s.maximum, 0, lang), lang=lang))}</b></p>")


def _reflections_section(pkg: cp.Package, lang: str) -> str:
    out = [f"<h2>{_e(t('capstone.doc.reflections', lang=lang))}</h2>"]
    texts = {k: v for k, v in pkg.reflections.items() if str(v).strip()}
    if not texts:
        return "".join(out) + f"<p class='muted'>{_e(t('capstone.doc.no_reflections', lang=lang))}</p>"
    try:
        from .exercises.bank import all_questions

        questions = all_questions()
    except Exception:  # noqa: BLE001 - a damaged bank must not stop the document
        questions = {}
    for rid, text in sorted(texts.items()):
        prompt = pick(questions[rid]["prompt"], lang).strip() if rid in questions else rid
        out.append(f"<h3>{_e(prompt)}</h3><div class='reflection'>{_e(text)}</div>")
    return "".join(out)


def package_html(pkg: cp.Package, lang: str | None = None) -> str:
    """The whole package as one self-contained HTML document in ``lang`` (learner text escaped)."""
    lang = resolve_language(lang)
    previous = get_language()
    set_language(lang)  # figures and number formats follow the document's language
    try:
        rows = [[cp.part_info(p, lang)["name"], t(f"capstone.source.{pkg.source.get(p, 'missing')}", lang=lang),
                 f"{cp.part_info(p, lang)['notebook']}: {cp.part_info(p, lang)['section']}"] for p in cp.PARTS]
        body = [f"<h1>{_e(t('capstone.doc.title', lang=lang))}</h1>",
                f"<p class='muted'>{_e(t('capstone.doc.generated', date=date.today().isoformat(), lang=lang))}</p>",
                f"<p>{_e(t('capstone.doc.intro', lang=lang))}</p>",
                f"<h2>{_e(t('capstone.doc.parts', lang=lang))}</h2>",
                _table([t("capstone.doc.part", lang=lang), t("capstone.doc.source", lang=lang), t("capstone.doc.where", lang=lang)], rows),
                _profile_section(pkg, lang), _budget_section(pkg, lang), _plan_section(pkg, lang), _board_section(pkg, lang),
                _investment_section(pkg, lang), _coherence_section(pkg, lang), _rubric_section(pkg, lang),
                _reflections_section(pkg, lang),
                f"<p class='muted'>{_e(t('capstone.doc.sources', lang=lang))}</p>"]
    finally:
        set_language(previous)
    title = _e(t("capstone.doc.title", lang=lang))
    return (f"<!doctype html><html lang='{'nb' if lang == 'nb' else 'en'}'><head><meta charset='utf-8'>"
            f"<title>{title}</title><style>{_CSS}</style></head><body>" + "".join(body) + "</body></html>")


def chromium_path() -> str | None:
    """The Chromium the course prints with (``CHROMIUM`` env, /usr/bin/chromium, or on PATH)."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def html_to_pdf(markup: str, out: str | os.PathLike, lang: str | None = None) -> Path:
    """Print an HTML document to PDF (A4) with headless Chromium; a translated error when it is missing."""
    path = chromium_path()
    if path is None:
        raise RuntimeError(t("capstone.pdf.no_chromium", path=os.environ.get("CHROMIUM") or "/usr/bin/chromium", lang=lang))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is in the lock
        raise RuntimeError(t("capstone.pdf.no_playwright", lang=lang)) from exc
    out = Path(out)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_content(markup, wait_until="load")
            page.pdf(path=str(out), format="A4", print_background=True,
                     margin={"top": "14mm", "bottom": "14mm", "left": "14mm", "right": "14mm"})
        finally:
            browser.close()
    return out


def write_package(out: str | os.PathLike, fmt: str = "html", lang: str | None = None, pkg: cp.Package | None = None,
                  case: bool = False, team=None, pipeline=None) -> Path:
    """Write the package to ``out`` as ``html`` or ``pdf``; ``case`` fills missing parts from the case;
    ``team`` and ``pipeline`` are a leader's own data (frames, see :func:`course_lib.capstone.gather`)."""
    if fmt not in FORMATS:
        from .i18n import invalid

        raise invalid("capstone.unknown_format", value=fmt, allowed=", ".join(FORMATS))
    lang = resolve_language(lang)
    if pkg is None:
        pkg = cp.gather(fill_from_case=case, team=team, lang=lang, pipeline=pipeline)
    markup = package_html(pkg, lang)
    out = Path(out)
    if fmt == "html":
        out.write_text(markup, encoding="utf-8")
        return out
    return html_to_pdf(markup, out, lang)


def register(subparsers) -> None:
    """Add ``course package --out FILE [--format html|pdf] [--lang nb|en] [--case] [--team FILE] [--pipeline FILE]``."""
    parser = subparsers.add_parser("package", help=t("capstone.cli.help"))
    parser.add_argument("--out", required=True)
    parser.add_argument("--format", choices=FORMATS, default=None)
    parser.add_argument("--lang", choices=("nb", "en"), default=None)
    parser.add_argument("--case", action="store_true")
    parser.add_argument("--team", default=None)
    parser.add_argument("--pipeline", default=None, help=t("capstone.cli.pipeline_help"))
    parser.set_defaults(func=run_cli)


def run_cli(args) -> int:
    """The ``course package`` command: write the document, or say clearly why it could not be made
    (a team or pipeline file that cannot be read, no Chromium for PDF): one translated line, exit 2."""
    import sys

    fmt = args.format or ("pdf" if str(args.out).lower().endswith(".pdf") else "html")
    previous = get_language()
    if args.lang:
        set_language(args.lang)  # the loaders' messages in the document's language
    try:
        from .cases import load_pipeline, load_team

        team = load_team(args.team) if getattr(args, "team", None) else None
        pipeline = load_pipeline(args.pipeline) if getattr(args, "pipeline", None) else None
        path = write_package(args.out, fmt=fmt, lang=args.lang, case=args.case, team=team, pipeline=pipeline)
    except (RuntimeError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        set_language(previous)
    print(t("capstone.cli.written", path=str(path), lang=args.lang))
    return 0
