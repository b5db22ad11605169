"""The instructor guide (instructors/) stays in step with the lessons, the exercises and the repo.

Each lesson notebook has a guide with the same number and slug; every exercise id a guide cites
exists; every relative link resolves; each lesson plan's timings add up to a class period.
"""

import re
from pathlib import Path

import pytest

from summitlab.checks import catalogue

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ROOT / "instructors"
LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]*-*.ipynb"))
PAGES = sorted(GUIDES.glob("*.md"))

# An exercise id is "NN.k": a two-digit lesson number (the primer's is "00p"), a dot, the exercise number.
EXERCISE_ID = re.compile(r"(?<![\w.])(\d\dp?\.\d{1,2})(?![\w.])")
LINK = re.compile(r"\]\(([^)\s]+)\)")
# Class periods: 75–90 minutes; the short start-here lesson fits in 30–45, the primer in 45–60.
PERIOD = {"00": (30, 45), "00p": (45, 60)}
DEFAULT_PERIOD = (75, 90)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def plan_minutes(markdown: str) -> tuple[list[int], int | None]:
    """The minutes of each row of the first table with a "Minutes" column, and its Total row (if any)."""
    lines = markdown.splitlines()
    for start, line in enumerate(lines):
        if not line.lstrip().startswith("|"):
            continue
        header = [cell.lower() for cell in _cells(line)]
        if "minutes" not in header:
            continue
        column = header.index("minutes")
        minutes, total = [], None
        for row in lines[start + 2:]:  # skip the header and its |---| separator
            if not row.lstrip().startswith("|"):
                break
            cells = _cells(row)
            value = int(re.sub(r"[^\d]", "", cells[column]) or 0)
            if cells[0].strip("*").strip().lower() == "total":
                total = value
            else:
                minutes.append(value)
        return minutes, total
    return [], None


def test_plan_parser_reads_a_table_and_its_total():
    sample = "x\n| Part | Minutes |\n|---|---|\n| Talk | 10 |\n| Code | 25 |\n| **Total** | **35** |\n\nafter"
    assert plan_minutes(sample) == ([10, 25], 35)
    assert plan_minutes("no table here") == ([], None)


def test_there_are_lessons_and_guides():
    assert LESSONS, "no lesson notebooks found"
    assert (GUIDES / "README.md").exists()


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_a_guide_with_the_same_slug(lesson):
    assert (GUIDES / f"{lesson}.md").exists(), f"instructors/{lesson}.md is missing"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_cited_exercise_ids_exist(page):
    known = set(catalogue())
    cited = set(EXERCISE_ID.findall(_text(page)))
    assert not cited - known, f"{page.name} cites unknown exercises: {sorted(cited - known)}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_guide_covers_every_exercise_of_its_lesson(lesson):
    guide = GUIDES / f"{lesson}.md"
    if not guide.exists():
        pytest.skip("no guide (reported by another test)")
    number = lesson.split("-")[0]
    expected = {eid for eid in catalogue() if eid.startswith(f"{number}.")}
    cited = set(EXERCISE_ID.findall(_text(guide)))
    assert expected, f"lesson {number} has no exercises in the catalogue"
    assert expected <= cited, f"{guide.name} does not mention {sorted(expected - cited)}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_point_at_existing_files(page):
    broken = []
    for target in LINK.findall(_text(page)):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # a URL or an anchor on the same page
        path = target.split("#", 1)[0]
        if not (page.parent / path).resolve().exists():
            broken.append(target)
    assert not broken, f"{page.name} has broken links: {broken}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_plan_timings_fit_a_class(lesson):
    guide = GUIDES / f"{lesson}.md"
    if not guide.exists():
        pytest.skip("no guide (reported by another test)")
    minutes, total = plan_minutes(_text(guide))
    assert len(minutes) >= 3, f"{guide.name}: no lesson-plan table with a Minutes column"
    low, high = PERIOD.get(lesson.split("-")[0], DEFAULT_PERIOD)
    assert low <= sum(minutes) <= high, f"{guide.name}: the plan adds up to {sum(minutes)} minutes"
    if total is not None:
        assert total == sum(minutes), f"{guide.name}: the Total row says {total}, the rows add up to {sum(minutes)}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_guide_links_its_lesson_exercises_and_solutions(lesson):
    guide = GUIDES / f"{lesson}.md"
    if not guide.exists():
        pytest.skip("no guide (reported by another test)")
    links = set(LINK.findall(_text(guide)))
    for target in (f"../notebooks/{lesson}.ipynb", f"../exercises/{lesson}.ipynb",
                   f"../exercises/solutions/{lesson}-solutions.ipynb"):
        assert target in links, f"{guide.name} does not link {target}"


