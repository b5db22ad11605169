"""Where student code runs: an operating-system sandbox per notebook, and nothing of the grader in it.

Backends (``--sandbox``):

* ``bwrap`` (Linux; the default): bubblewrap (Debian/Ubuntu package ``bubblewrap``), as root or
  as an ordinary user. Each run gets new user, PID, network, IPC, UTS and cgroup namespaces
  (no network at all, so no TCP, UDP or abstract Unix sockets; no outside process is visible
  or signalable), a root file system that holds only ``/usr`` and the Python environment
  (read-only), a private read-only copy of ``summitlab`` without the exercise definitions
  (no expected value enters) and ``data/`` at ``/summitlab/course``, the program (read-only)
  and size-limited tmpfs folders ``/summitlab/work`` and ``/tmp`` (the disk quota); a
  clean environment; no capabilities; no inherited file descriptors but its standard
  streams; a seccomp filter that refuses new processes (only threads may be created),
  sockets, ``ptrace``, namespaces, mounts, ``io_uring``, ``bpf``, keyrings and other kernel
  interfaces a notebook never needs; address-space, CPU-time, file-size and open-file limits
  set before bwrap starts; ``--die-with-parent`` and a PID namespace, so that killing bwrap
  (at the time limit, or when the grader dies) ends every process in it.
* ``docker`` / ``podman``: the same runner in a container (``--network none``, read-only root,
  no capabilities, ``no-new-privileges``, a PID limit, a memory limit, tmpfs folders with
  sizes, a non-root user), for instructors on macOS or Windows. It needs an image with the
  course's Python packages (``grading/Containerfile``). **Untested in this project's CI**,
  which has no container runtime; see instructors/grading.md.
* ``none`` (``--no-sandbox``): the runner as a plain child process with the same limits and a
  clean environment, but it can read and write whatever the instructor can. Trusted work only.

Every backend returns an :class:`Outcome`: the bytes of the answers channel (capped), whether
it was cut, the exit code, whether the run hit its time limit, and the start of its stderr.
"""

from __future__ import annotations

import os
import platform
import selectors
import shutil
import signal
import struct
import subprocess
import sys
import sysconfig
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from grading.answers import MAX_CHANNEL_BYTES

ROOT = Path(__file__).resolve().parent.parent
CAPTURE = Path(__file__).with_name("capture.py")
STARTUP_SECONDS = 60  # Python and the course's imports, on a loaded machine
STDERR_KEEP = 4096
# Where things are inside the sandbox (paths no Python installation uses).
COURSE_IN, WORK_IN, PROGRAM_IN = "/summitlab/course", "/summitlab/work", "/summitlab/input/program.json"


@dataclass
class Limits:
    cell_timeout: int = 60
    notebook_timeout: int = 300
    memory_mb: int = 2048
    work_mb: int = 64  # the writable /work folder (and files written anywhere)
    tmp_mb: int = 16


@dataclass
class Outcome:
    data: bytes
    truncated: bool
    exit_code: int | None
    timed_out: bool
    stderr: str


class SandboxUnavailable(RuntimeError):
    """No sandbox of the kind asked for can run here; the message says how to get one."""


HOW_TO_GET_ONE = (
    "The grader runs student code only inside a sandbox. On Linux install bubblewrap "
    "(Debian/Ubuntu: sudo apt-get install bubblewrap; Fedora: sudo dnf install bubblewrap). "
    "On macOS or Windows, install Docker or Podman, build the image once "
    "(docker build -t summitlab-grader -f grading/Containerfile .) and grade with "
    "--sandbox docker (or podman). Only for work you trust (e.g. your own test notebooks): "
    "--no-sandbox."
)


# --- the sandbox's private course ---------------------------------------------------------

def prepare_course(dest: Path) -> Path:
    """A private copy of what the notebooks need: ``summitlab`` without exercise definitions, ``data/``.

    ``summitlab/exercises/`` keeps only its empty ``__init__.py``: the judges and their
    expected values (and the salted digests of multiple-choice answers) stay with the grader.
    """
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "summitlab", dest / "summitlab", ignore=ignore)
    exercises = dest / "summitlab" / "exercises"
    for path in exercises.iterdir():
        if path.name != "__init__.py":
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copytree(ROOT / "data", dest / "data", ignore=ignore)
    shutil.copyfile(CAPTURE, dest / "summitlab_capture.py")
    return dest


