"""Backup and the restore drill: back up, wipe, restore, and find everything again
(every household, record, version, review and photo file, by checksum)."""

import hashlib
import io
import json

import pytest
from PIL import Image
from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.models import Base, Photo, Record, RecordVersion
from fieldapp.services.backup import to_json
from fieldapp.services.photo_store import photo_key
from tests.factories import WRITER, count, new_uuid, record_payload


@pytest.fixture(autouse=True)
def towns_back(app):
    """Tests here may wipe the towns too; the next test finds them again."""
    yield
    from fieldapp.services.reference import sync_towns

    db.session.rollback()
    sync_towns()
    db.session.commit()


def jpeg(seed: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (seed * 40 % 255, 90, 30)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def surveyed(api, make_user, make_household, photo_store):
    """Two households, three records (one corrected: two versions), four photos."""
    worker = make_user("inspector")
    client = api(worker)
    records = []
    for _ in range(2):
        household = make_household()
        body = record_payload("housing_inspection", household)
        assert client.post("/api/v1/records", json=body).status_code == 201
        records.append(body)
    body = record_payload("respite_assessment", household, person=None)
    rehab = api(make_user(WRITER["respite_assessment"]))
    assert rehab.post("/api/v1/records", json=body).status_code == 201
    body["data"]["barthel"]["stairs"] = 10
    answer = rehab.put(f"/api/v1/records/{body['uuid']}", json={**body, "version": 1})
    assert answer.status_code == 200, answer.get_json()
    uploads = [(client, records[0]), (client, records[1]), (rehab, body), (rehab, body)]
    for index, (sender, record) in enumerate(uploads):
        form = {"file": (io.BytesIO(jpeg(index)), "p.jpg"), "uuid": new_uuid()}
        url = f"/api/v1/records/{record['uuid']}/photos"
        answer = sender.post(url, data=form, content_type="multipart/form-data")
        assert answer.status_code == 201
    return photo_store


def everything(storage) -> dict:
    """Every row of every table, and every photo file's checksum."""
    rows = {}
    for table in Base.metadata.sorted_tables:
        found = db.session.execute(select(table)).mappings()
        rows[table.name] = sorted(
            json.dumps({k: to_json(v) for k, v in row.items()}, sort_keys=True)
            for row in found
        )
    photos = {
        key: hashlib.sha256(storage.read(key)).hexdigest()
        for key in storage.list_keys()
    }
    db.session.rollback()
    return {"rows": rows, "photos": photos}


def wipe(storage) -> None:
    """A new machine: no rows at all (not even the towns), no photo files."""
    for table in reversed(Base.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    storage.clear()


def run(app, *args):
    """A CLI command of the app; the result."""
    return app.test_cli_runner().invoke(args=list(args))


def test_backup_wipe_restore_gives_back_everything(app, surveyed, tmp_path):
    before = everything(surveyed)
    assert count(Record) == 3
    assert count(RecordVersion) == 4
    originals = [key for key in before["photos"] if key.startswith("original/")]
    assert len(originals) == 4  # and what copies were made by now
    result = run(app, "backup", str(tmp_path / "b"))
    assert result.exit_code == 0, result.output
    assert f"{len(before['photos'])} photo files" in result.output
    wipe(surveyed)
    assert everything(surveyed)["photos"] == {}
    result = run(app, "restore", str(tmp_path / "b"))
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert everything(surveyed) == before
    # The database goes on after the restored rows (PostgreSQL sequences).
    photo = db.session.scalars(select(Photo)).first()
    assert photo.record.household is not None


def test_restore_refuses_a_database_that_holds_data(app, surveyed, tmp_path):
    assert run(app, "backup", str(tmp_path / "b")).exit_code == 0
    result = run(app, "restore", str(tmp_path / "b"))
    assert result.exit_code != 0
    assert "not empty" in result.output
    assert "table household" in result.output


def test_forced_restore_replaces_what_is_there(app, surveyed, make_household, tmp_path):
    before = everything(surveyed)
    assert run(app, "backup", str(tmp_path / "b")).exit_code == 0
    make_household()  # written after the backup: gone after the restore
    surveyed.write("original/00/" + "0" * 64 + ".jpg", b"stray")
    result = run(app, "restore", "--force", str(tmp_path / "b"))
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert everything(surveyed) == before


def test_a_damaged_backup_changes_nothing(app, surveyed, tmp_path):
    assert run(app, "backup", str(tmp_path / "b")).exit_code == 0
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    damaged = tmp_path / "b" / "photos" / next(iter(manifest["photos"]))
    damaged.write_bytes(b"bit rot")
    wipe(surveyed)
    result = run(app, "restore", str(tmp_path / "b"))
    assert result.exit_code != 0
    assert "damaged or missing" in result.output
    assert count(Record) == 0


def test_backup_refuses_a_folder_that_holds_files(app, surveyed, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "old.txt").write_text("x")
    result = run(app, "backup", str(tmp_path / "b"))
    assert result.exit_code != 0
    assert "not empty" in result.output


def test_a_photo_whose_original_is_gone_fails_the_backup(app, surveyed, tmp_path):
    photo = db.session.scalars(select(Photo)).first()
    surveyed.delete(photo_key(photo, "original"))
    result = run(app, "backup", str(tmp_path / "b"))
    assert result.exit_code != 0
    assert "1 photo files are missing" in result.output
