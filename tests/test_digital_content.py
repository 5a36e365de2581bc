"""Module 05's content files (content/funnel.yaml, content/investment.yaml): broken copies are refused by
name, and a trainer's copy changes what the funnel and the investment case return."""
from __future__ import annotations

import copy
from importlib import resources

import pytest
import yaml

from course_lib import content, funnel as fn, investment as iv, set_language
from course_lib.content import ContentError


def _shipped(topic):
    return yaml.safe_load((resources.files("course_lib") / "content" / f"{topic}.yaml").read_text(encoding="utf-8"))


SHIPPED = {"funnel": _shipped("funnel"), "investment": _shipped("investment")}
CTX = dict(users=10, sellers=8, new_sales=10_000_000, churned=1_000_000)


@pytest.fixture
def trainer(tmp_path, monkeypatch):
    """Write a changed copy of a content file into a trainer's folder and point COURSE_CONTENT_DIR at it."""
    monkeypatch.setenv("COURSE_CONTENT_DIR", str(tmp_path))
    content.set_content_dir(None)

    def write(topic, change):
        data = copy.deepcopy(SHIPPED[topic])
        change(data)
        path = tmp_path / f"{topic}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        content.clear_cache()
        return path

    yield write
    monkeypatch.delenv("COURSE_CONTENT_DIR")
    content.clear_cache()
    set_language("nb")


def _row(rows, key):
    return next(r for r in rows if r["id"] == key)


BROKEN = [
    ("funnel", "likely above high", lambda d: _row(d["rates"], "mql_to_sql").__setitem__("likely", 0.7),
     "rates/mql_to_sql", "likely"),
    ("funnel", "rate above one", lambda d: _row(d["rates"], "lead_to_mql").__setitem__("high", 1.4),
     "rates/lead_to_mql", "high"),
    ("funnel", "source without English", lambda d: _row(d["rates"], "visit_to_lead")["source"].pop("en"),
     "rates/visit_to_lead", "source"),
    ("funnel", "step twice", lambda d: _row(d["rates"], "lead_to_mql").__setitem__("id", "visit_to_lead"),
     "rates/visit_to_lead", "id"),
    ("funnel", "deal value low above likely", lambda d: d["deal_value"].__setitem__("low", 90_000),
     "deal_value", "likely"),
    ("funnel", "visitors not whole", lambda d: d["case"].__setitem__("visitors", 6.5e4 + 0.5), "case/visitors", "-"),
    ("investment", "share above one", lambda d: _row(d["inputs"], "churn_reduction").__setitem__("high", 1.5),
     "inputs/churn_reduction", "high"),
    ("investment", "hours beyond a week", lambda d: _row(d["inputs"], "hours_saved_per_seller_week")
     .__setitem__("high", 45), "inputs/hours_saved_per_seller_week", "high"),
    ("investment", "margin as text", lambda d: d["context"].__setitem__("gross_margin", "30 %"),
     "context/gross_margin", "-"),
    ("investment", "claim without caveat", lambda d: d["hedged_claims"][0].pop("caveat"),
     "hedged_claims/nucleus_crm_roi", "-"),
    ("investment", "inputs out of order", lambda d: d["inputs"].reverse(), "inputs", "id"),
]


@pytest.mark.parametrize("topic,case_id,change,entry,field", BROKEN, ids=[f"{b[0]}: {b[1]}" for b in BROKEN])
def test_is_a_broken_module_05_file_refused_naming_file_entry_and_field(trainer, topic, case_id, change, entry, field):
    path = trainer(topic, change)
    with pytest.raises(ContentError) as info:
        fn.expected_customers(10_000) if topic == "funnel" else iv.check_inputs(None)
    err = info.value
    assert (err.file, err.entry, err.field) == (str(path), entry, field), str(err)


@pytest.mark.parametrize("lang,words", [("nb", "low ≤ likely ≤ high, fikk"), ("en", "a range needs low ≤ likely ≤ high")])
def test_is_the_range_message_in_the_learners_language(trainer, lang, words):
    set_language(lang)
    trainer("funnel", lambda d: _row(d["rates"], "sql_to_opportunity").__setitem__("low", 0.6))
    with pytest.raises(ContentError, match=words):
        fn.DEFAULT_RATES


def test_does_check_content_run_the_cross_checks_of_both_files(trainer):
    trainer("funnel", lambda d: _row(d["rates"], "mql_to_sql").__setitem__("likely", 0.7))
    trainer("investment", lambda d: _row(d["inputs"], "training").__setitem__("low", 200_000))
    problems = content.check_all()
    assert len(problems) == 2
    assert any("funnel.yaml" in p and "mql_to_sql" in p for p in problems)
    assert any("investment.yaml" in p and "training" in p for p in problems)


def test_does_a_trainers_funnel_file_change_what_the_funnel_returns(trainer):
    before = fn.expected_customers(10_000)
    target = fn.case_inbound_target()

    def change(d):
        _row(d["rates"], "visit_to_lead").update(low=0.02, likely=0.04, high=0.06)
        _row(d["rates"], "visit_to_lead")["source"]["en"] = "Our own web analytics, 2025"
        d["case"].update(visitors=90_000, inbound_share=0.2)

    trainer("funnel", change)
    mean_before = (0.01 + 0.025 + 0.05) / 3
    assert fn.expected_customers(10_000) == pytest.approx(before * 0.04 / mean_before)
    assert fn.CASE_VISITORS == 90_000
    assert fn.case_inbound_target() == pytest.approx(2 * target)
    assert fn.rates_table(lang="en").loc[0, "source"] == "Our own web analytics, 2025"


def test_does_a_trainers_investment_file_change_what_the_case_returns(trainer):
    base = iv.tornado(context=iv.Context(**CTX))["base"].iloc[0]

    def change(d):
        _row(d["inputs"], "licence_per_user_month").update(low=100, likely=200, high=300)
        d["context"]["gross_margin"] = 0.45
        d["hedged_claims"][0]["claim"]["en"] = "A vendor says CRM pays back tenfold."

    trainer("investment", change)
    assert iv.Context(**CTX).gross_margin == 0.45
    assert iv.DEFAULT_INPUTS["licence_per_user_month"].likely == 200
    assert iv.tornado(context=iv.Context(**CTX))["base"].iloc[0] > base
    assert iv.hedged_claims("en")[0].startswith("A vendor says CRM pays back tenfold.")