# --- seccomp ---------------------------------------------------------------------------------

_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
# (syscall name -> number) per architecture; x86_64 from asm/unistd_64.h, aarch64 from asm-generic.
_SYSCALLS = {
    "x86_64": {"socket": 41, "socketpair": 53, "clone": 56, "fork": 57, "vfork": 58, "ptrace": 101,
               "syslog": 103, "personality": 135, "pivot_root": 155, "chroot": 161, "acct": 163,
               "mount": 165, "umount2": 166, "swapon": 167, "swapoff": 168, "reboot": 169,
               "init_module": 175, "delete_module": 176, "kexec_load": 246, "add_key": 248,
               "request_key": 249, "keyctl": 250, "unshare": 272, "perf_event_open": 298,
               "fanotify_init": 300, "name_to_handle_at": 303, "open_by_handle_at": 304, "setns": 308,
               "process_vm_readv": 310, "process_vm_writev": 311, "finit_module": 313,
               "kexec_file_load": 320, "bpf": 321, "userfaultfd": 323, "io_uring_setup": 425,
               "io_uring_enter": 426, "io_uring_register": 427, "open_tree": 428, "move_mount": 429,
               "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433, "clone3": 435,
               "mount_setattr": 442},
    "aarch64": {"socket": 198, "socketpair": 199, "clone": 220, "ptrace": 117, "syslog": 116,
                "personality": 92, "pivot_root": 41, "chroot": 51, "acct": 89, "mount": 40,
                "umount2": 39, "swapon": 224, "swapoff": 225, "reboot": 142, "init_module": 105,
                "delete_module": 106, "kexec_load": 104, "add_key": 217, "request_key": 218,
                "keyctl": 219, "unshare": 97, "perf_event_open": 241, "fanotify_init": 262,
                "name_to_handle_at": 264, "open_by_handle_at": 265, "setns": 268,
                "process_vm_readv": 270, "process_vm_writev": 271, "finit_module": 273,
                "kexec_file_load": 294, "bpf": 280, "userfaultfd": 282, "io_uring_setup": 425,
                "io_uring_enter": 426, "io_uring_register": 427, "open_tree": 428, "move_mount": 429,
                "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433, "clone3": 435,
                "mount_setattr": 442},
}
_RET_ALLOW, _RET_KILL = 0x7FFF0000, 0x80000000
_EPERM, _ENOSYS = 1, 38
_CLONE_THREAD = 0x00010000


def seccomp_filter(machine: str | None = None) -> bytes | None:
    """A classic-BPF seccomp program (as bwrap --seccomp reads it), or None on an unknown CPU.

    Refused with EPERM: new processes (fork, vfork, clone without CLONE_THREAD), sockets,
    ptrace and process_vm_*, namespaces and mounts, io_uring, bpf, perf events, keyrings,
    userfaultfd, module and kexec loading, and the like. clone3 answers ENOSYS, so that the C
    library falls back to clone, whose flags can be inspected. Another architecture's system
    calls (e.g. 32-bit calls on x86_64) kill the process.
    """
    machine = machine or platform.machine()
    if machine not in _ARCH:
        return None
    numbers = _SYSCALLS[machine]

    def op(code, k, jt=0, jf=0):
        return struct.pack("HBBI", code, jt, jf, k)

    ld_w_abs, jeq, jset, jge, ret = 0x20, 0x15, 0x45, 0x35, 0x06
    program = [op(ld_w_abs, 4), op(jeq, _ARCH[machine], 1, 0), op(ret, _RET_KILL), op(ld_w_abs, 0)]
    if machine == "x86_64":
        program += [op(jge, 0x40000000, 0, 1), op(ret, _RET_KILL)]  # the x32 ABI
    program += [op(jeq, numbers["clone"], 0, 4), op(ld_w_abs, 16), op(jset, _CLONE_THREAD, 0, 1),
                op(ret, _RET_ALLOW), op(ret, 0x00050000 | _EPERM)]
    for name, number in numbers.items():
        if name == "clone":
            continue
        errno = _ENOSYS if name == "clone3" else _EPERM
        program += [op(jeq, number, 0, 1), op(ret, 0x00050000 | errno)]
    program.append(op(ret, _RET_ALLOW))
    return b"".join(program)


