"""The data package: valid against its Table Schemas, and consistent across tables."""

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package

import summitlab as sl

DATA = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
TABLES = [r["name"] for r in DESCRIPTOR["resources"]]
SEED = "washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect"


def test_package_validates_with_frictionless():
    report = Package(str(DATA / "datapackage.json")).validate()
    errors = [f"{task.name}: {e.message}" for task in report.tasks for e in task.errors]
    errors += [e.message for e in report.errors]
    assert report.valid, "\n".join(errors[:30])


def test_every_csv_in_data_is_in_the_package():
    assert {p.stem for p in DATA.glob("*.csv")} == set(TABLES)


@pytest.mark.parametrize("name", [t for t in TABLES if t != "sources"])
def test_every_row_has_a_resolvable_source(name):
    sources = set(sl.load("sources")["source_id"])
    table = sl.load(name)
    assert "source_id" in table.columns, f"{name} has no source_id"
    assert table["source_id"].notna().all(), f"{name} has rows without a source"
    # Other columns that point at sources (check_source_id, outcome_source_id, …) must resolve too.
    for column in [c for c in table.columns if c.endswith(("source_id", "source_ids"))]:
        ids = set(table[column].dropna().astype(str).str.split(r";\s*").explode())
        assert ids <= sources, (column, ids - sources)


@pytest.mark.parametrize("name", TABLES)
def test_every_column_is_documented(name):
    codebook = (DATA / "codebook" / f"{name}.md")
    assert codebook.exists(), f"data/codebook/{name}.md is missing"
    text = codebook.read_text(encoding="utf-8")
    schema = sl.data.schema(name)
    for field in schema["fields"]:
        assert field.get("description"), f"{name}.{field['name']} has no description in its schema"
        assert f"`{field['name']}`" in text or field["name"] in text, f"{name}.{field['name']} not in codebook"


def test_codebook_readme_links_every_table():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name in TABLES:
        assert f"codebook/{name}.md" in readme, name


@pytest.mark.parametrize("name", TABLES)
def test_end_dates_do_not_precede_start_dates(name):
    table = sl.load(name)
    if {"date", "end_date"} <= set(table.columns):
        both = table.dropna(subset=["date", "end_date"])
        assert (both["end_date"] >= both["date"]).all(), both.loc[both["end_date"] < both["date"]]


def test_seed_article_is_a_source():
    assert SEED in set(sl.load("sources")["source_id"])


def test_special_representative_is_spelled_right():
    # The seed article misspells Stephen Biegun; the course must not repeat it.
    for path in DATA.rglob("*.csv"):
        assert not re.search(r"\bBeigun\b", path.read_text(encoding="utf-8")), path.name


def test_date_ranges_are_the_declared_ones():
    ranges = {
        "events": ("date", "2017-01-01", "2026-12-31"),
        "missile_launches": ("date_utc", "2012-01-01", "2026-12-31"),
        "negotiation_contacts": ("date", "2018-03-01", "2026-12-31"),
    }
    for name, (column, low, high) in ranges.items():
        if name in TABLES:
            dates = sl.load(name)[column]
            assert dates.between(pd.Timestamp(low), pd.Timestamp(high)).all(), name


def test_sources_csv_is_the_merge_of_its_parts():
    import subprocess
    import sys

    run = subprocess.run([sys.executable, str(DATA.parent / "tools" / "merge_sources.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_source_part_with_an_unquoted_comma_is_refused_not_cut_short(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("merge_sources", DATA.parent / "tools" / "merge_sources.py")
    merge_sources = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(merge_sources)
    header = ",".join(merge_sources.COLUMNS)
    (tmp_path / "good.csv").write_text(f'{header}\na-1,A,T,P,2019-01-01,,news report,"read, in 2026"\n', encoding="utf-8")
    assert 'a-1,A,T,P,2019-01-01,,news report,"read, in 2026"' in merge_sources.merged(tmp_path)
    (tmp_path / "bad.csv").write_text(f"{header}\nb-1,A,T,P,2019-01-01,,news report,read, in 2026\n", encoding="utf-8")
    with pytest.raises(merge_sources.ConflictError, match="bad.csv, line 2: 9 cells"):
        merge_sources.merged(tmp_path)


def test_every_launch_in_events_is_in_missile_launches():
    # events carry the local (KST) date; the launch database the UTC date, the same day or the
    # day before (a launch before 09:00 KST falls on the previous UTC day).
    events = sl.load("events")
    launches = set(sl.load("missile_launches")["date_utc"])
    launch_events = events[events["event_type"] == "missile launch"]
    assert len(launch_events) > 0
    unmatched = [
        (row.event_id, row.date.date()) for row in launch_events.itertuples()
        if row.date not in launches and row.date - pd.Timedelta(days=1) not in launches
    ]
    assert unmatched == []


def test_nuclear_test_in_events_matches_nuclear_tests():
    events = sl.load("events")
    tests = set(sl.load("nuclear_tests")["date_local"])
    in_events = events.loc[events["event_type"] == "nuclear test", "date"]
    assert len(in_events) and set(in_events) <= tests
