"""``python -m grading SUBMISSIONS --out OUT`` (or ``python grading/__main__.py``): grade a class."""

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script (the per-submission worker is started this way)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grading.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
