"""course.py, the launcher on every platform: its platform logic, tested here on Linux.

Windows and macOS are not run here: their paths (the virtual environment's Scripts\\python.exe,
npm.cmd) are unit-tested by simulating the platform. The launcher itself is run for real by
.ci/run (installing from scratch) and by tests/test_browser.py (the README's lab command).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path, PureWindowsPath
from types import SimpleNamespace


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import course  # noqa: E402


def test_the_launcher_uses_the_standard_library_only():
    tree = ast.parse((ROOT / "course.py").read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.level == 0}
    assert imported - {"__future__"} <= set(sys.stdlib_module_names), imported


def _pretend(monkeypatch, os_name: str) -> None:
    # Only the launcher's view of os.name changes (pathlib would refuse a real os.name of "nt").
    monkeypatch.setattr(course, "os", SimpleNamespace(name=os_name, environ={}))


def test_windows_keeps_the_venv_python_in_scripts(monkeypatch):
    _pretend(monkeypatch, "nt")
    assert course.venv_python(PureWindowsPath(r"C:\course\.venv")) == \
        PureWindowsPath(r"C:\course\.venv\Scripts\python.exe")
    assert course.venv_python(Path(".venv"), "nt").parts == (".venv", "Scripts", "python.exe")


def test_linux_and_macos_keep_it_in_bin(monkeypatch):
    _pretend(monkeypatch, "posix")  # macOS is "posix" too (sys.platform "darwin")
    assert course.venv_python(Path(".venv")).parts == (".venv", "bin", "python")


def test_the_venv_is_in_the_course_unless_named():
    assert course.venv_dir(Path("/c"), {}) == Path("/c/.venv")
    assert course.venv_dir(Path("/c"), {"SUMMITLAB_VENV": "/elsewhere"}) == Path("/elsewhere")


def test_python_older_than_3_11_is_refused_with_what_to_run():
    assert course.too_old((3, 11)) is None and course.too_old((3, 13)) is None
    said = course.too_old((3, 10))
    assert "3.11" in said and "3.10" in said and "py -3.11 course.py lab" in said


def test_the_lab_serves_the_course_root_and_opens_lesson_00():
    python = Path("/v/bin/python")
    command = course.lab_command(python, ROOT, ["--no-browser"])
    assert command[:3] == [str(python), "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={ROOT}" in command and "--no-browser" in command
    assert command[-1] == course.START and (ROOT / course.START).exists()


def test_install_uses_the_pins_and_the_package_with_the_venv_python():
    pip, settings = course.install_commands(Path("/v/Scripts/python.exe"), "requirements.txt", ROOT)
    assert pip[:4] == ["/v/Scripts/python.exe", "-m", "pip", "install"]
    assert pip[pip.index("-r") + 1] == str(ROOT / "requirements.txt") and pip[-2:] == ["-e", str(ROOT)]
    assert settings[1].endswith("install_lab_settings.py")
    for requirements in course.REQUIREMENTS.values():
        assert (ROOT / requirements).exists()


def test_npm_is_found_as_windows_names_it():
    found = {"npm": None, "npm.cmd": r"C:\Program Files\nodejs\npm.cmd"}
    # shutil.which applies PATHEXT on Windows, so "npm" finds npm.cmd there.
    assert course.npm_command(lambda name: found.get(name + ".cmd")) == found["npm.cmd"]
    assert course.npm_command(lambda name: None) is None


def test_a_changed_requirements_file_means_a_new_install(tmp_path):
    for name in ("requirements.txt", "requirements-test.txt", "pyproject.toml"):
        (tmp_path / name).write_text("x\n")
    before = course.install_fingerprint("requirements.txt", tmp_path)
    assert course.install_fingerprint("requirements-test.txt", tmp_path) != before
    (tmp_path / "requirements-test.txt").write_text("y\n")  # read through -r, so it counts
    assert course.install_fingerprint("requirements.txt", tmp_path) != before


def test_setup_creates_the_venv_installs_once_and_then_reuses_it(tmp_path, monkeypatch):
    for name in ("requirements.txt", "pyproject.toml"):
        (tmp_path / name).write_text("x\n")
    ran = []

    def fake_run(command, cwd):
        ran.append(command)
        if command[1:3] == ["-m", "venv"]:
            python = course.venv_python(Path(command[3]))
            python.parent.mkdir(parents=True)
            python.touch()

    monkeypatch.setattr(course, "run", fake_run)
    monkeypatch.delenv("SUMMITLAB_VENV", raising=False)
    python = course.setup("lab", tmp_path)
    assert python == course.venv_python(tmp_path / ".venv")
    venv, pip, settings = ran
    assert venv[:4] == [sys.executable, "-m", "venv", str(tmp_path / ".venv")]
    assert pip[:4] == [str(python), "-m", "pip", "install"] and settings[0] == str(python)
    ran.clear()
    assert course.setup("lab", tmp_path) == python and ran == []  # nothing changed: no install
    (tmp_path / "requirements.txt").write_text("z\n")
    course.setup("lab", tmp_path)
    assert ran and ran[0][1:4] == ["-m", "pip", "install"]


def test_unknown_commands_print_the_usage(capsys):
    assert course.main(["nonsense"]) == 2
    assert "python course.py lab" in capsys.readouterr().err


def test_course_sh_is_a_thin_alias_of_the_launcher():
    script = (ROOT / "course.sh").read_text()
    assert 'course.py" "$@"' in script and "pip" not in script
    done = subprocess.run(["sh", str(ROOT / "course.sh"), "nonsense"], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable})
    assert done.returncode == 2 and "usage: python course.py" in done.stderr
