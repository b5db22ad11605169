"""Write data/datapackage.json from the table schemas in data/schemas/.

Run after adding a table (its CSV in data/, its schema in data/schemas/, its codebook section
in data/codebook/). Tables are listed in ORDER first, then any others alphabetically.

    python tools/build_datapackage.py
"""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
ORDER = [
    "sources", "events", "negotiation_contacts", "nuclear_tests", "nuclear_yield_estimates",
    "missile_launches", "agreements", "commitments", "stockpile_estimates", "facilities",
    "facility_status_changes", "sanctions_resolutions",
]
TITLES = {"sources": "Bibliography: every source the course cites"}


def descriptor() -> dict:
    names = [p.stem for p in DATA.glob("schemas/*.json") if (DATA / f"{p.stem}.csv").exists()]
    names.sort(key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    resources = []
    for name in names:
        schema = json.loads((DATA / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
        resources.append({
            "name": name,
            "path": f"{name}.csv",
            "title": schema.get("title", TITLES.get(name, name.replace("_", " ").capitalize())),
            "description": f"Codebook: codebook/{name}.md",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": f"schemas/{name}.json",
        })
    return {
        "name": "summitlab-data",
        "title": "Summit Lab: data on 2017-2019 US-North Korea diplomacy, weapons tests and arms control, and what followed to 2026",
        "description": "Tables for the Summit Lab course. Every row cites a source in sources.csv. See README.md (the codebook).",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    }


def main() -> None:
    path = DATA / "datapackage.json"
    path.write_text(json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(descriptor()['resources'])} tables)")


if __name__ == "__main__":
    main()
