"""course.toml is the one place that says where the course lives (tools/configure.py).

Every link made from it is current; no other file spells the address out; and one command
points a copy of the course at a new address, after which the old one is found nowhere.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import configure  # noqa: E402
import course_config  # noqa: E402

COURSE = course_config.load(ROOT)
NEW = "https://git.example.org/teaching/nk-course"


def tracked(root: Path) -> list[str]:
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], capture_output=True, check=True).stdout
    return sorted(name for name in listed.decode().split("\0") if name and (root / name).is_file())


def spellings(course: course_config.Course) -> list[str]:
    """How a file could spell the address: owner/name, and URL-encoded."""
    return [course.path, quote(course.path, safe=""), quote(course.repository, safe="")]


def found(root: Path, words: list[str], skip_generated: bool, names: list[str] | None = None) -> list[str]:
    hits = []
    for name in names or tracked(root):
        try:
            text = (root / name).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if skip_generated:
            if name == course_config.CONFIG:
                continue
            text = configure.BLOCK.sub("", text)
            if name.endswith(".ipynb"):
                text = json.dumps([c for c in json.loads(text)["cells"]
                                   if c.get("id") != "colab-setup"])
        hits += [f"{name}: {word}" for word in words if word.lower() in text.lower()]
    return hits


def test_every_generated_link_is_current():
    assert configure.configure(ROOT, check=True) == []


def test_no_file_spells_the_address_out_but_course_toml_and_generated_blocks():
    assert found(ROOT, spellings(COURSE), skip_generated=True) == []
    # The search does find the address where it is generated (it is not blind).
    assert found(ROOT, [COURSE.path], skip_generated=False)


def test_links_for_any_git_host():
    github = course_config.Course("https://github.com/o/n", "main")
    assert github.binder() == "https://mybinder.org/v2/gh/o/n/main?urlpath=lab/tree/notebooks/00-start-here.ipynb"
    assert github.colab("notebooks/a.ipynb") == "https://colab.research.google.com/github/o/n/blob/main/notebooks/a.ipynb"
    assert github.pages() == "https://o.github.io/n/"
    assert github.browse("capstone/starter/") == "https://github.com/o/n/tree/main/capstone/starter/"
    gitlab = course_config.Course("https://gitlab.com/group/sub/n", "trunk")
    assert gitlab.binder().startswith("https://mybinder.org/v2/gl/group%2Fsub%2Fn/trunk?")
    assert gitlab.browse("data/README.md") == "https://gitlab.com/group/sub/n/-/tree/trunk/data/README.md"
    other = course_config.Course(NEW + ".git", "main")
    assert other.binder().startswith("https://mybinder.org/v2/git/" + quote(NEW + ".git", safe="") + "/main?")
    assert other.colab() is None and other.pages() is None and other.browse("data/") is None and other.name == "nk-course"
    assert "repo=https%3A%2F%2Fgit.example.org%2Fteaching%2Fnk-course.git&branch=main&urlpath=lab%2Ftree%2Fnk-course%2F" \
        in other.nbgitpuller()
    with pytest.raises(ValueError):
        course_config.Course("not an address", "main")
    with pytest.raises(ValueError):
        course_config.Course(NEW, "main", commit="v1.0")  # a tag is not an immutable commit id


def test_one_command_points_a_copy_at_a_new_address(tmp_path):
    copy = tmp_path / "course"
    for name in tracked(ROOT):
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    commit = "ab" * 20
    done = subprocess.run([sys.executable, str(copy / "tools" / "configure.py"), "--repo", NEW,
                           "--branch", "trunk", "--release-tag", "v2027.1", "--release-commit", commit],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert found(copy, spellings(COURSE), skip_generated=False, names=tracked(ROOT)) == []
    new = course_config.load(copy)
    assert (new.repository, new.branch, new.tag, new.commit) == (NEW, "trunk", "v2027.1", commit)
    readme = (copy / "README.md").read_text()
    assert new.binder() in readme and new.nbgitpuller() in readme
    assert "Colab opens notebooks from GitHub only" in readme  # no Colab link off GitHub
    assert new.binder("v2027.1") in (copy / "instructors" / "releases.md").read_text()
    assert f"git clone {NEW} " in (copy / "deploy" / "README.md").read_text()
    # The hub opens the folder nbgitpuller clones the fork into, as the class link does.
    assert "defaultUrl: /lab/tree/nk-course/notebooks/00-start-here.ipynb" in (copy / configure.Z2JH).read_text()
    assert "lab%2Ftree%2Fnk-course%2Fnotebooks" in new.nbgitpuller()
    cells = json.loads((copy / "exercises" / "03-policy-process.ipynb").read_text())["cells"]
    (cell,) = [cell for cell in cells if cell["id"] == "colab-setup"]
    assert f'"{NEW}", "v2027.1", "{commit}"' in "".join(cell["source"])
    # The site builder reads course.toml when it runs.
    site = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, 'tools'); "
                           "import course_config; print(course_config.load().repository)"],
                          cwd=copy, capture_output=True, text=True)
    assert site.stdout.strip() == NEW
    # Running it again changes nothing, and --check agrees.
    again = subprocess.run([sys.executable, str(copy / "tools" / "configure.py"), "--check"],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout
