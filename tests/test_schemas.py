"""The course validates its data files with jsonschema without paying for jsonschema's optional
format-checker imports (rfc3987_syntax: about 2 CPU-seconds in every kernel, the others about
0.15 s; course_lib/schemas.py)."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CODE = """
import json, sys
from course_lib import motivation
motivation.QUESTIONNAIRE                      # loads and validates a content file
from course_lib.progress import ProgressStore
import tempfile, pathlib
store = ProgressStore(pathlib.Path(tempfile.mkdtemp()) / "p.json")
store.record_attempt("q", 1, True)            # validates the progress file
from course_lib.schemas import FORMAT_PACKAGES
hidden = "rfc3987_syntax" in sys.modules
import importlib.util
findable = importlib.util.find_spec("rfc3987_syntax") is not None
others = sorted(name for name in (*FORMAT_PACKAGES, "arrow") if sys.modules.get(name) is not None)
import isoduration                            # installed with jsonschema[format]: importable again
print(json.dumps({"loaded": hidden, "findable": findable, "others": others}))
"""


def test_validating_course_files_does_not_load_the_iri_grammar_and_leaves_it_importable(tmp_path):
    """Where rfc3987_syntax is installed (a conda environment from environment.yml; the course's
    own .venv leaves it out), course_lib hides it while importing jsonschema and no further."""
    fake = tmp_path / "rfc3987_syntax"      # a stand-in package, so the check runs in .venv too
    fake.mkdir()
    (fake / "__init__.py").write_text("raise SystemExit('rfc3987_syntax was imported')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True, env=env).stdout
    info = json.loads(out.strip().splitlines()[-1])
    assert info["loaded"] is False            # the 2-second grammar was not built
    assert info["findable"] is True           # and the package is importable again for anyone who wants it
    assert info["others"] == []               # nor the other format checkers (isoduration with arrow: 0.15 s)


def test_the_environment_leaves_out_the_iri_grammar_jupyter_servers_would_build():
    """requirements.lock leaves out rfc3987-syntax: jsonschema imports it when present, which cost
    every JupyterLab, Voilà, nbclient and pytest process about 2 CPU-seconds at start."""
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert not re.search(r"^(rfc3987-syntax|lark)==", lock, flags=re.M)
    assert "--no-emit-package rfc3987-syntax" in (ROOT / "Makefile").read_text(encoding="utf-8")
    code = "import sys, jupyter_server.serverapp, nbformat, jupyter_events; print('rfc3987_syntax' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_schemas_still_reject_bad_data():
    from course_lib.schemas import validator_class

    validator = validator_class()({"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]})
    assert validator.is_valid({"n": 3})
    assert not validator.is_valid({"n": "three"}) and not validator.is_valid({})
