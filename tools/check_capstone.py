"""Check a capstone project folder: its own tables and sources, with the course's Frictionless rules.

Every table needs a schema in schemas/, a required source_id on every row, and each source_id
must name a row of the project's sources.csv or of the course's data/sources.csv (see
capstone/README.md and summitlab/capstone.py). Prints "valid" or one line per problem; exits 1
if anything is wrong.

    python tools/check_capstone.py capstone/my-project
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summitlab.capstone import check_project  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", help="capstone project folders to check")
    args = parser.parse_args(argv)
    failed = 0
    for folder in args.folders:
        report = check_project(folder)
        print(report)
        failed += not report.valid
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
