"""Norwegian bokmål for JupyterLab's interface, as the course ships it (locale ``nb_NO``).

Built by ``scripts/build_lab_pack.py`` from the published ``jupyterlab-language-pack-no-NO`` and
the course's own translations of the menus, toolbars and dialogs a participant meets
(``translations.yaml``). Registered under the ``jupyterlab.languagepack`` entry point; ``make lab``
selects it through ``etc/lab/nb/overrides.json``.
"""
