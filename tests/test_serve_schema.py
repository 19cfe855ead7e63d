"""Schemathesis against the service's OpenAPI document: no request makes it answer 5xx.

Bounded: a few generated requests per operation, as an analyst (so writes are
exercised too), against a real ``tollwatch serve`` process. (Schemathesis' own
pytest integration is not used: each operation runs as a plain Hypothesis test.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

if TYPE_CHECKING:
    from serve_fixtures import Server

pytest_plugins = ["serve_fixtures"]

EXAMPLES = 6


def test_no_server_errors(server: Server) -> None:
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    headers = {"Authorization": f"Bearer {server.tokens['analyst']}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def run(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error], timeout=60)

        run()
