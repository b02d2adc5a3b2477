"""nbgrader's Execute step with a configurable kernel manager (the sandbox) and a cap on each cell's output.

nbgrader 0.9's Execute fixes its kernel manager class in ``__init__``, so the class is chosen here and
this preprocessor takes Execute's place in ``Autograde.autograde_preprocessors``.
"""

from __future__ import annotations

import json

from jupyter_client.manager import AsyncKernelManager
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Integer, Type


class SandboxedExecute(Execute):
    """Execute a submission with ``sandbox_kernel_manager`` and keep at most ``max_output_bytes`` per cell."""

    sandbox_kernel_manager = Type(AsyncKernelManager, klass=AsyncKernelManager,
                                  help="Kernel manager that starts each student kernel.").tag(config=True)
    max_output_bytes = Integer(200_000, help="Output kept per cell (text, images, display data alike).").tag(
        config=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kernel_manager_class = self.sandbox_kernel_manager
        self._output_bytes: dict[int, int] = {}

    def output(self, outs, msg, display_id, cell_index):
        if msg["msg_type"] not in ("stream", "display_data", "execute_result", "error", "update_display_data"):
            return super().output(outs, msg, display_id, cell_index)
        used = self._output_bytes.get(cell_index, 0)
        if used > self.max_output_bytes:
            return None
        used += len(json.dumps(msg["content"], default=str))
        self._output_bytes[cell_index] = used
        if used > self.max_output_bytes:
            self._output_bytes[cell_index] = self.max_output_bytes + 1
            note = new_output("stream", name="stdout",
                              text=f"\n[output truncated by the grader after {self.max_output_bytes:,} bytes]\n")
            outs.append(note)
            return None
        return super().output(outs, msg, display_id, cell_index)
