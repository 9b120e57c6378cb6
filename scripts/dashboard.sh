#!/usr/bin/env bash
# Serve the compute what-if notebook as a standalone Voila app.
#
# DASHBOARD_POOL kernels (default 1) are started and run the notebook before anyone asks, so
# a page is live as soon as it loads; at most DASHBOARD_MAX_KERNELS (default 4) run or start
# at once, beyond which a page says to try again. Idle kernels are culled: offline Voila
# never shuts a page's kernel down by itself.
#
# It listens on 127.0.0.1. To serve other machines set DASHBOARD_IP (e.g. 0.0.0.0) and
# DASHBOARD_TOKEN: beyond loopback it refuses to start without a token, and readers open
# http://HOST:PORT/?token=TOKEN.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${DASHBOARD_PORT:-8866}"
IP="${DASHBOARD_IP:-127.0.0.1}"
TOKEN="${DASHBOARD_TOKEN:-}"
case "$IP" in
    127.*|localhost|::1) ;;
    *)
        if [ -z "$TOKEN" ]; then
            echo "error: DASHBOARD_IP=$IP serves beyond loopback: set DASHBOARD_TOKEN too" >&2
            exit 2
        fi ;;
esac
AUTH=()
[ -n "$TOKEN" ] && AUTH=(--Voila.token="$TOKEN")
# The page loads no JupyterLab extension it does not use: jupyterlab-plotly's renderer for
# plotly outputs bundles its own 4.8 MB copy of plotly.js, which the page would fetch and parse
# before it connects to the kernel (the charts are PlotWidgets, which bring plotly.js once in
# widget state: its 1.5 MB cartesian bundle for these charts), and jupytext's is for editing.
# Kernels on local sockets (IPC): ipykernel has no unencrypted-TCP warning to print.
mkdir -p build/kernels
exec .venv/bin/voila notebooks/04_compute_whatif.ipynb \
    --no-browser --Voila.ip="$IP" --port="$PORT" "${AUTH[@]}" \
    --preheat_kernel=True --pool_size="${DASHBOARD_POOL:-1}" \
    --VoilaConfiguration.extension_denylist=jupyterlab-plotly \
    --VoilaConfiguration.extension_denylist=jupyterlab-jupytext \
    --VoilaConfiguration.multi_kernel_manager_class=analysis.dashboards.serving.CappedKernelManager \
    --CappedKernelManager.max_kernels="${DASHBOARD_MAX_KERNELS:-4}" \
    --KernelManager.transport=ipc --KernelManager.ip="$PWD/build/kernels/kernel" \
    --MappingKernelManager.cull_idle_timeout=60 \
    --MappingKernelManager.cull_interval=10
