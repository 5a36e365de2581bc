"""Modules with a lazy ``__getattr__`` answer an unknown name without loading anything.

``pytest --doctest-modules course_lib`` (a developer's doctest run) stopped at collection with
"dictionary changed size during iteration": doctest's finder walks ``course_lib``'s namespace and
asks each submodule ``hasattr(module, "__wrapped__")``; ``agency.__getattr__`` read the content first
and so imported ``course_lib.schemas`` into the namespace being walked. Run in a fresh interpreter,
since this test process has long imported everything.
"""
import subprocess
import sys

SCRIPT = """
import inspect, sys
import course_lib
for name in sorted(course_lib._SUBMODULES):
    getattr(course_lib, name)
changed = []
for name, value in list(course_lib.__dict__.items()):
    before_modules, before_names = set(sys.modules), set(course_lib.__dict__)
    inspect.unwrap(value)
    hasattr(value, "pytest_mock_example_attribute_that_shouldnt_exist")
    if set(sys.modules) - before_modules or set(course_lib.__dict__) - before_names:
        changed.append((name, sorted(set(sys.modules) - before_modules)))
print(changed)
"""


def test_an_unknown_attribute_of_a_course_module_loads_nothing():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_content_constants_of_agency_still_load_on_first_use():
    from course_lib import agency

    assert set(agency.PHASES) and agency.TASK_COST.shape == (2, 2) and agency.RESPONSIVENESS > 0
    assert not hasattr(agency, "NOT_A_CONSTANT")
