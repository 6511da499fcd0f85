"""One way for a widget to word itself again: ``translations(widget)``
(``ui/widgets/translated.py``). No Qt event handler elsewhere in ``ui/``
rewords on ``QEvent.LanguageChange``; handlers that only lay out again
(row heights, a chart's layout, a date's format) may still hear it."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "recoveryplan" / "ui"
HANDLERS = {"changeEvent", "event", "eventFilter"}
GETTEXT = {"_", "ngettext", "pgettext", "npgettext"}


def _called(node: ast.AST) -> list[str]:
    names = []
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            func = call.func
            names.append(func.attr if isinstance(func, ast.Attribute)
                         else func.id if isinstance(func, ast.Name) else "")
    return names


def _rewording_handlers(source: str) -> list[str]:
    """Event handlers that mention LanguageChange and word something."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef) or node.name not in HANDLERS:
            continue
        hears = any(isinstance(n, ast.Attribute) and n.attr == "LanguageChange"
                    for n in ast.walk(node))
        words = [name for name in _called(node)
                 if name in GETTEXT or "translat" in name.lower()]
        if hears and words:
            found.append(f"{node.name} (line {node.lineno}) calls {words}")
    return found


def test_no_event_handler_words_a_widget_on_a_language_change():
    files = [p for p in UI.rglob("*.py") if p != UI / "widgets" / "translated.py"]
    assert len(files) > 10, "the ui package has no modules"
    bad = {str(p.relative_to(UI)): found for p in files
           if (found := _rewording_handlers(p.read_text(encoding="utf-8")))}
    assert not bad, f"use translations(widget) from ui/widgets/translated.py: {bad}"


def test_the_check_sees_a_handler_that_rewords():
    source = ("class A:\n"
              "    def changeEvent(self, event):\n"
              "        if event.type() == QEvent.Type.LanguageChange:\n"
              "            self.retranslate()\n"
              "        super().changeEvent(event)\n"
              "    def eventFilter(self, watched, event):\n"
              "        if event.type() == QEvent.Type.LanguageChange:\n"
              "            self.label.setText(_('Hello'))\n"
              "        return False\n"
              "class B:\n"
              "    def changeEvent(self, event):\n"
              "        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange):\n"
              "            self.updateGeometry()\n")
    assert _rewording_handlers(source) == ["changeEvent (line 2) calls ['retranslate']",
                                           "eventFilter (line 6) calls ['_']"]
