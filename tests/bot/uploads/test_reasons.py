"""Every reason core gives for a skipped file reads well in each language."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest
from aiogram.utils.i18n import I18n

from eventlens.bot.uploads.reasons import translate_reason
from eventlens.core.errors import EventLensError
from eventlens.core.media.archive import read_zip
from eventlens.core.media.decode import decode_image, probe
from tests.conftest import jpeg


def _core_reasons() -> list[str]:
    """Messages produced by the real core code, not copied from it."""
    found = []
    good = jpeg(np.zeros((32, 32, 3), dtype=np.uint8))
    for data in (b"not an image", good[: len(good) // 2]):
        try:
            decode_image(data)
        except EventLensError as error:
            found.append(str(error))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../escape.jpg", good)
        archive.writestr("inner.zip", b"PK\x03\x04rest")
    found += [entry.reason or "" for entry in read_zip(io.BytesIO(buffer.getvalue()))]
    try:
        list(read_zip(io.BytesIO(b"PK\x03\x04 broken")))
    except EventLensError as error:
        found.append(str(error))
    try:
        probe(b"GIF89a" + bytes(20))
    except EventLensError as error:
        found.append(str(error))
    found += [
        "already in the event (as party.zip:a.jpg)",
        "The image is 20000x9000 pixels; the limit is 120 MP.",
        "The ZIP archive holds 25000 files; the limit is 20000.",
    ]
    return found


@pytest.mark.parametrize("language", ["en", "ru", "es", "hi"])
def test_core_reasons_are_all_recognised(i18n: I18n, language: str) -> None:
    with i18n.context(), i18n.use_locale(language):
        for reason in _core_reasons():
            translated = translate_reason(reason)
            assert translated != reason, f"{language}: no translation for {reason!r}"
            assert "{" not in translated


def test_variable_parts_are_kept(i18n: I18n) -> None:
    with i18n.context(), i18n.use_locale("es"):
        assert translate_reason("already in the event (as party.zip:a.jpg)") == (
            "ya está en el evento como party.zip:a.jpg"
        )
        assert translate_reason("The image is 20000x9000 pixels; the limit is 120 MP.") == (
            "la imagen mide 20000x9000 píxeles, más del límite de 120 MP"
        )


def test_an_unknown_reason_is_shown_as_it_came(english: I18n) -> None:
    assert translate_reason("a brand new core message") == "a brand new core message"
