"""Tests for the seven-steps self-assessment and the goal cascade (course_lib.strategy)."""
from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib import content, set_language
from course_lib import delegation as dl
from course_lib import strategy as sg


def test_are_there_seven_steps_with_two_or_three_statements_each():
    steps = sg.steps()
    assert [s["number"] for s in steps] == list(range(1, 8))
    assert all(2 <= len(s["statements"]) <= 3 for s in steps)


#: Stig Hammer's seven tips as the source text (Kunøe & Berntsen, n.d.) lists them, and the close English
#: translations the course once used: test data only, to check that the course does not reuse the wording.
SOURCE_TIPS = [
    "Forstå at internett har endret kundenes kjøpsprosess for alltid",
    "Hjelp kundene gjennom kjøpsprosessen",
    "Ta eierskap over egen digitale kommunikasjonskanal",
    "Lag en konverteringsstrategi som gir kunden dypere kjøpsinteresse",
    "Samle sanntidsdata for å trekke kunden nærmere et kjøp",
    "Ha et integrert og automatisert system som bistår markedsføring og salg",
    "Tilpass markedsførings- og salgsprosessene for fullt utbytte av de digitale mulighetene",
]
CLOSE_TRANSLATIONS = [
    "Understand that the internet has changed the customers' buying process for good",
    "Help the customers through the buying process",
    "Take ownership of your own digital communication channel",
    "Create a conversion strategy that deepens the customer's interest in buying",
    "Collect real-time data to bring the customer closer to a purchase",
    "Have an integrated and automated system that supports marketing and sales",
    "Adapt the marketing and sales processes to get the full benefit of the digital possibilities",
]


def _words(text: str) -> list[str]:
    return re.findall(r"[\wæøå]+", text.lower())


def shared_run(text: str, source: str, n: int = 4) -> str | None:
    """The first run of ``n`` words ``text`` shares with ``source`` (outside quotation marks), if any."""
    unquoted = re.sub(r"«[^»]*»|\"[^\"]*\"|“[^”]*”", " ", text)
    grams = {tuple(_words(source)[i:i + n]) for i in range(len(_words(source)) - n + 1)}
    words = _words(unquoted)
    for i in range(len(words) - n + 1):
        if tuple(words[i:i + n]) in grams:
            return " ".join(words[i:i + n])
    return None


def course_texts_about_the_steps() -> list[str]:
    texts = []
    for s in sg.steps():
        texts += [s["title"]["nb"], s["title"]["en"], s["short"]["nb"], s["short"]["en"]]
    bank = yaml.safe_load((Path(content.__file__).parent / "banks" / "digital.yaml").read_text(encoding="utf-8"))
    for q in bank["questions"] if isinstance(bank, dict) else bank:
        if q["id"] == "digital.steps_match":
            texts += [v for item in q["items"] for v in item["text"].values()]
    return texts


def test_are_the_seven_steps_in_the_courses_own_words():
    """No step title, short name or quiz item repeats four words in a row from Hammer's tips (or the old
    close translations) unless it marks them as a quotation."""
    texts = course_texts_about_the_steps()
    assert len(texts) >= 7 * 4 + 8
    copied = [(text, run) for text in texts for source in SOURCE_TIPS + CLOSE_TRANSLATIONS
              if (run := shared_run(text, source))]
    assert not copied


def test_do_the_steps_keep_the_tips_order_and_meaning_and_credit_hammer():
    titles = {s["id"]: (s["title"]["nb"] + " " + s["title"]["en"]).lower() for s in sg.steps()}
    assert [s["number"] for s in sg.steps()] == list(range(1, 8))
    assert "nett" in titles["buying_process"] and "online" in titles["buying_process"]
    assert "eier" in titles["own_channel"] and "owns" in titles["own_channel"]
    assert "system" in titles["integrated_system"] and "routine" in titles["integrated_system"]
    header = (Path(content.__file__).parent / "content" / "strategy.yaml").read_text(encoding="utf-8")[:900]
    assert "Hammer" in header and "Kunøe & Berntsen" in header
    root = Path(__file__).resolve().parents[1]
    for lang, credit in (("nb", "Kunøe og Berntsen, u.å."), ("en", "Kunøe & Berntsen, n.d.")):
        text = (root / "notebooks" / lang / "05_digital_strategy.ipynb").read_text(encoding="utf-8")
        assert "Stig Hammer" in text and credit in text


