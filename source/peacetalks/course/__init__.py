"""The teacher's pipeline on nbgrader: release, autograde, feedback, export, the demo and the authors' check.

Every step is a thin layer over nbgrader's own Python API and configuration (nbgrader_config.py at
the course root); nothing here patches nbgrader.
"""

from .coursedir import Course, CourseError

__all__ = ["Course", "CourseError"]
