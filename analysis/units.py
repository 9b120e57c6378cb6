"""Unit constants the checks, charts and dashboards share (written once)."""

from __future__ import annotations

PERCENT = 100  # a fraction shown as a percentage
THOUSAND = 1e3
MILLION = 1e6
BILLION = 1e9
