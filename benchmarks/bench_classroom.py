"""A classroom on the workshop hub: N learners at once, from sign-in to saved answers.

    .venv/bin/python benchmarks/bench_classroom.py                # 30 learners (as root)
    .venv/bin/python benchmarks/bench_classroom.py --learners 10 --json /tmp/classroom.json
    .venv/bin/python benchmarks/bench_classroom.py --keep-log /tmp/hub.log   # the servers' log too

What it does, all on 127.0.0.1 and nothing from the internet:

1. clones this repository (its committed HEAD) into a bare repository served by ``git daemon``
   on a free loopback port: the "upstream" the learners pull from;
2. starts the real hub from deploy/hub (``course hub start``: configurable-http-proxy,
   WorkshopAuthenticator, LocalProcessSpawner with one Linux user per learner, idle culler),
   in its own process group on free ports;
3. every learner at once, each in a thread: signs in over HTTP (workshop password + personal
   password), starts their server, pulls the course through nbgitpuller's ``git-pull/api``
   endpoint with the link's ``targetpath``, starts a kernel in the notebook's folder, runs every
   code cell of module 00 and of one app-heavy module through the kernel (Jupyter server REST +
   websocket), and saves answers through the course's own ``get_store()`` calls;
4. measures start-to-ready, pull time, kernel start, cell times, memory (server and kernel RSS
   per learner, and the total), failures;
5. checks that each learner's ``progress.json`` holds exactly their own answers, that each
   kernel imported ``course_lib`` from the learner's pulled copy, and that a learner's kernel
   can open neither another learner's progress file nor the hub's secrets;
6. optionally: the trainer pushes a change, learner 1 (who edited a cell) pulls again; the
   edit, the upstream change and the saved answers must all be there;
7. stops everything and deletes the learners' Linux users and homes.

It needs root (learners are Linux users) and configurable-http-proxy (bash scripts/ensure-proxy).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from course_lib.hub import TARGET, pull_via_api, warm  # noqa: E402

PY = Path(sys.prefix) / "bin" / "python"
APP_MODULE = "03_bonus_system"
PROGRESS = Path(".local") / "share" / "motiver-salgssjefen" / "progress.json"


class Unavailable(RuntimeError):
    """The machine cannot run a hub (not root, no proxy, no learners' environment)."""


# --------------------------------------------------------------------------- small helpers
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _group_alive(pgid: int) -> bool:
    """True while a process of group ``pgid`` still runs (zombies waiting to be reaped do not count)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) != pgid:
                    continue
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, ProcessLookupError):
                continue
            if state != "Z":
                return True
    return False


def stop_group(proc: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM a process group, wait until every member is gone, SIGKILL what is left."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        proc.poll()
        if not _group_alive(proc.pid):
            break
        time.sleep(0.2)
    else:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        end = time.monotonic() + 5
        while _group_alive(proc.pid) and time.monotonic() < end:
            time.sleep(0.1)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        pass


def learner_env() -> Path:
    """The learners' environment; built from the lock by scripts/hub-env if needed."""
    out = subprocess.run(["bash", str(REPO / "scripts" / "hub-env")], capture_output=True, text=True)
    if out.returncode != 0:
        raise Unavailable(out.stderr.strip() or "scripts/hub-env failed")
    return Path(out.stdout.strip().splitlines()[-1])


def check_machine() -> None:
    if os.geteuid() != 0:
        raise Unavailable("needs root: every learner is a Linux user created by the hub")
    if not shutil.which("configurable-http-proxy"):
        subprocess.run(["bash", str(REPO / "scripts" / "ensure-proxy")], capture_output=True)
        if not shutil.which("configurable-http-proxy"):
            raise Unavailable("configurable-http-proxy is missing and could not be installed (npm)")
    if not (shutil.which("useradd") and shutil.which("userdel") and shutil.which("git")):
        raise Unavailable("needs useradd, userdel and git (git daemon)")


def rss_by_uid() -> dict[int, dict[str, float]]:
    """RSS in MB of servers and kernels, per owner uid, read from /proc."""
    out: dict[int, dict[str, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        uid = int(next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1])
        rss = next((line for line in status.splitlines() if line.startswith("VmRSS:")), None)
        if rss is None:
            continue
        mb = int(rss.split()[1]) / 1024
        kind = "server" if "singleuser" in cmd else "kernel" if "ipykernel" in cmd else "other"
        out.setdefault(uid, {"server": 0.0, "kernel": 0.0, "other": 0.0, "kernels": 0})
        out[uid][kind] += mb
        out[uid]["kernels"] += kind == "kernel"
    return out


def pids_of(uids: set[int]) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            uid = int(next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1])
            if uid in uids:
                pids.append(int(entry.name))
    return pids


# --------------------------------------------------------------------------- kernel over websocket
async def _run_codes(ws_url: str, token: str, codes: list[str], timeout: float) -> list[dict]:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    ws = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {token}"},
                                             request_timeout=timeout, connect_timeout=timeout))
    session = uuid.uuid4().hex
    results = []
    try:
        for code in codes:
            msg_id = uuid.uuid4().hex
            ws.write_message(json.dumps({
                "header": {"msg_id": msg_id, "username": "bench", "session": session, "msg_type": "execute_request",
                           "version": "5.3", "date": datetime.now(timezone.utc).isoformat()},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                            "allow_stdin": False, "stop_on_error": True},
            }))
            start = time.monotonic()
            reply, idle, out, error = None, False, [], None
            while reply is None or not idle:
                left = timeout - (time.monotonic() - start)
                if left <= 0:
                    raise TimeoutError(f"cell did not finish in {timeout:.0f} s: {code[:60]!r}")
                raw = await asyncio.wait_for(ws.read_message(), left)
                if raw is None:
                    raise ConnectionError("kernel websocket closed")
                if isinstance(raw, bytes):
                    continue  # a message with binary buffers (widget state): not a reply
                msg = json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                if kind == "execute_reply":
                    reply = msg["content"]
                elif kind == "status" and msg["content"].get("execution_state") == "idle":
                    idle = True
                elif kind == "stream":
                    out.append(msg["content"].get("text", ""))
                elif kind == "error":
                    error = f"{msg['content'].get('ename')}: {msg['content'].get('evalue')}"
            results.append({"seconds": time.monotonic() - start, "ok": reply.get("status") == "ok",
                            "error": error, "stdout": "".join(out)})
            if reply.get("status") != "ok":
                break
    finally:
        ws.close()
    return results


