"""The command line shared by the site and slide builders (tools/build_site.py, tools/build_slides.py).

Each builder's ``main`` parses its own options and hands :func:`run` the build to do and the error
that means "the build failed, say why": the build's product and its time are printed, or the error.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


def run(build: Callable[[], str], error: type[Exception]) -> int:
    """Run `build` (which returns what it built, in words); return the exit status.

    Prints "built WHAT in N s", or `error`'s message on stderr (status 1).
    """
    started = time.monotonic()
    try:
        built = build()
    except error as problem:
        print(problem, file=sys.stderr)
        return 1
    print(f"built {built} in {time.monotonic() - started:.0f} s")
    return 0
