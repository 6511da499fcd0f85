"""An unexpected error shows one kind message, saves first, and never
shows a traceback (nor, by default, writes one)."""

from recoveryplan.ui.dialogs import ScriptedDialogs
from recoveryplan.ui.errors import QUIET_SECONDS, UnexpectedErrors


def _raise_and_catch():
    try:
        raise ValueError("my secret diary words")
    except ValueError as exc:
        return type(exc), exc, exc.__traceback__


def test_one_kind_message_saved_first_and_no_traceback(capsys, monkeypatch):
    monkeypatch.delenv("RECOVERYPLAN_DEBUG", raising=False)
    dialogs, saved, now = ScriptedDialogs(), [], [100.0]
    hook = UnexpectedErrors(dialogs, lambda: None, lambda: saved.append(1), clock=lambda: now[0])
    hook(*_raise_and_catch())
    hook(*_raise_and_catch())                 # the same fault again at once: no second box
    assert saved == [1, 1]
    assert [s.kind for s in dialogs.shown] == ["warning"]
    assert "did not expect" in dialogs.shown[0].text
    assert "diary" not in dialogs.shown[0].text
    now[0] += QUIET_SECONDS + 1
    hook(*_raise_and_catch())
    assert len(dialogs.shown) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "diary" not in err and "ValueError" in err
