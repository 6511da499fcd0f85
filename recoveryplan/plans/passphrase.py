"""How hard a passphrase would be to guess, in plain words.

``zxcvbn`` estimates how many guesses an attacker would need, taking the
owner's name as something a guesser would try first. A passphrase is
accepted when the estimate reaches ``MIN_GUESSES``; below that the person
gets a kind, concrete hint. No Qt here: the command line uses it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


from ..i18n import N_, _, pgettext

#: About ten thousand million guesses: out of reach of an offline attack on
#: a stolen laptop given the slow key derivation in front of every guess.
MIN_GUESSES = 1e10
#: zxcvbn gets slow on very long input; longer passphrases are strong anyway.
_SCORED_LENGTH = 72

_LEVELS = (
    N_("Very easy to guess"),
    N_("Easy to guess"),
    N_("Could be stronger"),
    N_("Strong"),
    N_("Very strong"),
)


@dataclass(frozen=True)
class Strength:
    """The verdict on one passphrase, ready to show."""

    acceptable: bool
    level: int           # 0 (very easy to guess) .. 4 (very strong)
    summary: str         # a few words, translated
    advice: str = ""     # one plain suggestion when it is not yet strong enough


def _advice(passphrase: str, result: dict, user_inputs: list[str]) -> str:
    patterns = {m.get("pattern") for m in result["sequence"]}
    lowered = passphrase.lower()
    if any(len(word) >= 3 and word.lower() in lowered for word in user_inputs):
        return _("Try not to use your name in it. Other people know it.")
    if "repeat" in patterns or "sequence" in patterns:
        return _("Try not to repeat letters or use runs like 123 or abc.")
    if "date" in patterns:
        return _("Dates are easy to guess. Try a few words instead.")
    return _("Try adding another word or two. Words that do not usually go together are best.")


def assess(passphrase: str, user_inputs: Iterable[str] = ()) -> Strength:
    """Score ``passphrase``; ``user_inputs`` are words about the owner
    (the name they like to be called) that a guesser would try first."""
    if not passphrase:
        return Strength(False, 0, pgettext("passphrase strength", "Not chosen yet"),
                        _("A few words that mean something only to you work well."))
    words = [w for text in user_inputs for w in str(text).split() if w]
    from zxcvbn import zxcvbn  # imported when first needed: it is slow to load

    result = zxcvbn(passphrase[:_SCORED_LENGTH], user_inputs=words)
    acceptable = len(passphrase) > _SCORED_LENGTH or float(result["guesses"]) >= MIN_GUESSES
    level = int(result["score"])
    if acceptable:
        level = max(level, 3)
    else:
        level = min(level, 2)
    return Strength(acceptable, level, _(_LEVELS[level]), "" if acceptable else _advice(passphrase, result, words))


__all__ = ["MIN_GUESSES", "Strength", "assess"]
