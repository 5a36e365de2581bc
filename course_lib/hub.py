"""The course on a JupyterHub: learner links, warm-up, start checks and the version check.

Trainers and admins use it through ``course hub ...`` (or ``python -m course_lib.hub ...``):

* ``course hub link --hub https://hub.example.org --repo https://github.com/o/r --lang nb``
  prints the nbgitpuller link for learners. It always sets ``targetpath``, so the course lands
  in ``~/motiver-salgssjefen`` whatever the repository is called, and ``urlpath`` opens the
  start module inside that folder.
* ``course hub warm 30`` creates learners ``deltaker01`` .. ``deltaker30`` and starts their
  servers before class through the hub's REST API, a few at a time (a server start costs
  several CPU-seconds), optionally pulling the course for them too.
* ``course hub start`` (what ``make hub`` runs) checks what a workshop hub needs (root, the
  proxy, free ports, an environment other users can read, a workshop password) and reports a
  missing piece in one sentence instead of a traceback, then runs JupyterHub with
  ``deploy/hub/jupyterhub_config.py``.

Code updates (see docs/HUB.md): on the hub every learner's kernel imports ``course_lib`` from
the learner's own pulled copy (the spawner puts ``~/motiver-salgssjefen`` first on
``PYTHONPATH``), so a fix pushed to the repository reaches a learner at the next pull and kernel
restart. :func:`version_problems` tells a kernel when that is not the case (it imported another
copy, the files changed since it started, or the pulled lock needs other packages).

Example:
    >>> hub_link("https://hub.example.org", "https://github.com/o/r", "en")  # doctest: +ELLIPSIS
    'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fo%2Fr&branch=main&targetpath=motiver-salgssjefen&urlpath=lab%2Ftree%2Fmotiver-salgssjefen%2Fnotebooks%2Fen%2F00_start_here.ipynb'
"""
from __future__ import annotations

import argparse
import hashlib
import ipaddress
import json
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote, urlencode

from .i18n import LANGUAGES, invalid, t

TARGET = "motiver-salgssjefen"
"""Folder the course is pulled into in every learner's home (the link's ``targetpath``)."""
START_NOTEBOOK = "00_start_here.ipynb"
LEARNER_GROUP = "course-learners"
DEFAULT_STATE = "/var/lib/motiver-salgssjefen-hub"
LOCK_ENV = "COURSE_ENV_LOCK_SHA256"
IMAGE_LOCK = Path(sys.prefix) / "share" / "motiver-salgssjefen" / "requirements.lock"
"""Where the container image keeps the lock it was built from (deploy/image/Dockerfile)."""
PASSWORD_MIN = 8
MAX_LEARNERS = 500
REPO_ROOT = Path(__file__).resolve().parent.parent
CONFIG = REPO_ROOT / "deploy" / "hub" / "jupyterhub_config.py"


# --------------------------------------------------------------------------- links
def hub_link(hub: str, repo: str, lang: str, branch: str = "main", targetpath: str = TARGET,
             notebook: str = START_NOTEBOOK, app: str = "lab") -> str:
    """The nbgitpuller link that pulls the course into ``~/<targetpath>`` and opens a module.

    nbgitpuller names the folder after the repository URL (``.git`` included) unless the link
    sets ``targetpath``; this link always sets it and points ``urlpath`` inside that folder.

    Example:
        >>> link = hub_link("https://hub.uni.no/", "https://github.com/o/r.git", "nb", branch="v1")
        >>> "targetpath=motiver-salgssjefen" in link and "branch=v1" in link
        True
        >>> link.split("urlpath=")[1]
        'lab%2Ftree%2Fmotiver-salgssjefen%2Fnotebooks%2Fnb%2F00_start_here.ipynb'
    """
    hub = str(hub or "").strip()
    if not hub.startswith(("http://", "https://")):
        raise invalid("hub.link.bad_hub", value=repr(hub))
    repo = str(repo or "").strip()
    if not repo:
        raise invalid("hub.link.empty", field="repo")
    if lang not in LANGUAGES:
        raise invalid("hub.link.bad_lang", value=repr(lang), allowed=", ".join(LANGUAGES))
    branch = str(branch or "").strip()
    if not branch:
        raise invalid("hub.link.empty", field="branch")
    target = str(targetpath or "").strip()
    if not target or "/" in target or "\\" in target or target in (".", "..") or target.startswith("."):
        raise invalid("hub.link.bad_targetpath", value=repr(targetpath))
    urlpath = f"{app}/tree/{target}/notebooks/{lang}/{notebook}"
    query = urlencode({"repo": repo, "branch": branch, "targetpath": target, "urlpath": urlpath},
                      quote_via=quote, safe="")
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


