"""Build the bokmål JupyterLab language pack the course ships (jupyterlab_language_pack_nb_NO).

The published pack on PyPI, jupyterlab-language-pack-no-NO (pinned in the lock), translates only a
few dozen of JupyterLab's strings, so the menu bar stays English. This script merges its
translations with the course's own (``jupyterlab_language_pack_nb_NO/translations.yaml``) and writes
the two files JupyterLab reads for the locale ``nb_NO``: ``jupyterlab.json`` (the front end) and
``jupyterlab.mo`` (the server, which translates the main menus' labels).

    python scripts/build_lab_pack.py           # write the files
    python scripts/build_lab_pack.py --check   # exit 1 if the committed files are out of date
"""
from __future__ import annotations

import argparse
import gettext
import json
import struct
import sys
from array import array
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "jupyterlab_language_pack_nb_NO"
OUT = PACK / "locale" / "nb_NO" / "LC_MESSAGES"
CONTEXT_SEP = "\x04"
PLURALS = "nplurals=2; plural=(n != 1);"


def published() -> dict[str, str]:
    """The published no_NO pack's translations of the jupyterlab domain, ``{key: text}``."""
    import jupyterlab_language_pack_no_NO as pack

    folder = Path(pack.__file__).parent / "locale" / "no_NO" / "LC_MESSAGES"
    data = json.loads((folder / "jupyterlab.json").read_text(encoding="utf-8"))
    found = {k: v[0] for k, v in data.items() if k and isinstance(v, list) and v and v[0]}
    with open(folder / "jupyterlab.mo", "rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog  # noqa: SLF001 - the only way to list entries
    found.update({k: v for k, v in catalog.items() if isinstance(k, str) and k and v})
    return found


def ours() -> tuple[dict[str, str], dict[str, tuple[str, list[str]]]]:
    """The course's translations: ``{key: text}`` and plurals ``{singular: (plural, [one, many])}``."""
    data = yaml.safe_load((PACK / "translations.yaml").read_text(encoding="utf-8"))
    entries = {f"menu{CONTEXT_SEP}{k}": v for k, v in data["menu"].items()}
    entries.update({k: v for k, v in data["ui"].items()})
    plurals = {k: (v["plural"], list(v["nb"])) for k, v in (data.get("plural") or {}).items()}
    return entries, plurals


def mo_bytes(catalog: dict[str, str]) -> bytes:
    """A GNU .mo file for ``catalog`` (the format msgfmt writes), keys sorted, deterministic."""
    keys = sorted(catalog)
    ids = strs = b""
    offsets = []
    for key in keys:
        k, v = key.encode("utf-8"), catalog[key].encode("utf-8")
        offsets.append((len(ids), len(k), len(strs), len(v)))
        ids += k + b"\0"
        strs += v + b"\0"
    key_start = 7 * 4 + 16 * len(keys)
    value_start = key_start + len(ids)
    key_offsets, value_offsets = [], []
    for o1, l1, o2, l2 in offsets:
        key_offsets += [l1, o1 + key_start]
        value_offsets += [l2, o2 + value_start]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0)
    return header + array("i", key_offsets).tobytes() + array("i", value_offsets).tobytes() + ids + strs


def build() -> dict[str, bytes]:
    entries, plurals = ours()
    merged = {**published(), **entries}
    meta = {"domain": "jupyterlab", "language": "nb-NO", "plural_forms": PLURALS, "version": "jupyterlab"}
    front = {"": meta, **{k: [v] for k, v in merged.items()}, **{k: forms for k, (_, forms) in plurals.items()}}
    mo_catalog = {"": f"Content-Type: text/plain; charset=UTF-8\nLanguage: nb_NO\nPlural-Forms: {PLURALS}\n",
                  **merged, **{f"{k}\0{plural}": "\0".join(forms) for k, (plural, forms) in plurals.items()}}
    return {"jupyterlab.json": (json.dumps(front, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode(),
            "jupyterlab.mo": mo_bytes(mo_catalog)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed files are out of date")
    args = parser.parse_args(argv)
    files = build()
    if args.check:
        stale = [name for name, data in files.items()
                 if not (OUT / name).exists() or (OUT / name).read_bytes() != data]
        if stale:
            print(f"out of date: {', '.join(stale)}; run python scripts/build_lab_pack.py", file=sys.stderr)
            return 1
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (OUT / name).write_bytes(data)
    print(f"wrote {len(files)} files to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
