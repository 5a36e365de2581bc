"""`make lab` serves JupyterLab with the start module."""
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from support import free_port, stop_group

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(180)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_make_lab_serves_lab_with_the_start_module(lang):
    """Does `make lab` answer HTTP 200 on /lab and open 00_start_here in the chosen language?"""
    port, token = free_port(), "make-lab-test"
    args = f"--no-browser --ip=127.0.0.1 --port={port} --port_retries=0 --IdentityProvider.token={token}"
    proc = subprocess.Popen(["make", "-s", "lab", f"COURSE_LANG={lang}", f"LAB_ARGS={args}"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 150
        status = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=5) as r:
                    status = r.status
                    break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.5)
        assert status == 200, proc.stdout.read() if proc.poll() is not None else "no answer"
        with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/api/contents/notebooks/{lang}/00_start_here.ipynb?content=0&token={token}",
                timeout=5) as r:
            assert r.status == 200
    finally:
        stop_group(proc)