# --------------------------------------------------------------------------- version check
_WATCHED = (".py", ".yaml", ".json")


def fingerprint(package_dir: str | os.PathLike) -> str:
    """A cheap fingerprint of a ``course_lib`` folder: names, sizes and change times of its files.

    Example:
        >>> fingerprint(REPO_ROOT / "course_lib") == fingerprint(REPO_ROOT / "course_lib")
        True
    """
    h = hashlib.sha1()
    root = Path(package_dir)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith(_WATCHED):
                st = os.stat(os.path.join(dirpath, name))
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def lock_digest(path: str | os.PathLike) -> str | None:
    """SHA-256 of a ``requirements.lock`` (``None`` when there is no such file)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def course_folder(start: str | os.PathLike) -> Path | None:
    """The course folder (holding ``course_lib/`` and ``notebooks/``) at or above ``start``."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / "course_lib" / "__init__.py").is_file() and (folder / "notebooks").is_dir():
            return folder
    return None


_USED = Path(__file__).resolve().parent
_AT_IMPORT = fingerprint(_USED)


def version_problems(cwd: str | os.PathLike | None = None) -> list[str]:
    """What is wrong between this kernel's ``course_lib`` and the notebook's course folder.

    A kernel runs in its notebook's folder, so ``cwd`` (default: the current folder) finds the
    pulled copy. Returns messages in the current language; an empty list when all is well.

    Example:
        >>> version_problems(REPO_ROOT / "notebooks")
        []
    """
    folder = course_folder(cwd if cwd is not None else os.getcwd())
    if folder is None:
        return []
    problems = []
    if (folder / "course_lib").resolve() != _USED:
        problems.append(t("hub.version.other_copy", folder=str(folder), used=str(_USED)))
    elif fingerprint(_USED) != _AT_IMPORT:
        problems.append(t("hub.version.changed", folder=str(folder)))
    expected = os.environ.get(LOCK_ENV, "").strip() or lock_digest(IMAGE_LOCK) or ""
    pulled = lock_digest(folder / "requirements.lock")
    if expected and pulled and pulled != expected:
        problems.append(t("hub.version.lock_differs"))
    return problems


def warn_if_mismatched(cwd: str | os.PathLike | None = None) -> list[str]:
    """Warn (visibly, in the notebook) about every problem :func:`version_problems` finds."""
    problems = version_problems(cwd)
    for message in problems:
        warnings.warn(message, UserWarning, stacklevel=2)
    return problems


