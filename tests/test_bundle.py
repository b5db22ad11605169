"""Save and restore a student's work; summarise a class's bundles. All on generated data."""

import json
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import summitlab as sl
from summitlab import bundle, tracker

ROOT = Path(__file__).resolve().parent.parent
STUDENT = ROOT / "exercises" / "00-start-here.ipynb"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A student's exercises folder with one edited notebook and some progress."""
    folder = tmp_path / "session1"
    folder.mkdir()
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(folder / tracker.FILENAME))
    notebook = json.loads(STUDENT.read_text())
    notebook["cells"][3]["source"] = "n_sources = 12  # my answer"
    (folder / STUDENT.name).write_text(json.dumps(notebook))
    sl.check("00.4", "b")
    sl.check("00.1", 3)
    return folder


def _new_session(tmp_path, monkeypatch, name="session2"):
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(STUDENT, folder / STUDENT.name)  # a fresh copy, as a new Binder session has
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(folder / tracker.FILENAME))
    return folder


def test_committed_student_notebooks_are_recognised_as_untouched():
    for path in (ROOT / "exercises").glob("*.ipynb"):
        assert bundle._is_untouched(path), path.name


def test_save_then_restore_in_a_new_session(workspace, tmp_path, monkeypatch):
    sl.save_work(workspace, student="ada")
    zips = list(workspace.glob("summitlab-work-*.zip"))
    assert len(zips) == 1
    fresh = _new_session(tmp_path, monkeypatch)
    report = sl.restore_work(zips[0], fresh)
    assert report.loc[0, "action"] == "restored (replaced an untouched copy)"
    assert "my answer" in (fresh / STUDENT.name).read_text()
    states = sl.progress().set_index("exercise")["status"]
    assert states["00.4"] == "correct" and states["00.1"] == "not quite"


def test_restore_never_overwrites_edited_work(workspace, tmp_path, monkeypatch):
    data = bundle.make_bundle(workspace)
    archive = tmp_path / "work.zip"
    archive.write_bytes(data)
    fresh = _new_session(tmp_path, monkeypatch)
    edited = json.loads((fresh / STUDENT.name).read_text())
    edited["cells"][3]["source"] = "n_sources = 99  # newer work in this session"
    (fresh / STUDENT.name).write_text(json.dumps(edited))
    before = (fresh / STUDENT.name).read_bytes()
    report = sl.restore_work(archive, fresh)
    assert (fresh / STUDENT.name).read_bytes() == before
    assert report.loc[0, "written_to"] == "00-start-here-restored.ipynb"
    assert "my answer" in (fresh / "00-start-here-restored.ipynb").read_text()
    sl.restore_work(archive, fresh)  # a second restore picks another free name
    assert (fresh / "00-start-here-restored-2.ipynb").exists()


def test_restore_keeps_the_better_progress(workspace, tmp_path, monkeypatch):
    archive = tmp_path / "work.zip"
    archive.write_bytes(bundle.make_bundle(workspace))
    fresh = _new_session(tmp_path, monkeypatch)
    sl.check("00.1", len(sl.load("sources")))  # solved here, "not quite" in the bundle
    sl.restore_work(archive, fresh)
    assert sl.progress().set_index("exercise").loc["00.1", "status"] == "correct"


def test_bundle_holds_notebooks_progress_and_manifest(workspace):
    with zipfile.ZipFile(pd.io.common.BytesIO(bundle.make_bundle(workspace, student="ada"))) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert names == {"manifest.json", f"notebooks/{STUDENT.name}", tracker.FILENAME}
    assert manifest["student"] == "ada" and manifest["progress"]["00.4"]["status"] == "correct"


def test_a_file_that_is_not_a_bundle_is_refused(tmp_path):
    fake = tmp_path / "fake.zip"
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("manifest.json", json.dumps({"format": "other"}))
    with pytest.raises(ValueError, match="not a Summit Lab work bundle"):
        sl.restore_work(fake, tmp_path)


def test_class_summary_from_generated_bundles(tmp_path, monkeypatch):
    hand_in = tmp_path / "hand-in"
    hand_in.mkdir()
    answers = {"ada": {"00.4": "b", "00.1": "wrong"}, "ben": {"00.4": "a"}, "cy": {}}
    for student, given in answers.items():
        folder = tmp_path / student
        folder.mkdir()
        monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(folder / tracker.FILENAME))
        for exercise_id, answer in given.items():
            sl.check(exercise_id, answer)
        (hand_in / f"{student}.zip").write_bytes(bundle.make_bundle(folder, student=student))
    (hand_in / "broken.zip").write_bytes(b"not a zip")
    table = bundle.summarize(hand_in).set_index("student")
    assert table.loc["ada", "00.4"] == "correct" and table.loc["ada", "00.1"] == "not quite"
    assert table.loc["ben", "00.4"] == "not quite" and table.loc["cy", "00.4"] == "not started"
    assert table.loc["ada", "correct"] == 1 and table.loc["cy", "correct"] == 0
    assert table.loc["broken", "error"] == "not a Summit Lab bundle"


def test_class_summary_command(tmp_path, monkeypatch):
    import subprocess
    import sys

    folder = tmp_path / "ada"
    folder.mkdir()
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(folder / tracker.FILENAME))
    sl.check("00.4", "b")
    (tmp_path / "ada.zip").write_bytes(bundle.make_bundle(folder, student="ada"))
    out = tmp_path / "summary.csv"
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "class_summary.py"), str(tmp_path),
                          "--csv", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert pd.read_csv(out).set_index("student").loc["ada", "00.4"] == "correct"
    empty = subprocess.run([sys.executable, str(ROOT / "tools" / "class_summary.py"), str(folder)],
                           capture_output=True, text=True)
    assert empty.returncode == 1
