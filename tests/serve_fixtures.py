"""Fixtures for the service tests: a ledger holding the demo corpus, tokens, and a real
uvicorn process on 127.0.0.1 (a free port), started by ``tollwatch serve`` and stopped after.

Load with ``pytest_plugins = ["serve_fixtures"]``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session

from tollwatch.ledger.ingest import ingest
from tollwatch.ledger.reviews import create_token
from tollwatch.ledger.store import open_engine
from tollwatch.read import iter_documents

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "reports.jsonl"
CHROMIUM = os.environ.get("TOLLWATCH_CHROMIUM", "/usr/bin/chromium")


@dataclass(slots=True)
class Server:
    url: str
    db: str
    path: Path
    tokens: dict[str, str]

    def client(self, role: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def demo_ledger(folder: Path) -> tuple[str, dict[str, str]]:
    """A SQLite ledger with the demo corpus ingested, and a token for each role."""
    path = folder / "ledger.db"
    url = f"sqlite:///{path}"
    engine = open_engine(url)
    ingest(engine, iter_documents([str(DEMO)]))
    tokens = {}
    with Session(engine) as session, session.begin():
        for role in ("reader", "analyst", "admin"):
            tokens[role] = create_token(session, role, f"test-{role}")[1]
    engine.dispose()
    return url, tokens


def start_server(url: str, *extra: str) -> tuple[subprocess.Popen[bytes], str, Path]:
    port = free_port()
    exe = shutil.which("tollwatch", path=str(Path(sys.executable).parent)) or "tollwatch"
    log = Path(url.removeprefix("sqlite:///")).with_suffix(f".{port}.log")
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [exe, "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port), *extra],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"tollwatch serve exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                return proc, base, log
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError(f"tollwatch serve did not answer within 60 s: {log.read_text()[-2000:]}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``tollwatch serve`` over a fresh demo ledger, for one test module."""
    folder = tmp_path_factory.mktemp("serve")
    url, tokens = demo_ledger(folder)
    proc, base, _log = start_server(url)
    try:
        yield Server(base, url, folder / "ledger.db", tokens)
    finally:
        stop_server(proc)