# --------------------------------------------------------------------------- progress folder
def progress_dir_problem(path: str | os.PathLike, uid: int, gid: int, user: str = "") -> str | None:
    """``None`` if user ``uid`` can create and replace files in ``path``, else a clear message.

    Used by the hub before it starts a learner's server (it runs as root, so it checks the
    owner and mode rather than trying). A missing folder is fine if its nearest existing parent
    is writable for the learner (the course creates it on first save).
    """
    p = Path(path)
    probe = p
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    try:
        st = probe.stat()
    except OSError as exc:
        return t("hub.progress.not_writable", path=str(p), user=user or str(uid), reason=str(exc))
    if not stat.S_ISDIR(st.st_mode):
        reason = f"{probe} is not a folder"
    elif st.st_uid == uid and st.st_mode & stat.S_IWUSR and st.st_mode & stat.S_IXUSR:
        return None
    elif st.st_gid == gid and st.st_mode & stat.S_IWGRP and st.st_mode & stat.S_IXGRP:
        return None
    elif st.st_uid != uid and st.st_gid != gid and st.st_mode & stat.S_IWOTH and st.st_mode & stat.S_IXOTH:
        return None
    else:
        reason = f"{probe} belongs to uid {st.st_uid} with mode {stat.filemode(st.st_mode)}"
    return t("hub.progress.not_writable", path=str(p), user=user or str(uid), reason=reason)


# --------------------------------------------------------------------------- REST helpers
def _api(url: str, token: str, method: str = "GET", body=None, timeout: float = 30):
    from urllib.request import Request, urlopen

    data = json.dumps(body).encode() if body is not None else None
    req = Request(url, data=data, method=method, headers={"Authorization": f"token {token}"})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urlopen(req, timeout=timeout) as resp:
        raw = resp.read()
        return resp.status, (json.loads(raw) if raw.strip() else None)


def pull_via_api(server_url: str, token: str, repo: str, branch: str = "main",
                 targetpath: str = TARGET, timeout: float = 300) -> tuple[bool, str]:
    """Pull ``repo`` into ``~/<targetpath>`` through nbgitpuller's ``git-pull/api`` endpoint.

    ``server_url`` is the learner's server (``http://hub/user/<name>/``). The endpoint streams
    events; the pull is done at ``phase: finished`` and failed at ``phase: error``. Returns
    ``(ok, last message)``. (The ``git-pull`` page itself pulls only through its JavaScript.)
    """
    from urllib.request import Request, urlopen

    query = urlencode({"repo": repo, "branch": branch, "targetpath": targetpath})
    req = Request(f"{server_url.rstrip('/')}/git-pull/api?{query}",
                  headers={"Authorization": f"token {token}"})
    last = ""
    with urlopen(req, timeout=timeout) as resp:
        for raw in resp:
            line = raw.decode("utf-8", "replace").strip()
            if not line.startswith("data:"):
                continue
            event = json.loads(line[5:])
            phase = event.get("phase")
            last = str(event.get("output") or event.get("message") or last)
            if phase == "finished":
                return True, last
            if phase == "error":
                return False, str(event.get("message") or last)
    return False, last or "stream ended without a result"


def wait_ready(hub: str, token: str, name: str, timeout: float = 600) -> float:
    """Poll the hub until ``name``'s default server is ready; returns the seconds waited."""
    start = time.monotonic()
    while True:
        _, model = _api(f"{hub}/hub/api/users/{name}", token)
        server = (model or {}).get("servers", {}).get("")
        if server and server.get("ready"):
            return time.monotonic() - start
        if server is None and not (model or {}).get("pending") and time.monotonic() - start > 5:
            raise RuntimeError(f"{name}: the server stopped while starting (see the hub log)")
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"{name}: not ready after {timeout:.0f} s")
        time.sleep(0.5)


