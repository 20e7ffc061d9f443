"""Every setting EventLens reads, from `EVENTLENS_*` variables or a `.env` file.

One model, built once at an entry point and passed into constructors; nothing in
`core/` or `storage/` reads the environment itself.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path
from typing import Annotated
from urllib.parse import urlparse

from platformdirs import user_data_path
from pydantic import AliasChoices, Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Telegram's rule for secret_token; 16 is our floor so it cannot be guessed.
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{16,256}")
MIN_SHARE_SECRET = 32


def _default_home() -> Path:
    return user_data_path("eventlens", appauthor=False)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="EVENTLENS_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    home: Path = Field(default_factory=_default_home)
    bot_token: SecretStr | None = None
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    telegram_api_url: str | None = None
    # The server at `telegram_api_url` runs `telegram-bot-api --local`: files are read
    # from the paths it returns and the 20 MB download limit becomes 2 GB.
    telegram_api_local: bool = False
    # Set to the public HTTPS URL Telegram should call to switch from long polling
    # to a webhook; the bot listens on webhook_host:webhook_port at the URL's path,
    # on loopback unless told otherwise (a TLS proxy forwards to it). A webhook needs
    # a secret: without one, anyone who reaches the port can forge updates.
    webhook_url: str | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret: SecretStr | None = Field(default=None, validate_default=True)
    model_pack: str = "buffalo_s"
    # Where user-supplied packs live (buffalo_l, antelopev2, ...).
    insightface_root: Path = Path("~/.insightface").expanduser()
    providers: Annotated[tuple[str, ...], NoDecode] = ()
    # ONNX Runtime intra-op threads; 0 means one per physical core.
    onnx_threads: int = Field(default=0, ge=0)
    # Guest selfies analysed at once, each on one intra-op thread; 0 means one per core.
    guest_workers: int = Field(default=0, ge=0)
    # Assess each photo for culling while indexing (sharpness, exposure, eyes, bursts);
    # off, albums keep their plain order and /cull finds nothing.
    culling: bool = True
    # A Chroma server, or several separated by commas: each event's collection lives on
    # one of them, chosen by a stable hash of the event id (storage/vector_placement.py).
    # Unset: the embedded store under `home`, which only one process may open.
    chroma_url: str | None = None
    # Originals on a path every process shares (a network volume), instead of `home`.
    originals_dir: Path | None = Field(
        default=None, validation_alias=AliasChoices("originals_dir", "EVENTLENS_BLOBS_DIR")
    )
    # Telegram conversation state (aiogram's FSM) in Redis, shared by bot replicas
    # behind one webhook; in this process's memory when unset.
    redis_url: SecretStr | None = None
    # Metadata and the job queue in PostgreSQL (postgresql://user@host/db), shared by
    # several bot and worker processes; unset: the embedded SQLite file under `home`.
    database_url: str | None = None
    public_url: str = "http://localhost:8080"
    # The share-link gallery listens here (port 0: any free port, for tests).
    web_host: str = "0.0.0.0"
    web_port: int = Field(default=8080, ge=0, le=65535)
    # Signs share links; generated once under `home` when not set (at least 32 characters).
    share_secret: SecretStr | None = None
    share_link_days: int = Field(default=30, ge=1)
    # Selfie searches one guest may run in one event per hour.
    searches_per_hour: int = Field(default=20, ge=1)
    # Selfie searches one Telegram user may run per UTC day, all events together.
    searches_per_day: int = Field(default=60, ge=1)
    # Photos one Telegram user may send as a guest per minute, joined or not, and the
    # largest photo (in pixels, from its header) a guest's photo may be.
    guest_photos_per_minute: int = Field(default=10, ge=1)
    guest_max_pixels: int = Field(default=50_000_000, ge=1_000_000)
    # The Mini App trusts Telegram's signed initData for this long after it was issued.
    mini_app_max_age_seconds: int = Field(default=3600, ge=60)
    # Live updates go to a follower at most once per this many seconds.
    push_interval_seconds: int = Field(default=300, ge=0)
    # The FTP server for cameras: off unless a port is set (`eventlens run` then starts
    # it; `eventlens ftp` runs it alone). Cameras are told `ftp_public_host` (default:
    # the host of public_url); passive data connections use ftp_passive_ports.
    ftp_port: int | None = Field(default=None, ge=0, le=65535)
    ftp_host: str = "0.0.0.0"
    ftp_public_host: str | None = None
    ftp_passive_ports: Annotated[tuple[int, int], NoDecode] = (60000, 60099)
    # FTPS (explicit TLS, AUTH TLS) when a certificate is set; the key may sit in the same file.
    ftp_tls_cert: Path | None = None
    ftp_tls_key: Path | None = None
    # What one event's cameras may push in all, refused and duplicate files included.
    ftp_max_bytes_per_event: int = Field(default=50 * 1024**3, ge=1)
    ftp_max_files_per_event: int = Field(default=20_000, ge=1)
    # Messages per second into one chat (a media group counts once per photo): Telegram's
    # limit is about one; tests against a stand-in raise it.
    guest_messages_per_second: float = Field(default=1.0, gt=0)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_needs_a_secret(cls, value: SecretStr | None, info: ValidationInfo) -> object:
        if info.data.get("webhook_url") and (
            value is None or not WEBHOOK_SECRET.fullmatch(value.get_secret_value())
        ):
            raise ValueError(
                "a webhook needs EVENTLENS_WEBHOOK_SECRET: 16-256 letters, digits, _ or -"
            )
        return value

    @field_validator("share_secret")
    @classmethod
    def _long_share_secret(cls, value: SecretStr | None) -> object:
        if value is not None and len(value.get_secret_value()) < MIN_SHARE_SECRET:
            raise ValueError(f"use at least {MIN_SHARE_SECRET} random characters")
        return value

    @field_validator("ftp_passive_ports", mode="before")
    @classmethod
    def _port_range(cls, value: object) -> object:
        if isinstance(value, str):
            low, _, high = value.partition("-")
            return int(low), int(high or low)
        return value

    @field_validator("ftp_passive_ports")
    @classmethod
    def _ordered_ports(cls, value: tuple[int, int]) -> tuple[int, int]:
        if not 1024 <= value[0] <= value[1] <= 65535:
            raise ValueError("give a range such as 60000-60099 (1024-65535)")
        return value

    @field_validator("providers", mode="before")
    @classmethod
    def _split_providers(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @property
    def chroma_urls(self) -> tuple[str, ...]:
        """The Chroma servers in use; empty for the embedded store."""
        return tuple(url.strip() for url in (self.chroma_url or "").split(",") if url.strip())

    @property
    def db_path(self) -> Path:
        return self.home / "eventlens.sqlite3"

    @property
    def blobs_dir(self) -> Path:
        return self.originals_dir or self.home / "blobs"

    @property
    def chroma_dir(self) -> Path:
        return self.home / "chroma"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def share_secret_path(self) -> Path:
        return self.home / "share-link.key"

    @property
    def cache_dir(self) -> Path:
        """Files rebuilt from the source tree at start-up (compiled translations)."""
        return self.home / "cache"

    @property
    def previews_dir(self) -> Path:
        """Watermarked previews, rendered once per photo and watermark version."""
        return self.home / "previews"

    @property
    def incoming_dir(self) -> Path:
        """Downloads in progress; same filesystem as the blobs so they move in by rename.

        On a shared originals path each host keeps its own folder: a bot clears its
        folder when it starts, which must not touch another replica's downloads.
        """
        if self.originals_dir is not None:
            return self.originals_dir / "incoming" / socket.gethostname()
        return self.home / "incoming"

    @property
    def camera_dir(self) -> Path:
        """FTP upload areas (one per event) and files handed over to the intake."""
        return self.home / "camera"

    @property
    def ftp_advertised_host(self) -> str:
        return self.ftp_public_host or urlparse(self.public_url).hostname or "localhost"

    @property
    def download_limit_bytes(self) -> int:
        """The Bot API serves bots files up to 20 MB; a local server, up to 2 GB."""
        return (2000 if self.telegram_api_local else 20) * 1024 * 1024
