"""Save and restore a student's work; summarise a class's bundles. All on generated data."""

import html
import json
import os
import shutil
import sys
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
    answer = next(c for c in notebook["cells"] if "".join(c["source"]).startswith("clock = ..."))
    answer["source"] = 'clock = "b"'
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


# --- save_work: where the file goes, and the link that points at it -------------------------

def _notebook_here(folder: Path, monkeypatch) -> Path:
    """A kernel running the student notebook in ``folder``, as Jupyter starts one."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(STUDENT, folder / STUDENT.name)
    monkeypatch.chdir(folder)
    monkeypatch.delenv(bundle.BUNDLE_DIR_VAR, raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    return folder / STUDENT.name


def _link_target(saved, notebook: Path) -> Path:
    """Where JupyterLab resolves the link: relative to the notebook's folder."""
    html_text = saved._repr_html_()
    assert f'href="{saved.link}"' in html_text and "download=" in html_text
    return (notebook.parent / saved.link).resolve()


def test_the_link_points_at_the_bundle_when_progress_is_kept_elsewhere(tmp_path, monkeypatch):
    notebook = _notebook_here(tmp_path / "hub" / "exercises", monkeypatch)
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(tmp_path / "elsewhere" / "progress.json"))
    (tmp_path / "elsewhere").mkdir()
    sl.check("00.4", "b")
    saved = sl.save_work()
    (written,) = notebook.parent.glob("summitlab-work-*.zip")
    assert saved.path == written and saved.link == written.name
    assert _link_target(saved, notebook) == written.resolve()
    assert not list((tmp_path / "elsewhere").glob("*.zip"))
    with zipfile.ZipFile(written) as archive:
        assert json.loads(archive.read("manifest.json"))["progress"]["00.4"]["status"] == "correct"
        assert tracker.FILENAME in archive.namelist()


def test_the_notebook_folder_comes_from_jupyter_when_the_kernel_runs_elsewhere(tmp_path, monkeypatch):
    notebook = _notebook_here(tmp_path / "course" / "exercises", monkeypatch)
    monkeypatch.chdir(tmp_path)  # a hub that starts kernels in the home folder
    monkeypatch.setenv("JPY_SESSION_NAME", str(notebook))
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(tmp_path / "progress.json"))
    saved = sl.save_work()
    assert saved.path.parent == notebook.parent and _link_target(saved, notebook) == saved.path
    with zipfile.ZipFile(saved.path) as archive:
        assert f"notebooks/{STUDENT.name}" in archive.namelist()


def test_a_bundle_folder_set_by_the_environment_gets_a_link_that_reaches_it(tmp_path, monkeypatch):
    notebook = _notebook_here(tmp_path / "exercises", monkeypatch)
    monkeypatch.setenv(bundle.BUNDLE_DIR_VAR, str(tmp_path / "bundles"))
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(tmp_path / "progress.json"))
    saved = sl.save_work()
    assert saved.path.parent == tmp_path / "bundles" and saved.path.exists()
    assert saved.link == f"../bundles/{saved.path.name}"
    assert _link_target(saved, notebook) == saved.path
    assert not list(notebook.parent.glob("*.zip"))


def test_save_work_says_where_the_file_is_outside_jupyter(tmp_path, monkeypatch):
    _notebook_here(tmp_path / "exercises", monkeypatch)
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", "off")
    saved = sl.save_work()
    assert str(saved.path) in repr(saved) and "sl.restore_work(" in repr(saved)
    assert os.fspath(saved) == str(saved.path) and saved.kind == "saved"


def test_a_folder_that_cannot_be_written_gets_a_message_not_a_traceback(tmp_path, monkeypatch):
    _notebook_here(tmp_path / "exercises", monkeypatch)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(bundle.BUNDLE_DIR_VAR, str(blocker / "bundles"))  # a folder inside a file
    saved = sl.save_work()
    assert not saved and saved.kind == "problem" and "could not be saved" in repr(saved)


# --- save_work: answers the progress file has and the saved notebook lacks ----------------

def _write_answer(notebook: Path, stub: str, code: str) -> None:
    content = json.loads(notebook.read_text())
    # The answer cell: the one whose code (a guided exercise adds a commented skeleton) has the stub line.
    (cell,) = [c for c in content["cells"] if stub in "".join(c["source"]).splitlines()]
    cell["source"] = code
    notebook.write_text(json.dumps(content))


