#!/bin/sh
# Summit Lab: set up and run the course, or its tests, in a local virtual environment.
#   sh course.sh lab    install (first time) and open the course in JupyterLab
#   sh course.sh test   install (first time) and run the whole test suite
# Needs Python 3.11+ with venv (Debian/Ubuntu: sudo apt-get install python3-venv).
set -eu
cd "$(dirname "$0")"
VENV="${SUMMITLAB_VENV:-.venv}"
PYTHON="${PYTHON:-python3}"

setup() {
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$1" -e .
    "$VENV/bin/python" tools/install_lab_settings.py
}

case "${1:-}" in
    lab)
        setup requirements.txt
        exec "$VENV/bin/jupyter" lab notebooks/00-start-here.ipynb
        ;;
    test)
        setup requirements-test.txt
        shift
        exec "$VENV/bin/python" -m pytest "$@"
        ;;
    *)
        echo "usage: sh course.sh lab | sh course.sh test [pytest options]" >&2
        exit 2
        ;;
esac
