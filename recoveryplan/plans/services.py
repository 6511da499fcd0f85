"""The crisis services every new plan starts with, and their words in each language.

The UK's emergency number, NHS 111 and Samaritans are in each new plan
(``model.Plan.new``), worded in the plan's language; once there they are the
person's to change. The crisis screen shows a built-in service whose words
the person never changed in the app's language of the moment
(``shown_words``). Works on plain strings: the ``CrisisService`` records
are built by ``model`` (``default_crisis_services``,
``shown_crisis_service``), which imports this module. No Qt, no SQL.
"""

from __future__ import annotations

from ..i18n import N_, translator

#: The UK crisis services every new plan starts with: (name, phone, note).
DEFAULT_CRISIS_SERVICES: tuple[tuple[str, str, str], ...] = (
    # Translators: a crisis service in a new plan, reached by calling 999.
    (N_("Emergency services"), "999",
     # Translators: when to call 999, a note in the person's own plan.
     N_("If my life or someone else's is in danger right now")),
    # Translators: the NHS's urgent helpline. Keep the name, unless the NHS uses another in your language (in Welsh: GIG 111 Cymru); where people may not know it, add what it is in brackets, as in Polish: NHS 111 (pilna pomoc medyczna).
    (N_("NHS 111"), "111",
     # Translators: when to call NHS 111, a note in the person's own plan.
     N_("Urgent help for my mental health, any time (option 2)")),
    # Translators: the name of a charity. Keep the name, unless the charity uses another in your language (in Welsh: Samariaid); where people may not know it, add what it is in brackets, as in Polish: Samaritans (telefon zaufania).
    (N_("Samaritans"), "116 123",
     # Translators: when to call Samaritans, a note in the person's own plan.
     N_("Someone to talk to, day or night, free")),
)


def default_service_words(language: str | None = None) -> list[tuple[str, str, str]]:
    """(name, phone, notes) of each default, worded in ``language`` (the
    app's language if None). Numbers stay as they are."""
    tr = translator(language)
    return [(tr._(name), phone, tr._(notes)) for name, phone, notes in DEFAULT_CRISIS_SERVICES]


def _built_in_wordings() -> dict[str, list[tuple[str, str, str, str]]]:
    """phone -> (name, notes, name source, notes source) in every shipped language."""
    from ..i18n import LANGUAGES, CatalogueMissing

    out: dict[str, list[tuple[str, str, str, str]]] = {}
    for language in ("en", *LANGUAGES):
        try:
            tr = translator(language)
        except CatalogueMissing:
            continue
        for name, phone, notes in DEFAULT_CRISIS_SERVICES:
            out.setdefault(phone, []).append((tr._(name), tr._(notes), name, notes))
    return out


def shown_words(name: str, phone: str, notes: str, language: str | None = None) -> tuple[str, str]:
    """The name and notes of a service as the crisis screen shows them: a
    built-in service's name (or note) the person never changed is worded in
    ``language`` (the app's language if None), whatever language the plan
    was made in. Words the person wrote are kept as they are."""
    wordings = _built_in_wordings().get(phone.strip(), [])
    tr = None
    for built_name, built_notes, name_source, notes_source in wordings:
        if name == built_name or notes == built_notes:
            tr = tr or translator(language)
            if name == built_name:
                name = tr._(name_source)
            if notes == built_notes:
                notes = tr._(notes_source)
            break
    return name, notes


__all__ = ["DEFAULT_CRISIS_SERVICES", "default_service_words", "shown_words"]
