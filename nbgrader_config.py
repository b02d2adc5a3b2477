"""nbgrader configuration: the repository root is the peacetalks course.

Teachers can run the usual nbgrader commands here (`nbgrader generate_assignment ID`,
`nbgrader autograde ID`, the formgrader in JupyterLab) or the `peacetalks` command, which
reads this same file.
"""

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "peacetalks"
c.CourseDirectory.source_directory = "assignments"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
# Files next to an assignment that must never reach students or the autograded copy:
# simulated answers for the demo and the authors' tests.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "simulated_answers.json",
]

# Student code gets at most this many seconds per cell before it is interrupted.
c.Execute.timeout = 20
c.Execute.interrupt_on_timeout = True
# Keep runaway output out of the gradebook and feedback.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 60

# A submission whose test cells were deleted gets them back before grading (nbgrader's own option).
c.OverwriteCells.add_missing_cells = True

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# nbgrader's own default for Python kernels, plus a kernel log level that keeps start-up chatter out of the
# teacher's terminal (cell errors still reach the graded notebook).
c.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"]

# Autograde runs student code in a bubblewrap sandbox (no course files but the submission, no network,
# limits on memory, CPU, processes and file size) wherever bubblewrap works, and caps each cell's output.
# This applies to `nbgrader autograde` as well as `peacetalks autograde`; see README.md, "Safety of grading".
from peacetalks.course.sandbox import configure_autograde  # noqa: E402

configure_autograde(c)
c.SandboxKernelManager.memory_bytes = 3 * 2**30
c.SandboxKernelManager.cpu_seconds = 120
c.SandboxKernelManager.max_processes = 64
c.SandboxKernelManager.notebook_seconds = 300
