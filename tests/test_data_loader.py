import pandas as pd
import pytest

import summitlab as sl
from summitlab import data


def test_types_follow_the_schema(tiny_package):
    things = sl.load("things")
    assert pd.api.types.is_datetime64_any_dtype(things["day"])
    assert things["day"].iloc[0] == pd.Timestamp("2018-06-12")
    assert str(things["count"].dtype) == "Int64" and things["count"].isna().iloc[1]
    assert str(things["share"].dtype) == "Float64"
    assert str(things["flag"].dtype) == "boolean" and things["flag"].tolist() == [True, False]
    assert isinstance(things["colour"].dtype, pd.CategoricalDtype)
    assert list(things["colour"].cat.categories) == ["red", "blue", "green"]


def test_text_na_is_not_missing(tiny_package):
    # "NA" is a real string in some tables (e.g. an abbreviation); only empty cells are missing.
    labels = sl.load("things")["label"]
    assert labels.iloc[0] == "NA" and pd.isna(labels.iloc[1])


def test_unknown_table_lists_the_available_ones(tiny_package):
    with pytest.raises(KeyError) as error:
        sl.load("thing")
    assert "sources" in str(error.value) and "things" in str(error.value)


def test_each_load_is_a_fresh_copy(tiny_package):
    first = sl.load("things")
    first.loc[0, "count"] = 99
    assert sl.load("things").loc[0, "count"] == 3


def test_tables_lists_the_package_in_order(tiny_package):
    assert sl.tables() == ["sources", "things"]


def test_missing_package_says_how_to_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMITLAB_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="pip install -e"):
        sl.tables()


def test_default_data_dir_is_beside_the_package(monkeypatch):
    monkeypatch.delenv("SUMMITLAB_DATA", raising=False)
    assert data.data_dir().name == "data"
    assert (data.data_dir() / "datapackage.json").exists()


def test_every_course_table_loads_with_schema_types(monkeypatch):
    monkeypatch.delenv("SUMMITLAB_DATA", raising=False)
    for name in sl.tables():
        table = sl.load(name)
        fields = {f["name"]: f for f in data.schema(name)["fields"]}
        assert list(table.columns) == list(fields), name
        for column, field in fields.items():
            if field["type"] == "date":
                assert pd.api.types.is_datetime64_any_dtype(table[column]), (name, column)
            if field["type"] == "integer":
                assert str(table[column].dtype) == "Int64", (name, column)
            if field.get("constraints", {}).get("enum"):
                assert isinstance(table[column].dtype, pd.CategoricalDtype), (name, column)