# --- running one program -------------------------------------------------------------------

def _rlimits(limits: Limits):
    def apply():
        import resource

        wanted = {
            resource.RLIMIT_AS: limits.memory_mb * 2**20,
            resource.RLIMIT_CPU: limits.notebook_timeout + STARTUP_SECONDS,
            resource.RLIMIT_FSIZE: limits.work_mb * 2**20,
            resource.RLIMIT_CORE: 0,
            resource.RLIMIT_NOFILE: 1024,
        }
        for which, value in wanted.items():
            soft, hard = resource.getrlimit(which)
            cap = value if hard == resource.RLIM_INFINITY else min(value, hard)
            try:
                resource.setrlimit(which, (cap, cap))
            except (ValueError, OSError):
                pass
    return apply


def _collect(command: list[str], limits: Limits, *, env: dict, pass_fds=(), cwd=None,
             on_timeout=None) -> Outcome:
    """Run ``command``; read its stdout (the answers channel, capped) and stderr (kept short)."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, cwd=cwd, pass_fds=pass_fds, close_fds=True, start_new_session=True,
                               preexec_fn=_rlimits(limits))
    # Until the runner speaks, it has STARTUP_SECONDS to start; from then on, the notebook's time.
    deadline = time.monotonic() + limits.notebook_timeout + STARTUP_SECONDS
    started = False
    chunks, size, truncated, err = [], 0, False, b""
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ, "out")
    selector.register(process.stderr, selectors.EVENT_READ, "err")
    timed_out = False
    open_streams = 2
    try:
        while open_streams:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            for key, _ in selector.select(timeout=min(left, 1.0)):
                block = os.read(key.fileobj.fileno(), 65536)
                if not block:
                    selector.unregister(key.fileobj)
                    open_streams -= 1
                elif key.data == "out":
                    if not started:
                        started = True
                        deadline = min(deadline, time.monotonic() + limits.notebook_timeout)
                    if size + len(block) > MAX_CHANNEL_BYTES:
                        truncated = True
                        block = block[: max(0, MAX_CHANNEL_BYTES - size)]
                    chunks.append(block)
                    size += len(block)
                elif len(err) < STDERR_KEEP:
                    err += block[: STDERR_KEEP - len(err)]
    finally:
        if timed_out or process.poll() is None:
            _kill(process)
            if on_timeout is not None:
                on_timeout()
        selector.close()
        process.stdout.close()
        process.stderr.close()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
    return Outcome(b"".join(chunks), truncated, process.returncode, timed_out,
                   err.decode("utf-8", "replace"))


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.kill()
    except ProcessLookupError:
        pass


def _inner_env(course: str, work: str, tmp: str) -> dict:
    return {
        "HOME": work, "TMPDIR": tmp, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "USER": "student",
        "SUMMITLAB_DATA": f"{course}/data", "SUMMITLAB_PROGRESS_FILE": "off",
        "MPLCONFIGDIR": tmp, "XDG_CACHE_HOME": tmp, "IPYTHONDIR": f"{tmp}/.ipython",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1", "JUPYTER_PLATFORM_DIRS": "1",
    }


def python_roots() -> list[str]:
    """The folders the grader's Python needs (its environment and base installation), outside /usr."""
    found = set()
    for path in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                 os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))):
        for variant in {path, os.path.realpath(path)}:
            if variant and variant != "/" and not (variant + "/").startswith("/usr/"):
                found.add(variant)
    roots = []
    for path in sorted(found):
        if not any(path.startswith(r + "/") for r in roots):
            roots.append(path)
    return roots


def _installed_summitlab() -> list[str]:
    """Copies of summitlab inside the Python environment (a non-editable install): hidden in the sandbox."""
    found = []
    for key in ("purelib", "platlib"):
        folder = Path(sysconfig.get_paths()[key]) / "summitlab"
        if folder.is_dir() and str(folder) not in found:
            found.append(str(folder))
    return found


