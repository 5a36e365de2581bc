"""Module 04 content as data (issue 9): the shipped file and the trainer's example validate,
broken files are rejected naming file, entry and field, and an override changes the board."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

import course_lib
from course_lib import content
from course_lib import delegation as dl
from course_lib.delegation_catalog import check_content

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "course_lib" / "content" / "delegation.yaml"
EXAMPLE = ROOT / "docs" / "examples" / "content" / "delegation.yaml"

pytestmark = pytest.mark.usefixtures("english")  # these tests read English messages unless they switch


@pytest.fixture
def override(tmp_path, monkeypatch):
    """Write a content file into a fresh COURSE_CONTENT_DIR; the cache is cleared before and after."""
    monkeypatch.setenv("COURSE_CONTENT_DIR", str(tmp_path))
    content.clear_cache()

    def write(data=None, text=None):
        path = tmp_path / "delegation.yaml"
        path.write_text(text if text is not None else yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        content.clear_cache()
        return path
    yield write
    monkeypatch.delenv("COURSE_CONTENT_DIR")
    content.clear_cache()


def shipped():
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


def test_shipped_content_validates_and_feeds_the_public_names():
    """Does the shipped file pass schema and cross-checks, and do the public names come from it?"""
    data = content.load("delegation")
    assert check_content(data) == []
    assert list(dl.DECISIONS) == [d["id"] for d in shipped()["decisions"]]
    assert list(dl.ROLES) == [r["id"] for r in shipped()["roles"]]
    assert dl.PRESETS == ("today", "proposal", "empty")
    assert dl.DEFAULT_CONTROL_LEVEL == 5


def test_trainer_example_validates_and_changes_the_model(override):
    """Does docs/examples/content/delegation.yaml load, and does it model a sales manager who
    also runs customer service (A on service processes, a new staffing decision and KPI)?"""
    override(text=EXAMPLE.read_text(encoding="utf-8"))
    data = content.load("delegation")
    assert check_content(data) == []
    assert "service_staffing" in dl.DECISIONS and "response_time" in dl.KPIS
    today = dl.preset_matrix("today")
    assert dl.validate_raci(today) == [] and dl.validate_raci(dl.preset_matrix("proposal")) == []
    assert today.loc["customer_service_processes", "sales_manager"] == "A"
    report = dl.controllability_gaps(today)
    assert "customer_service_processes" in report.controlled
    assert "service_staffing" in report.working


def _break(mutate):
    data = shipped()
    mutate(data)
    return data


def _set(path, value):
    def mutate(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return mutate


BROKEN = {
    # name: (mutation, fragments the message must contain: entry and field)
    "missing language": (lambda d: d["decisions"][0]["name"].pop("en"), ["decisions/hire_sellers", "field \"name\"", "en"]),
    "unknown role in a preset": (lambda d: d["presets"][0]["cells"]["hire_sellers"].update(janitor="A"),
                                 ["presets/today", "cells.hire_sellers.janitor", "janitor"]),
    "unknown KPI a decision drives": (lambda d: d["decisions"][1]["drives"].append("revenue"),
                                      ["decisions/restructure_sellers", "drives.4", "revenue"]),
    "wrong type": (_set(["decisions", 0, "reference", "level"], "high"), ["decisions/hire_sellers", "reference.level"]),
    "duplicate id": (_set(["roles", 1, "id"], "ceo"), ["roles/ceo", "id"]),
    "unknown decision in a preset": (lambda d: d["presets"][1]["cells"].update(hire_seller={"ceo": "A"}),
                                     ["presets/proposal", "cells.hire_seller", "hire_seller"]),
    "placeholders differ": (_set(["decisions", 0, "source_point", "nb"], "Kilden sier {x}."),
                            ["decisions/hire_sellers", "source_point", "nb: x"]),
    "reference outside its range": (_set(["decisions", 2, "reference"],
                                         {"level": 7, "low": 1, "high": 3, "reason": {"nb": "x", "en": "x"}}),
                                    ["decisions/end_employment", "reference", "7"]),
    "unknown enabled decision": (lambda d: d["decisions"][-1]["enables"].append("world_peace"),
                                 ["decisions/top_management_seat", "enables.3", "world_peace"]),
    "unknown cell letter": (_set(["presets", 0, "cells", "hire_sellers", "ceo"], "X"),
                            ["presets/today", "cells.hire_sellers.ceo"]),
    "unknown focus role": (_set(["focus_role"], "salgsjef"), ["focus_role", "salgsjef"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_content_is_rejected_naming_file_entry_and_field(override, case):
    """Is each broken file rejected with a ContentError that names the file, the entry and the field?"""
    mutate, fragments = BROKEN[case]
    path = override(_break(mutate))
    with pytest.raises(content.ContentError) as err:
        content.load("delegation")
    message = str(err.value)
    assert isinstance(err.value, ValueError)
    assert path.name in message
    for fragment in fragments:
        assert fragment in message, (case, fragment, message)


def test_bad_yaml_is_rejected_naming_the_file(override):
    path = override(text="roles: [unclosed\n  - id: ceo\n")
    with pytest.raises(content.ContentError, match="delegation.yaml"):
        content.load("delegation")
    assert path.exists()


def test_cross_check_messages_follow_the_language(override):
    """Is a cross-check message in bokmål when the course runs in bokmål?"""
    course_lib.set_language("nb")
    override(_break(lambda d: d["presets"][0]["cells"]["hire_sellers"].update(janitor="A")))
    with pytest.raises(content.ContentError, match="ukjent rolle 'janitor'"):
        content.load("delegation")


def test_override_changes_what_the_board_app_shows(override):
    """Does a trainer's file (a renamed decision, one role fewer, another preset) change the board app?"""
    from course_lib.widgets.delegation import DecisionRightsBoard

    data = shipped()
    data["decisions"][0]["name"] = {"nb": "Rekruttere selgere", "en": "Recruit sellers"}
    data["roles"] = [r for r in data["roles"] if r["id"] != "it"]
    for p in data["presets"]:
        for row in p["cells"].values():
            row.pop("it", None)
        if "ict_budget" in p["cells"] and not any("R" in v for v in p["cells"]["ict_budget"].values()):
            p["cells"]["ict_budget"]["ceo"] = "A/R"
    data["presets"].insert(0, {"id": "workshop", "label": {"nb": "Verksted", "en": "Workshop"},
                               "cells": {"hire_sellers": {"sales_manager": "A/R"}}})
    override(data)
    course_lib.set_language("en")
    app = DecisionRightsBoard()
    assert ("hire_sellers", "it") not in app.cells and "it" not in app.roles
    assert app.preset.value == "workshop"
    assert [label for label, _ in app.preset.options] == ["Workshop", "Today (traditional company)",
                                                           "A reasoned proposal", "Empty board"]
    grid_text = " ".join(getattr(w, "value", "") for w in app.grid.children)
    assert "Recruit sellers" in grid_text and "Hire sellers" not in grid_text
    assert app.cells["hire_sellers", "sales_manager"].value == "A/R"
    labels = [t.get_text() for t in app.chart.ax.get_yticklabels()]
    assert any("Recruit sellers" in label for label in labels)
