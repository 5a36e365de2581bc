"""Module 06 model: gathering the package, the six coherence checks, the rubric."""
from dataclasses import replace

import pytest

from course_lib import capstone as cp
from course_lib import cases, content
from course_lib import delegation as dl
from course_lib.capstone_budget import with_budget


@pytest.fixture(scope="module")
def team():
    return cases.load_team()


@pytest.fixture
def good(team):
    return cp.coherent_case(team)


def _board(pkg, decision, cell):
    frame = dl.to_frame(pkg.board["matrix"])
    frame.loc[decision, cp.HER] = cell
    return replace(pkg, board={**pkg.board, "matrix": dl.matrix_to_dict(frame)})


def fired(pkg):
    return {f.check for f in cp.coherence(pkg)}


def test_coherent_package_is_silent(good, lang):
    assert cp.coherence(good, lang) == []


def test_case_today_fires_every_check(team, lang):
    """The case today without a module 02 budget (the team-months forecast): all six checks fire."""
    findings = cp.coherence(replace(cp.case_package(team), budget=None), lang)
    assert {f.check for f in findings} == set(cp.CHECKS)
    for f in findings:  # explained in words and pointing to a module
        assert f.modules and all(m in f.text for m in f.modules)
        assert len(f.text.split()) > 15


def test_controllability_fires_when_she_loses_a_driving_decision(good):
    assert fired(_board(good, "bonus_system", "I")) == {"controllability"}


def test_threshold_fires_when_threshold_out_of_reach(good):
    # module 02's forecast: the full budget, raised above the forecast's median
    pkg = replace(good, plan={**good.plan, "threshold": 1.0}, budget=with_budget(good.budget, 13_000_000))
    assert "threshold_probability" in fired(pkg)
    assert cp.threshold_probability(pkg) < 0.5 <= cp.threshold_probability(good)
    # no budget part: the team's recent months against the plan's quota
    pkg = replace(good, plan={**good.plan, "threshold": 1.0, "quota": 700_000}, budget=None)
    assert "threshold_probability" in fired(pkg)
    assert cp.threshold_probability(pkg) < 0.5 <= cp.threshold_probability(replace(good, budget=None))


def test_threshold_uses_own_team(good, team):
    richer = team.assign(new_sales=team["new_sales"] * 3)
    pkg = replace(good, plan={**good.plan, "threshold": 1.0, "quota": 700_000}, budget=None)
    assert "threshold_probability" in fired(pkg)
    assert "threshold_probability" not in fired(replace(pkg, team=richer))


def test_phase_fires_both_ways(good):
    assert fired(replace(good, plan={**good.plan, "weights": {"new_sales": 0.8, "renewals": 0.2}})) == {"phase_mismatch"}
    assert fired(replace(good, phase="growth")) == {"phase_mismatch"}
    growth_plan = {**good.plan, "weights": {"new_sales": 0.7, "renewals": 0.3}}
    assert fired(replace(good, phase="growth", plan=growth_plan)) == set()


def test_ict_budget_fires_without_the_budget(good):
    assert "ict_budget" in fired(_board(good, "ict_budget", "C"))
    measured_without_ict = {**good.board, "measured": ["new_sales", "renewals"]}
    pkg = _board(replace(good, board=measured_without_ict), "ict_budget", "C")
    assert "ict_budget" not in fired(pkg)


def test_weakest_question_fires_when_nothing_answers_it(good):
    profile = {**good.profile, "goal_attainability": 6, "sales_culture": 1.5}
    pkg = replace(good, profile=profile, strategy={})
    assert fired(pkg) == {"weakest_question"}
    assert fired(replace(good, profile=profile, strategy={"step1": 3})) == set()  # seven-steps work answers it


def test_no_seat_fires_when_goals_cross_functions(good):
    pkg = _board(good, cp.SEAT, "I")
    pkg = _board(pkg, "customer_service_processes", "C")
    assert "no_seat" in fired(pkg)
    assert "no_seat" not in fired(_board(pkg, cp.SEAT, "C"))


def test_score_changes_with_each_criterion(good, lang):
    base = {c.id: c.points for c in cp.score(good, lang).criteria}
    changed = {
        "completeness": replace(good, source={**good.source, "plan": "saved"}),
        "coherence": _board(good, "ict_budget", "C"),
        "controllability": _board(good, "bonus_system", "I"),
        "attainability": replace(good, plan={**good.plan, "threshold": 1.0}, budget=with_budget(good.budget, 13e6)),
        "phase_fit": replace(good, plan={**good.plan, "weights": {"new_sales": 0.9, "renewals": 0.1}}),
        "reflection": replace(good, reflections={cp.REFLECTION_ID: "ord " * 20}),
    }
    for cid, pkg in changed.items():
        now = {c.id: c.points for c in cp.score(pkg, lang).criteria}
        assert now[cid] != base[cid], cid
    s = cp.score(good, lang)
    assert s.maximum == sum(r["weight"] for r in cp.data()["rubric"])
    assert all(c.why and c.explain for c in s.criteria)


def test_rubric_weights_come_from_content(tmp_path, good, monkeypatch):
    import yaml

    data = yaml.safe_load((content.shipped_folder() / "capstone.yaml").read_text(encoding="utf-8"))
    for r in data["rubric"]:
        r["weight"] = 100 if r["id"] == "reflection" else 0
    (tmp_path / "capstone.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    content.set_content_dir(tmp_path)
    content.clear_cache()
    try:
        s = cp.score(replace(good, reflections={cp.REFLECTION_ID: "ord " * 80}))
        assert s.maximum == 100 and s.total == pytest.approx(100)
    finally:
        content.set_content_dir(None)
        content.clear_cache()


def test_gather_from_store_and_missing_parts(store, team, lang):
    pkg = cp.gather(store.load(), team=team)
    assert pkg.missing() == list(cp.PARTS)
    where = cp.missing_parts(pkg, lang)
    assert [w["notebook"] for w in where][:3] == ["01_motivation.ipynb", "02_plan_execute_control.ipynb",
                                                   "03_bonus_system.ipynb"]
    store.put("profiles", "Kari", cp.case_part("profile"))
    store.put("plans", "Min plan", {**cp.case_part("plan"), "name": "Min plan"})
    store.save_reflection(cp.REFLECTION_ID, "Tre endringer ...")
    pkg = cp.gather(store.load(), team=team, fill_from_case=True)
    assert pkg.source["profile"] == "saved" and pkg.source["plan"] == "saved" and pkg.source["board"] == "case"
    assert pkg.names["plan"] == "Min plan" and pkg.missing() == []
    assert pkg.reflections[cp.REFLECTION_ID].startswith("Tre")


def test_damaged_saved_part_counts_as_missing(store, team):
    store.put("plans", "bad", {"quota": -5})
    store.put("profiles", "bad", "not a profile")
    pkg = cp.gather(store.load(), team=team)
    assert pkg.source["plan"] == "missing" and pkg.source["profile"] == "missing"


def test_phase_saved_and_checked(store, team):
    cp.save_phase("growth")
    assert cp.gather(store.load(), team=team).phase == "growth"
    with pytest.raises(ValueError, match="loyalty"):
        cp.save_phase("harvest")


def test_own_team_csv(tmp_path, good):
    path = cases.write_default_team(tmp_path)
    team = cases.load_team(path)
    pkg = cp.gather({"sections": {}, "reflections": {}}, fill_from_case=True, team=team)
    assert cp.threshold_probability(pkg) is not None


def test_unknown_part_names_valid_ones(lang):
    with pytest.raises(ValueError, match="profile"):
        cp.part_info("salary")
