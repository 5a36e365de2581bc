
import pytest

import course_lib
from course_lib import progress


@pytest.fixture
def store():
    return progress.get_store()


@pytest.fixture(params=["nb", "en"])
def lang(request):
    course_lib.set_language(request.param)
    return request.param


@pytest.fixture
def english():
    """Run a test in English (the root conftest puts Norwegian back afterwards)."""
    course_lib.set_language("en")
    return "en"
