"""For instructors: which checks each student passed, from a folder of handed-in work bundles.

Students hand in the file that ``sl.save_work(student="name")`` writes. Put the files in one
folder and run:

    python tools/class_summary.py FOLDER [--csv summary.csv]

It prints one row per bundle (student, each checked exercise's status, number correct) and,
with --csv, writes the same table to a CSV file, every text cell neutralised against spreadsheet
formulas (a student's name is student-controlled). The statuses are what each student's own
progress file claims: for grades, use the grader (python -m grading).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grading.gradebook import spreadsheet_safe  # noqa: E402
from summitlab.bundle import summarize  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--csv", help="also write the table to this CSV file")
    args = parser.parse_args(argv)
    table = summarize(args.folder)
    if table.empty:
        print(f"No .zip bundles in {args.folder}")
        return 1
    print(table.to_string(index=False))
    if args.csv:
        table.map(spreadsheet_safe).to_csv(args.csv, index=False, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
