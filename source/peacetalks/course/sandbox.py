"""Run each student's kernel inside a bubblewrap sandbox while nbgrader grades it.

nbgrader executes a submission through its Execute preprocessor, an nbclient NotebookClient whose
``kernel_manager_class`` is configurable. ``SandboxKernelManager`` is that class: it starts the kernel as

    [join a pids cgroup] bwrap --ro-bind / / --tmpfs /tmp --tmpfs COURSE --bind SUBMISSION ... \\
        --unshare-net --unshare-pid --die-with-parent -- prlimit (limits) -- timeout -- python -m ipykernel_launcher

so the student's code sees the machine read-only, the course folder as empty except its own submission
(writable: its scratch folder), no network (not even loopback), and runs under limits on memory, CPU time,
processes, open files and file size, with a wall-clock limit on the whole notebook. The kernel talks to the
grader over IPC sockets in a private folder bound into the sandbox; no port is opened.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer, Unicode, default

from .coursedir import CourseError

PIDS_CGROUPS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup"))


@cache
def bwrap_problem() -> str | None:
    """None when bubblewrap can start a sandbox here, else why not (one line)."""
    bwrap = shutil.which("bwrap")
    if not bwrap:
        return "bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    probe = subprocess.run([bwrap, "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "--die-with-parent",
                            "--", "true"], capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or ["unknown error"])[-1]
        return f"bubblewrap cannot create namespaces here: {reason}"
    return None


def require_sandbox() -> None:
    problem = bwrap_problem()
    if problem:
        raise CourseError(f"cannot sandbox student code: {problem}. Fix that, or pass --no-sandbox to grade "
                          "without a sandbox (student code then runs with your permissions)")


def _pids_cgroup_root() -> Path | None:
    """A writable cgroup folder with a pids controller (v1 or v2), or None."""
    for root in PIDS_CGROUPS:
        if not ((root / "cgroup.procs").exists() and os.access(root, os.W_OK)):
            continue
        controls = root / "cgroup.subtree_control"
        if root.name == "pids" or (controls.exists() and "pids" in controls.read_text(errors="ignore")):
            return root
    return None


def remove_cgroup(cgroup: Path, attempts: int = 40) -> None:
    """Kill whatever the kernel left running in its cgroup, then remove the cgroup."""
    for _ in range(attempts):
        try:
            pids = (cgroup / "cgroup.procs").read_text().split()
        except OSError:
            return  # already gone
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(int(pid), signal.SIGKILL)
        try:
            cgroup.rmdir()
            return
        except OSError:
            time.sleep(0.05)


def sweep_cgroups(root: Path, older_than: float = 3600.0) -> None:
    """Remove empty cgroups left by runs killed before they could clean up.

    Only old ones: a fresh empty cgroup may belong to another worker whose kernel is about to join it.
    """
    now = time.time()
    for stale in root.glob("peacetalks-kernel-*"):
        with contextlib.suppress(OSError):
            if now - stale.stat().st_mtime > older_than and not (stale / "cgroup.procs").read_text().strip():
                stale.rmdir()


class SandboxKernelManager(AsyncKernelManager):
    """An AsyncKernelManager that starts the kernel under bubblewrap, with limits (see the module docstring)."""

    course_root = Unicode("", help="The course folder, hidden from student code except its own submission.").tag(
        config=True)
    memory_bytes = Integer(3 * 2**30, help="Address-space limit of the kernel (RLIMIT_AS).").tag(config=True)
    cpu_seconds = Integer(120, help="CPU time limit of the kernel (RLIMIT_CPU).").tag(config=True)
    max_processes = Integer(64, help="Processes the kernel may have at once (cgroup pids.max, or RLIMIT_NPROC).").tag(
        config=True)
    max_file_bytes = Integer(20 * 2**20, help="Largest file the kernel may write (RLIMIT_FSIZE).").tag(config=True)
    max_open_files = Integer(256, help="Open files (RLIMIT_NOFILE).").tag(config=True)
    notebook_seconds = Integer(300, help="Wall-clock limit on the whole notebook; the kernel is killed after it.").tag(
        config=True)

    @default("course_root")
    def _default_course_root(self) -> str:
        root = self.config.get("CourseDirectory", {}).get("root") or os.getcwd()
        return str(Path(root).resolve())

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    def _readable_paths(self) -> list[str]:
        """What student code may read inside a hidden course folder: the Python it runs and the unit's package."""
        import peacetalks
        from peacetalks.data import datasets_dir

        wanted = [sys.prefix, sys.base_prefix, str(Path(peacetalks.__file__).resolve().parent),
                  str(datasets_dir().resolve())]
        return [p for p in dict.fromkeys(wanted) if Path(p).exists()]

    def _join_cgroup(self) -> list[str]:
        root = _pids_cgroup_root()
        if root is None:
            self._cgroup = None
            return []
        sweep_cgroups(root)
        self._cgroup = Path(tempfile.mkdtemp(prefix="peacetalks-kernel-", dir=root))
        (self._cgroup / "pids.max").write_text(str(self.max_processes))
        # The shell joins the cgroup, then becomes bwrap: everything the kernel starts is counted.
        return ["sh", "-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', str(self._cgroup)]

    def sandbox_command(self, kernel_cmd: list[str], cwd: str) -> list[str]:
        folder = str(self._socket_dir)
        command = self._join_cgroup() + [
            shutil.which("bwrap") or "bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
            "--tmpfs", "/tmp", "--tmpfs", "/dev/shm", "--tmpfs", "/run"]  # /run: database and daemon sockets
        if self.course_root:
            command += ["--tmpfs", self.course_root]
        for path in self._readable_paths():
            command += ["--ro-bind", path, path]
        command += ["--bind", cwd, cwd, "--bind", folder, folder, "--chdir", cwd,
                    "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent",
                    "--new-session", "--unsetenv", "JPY_PARENT_PID", "--setenv", "HOME", cwd,
                    "--setenv", "MPLCONFIGDIR", "/tmp", "--setenv", "OPENBLAS_NUM_THREADS", "1", "--",
                    "prlimit", f"--as={self.memory_bytes}", f"--cpu={self.cpu_seconds}",
                    f"--fsize={self.max_file_bytes}", f"--nofile={self.max_open_files}",
                    f"--nproc={self.max_processes}", "--",
                    "timeout", "--signal=KILL", str(self.notebook_seconds)]
        return command + kernel_cmd

    async def _async_pre_start_kernel(self, **kw):
        # A private folder for the connection file and the IPC sockets, bound into the sandbox at the same path.
        self._socket_dir = Path(tempfile.mkdtemp(prefix="peacetalks-ipc-"))
        self.connection_file = str(self._socket_dir / "kernel.json")
        self.ip = str(self._socket_dir / "kernel")
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        cwd = kw.get("cwd") or os.getcwd()
        kw.setdefault("stdout", subprocess.DEVNULL)  # ipykernel's start-up notes; errors still reach stderr
        return self.sandbox_command(kernel_cmd, str(Path(cwd).resolve())), kw

    async def _async_interrupt_kernel(self) -> None:
        """Interrupt by message: a signal from outside cannot reach the kernel inside its PID namespace.

        ipykernel answers an interrupt_request on its control channel by signalling itself.
        """
        if not self.has_kernel:
            raise RuntimeError("Cannot interrupt kernel. No kernel is running!")
        self._connect_control_socket()
        self.session.send(self._control_socket, self.session.msg("interrupt_request", content={}))

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(getattr(self, "_socket_dir", ""), ignore_errors=True)
            cgroup = getattr(self, "_cgroup", None)
            if cgroup is not None:
                remove_cgroup(cgroup)

    # AsyncKernelManager binds its public coroutines to KernelManager's functions; point them at ours.
    interrupt_kernel = _async_interrupt_kernel
    cleanup_resources = _async_cleanup_resources


def autograde_steps() -> list:
    """nbgrader's autograde preprocessors, with SandboxedExecute in the place of Execute."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )

    from .preprocessors import SandboxedExecute

    return [SandboxedExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
            AssignLatePenalties, CheckCellMetadata]


def configure_autograde(c, sandboxed: bool | None = None) -> None:
    """Set up nbgrader's autograde in a config object: output caps always, the sandbox where bubblewrap works.

    Called from nbgrader_config.py, so plain `nbgrader autograde` is sandboxed too.
    """
    if sandboxed is None:
        sandboxed = bwrap_problem() is None
    c.Autograde.autograde_preprocessors = autograde_steps()
    c.SandboxedExecute.sandbox_kernel_manager = SandboxKernelManager if sandboxed else AsyncKernelManager
