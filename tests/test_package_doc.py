"""Module 06 package document: HTML in both languages, escaping, PDF through Chromium, the CLI."""
import argparse
import re
from dataclasses import replace

import pytest

from course_lib import capstone as cp
from course_lib import package_doc as doc

HOSTILE = ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">', "</div><b onclick=x>hi</b>"]


@pytest.fixture(scope="module")
def case_pkg():
    return cp.case_package()


def test_html_for_the_case_in_both_languages(case_pkg, lang, tmp_path):
    path = doc.write_package(tmp_path / f"p_{lang}.html", "html", lang, pkg=case_pkg)
    text = path.read_text(encoding="utf-8")
    words = re.sub(r'src="data:[^"]*"', "", text)
    assert f"lang='{lang}'" in text
    assert text.count("<img ") == 2 and text.count('alt="') == 2  # profile chart and payout curve
    assert all(len(a) > 20 for a in re.findall(r'alt="([^"]*)"', text))
    if lang == "nb":  # the plan's figures, and the budget with module 02's forecast (11 % chance)
        assert "Motivasjonspakke" in text and "400 000 kr" in text and "12 800 000 kr" in text and "11 %" in text
        assert "Budsjett og prognose (modul 02)" in text and "pipelineprognosen fra modul 02" in text
        assert "NOK" not in words and not re.search(r"\d\.\d %|\d,\d{3}", words)
    else:
        assert "motivation package" in text and "NOK 400,000" in text and "NOK 12,800,000" in text and "11%" in text
        assert "Budget and forecast (module 02)" in text and "module 02&#x27;s pipeline forecast" in text
    for f in cp.coherence(case_pkg, lang):
        assert doc._e(f.title) in text


def test_learner_text_never_becomes_markup(case_pkg, lang):
    pkg = replace(case_pkg,
                  plan={**case_pkg.plan, "name": HOSTILE[0]},
                  investment={"markdown": "Note " + HOSTILE[1] + "\n\n" + HOSTILE[2]},
                  reflections={cp.REFLECTION_ID: HOSTILE[0] + HOSTILE[1], "x<script>": HOSTILE[2]})
    text = doc.package_html(pkg, lang)
    low = text.lower()
    assert "<script" not in low and "onerror=" not in low.replace("onerror=&quot;", "")
    assert "<img src=x" not in low and "<b onclick" not in low
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=" in text


def test_missing_parts_say_where_to_go(store, lang):
    pkg = cp.gather(store.load())
    text = doc.package_html(pkg, lang)
    for part in cp.PARTS:
        assert cp.part_info(part, lang)["notebook"] in text


def test_pdf_for_the_case(case_pkg, lang, tmp_path):
    if doc.chromium_path() is None:
        pytest.skip("chromium not installed")
    path = doc.write_package(tmp_path / f"p_{lang}.pdf", "pdf", lang, pkg=case_pkg)
    data = path.read_bytes()
    assert data[:5] == b"%PDF-" and len(data) > 20_000
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 3


def test_pdf_without_chromium_says_so(case_pkg, lang, tmp_path, monkeypatch):
    monkeypatch.setattr(doc, "chromium_path", lambda: None)
    with pytest.raises(RuntimeError, match="Chromium"):
        doc.write_package(tmp_path / "p.pdf", "pdf", lang, pkg=case_pkg)
    assert not (tmp_path / "p.pdf").exists()


def test_unknown_format(case_pkg, tmp_path, lang):
    with pytest.raises(ValueError, match="html, pdf"):
        doc.write_package(tmp_path / "p.doc", "doc", lang, pkg=case_pkg)


def _cli(argv):
    parser = argparse.ArgumentParser(prog="course")
    doc.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_writes_case_package(tmp_path, capsys):
    out = tmp_path / "pakke.html"
    assert _cli(["package", "--out", str(out), "--lang", "nb", "--case"]) == 0
    assert "Motivasjonspakke" in out.read_text(encoding="utf-8")
    assert str(out) in capsys.readouterr().out


def test_cli_own_team_and_pdf_message(tmp_path, capsys, monkeypatch):
    from course_lib import cases

    team = cases.write_default_team(tmp_path)
    out = tmp_path / "own.html"
    assert _cli(["package", "--out", str(out), "--lang", "en", "--case", "--team", str(team)]) == 0
    monkeypatch.setattr(doc, "chromium_path", lambda: None)
    assert _cli(["package", "--out", str(tmp_path / "x.pdf"), "--lang", "en"]) == 2
    assert "Chromium" in capsys.readouterr().err


def _tag_problems(markup: str) -> list[str]:
    from tests.test_html_safety import _Tags

    parser = _Tags()
    parser.feed(re.sub(r'src="data:[^"]*"', 'src=""', markup))  # the package's own embedded charts
    parser.close()
    return parser.problems + [f"style x{parser.styles}"]


@pytest.fixture(scope="module")
def case_problems(case_pkg):
    return {lang: _tag_problems(doc.package_html(case_pkg, lang)) for lang in ("nb", "en")}


def _payloads():
    from tests.test_html_safety import PAYLOADS

    return PAYLOADS


@pytest.mark.parametrize("payload", _payloads())
def test_every_hostile_payload_stays_text_in_markdown(payload):
    """package_doc's Markdown is html_safety's: the full list of hostile texts (tests/test_html_safety.PAYLOADS)."""
    from tests.test_html_safety import assert_inert

    assert_inert(doc._markdown_safe(payload))


def test_every_hostile_payload_stays_text_in_the_package(case_pkg, case_problems, lang):
    """All hostile texts at once in every learner field of the package (one render per language)."""
    payloads = _payloads()
    pkg = replace(case_pkg, plan={**case_pkg.plan, "name": " ".join(payloads)},
                  investment={"markdown": "\n\n".join(payloads)},
                  reflections={cp.REFLECTION_ID: "\n\n".join(payloads), **{p[:40]: p for p in payloads}})
    # the learners' text adds no tag, attribute, comment or style beyond what the case's package has
    assert _tag_problems(doc.package_html(pkg, lang)) == case_problems[lang]
