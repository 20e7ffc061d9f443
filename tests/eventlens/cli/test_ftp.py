"""`eventlens ftp` and the FTP settings say what is wrong in one line instead of starting."""

from __future__ import annotations

import pytest

from tests.eventlens.cli.conftest import Run


def test_ftp_without_a_port_says_which_setting(eventlens: Run) -> None:
    result = eventlens("ftp", check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "eventlens: Set EVENTLENS_FTP_PORT (e.g. 2121) to choose the FTP port."
    )


def test_a_reversed_passive_range_is_refused(
    eventlens: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTLENS_FTP_PASSIVE_PORTS", "60099-60000")
    result = eventlens("ftp", check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("eventlens: bad setting ftp_passive_ports:")
