"""A small Sphinx extension for the course website (loaded by tools/build_site.py).

Live code on the page (Thebe) would load its JavaScript from a CDN and needs a Binder, so the
site leaves it out: Jupyter Book 1 adds its scripts anyway (twice, under Sphinx 7.4, which
raises "Identifier 'THEBE_JS_URL' has already been declared" on every page). The "Launch on
Binder" and "Open in Colab" buttons stay.

The pages link to files of the course that are not pages of the site (a folder such as the
capstone's ``starter/``, data/schemas/, a module of summitlab, an unpublished instructor page):
MyST would leave each such link pointing at nothing (``href="#../data/schemas/"``). They lead to
the repository's own page for that file instead (``summitlab_browse``: from course.toml, never
spelled out here), or, on a host whose address scheme is not known, become plain text. Links to
what the site keeps private (``summitlab_private``: rubric answers, banks, model answers, the
grader) become plain text too: the site never points a student at a key.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform


def _is_thebe(script) -> bool:
    filename = str(script.filename or "")
    body = str(script.attributes.get("body", ""))
    return "sphinx-thebe" in filename or "THEBE_JS_URL" in body


def _drop_thebe(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [script for script in scripts if not _is_thebe(script)]


def repository_path(refdoc: str, target: str, repository: Path) -> str | None:
    """The file or folder of the repository that `target`, a relative link on page `refdoc`,
    names (the staged pages mirror the repository's layout), or None."""
    path = target.partition("#")[0]
    if not path or "://" in path or path.startswith(("/", "mailto:")):
        return None
    where = posixpath.normpath(posixpath.join(posixpath.dirname(refdoc), path))
    if where == "." or where.startswith("..") or not (repository / where).exists():
        return None
    return where


class RepositoryLinks(SphinxPostTransform):
    """Links to files of the course that the site does not publish: to the repository, or text."""

    default_priority = 8  # before MyST's resolver (9) turns them into links to nothing

    def run(self, **kwargs) -> None:
        repository = self.config.summitlab_repository
        if not repository:
            return
        browse = self.config.summitlab_browse
        for node in list(self.document.findall(addnodes.pending_xref)):
            # A link MyST found as neither a page nor a file of the site.
            if node.get("reftype") != "myst" or node.get("refdomain") is not None:
                continue
            target = node["reftarget"]
            where = repository_path(node.get("refdoc", self.env.docname), target, Path(repository))
            if where is None:
                continue
            content = [child.deepcopy() for child in node.children] or [nodes.literal(target, target)]
            private = any(where == name.rstrip("/") or where.startswith(name.rstrip("/") + "/")
                          for name in self.config.summitlab_private)
            if browse and not private:
                anchor = target.partition("#")[2]
                link = nodes.reference("", "", *content, internal=False,
                                       refuri=browse + quote(where) + (f"#{anchor}" if anchor else ""))
                node.replace_self(link)
            else:
                node.replace_self(content)


def setup(app):
    app.add_config_value("summitlab_repository", "", "env")  # the checkout the site is built from
    app.add_config_value("summitlab_browse", "", "env")      # the host's page for its files, + path
    app.add_config_value("summitlab_private", [], "env")     # never linked: paths in the repository
    app.add_post_transform(RepositoryLinks)
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
