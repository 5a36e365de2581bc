"""Tables in HTML: every header cell has a name (axe rule empty-table-header), row labels are row headers."""
from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
import pytest

from course_lib.tables import learner_table


class Cells(HTMLParser):
    """Collects (tag, attributes, text) for every th and td."""

    def __init__(self):
        super().__init__()
        self.cells, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("th", "td"):
            self._open = [tag, dict(attrs), ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._open is not None:
            self.cells.append(tuple(self._open))
            self._open = None


def cells(html: str):
    parser = Cells()
    parser.feed(html)
    return parser.cells


def headers(html: str):
    return [c for c in cells(html) if c[0] == "th"]


FRAME = pd.DataFrame({"sales": [43345000.0, 1200.0], "attainment": [1.0146, 0.9]}, index=["east", "west"])
FORMATS = {"sales": "money", "attainment": "percent"}


@pytest.mark.parametrize("lang, hidden", [("nb", "Rad"), ("en", "Row")])
def test_does_an_unnamed_index_get_a_hidden_header_name(lang, hidden):
    html = learner_table(FRAME, formats=FORMATS, index=True, lang=lang).to_html()
    ths = headers(html)
    assert all(text.strip() for _, _, text in ths), ths
    assert ths[0][2] == hidden
    assert f'<span class="course-sr-only">{hidden}</span>' in html and ".course-sr-only{" in html


def test_are_row_labels_row_headers_and_values_data_cells():
    html = learner_table(FRAME, formats=FORMATS, index=True, lang="nb").to_html()
    found = cells(html)
    rows = [c for c in found if c[1].get("scope") == "row"]
    assert [text for _, _, text in rows] == ["east", "west"]
    assert [text for tag, _, text in found if tag == "td"] == ["43 345 000 kr", "101,5 %", "1 200 kr", "90,0 %"]
    assert [c[1].get("scope") for c in headers(html)[:3]] == ["col"] * 3


def test_does_a_named_index_show_its_translated_name_once():
    frame = FRAME.rename_axis("region")
    html = learner_table(frame, formats=FORMATS, index=True, lang="en",
                         labels={"region": {"nb": "Region", "en": "Region"}},
                         values={"region": {"east": {"nb": "Øst", "en": "East"}}}).to_html()
    ths = headers(html)
    assert [text for _, _, text in ths] == ["Region", "sales", "attainment", "East", "west"]
    assert "course-sr-only\">" not in html
    assert html.count("<tr>") == 3          # one header row, not pandas' second row for the index name


def test_is_text_in_an_indexed_table_escaped():
    frame = pd.DataFrame({"<b>x</b>": ["<script>1</script>"]}, index=["<i>r</i>"])
    html = learner_table(frame, index=True, lang="en").to_html()
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "&lt;i&gt;r&lt;/i&gt;" in html


def test_has_a_table_without_index_no_empty_header_either():
    html = learner_table(FRAME, formats=FORMATS, lang="en").to_html()
    assert all(text.strip() for _, _, text in headers(html))


def test_would_the_check_catch_pandas_empty_corner_cell():
    """The old rendering (pandas with index=True) leaves the corner header empty."""
    ths = headers(FRAME.to_html(index=True))
    assert any(not text.strip() for _, _, text in ths)
