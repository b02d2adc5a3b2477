"""Benchmark: serial `nbgrader autograde` against `peacetalks autograde --jobs N` on the same class, in one run.

Prints each wall time and the ratio (the budget is at least 1.7x on 2 cores), the peak memory of each run's whole
process tree (grader, workers, kernels) and its ratio, and checks the scores are identical.
Each side runs --rounds times (alternating) on fresh copies of the class; the best time of each counts.
Usage: python benchmarks/autograde_speed.py [--students 24] [--jobs 4] [--rounds 2] [--with-loop]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from peacetalks.course import Course
from peacetalks.course.demo import copy_course
from peacetalks.course.export import export
from peacetalks.course.parallel import default_jobs
from peacetalks.course.release import release
from peacetalks.course.simulate import simulate_class

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def scores(course: Course) -> dict[str, str]:
    path = export(course, "nbgrader", course.root / "bench-grades.csv")
    return {row["student_id"]: row["score"] for row in csv.DictReader(path.open())}


def tree_memory(process: psutil.Process) -> int:
    """Memory of a process and all its descendants, in bytes.

    Proportional set size: pages shared between forked workers count once, split among them (the resident
    size would count them once per worker). Processes that end while being read count 0.
    """
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += member.memory_full_info().pss
    return total


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time of a command and the peak memory of its process tree, sampled every 0.2 s."""
    started = time.perf_counter()
    # nbgrader exits 1 when any submission fails (the broken ones here); the timing still counts.
    running = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"})
    tree, peak = psutil.Process(running.pid), 0
    while running.poll() is None:
        peak = max(peak, tree_memory(tree))
        time.sleep(0.2)
    return time.perf_counter() - started, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, default=24)
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="default: peacetalks's own default")
    parser.add_argument("--assignment", default="01-mapping-the-argument")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each side; the best time of each counts")
    parser.add_argument("--with-loop", action="store_true", help="keep the never-ending-loop student in the class")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base = copy_course(Course.open(REPO), Path(scratch) / "base")
        release(base, [args.assignment])
        profiles = simulate_class(base, [args.assignment], args.students, 2022)
        if not args.with_loop:  # one 20-second timeout would dominate both timings
            for key, profile in profiles.items():
                if profile == "infinite-loop":
                    shutil.rmtree(base.submitted_dir / key.split("/")[0])
        commands = {"nbgrader autograde (serial)": [str(BIN / "nbgrader"), "autograde", args.assignment],
                    f"peacetalks autograde --jobs {args.jobs}": [str(BIN / "peacetalks"), "autograde",
                                                                 args.assignment, "--jobs", str(args.jobs)]}
        times: dict[str, list[float]] = {name: [] for name in commands}
        peaks: dict[str, int] = dict.fromkeys(commands, 0)
        graded: list[dict[str, str]] = []
        for round_number in range(args.rounds):  # the two alternate, so drift on the machine touches both
            for name, command in commands.items():
                folder = Path(scratch) / f"{name.split()[0]}-{round_number}"
                shutil.copytree(base.root, folder)
                seconds, peak = timed(command, folder)
                times[name].append(seconds)
                peaks[name] = max(peaks[name], peak)
                graded.append(scores(Course.open(folder)))
                shutil.rmtree(folder)
        students = len(graded[0])
        for name in commands:
            best = min(times[name])
            print(f"{name:40s} best {best:6.1f} s of {', '.join(f'{t:.1f}' for t in times[name])} "
                  f"({best / students:.2f} s per submission), peak memory {peaks[name] / 2**20:5.0f} MiB")
        (serial_time, parallel_time), (serial_peak, parallel_peak) = map(min, times.values()), peaks.values()
        print(f"speed-up: {serial_time / parallel_time:.2f}x on {os.cpu_count()} cores, {students} submissions "
              f"(best of {args.rounds} each)")
        print(f"memory: {parallel_peak / serial_peak:.2f}x the serial run's peak, for {args.jobs} workers")
        identical = all(run == graded[0] for run in graded)
        print("scores identical in every run:", identical)
        if not identical:
            sys.exit(1)


if __name__ == "__main__":
    main()
