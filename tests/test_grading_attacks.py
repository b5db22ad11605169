"""The grader against a hostile class: every class of attack in the security review of 2026-12-05.

One grading run (module fixture) holds honest students (solved, blank, an answer typed into the
check cell, a second lesson) beside one hostile submission per class of attack, with secrets
planted in the grader's environment (an LMS token, and an ssh-agent socket that listens), a TCP
listener on 127.0.0.1 and a folder of the grader's own. Each test reads its attacker's row and
proves the attack was stopped, and that the honest students in the same run were graded exactly
right. Expected values come from the course data and the model answers, never from the grader.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import summitlab as sl
from grading import gradebook, integrity
from test_grade import BLANK, LESSON_00, SOLVED, edited, write_bundle

ROOT = Path(__file__).resolve().parent.parent
PRIMER = json.loads((ROOT / "exercises/solutions/00p-python-primer-solutions.ipynb").read_text(encoding="utf-8"))
PRIMER_IDS = sorted(e for e in sl.checks.catalogue() if e.startswith("00p.") and
                    sl.checks.catalogue()[e].kind == "checked")
NAME = "00-start-here.ipynb"
FORMULA = ("=", "+", "-", "@", "\t", "\r")

pytestmark = pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")


def _with_check_cell(notebook: dict, exercise_id: str, source: str) -> dict:
    notebook = json.loads(json.dumps(notebook))
    cell = next(c for c in notebook["cells"] if c["cell_type"] == "code"
                and "".join(c["source"]).strip().startswith(f'check("{exercise_id}"'))
    cell["source"] = source
    return notebook


def _appended(notebook: dict, source: str) -> dict:
    notebook = json.loads(json.dumps(notebook))
    notebook["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                              "source": source})
    return notebook


def _battery(paths: dict) -> str:
    """A cell that tries every escape of the review; it fails (AssertionError) if any attempt works."""
    return f"""
import ctypes, glob, json, os, signal, socket, subprocess, sys, threading
P = {json.dumps(paths)}
hits, bugs = [], []
def attempt(name, fn):
    try:
        if fn():
            hits.append(name)
    except (TypeError, NameError, IndexError, KeyError) as error:  # the attempt itself is wrong: say so
        bugs.append(f"{{name}}: {{error!r}}")
    except BaseException:
        pass
def found_anywhere():
    for top, dirs, files in os.walk("/"):
        dirs[:] = [d for d in dirs if os.path.join(top, d) not in ("/proc", "/sys", "/usr", "/dev")]
        if any(f.endswith("-solutions.ipynb") or f == "ex00.py" or f in P["handed_in"] for f in files):
            return True
def fork_worked():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    return pid > 0
def posixsubprocess():
    import _posixsubprocess
    r, w = os.pipe()
    pid = _posixsubprocess.fork_exec([b"/bin/sleep", b"300"], [b"/bin/sleep"], True, (), None, None, -1, -1, -1, -1,
                                     -1, -1, r, w, True, False, -1, None, None, None, -1, None, False)
    return pid > 0
def raw_socket():
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.syscall(41, 2, 1, 0) >= 0
def tcp():
    s = socket.create_connection(("127.0.0.1", P["port"]), timeout=2)
    return True
def udp_sendmsg():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    return s.sendmsg([b"x"], [], 0, ("127.0.0.1", P["port"])) > 0
def fastopen():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    return s.sendmsg([b"x"], [], 0x20000000, ("127.0.0.1", P["port"])) > 0
def unix():
    s = socket.socket(socket.AF_UNIX)
    s.connect(P["agent"])
    return True
def environ():
    if P["secret"] in json.dumps(dict(os.environ)):
        return True
    for path in glob.glob("/proc/*/environ"):
        try:
            if P["secret"].encode() in open(path, "rb").read():
                return True
        except OSError:
            pass
