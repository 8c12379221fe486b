"""Photos in S3-compatible object storage (MinIO, Ceph, a cloud's S3), by boto3.

    PHOTO_STORE=s3://fieldapp-photos/wanning
    S3_ENDPOINT_URL=https://minio.county.example:9000
    S3_ACCESS_KEY_ID=...  S3_SECRET_ACCESS_KEY=...  S3_REGION=us-east-1

One PUT stores a whole object or nothing, so no reader ever sees half a photo.
"""

from collections.abc import Iterator
from urllib.parse import urlsplit

from fieldapp.services.storage import KEY, PhotoMissing, StorageFull, check_key

MISSING_CODES = ("404", "NoSuchKey", "NotFound")
FULL_CODES = ("QuotaExceeded", "XMinioStorageFull", "EntityTooLarge")


class S3Storage:
    """Photo files as objects under `prefix/` in one bucket."""

    kind = "s3"

    def __init__(self, client, bucket: str, prefix: str = ""):
        self.client = client
        self.bucket = bucket
        self.prefix = prefix.strip("/")

    @classmethod
    def from_config(cls, target: str, config) -> "S3Storage":
        """The store `s3://bucket/prefix` names, with the S3_* settings."""
        import boto3
        from botocore.config import Config as BotoConfig

        parts = urlsplit(target)
        client = boto3.client(
            "s3",
            endpoint_url=config.get("S3_ENDPOINT_URL") or None,
            aws_access_key_id=config.get("S3_ACCESS_KEY_ID") or None,
            aws_secret_access_key=config.get("S3_SECRET_ACCESS_KEY") or None,
            region_name=config.get("S3_REGION") or "us-east-1",
            config=BotoConfig(
                connect_timeout=3,
                read_timeout=30,
                retries={"max_attempts": 3, "mode": "standard"},
                s3={"addressing_style": "path"},
            ),
        )
        return cls(client, parts.netloc, parts.path)

    def describe(self) -> str:
        """Where the photos are, for check-deploy and the logs."""
        endpoint = self.client.meta.endpoint_url
        return f"s3://{self.bucket}/{self.prefix} at {endpoint}"

    def name(self, key: str) -> str:
        """The object name of a key."""
        check_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    def exists(self, key: str) -> bool:
        """Whether an object is stored under the key."""
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self.name(key))
            return True
        except ClientError as exc:
            if error_code(exc) in MISSING_CODES:
                return False
            raise

    def read(self, key: str) -> bytes:
        """The object's bytes; PhotoMissing when there is none."""
        from botocore.exceptions import ClientError

        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self.name(key))
        except ClientError as exc:
            if error_code(exc) in MISSING_CODES:
                raise PhotoMissing(key) from exc
            raise
        with answer["Body"] as body:
            return body.read()

    def write(self, key: str, data: bytes) -> None:
        """One PUT: the object exists whole or not at all."""
        from botocore.exceptions import ClientError

        try:
            self.client.put_object(Bucket=self.bucket, Key=self.name(key), Body=data)
        except ClientError as exc:
            if error_code(exc) in FULL_CODES:
                raise StorageFull(28, "photo store is full") from exc
            raise

    def delete(self, key: str) -> None:
        """Remove the object under the key, if any."""
        self.client.delete_object(Bucket=self.bucket, Key=self.name(key))

    def list_keys(self) -> Iterator[str]:
        """Every stored key, sorted."""
        start = f"{self.prefix}/" if self.prefix else ""
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=start
        )
        found = (
            item["Key"][len(start) :]
            for page in pages
            for item in page.get("Contents", [])
        )
        return iter(sorted(k for k in found if KEY.fullmatch(k)))

    def writable(self) -> bool:
        """Whether an object can be put and removed in the bucket."""
        probe = f"{self.prefix}/.probe" if self.prefix else ".probe"
        try:
            self.client.put_object(Bucket=self.bucket, Key=probe, Body=b"")
            self.client.delete_object(Bucket=self.bucket, Key=probe)
            return True
        except Exception:
            return False

    def health(self, min_free_mb: float = 0) -> str:
        """ "ok" when the bucket answers (object stores report no free space)."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
            return "ok"
        except Exception:
            return "unreachable"

    def clear(self) -> None:
        """Remove every stored photo (a forced restore)."""
        for key in list(self.list_keys()):
            self.delete(key)


def error_code(exc) -> str:
    """The S3 error code of a botocore ClientError."""
    return str(exc.response.get("Error", {}).get("Code", ""))
