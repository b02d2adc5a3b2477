"""A wheel installed away from the repository (not editable) still loads the datasets."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_an_installed_wheel_loads_the_data(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(REPO)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("peacetalks-*.whl"))
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # The fresh environment borrows this one's dependencies (pandas, nbgrader...) but not its editable peacetalks.
    Path(site, "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", site, str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = ("import peacetalks, peacetalks.data as d; print(peacetalks.__file__); "
              "print(d.datasets_dir()); print(len(d.load('munich_timeline'))); "
              "from peacetalks.widgets import Timeline; print(len(Timeline(d.load('munich_timeline')).figure._esm))")
    out = subprocess.run([python, "-c", script], cwd=elsewhere, check=True, capture_output=True, text=True)
    module, datasets, rows, loader = out.stdout.split()
    assert module.startswith(site) and datasets.startswith(site), out.stdout
    assert int(rows) >= 30
    assert 0 < int(loader) < 10_000  # the widgets' figure loader ships in the wheel
