"""The course validates its data files with jsonschema without paying for jsonschema's optional
rfc3987_syntax import (about 2 CPU-seconds in every kernel; course_lib/schemas.py)."""
import json
import subprocess
import sys

CODE = """
import json, sys
from course_lib import motivation
motivation.QUESTIONNAIRE                      # loads and validates a content file
from course_lib.progress import ProgressStore
import tempfile, pathlib
store = ProgressStore(pathlib.Path(tempfile.mkdtemp()) / "p.json")
store.record_attempt("q", 1, True)            # validates the progress file
hidden = "rfc3987_syntax" in sys.modules
import importlib.util
findable = importlib.util.find_spec("rfc3987_syntax") is not None
print(json.dumps({"loaded": hidden, "findable": findable}))
"""


def test_validating_course_files_does_not_load_the_iri_grammar_and_leaves_it_importable():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout
    info = json.loads(out.strip().splitlines()[-1])
    assert info["loaded"] is False            # the 2-second grammar was not built
    assert info["findable"] is True           # and the package is importable again for anyone who wants it


def test_schemas_still_reject_bad_data():
    from course_lib.schemas import validator_class

    validator = validator_class()({"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]})
    assert validator.is_valid({"n": 3})
    assert not validator.is_valid({"n": "three"}) and not validator.is_valid({})