def run_codes(ws_url: str, token: str, codes: list[str], timeout: float = 600) -> list[dict]:
    return asyncio.run(_run_codes(ws_url, token, codes, timeout))


# --------------------------------------------------------------------------- one learner
class Learner:
    def __init__(self, name: str, hub: str, password: str, lang: str):
        import requests

        self.name, self.hub, self.password, self.lang = name, hub, password, lang
        self.personal = secrets.token_urlsafe(8)
        self.http = requests.Session()
        self.token = ""
        self.kernels: dict[str, str] = {}
        self.m: dict = {"name": name, "cells": {}, "errors": []}

    @property
    def server(self) -> str:
        return f"{self.hub}/user/{self.name}"

    def api(self, method: str, path: str, **kw):
        headers = kw.pop("headers", {})
        if self.token:
            headers["Authorization"] = f"token {self.token}"
        else:
            headers["X-XSRFToken"] = self.http.cookies.get("_xsrf", "")
        r = self.http.request(method, path if path.startswith("http") else self.hub + path,
                              headers=headers, timeout=kw.pop("timeout", 60), **kw)
        r.raise_for_status()
        return r.json() if r.content.strip() else None

    def sign_in_and_start(self, timeout: float) -> None:
        t0 = time.monotonic()
        self.http.get(f"{self.hub}/hub/login", timeout=60).raise_for_status()
        r = self.http.post(f"{self.hub}/hub/login", timeout=60, allow_redirects=False,
                           data={"username": self.name, "password": self.password, "otp": self.personal,
                                 "_xsrf": self.http.cookies.get("_xsrf", "")})
        if r.status_code != 302:
            raise RuntimeError(f"sign-in refused ({r.status_code})")
        self.m["sign_in_s"] = time.monotonic() - t0
        self.token = self.api("POST", f"/hub/api/users/{self.name}/tokens",
                              json={"expires_in": 7200, "note": "classroom benchmark"})["token"]
        import requests

        try:
            self.api("POST", f"/hub/api/users/{self.name}/server", json={})
        except requests.HTTPError as exc:
            if exc.response.status_code != 400:  # 400: already running (warmed up before class)
                raise
        while True:
            model = self.api("GET", f"/hub/api/users/{self.name}")
            if (model.get("servers", {}).get("") or {}).get("ready"):
                break
            if time.monotonic() - t0 > timeout:
                raise TimeoutError(f"server not ready after {timeout:.0f} s")
            time.sleep(0.5)
        self.m["start_to_ready_s"] = time.monotonic() - t0

    def pull(self, repo: str, branch: str) -> float:
        t0 = time.monotonic()
        ok, message = pull_via_api(self.server, self.token, repo, branch, TARGET)
        if not ok:
            raise RuntimeError(f"pull failed: {message}")
        return time.monotonic() - t0

    def notebook_path(self, module: str) -> str:
        return f"{TARGET}/notebooks/{self.lang}/{module}.ipynb"

    def start_kernel(self, module: str) -> str:
        t0 = time.monotonic()
        session = self.api("POST", f"/user/{self.name}/api/sessions",
                           json={"path": self.notebook_path(module), "type": "notebook", "name": "",
                                 "kernel": {"name": "python3"}})
        kid = session["kernel"]["id"]
        self.kernels[module] = kid
        self.run(module, ["1"])  # answers only once the kernel is up
        self.m.setdefault("kernel_start_s", time.monotonic() - t0)
        return kid

    def run(self, module: str, codes: list[str], timeout: float = 600) -> list[dict]:
        ws = f"{self.server.replace('http', 'ws', 1)}/api/kernels/{self.kernels[module]}/channels"
        return run_codes(ws, self.token, codes, timeout)

    def run_module(self, module: str) -> None:
        nb = self.api("GET", f"/user/{self.name}/api/contents/{self.notebook_path(module)}?content=1")
        codes = [c["source"] for c in nb["content"]["cells"] if c["cell_type"] == "code" and c["source"].strip()]
        if module not in self.kernels:
            self.start_kernel(module)
        t0 = time.monotonic()
        results = self.run(module, codes)
        self.m["cells"][module] = [r["seconds"] for r in results]
        self.m[f"module_{module}_s"] = time.monotonic() - t0
        bad = [r for r in results if not r["ok"]]
        if bad or len(results) != len(codes):
            raise RuntimeError(f"{module}: cell {len(results)} of {len(codes)} failed: {bad[0]['error'] if bad else '?'}")

    def save_answers(self, module: str) -> None:
        code = (
            "import course_lib, json\n"
            "from course_lib.progress import get_store\n"
            "store = get_store()\n"
            f"store.record_attempt('bench.identity', {self.name!r}, True)\n"
            f"store.save_reflection('bench.reflection', 'written by ' + {self.name!r})\n"
            "from course_lib.hub import version_problems\n"
            "from ipykernel.connect import get_connection_info, get_connection_file\n"
            "print(json.dumps({'course_lib': course_lib.__file__, 'progress': str(store.path),\n"
            "                  'version_problems': version_problems(),\n"
            "                  'transport': get_connection_info(unpack=True)['transport'],\n"
            "                  'connection_file': get_connection_file()}))\n"
        )
        result = self.run(module, [code])[0]
        if not result["ok"]:
            raise RuntimeError(f"saving failed: {result['error']}")
        info = json.loads(result["stdout"].strip().splitlines()[-1])
        self.m["course_lib"] = info["course_lib"]
        self.m["progress_file"] = info["progress"]
        self.m["version_problems"] = info["version_problems"]
        self.m["transport"] = info["transport"]
        self.m["connection_file"] = info["connection_file"]

    def try_to_read(self, module: str, paths: list[str]) -> dict[str, str]:
        code = (
            "import json\nseen = {}\n"
            f"for p in {paths!r}:\n"
            "    try:\n"
            "        open(p, 'rb').read(1)\n"
            "        seen[p] = 'READ'\n"
            "    except PermissionError:\n"
            "        seen[p] = 'denied'\n"
            "    except OSError as e:\n"
            "        seen[p] = type(e).__name__\n"
            "print(json.dumps(seen))\n"
        )
        result = self.run(module, [code])[0]
        return json.loads(result["stdout"].strip().splitlines()[-1])