def dir_fd_writes():
    done = False
    for folder in (P["root"], P["outside"], P["submissions"], P["out"], sys.prefix):
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        for name in ("planted.txt",):
            try:
                os.close(os.open(name, os.O_CREAT | os.O_WRONLY, dir_fd=fd))
                done = True
            except OSError:
                pass
    return done
def pth():
    site = [p for p in sys.path if p.endswith("site-packages")][0]
    open(os.path.join(site, "zz_planted.pth"), "w").write("import os")
    return True
def grader_visible():
    return os.path.exists(f"/proc/{{P['pytest_pid']}}") or os.pidfd_open(P["pytest_pid"]) >= 0
def fill_disk():
    with open("fill.bin", "wb") as handle:
        for _ in range(100):
            handle.write(b"x" * 2**20)
    return True
def huge_memory():
    return len(bytearray(3 * 2**30)) > 0
# (The checkout's folder itself may exist, as the mount point of a .venv inside it: nothing else.)
attempt("files of the grader are visible", lambda: any(os.path.exists(p) for p in
        (P["root"] + "/exercises", P["root"] + "/summitlab", P["root"] + "/.git", P["root"] + "/instructors",
         P["outside"], P["submissions"], P["out"], os.path.expanduser("~root/.ssh"))))
attempt("model answers or bundles found", found_anywhere)
attempt("expected values in the sandbox", lambda: len(__import__("summitlab.checks").checks.catalogue()) > 0)
attempt("dir_fd writes", dir_fd_writes)
attempt(".pth planted in the environment", pth)
attempt("course copy writable", lambda: open("/summitlab/course/summitlab/checks.py", "a") and True)
attempt("os.fork", fork_worked)
attempt("subprocess", lambda: subprocess.Popen(["sleep", "300"]).pid > 0)
attempt("os.posix_spawn", lambda: os.posix_spawn("/bin/sleep", ["sleep", "300"], {{}}) > 0)
attempt("_posixsubprocess", posixsubprocess)
attempt("ctypes fork", lambda: ctypes.CDLL(None).fork() > 0)
attempt("raw socket syscall", raw_socket)
attempt("tcp to the host", tcp)
attempt("udp sendmsg", udp_sendmsg)
attempt("tcp fastopen", fastopen)
attempt("unix socket to the agent", unix)
attempt("secrets in the environment", environ)
attempt("grader's process visible", grader_visible)
attempt("unbounded disk", fill_disk)
attempt("unbounded memory", huge_memory)
attempt("write to the sandbox root", lambda: open("/planted", "w") and True)
for f in glob.glob("fill.bin"):
    os.remove(f)