def test_would_the_own_words_check_catch_a_copied_tip():
    assert shared_run("Samle sanntidsdata for å trekke kunden nærmere", SOURCE_TIPS[4]) == "samle sanntidsdata for å"
    assert shared_run("Hammer: «samle sanntidsdata for å trekke kunden nærmere et kjøp» (Kunøe og Berntsen, u.å.)",
                      SOURCE_TIPS[4]) is None
    assert shared_run("Help the customers through the buying process", CLOSE_TRANSLATIONS[1])


def test_is_maturity_the_mean_of_the_answers_per_step():
    answers = {"integrated_system.one_system": 1, "integrated_system.automation": 2, "integrated_system.budget": 4}
    row = sg.score(answers).set_index("step").loc["integrated_system"]
    assert row["maturity"] == pytest.approx(7 / 3)
    assert row["share"] == pytest.approx((7 / 3 - 1) / 4)
    assert row["answered"] == 3
    assert math.isnan(sg.score(answers).set_index("step").loc["own_channel", "maturity"])


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted({"own_channel.website", "own_channel.owner", "conversion.nurture"})),
                       st.integers(min_value=1, max_value=5), min_size=1))
def test_does_raising_one_answer_never_lower_its_steps_maturity(answers):
    sid = next(iter(answers))
    if answers[sid] == 5:
        return
    step = sid.split(".")[0]
    before = sg.score(answers).set_index("step").loc[step, "maturity"]
    after = sg.score({**answers, sid: answers[sid] + 1}).set_index("step").loc[step, "maturity"]
    assert after > before


def test_are_the_bands_ordered_and_the_case_answers_complete():
    assert sg.check_answers(sg.case_answers(), complete=True)
    assert sg.band(1.0)["id"] == "beginning"
    assert sg.band(3.0)["id"] == "developing"
    assert sg.band(5.0)["id"] == "established"


def test_do_the_top_levers_pick_the_least_mature_steps_of_the_case():
    levers = sg.top_levers(sg.case_answers(), k=3)
    scores = sg.score(sg.case_answers()).set_index("step")["maturity"]
    assert list(levers["step"]) == list(scores.sort_values(kind="stable").index[:3])
    assert levers.loc[0, "step"] == "integrated_system"


def test_does_every_interpretation_name_band_lever_and_what_it_affects(english):
    lines = sg.interpretation(sg.case_answers())
    assert len(lines) == 7
    assert "Lever for top management" in lines[5] and "Affects the investment" in lines[5]


def test_does_compare_show_the_learner_minus_the_case():
    learner = {**sg.case_answers(), "own_channel.website": 5, "own_channel.owner": 4}
    table = sg.compare(learner).set_index("number")
    assert table.loc[3, "difference"] == pytest.approx(4.5 - 1.5)
    assert table.drop(index=3)["difference"].abs().max() == 0


# --------------------------------------------------------------------------- goal cascade


def test_is_a_kpi_flagged_when_she_does_not_decide_the_ict_budget():
    table = sg.cascade_table("today").set_index("kpi")
    assert table.loc["crm_adoption", "flagged"]
    assert "ict_budget" in table.loc["crm_adoption", "missing_ids"]


def test_is_a_kpi_flagged_when_marketing_decides_the_website():
    table = sg.cascade_table("today", granted=["ict_budget"]).set_index("kpi")
    assert "website" in table.loc["sql_volume", "missing_ids"]
    assert "ict_budget" not in table.loc["sql_volume", "missing_ids"]


def test_do_the_flags_go_when_every_input_is_granted():
    every = sorted({i for k in sg.cascade()["kpis"] for i in k["inputs"]})
    assert sg.flagged_kpis("today", granted=every) == ()


