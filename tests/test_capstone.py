"""The capstone (issue 28, item 5): its checker accepts a sourced table and rejects an unsourced one.

The checker (summitlab.capstone, tools/check_capstone.py) validates a student's own table with
Frictionless, like the course's data. Broken projects are made by editing a copy of the
exemplar's folder in a temporary directory, one defect at a time.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from pathlib import Path

import jupytext
import pytest

from summitlab.capstone import check_project

ROOT = Path(__file__).resolve().parent.parent
CAPSTONE = ROOT / "capstone"
EXEMPLAR = CAPSTONE / "exemplar"
sys.path.insert(0, str(ROOT / "tools"))
import check_capstone  # noqa: E402


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "my-project"
    shutil.copytree(EXEMPLAR, folder)
    return folder


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, table: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def test_the_exemplar_table_is_valid():
    report = check_project(EXEMPLAR)
    assert report.valid, str(report)
    assert report.tables == ["summits"] and "valid" in str(report)


def test_a_row_without_a_source_is_rejected_with_its_line(project):
    table = rows(project / "summits.csv")
    table[2]["source_id"] = ""
    write(project / "summits.csv", table)
    report = check_project(project)
    assert not report.valid
    assert report.problems == [
        "line 4 of summits.csv has no source: its source_id is empty. Every row needs the source_id "
        "of a document in your sources.csv or in the course's sources table."]


def test_a_source_in_neither_bibliography_is_rejected_and_one_added_to_sources_csv_is_accepted(project):
    table = rows(project / "summits.csv")
    table[0]["source_id"] = "example-2019-01-01-not-a-course-source"
    write(project / "summits.csv", table)
    report = check_project(project)
    assert len(report.problems) == 1
    assert report.problems[0].startswith("line 2 of summits.csv cites 'example-2019-01-01-not-a-course-source'")
    assert "add a row for it to sources.csv" in report.problems[0]
    with (project / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("example-2019-01-01-not-a-course-source,A. Author,A title,A publisher,2019-01-01,"
                     "https://example.org/a,news report,A test row.\n")
    assert check_project(project).valid


def test_a_schema_that_lets_a_row_go_without_a_source_is_rejected(project):
    path = project / "schemas" / "summits.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    for field in schema["fields"]:
        if field["name"] == "source_id":
            field.pop("constraints")
    path.write_text(json.dumps(schema), encoding="utf-8")
    problems = check_project(project).problems
    assert problems and "must declare a source_id field" in problems[0]


def test_a_source_without_a_title_and_a_bad_date_are_named(project):
    with (project / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("example-2019-source,,,A publisher,2019-13-01,,news report,\n")
    problems = check_project(project).problems
    assert "line 2 of sources.csv: the column title is required, and the cell is empty." in problems
    assert any(p.startswith("line 2 of sources.csv, column date: '2019-13-01' is not a valid date") for p in problems)


def test_values_outside_the_schema_are_named(project):
    table = rows(project / "summits.csv")
    table[1]["counterpart"] = "Japan"
    table[3]["date"] = "26/05/2018"
    write(project / "summits.csv", table)
    problems = check_project(project).problems
    assert any(p.startswith("line 3 of summits.csv, column counterpart:") for p in problems), problems
    assert any(p.startswith("line 5 of summits.csv, column date: '26/05/2018' is not a valid date") for p in problems)


def test_missing_pieces_are_named(tmp_path, project):
    assert "there is no folder" in check_project(tmp_path / "nowhere").problems[0]
    (project / "sources.csv").unlink()
    assert any(p.startswith("sources.csv is missing") for p in check_project(project).problems)
    starter = check_project(CAPSTONE / "starter")
    assert starter.problems == ["my_table.csv has no rows yet: add one row per item, each with its source."]


def test_files_linking_out_of_the_project_are_not_read(project, tmp_path):
    outside = tmp_path / "elsewhere.csv"
    shutil.copy(project / "summits.csv", outside)
    (project / "summits.csv").unlink()
    (project / "summits.csv").symlink_to(outside)
    problems = check_project(project).problems
    assert problems == ["summits.csv is a link to a file outside the project: copy the file into the folder instead."]


def test_the_command_line_exits_1_on_a_broken_project(project, capsys):
    assert check_capstone.main([str(EXEMPLAR)]) == 0
    table = rows(project / "summits.csv")
    table[0]["source_id"] = ""
    write(project / "summits.csv", table)
    assert check_capstone.main([str(project)]) == 1
    assert "line 2 of summits.csv has no source" in capsys.readouterr().out


def test_importing_summitlab_does_not_import_the_checker():
    import subprocess

    code = "import sys, summitlab; print('summitlab.capstone' in sys.modules, 'frictionless' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.split() == ["False", "False"]


# --- the notebooks, the guide and the rubric ----------------------------------------------------

def _source(name: str) -> str:
    return (CAPSTONE / "source" / f"{name}.py").read_text(encoding="utf-8")


def test_the_exemplar_has_two_charts_a_forecast_with_a_probability_and_a_counter_argument():
    notebook = jupytext.reads(_source("exemplar"), fmt="py:percent")
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert len(re.findall(r"\balt\.Chart\(", code)) >= 2
    assert code.count("description=") >= 2 and code.count("tooltip=") >= 2
    assert re.search(r"My probability: \d+ ?%", text)
    assert "### The strongest counter-argument" in text
    assert "check_project(" in code and "sl.references(" in code


def test_the_template_has_every_part_of_the_deliverable():
    text = _source("template")
    for part in ("Milestone 1", "Milestone 2", "Milestone 3", "Milestone 4", "My forecast",
                 "My probability", "The strongest counter-argument", "check_project(", "## References"):
        assert part in text, part


def test_readme_rubric_and_exemplar_agree():
    readme = (CAPSTONE / "README.md").read_text(encoding="utf-8")
    rubric = (CAPSTONE / "rubric.md").read_text(encoding="utf-8")
    for target in ("template.ipynb", "exemplar.ipynb", "rubric.md", "starter/", "exemplar/"):
        assert f"]({target})" in readme, target
    assert (ROOT / "tools" / "check_capstone.py").exists() and "requirements-capstone.txt" in readme
    # The sources columns the brief names are the starter's and the course's, in order.
    header = (CAPSTONE / "starter" / "sources.csv").read_text(encoding="utf-8").splitlines()[0]
    assert f"`{header}`" in readme and header == (ROOT / "data" / "sources.csv").read_text(encoding="utf-8").splitlines()[0]
    # The rubric's six criteria, 0-3 each, and the count it quotes from the exemplar's table.
    criteria = [line for line in rubric.splitlines() if line.startswith("| **")]
    assert len(criteria) == 6 and "18 points" in rubric
    words = {12: "twelve"}
    assert f"{words[len(rows(EXEMPLAR / 'summits.csv'))]} summits" in rubric
