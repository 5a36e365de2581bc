
import pytest

import course_lib
from course_lib import progress


@pytest.fixture(autouse=True)
def _fresh_language_and_store(tmp_path, monkeypatch):
    """Each test starts in Norwegian with an empty progress store of its own."""
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path / "progress"))
    course_lib.set_language("nb")
    yield
    course_lib.set_language("nb")


@pytest.fixture
def store():
    return progress.get_store()


@pytest.fixture(params=["nb", "en"])
def lang(request):
    course_lib.set_language(request.param)
    return request.param
