#!/bin/sh
# Summit Lab: set up and run the course, or its tests, in a local virtual environment.
#   sh course.sh lab    install (first time) and open the course in JupyterLab
#   sh course.sh test   install (first time) and run the whole test suite
#   sh course.sh site   install (first time) and build the course website into build/site/
#                       (--solutions adds the model answers; the build itself needs no network)
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

# The site's JavaScript and the accessibility checker, exactly as site/package-lock.json pins them.
setup_js() {
    if ! cmp -s site/package-lock.json site/node_modules/.summitlab-installed 2>/dev/null; then
        npm ci --prefix site --no-audit --no-fund --loglevel=error
        cp site/package-lock.json site/node_modules/.summitlab-installed
    fi
}

case "${1:-}" in
    lab)
        setup requirements.txt
        exec "$VENV/bin/jupyter" lab notebooks/00-start-here.ipynb
        ;;
    test)
        setup requirements-test.txt
        setup_js
        shift
        exec "$VENV/bin/python" -m pytest "$@"
        ;;
    site)
        setup requirements-site.txt
        setup_js
        shift
        exec "$VENV/bin/python" tools/build_site.py "$@"
        ;;
    *)
        echo "usage: sh course.sh lab | sh course.sh test [pytest options] | sh course.sh site [--solutions]" >&2
        exit 2
        ;;
esac
