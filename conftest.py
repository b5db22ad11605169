"""Test-session setup shared by the unit tests and the nbval notebook runs."""

import os
import tempfile
from pathlib import Path

# Notebook kernels inherit this environment: keep their progress records out of the repo.
_progress_dir = tempfile.mkdtemp(prefix="summitlab-progress-")
os.environ.setdefault("SUMMITLAB_PROGRESS_FILE", str(Path(_progress_dir) / "progress.json"))
