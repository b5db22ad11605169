#!/bin/sh
# Summit Lab on macOS and Linux: the same as `python3 course.py ...` (course.py does the work,
# on every platform; see its docstring and the README).
#   sh course.sh lab | sh course.sh test [pytest options] | sh course.sh site [--solutions]
# PYTHON names the Python to use when python3 is older than 3.11: PYTHON=python3.11 sh course.sh lab
set -eu
exec "${PYTHON:-python3}" "$(dirname "$0")/course.py" "$@"
