"""Commands for running it in production: check-deploy, backup, restore,
strip-photo-metadata."""

from pathlib import Path

import click
from flask import current_app

from fieldapp.services.storage import photo_storage


def init_ops_cli(app) -> None:
    """Register the commands on the app."""
    app.cli.add_command(check_deploy_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(strip_photo_metadata_command)


@click.command("check-deploy")
def check_deploy_command():
    """List every unsafe or broken production setting; exit 1 if there is one."""
    from fieldapp.services import deploy_check

    storage = photo_storage()
    problems = deploy_check.problems(current_app.config, storage)
    if problems:
        click.echo(f"check-deploy: {len(problems)} problem(s) for production:")
        for problem in problems:
            click.echo(f"  - {problem.setting}: {problem.message}")
        raise SystemExit(1)
    click.echo("check-deploy: ready for production")
    for line in deploy_check.summary(current_app.config, storage):
        click.echo(f"  {line}")


@click.command("backup")
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
def backup_command(target: Path):
    """Write a consistent backup of the database and every photo into TARGET."""
    from fieldapp.services.backup import BackupError, backup

    try:
        manifest = backup(target, photo_storage())
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    rows = sum(manifest["tables"].values())
    click.echo(
        f"backup written to {target}: {rows} rows in {len(manifest['tables'])} "
        f"tables, {len(manifest['photos'])} photo files, "
        f"migration {', '.join(manifest['revision'])}"
    )


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--force", is_flag=True, help="Empty a database and photo store that hold data."
)
def restore_command(source: Path, force: bool):
    """Restore a backup into an empty database and photo store."""
    from fieldapp.services.restore import BackupError, restore

    try:
        manifest = restore(source, photo_storage(), force=force)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    rows = sum(manifest["tables"].values())
    click.echo(
        f"restored from {source}: {rows} rows, {len(manifest['photos'])} photo files"
    )


@click.command("strip-photo-metadata")
@click.option("--dry-run", is_flag=True, help="Only count the files that hold any.")
def strip_photo_metadata_command(dry_run: bool):
    """Remove EXIF (GPS, camera), comments and XMP from photos stored before
    uploads lost them; files without any are left untouched."""
    from fieldapp.services.photo_cleanup import strip_stored_metadata

    found = strip_stored_metadata(photo_storage(), dry_run=dry_run)
    done = "would be cleaned" if dry_run else "cleaned"
    click.echo(
        f"strip-photo-metadata: {found.checked} photo files read, "
        f"{found.stripped} held metadata and {done}"
    )
