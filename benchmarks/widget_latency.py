"""Python-side latency of the compute dashboard: one slider update, and the sensitivity grid.

An update is what a slider event costs in the kernel: the same observe callback a slider
triggers (model plus in-place update of the chart widget), without a browser. Two
sliders are timed: the fleet (the heatmap's values stay, only its marker moves) and Spud's
share (every chart, the 10,000 heatmap cells included, gets new values); ``update_ms`` is
the slower of the two medians. The grid is the 100 x 100 training-days heatmap (model only,
then written into its figure as the dashboard writes it). Prints one line per measure and,
last, ``update_ms=<median> grid_ms=<median>``.
"""

from __future__ import annotations

import statistics
import time

from analysis.dashboards import compute as dashboard
from analysis.models import compute

UPDATES = 200
GRIDS = 200


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_update(board: dashboard.ComputeDashboard, slider, callback) -> list[float]:
    """Time a slider's callback, alternating between two values so each call does work."""
    values = (slider.value, slider.value + slider.step)
    samples = []
    for i in range(UPDATES):
        change = {"name": "value", "old": values[i % 2 - 1], "new": values[i % 2], "owner": slider}
        start = time.perf_counter()
        callback(change)
        samples.append(time.perf_counter() - start)
    return samples


def bench_grid(board: dashboard.ComputeDashboard) -> tuple[list[float], list[float]]:
    """Time the 100 x 100 grid alone, and the grid written into the heatmap figure."""
    mfu, fleet = dashboard.grid_axes()
    model, with_figure = [], []
    for _ in range(GRIDS):
        start = time.perf_counter()
        grid = compute.sensitivity_grid(board.params, mfu, fleet)
        middle = time.perf_counter()
        dashboard.write_grid(board.chart, grid)
        end = time.perf_counter()
        model.append(middle - start)
        with_figure.append(end - start)
    return model, with_figure


def main() -> None:
    board = dashboard.compute_dashboard()
    assert dashboard.GRID_SIZE == 100
    fleet = bench_update(board, board.controls["scalars"]["fleet_gpus"],
                         lambda change: board.on_scalar("fleet_gpus", change))
    share = bench_update(board, board.controls["shares"][compute.TRAINING],
                         lambda change: board.on_share(compute.TRAINING, change))
    grid_model, grid_figure = bench_grid(board)
    update = max(median_ms(fleet), median_ms(share))
    print(f"fleet slider update (model + the chart), median of {UPDATES}: {median_ms(fleet):.2f} ms")
    print(f"share slider update (model + the chart), median of {UPDATES}: {median_ms(share):.2f} ms")
    print(f"100 x 100 grid, model only, median of {GRIDS}: {median_ms(grid_model):.3f} ms")
    print(f"100 x 100 grid into the heatmap, median of {GRIDS}: {median_ms(grid_figure):.2f} ms")
    print(f"update_ms={update:.2f} grid_ms={median_ms(grid_figure):.2f}")


if __name__ == "__main__":
    main()
