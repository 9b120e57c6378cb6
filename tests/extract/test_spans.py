"""Spans answers each look-up as a scan of its items in their order would."""

from __future__ import annotations

import random

from analysis.extract.spans import Spans


def _scan(items):
    return {
        "within": lambda lo, hi: [x for x in items if lo <= x[0] < hi],
        "first_from": lambda pos: next((x for x in items if x[0] >= pos), None),
        "last_before": lambda pos: next((x for x in reversed(items) if x[1] <= pos), None),
        "containing": lambda pos: next((x for x in items if x[0] <= pos < x[1]), None),
        "overlaps": lambda lo, hi: any(lo < x[1] and x[0] < hi for x in items),
    }


def test_every_look_up_equals_a_scan_in_order_or_not():
    rng = random.Random(5)
    seen_ordered = seen_unordered = 0
    for _ in range(3000):
        items = []
        for i in range(rng.randint(0, 12)):
            a = rng.randint(0, 40)
            items.append((a, a + rng.randint(0, 8), i))
        draw = rng.random()
        if draw < 0.6:  # in order and apart, as matches of one pattern are
            items.sort()
            items = [x for k, x in enumerate(items) if k == 0 or x[0] >= items[k - 1][1]]
        elif draw < 0.8:  # by start, overlapping (in order only where the ends are too)
            items.sort()
        spans, scan = Spans(items), _scan(items)
        seen_ordered += spans.ordered
        seen_unordered += not spans.ordered
        for _ in range(10):
            lo, hi = sorted(rng.randint(-2, 50) for _ in range(2))
            assert spans.within(lo, hi) == scan["within"](lo, hi)
            assert spans.overlaps(lo, hi) == scan["overlaps"](lo, hi)
            for name in ("first_from", "last_before", "containing"):
                assert getattr(spans, name)(lo) == scan[name](lo), (name, items, lo)
    assert seen_ordered > 1000 and seen_unordered > 500
