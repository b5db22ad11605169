"""A small Sphinx extension for the course website (loaded by tools/build_site.py).

Live code on the page (Thebe) would load its JavaScript from a CDN and needs a Binder, so the
site leaves it out: Jupyter Book 1 adds its scripts anyway (twice, under Sphinx 7.4, which
raises "Identifier 'THEBE_JS_URL' has already been declared" on every page). The "Launch on
Binder" and "Open in Colab" buttons stay.
"""

from __future__ import annotations


def _is_thebe(script) -> bool:
    filename = str(script.filename or "")
    body = str(script.attributes.get("body", ""))
    return "sphinx-thebe" in filename or "THEBE_JS_URL" in body


def _drop_thebe(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [script for script in scripts if not _is_thebe(script)]


def setup(app):
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
