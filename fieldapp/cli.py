"""Command line: create-user, seed-demo, load-towns, cleanup-jobs, import-households."""

import sys

import click
from flask import Flask

from fieldapp.extensions import db
from fieldapp.models import ROLES


def init_cli(app: Flask) -> None:
    """Register the commands on the app."""
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(load_towns_command)
    app.cli.add_command(cleanup_jobs_command)
    app.cli.add_command(import_households_command)
    from fieldapp.ops.cli import init_ops_cli

    init_ops_cli(app)


@click.command("create-user")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--town", "towns", multiple=True, help="Town code; repeat for several.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--display-name", default="", help="Name shown in the app.")
def create_user_command(name, role, towns, password, display_name):
    """Create a user with a role and towns."""
    from fieldapp.services.accounts import AccountError, create_user
    from fieldapp.services.reference import sync_towns

    sync_towns()
    try:
        user = create_user(name, password, role, list(towns), display_name)
    except AccountError as exc:
        raise click.ClickException(f"cannot create user: {exc.code}") from exc
    click.echo(
        f"created {user.username} ({user.role}) towns={user.town_codes or 'all'}"
    )


@click.command("load-towns")
def load_towns_command():
    """Load or refresh the towns from fieldapp/data."""
    from fieldapp.services.reference import sync_towns

    click.echo(f"towns updated: {sync_towns()}")


@click.command("seed-demo")
def seed_demo_command():
    """Fill an empty database with demo households and one user per role."""
    from flask import current_app

    from fieldapp.services.demo import DEMO_PASSWORD, seed_demo

    with current_app.test_request_context():
        report = seed_demo()
    db.session.commit()
    click.echo(
        f"demo data: {report['households']} households, "
        f"{report['records']} records, {report['users']} users added"
    )
    for username, role, towns in report["logins"]:
        click.echo(
            f"  {username:<12} {role:<13} password {DEMO_PASSWORD}  towns {towns}"
        )


@click.command("cleanup-jobs")
def cleanup_jobs_command():
    """Fail jobs whose worker died; remove jobs older than JOB_KEEP_DAYS."""
    from fieldapp.services import job_upkeep

    lost = job_upkeep.expire_lapsed()
    removed = job_upkeep.cleanup()
    click.echo(
        f"jobs: {lost} lost their worker, {removed['jobs']} old removed, "
        f"{removed['folders']} stray folders removed"
    )


@click.command("import-households")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check only; write nothing.")
@click.option("--user", "username", required=True, help="Who imports (scope, audit).")
def import_households_command(file, dry_run, username):
    """Import (or check) a county household list; exit 1 when it has problems."""
    from fieldapp.importing.cli import import_file

    sys.exit(import_file(file, dry_run, username))
