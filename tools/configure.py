"""Point the course at its address, and regenerate every link made from it.

    python tools/configure.py                                   # regenerate from course.toml
    python tools/configure.py --repo https://HOST/OWNER/NAME --branch main   # a fork's address
    python tools/configure.py --release-tag v2027.1 --release-commit SHA     # record a release
    python tools/configure.py --check       # exit 1 if a generated link is not current

It writes the values into ``course.toml`` and regenerates, from it:

* the first cell of every notebook (the Colab set-up cell: tools/make_notebooks.colab_cell);
* the blocks between ``<!-- course.toml:NAME -->`` and ``<!-- /course.toml -->`` in the
  Markdown files below (README badge and links, release guide, deploy guide);
* the folder Zero to JupyterHub opens (``defaultUrl`` in deploy/z2jh/config.yaml: the clone
  nbgitpuller makes, named after the repository).

The site (tools/build_site.py) reads ``course.toml`` when it is built. Works in a student
release too (no exercise sources needed: only the Colab cells are replaced).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.append(str(Path(__file__).resolve().parent.parent))  # summitlab, where not installed
import course_config  # noqa: E402
from course_config import Course  # noqa: E402

ROOT = course_config.ROOT
MARKDOWN = ("README.md", "instructors/releases.md", "deploy/README.md", "CONTRIBUTING.md")
NOTEBOOK_DIRS = ("notebooks", "exercises", "exercises/solutions", "capstone")
BLOCK = re.compile(r"(<!-- course\.toml:([\w-]+) -->\n)(.*?)(<!-- /course\.toml -->)", re.DOTALL)
# Zero to JupyterHub opens the folder that nbgitpuller clones, named after the repository.
Z2JH = "deploy/z2jh/config.yaml"
Z2JH_START = re.compile(r"(?m)^(\s*defaultUrl: /lab/tree/)[^/\s]+/")


def _where(course: Course) -> str:
    return f"`{course.repository}` (branch `{course.branch}`)"


def _release_links(course: Course, root: Path) -> str:
    tag = course.tag or "v2027.1"
    example = "" if course.tag else " (the tag shown is an example: no release is recorded yet)"
    return (f"- Binder, opening the start notebook{example}:\n  `{course.binder(tag)}`\n"
            f"- nbgitpuller, for a JupyterHub (see the README's \"Teaching at scale\"), on the "
            f"term's branch:\n  `{course.nbgitpuller(branch='term/' + tag.removeprefix('v'))}`\n")


def _site(course: Course, root: Path) -> str:
    colab = ("" if course.on_github else
             " (\"Open in Colab\" needs a GitHub repository, so the site leaves it out here)")
    release = (f"release `{course.tag}`, commit `{course.commit}`" if course.commit
               else "the release recorded in `course.toml` (none yet: there the cell says so and stops)")
    return (f"The launch buttons open the course at {_where(course)}{colab}, as `course.toml` says. "
            f"In Colab, each notebook's first cell (collapsed to one line) fetches {release} by its "
            f"commit id, checks that it got exactly that commit, and installs `summitlab` from it "
            f"without installing anything else; elsewhere that cell does nothing.\n")


def _links(course: Course, root: Path) -> str:
    lines = [f"- **Binder** (nothing to install): <{course.binder()}>"]
    colab = course.colab()
    lines.append(f"- **Google Colab** (lesson 00; the first cell sets the course up): <{colab}>" if colab else
                 "- **Google Colab**: not offered, because Colab opens notebooks from GitHub only")
    pages = course.pages()
    if pages and (root / ".github" / "workflows" / "pages.yml").exists():
        lines.append(f"- **The website**, once published with the Pages workflow: <{pages}>")
    lines.append(f"- **A JupyterHub** (nbgitpuller; put your hub's address first):\n  `{course.nbgitpuller()}`")
    return "\n".join(lines) + "\n"


TEMPLATES = {
    "links": _links,
    "badge": lambda c, root: (
        f"[![Binder](https://mybinder.org/badge_logo.svg)]({c.binder()})\n\n"
        f"The badge opens the start notebook in a free, temporary Binder session (nothing to "
        f"install; the first launch can take a few minutes). The course lives at {_where(c)}, "
        f"as `course.toml` says; a fork points this and every other link at its own address "
        f"with `.venv/bin/python tools/configure.py --repo https://HOST/OWNER/NAME --branch main`.\n"),
    "site": _site,
    "nbgitpuller": lambda c, root: f"```\n{c.nbgitpuller()}\n```\n",
    "releases": _release_links,
    "clone": lambda c, root: f"   git clone {c.repository} /opt/summit-lab\n",
    "fork": lambda c, root: f"`{c.repository}`, branch `{c.branch}`.\n",
}


def render_markdown(text: str, course: Course, root: Path = ROOT) -> str:
    def replace(match: re.Match) -> str:
        name = match.group(2)
        if name not in TEMPLATES:
            raise KeyError(f"unknown generated block {name!r}")
        return match.group(1) + TEMPLATES[name](course, root) + match.group(4)

    return BLOCK.sub(replace, text)


def render_notebook(text: str, course: Course) -> str:
    import make_notebooks
    import nbformat

    notebook = nbformat.reads(text, as_version=4)
    fresh = make_notebooks.colab_cell(course)
    for cell in notebook.cells:
        if cell.get("id") == make_notebooks.COLAB_CELL_ID:
            cell.source, cell.metadata = fresh.source, fresh.metadata
    if "pristine_sources" in notebook.metadata.get("summitlab", {}):
        # A student notebook's fingerprint covers every cell's source (make_notebooks.build).
        from summitlab.bundle import sources_digest

        notebook.metadata["summitlab"]["pristine_sources"] = sources_digest(notebook)
    return nbformat.writes(notebook) + "\n"


def generated(root: Path, course: Course) -> dict[Path, str]:
    """Every generated file under `root` and the text it should have."""
    out = {}
    for name in MARKDOWN:
        path = root / name
        if path.exists():
            out[path] = render_markdown(path.read_text(encoding="utf-8"), course, root)
    if (root / Z2JH).exists():
        text = (root / Z2JH).read_text(encoding="utf-8")
        out[root / Z2JH] = Z2JH_START.sub(lambda match: f"{match.group(1)}{course.name}/", text)
    for folder in NOTEBOOK_DIRS:
        for path in sorted((root / folder).glob("*.ipynb")):
            out[path] = render_notebook(path.read_text(encoding="utf-8"), course)
    return out


def configure(root: Path = ROOT, *, repo: str | None = None, branch: str | None = None,
              tag: str | None = None, commit: str | None = None, check: bool = False) -> list[Path]:
    """Update course.toml and the generated files under `root`; return the files that changed
    (with ``check``, the ones that would)."""
    config = root / course_config.CONFIG
    old = course_config.load(root)
    course = Course(repository=(repo or old.repository).rstrip("/"), branch=branch or old.branch,
                    tag=old.tag if tag is None else tag, commit=old.commit if commit is None else commit)
    texts = {config: course_config.dump(course, config.read_text(encoding="utf-8"))}
    texts.update(generated(root, course))
    changed = [path for path, text in texts.items() if path.read_text(encoding="utf-8") != text]
    if not check:
        for path in changed:
            path.write_text(texts[path], encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", help="the repository's address, e.g. https://github.com/OWNER/NAME")
    parser.add_argument("--branch", help="the branch students and Binder follow")
    parser.add_argument("--release-tag", help="the release's tag, e.g. v2027.1")
    parser.add_argument("--release-commit", help="the 40-character commit id the tag points at")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if out of date")
    args = parser.parse_args(argv)
    changed = configure(args.root, repo=args.repo, branch=args.branch, tag=args.release_tag,
                        commit=args.release_commit, check=args.check)
    for path in changed:
        print(("out of date: " if args.check else "wrote ") + str(path.relative_to(args.root)))
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