# --------------------------------------------------------------------------- the classroom
def _stats(values: list[float]) -> dict:
    values = [v for v in values if v is not None]
    if not values:
        return {"median": None, "max": None}
    return {"median": round(statistics.median(values), 2), "max": round(max(values), 2)}


def run(learners: int = 30, modules: tuple[str, ...] = ("00_start_here", APP_MODULE), lang: str = "nb",
        second_pull: bool = True, timeout: float = 900, warm_first: bool = True, log=print,
        keep_log: str | None = None) -> dict:
    """Run the classroom; returns the report (raises :class:`Unavailable` if the machine cannot).

    With ``warm_first`` the trainer warms up learner 1 with ``course hub warm`` (REST API: user
    created, server started, course pulled) while the others sign in; learner 1 then signs in
    too and finds the server running.
    """
    check_machine()
    env_prefix = learner_env()
    started = time.monotonic()
    tag = uuid.uuid4().hex[:4]
    names = [f"hb{tag}x{i:02d}" for i in range(1, learners + 1)]
    tmp = Path(tempfile.mkdtemp(prefix="classroom-"))
    os.chmod(tmp, 0o755)
    procs: list[subprocess.Popen] = []
    report: dict = {"learners": learners, "modules": list(modules), "failures": []}
    try:
        # upstream: a bare clone of this repository served by git daemon on loopback
        branch = "workshop"
        bare = tmp / "course.git"
        subprocess.run(["git", "clone", "-q", "--bare", str(REPO), str(bare)], check=True)
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
        subprocess.run(["git", "--git-dir", str(bare), "branch", "-f", branch, head], check=True)
        git_port = free_port()
        procs.append(subprocess.Popen(["git", "daemon", "--export-all", f"--base-path={tmp}", "--listen=127.0.0.1",
                                       f"--port={git_port}", "--reuseaddr", "--enable=receive-pack"],
                                      start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        repo_url = f"git://127.0.0.1:{git_port}/course.git"

        # the hub, exactly as make hub starts it
        port, api_port, hub_port = free_port(), free_port(), free_port()
        password = secrets.token_urlsafe(12)
        hub_log = open(tmp / "hub.log", "w")
        env = dict(os.environ, COURSE_HUB_PASSWORD=password, COURSE_HUB_LEARNER_ENV=str(env_prefix),
                   COURSE_LANG="en")
        t_hub = time.monotonic()
        hub_proc = subprocess.Popen([str(PY), "-m", "course_lib.hub", "start", "--ip", "127.0.0.1",
                                     "--port", str(port), "--api-port", str(api_port), "--hub-port", str(hub_port),
                                     "--state", str(tmp / "state")],
                                    env=env, cwd=str(REPO), start_new_session=True, stdout=hub_log,
                                    stderr=subprocess.STDOUT)
        procs.append(hub_proc)
        hub = f"http://127.0.0.1:{port}"
        import requests

        while True:
            try:
                if requests.get(f"{hub}/hub/api", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            if hub_proc.poll() is not None or time.monotonic() - t_hub > 180:
                raise RuntimeError("the hub did not start:\n" + (tmp / "hub.log").read_text()[-3000:])
            time.sleep(0.3)
        report["hub_start_s"] = round(time.monotonic() - t_hub, 1)
        log(f"hub up in {report['hub_start_s']} s; {learners} learners sign in at once")

        people = [Learner(n, hub, password, lang) for n in names]
        barrier_time = {}

        def phase1(p: Learner) -> None:
            try:
                if warm_first and p is people[0]:
                    token = (tmp / "state" / "trainer-token").read_text().strip()
                    t0 = time.monotonic()
                    record = warm(1, hub=hub, token=token, prefix=p.name[:-2], repo=repo_url, branch=branch)[0]
                    report["warm"] = {**record, "seconds": round(time.monotonic() - t0, 1)}
                    if record["error"] or record["name"] != p.name:
                        raise RuntimeError(f"warm-up failed: {record}")
                    p.m["warmed"] = True
                p.m["stage"] = "sign-in and start"
                p.sign_in_and_start(timeout)
                p.m["stage"] = "pull"
                p.m["pull_s"] = p.pull(repo_url, branch)
                for module in modules:
                    p.m["stage"] = f"module {module}"
                    p.run_module(module)
                p.m["stage"] = "saving answers"
                p.save_answers(modules[0])
                p.m["ready"] = True
            except Exception as exc:  # noqa: BLE001 - count it, keep the class going
                p.m["errors"].append(f"{type(exc).__name__} during {p.m.get('stage')}: {exc}")
                p.m["ready"] = False

        t_class = time.monotonic()
        with ThreadPoolExecutor(max_workers=learners) as pool:
            list(pool.map(phase1, people))
        barrier_time["class_s"] = time.monotonic() - t_class
        report["class_wall_s"] = round(barrier_time["class_s"], 1)

        # memory while every learner has a server and kernels
        uids = {}
        for p in people:
            try:
                uids[p.name] = pwd.getpwnam(p.name).pw_uid
            except KeyError:
                pass
        mem = rss_by_uid()
        per = [mem.get(uid, {}) for uid in uids.values()]
        root_other = mem.get(0, {})
        report["memory_mb"] = {
            "server_per_learner": _stats([m.get("server") for m in per if m.get("server")]),
            "kernels_per_learner": _stats([m.get("kernel") for m in per if m.get("kernel")]),
            "per_learner_total": _stats([m.get("server", 0) + m.get("kernel", 0) + m.get("other", 0) for m in per]),
            "learners_total": round(sum(m.get("server", 0) + m.get("kernel", 0) + m.get("other", 0) for m in per)),
        }
        report["memory_mb"]["hub_proxy_culler"] = round(_hub_rss(hub_proc.pid))

        # isolation and correctness
        secrets_paths = [str(tmp / "state" / f) for f in
                         ("jupyterhub_cookie_secret", "jupyterhub.sqlite", "trainer-token", "personal-passwords.json")]
        isolation = []
        ok_people = [p for p in people if p.m.get("ready")]
        for i, p in enumerate(ok_people):
            other = ok_people[(i + 1) % len(ok_people)]
            targets = secrets_paths + [f"/proc/{hub_proc.pid}/environ"]
            if other is not p:
                targets.append(str(Path(pwd.getpwnam(other.name).pw_dir) / PROGRESS))
            try:
                seen = p.try_to_read(modules[0], targets)
            except Exception as exc:  # noqa: BLE001
                p.m["errors"].append(f"isolation check: {exc}")
                continue
            leaks = [path for path, what in seen.items() if what == "READ"]
            isolation.append({"learner": p.name, "leaks": leaks})
            if leaks:
                report["failures"].append(f"{p.name} could read {leaks}")
        report["isolation_checked"] = len(isolation)
        report["isolation_leaks"] = sum(len(x["leaks"]) for x in isolation)

        for p in people:
            if not p.m.get("ready"):
                continue
            home = Path(pwd.getpwnam(p.name).pw_dir)
            try:
                data = json.loads((home / PROGRESS).read_text())
            except (OSError, ValueError) as exc:
                report["failures"].append(f"{p.name}: progress file unreadable: {exc}")
                continue
            answers = data.get("answers", {})
            text = json.dumps(data)
            own = (set(answers) == {"bench.identity"} and answers["bench.identity"]["last"] == p.name
                   and data["reflections"].get("bench.reflection", {}).get("text") == f"written by {p.name}"
                   and not any(o.name in text for o in people if o is not p))
            if not own:
                report["failures"].append(f"{p.name}: progress file does not hold exactly their own answers")
            expected = str(home / TARGET / "course_lib" / "__init__.py")
            if p.m.get("course_lib") != expected:
                report["failures"].append(f"{p.name}: kernel imported {p.m.get('course_lib')}, not {expected}")
            if p.m.get("version_problems"):
                report["failures"].append(f"{p.name}: version check: {p.m['version_problems']}")
            # kernels on Unix sockets in the learner's own home (deploy/hub: no port races, unreachable to others)
            if p.m.get("transport") != "ipc" or not str(p.m.get("connection_file", "")).startswith(f"{home}/"):
                report["failures"].append(f"{p.name}: kernel on {p.m.get('transport')} at {p.m.get('connection_file')}, "
                                          f"not on IPC sockets in {home}")
        report["kernel_transports"] = sorted({str(p.m.get("transport")) for p in people if p.m.get("ready")})

        if second_pull and ok_people:
            report["second_pull"] = _second_pull(ok_people[0], bare, branch, repo_url, modules[0], tmp)
            if not report["second_pull"]["ok"]:
                report["failures"].append(f"second pull: {report['second_pull']}")

        for p in people:
            for e in p.m["errors"]:
                report["failures"].append(f"{p.name}: {e}")
        report["ready"] = sum(bool(p.m.get("ready")) for p in people)
        # learners who found their server warmed up are not counted in start-to-ready
        report["start_to_ready_s"] = _stats([p.m.get("start_to_ready_s") for p in people if not p.m.get("warmed")])
        report["pull_s"] = _stats([p.m.get("pull_s") for p in people])
        report["kernel_start_s"] = _stats([p.m.get("kernel_start_s") for p in people])
        for module in modules:
            cells = [c for p in people for c in p.m["cells"].get(module, [])]
            report[f"cell_s_{module}"] = _stats(cells)
            # each learner's slowest cell (in 03: the bonus plan app with its figures)
            report[f"slowest_cell_s_{module}"] = _stats([max(p.m["cells"][module]) for p in people
                                                         if p.m["cells"].get(module)])
            report[f"module_s_{module}"] = _stats([p.m.get(f"module_{module}_s") for p in people])
        return report
    finally:
        for proc in reversed(procs):
            stop_group(proc)
        report["left_running"] = [proc.pid for proc in procs if _group_alive(proc.pid)]
        users = [n for n in names if _exists(n)]
        left = pids_of({pwd.getpwnam(n).pw_uid for n in users})
        for pid in left:  # servers or kernels of our learners that outlived the hub
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for n in users:
            subprocess.run(["userdel", "-r", "-f", n], capture_output=True)
        try:  # the servers' own word on dropped kernel connections (they log to the hub's log)
            hub_log_text = (tmp / "hub.log").read_text(errors="replace")
        except OSError:
            hub_log_text = ""
        report["server_warnings"] = {key: hub_log_text.count(text) for key, text in SERVER_WARNINGS.items()}
        if keep_log and hub_log_text:
            Path(keep_log).write_text(hub_log_text)
            report["hub_log"] = str(keep_log)
        shutil.rmtree(tmp, ignore_errors=True)
        report["total_s"] = round(time.monotonic() - started, 1)


# What a learner's server logs when it drops or refuses a kernel connection, counted in the report.
SERVER_WARNINGS = {
    "ws_ping_timeout": "WebSocket ping timeout",
    "kernel_info_timeout": "Timeout waiting for kernel_info reply",
    "kernel_never_alive": "Kernel never reached an 'alive' state",
    "error_opening_stream": "Error opening stream",
    "stale_connection": "Replacing stale connection",
    "kernel_restarted": "restarting kernel",
    "kernel_died": "KernelRestarter: restart failed",
}


def _exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def _hub_rss(pid: int) -> float:
    """RSS (MB) of the hub process group: course hub start, jupyterhub, proxy, culler."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) != pid:
                    continue
                status = (entry / "status").read_text()
            except (OSError, ProcessLookupError):
                continue
            rss = next((line for line in status.splitlines() if line.startswith("VmRSS:")), None)
            total += int(rss.split()[1]) / 1024 if rss else 0
    return total


def _second_pull(p: Learner, bare: Path, branch: str, repo_url: str, module: str, tmp: Path) -> dict:
    """Learner edits a cell; the trainer changes another cell upstream; the learner pulls again."""
    path = p.notebook_path(module)
    model = p.api("GET", f"/user/{p.name}/api/contents/{path}?content=1")
    cells = model["content"]["cells"]
    code_idx = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
    learner_cell = code_idx[-1]
    mine = f"# my own note, {p.name}"
    cells[learner_cell]["source"] = cells[learner_cell]["source"].rstrip("\n") + "\n" + mine
    p.api("PUT", f"/user/{p.name}/api/contents/{path}",
          json={"type": "notebook", "format": "json", "content": model["content"]})
    # the trainer's fix: another cell of the same notebook, pushed upstream
    work = tmp / "trainer"
    subprocess.run(["git", "clone", "-q", "--branch", branch, str(bare), str(work)], check=True)
    nb_file = work / "notebooks" / p.lang / f"{module}.ipynb"
    nb = json.loads(nb_file.read_text())
    first_md = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown")
    fix = "Trainer's correction."
    src = nb["cells"][first_md]["source"]
    nb["cells"][first_md]["source"] = (src if isinstance(src, str) else "".join(src)) + "\n\n" + fix
    nb_file.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    git = ["git", "-C", str(work), "-c", "user.name=Trainer", "-c", "user.email=trainer@example.org"]
    subprocess.run([*git, "commit", "-q", "-am", "Fix the intro"], check=True)
    subprocess.run([*git, "push", "-q", "origin", branch], check=True)
    before = json.loads((Path(pwd.getpwnam(p.name).pw_dir) / PROGRESS).read_text())
    seconds = p.pull(repo_url, branch)
    after_nb = p.api("GET", f"/user/{p.name}/api/contents/{path}?content=1")["content"]["cells"]
    after = json.loads((Path(pwd.getpwnam(p.name).pw_dir) / PROGRESS).read_text())
    kept = mine in after_nb[learner_cell]["source"]
    arrived = fix in after_nb[first_md]["source"]
    return {"ok": kept and arrived and after == before, "edit_kept": kept, "upstream_arrived": arrived,
            "answers_kept": after == before, "pull_s": round(seconds, 2)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--lang", choices=["nb", "en"], default="nb")
    parser.add_argument("--modules", default=f"00_start_here,{APP_MODULE}")
    parser.add_argument("--no-second-pull", action="store_true")
    parser.add_argument("--no-warm", action="store_true", help="do not warm up learner 1 before sign-in")
    parser.add_argument("--json", help="also write the report here")
    parser.add_argument("--keep-log", help="copy the hub's log (hub, proxy and every learner's server) here")
    args = parser.parse_args(argv)
    try:
        report = run(args.learners, tuple(args.modules.split(",")), args.lang, not args.no_second_pull,
                     warm_first=not args.no_warm, keep_log=args.keep_log)
    except Unavailable as exc:
        print(f"skipped: {exc}")
        return 0
    print(json.dumps(report, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
