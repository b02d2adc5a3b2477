"""JupyterLab in headless Chromium: a lesson with widgets runs, its chart responds, the details show a source.

Uses Debian's chromium through Python playwright (never `playwright install`). Screenshots are kept in
test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LESSON = "01-reading-the-oped.ipynb"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on loopback over a scratch copy of the lessons."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(REPO / "lessons", root / "lessons")
    port, token = free_port(), "peacetalks-test"
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root / 'lessons'}",
               "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = (root / "lab.log").open("w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=root,
                              env={**os.environ, "JUPYTER_RUNTIME_DIR": str(root / "runtime")})
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.terminate()
        pytest.fail(f"JupyterLab did not start:\n{(root / 'lab.log').read_text()[-3000:]}")
    yield base, token, root / "lessons"
    server.terminate()
    server.wait(timeout=30)


def run_all(page, base: str, token: str, notebook: str) -> None:
    """Open a notebook in JupyterLab, wait for its kernel, and run every cell."""
    page.set_default_timeout(60_000)
    workspace = Path(notebook).stem  # a workspace of its own: no tabs restored from an earlier test
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/{notebook}?token={token}")
    page.wait_for_function("window.jupyterapp && document.querySelector('.jp-Notebook')")
    page.wait_for_function("""() => {
        const panel = window.jupyterapp.shell.currentWidget;
        return panel && panel.sessionContext && panel.sessionContext.session
            && panel.sessionContext.session.kernel && panel.sessionContext.session.kernel.status === 'idle';
    }""", timeout=90_000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")


def wait_until_done(page) -> None:
    page.wait_for_function("""() => {
        const panel = window.jupyterapp.shell.currentWidget;
        return panel.sessionContext.session.kernel.status === 'idle'
            && [...document.querySelectorAll('.jp-InputArea-prompt')].every(p => !p.textContent.includes('*'));
    }""", timeout=120_000)


def test_lesson_runs_and_the_timeline_responds(lab):
    from playwright.sync_api import expect, sync_playwright

    base, token, _folder = lab
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        run_all(page, base, token, LESSON)
        timeline = page.locator(".peacetalks-timeline").first
        expect(timeline).to_be_visible(timeout=90_000)
        wait_until_done(page)
        plot = timeline.locator(".js-plotly-plot").first
        expect(plot).to_be_visible()
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert errors.count() == 0, errors.first.inner_text()
        assert "Traceback" not in page.locator(".jp-Notebook").inner_text()
        timeline.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "lesson-01-timeline.png"), full_page=False)

        status = timeline.locator("[aria-live=polite]").first
        total = status.inner_text()
        timeline.locator("select[multiple]").first.select_option(index=0)   # one category only
        expect(status).not_to_have_text(total)
        filtered = status.inner_text()

        handle = timeline.locator(".noUi-handle").last                      # the date window's upper end
        handle.focus()
        for _ in range(6):
            handle.press("ArrowLeft")
        timeline.locator(".widget-text input").first.click()                  # move focus away: the slider commits
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / "lesson-01-filtered.png"))

        timeline.locator("button", has_text="reset").click()
        expect(status).to_have_text(total)
        point = plot.locator(".scatterlayer .trace .points path").first
        point.scroll_into_view_if_needed()
        point.click(force=True)
        link = timeline.locator("a.peacetalks-source")
        expect(link).to_be_visible(timeout=15_000)
        assert link.get_attribute("href").startswith("http")
        page.screenshot(path=str(ARTIFACTS / "lesson-01-details.png"))
        assert filtered != total
        browser.close()


def test_plotly_code_reaches_the_page_once_for_several_figures(lab):
    """Three figures on a page: plotly's widget module crosses the websocket once, not once per figure."""
    import nbformat
    from playwright.sync_api import expect, sync_playwright

    from peacetalks.widgets.figure import plotly_widget_module

    base, token, folder = lab
    cell = ("from peacetalks.data import load\nfrom peacetalks.widgets import AnalogyAligner, Timeline\n"
            "munich, ukraine = load('munich_timeline'), load('ukraine_timeline')\n"
            "display(Timeline(munich), Timeline(ukraine, lanes='actors'), AnalogyAligner(munich, ukraine))")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}})
    nbformat.write(notebook, folder / "three-figures.ipynb")
    received = {"bytes": 0, "modules": 0}

    def count(payload) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode()
        received["bytes"] += len(data)
        received["modules"] += data.count(b'"peacetalks:figure-module"')

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("websocket", lambda socket: socket.on("framereceived", count))
        run_all(page, base, token, "three-figures.ipynb")
        plots = page.locator(".jp-OutputArea .js-plotly-plot")
        expect(plots.nth(2)).to_be_visible(timeout=90_000)
        wait_until_done(page)
        assert plots.count() == 3
        page.screenshot(path=str(ARTIFACTS / "three-figures.png"))
        browser.close()
    module = len(plotly_widget_module())
    assert received["modules"] == 1
    assert received["bytes"] < 1.5 * module, f"{received['bytes']:,} bytes received for {module:,} of plotly"