def _write_program(program: dict, scratch: Path, course: str, work: str) -> Path:
    import json

    path = scratch / f"program-{uuid.uuid4().hex[:8]}.json"
    path.write_text(json.dumps({**program, "course": course, "work": work}), encoding="utf-8")
    return path


class Backend:
    name = "none"
    isolated = False

    def run(self, program: dict, limits: Limits, scratch: Path) -> Outcome:
        """Run the capture runner on ``program`` (see grading/capture.py); ``scratch``: a private host folder."""
        raise NotImplementedError


class Bwrap(Backend):
    name = "bwrap"
    isolated = True

    def __init__(self, course: Path, executable: str = "bwrap"):
        self.course = course
        self.executable = shutil.which(executable) or executable
        self.filter = seccomp_filter()

    def command(self, program_file: Path, limits: Limits) -> list[str]:
        args = [self.executable, "--unshare-all", "--unshare-user", "--disable-userns", "--uid", "1000",
                "--gid", "1000", "--hostname", "sandbox", "--die-with-parent", "--new-session",
                "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr"]
        for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
            path = Path("/") / name
            if path.is_symlink():
                args += ["--symlink", os.readlink(path), str(path)]
            elif path.is_dir():
                args += ["--ro-bind", str(path), str(path)]
        for name in ("/etc/ld.so.cache", "/etc/localtime", "/etc/mime.types"):
            args += ["--ro-bind-try", name, name]
        args += ["--size", str(limits.tmp_mb * 2**20), "--tmpfs", "/tmp"]  # before the Python, which may live in /tmp
        for root in python_roots():
            args += ["--ro-bind", root, root]
        for hidden in _installed_summitlab():
            args += ["--tmpfs", hidden, "--remount-ro", hidden]
        args += ["--ro-bind", str(self.course), COURSE_IN,
                 "--ro-bind", str(program_file), PROGRAM_IN,
                 "--size", str(limits.work_mb * 2**20), "--tmpfs", WORK_IN,
                 "--proc", "/proc", "--dev", "/dev",
                 # bwrap's own root and /dev are tmpfs without a size: nothing may be written there
                 "--remount-ro", "/dev", "--remount-ro", "/",
                 "--chdir", WORK_IN, "--clearenv"]
        for key, value in _inner_env(COURSE_IN, WORK_IN, "/tmp").items():
            args += ["--setenv", key, value]
        return args

    def run(self, program: dict, limits: Limits, scratch: Path) -> Outcome:
        program_file = _write_program(program, scratch, COURSE_IN, WORK_IN)
        args = self.command(program_file, limits)
        pass_fds = ()
        if self.filter is not None:
            fd = os.memfd_create("summitlab-seccomp")
            os.write(fd, self.filter)
            os.lseek(fd, 0, os.SEEK_SET)
            args += ["--seccomp", str(fd)]
            pass_fds = (fd,)
        args += ["--", sys.executable, "-I", "-B", f"{COURSE_IN}/summitlab_capture.py", PROGRAM_IN]
        try:
            return _collect(args, limits, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}, pass_fds=pass_fds)
        finally:
            for fd in pass_fds:
                os.close(fd)

    def probe(self) -> str:
        """'' if bwrap can start a sandbox here, else why not."""
        if not shutil.which(self.executable):
            return "bubblewrap (bwrap) is not installed"
        args = self.command(Path(os.devnull), Limits())
        args += ["--", sys.executable, "-I", "-S", "-c", "pass"]
        try:
            done = subprocess.run(args, capture_output=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
        except (OSError, subprocess.SubprocessError) as error:
            return f"bwrap could not be started ({error})"
        if done.returncode != 0:
            return "bwrap cannot create a sandbox here: " + done.stderr.decode("utf-8", "replace").strip()[:300]
        if self.filter is None:
            print(f"grader: no seccomp filter for {platform.machine()}: processes inside the sandbox are "
                  "limited by its namespaces and limits only", file=sys.stderr)
        return ""


class Container(Backend):
    """Docker or Podman. Untested here (no container runtime in this project's CI)."""

    isolated = True

    def __init__(self, course: Path, runtime: str, image: str):
        self.course = course
        self.name = runtime
        self.runtime = shutil.which(runtime) or runtime
        self.image = image

    def run(self, program: dict, limits: Limits, scratch: Path) -> Outcome:
        program_file = _write_program(program, scratch, COURSE_IN, WORK_IN)
        name = f"summitlab-grade-{uuid.uuid4().hex[:12]}"
        budget = limits.notebook_timeout + STARTUP_SECONDS
        args = [self.runtime, "run", "--rm", "-i", "--name", name, "--network", "none", "--read-only",
                "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--pids-limit", "64",
                "--memory", f"{limits.memory_mb}m", "--memory-swap", f"{limits.memory_mb}m", "--cpus", "1",
                "--user", "65534:65534", "--ipc", "none",
                "--tmpfs", f"{WORK_IN}:rw,size={limits.work_mb}m,mode=1777",
                "--tmpfs", f"/tmp:rw,size={limits.tmp_mb}m,mode=1777",
                "-v", f"{self.course}:{COURSE_IN}:ro", "-v", f"{program_file}:{PROGRAM_IN}:ro",
                "-w", WORK_IN]
        for key, value in _inner_env(COURSE_IN, WORK_IN, "/tmp").items():
            args += ["-e", f"{key}={value}"]
        # The container ends itself at the time limit even if the grader is gone.
        args += [self.image, "timeout", "-s", "KILL", str(budget), "python", "-I", "-B",
                 f"{COURSE_IN}/summitlab_capture.py", PROGRAM_IN]
        remove = lambda: subprocess.run([self.runtime, "rm", "-f", name], capture_output=True, timeout=60)  # noqa: E731
        return _collect(args, limits, env=dict(os.environ), on_timeout=remove)

    def probe(self) -> str:
        if not shutil.which(self.runtime):
            return f"{self.name} is not installed"
        done = subprocess.run([self.runtime, "image", "inspect", self.image], capture_output=True)
        if done.returncode != 0:
            return (f"{self.name} has no image {self.image}: build it with "
                    f"{self.name} build -t {self.image} -f grading/Containerfile .")
        return ""


class Unsandboxed(Backend):
    """--no-sandbox: a plain child process with limits and a clean environment. Trusted work only."""

    name = "none"

    def __init__(self, course: Path):
        self.course = course

    def run(self, program: dict, limits: Limits, scratch: Path) -> Outcome:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="summitlab-unsandboxed-") as tmp:
            work = Path(tmp) / "work"
            work.mkdir()
            program_file = _write_program(program, Path(tmp), str(self.course), str(work))
            env = _inner_env(str(self.course), str(work), tmp)
            return _collect([sys.executable, "-I", "-B", str(self.course / "summitlab_capture.py"), str(program_file)],
                            limits, env=env, cwd=str(work))

    def probe(self) -> str:
        return ""


def choose(kind: str, course: Path, image: str = "summitlab-grader", probe: bool = True) -> Backend:
    """The backend for ``kind`` (bwrap, docker, podman, auto or none); SandboxUnavailable if it cannot run.

    ``probe=False`` skips the trial run (the class runner probes once, its workers trust that).
    """
    if kind == "none":
        return Unsandboxed(course)
    if kind in ("docker", "podman"):
        backend = Container(course, kind, image)
        why = backend.probe() if probe else ""
        if why:
            raise SandboxUnavailable(f"{why}. {HOW_TO_GET_ONE}")
        return backend
    if kind not in ("auto", "bwrap"):
        raise SandboxUnavailable(f"unknown sandbox {kind!r}. {HOW_TO_GET_ONE}")
    if sys.platform != "linux":
        raise SandboxUnavailable(f"bubblewrap needs Linux (this is {sys.platform}). {HOW_TO_GET_ONE}")
    backend = Bwrap(course)
    why = backend.probe() if probe else ""
    if why:
        raise SandboxUnavailable(f"{why}. {HOW_TO_GET_ONE}")
    return backend
