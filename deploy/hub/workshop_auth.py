"""A workshop authenticator: one shared workshop password plus a personal password set on first use.

Why not JupyterHub's SharedPasswordAuthenticator alone: with one shared password anybody in the
room can sign in as anybody else and see (and change) their work. Here signing in takes

* the **workshop password** the trainer writes on the board (the gate: nobody without it gets
  an account, so the hub is safe to open on a classroom network), and
* a **personal password** that the learner chooses the first time they sign in with a new name
  (it is then stored as a salted PBKDF2 hash in the hub's state folder, readable by root only);
  from then on that name needs that personal password.

Learner names become Linux users (created by the hub, in group ``course-learners``, home mode
0700). A name that already exists on the machine but is *not* in that group (``root``, ``www-data``,
an admin's own account) is refused, so nobody can run a server as a system account.

The trainer resets a forgotten personal password by deleting the learner's line from
``<state>/personal-passwords.json`` (the learner then chooses a new one at the next sign-in).
"""
from __future__ import annotations

import grp
import hashlib
import hmac
import json
import os
import pwd
import re
import secrets
import subprocess
import threading
from pathlib import Path

from jupyterhub.auth import LocalAuthenticator
from traitlets import Integer, Unicode

NAME = re.compile(r"^[a-z][a-z0-9_-]{1,30}$")
_lock = threading.Lock()


def _hash(password: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 200_000).hex()


class WorkshopAuthenticator(LocalAuthenticator):
    """Shared workshop password + personal password chosen at first sign-in; learners are Linux users."""

    workshop_password = Unicode("", help="The shared workshop password (at least 8 characters).").tag(config=True)
    admin_password = Unicode("", help="Password for the names in admin_users (they need no workshop password).").tag(config=True)
    state_dir = Unicode(help="Folder (mode 0700) where personal password hashes are kept.").tag(config=True)
    learner_group = Unicode("course-learners", help="Linux group of the learners the hub creates.").tag(config=True)
    personal_min = Integer(4, help="Shortest personal password accepted.").tag(config=True)

    def _store(self) -> Path:
        return Path(self.state_dir) / "personal-passwords.json"

    def _load(self) -> dict:
        try:
            return json.loads(self._store().read_text())
        except (OSError, ValueError):
            return {}

    def _save(self, data: dict) -> None:
        path = self._store()
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(data, fh)
        os.replace(tmp, path)

    # -- names ---------------------------------------------------------------------------
    def validate_username(self, username: str) -> bool:
        return bool(NAME.match(username)) and super().validate_username(username)

    def _is_foreign_system_user(self, name: str) -> bool:
        """True if ``name`` is an existing Linux account the hub did not create for a learner."""
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            return False
        try:
            group = grp.getgrnam(self.learner_group)
        except KeyError:
            return True
        return entry.pw_gid != group.gr_gid and name not in group.gr_mem

    # -- sign-in -------------------------------------------------------------------------
    async def authenticate(self, handler, data):
        name = self.normalize_username(data.get("username", ""))
        password = data.get("password", "")
        personal = data.get("otp", "")
        if not self.validate_username(name):
            return None
        if name in self.admin_users:
            if self.admin_password and hmac.compare_digest(password, self.admin_password):
                return {"name": name, "admin": True}
            return None
        if not self.workshop_password or not hmac.compare_digest(password, self.workshop_password):
            return None
        if self._is_foreign_system_user(name) or len(personal) < self.personal_min:
            return None
        with _lock:
            data_ = self._load()
            record = data_.get(name)
            if record is None:  # first sign-in with this name: the personal password claims it
                salt = secrets.token_bytes(16)
                data_[name] = {"salt": salt.hex(), "hash": _hash(personal, salt)}
                self._save(data_)
                return {"name": name, "admin": False}
        if hmac.compare_digest(record["hash"], _hash(personal, bytes.fromhex(record["salt"]))):
            return {"name": name, "admin": False}
        return None

    # -- Linux users -----------------------------------------------------------------------
    async def add_user(self, user):
        if user.name not in self.admin_users and self._is_foreign_system_user(user.name):
            raise ValueError(f"{user.name} is an existing system account, not a course learner; choose another name")
        await super().add_user(user)

    def add_system_user(self, user):
        subprocess.run(["groupadd", "-f", self.learner_group], check=True)
        super().add_system_user(user)
        home = pwd.getpwnam(user.name).pw_dir
        os.chmod(home, 0o700)  # other learners must not read this learner's work or saved answers
