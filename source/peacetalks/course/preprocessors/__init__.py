"""nbgrader preprocessors of our own, one small step per file, enabled through nbgrader's configuration."""

from .sandboxed_execute import SandboxedExecute

__all__ = ["SandboxedExecute"]
