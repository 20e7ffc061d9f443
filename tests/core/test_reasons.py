"""Every reason code has one plain-English line, and errors speak through it."""

from __future__ import annotations

import pytest

from eventlens.core.errors import EventLensError, ManyFacesError, ShareLinkGoneError
from eventlens.core.reasons import ENGLISH, Code, Reason, english
from eventlens.core.refusals import FileTooLargeError, NotAllowedError


def test_every_code_has_an_english_line() -> None:
    assert set(ENGLISH) == set(Code)


@pytest.mark.parametrize(
    ("error", "reason", "line"),
    [
        (ManyFacesError(3), Reason(Code.MANY_FACES, {"count": 3}), "shows 3 faces"),
        (ShareLinkGoneError("revoked"), Reason(Code.SHARE_LINK_REVOKED), "revoked"),
        (NotAllowedError("owner"), Reason(Code.NOT_OWNER), "owner"),
        (
            FileTooLargeError(25 * 1024 * 1024 + 1, 20 * 1024 * 1024),
            Reason(Code.FILE_TOO_LARGE, {"size": 26, "limit": 20}),
            "26 MB",
        ),
    ],
)
def test_an_error_carries_its_reason_and_says_it_in_english(
    error: EventLensError, reason: Reason, line: str
) -> None:
    assert error.why == reason
    assert str(error) == english(reason) and line in str(error)
