"""The check-in chart's time axis: which days get a tick, and the babel
skeleton their date labels are written with."""

from __future__ import annotations

import datetime as dt


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def time_ticks(start: dt.date, end: dt.date, room: int) -> tuple[list[dt.date], str]:
    """At most ``room`` tick days between ``start`` and ``end`` and the babel
    skeleton to label them with: days, weeks, months, quarters or years."""
    days = (end - start).days + 1
    for step in (1, 2, 7, 14):
        if days / step <= room:
            first = start if step < 7 else start + dt.timedelta(days=(7 - start.weekday()) % 7)
            return [first + dt.timedelta(days=i) for i in range(0, (end - first).days + 1, step)], "dMMM"
    months = _months_between(start, end) + 1
    for step, skeleton in ((1, "MMM"), (2, "MMM"), (3, "MMM"), (6, "MMM"), (12, "y"), (24, "y"),
                           (60, "y"), (120, "y")):
        if months / step <= room:
            ticks = []
            month = start.year * 12 + start.month - 1
            month += (-month) % step if step > 1 else 0
            while True:
                day = dt.date(month // 12, month % 12 + 1, 1)
                if day > end:
                    break
                if day >= start:
                    ticks.append(day)
                month += step
            return ticks, skeleton
    return [start], "y"