def test_save_work_warns_about_solved_answers_that_were_never_saved(tmp_path, monkeypatch):
    notebook = _notebook_here(tmp_path / "exercises", monkeypatch)
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(tmp_path / "progress.json"))
    sl.check("00.1", len(sl.load("sources")))  # solved in the kernel, never saved to disk
    sl.check("00.4", "b")
    saved = sl.save_work()
    assert saved.kind == "warning" and saved.unsaved == {STUDENT.name: ["00.1", "00.4"]}
    for text in (repr(saved), saved._repr_html_()):
        assert "Ctrl+S" in text and "00.1, 00.4 in 00-start-here.ipynb" in text
    with zipfile.ZipFile(saved.path) as archive:  # the bundle is written all the same
        assert json.loads(archive.read("manifest.json"))["unsaved_answers"] == saved.unsaved
    _write_answer(notebook, "n_sources = ...", "n_sources = len(sl.load('sources'))")
    assert sl.save_work().unsaved == {STUDENT.name: ["00.4"]}
    _write_answer(notebook, "clock = ...", 'clock = "b"')
    again = sl.save_work()
    assert again.unsaved == {} and again.kind == "saved" and "Ctrl+S" not in repr(again)


def test_unsolved_exercises_are_not_reported_unsaved(tmp_path, monkeypatch):
    _notebook_here(tmp_path / "exercises", monkeypatch)
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(tmp_path / "progress.json"))
    sl.check("00.4", "a")  # not quite
    sl.check("00.1", ...)  # not yet
    assert bundle.unsaved_answers() == {}


@pytest.mark.parametrize("stub, code, unsaved", [
    ("n_sources = ...", "n_sources = 12", False),
    ("n_sources = ...", "n_sources = len(sources[sources['kind'] == ...])", True),  # a blank left
    ("n_sources = ...", "n_sources = len(", True),  # half typed when autosave ran
    ("n_sources = ...", "# n_sources = ...\nn_sources = 12", False),  # ... only in a comment
    ("n_sources = ...", "%time n_sources = 12", False),
    ("n_sources = ...", "n_sources = ...\n# Level: guided.\nn_sources = len(sources)", False),  # skeleton filled in
    ("n_sources = ...", "n_sources = len(sources)\nn_sources = ...", True),  # the stub still wins
])
def test_what_counts_as_an_unsaved_answer(tmp_path, monkeypatch, stub, code, unsaved):
    notebook = _notebook_here(tmp_path / "exercises", monkeypatch)
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(tmp_path / "progress.json"))
    sl.check("00.1", len(sl.load("sources")))
    _write_answer(notebook, stub, code)
    assert bundle.unsaved_answers() == ({STUDENT.name: ["00.1"]} if unsaved else {})


def test_an_answer_saved_in_a_restored_copy_or_in_the_check_cell_counts(tmp_path, monkeypatch):
    notebook = _notebook_here(tmp_path / "exercises", monkeypatch)
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(tmp_path / "progress.json"))
    sl.check("00.1", len(sl.load("sources")))
    sl.check("00.4", "b")
    restored = notebook.with_name("00-start-here-restored.ipynb")
    shutil.copy(notebook, restored)
    _write_answer(restored, "n_sources = ...", "n_sources = 12")
    _write_answer(notebook, 'check("00.4", clock)', 'clock = "b"\ncheck("00.4", clock)')
    assert bundle.unsaved_answers() == {}


# --- restore_work: every bad input gets a message and changes nothing ----------------------

