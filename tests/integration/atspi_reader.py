"""What a screen reader sees of the app, for ``test_atspi.py``.

Runs with the system's ``/usr/bin/python3`` and its pyatspi (Debian
python3-pyatspi; the project's virtualenv has no pyatspi), on the D-Bus
session and AT-SPI bus the test started. One command a line on stdin, one
JSON line back:

    tree            every showing element of the app: role, name, states, place
    focus N         wait (up to 10 s) until N focus changes have been seen;
                    then the element that has the focus now
    focused         the element whose state says it has the focus now (asked of
                    the app itself, not from the events)
    at X Y W H      the showing elements at that place on screen, as they are now
    match NAME      wait (up to 3 s) until the latest focus change is to an element
                    named NAME (or inside one); then that element
    sync            how many focus changes have been seen, once the app's
                    earlier events have arrived, and the latest one
    quit
"""

import json
import sys

import pyatspi
from gi.repository import Atspi, GLib

APP = sys.argv[1] if len(sys.argv) > 1 else "recoveryplan"
focus_events = []
waiting = []


def describe(node):
    states = node.getState()
    try:
        extents = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        box = [extents.x, extents.y, extents.width, extents.height]
    except Exception:
        box = [0, 0, 0, 0]
    return {
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
        "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
        "focused": states.contains(pyatspi.STATE_FOCUSED),
        "showing": states.contains(pyatspi.STATE_SHOWING),
        "enabled": states.contains(pyatspi.STATE_ENABLED),
        "box": box,
    }


def app_node():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        child = desktop.getChildAtIndex(i)
        if child is not None and (child.name or "").lower().replace(" ", "") == APP:
            # Ask the app each time: libatspi caches names and states from the
            # app's events, which can come after the app has answered us.
            child.set_cache_mask(Atspi.Cache.NONE)
            child.clear_cache()
            return child
    return None


def walk(node, out, path, depth=0):
    try:
        info = describe(node)
    except Exception:
        return
    if depth > 1 and not info["showing"]:
        return
    info["path"] = path
    try:
        info["parent"] = node.parent.getRoleName() if node.parent else ""
    except Exception:
        info["parent"] = ""
    out.append(info)
    for i in range(min(node.childCount, 2000)):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            walk(child, out, path + [i], depth + 1)


def find_focused(node, out, depth=0, parent_name=""):
    """Every showing element whose state says it has the focus, in tree order
    (Qt also marks the current item of a list that has lost the focus)."""
    try:
        states = node.getState()
        name = node.name or ""
    except Exception:
        return out
    if depth > 1 and not states.contains(pyatspi.STATE_VISIBLE):
        return out
    if states.contains(pyatspi.STATE_FOCUSED):
        info = describe(node)
        info["parent_name"] = parent_name
        out.append(info)
    for i in range(min(node.childCount, 2000)):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            find_focused(child, out, depth + 1, name)
    return out


def find_at(node, box, out, depth=0):
    """Showing elements that cover about the place ``box`` (x, y, w, h) on screen
    (a check box's accessible place may be a few pixels smaller than its widget)."""
    try:
        info = describe(node)
    except Exception:
        return out
    if depth > 1 and not node.getState().contains(pyatspi.STATE_VISIBLE):
        return out
    x, y, w, h = info["box"]
    bx, by, bw, bh = box
    overlap = max(0, min(x + w, bx + bw) - max(x, bx)) * max(0, min(y + h, by + bh) - max(y, by))
    if w > 0 and h > 0 and overlap >= 0.6 * min(w * h, bw * bh) and w * h <= 2 * bw * bh:
        out.append(info)
    for i in range(min(node.childCount, 2000)):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            find_at(child, box, out, depth + 1)
    return out


def reply(data):
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def on_focus(event):
    if event.detail1:
        try:
            info = describe(event.source)
            parent = event.source.parent
            info["parent_name"] = (parent.name or "") if parent is not None else ""
            focus_events.append(info)
        except Exception:
            focus_events.append({"role": "", "name": "", "parent_name": "", "gone": True})
        answer_waiting()
        answer_matching()


matching = []


def _matches(name):
    return bool(focus_events) and name in (focus_events[-1]["name"],
                                            focus_events[-1].get("parent_name"))


def answer_matching():
    for name, timer in list(matching):
        if _matches(name):
            matching.remove((name, timer))
            GLib.source_remove(timer)
            reply({"count": len(focus_events), **focus_events[-1]})


def match_timed_out(name):
    for item in list(matching):
        if item[0] == name:
            matching.remove(item)
            reply({"count": len(focus_events), "unmatched": True,
                   **(focus_events[-1] if focus_events else {})})
    return False


def answer_waiting():
    for wanted, timer in list(waiting):
        if len(focus_events) >= wanted:
            waiting.remove((wanted, timer))
            GLib.source_remove(timer)
            reply({"count": len(focus_events), **focus_events[-1]})


def timed_out(wanted):
    for item in list(waiting):
        if item[0] == wanted:
            waiting.remove(item)
            reply({"count": len(focus_events), "timeout": True,
                   **(focus_events[-1] if focus_events else {})})
    return False


def on_stdin(source, _condition):
    line = source.readline()
    if not line:
        pyatspi.Registry.stop()
        return False
    word, _sep, arg = line.strip().partition(" ")
    if word == "tree":
        node = app_node()
        out = []
        if node is not None:
            walk(node, out, [])
        reply({"found": node is not None, "nodes": out})
    elif word == "focus":
        wanted = int(arg)
        timer = GLib.timeout_add(10_000, timed_out, wanted)
        waiting.append((wanted, timer))
        answer_waiting()
    elif word == "focused":
        node = app_node()
        reply({"focused": find_focused(node, []) if node is not None else []})
    elif word == "at":
        node = app_node()
        box = [int(v) for v in arg.split()]
        reply({"found": find_at(node, box, []) if node is not None else []})
    elif word == "match":
        if _matches(arg):
            reply({"count": len(focus_events), **focus_events[-1]})
        else:
            matching.append((arg, GLib.timeout_add(3_000, match_timed_out, arg)))
    elif word == "sync":
        # A call to the app and back: events it sent before answering are
        # delivered first, then counted once the loop is idle again.
        node = app_node()
        if node is not None:
            node.childCount
        GLib.timeout_add(50, lambda: reply({"count": len(focus_events),
                                            **(focus_events[-1] if focus_events else {})})
                         and False)
    elif word == "quit":
        reply({"ok": True})
        pyatspi.Registry.stop()
        return False
    return True


pyatspi.Registry.registerEventListener(on_focus, "object:state-changed:focused")
GLib.io_add_watch(sys.stdin, GLib.IO_IN | GLib.IO_HUP, on_stdin)
reply({"ready": True})
pyatspi.Registry.start()
