"""The course's bokmål pack for JupyterLab's interface: built, current and pointing at real strings."""
import glob
import gettext
import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "jupyterlab_language_pack_nb_NO"


def test_committed_pack_is_up_to_date():
    """Would a change to translations.yaml (or the published pack) without a rebuild be caught?"""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_lab_pack.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_translated_string_exists_in_jupyterlab():
    """Is every front-end msgid one JupyterLab really uses (so no translation is dead text)?"""
    prefix = Path(sys.prefix) / "share" / "jupyter"
    bundle = "".join(Path(f).read_text(encoding="utf-8", errors="ignore")
                     for pattern in ("lab/static/*.js", "labextensions/**/*.js")
                     for f in glob.glob(str(prefix / pattern), recursive=True))
    data = yaml.safe_load((PACK / "translations.yaml").read_text(encoding="utf-8"))
    missing = [s for s in data["ui"] if not any(q + s + q in bundle for q in "\"'`")]
    missing += [s for s, v in data["plural"].items() if f'_n("{s}","{v["plural"]}"' not in bundle]
    assert not missing, missing


def test_menus_translate_on_the_server_and_in_the_front_end():
    translations = gettext.translation("jupyterlab", localedir=str(PACK / "locale"), languages=["nb_NO"])
    assert [translations.pgettext("menu", m) for m in ("File", "Edit", "Kernel")] == ["Fil", "Rediger", "Kjerne"]
    front = json.loads((PACK / "locale" / "nb_NO" / "LC_MESSAGES" / "jupyterlab.json").read_text(encoding="utf-8"))
    assert front["Run All Cells"] == ["Kjør alle celler"] and front[""]["domain"] == "jupyterlab"


def test_pack_is_registered_for_jupyterlab():
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="jupyterlab.languagepack")}
    assert names.get("nb_NO") == "jupyterlab_language_pack_nb_NO"
    assert "no_NO" in names  # the published pack stays installed and pinned
    settings = json.loads((ROOT / "etc" / "lab" / "nb" / "overrides.json").read_text())
    assert settings["@jupyterlab/translation-extension:plugin"]["locale"] == "nb_NO"


def test_binder_hub_and_image_pick_the_same_interface_language():
    """Do Binder (postBuild), the workshop hub (scripts/hub-env) and the image copy etc/lab/<lang>?"""
    for path in ("postBuild", "scripts/hub-env", "deploy/image/Dockerfile"):
        text = (ROOT / path).read_text(encoding="utf-8")
        assert "etc/lab/" in text and "share/jupyter/lab/settings/overrides.json" in text, path
    dockerfile = (ROOT / "deploy" / "image" / "Dockerfile").read_text(encoding="utf-8")
    assert "COPY" in dockerfile and "jupyterlab_language_pack_nb_NO" in dockerfile
