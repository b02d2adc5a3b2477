"""Benchmark: serial `nbgrader autograde` against `peacetalks autograde --jobs N` on the same class, in one run.

Prints each wall time and the ratio (the budget is at least 1.7x on 2 cores), the peak memory of each run's whole
process tree (grader, workers, kernels) and its ratio, and checks the scores are identical.
Usage: python benchmarks/autograde_speed.py [--students 24] [--jobs 2] [--with-loop]
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
        runs = {}
        for name, command in (("nbgrader autograde (serial)", [str(BIN / "nbgrader"), "autograde", args.assignment]),
                              (f"peacetalks autograde --jobs {args.jobs}",
                               [str(BIN / "peacetalks"), "autograde", args.assignment, "--jobs", str(args.jobs)])):
            folder = Path(scratch) / name.split()[0]
            shutil.copytree(base.root, folder)
            seconds, peak = timed(command, folder)
            runs[name] = (seconds, peak, scores(Course.open(folder)))
        (serial_time, serial_peak, serial_scores), (parallel_time, parallel_peak, parallel_scores) = runs.values()
        students = len(serial_scores)
        for name, (seconds, peak, _) in runs.items():
            print(f"{name:40s} {seconds:7.1f} s  ({seconds / students:.2f} s per submission), "
                  f"peak memory {peak / 2**20:6.0f} MiB")
        print(f"speed-up: {serial_time / parallel_time:.2f}x on {os.cpu_count()} cores, {students} submissions")
        print(f"memory: {parallel_peak / serial_peak:.2f}x the serial run's peak, for {args.jobs} workers")
        print("scores identical:", serial_scores == parallel_scores)
        if serial_scores != parallel_scores:
            sys.exit(1)


if __name__ == "__main__":
    main()