def test_course_page_links_every_guide_and_the_release_guide():
    links = set(LINK.findall(_text(GUIDES / "README.md")))
    wanted = {f"{lesson}.md" for lesson in LESSONS} | {"releases.md", "../tools/class_summary.py"}
    assert wanted <= links, f"instructors/README.md does not link {sorted(wanted - links)}"


# --- the commands the pages tell a reader to run -------------------------------------------------

COMMAND_PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *PAGES]  # every page of the guide
TOOL_COMMAND = re.compile(r"(\S*python3?) (-m grading(?:\.problemsets)?|tools/\w+\.py)((?: [^`\n]*)?)")
FLAG = re.compile(r"(?<![\w-])--[a-z][\w-]*")
# The conda route runs this one with the conda environment's own `python` (README, "With conda").
OTHER_PYTHON = {"tools/install_lab_settings.py"}


def documented_commands() -> list[tuple[str, str, str, str]]:
    """(page, interpreter, tool, arguments) for every tool or grader command in the pages."""
    found = []
    for page in COMMAND_PAGES:
        for python, tool, args in TOOL_COMMAND.findall(_text(page)):
            found.append((page.name if page.parent == ROOT else f"instructors/{page.name}", python.strip("`("),
                          tool, args.split(" #")[0]))
    return found


def help_text(tool: str, subcommand: str = "") -> str:
    """What ``TOOL [SUBCOMMAND] --help`` prints, run in this process (argparse stops before any work)."""
    import contextlib
    import importlib
    import io
    import runpy
    import sys

    out, argv = io.StringIO(), sys.argv
    try:
        with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
            if tool.startswith("-m "):  # `python -m grading` runs grading.cli's main
                module = importlib.import_module({"grading": "grading.cli"}.get(tool[3:], tool[3:]))
                module.main([*([subcommand] if subcommand else []), "--help"])
            else:
                assert "argparse" in (ROOT / tool).read_text(encoding="utf-8"), f"{tool} has no options to name"
                sys.argv = [str(ROOT / tool), "--help"]
                runpy.run_path(str(ROOT / tool), run_name="__main__")
    finally:
        sys.argv = argv
    return out.getvalue()


def test_the_pages_name_the_grader_and_the_tools_they_run():
    commands = documented_commands()
    tools = {tool for _, _, tool, _ in commands}
    assert {"-m grading", "-m grading.problemsets", "tools/release.py", "tools/configure.py",
            "tools/export_quizzes.py", "tools/class_summary.py"} <= tools, sorted(tools)
    for page, python, tool, _ in commands:
        if not tool.startswith("-m "):
            assert (ROOT / tool).exists(), f"{page}: {tool} does not exist"
        # A bare `python` is the system's, without the course's packages: the tools need .venv's.
        if tool not in OTHER_PYTHON:
            assert python == ".venv/bin/python", f"{page}: `{python} {tool}` (the course's Python is .venv/bin/python)"


def test_every_option_the_pages_name_exists():
    helps: dict[tuple[str, str], str] = {}
    for page, _, tool, args in documented_commands():
        flags = FLAG.findall(args)
        if not flags:
            continue
        subcommand = args.split()[0] if tool == "-m grading.problemsets" else ""
        text = helps.setdefault((tool, subcommand), help_text(tool, subcommand))
        missing = [flag for flag in flags if not re.search(re.escape(flag) + r"(?![\w-])", text)]
        assert not missing, f"{page}: `{tool} {subcommand}` has no {missing}"
    assert ("-m grading.problemsets", "grade") in helps and ("tools/release.py", "") in helps
    options = _text(GUIDES / "grading.md").split("Options:", 1)[1].split("Run it as", 1)[0]
    listed = FLAG.findall(options)
    grader = helps.get(("-m grading", "")) or help_text("-m grading")
    assert len(listed) >= 5 and [f for f in listed if f not in grader] == []
