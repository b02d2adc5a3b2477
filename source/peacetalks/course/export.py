"""Export the gradebook: nbgrader's own CSV, or Canvas's gradebook import."""

from __future__ import annotations

from pathlib import Path

from .coursedir import Course, CourseError, ensure_scripts_on_path, quiet_nbgrader

PLUGINS = {
    "nbgrader": ("nbgrader.plugins.export.CsvExportPlugin", "grades.csv"),
    "canvas": ("peacetalks.course.canvas_export.CanvasExportPlugin", "canvas.csv"),
}


def export(course: Course, fmt: str = "nbgrader", out: str | Path | None = None) -> Path:
    """Run nbgrader's ExportApp with the plugin for ``fmt`` and return the file written."""
    from nbgrader.apps import ExportApp

    ensure_scripts_on_path()

    if fmt not in PLUGINS:
        raise CourseError(f"unknown export format {fmt!r}; choose one of: {', '.join(PLUGINS)}")
    if course.gradebook_path is not None and not course.gradebook_path.is_file():
        raise CourseError(f"no gradebook at {course.gradebook_path}: release and autograde an assignment first")
    plugin, default_name = PLUGINS[fmt]
    target = Path(out) if out else course.root / default_name
    target = target if target.is_absolute() else Path.cwd() / target
    config = course.config(ExportApp={"plugin_class": plugin, "log_level": "WARN"}, ExportPlugin={"to": str(target)})
    with quiet_nbgrader():
        app = ExportApp(config=config)
        app.initialize([])
        app.start()
    return target