def _snapshot(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def session(tmp_path, monkeypatch):
    """A new session's folder with a fresh notebook, some progress and a stray zip."""
    folder = _new_session(tmp_path, monkeypatch)
    monkeypatch.chdir(folder)
    sl.check("00.4", "a")
    return folder


def _zip(path: Path, members: dict) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def _bad_inputs(folder: Path) -> dict:
    good_manifest = json.dumps({"format": bundle.FORMAT, "progress": {"00.4": {"status": "correct"}}})
    (folder / "notes.txt").write_text("not a zip")
    return {
        "missing file": ("summitlab-work-20991231-000000.zip", "There is no file named"),
        "wrong name, close to a bundle": ("summitlab-work-20260131-17000.zip",
                                          'Did you mean sl.restore_work("summitlab-work-20260131-170000.zip")'),
        "placeholder name": ("the-file-name.zip", "Replace the-file-name.zip"),
        "not a string": (42, "as text in quotes"),
        "a folder": (".", "is a folder"),
        "not a zip": ("notes.txt", "notes.txt is not a zip file"),
        "a notebook": (STUDENT.name, "it is a notebook"),
        "no manifest": (_zip(folder / "photos.zip", {"a.jpg": b"..."}), "has no manifest.json"),
        "manifest not JSON": (_zip(folder / "broken.zip", {"manifest.json": "{oops"}),
                              "cannot be read"),
        "another course": (_zip(folder / "other-course.zip", {
            "manifest.json": json.dumps({"format": "othercourse/2", "progress": {}}),
            "notebooks/00-start-here.ipynb": "{}"}), "another course or tool"),
        "another version": (_zip(folder / "future.zip", {
            "manifest.json": json.dumps({"format": "summitlab-work/9"})}), "another version"),
        "damaged notebook inside": (_zip(folder / "summitlab-work-20260131-170000.zip", {
            "manifest.json": good_manifest, "notebooks/00-start-here.ipynb": "not json",
            "notebooks/01-crisis-to-summit.ipynb": json.dumps({"cells": []})}), "is damaged"),
    }


def test_every_bad_input_gets_a_clear_message_and_changes_nothing(session):
    cases = _bad_inputs(session)
    before = _snapshot(session)
    progress_before = tracker.read()
    for case, (given, words) in cases.items():
        result = sl.restore_work(given)
        assert isinstance(result, bundle.Notice) and not result, case
        assert repr(result).startswith("Nothing was restored:") and words in repr(result), \
            f"{case}: {result!r}"
        assert html.escape(words) in result._repr_html_(), case
    assert _snapshot(session) == before and tracker.read() == progress_before


def test_a_missing_bundle_in_an_empty_folder_says_how_to_upload(session):
    result = sl.restore_work("summitlab-work-20260131-170000.zip")
    assert "Upload your bundle first" in repr(result)


def test_restore_finds_the_uploaded_file_by_name_in_the_notebooks_folder(workspace, tmp_path, monkeypatch):
    archive = bundle.make_bundle(workspace)
    fresh = _new_session(tmp_path, monkeypatch)
    (fresh / "summitlab-work-20260131-170000.zip").write_bytes(archive)
    monkeypatch.chdir(fresh)
    report = sl.restore_work("summitlab-work-20260131-170000.zip")
    assert list(report["action"]) == ["restored (replaced an untouched copy)"]


def test_the_class_summary_still_marks_files_that_are_not_bundles(tmp_path):
    _zip(tmp_path / "other.zip", {"manifest.json": json.dumps({"format": "other"})})
    _zip(tmp_path / "nomanifest.zip", {"x.txt": "x"})
    table = bundle.summarize(tmp_path).set_index("student")
    assert set(table["error"]) == {"not a Summit Lab bundle"} and len(table) == 2


def test_on_colab_the_bundle_is_also_sent_to_the_browser(tmp_path, monkeypatch):
    import types

    _notebook_here(tmp_path / "content", monkeypatch)
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", "off")
    sent = []
    files = types.SimpleNamespace(download=sent.append)
    monkeypatch.setitem(sys.modules, "google.colab", types.SimpleNamespace(files=files))
    saved = sl.save_work()
    assert sent == [str(saved.path)] and saved.path.exists()


# --- hostile or damaged bundles (the grader's security review, student side) ---------------

def test_a_failed_save_leaves_no_truncated_bundle(workspace, monkeypatch):
    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bundle.os, "fsync", disk_full)
    notice = sl.save_work(workspace, student="ada")
    assert notice.kind == "problem" and "No space left" in notice.text
    assert [p.name for p in workspace.iterdir() if "summitlab-work" in p.name] == []


def test_restore_refuses_a_bundle_that_unpacks_too_large(tmp_path, monkeypatch):
    fresh = _new_session(tmp_path, monkeypatch)
    monkeypatch.setattr(bundle, "MAX_NOTEBOOK", 10_000)
    notebook = json.loads(STUDENT.read_text())
    notebook["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "x" * 50_000})
    bomb = tmp_path / "summitlab-work-bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:  # 50 kB of x compress to almost nothing
        archive.writestr(f"notebooks/{STUDENT.name}", json.dumps(notebook))
        archive.writestr("manifest.json", json.dumps({"format": bundle.FORMAT, "progress": {}}))
    before = (fresh / STUDENT.name).read_bytes()
    notice = sl.restore_work(bomb, fresh)
    assert notice.kind == "problem" and "unpacks to more than" in notice.text
    assert (fresh / STUDENT.name).read_bytes() == before
    assert sorted(p.name for p in fresh.iterdir()) == [STUDENT.name]


@pytest.mark.parametrize("progress, kept", [
    ({"00.1": {"status": "correct", "checks": 1}, "00.4": {"status": "correct", "checks": 1}}, {}),
    ({"00.4": {"status": "correct", "checks": 1}, "99.9": {"status": "correct"}}, {}),
    ({"00.4": {"status": "correct", "checks": -5}}, {}),
    ({"00.1": {"status": "not quite", "checks": 2, "wrong": 2}}, {"00.1": "not quite"}),
])
def test_restore_merges_only_progress_the_bundle_backs_up(tmp_path, monkeypatch, progress, kept):
    """A blank notebook with progress that claims it solved (or an unknown exercise, or a bad count)."""
    fresh = _new_session(tmp_path, monkeypatch)
    forged = tmp_path / "summitlab-work-forged.zip"
    with zipfile.ZipFile(forged, "w") as archive:
        archive.writestr(f"notebooks/{STUDENT.name}", STUDENT.read_text())
        archive.writestr("manifest.json", json.dumps({"format": bundle.FORMAT, "progress": progress}))
    sl.restore_work(forged, fresh)
    assert {e: v["status"] for e, v in tracker.read().items()} == kept
