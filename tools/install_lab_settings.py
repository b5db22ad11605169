"""Install the course's JupyterLab settings overrides into the running environment.

JupyterLab reads ``<sys.prefix>/share/jupyter/lab/settings/overrides.json``; the course ships
its own copy so that a notebook opens with its kernel started and no news or update pop-ups.
Run by ``postBuild`` on Binder and by ``course.py`` locally.
"""

import shutil
import sys
from pathlib import Path

SOURCE = Path(__file__).with_name("jupyterlab-overrides.json")


def target_dir(prefix: str = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings"


def main() -> int:
    target = target_dir()
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, target / "overrides.json")
    print(f"JupyterLab settings installed in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
