"""For instructors: which checks each student passed, from a folder of handed-in work bundles.

Students hand in the file that ``sl.save_work(student="name")`` writes. Put the files in one
folder and run:

    python tools/class_summary.py FOLDER [--csv summary.csv]

It prints one row per bundle (student, each checked exercise's status, number correct) and,
with --csv, writes the same table to a CSV file.
"""

import argparse
import sys

from summitlab.bundle import summarize


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
        table.to_csv(args.csv, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
