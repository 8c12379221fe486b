"""deploy/fieldapp-backup, as the nightly timer runs it: a dated backup, then
retention (the last BACKUP_KEEP_DAILY nights, Sundays of BACKUP_KEEP_WEEKLY weeks)."""

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_nightly_backup_keeps_dailies_and_sundays(app, tmp_path):
    """A nightly run (on the emptied test database: no photo of another test
    is left half-known) writes tonight's backup and prunes to the retention."""
    backups = tmp_path / "backups"
    today = date.today()
    for age in range(1, 120):
        (backups / (today - timedelta(days=age)).isoformat()).mkdir(parents=True)
    env_file = tmp_path / "fieldapp.env"
    env_file.write_text(
        "\n".join(
            [
                f"DATABASE_URL={app.config['DATABASE_URL']}",
                f"UPLOAD_DIR={app.config['UPLOAD_DIR']}",
                f"JOB_DIR={app.config['JOB_DIR']}",
                "SECRET_KEY=" + "s" * 40,
                f"BACKUP_DIR={backups}",
                "BACKUP_KEEP_DAILY=14",
                "BACKUP_KEEP_WEEKLY=12",
            ]
        )
    )
    result = subprocess.run(
        [str(ROOT / "deploy" / "fieldapp-backup")],
        env={"APP_DIR": str(ROOT), "ENV_FILE": str(env_file), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    tonight = backups / today.isoformat()
    assert json.loads((tonight / "manifest.json").read_text())["format"] == 1
    kept = {date.fromisoformat(p.name) for p in backups.iterdir()}
    expected = {
        day
        for day in (today - timedelta(days=age) for age in range(0, 120))
        if (today - day).days < 14
        or (day.isoweekday() == 7 and (today - day).days < 84)
    }
    assert kept == expected
    assert not list(backups.glob("*.partial"))
