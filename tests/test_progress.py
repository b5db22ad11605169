import json

import summitlab as sl
from summitlab import checks, tracker


def test_checks_record_the_best_result(progress_file):
    sl.check("00.4", "a")
    assert json.loads(progress_file.read_text())["00.4"]["status"] == "not quite"
    sl.check("00.4", "b")
    sl.check("00.4", ...)
    entry = json.loads(progress_file.read_text())["00.4"]
    assert entry["status"] == "correct" and entry["checks"] == 3


def test_progress_lists_every_exercise_with_its_state(progress_file):
    sl.check("00.4", "b")
    table = sl.progress()
    assert list(table["exercise"]) == list(checks.catalogue())
    states = dict(zip(table["exercise"], table["status"]))
    assert states["00.4"] == "correct"
    assert states["00.1"] == "not started"
    assert states["00.5"] == "reflection (not checked)"


def test_a_broken_or_unwritable_file_never_stops_a_check(tmp_path, monkeypatch):
    bad = tmp_path / "progress.json"
    bad.write_text("{not json")
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(bad))
    assert sl.check("00.4", "b").status == "correct"
    monkeypatch.setenv("SUMMITLAB_PROGRESS_FILE", str(tmp_path / "missing-dir" / "p.json"))
    assert sl.check("00.4", "b").status == "correct"
    assert sl.progress()["status"].eq("not started").any()


def test_default_file_is_beside_the_work(monkeypatch, tmp_path):
    monkeypatch.delenv("SUMMITLAB_PROGRESS_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert tracker.progress_file() == tmp_path / ".summitlab-progress.json"
