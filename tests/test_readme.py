import re
from pathlib import Path

from summitlab.course import course_map

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_course_map_matches_the_package():
    rows = re.findall(r"^\| \[?(\d\dp?) [^|]*\| ([^|]+) \| (\d+) \|", README, re.MULTILINE)
    table = course_map()
    assert [r[0] for r in rows] == list(table["lesson"])
    assert [r[1].strip() for r in rows] == list(table["question"])
    assert [int(r[2]) for r in rows] == list(table["minutes"])


def test_readme_links_point_at_existing_files():
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)\)", README):
        assert (ROOT / target).exists(), target


def test_available_lessons_are_linked_with_their_exercises():
    for row in course_map().itertuples():
        if row.available:
            assert f"]({row.notebook})" in README and f"]({row.exercises})" in README, row.lesson


def test_binder_badge_opens_the_start_notebook():
    match = re.search(r"mybinder\.org/v2/gh/[^)]*urlpath=lab/tree/([^)\s]+)\)", README)
    assert match and (ROOT / match.group(1)).exists()


def test_ci_runs_the_readme_test_command():
    assert "python course.py test" in README and "python course.py lab" in README
    assert "python3 course.py test" in (ROOT / ".ci" / "run").read_text()