def warm(n: int, hub: str = "http://127.0.0.1:8000", token: str | None = None, prefix: str = "deltaker",
         parallel: int = 3, timeout: float = 600, repo: str | None = None, branch: str = "main",
         targetpath: str = TARGET) -> list[dict]:
    """Create learners ``<prefix>01`` .. and start their servers before class (hub REST API).

    Starts ``parallel`` servers at a time: each start costs several CPU-seconds, so starting
    all at once on a small machine only makes every start slower. With ``repo`` the course
    is pulled for each learner too. Returns one record per learner (``name``, ``ready_s``,
    ``pull_s``, ``error``). The token needs the trainer service's scopes (deploy/hub).
    """
    from concurrent.futures import ThreadPoolExecutor
    from urllib.error import HTTPError

    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_LEARNERS:
        raise invalid("hub.warm.bad_count", value=repr(n), maximum=MAX_LEARNERS)
    token = token or os.environ.get("COURSE_HUB_TOKEN", "").strip()
    if not token:
        raise invalid("hub.warm.no_token", path=str(Path(DEFAULT_STATE) / "trainer-token"))
    hub = hub.rstrip("/")
    width = max(2, len(str(n)))
    names = [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]
    try:
        _, existing = _api(f"{hub}/hub/api/users", token)
    except OSError as exc:
        raise invalid("hub.warm.unreachable", url=hub, reason=str(getattr(exc, "reason", exc))) from None
    known = {u["name"] for u in existing or []}
    missing = [name for name in names if name not in known]
    if missing:
        _api(f"{hub}/hub/api/users", token, "POST", {"usernames": missing}, timeout=120)

    def one(name: str) -> dict:
        record = {"name": name, "ready_s": None, "pull_s": None, "error": None}
        try:
            try:
                _api(f"{hub}/hub/api/users/{name}/server", token, "POST", {}, timeout=timeout)
            except HTTPError as exc:
                if exc.code != 400:  # 400: already running (or starting), then just wait for it
                    raise
            record["ready_s"] = round(wait_ready(hub, token, name, timeout), 1)
            if repo:
                start = time.monotonic()
                ok, message = pull_via_api(f"{hub}/user/{name}/", token, repo, branch, targetpath, timeout)
                record["pull_s"] = round(time.monotonic() - start, 1)
                if not ok:
                    record["error"] = f"pull: {message}"
        except Exception as exc:  # noqa: BLE001 - one learner's failure must not stop the others
            record["error"] = f"{type(exc).__name__}: {exc}"
        return record

    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        return list(pool.map(one, names))


# --------------------------------------------------------------------------- start checks
def _is_loopback(ip: str) -> bool:
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return ip == "localhost"


def port_in_use(ip: str, port: int) -> bool:
    """True if something already listens on ``ip:port`` (or the port cannot be bound)."""
    with socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip if ip not in ("", "0.0.0.0") else "0.0.0.0", port))
        except OSError:
            return True
    return False


def _unreadable_folder(path: Path) -> Path | None:
    """The first folder on the way to ``path`` (a file) that other users cannot pass through."""
    for folder in reversed(path.parents):
        try:
            mode = folder.stat().st_mode
        except OSError:
            return folder
        if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
            return folder
    return None


def learner_env() -> Path:
    """The Python environment learners' servers run from (the same choice as ``scripts/hub-env``).

    ``COURSE_HUB_LEARNER_ENV`` if set; else this environment if other users can reach it and
    its interpreter; else ``.venv/learners`` if the course folder is reachable; else
    ``/opt/motiver-salgssjefen-hub/learners-<id>``.
    """
    chosen = os.environ.get("COURSE_HUB_LEARNER_ENV", "").strip()
    if chosen:
        return Path(chosen)
    here = Path(sys.prefix)
    if _env_closed(here) is None:
        return here
    if _unreadable_folder(REPO_ROOT / ".venv" / "any") is None:  # .venv and every folder above
        return REPO_ROOT / ".venv" / "learners"
    tag = hashlib.sha1(str(REPO_ROOT).encode()).hexdigest()[:8]
    return Path("/opt/motiver-salgssjefen-hub") / f"learners-{tag}"


def _env_closed(prefix: Path) -> Path | None:
    """The first folder that stops other users from running ``prefix``'s Python, if any."""
    python = Path(prefix) / "bin" / "python"
    return _unreadable_folder(python) or _unreadable_folder(python.resolve())


def preflight(ip: str, port: int, api_port: int, hub_port: int, password: str | None,
              prefix: str | os.PathLike | None = None, proxy: str | None = None,
              need_root: bool = True) -> list[str]:
    """Everything that would stop a workshop hub from starting, as clear sentences.

    Example (on a machine without the proxy, as a normal user)::

        >>> preflight("127.0.0.1", 8000, 8001, 8081, None)   # doctest: +SKIP
        ['The hub must be started as root ...', 'configurable-http-proxy is missing ...']
    """
    problems = []
    if need_root and os.geteuid() != 0:
        problems.append(t("hub.start.not_root"))
    if not (proxy or shutil.which("configurable-http-proxy")):
        problems.append(t("hub.start.no_proxy"))
    for p, where, role in ((port, ip, "JupyterHub"), (api_port, "127.0.0.1", "proxy API"),
                           (hub_port, "127.0.0.1", "hub API")):
        if port_in_use(where, p):
            problems.append(t("hub.start.port_busy", port=str(p), ip=where, role=role))
    if password is not None and len(password) < PASSWORD_MIN:
        problems.append(t("hub.start.short_password", minimum=PASSWORD_MIN, value=len(password)))
    prefix = Path(prefix) if prefix is not None else learner_env()
    singleuser = prefix / "bin" / "jupyterhub-singleuser"
    if not singleuser.exists():
        problems.append(t("hub.start.no_env", path=str(singleuser)))
    else:
        closed = _env_closed(prefix)
        if closed is not None:
            problems.append(t("hub.start.env_unreadable", path=str(prefix), folder=str(closed)))
    return problems


def _secret_file(path: Path, make) -> str:
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(make())
    return path.read_text().strip()


