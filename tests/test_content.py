"""The content loader: schema, texts in both languages, cross-checks, overrides, hostile YAML."""
import json

import pytest

from course_lib import content, i18n
from course_lib.content import ContentError


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A package content folder with one small topic, 'demo'."""
    folder = tmp_path / "shipped"
    folder.mkdir()
    (folder / "demo.schema.json").write_text(json.dumps({
        "type": "object", "required": ["roles"], "additionalProperties": False,
        "properties": {"roles": {"type": "array", "items": {
            "type": "object", "required": ["id", "name"], "additionalProperties": False,
            "properties": {"id": {"type": "string"}, "name": {"type": "object"},
                           "weight": {"type": "number"}}}}}}))
    (folder / "demo.yaml").write_text(
        "roles:\n  - id: ceo\n    name: {nb: Daglig leder, en: CEO}\n"
        "  - id: hr\n    name: {nb: HR-sjef, en: HR director}\n", encoding="utf-8")
    monkeypatch.setattr(content, "shipped_folder", lambda: folder)
    monkeypatch.delenv("COURSE_CONTENT_DIR", raising=False)
    content.set_content_dir(None)
    yield folder
    content.set_content_dir(None)
    content._checks.pop("demo", None)


def _broken(shipped, text):
    (shipped / "demo.yaml").write_text(text, encoding="utf-8")
    content.clear_cache()
    with pytest.raises(ContentError) as info:
        content.load("demo")
    return info.value


def test_shipped_file_loads_and_is_cached(shipped):
    data = content.load("demo")
    assert [r["id"] for r in data["roles"]] == ["ceo", "hr"]
    assert content.load("demo") is data


def test_wrong_type_names_entry_and_field(shipped):
    err = _broken(shipped, "roles:\n  - id: ceo\n    name: {nb: a, en: b}\n    weight: heavy\n")
    assert (err.file, err.entry, err.field) == ("demo.yaml", "roles/ceo", "weight")
    assert "demo.yaml" in str(err) and "roles/ceo" in str(err) and "weight" in str(err)


@pytest.mark.parametrize("lang, word", [("nb", "mangler språket"), ("en", "lacks the language")])
def test_missing_language_is_named_in_the_learners_language(shipped, lang, word):
    i18n.set_language(lang)
    err = _broken(shipped, "roles:\n  - id: ceo\n    name: {nb: Daglig leder}\n")
    assert err.entry == "roles/ceo" and err.field == "name.en" and word in str(err)


def test_placeholders_must_match(shipped):
    err = _broken(shipped, "roles:\n  - id: ceo\n    name: {nb: 'Leder {x}', en: Leader}\n")
    assert err.field == "name" and "x" in str(err)


def test_bad_yaml_names_the_line(shipped):
    err = _broken(shipped, "roles:\n  - id: ceo\n    name: {nb: a, en: b\n")
    assert err.field.startswith("line ")


def test_aliases_are_refused_quickly(shipped):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"
    err = _broken(shipped, bomb)
    assert "&" in str(err) and len(str(err)) < 400


def test_cross_check_reports_entry(shipped):
    def no_hr(data):
        for role in data["roles"]:
            if role["id"] == "hr":
                yield f"roles/{role['id']}", "id", "HR is not allowed here"

    content.register_check("demo", no_hr)
    content.clear_cache()
    with pytest.raises(ContentError, match="HR is not allowed"):
        content.load("demo")


def test_override_folder_replaces_the_shipped_file(shipped, tmp_path, monkeypatch):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "demo.yaml").write_text("roles:\n  - id: cs\n    name: {nb: Kundeservicesjef, en: Head of customer service}\n")
    monkeypatch.setenv("COURSE_CONTENT_DIR", str(mine))
    content.clear_cache()
    assert [r["id"] for r in content.load("demo")["roles"]] == ["cs"]
    (mine / "demo.yaml").write_text("roles: 5\n")
    content.clear_cache()
    with pytest.raises(ContentError) as info:
        content.load("demo")
    assert str(mine / "demo.yaml") in str(info.value)


def test_unknown_topic_lists_known_ones(shipped):
    with pytest.raises(ContentError, match="demo"):
        content.load("nope")


def test_not_utf8(shipped):
    (shipped / "demo.yaml").write_bytes("roles: [{id: \"\xe6\"}]".encode("cp1252"))
    content.clear_cache()
    with pytest.raises(ContentError, match="UTF-8"):
        content.load("demo")


def test_check_all_reports_problems(shipped):
    assert content.check_all() == []
    (shipped / "demo.yaml").write_text("roles: [1]\n")
    problems = content.check_all()
    assert len(problems) == 1 and "demo.yaml" in problems[0]


def test_every_shipped_content_file_validates():
    """Is every content file that ships with the course usable (schema, texts, cross-checks)?"""
    content.clear_cache()
    assert content.check_all() == []