def test_does_delegation_at_level_seven_count_as_hers_as_in_module_04():
    levels = {"ict_budget": 7, "hire_sellers": 7, "restructure_sellers": 7}
    assert "crm_adoption" not in sg.flagged_kpis("today", levels=levels)


def test_does_the_cascade_agree_with_module_04s_controls():
    full = sg.cascade_matrix("today")
    board = {d: row for d, row in full.items() if d in dl.DECISIONS}
    held = set(dl.controls(board, "sales_manager"))
    held |= {d for d, row in full.items() if d not in dl.DECISIONS and "A" in row.get("sales_manager", "")}
    for row in sg.cascade_table("today").itertuples():
        kpi = next(k for k in sg.cascade()["kpis"] if k["id"] == row.kpi)
        assert set(row.missing_ids) == {i for i in kpi["inputs"] if i not in held}


# --------------------------------------------------------------------------- content validation


def _override(tmp_path, monkeypatch, edit):
    data = yaml.safe_load(open(content.__file__.replace("content.py", "content/strategy.yaml"), encoding="utf-8"))
    edit(data)
    (tmp_path / "strategy.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("COURSE_CONTENT_DIR", str(tmp_path))
    content.clear_cache()


@pytest.mark.parametrize("edit,words", [
    (lambda d: d["steps"][0].update(number=9), "number"),
    (lambda d: d["case_answers"].update({"own_channel.website": 8}), "own_channel.website"),
    (lambda d: d["cascade"]["kpis"][0]["inputs"].append("coffee_machine"), "coffee_machine"),
    (lambda d: d["steps"][2]["affects"].update(target="nowhere"), "nowhere"),
    (lambda d: d["cascade"]["extra_inputs"][0].update(decided_by="janitor"), "janitor"),
])
def test_is_a_broken_trainer_override_refused_naming_the_entry(tmp_path, monkeypatch, edit, words):
    _override(tmp_path, monkeypatch, edit)
    try:
        with pytest.raises(content.ContentError) as info:
            sg.steps()
        assert words in str(info.value)
    finally:
        monkeypatch.delenv("COURSE_CONTENT_DIR")
        content.clear_cache()


def test_is_a_valid_trainer_override_used(tmp_path, monkeypatch):
    _override(tmp_path, monkeypatch, lambda d: d["case_answers"].update({"own_channel.website": 5}))
    try:
        assert sg.case_answers()["own_channel.website"] == 5
    finally:
        monkeypatch.delenv("COURSE_CONTENT_DIR")
        content.clear_cache()
    assert sg.case_answers()["own_channel.website"] == 1


# --------------------------------------------------------------------------- bad inputs, both languages

BAD = [
    ("answer 6", lambda: sg.score({"own_channel.website": 6}), ["fra 1 til 5", "own_channel.website", "6"],
     ["from 1 to 5", "own_channel.website", "6"]),
    ("answer 2.5", lambda: sg.score({"own_channel.website": 2.5}), ["helt tall", "2,5"], ["whole number", "2.5"]),
    ("unknown statement", lambda: sg.score({"website.great": 3}), ["Ukjent påstand", "website.great", "own_channel.owner"],
     ["Unknown statement", "website.great", "own_channel.owner"]),
    ("answers not a mapping", lambda: sg.score([3, 4]), ["oppslagstabell", "list"], ["mapping", "list"]),
    ("incomplete", lambda: sg.check_answers({"own_channel.website": 3}, complete=True), ["mangler svar"],
     ["no answer yet"]),
    ("unknown granted input", lambda: sg.cascade_table(granted=["coffee"]), ["Ukjent innsatsfaktor", "coffee", "website"],
     ["Unknown input", "coffee", "website"]),
]


@pytest.mark.parametrize("name,call,nb,en", BAD, ids=[b[0] for b in BAD])
def test_is_a_bad_answer_refused_with_a_clear_message_in_both_languages(name, call, nb, en):
    for lang, parts in (("nb", nb), ("en", en)):
        set_language(lang)
        with pytest.raises(ValueError) as info:
            call()
        for part in parts:
            assert part in str(info.value), (lang, str(info.value))
    set_language("en")
