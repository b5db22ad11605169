import json
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# No example database in the work tree; no per-example deadline on a busy 2-core machine.
settings.register_profile("summitlab", database=None, deadline=None, max_examples=60)
settings.load_profile("summitlab")


@pytest.fixture
def tiny_package(tmp_path, monkeypatch):
    """A two-table data package in a temporary folder, pointed to by SUMMITLAB_DATA."""
    (tmp_path / "schemas").mkdir()
    (tmp_path / "sources.csv").write_text(
        "source_id,title,kind\ns-one,First,database\ns-two,Second,news report\n", encoding="utf-8"
    )
    (tmp_path / "things.csv").write_text(
        "thing_id,day,count,share,flag,colour,label,source_id\n"
        "1,2018-06-12,3,0.5,true,red,NA,s-one\n"
        "2,2019-02-27,,,false,blue,,s-two\n",
        encoding="utf-8",
    )
    schemas = {
        "sources": {"fields": [
            {"name": "source_id", "type": "string"}, {"name": "title", "type": "string"},
            {"name": "kind", "type": "string", "constraints": {"enum": ["database", "news report"]}}]},
        "things": {"fields": [
            {"name": "thing_id", "type": "integer"}, {"name": "day", "type": "date"},
            {"name": "count", "type": "integer"}, {"name": "share", "type": "number"},
            {"name": "flag", "type": "boolean"},
            {"name": "colour", "type": "string", "constraints": {"enum": ["red", "blue", "green"]}},
            {"name": "label", "type": "string"}, {"name": "source_id", "type": "string"}]},
    }
    for name, schema in schemas.items():
        (tmp_path / "schemas" / f"{name}.json").write_text(json.dumps(schema), encoding="utf-8")
    package = {"resources": [{"name": n, "path": f"{n}.csv", "schema": f"schemas/{n}.json"} for n in schemas]}
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    monkeypatch.setenv("SUMMITLAB_DATA", str(tmp_path))
    return tmp_path


@pytest.fixture
def progress_file(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(path))
    return path
