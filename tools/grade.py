"""Grade a class: ``python tools/grade.py SUBMISSIONS_DIR --out OUT_DIR [--lessons 01,02] [--jobs 2]``.

A thin wrapper kept so that existing commands work: the grader is the ``grading`` package
(``python -m grading``; instructors/grading.md has the whole workflow).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the grader's own checkout, never a copy from elsewhere

from grading.bundles import student_key  # noqa: E402,F401
from grading.cli import main  # noqa: E402
from grading.course import course_notebooks, literal_assignment  # noqa: E402,F401
from grading.judge import rebuild  # noqa: E402,F401

if __name__ == "__main__":
    sys.exit(main())
