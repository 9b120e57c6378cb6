#!/usr/bin/env bash
# Serve the compute what-if notebook as a standalone Voila app on loopback.
# Idle kernels are culled: offline Voila never shuts a page's kernel down by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${DASHBOARD_PORT:-8866}"
# Kernels on local sockets (IPC): ipykernel has no unencrypted-TCP warning to print.
mkdir -p build/kernels
exec .venv/bin/voila notebooks/04_compute_whatif.ipynb \
    --no-browser --Voila.ip=127.0.0.1 --port="$PORT" \
    --KernelManager.transport=ipc --KernelManager.ip="$PWD/build/kernels/kernel" \
    --MappingKernelManager.cull_idle_timeout=60 \
    --MappingKernelManager.cull_interval=10
