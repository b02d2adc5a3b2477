#!/usr/bin/env bash
# Install the shared environment for a peacetalks JupyterHub (run as root).
#   hub/install.sh [PREFIX] [EXCHANGE]     defaults: /opt/peacetalks /srv/nbgrader/exchange
# It creates PREFIX/venv from the system Python (so every user can run it) with the unit, nbgrader and
# JupyterHub, installs configurable-http-proxy under PREFIX with npm, and creates nbgrader's exchange folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${1:-/opt/peacetalks}"
exchange="${2:-/srv/nbgrader/exchange}"
python="${PEACETALKS_SYSTEM_PYTHON:-/usr/bin/python3}"

mkdir -p "$prefix"
chmod 755 "$prefix"
[ -x "$prefix/venv/bin/python" ] || "$python" -m venv "$prefix/venv"
"$prefix/venv/bin/python" -m pip install --quiet --upgrade pip
"$prefix/venv/bin/python" -m pip install --quiet "$here/..[postgres]" "jupyterhub>=5,<7"
cp "$here/package.json" "$prefix/package.json"
# Per-role Jupyter settings, where every user can read them (the clone itself may be private).
rm -rf "$prefix/jupyter-config"
cp -r "$here/jupyter-config" "$prefix/jupyter-config"
chmod -R a+rX "$prefix/jupyter-config"
(cd "$prefix" && npm install --silent --no-audit --no-fund)
# The exchange: everyone may write, nobody may delete another's files (the sticky bit), as nbgrader documents.
mkdir -p "$exchange"
chmod 1777 "$exchange"
echo "installed in $prefix; exchange at $exchange"
