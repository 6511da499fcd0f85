"""The main window's parts that are made when first needed, not at launch.

The controllers behind the menus (sharing, plan files, secrets, view
choices), planning together, the read-only banner and the lock screen's card
each import their module and are made the first time they are used, so the
window comes up on its start screen without them (``WarmUp`` imports their
modules soon after). ``MainWindow`` mixes this in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from .. import opened

if TYPE_CHECKING:
    from .help_now import CardKeeper, LockScreenCard
    from .places import ReadOnlyBanner
    from .plan_files import PlanFiles
    from .plan_secrets import PlanSecrets
    from .share import ShareActions
    from .together import TogetherMode
    from .view_choices import ViewChoices


class WindowParts:
    """Needs, on the window: ``actions_``, ``_toolbar``, ``lock_button``,
    ``help_now_button``, ``_column`` (the central column), ``start`` and
    ``plan_path``."""

    def _init_parts(self) -> None:
        self._share: ShareActions | None = None
        self._files: PlanFiles | None = None
        self._secrets: PlanSecrets | None = None
        self._view: ViewChoices | None = None
        self._together: TogetherMode | None = None
        self._read_only_banner: ReadOnlyBanner | None = None
        self._lock_card: LockScreenCard | None = None
        self._card_keeper: CardKeeper | None = None

    @property
    def share(self) -> ShareActions:
        if self._share is None:
            from .share import ShareActions

            self._share = ShareActions(self)
        return self._share

    @property
    def files(self) -> PlanFiles:
        if self._files is None:
            from .plan_files import PlanFiles

            self._files = PlanFiles(self)
        return self._files

    @property
    def secrets(self) -> PlanSecrets:
        if self._secrets is None:
            from .plan_secrets import PlanSecrets

            self._secrets = PlanSecrets(self)
        return self._secrets

    @property
    def view(self) -> ViewChoices:
        if self._view is None:
            from .view_choices import ViewChoices

            self._view = ViewChoices(self)
        return self._view

    @property
    def together(self) -> TogetherMode:
        """Planning together outlives locking: its state lives here, not in the plan."""
        if self._together is None:
            from .together import TogetherMode

            self._together = TogetherMode(self, self.actions_, self._toolbar)
            # Tab follows the toolbar as it is seen: Lock, Plan together, then Need help now.
            QWidget.setTabOrder(self.lock_button, self._together.button)
            QWidget.setTabOrder(self._together.button, self.help_now_button)
        return self._together

    @property
    def read_only_banner(self) -> ReadOnlyBanner:
        if self._read_only_banner is None:
            from .places import ReadOnlyBanner

            self._read_only_banner = ReadOnlyBanner()
            self._read_only_banner.hide()
            self._read_only_banner.copy_requested.connect(lambda: self.files.copy_to_computer())
            self._column.insertWidget(0, self._read_only_banner)
        return self._read_only_banner

    @property
    def lock_card(self) -> LockScreenCard:
        """My people on the unlock screen, only if I chose that (Need help now?)."""
        if self._lock_card is not None:
            return self._lock_card
        return self._make_lock_card(self.start.unlock)

    def _make_lock_card(self, unlock: QWidget) -> LockScreenCard:
        if self._lock_card is None:
            from .help_now.lock_screen import LockScreenCard

            self._lock_card = LockScreenCard(self.plan_path)
            unlock.column.insertWidget(max(unlock.column.count() - 1, 0), self._lock_card)
        return self._lock_card

    def _start_screen_built(self, screen: QWidget) -> None:
        # The card is made with the unlock screen when it has people to show,
        # else when the plan is next locked (it may have been chosen meanwhile).
        if screen is self.start.built("unlock") and opened.lock_card_shown(self.plan_path):
            self._make_lock_card(screen)

    def _keep_card(self, session) -> None:
        """While a plan I may change is open, the lock screen's card follows
        my people (if I chose to show them there)."""
        from .help_now.lock_screen import CardKeeper

        self._card_keeper = CardKeeper(session.open_plan.path, session.ctx, session)

    def _finish_card(self) -> None:
        """At locking or closing: the card as my people are now."""
        keeper, self._card_keeper = self._card_keeper, None
        if keeper is not None:
            keeper.finish()
