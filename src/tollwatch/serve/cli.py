"""``tollwatch serve`` and ``tollwatch token create``."""

from __future__ import annotations

import click

from tollwatch.ledger.cli import DB_OPTION


@click.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--private", is_flag=True, help="Reads need a token too (default: reads are public).")
@click.option(
    "--redact-names", is_flag=True, help="Hide person-name-like phrases from readers and the public."
)
@click.option("--secure-cookies", is_flag=True, help="Mark session cookies Secure (behind HTTPS).")
def serve(
    db: str | None, host: str, port: int, private: bool, redact_names: bool, secure_cookies: bool
) -> None:
    """Serve the ledger: the JSON API (/api, /docs) and the dashboard (/)."""
    import uvicorn

    from tollwatch.serve.app import create_app

    app = create_app(db, private, redact_names=redact_names, secure_cookies=secure_cookies)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)


@click.group()
def token() -> None:
    """API and dashboard tokens (stored hashed)."""


@token.command("create")
@click.option("--role", type=click.Choice(["reader", "analyst", "admin"]), required=True)
@click.option("--name", default=None, help="Who the token is for (shown in the review log).")
@DB_OPTION
def token_create(role: str, name: str | None, db: str | None) -> None:
    """Create a token; it is printed once, as the last word of the last line."""
    from sqlalchemy.orm import Session

    from tollwatch.ledger.reviews import create_token
    from tollwatch.ledger.store import open_engine

    with Session(open_engine(db)) as session, session.begin():
        row, secret = create_token(session, role, name)
        click.echo(f"created {row.role} token #{row.id} for {row.name!r}; keep it, it is not shown again:")
    click.echo(f"token: {secret}")
