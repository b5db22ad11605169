"""Where the course lives (``course.toml``) and every link made from it.

``course.toml`` holds the repository's address (any git host), its branch, and the release
(tag and the commit id recorded when it was made). Nothing else in the course spells the
address out: the notebooks' Colab cell, the site's launch buttons, the README's Binder badge and
nbgitpuller link, the deploy guide and the release guide are generated from here
(tools/configure.py rewrites them).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CONFIG = "course.toml"
START = "notebooks/00-start-here.ipynb"
COMMIT = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True)
class Course:
    repository: str  # e.g. https://github.com/owner/name (no .git, no trailing slash)
    branch: str
    tag: str = ""
    commit: str = ""

    def __post_init__(self):
        parts = urlsplit(self.repository)
        if parts.scheme not in ("https", "http", "file") or not parts.path.strip("/"):
            raise ValueError(f"not a repository address: {self.repository!r}")
        if self.commit and not COMMIT.fullmatch(self.commit):
            raise ValueError(f"a release commit is a 40-character id, not {self.commit!r}")

    @property
    def host(self) -> str:
        return urlsplit(self.repository).netloc

    @property
    def path(self) -> str:
        """``owner/name`` (or a longer group path on hosts such as GitLab)."""
        return urlsplit(self.repository).path.strip("/").removesuffix(".git")

    @property
    def name(self) -> str:
        """The folder a clone (and nbgitpuller) makes: the repository's last name."""
        return self.path.rsplit("/", 1)[-1]

    @property
    def on_github(self) -> bool:
        return self.host == "github.com"

    def binder(self, ref: str | None = None, path: str = START) -> str:
        """A mybinder.org link opening `path` in JupyterLab, at `ref` (default: the branch)."""
        ref = quote(ref or self.branch, safe="")
        if self.on_github:
            spec = f"gh/{self.path}/{ref}"
        elif self.host == "gitlab.com":
            spec = f"gl/{quote(self.path, safe='')}/{ref}"
        else:
            spec = f"git/{quote(self.repository, safe='')}/{ref}"
        return f"https://mybinder.org/v2/{spec}?urlpath=lab/tree/{path}"

    def colab(self, path: str = START, ref: str | None = None) -> str | None:
        """"Open in Colab" for `path`; None off GitHub (Colab opens notebooks from GitHub only)."""
        if not self.on_github:
            return None
        return f"https://colab.research.google.com/github/{self.path}/blob/{ref or self.branch}/{path}"

    def browse(self, path: str = "") -> str | None:
        """The host's page for a file or folder of the course at the branch; None where the host's
        address scheme is not known (the site then shows such a link as plain text)."""
        if self.on_github:
            return f"{self.repository}/tree/{quote(self.branch, safe='')}/{quote(path)}"
        if self.host == "gitlab.com":
            return f"{self.repository}/-/tree/{quote(self.branch, safe='')}/{quote(path)}"
        return None

    def pages(self) -> str | None:
        """Where GitHub Pages publishes the site (.github/workflows/pages.yml); None off GitHub."""
        if not self.on_github or "/" not in self.path:
            return None
        owner, name = self.path.split("/", 1)
        return f"https://{owner.lower()}.github.io/{name}/"

    def nbgitpuller(self, branch: str | None = None, hub: str = "https://YOUR-HUB", path: str = START) -> str:
        """A class link: the hub clones (then updates) the course into each student's home."""
        query = (f"repo={quote(self.repository, safe='')}&branch={quote(branch or self.branch, safe='')}"
                 f"&urlpath={quote(f'lab/tree/{self.name}/{path}', safe='')}")
        return f"{hub}/hub/user-redirect/git-pull?{query}"


def load(root: Path = ROOT) -> Course:
    with (Path(root) / CONFIG).open("rb") as handle:
        data = tomllib.load(handle)
    course, release = data["course"], data.get("release", {})
    return Course(repository=course["repository"].rstrip("/"), branch=course["branch"],
                  tag=release.get("tag", ""), commit=release.get("commit", ""))


def dump(course: Course, text: str) -> str:
    """`text` (course.toml) with its values replaced by `course`'s, comments kept."""
    values = {"repository": course.repository, "branch": course.branch, "tag": course.tag,
              "commit": course.commit}
    for key, value in values.items():
        text, count = re.subn(rf'(?m)^{key} = ".*"$', f'{key} = "{value}"', text)
        if count != 1:
            raise ValueError(f"{CONFIG}: expected one line `{key} = \"...\"`")
    return text
