"""Load the course's data tables with the types their Table Schemas declare.

The tables live in ``data/`` at the top of the repository, described by
``data/datapackage.json`` (a Frictionless Data Package). The schema is the one source of
truth for types: dates become datetimes, enumerated columns categoricals, integers and
numbers nullable numeric columns, booleans nullable booleans.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

DATA_ENV_VAR = "SUMMITLAB_DATA"


def data_dir() -> Path:
    """The folder that holds datapackage.json (``data/`` beside the package)."""
    override = os.environ.get(DATA_ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=4)
def _package(folder: Path) -> dict:
    descriptor = folder / "datapackage.json"
    if not descriptor.exists():
        raise FileNotFoundError(
            f"No datapackage.json in {folder}. summitlab expects the course's data/ folder "
            f"beside the package (install it with `pip install -e .`), or set {DATA_ENV_VAR}."
        )
    return json.loads(descriptor.read_text(encoding="utf-8"))


def _resources() -> dict[str, dict]:
    return {resource["name"]: resource for resource in _package(data_dir())["resources"]}


def tables() -> list[str]:
    """Names of every table in the course's data package, in the package's order."""
    return list(_resources())


def schema(name: str) -> dict:
    """The Table Schema (a dict) of table ``name``."""
    resource = _resource(name)
    spec = resource["schema"]
    if isinstance(spec, str):
        return json.loads((data_dir() / spec).read_text(encoding="utf-8"))
    return spec


def _resource(name: str) -> dict:
    resources = _resources()
    if name not in resources:
        available = ", ".join(sorted(resources))
        raise KeyError(f"No table named {name!r}. Available tables: {available}.")
    return resources[name]


def _typed(column: pd.Series, field: dict) -> pd.Series:
    kind = field.get("type", "string")
    enum = field.get("constraints", {}).get("enum")
    if kind == "date":
        return pd.to_datetime(column, format="%Y-%m-%d")
    if kind == "datetime":
        return pd.to_datetime(column, utc=True, format="ISO8601")
    if kind in ("integer", "year"):
        return pd.to_numeric(column).astype("Int64")
    if kind == "number":
        return pd.to_numeric(column).astype("Float64")
    if kind == "boolean":
        return column.map({"true": True, "false": False}, na_action="ignore").astype("boolean")
    if enum:
        return pd.Series(pd.Categorical(column, categories=enum), index=column.index, name=column.name)
    return column.astype("string")


@lru_cache(maxsize=None)
def _read(name: str, folder: Path) -> pd.DataFrame:
    resource = _resource(name)
    raw = pd.read_csv(
        folder / resource["path"], dtype=str, keep_default_na=False, na_values=[""]
    )
    fields = {field["name"]: field for field in schema(name)["fields"]}
    return pd.DataFrame({col: _typed(raw[col], fields.get(col, {})) for col in raw.columns})


def load(name: str) -> pd.DataFrame:
    """Return table ``name`` from data/ as a typed DataFrame (a fresh copy each call).

    >>> load("sources").columns[0]
    'source_id'
    """
    return _read(name, data_dir()).copy()


def sources() -> pd.DataFrame:
    """The bibliography: every source that a row, a lesson or an exercise cites."""
    return load("sources")
