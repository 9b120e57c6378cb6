"""Things with a start and an end in a text, found by position.

The extractors look up, per sentence or per mention, the mentions, dates or claims near a
position. Scanning every item for every look-up costs the square of what one long line or
one long article holds; :class:`Spans` answers each look-up with a binary search when the
items' starts and ends are both in order (as the matches of one pattern, or the rows of a
frame sorted by offset, are), and with a scan, giving the same answer, when they are not.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

__all__ = ["Spans"]

T = TypeVar("T")


def _first(item) -> int:
    return item[0]


def _second(item) -> int:
    return item[1]


class Spans(Generic[T]):
    """``items`` with ``start(item)`` and ``end(item)`` offsets; each look-up gives what a scan
    of the items in their order gives."""

    def __init__(self, items: Sequence[T], start: Callable[[T], int] = _first,
                 end: Callable[[T], int] = _second):
        self.items = list(items)
        self.starts = [start(x) for x in self.items]
        self.ends = [end(x) for x in self.items]
        self.ordered = (all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))
                        and all(a <= b for a, b in zip(self.ends, self.ends[1:], strict=False)))

    def _pairs(self):
        return zip(self.starts, self.ends, self.items, strict=True)

    def within(self, lo: int, hi: int) -> list[T]:
        """The items that start at ``lo`` or after and before ``hi``, in their order."""
        if not self.ordered:
            return [x for s, _, x in self._pairs() if lo <= s < hi]
        a = bisect.bisect_left(self.starts, lo)
        return self.items[a:bisect.bisect_left(self.starts, hi, lo=a)]

    def first_from(self, pos: int) -> T | None:
        """The first item that starts at ``pos`` or after."""
        if not self.ordered:
            return next((x for s, _, x in self._pairs() if s >= pos), None)
        i = bisect.bisect_left(self.starts, pos)
        return self.items[i] if i < len(self.items) else None

    def last_before(self, pos: int) -> T | None:
        """The last item that ends at ``pos`` or before."""
        if not self.ordered:
            return next((x for _, e, x in reversed(list(self._pairs())) if e <= pos), None)
        i = bisect.bisect_right(self.ends, pos)
        return self.items[i - 1] if i else None

    def containing(self, pos: int) -> T | None:
        """The first item with ``start <= pos < end``."""
        if not self.ordered:
            return next((x for s, e, x in self._pairs() if s <= pos < e), None)
        k = bisect.bisect_right(self.ends, pos)  # the first item that ends after pos
        return self.items[k] if k < len(self.items) and self.starts[k] <= pos else None

    def overlaps(self, lo: int, hi: int) -> bool:
        """Whether some item has ``lo < end`` and ``start < hi``."""
        if not self.ordered:
            return any(lo < e and s < hi for s, e, _ in self._pairs())
        k = bisect.bisect_right(self.ends, lo)  # the first item that ends after lo
        return k < len(self.items) and self.starts[k] < hi