def start(ip: str = "127.0.0.1", port: int = 8000, state: str = DEFAULT_STATE, api_port: int | None = None,
          hub_port: int | None = None, cull_timeout: int = 3600, need_root: bool = True,
          wait: bool = True) -> int:
    """Check, then run JupyterHub with deploy/hub/jupyterhub_config.py until it stops."""
    api_port = api_port or port + 1
    hub_port = hub_port or port + 81
    password = os.environ.get("COURSE_HUB_PASSWORD")
    problems = preflight(ip, port, api_port, hub_port, password, need_root=need_root)
    if problems:
        for message in problems:
            print(message, file=sys.stderr)
        return 2
    state_dir = Path(state)
    state_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(state_dir, 0o700)
    if password is None:
        password = _secret_file(state_dir / "workshop-password", lambda: secrets.token_urlsafe(9))
    _secret_file(state_dir / "trainer-token", lambda: secrets.token_hex(32))
    env = dict(os.environ, COURSE_HUB_LEARNER_ENV=str(learner_env()), COURSE_HUB_IP=ip, COURSE_HUB_PORT=str(port), COURSE_HUB_API_PORT=str(api_port),
               COURSE_HUB_INTERNAL_PORT=str(hub_port), COURSE_HUB_STATE=str(state_dir.resolve()),
               COURSE_HUB_PASSWORD=password, COURSE_HUB_CULL_TIMEOUT=str(cull_timeout))
    jupyterhub = Path(sys.prefix) / "bin" / "jupyterhub"
    # Started from a script in the background, we may have inherited "ignore SIGINT"; the hub
    # stops its services (the idle culler) with SIGINT, so give the hub the default back.
    proc = subprocess.Popen([str(jupyterhub), "-f", str(CONFIG)], env=env, cwd=str(state_dir),
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    url = f"http://{ip if ':' not in ip else '[' + ip + ']'}:{port}"
    if wait:
        from urllib.request import urlopen

        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                with urlopen(f"{url}/hub/api", timeout=2):
                    print(t("hub.start.ready", url=url, password=password), flush=True)
                    break
            except OSError:
                time.sleep(0.5)
    try:
        code = proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        code = proc.wait()
        return 0
    if code not in (0, -15):
        print(t("hub.start.failed", code=code), file=sys.stderr)
    return 0 if code in (0, -15) else 1


# --------------------------------------------------------------------------- command line
def _cmd_link(args) -> int:
    try:
        print(hub_link(args.hub, args.repo, args.lang, branch=args.branch, targetpath=args.targetpath,
                       notebook=args.notebook))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


def _cmd_warm(args) -> int:
    token = os.environ.get("COURSE_HUB_TOKEN", "").strip()
    if not token and args.token_file:
        try:
            token = Path(args.token_file).read_text().strip()
        except OSError:
            token = ""
    try:
        records = warm(args.n, hub=args.hub, token=token, prefix=args.prefix, parallel=args.parallel,
                       timeout=args.timeout, repo=args.repo, branch=args.branch)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    for r in records:
        print(f"{r['name']}: " + (f"ready in {r['ready_s']} s" if r["error"] is None else r["error"])
              + (f", pulled in {r['pull_s']} s" if r["pull_s"] is not None else ""))
    ready = sorted(r["ready_s"] for r in records if r["error"] is None and r["ready_s"] is not None)
    failed = sum(r["error"] is not None for r in records)
    median = ready[len(ready) // 2] if ready else 0
    print(t("hub.warm.summary", ready=len(ready), total=len(records), median=median,
            longest=ready[-1] if ready else 0, failed=failed))
    return 1 if failed else 0


def _cmd_start(args) -> int:
    return start(ip=args.ip, port=args.port, state=args.state, api_port=args.api_port,
                 hub_port=args.hub_port, cull_timeout=args.cull_timeout)


def register(subparsers) -> argparse.ArgumentParser:
    """Add ``course hub link|warm|start`` to the ``course`` command's subparsers."""
    hub = subparsers.add_parser("hub", help="run the course on a JupyterHub (docs/HUB.md)")
    sub = hub.add_subparsers(dest="hub_command", required=True)

    p = sub.add_parser("link", help="print the nbgitpuller link for learners")
    p.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.org")
    p.add_argument("--repo", required=True, help="the course repository's URL")
    p.add_argument("--lang", choices=LANGUAGES, default="nb")
    p.add_argument("--branch", default="main")
    p.add_argument("--targetpath", default=TARGET, help=f"folder in each home (default {TARGET})")
    p.add_argument("--notebook", default=START_NOTEBOOK, help="notebook to open")
    p.set_defaults(func=_cmd_link)

    p = sub.add_parser("warm", help="create learners and start their servers before class")
    p.add_argument("n", type=int, help="how many learners")
    p.add_argument("--hub", default="http://127.0.0.1:8000")
    p.add_argument("--prefix", default="deltaker", help="learner names: <prefix>01, <prefix>02, ...")
    p.add_argument("--parallel", type=int, default=3, help="servers started at a time")
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--repo", help="also pull the course from this repository")
    p.add_argument("--branch", default="main")
    p.add_argument("--token-file", default=str(Path(DEFAULT_STATE) / "trainer-token"))
    p.set_defaults(func=_cmd_warm)

    p = sub.add_parser("start", help="check and start the workshop hub (make hub)")
    p.add_argument("--ip", default=os.environ.get("COURSE_HUB_IP", "127.0.0.1"),
                   help="address to listen on (0.0.0.0 for a classroom network)")
    p.add_argument("--port", type=int, default=int(os.environ.get("COURSE_HUB_PORT", "8000")))
    p.add_argument("--api-port", type=int, default=None, help="proxy API port (default port+1)")
    p.add_argument("--hub-port", type=int, default=None, help="hub API port (default port+81)")
    p.add_argument("--state", default=os.environ.get("COURSE_HUB_STATE", DEFAULT_STATE))
    p.add_argument("--cull-timeout", type=int, default=3600, help="seconds idle before a server is stopped")
    p.set_defaults(func=_cmd_start)
    return hub


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="course")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(["hub", *sys.argv[1:]]))
