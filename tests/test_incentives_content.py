"""Is module 03's content file validated, and does a trainer's copy change what the models use?"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from course_lib import agency, content
from course_lib.i18n import set_language
from course_lib.incentives_content import cross_check

SHIPPED = Path(content.shipped_folder()) / "incentives.yaml"

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def override(tmp_path):
    """Write a changed copy of the shipped file into a trainer folder and point the course at it."""
    def write(change=None, text=None):
        if text is None:
            data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
            change(data)
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (tmp_path / "incentives.yaml").write_text(text, encoding="utf-8")
        content.set_content_dir(tmp_path)
        content.clear_cache()
        return tmp_path / "incentives.yaml"

    yield write
    content.set_content_dir(None)
    content.clear_cache()


def test_does_the_shipped_file_validate():
    content.clear_cache()
    data = content.load("incentives")
    assert cross_check(data) == []
    assert dict(agency.UNITS) == {"east": "loyalty", "west": "growth"}


BROKEN = [
    ("missing language", lambda d: d["phases"][0]["label"].pop("en"), "phases/growth", "label"),
    ("unknown phase", lambda d: d["units"].update(east="boom"), "units.east", "phase"),
    ("wrong type", lambda d: d["simulation"].update(deal_value="many"), "simulation", "deal_value"),
    ("duplicate id", lambda d: d["checklist"].append(copy.deepcopy(d["checklist"][0])), "checklist", "id"),
    ("asymmetric cost", lambda d: d["simulation"].update(task_cost=[[1.0, 0.3], [0.1, 1.0]]), "simulation", "task_cost"),
    ("care effect of 1", lambda d: d["phases"][1].update(care_effect=1.0), "phases/loyalty", "care_effect"),
    ("unknown kind", lambda d: d["checklist"][0].update(kind="rumour"), "checklist/seasonal_quota", "kind"),
    ("placeholders differ", lambda d: d["risk_rules"]["note"].update(nb="Merk {x}"), "risk_rules", "note"),
]


@pytest.mark.parametrize("name,change,entry,field", BROKEN, ids=[b[0] for b in BROKEN])
def test_is_a_broken_file_rejected_naming_file_entry_and_field(override, name, change, entry, field):
    path = override(change)
    with pytest.raises(content.ContentError) as info:
        content.load("incentives")
    message = str(info.value)
    assert str(path) in message or "incentives.yaml" in message
    assert entry in message and field in message, message


def test_is_bad_yaml_rejected(override):
    override(text="topic: incentives\nphases: [unclosed\n")
    with pytest.raises(content.ContentError, match="incentives.yaml"):
        content.load("incentives")


def test_is_the_message_in_the_learners_language(override):
    override(lambda d: d["units"].update(east="boom"))
    set_language("nb")
    try:
        with pytest.raises(content.ContentError, match="Ukjent fase"):
            content.load("incentives")
    finally:
        set_language("en")


def test_does_an_override_change_the_model(override):
    before = agency.simulate_phase(agency.weighted_plan(1.0), "loyalty").totals["profit"]
    override(lambda d: d["simulation"].update(margin_service=0.3))
    after = agency.simulate_phase(agency.weighted_plan(1.0), "loyalty").totals["profit"]
    assert after < before
    override(lambda d: d["units"].update(east="growth", west="loyalty"))
    assert dict(agency.UNITS) == {"east": "growth", "west": "loyalty"}
