"""The flowables the layouts are built of, beyond ReportLab's own: an entry
kept with its attribution, a heading kept with what follows it, a stack of
parts kept together, and a block kept on one page.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

class WithAttribution(Flowable):
    """An entry and its "Added together with ..." line, which always goes
    with the entry's last line: when the entry runs on to the next page,
    the attribution follows it there."""

    def __init__(self, main: Flowable, note: Flowable) -> None:
        super().__init__()
        self.main, self.note = main, note

    def wrap(self, aw, ah):
        w1, h1 = self.main.wrap(aw, ah)
        w2, h2 = self.note.wrap(aw, ah)
        self._gap = self.main.getSpaceAfter()
        self._h1, self._h2 = h1, h2
        self.width, self.height = max(w1, w2), h1 + self._gap + h2
        return self.width, self.height

    def getSpaceBefore(self):  # noqa: N802 - ReportLab's name
        return self.main.getSpaceBefore()

    def getSpaceAfter(self):  # noqa: N802 - ReportLab's name
        return self.note.getSpaceAfter()

    def split(self, aw, ah):
        self.wrap(aw, ah)
        if self.height <= ah:
            return [self]
        room = ah - self._gap - self._h2 if self._h1 <= ah else ah
        parts = self.main.split(aw, room) if room > 0 else []
        if len(parts) < 2:
            return []
        return [parts[0], WithAttribution(parts[1], self.note), *parts[2:]]

    def draw(self):
        self.main.drawOn(self.canv, 0, self._h2 + self._gap)
        self.note.drawOn(self.canv, 0, 0)

    @property
    def outline(self):
        return getattr(self.main, "outline", None)


class Lead(Flowable):
    """A heading and the first thing under it, never parted: when they do
    not fit, the thing under it splits (if it can) so that at least its
    start stays with the heading, or both move on."""

    def __init__(self, head: Flowable, follower: Flowable) -> None:
        super().__init__()
        self.head, self.follower = head, follower

    def wrap(self, aw, ah):
        _w, self._h1 = self.head.wrap(aw, ah)
        _w, self._h2 = self.follower.wrap(aw, ah)
        self._gap = self.head.getSpaceAfter() + self.follower.getSpaceBefore()
        self.width, self.height = aw, self._h1 + self._gap + self._h2
        return self.width, self.height

    def getSpaceBefore(self):  # noqa: N802 - ReportLab's name
        return self.head.getSpaceBefore()

    def getSpaceAfter(self):  # noqa: N802 - ReportLab's name
        return self.follower.getSpaceAfter()

    def split(self, aw, ah):
        self.wrap(aw, ah)
        if self.height <= ah:
            return [self]
        room = ah - self._h1 - self._gap
        parts = self.follower.split(aw, room) if room > 0 else []
        if len(parts) < 2:
            return []
        return [Lead(self.head, parts[0]), *parts[1:]]

    def draw(self):
        self.head.drawOn(self.canv, 0, self._h2 + self._gap)
        self.follower.drawOn(self.canv, 0, 0)

    @property
    def outline(self):
        return getattr(self.head, "outline", None)


def lead(heading: list[Flowable], body: list[Flowable]) -> list[Flowable]:
    """``heading`` (from ``Context.heading``) joined to the start of ``body``."""
    if not body:
        return list(heading)
    return [*heading[:-1], Lead(heading[-1], body[0]), *body[1:]]


class Stack(Flowable):
    """A few short flowables that always stay together (a person's name,
    number and best times); unlike ``KeepTogether`` it can sit in a table
    cell or be joined to what follows."""

    def __init__(self, flowables: list[Flowable]) -> None:
        super().__init__()
        self.flowables = flowables

    def wrap(self, aw, ah):
        self._sizes = [f.wrap(aw, ah) for f in self.flowables]
        total = 0.0
        for i, (f, (_w, h)) in enumerate(zip(self.flowables, self._sizes)):
            total += h + (f.getSpaceBefore() if i else 0) + (
                f.getSpaceAfter() if i < len(self.flowables) - 1 else 0)
        self.width, self.height = aw, total
        return aw, total

    def getSpaceBefore(self):  # noqa: N802 - ReportLab's name
        return self.flowables[0].getSpaceBefore() if self.flowables else 0

    def getSpaceAfter(self):  # noqa: N802 - ReportLab's name
        return self.flowables[-1].getSpaceAfter() if self.flowables else 0

    def split(self, aw, ah):
        return []

    def draw(self):
        y = self.height
        for i, (f, (_w, h)) in enumerate(zip(self.flowables, self._sizes)):
            y -= h + (f.getSpaceBefore() if i else 0)
            f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()


class KeepOnPage(Flowable):
    """Flowables that stay on one page: in a two-column page they may run
    from the first column into the second, but they start on the next page
    when what is left of this one cannot hold them all (and they fit on one)."""

    def __init__(self, flowables: list[Flowable]) -> None:
        super().__init__()
        self.flowables = flowables

    def wrap(self, aw, ah):
        return aw, 0xFFFFFF     # always asked to split, with the room there is

    def split(self, aw, ah):
        from reportlab.platypus import PageBreak

        need = 0.0
        for i, f in enumerate(self.flowables):
            need += f.wrap(aw, 0xFFFFFF)[1] + f.getSpaceAfter() + (f.getSpaceBefore() if i else 0)
        frame = self._doctemplateAttr("frame")
        room = ah
        if frame is not None and frame.id == "col0":
            room += frame._height    # the second column is as tall as the first
        page = (frame._height * 2 if frame is not None and frame.id.startswith("col")
                else frame._height if frame is not None else ah)
        if need <= room or need > page:
            return list(self.flowables)
        return [PageBreak(), *self.flowables]
