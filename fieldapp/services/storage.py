"""Where photo files live: a local folder (the default) or S3-compatible object
storage (`PHOTO_STORE=s3://bucket/prefix`, for several app servers).

Image processing (`photo_store.py`) works on keys such as
`display/ab/<sha256>.jpg` and never on paths; a backend only keeps bytes under
keys. Writes are whole or nothing: a local file appears by rename, an object
by one PUT.
"""

import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from flask import current_app

# A key: <variant>/<first two hex>/<sha256>.<ext>; nothing else is ever stored.
KEY = re.compile(r"[a-z]+/[0-9a-f]{2}/[0-9a-f]{64}\.(jpg|png|webp)")
FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)


class StorageFull(OSError):
    """The store has no room for the file; nothing of it was kept."""


class PhotoMissing(FileNotFoundError):
    """No file under this key."""


def check_key(key: str) -> str:
    """The key itself, when it has the one shape keys have; ValueError otherwise."""
    if not KEY.fullmatch(key):
        raise ValueError(f"not a photo key: {key[:80]!r}")
    return key


class LocalStorage:
    """Photo files in a folder, written through a temporary file and a rename."""

    kind = "local"

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def describe(self) -> str:
        """Where the photos are, for check-deploy and the logs."""
        return f"local folder {self.root}"

    def path(self, key: str) -> Path:
        """The file behind a key."""
        return self.root / check_key(key)

    def exists(self, key: str) -> bool:
        """Whether a file is stored under the key."""
        return self.path(key).is_file()

    def read(self, key: str) -> bytes:
        """The file's bytes; PhotoMissing when there is none."""
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError as exc:
            raise PhotoMissing(key) from exc

    def write(self, key: str, data: bytes) -> None:
        """Keep the bytes under the key, whole or not at all (StorageFull when
        the disk is full: the temporary file is removed)."""
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError as exc:
            raise full_or(exc) from exc
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException as exc:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise full_or(exc) from exc
            raise

    def delete(self, key: str) -> None:
        """Remove the file under the key, if any."""
        self.path(key).unlink(missing_ok=True)

    def list_keys(self) -> Iterator[str]:
        """Every stored key, sorted (temporary files are not keys)."""
        if not self.root.is_dir():
            return iter(())
        found = (
            p.relative_to(self.root).as_posix()
            for p in self.root.rglob("*")
            if p.is_file()
        )
        return iter(sorted(k for k in found if KEY.fullmatch(k)))

    def writable(self) -> bool:
        """Whether a file can be created and removed in the folder."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".probe-"):
                return True
        except OSError:
            return False

    def free_mb(self) -> float:
        """Free space on the folder's disk, in MB."""
        return shutil.disk_usage(self.root).free / (1024 * 1024)

    def health(self, min_free_mb: float = 0) -> str:
        """ "ok", "not_writable" or "low_disk" (less free than min_free_mb)."""
        if not self.writable():
            return "not_writable"
        return "low_disk" if self.free_mb() < min_free_mb else "ok"

    def clear(self) -> None:
        """Remove every stored photo (a forced restore)."""
        for key in list(self.list_keys()):
            self.delete(key)


def full_or(exc: OSError) -> OSError:
    """StorageFull for a full disk or quota, the error itself otherwise."""
    if exc.errno in FULL_ERRNOS:
        return StorageFull(exc.errno, "photo store is full")
    return exc


def make_storage(config):
    """The backend PHOTO_STORE names: `s3://bucket[/prefix]`, else UPLOAD_DIR."""
    target = (config.get("PHOTO_STORE") or "").strip()
    if target.startswith("s3://"):
        from fieldapp.services.storage_s3 import S3Storage

        return S3Storage.from_config(target, config)
    if target and target != "local":
        raise RuntimeError(f"PHOTO_STORE must be 'local' or s3://bucket: {target!r}")
    return LocalStorage(config["UPLOAD_DIR"])


def photo_storage(app=None):
    """The app's photo store, made once per app (and again after the settings
    that choose it change, as tests do)."""
    app = app or current_app
    config = app.config
    signature = (config.get("PHOTO_STORE"), config.get("UPLOAD_DIR"))
    cached = app.extensions.get("photo_storage")
    if cached is None or cached[0] != signature:
        cached = (signature, make_storage(config))
        app.extensions["photo_storage"] = cached
    return cached[1]