assert not hits and not bugs, (hits, bugs)
"""


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    base = tmp_path_factory.mktemp("attacks")
    submissions, out, outside = base / "submissions", base / "out", base / "outside"
    for folder in (submissions, outside):
        folder.mkdir()
    (outside / "keep.txt").write_text("the grader's file")
    secret = f"lms-token-{secrets.token_hex(8)}"
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.2)
    agent_path = str(base / "agent.sock")
    agent = socket.socket(socket.AF_UNIX)
    agent.bind(agent_path)
    agent.listen(5)
    agent.settimeout(0.2)
    connections, stop = [], threading.Event()

    def accept(server):
        while not stop.is_set():
            try:
                connections.append(server.accept())
            except OSError:
                pass

    threads = [threading.Thread(target=accept, args=(s,), daemon=True) for s in (listener, agent)]
    for thread in threads:
        thread.start()
    paths = {"root": str(ROOT), "outside": str(outside), "submissions": str(submissions), "out": str(out),
             "port": listener.getsockname()[1], "agent": agent_path, "secret": secret, "pytest_pid": os.getpid(),
             "handed_in": ["honest.zip", "blank.ipynb", "typed.ipynb", "planter.zip", "forger.ipynb"]}
    sources = len(sl.load("sources"))
    right_letter = next("".join(c["source"]).split('"')[1] for c in SOLVED["cells"]
                        if "".join(c["source"]).startswith("clock = "))
    wrong_letter = next(x for x in "abcd" if x != right_letter)

    # Honest students.
    write_bundle(submissions / "honest.zip", {NAME: SOLVED, "00p-python-primer.ipynb": PRIMER}, student="Honest One")
    (submissions / "blank.ipynb").write_text(json.dumps(BLANK))
    typed = _with_check_cell(SOLVED, "00.1", f'check("00.1", {sources})')
    cell = next(c for c in typed["cells"] if "".join(c["source"]).startswith("summits = "))
    cell["source"] = "".join(cell["source"]) + "\n# before leaving: sl.save_work(student=...) saves your work"
    (submissions / "typed.ipynb").write_text(json.dumps(typed))
    # Escaping the sandbox, reading the grader's world, the network, processes, limits.
    (submissions / "escape.ipynb").write_text(json.dumps(edited(SOLVED, first=_battery(paths))))
    # Forging results: verdict-shaped lines on every descriptor, bad bytes and a lone brace.
    forge = ("import os, json\n"
             "lines = [json.dumps({'student': 'honest', 'exercises': {'00.1': {'status': 'correct'}}}),\n"
             "         json.dumps({'t': 'verdict', 'id': '00.1', 'status': 'correct'}),\n"
             "         json.dumps({'t': 'answer', 'id': '00.1', 'cell': 0, 'via': 'check', 'status': 'correct',\n"
             "                     'answer': {'kind': 'json', 'value': 1}}), '{', '\\ud800']\n"
             "for fd in range(0, 40):\n"
             "    for line in lines:\n"
             "        try:\n"
             "            os.write(fd, line.encode('utf-8', 'surrogatepass') + b'\\n\\xff\\xfe\\n')\n"
             "        except OSError:\n"
             "            pass\n"
             "print('{')\n")
    (submissions / "forger.ipynb").write_text(json.dumps(edited(BLANK, first=forge)))
    # Looking for the expected values, and trying every letter of a multiple choice.
    peek = (f"from summitlab.checks import catalogue\n"
            f"try:\n    n_sources = catalogue()['00.1'].judge.info.expected()\nexcept Exception:\n    pass\n"
            f"tries = {{letter: check('00.4', letter) for letter in 'abcd'}}\n"
            f"clock = next((letter for letter, said in tries.items() if said), {wrong_letter!r})\n")
    (submissions / "peeker.ipynb").write_text(json.dumps(_with_check_cell(BLANK, "00.4", peek + 'check("00.4", clock)')))
    # Planting modules where the next lesson's run would import them.
    plant = ("import os\n"
             "for folder in ('.', os.path.expanduser('~'), '/tmp'):\n"
             "    for name in ('summitlab_capture.py', 'summitlab.py', 'IPython.py', 'sitecustomize.py', 'pandas.py'):\n"
             "        try:\n"
             "            open(os.path.join(folder, name), 'w').write('raise SystemExit(9)')\n"
             "        except OSError:\n"
             "            pass\n")
    write_bundle(submissions / "planter.zip", {NAME: edited(SOLVED, first=plant), "00p-python-primer.ipynb": PRIMER})
    # Floods: 40 MB of braces and bad bytes on every descriptor (the answers channel is one of
    # them), 20 MB on stderr, 200 MB printed.
    flood = ("import os, sys\n"
             "for _ in range(40):\n"
             "    for fd in range(1, 12):\n"
             "        try:\n            os.write(fd, b'{\\xff' * 2**19)\n        except OSError:\n            pass\n"
             "for _ in range(20):\n    os.write(2, b'\\xff' * 2**20)\n"
             "for _ in range(200):\n    print('x' * 2**20)\n")
    (submissions / "flood.ipynb").write_text(json.dumps(_appended(SOLVED, flood)))
    # A notebook that blocks the cell alarm and loops: the whole sandbox is killed at its time limit.
    sleeper = "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass"
    (submissions / "sleeper.ipynb").write_text(json.dumps(edited(SOLVED, before={"clock": sleeper})))
    # Bomb bundles and odd zips.
    with zipfile.ZipFile(submissions / "bombmanifest.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("manifest.json", "w") as handle:
            handle.write(b'{"format": "summitlab-work/1", "student": "')
            for _ in range(64):
                handle.write(b" " * 2**20)
            handle.write(b'"}')
        archive.writestr(f"notebooks/{NAME}", json.dumps(SOLVED))
    with zipfile.ZipFile(submissions / "manyentries.zip", "w") as archive:
        archive.writestr(f"notebooks/{NAME}", json.dumps(SOLVED))
        archive.writestr("manifest.json", json.dumps({"format": "summitlab-work/1", "student": "Many"}))
        for number in range(20_000):
            archive.writestr(f"junk/{number}.txt", "")
    with zipfile.ZipFile(submissions / "duplicate.zip", "w") as archive:
        archive.writestr(f"notebooks/{NAME}", json.dumps(SOLVED))
        with pytest.warns(UserWarning):
            archive.writestr(f"notebooks/{NAME}", json.dumps(BLANK))
        archive.writestr("manifest.json", json.dumps({"format": "summitlab-work/1"}))
    outputs = json.loads(json.dumps(SOLVED))
    first_code = next(c for c in outputs["cells"] if c["cell_type"] == "code")
    first_code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "saved output\n" * 4_500_000}]
    write_bundle(submissions / "outputs.zip", {NAME: outputs})  # about 58 MB of saved output
    # Names: formulas, a collision of safe names, a long name, a name that is not UTF-8.
    write_bundle(submissions / "@sum.zip", {NAME: SOLVED}, student='=HYPERLINK("http://evil.example","click")')
    (submissions / "-2+3.ipynb").write_text(json.dumps(BLANK))
    (submissions / "jo+x@uni.edu.ipynb").write_text(json.dumps(SOLVED))
    (submissions / "jo_x_uni.edu.ipynb").write_text(json.dumps(BLANK))
    (submissions / ("long" * 33 + ".ipynb")).write_text(json.dumps(SOLVED))
    with open(os.path.join(os.fsencode(submissions), b"caf\xe9.ipynb"), "w") as handle:
        handle.write(json.dumps(SOLVED))

    venv_before = integrity.fingerprint([Path(sys.prefix)])
    checkout_before = integrity.fingerprint([ROOT])
    scratch = base / "grader-tmp"  # the grader's temporary folders: its processes name them
    scratch.mkdir()
    env = {**os.environ, "SUMMITLAB_LMS_TOKEN": secret, "SSH_AUTH_SOCK": agent_path, "TMPDIR": str(scratch)}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "grading", str(submissions), "--out", str(out), "--lessons", "00,00p",
         "--jobs", "2", "--cell-timeout", "8", "--notebook-timeout", "40", "--memory-mb", "1500"],
        capture_output=True, text=True, timeout=900, cwd=ROOT, env=env)
    seconds = time.monotonic() - started
    time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join()
    listener.close()
    agent.close()
    print(done.stderr, file=sys.stderr)
    assert done.returncode == 0, done.stderr
    leftovers = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            command = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if os.fsencode(scratch) in command or b"sleep\x00300" in command:
            leftovers.append(command)
    results = pd.read_csv(out / "results.csv", keep_default_na=False, dtype=str)
    return {
        "out": out, "outside": outside, "secret": secret, "connections": connections, "seconds": seconds,
        "stderr": done.stderr, "leftovers": leftovers,
        "gradebook": pd.read_csv(out / "gradebook.csv", keep_default_na=False, dtype=str),
        "status": results.pivot(index="student", columns="exercise", values="status"),
        "results": results.set_index(["student", "exercise"]),
        "problems": pd.read_csv(out / "problems.csv", keep_default_na=False, dtype=str)
        .groupby("student")["problem"].apply(" | ".join),
        "venv_changed": integrity.changed(venv_before, integrity.fingerprint([Path(sys.prefix)])),
        "checkout_changed": [p for p in integrity.changed(checkout_before, integrity.fingerprint([ROOT]))
                             if "__pycache__" not in p],
        "sources": sources,
    }


def statuses(attacked, student, ids=LESSON_00) -> list[str]:
    return list(attacked["status"].loc[student, ids])


def honest_graded_right(attacked) -> bool:
    """The honest students of the same run: solved (two lessons), blank, and typed into the check cell."""
    return (statuses(attacked, "honest") == ["correct"] * 4
            and statuses(attacked, "honest", PRIMER_IDS) == ["correct"] * len(PRIMER_IDS)
            and statuses(attacked, "blank") == ["not yet"] * 4 and statuses(attacked, "typed") == ["correct"] * 4)


def test_honest_students_in_the_hostile_run_are_graded_exactly(attacked):
    assert statuses(attacked, "honest") == ["correct"] * 4
    assert statuses(attacked, "honest", PRIMER_IDS) == ["correct"] * len(PRIMER_IDS)
    assert statuses(attacked, "blank") == ["not yet"] * 4
    assert "honest" not in attacked["problems"].index
    book = attacked["gradebook"].set_index("SIS Login ID")
    assert book.loc["honest", "Student"] == "Honest One"
    assert book.loc["honest", f"Total (of {4 + len(PRIMER_IDS)})"] == str(4 + len(PRIMER_IDS))


def test_an_answer_typed_into_the_check_cell_counts_and_a_mention_of_save_work_drops_nothing(attacked):
    assert statuses(attacked, "typed") == ["correct"] * 4
    assert attacked["results"].loc[("typed", "00.1"), "typed_as_literal"] == "True"
    assert attacked["results"].loc[("typed", "00.2"), "typed_as_literal"] == "False"


def test_no_escape_from_the_sandbox(attacked):
    """Files, model answers, expected values, the environment, processes, network, disk and memory."""
    assert honest_graded_right(attacked)
    problems = attacked["problems"].get("escape", "")
    assert "AssertionError" not in problems, problems
    assert statuses(attacked, "escape") == ["correct"] * 4, problems
    assert sorted(p.name for p in attacked["outside"].iterdir()) == ["keep.txt"]
    assert (attacked["outside"] / "keep.txt").read_text() == "the grader's file"
    assert attacked["connections"] == []
    assert attacked["venv_changed"] == [] and attacked["checkout_changed"] == []
    assert attacked["leftovers"] == []  # nothing outlived the grader's run


def test_the_instructors_secrets_appear_in_no_output(attacked):
    assert honest_graded_right(attacked)
    for path in attacked["out"].rglob("*"):
        if path.is_file():
            assert attacked["secret"] not in path.read_text(encoding="utf-8", errors="replace"), path.name


def test_forged_verdicts_on_any_descriptor_earn_nothing_and_stop_nobody(attacked):
    assert honest_graded_right(attacked)
    assert statuses(attacked, "forger") == ["not yet"] * 4
    assert "were not answers and were ignored" in attacked["problems"]["forger"]


def test_expected_values_are_not_in_the_sandbox_and_a_check_there_tells_nothing(attacked):
    assert honest_graded_right(attacked)
    assert statuses(attacked, "peeker")[0] == "not yet"  # catalogue() is empty in the sandbox
    assert statuses(attacked, "peeker")[3] == "not quite"  # every letter tried; the check said nothing


def test_a_module_planted_in_one_lessons_folder_cannot_reach_the_next(attacked):
    assert honest_graded_right(attacked)
    assert statuses(attacked, "planter") == ["correct"] * 4
    assert statuses(attacked, "planter", PRIMER_IDS) == ["correct"] * len(PRIMER_IDS)


def test_a_flood_of_output_and_bad_bytes_is_that_students_problem(attacked):
    assert honest_graded_right(attacked)
    assert statuses(attacked, "flood") == ["correct"] * 4  # answered before the flood
    assert "more than 16 MB of answers" in attacked["problems"]["flood"]


def test_a_notebook_that_blocks_the_cell_alarm_is_killed_at_the_notebook_limit(attacked):
    assert honest_graded_right(attacked)
    assert statuses(attacked, "sleeper") == ["correct", "correct", "correct", "error"]
    assert "ran longer than the 40 s limit" in attacked["problems"]["sleeper"]


def test_bomb_bundles_and_odd_zips_are_reported_on_their_row(attacked):
    assert honest_graded_right(attacked)
    problems = attacked["problems"]
    assert "manifest.json is larger than 1 MB" in problems["bombmanifest"]
    assert statuses(attacked, "bombmanifest") == ["not yet"] * 4
    assert "has 20002 entries; only the first 500 were looked at" in problems["manyentries"]
    assert problems["manyentries"].count("were looked at") == 1  # one line, not 20,000
    assert statuses(attacked, "manyentries") == ["correct"] * 4
    assert "holds 2 entries named 'notebooks/00-start-here.ipynb'" in problems["duplicate"]
    assert statuses(attacked, "duplicate") == ["not yet"] * 4


def test_saved_outputs_do_not_count_toward_the_size_limit(attacked):
    assert honest_graded_right(attacked)
    assert statuses(attacked, "outputs") == ["correct"] * 4


def test_names_are_reported_and_never_collide(attacked):
    assert honest_graded_right(attacked)
    feedback = attacked["out"] / "feedback"
    index = pd.read_csv(feedback / "index.csv", keep_default_na=False, dtype=str).set_index("student")
    pages = {s: (feedback / f).read_text(encoding="utf-8") for s, f in index["feedback file"].items()}
    assert len(set(index["feedback file"])) == len(index)
    total = 4 + len(PRIMER_IDS)
    assert f"4 of {total} checked exercises" in pages["jo+x@uni.edu"]
    assert f"0 of {total} checked exercises" in pages["jo_x_uni.edu"]
    long_key = "long" * 33
    assert statuses(attacked, long_key) == ["correct"] * 4
    assert "characters long" in attacked["problems"][long_key]
    assert statuses(attacked, "caf\ufffd") == ["correct"] * 4
    assert "not valid UTF-8" in attacked["problems"]["caf\ufffd"]


def test_no_csv_cell_starts_a_formula(attacked):
    assert honest_graded_right(attacked)
    for name in ("gradebook.csv", "results.csv", "problems.csv", "feedback/index.csv"):
        table = pd.read_csv(attacked["out"] / name, keep_default_na=False, dtype=str)
        for value in table.to_numpy().ravel():
            assert not value.startswith(FORMULA), (name, value)
    book = attacked["gradebook"]
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in set(book["Student"])
    assert {"'@sum", "'-2+3"} <= set(book["SIS Login ID"])


def test_the_hostile_run_stays_fast(attacked):
    """Not a timing test: a bound that only a grader stuck on one student would break."""
    assert attacked["seconds"] < 600, attacked["seconds"]


def test_spreadsheet_safe_and_feedback_names():
    assert gradebook.spreadsheet_safe("=1+1") == "'=1+1"
    assert gradebook.spreadsheet_safe(" @x") == "' @x"
    assert gradebook.spreadsheet_safe("\tcmd") == "'\tcmd"
    assert gradebook.spreadsheet_safe("jdoe") == "jdoe" and gradebook.spreadsheet_safe(3) == 3
    names = gradebook.feedback_names(["jo+x@uni.edu", "jo_x_uni.edu", "JO_X_UNI.EDU", "a/../b"])
    assert len({n.lower() for n in names.values()}) == 4
    assert "/" not in names["a/../b"] and gradebook.feedback_names(["jo_x_uni.edu"]) == {"jo_x_uni.edu": "jo_x_uni.edu"}


def test_a_file_changed_and_restored_is_still_noticed(tmp_path):
    path = tmp_path / "checks.py"
    path.write_text("original")
    before = integrity.fingerprint([tmp_path])
    time.sleep(0.01)
    path.write_text("changed")
    path.write_text("original")
    os.utime(path, ns=(before[str(path)][3], before[str(path)][3]))  # even the modification time put back
    assert integrity.changed(before, integrity.fingerprint([tmp_path])) == [str(path)]


def _nobody_can_run_python() -> bool:
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        return False
    try:
        done = subprocess.run(["runuser", "-u", "nobody", "--", sys.executable, "-c", "import pandas, grading"],
                              capture_output=True, timeout=120, cwd=ROOT)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def test_an_ordinary_user_grades_with_the_sandbox_and_secrets_stay_out(tmp_path):
    """The grader as a non-root user (root's CI drops to nobody): honest work right, secrets unseen."""
    if not _nobody_can_run_python():
        pytest.skip("needs root, runuser, and a Python environment that the user nobody can run")
    base = Path(tempfile.mkdtemp(prefix="summitlab-nonroot-"))
    try:
        submissions, out = base / "submissions", base / "out"
        submissions.mkdir()
        secret = f"lms-token-{secrets.token_hex(8)}"
        (submissions / "honest.ipynb").write_text(json.dumps(SOLVED))
        (submissions / "blank.ipynb").write_text(json.dumps(BLANK))
        leak = ("import glob, os\nfound = str(dict(os.environ)) + str([open(p, 'rb').read() for p in "
                "glob.glob('/proc/*/environ')])\nraise RuntimeError(found[-150:] if " + repr(secret) +
                " not in found else 'LEAKED ' + " + repr(secret) + ")")
        (submissions / "leaker.ipynb").write_text(json.dumps(edited(BLANK, first=leak)))
        for path in [base, *base.rglob("*")]:
            path.chmod(0o777 if path.is_dir() else 0o666)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "HOME": str(base),
               "TMPDIR": str(base), "SUMMITLAB_LMS_TOKEN": secret}
        done = subprocess.run(["runuser", "-u", "nobody", "--", sys.executable, "-m", "grading", str(submissions),
                               "--out", str(out), "--lessons", "00", "--jobs", "2"],
                              capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
        assert done.returncode == 0, done.stderr
        results = pd.read_csv(out / "results.csv", keep_default_na=False, dtype=str)
        status = results.pivot(index="student", columns="exercise", values="status")
        assert list(status.loc["honest", LESSON_00]) == ["correct"] * 4
        assert list(status.loc["blank", LESSON_00]) == ["not yet"] * 4
        assert list(status.loc["leaker", LESSON_00]) == ["not yet"] * 4
        for path in out.rglob("*"):
            if path.is_file():
                assert secret not in path.read_text(encoding="utf-8", errors="replace"), path.name
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_without_a_sandbox_the_grader_refuses_and_says_how_to_get_one(tmp_path, monkeypatch, capsys):
    from grading import cli, sandbox

    monkeypatch.setattr(sandbox.Bwrap, "probe", lambda self: "bubblewrap (bwrap) is not installed")
    (tmp_path / "honest.ipynb").write_text(json.dumps(SOLVED))
    code = cli.main([str(tmp_path), "--out", str(tmp_path / "out"), "--lessons", "00"])
    said = capsys.readouterr().err
    assert code == 2 and "Not grading" in said and "apt-get install bubblewrap" in said and "--no-sandbox" in said
    assert not (tmp_path / "out").exists()


def test_no_sandbox_is_for_trusted_work_and_says_so(tmp_path):
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    (submissions / "mine.ipynb").write_text(json.dumps(SOLVED))
    done = subprocess.run([sys.executable, "-m", "grading", str(submissions), "--out", str(tmp_path / "out"),
                           "--lessons", "00", "--no-sandbox"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "WARNING: --no-sandbox" in done.stderr and "only for work you trust" in done.stderr.lower()
    results = pd.read_csv(tmp_path / "out" / "results.csv", keep_default_na=False, dtype=str)
    assert list(results["status"]) == ["correct"] * 4
