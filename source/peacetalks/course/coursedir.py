"""A course folder: the repository root (or a copy of it) holding nbgrader_config.py."""

from __future__ import annotations

import contextlib
import copy
import functools
import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

CONFIG_FILE = "nbgrader_config.py"


class CourseError(Exception):
    """Something about the course stops a step; the message is one line a teacher can act on."""


@dataclass(frozen=True)
class Course:
    """A course folder and its nbgrader configuration."""

    root: Path
    db_url: str | None = None  # another gradebook than the course's own (a parallel worker's)
    sandbox: bool | None = None  # None: as nbgrader_config.py says; True/False: force it on or off

    @classmethod
    def open(cls, folder: str | os.PathLike | None = None) -> Course:
        """The course in ``folder`` (default: the current directory)."""
        root = Path(folder or ".").resolve()
        if not root.is_dir():
            raise CourseError(f"{root} is not a folder")
        if not (root / CONFIG_FILE).is_file():
            raise CourseError(f"{root} has no {CONFIG_FILE}: not an nbgrader course folder "
                              "(run inside the course or pass --course DIR)")
        return cls(root)

    def config(self, **overrides) -> Config:
        """nbgrader_config.py as nbgrader reads it, with the root set and ``overrides`` merged in."""
        config = copy.deepcopy(_read_config(self.root / CONFIG_FILE, (self.root / CONFIG_FILE).stat().st_mtime_ns))
        config.CourseDirectory.root = str(self.root)
        if self.db_url:
            config.CourseDirectory.db_url = self.db_url
        if self.sandbox is not None:
            from .sandbox import configure_autograde

            configure_autograde(config, self.sandbox)
        for section, values in overrides.items():
            for key, value in values.items():
                config[section][key] = value
        return config

    def api(self, **overrides):
        """nbgrader's NbGraderAPI for this course."""
        from nbgrader.apps import NbGraderAPI  # imported late: nbgrader is slow to import

        ensure_scripts_on_path()

        with quiet_nbgrader():
            return NbGraderAPI(config=self.config(**overrides))

    @property
    def course_id(self) -> str:
        return str(self.config().CourseDirectory.get("course_id", ""))

    def _folder(self, trait: str, default: str) -> Path:
        name = self.config().CourseDirectory.get(trait, default)
        return self.root / str(name)

    @property
    def source_dir(self) -> Path:
        return self._folder("source_directory", "source")

    @property
    def release_dir(self) -> Path:
        return self._folder("release_directory", "release")

    @property
    def submitted_dir(self) -> Path:
        return self._folder("submitted_directory", "submitted")

    @property
    def autograded_dir(self) -> Path:
        return self._folder("autograded_directory", "autograded")

    @property
    def feedback_dir(self) -> Path:
        return self._folder("feedback_directory", "feedback")

    @property
    def gradebook_url(self) -> str:
        """The gradebook's SQLAlchemy URL: nbgrader's db_url, by default sqlite:///ROOT/gradebook.db."""
        return self.db_url or self.config().CourseDirectory.get("db_url") or f"sqlite:///{self.root / 'gradebook.db'}"

    @property
    def gradebook_path(self) -> Path | None:
        """The gradebook's file when it is SQLite (None for a server such as PostgreSQL)."""
        url = self.gradebook_url
        return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None

    def assignments(self) -> list[str]:
        """Assignment ids: folders of the source directory that hold a notebook."""
        if not self.source_dir.is_dir():
            return []
        return sorted(p.name for p in self.source_dir.iterdir()
                      if p.is_dir() and any(p.glob("*.ipynb")))

    def require_assignment(self, assignment_id: str) -> Path:
        """The source folder of an assignment, or a CourseError listing the ones there are."""
        folder = self.source_dir / assignment_id
        if not folder.is_dir() or not any(folder.glob("*.ipynb")):
            known = ", ".join(self.assignments()) or "none"
            raise CourseError(f"no assignment {assignment_id!r} in {self.source_dir} (assignments: {known})")
        return folder

    def notebooks(self, assignment_id: str) -> list[str]:
        """Names (without .ipynb) of the assignment's notebooks."""
        return sorted(p.stem for p in self.require_assignment(assignment_id).glob("*.ipynb"))

    def submitted_students(self, assignment_id: str) -> list[str]:
        """Students with a submission folder for the assignment."""
        if not self.submitted_dir.is_dir():
            return []
        return sorted(p.name for p in self.submitted_dir.iterdir() if (p / assignment_id).is_dir())

    def lessons(self) -> list[Path]:
        return sorted((self.root / "lessons").glob("*.ipynb"))


@functools.lru_cache(maxsize=32)
def _read_config(path: Path, _mtime: int) -> Config:
    """nbgrader_config.py, read once per version of the file (callers copy it before changing it)."""
    try:
        return PyFileConfigLoader(path.name, path=str(path.parent)).load_config()
    except Exception as error:  # a teacher's syntax error: say where
        raise CourseError(f"{path} could not be read: {error}") from error


@contextlib.contextmanager
def quiet_nbgrader():
    """Keep nbgrader's console logging out of the way; its logs are still captured per step."""
    logger = logging.getLogger("traitlets")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


EXCEPTION_LINE = re.compile(r"^([A-Za-z_.]*(Error|Exception|Exit|Interrupt))(: .*)?$")


def last_error_line(result: dict) -> str:
    """The most telling line of a failed nbgrader step: the last exception other than nbgrader's wrapper."""
    text = result.get("log", "") + "\n" + result.get("error", "")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    exceptions = [line for line in lines if EXCEPTION_LINE.match(line) and "NbGraderException" not in line]
    if exceptions:
        return exceptions[-1]
    errors = [line.split("]", 1)[1].strip() for line in lines if line.startswith(("[ERROR]", "[CRITICAL]"))]
    return errors[0] if errors else "unknown error (see the nbgrader log)"


def silence_known_warnings() -> None:
    """nbgrader 0.9 triggers a harmless SQLAlchemy autoflush warning on every autograde; keep it off the screen."""
    import warnings

    warnings.filterwarnings("ignore", message="Object of type <Submitted", category=Warning)


def ensure_scripts_on_path() -> None:
    """Put this Python's scripts folder on PATH: nbgrader runs its `alembic` helper by name.

    Without it, `.venv/bin/peacetalks` run from a shell whose PATH lacks .venv/bin fails to open the gradebook.
    """
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")
