from __future__ import annotations

import dataclasses

from aiogram.utils.i18n import I18n

from eventlens.bot.keyboards.events import EventDeletion, EventPick, deletion_confirm, event_picker
from eventlens.storage.events import Event

EVENT = Event("a" * 32, "gala", "Gala", None, 1, "g", "i", False, "buffalo_s", 0.0)


def test_picker_ticks_the_selected_event_and_locks_closed_ones(english: I18n) -> None:
    closed = dataclasses.replace(EVENT, id="b" * 32, name="Old party " + "x" * 60, closed=True)
    markup = event_picker([EVENT, closed], EVENT.id)
    rows = markup.inline_keyboard
    assert [[button.text for button in row] for row in rows] == [
        ["✅ Gala"],
        ["Old party " + "x" * 37 + "… 🔒"],
    ]
    assert EventPick.unpack(rows[1][0].callback_data or "").event_id == "b" * 32
    assert all(len(row[0].callback_data or "") <= 64 for row in rows)


def test_deletion_buttons_carry_the_choice(i18n: I18n) -> None:
    with i18n.context(), i18n.use_locale("ru"):
        row = deletion_confirm(EVENT).inline_keyboard[0]
    assert [button.text for button in row] == ["Удалить навсегда", "Отмена"]
    choices = [EventDeletion.unpack(button.callback_data or "") for button in row]
    assert [(c.event_id, c.confirm) for c in choices] == [(EVENT.id, True), (EVENT.id, False)]
