"""The ledger: stored reports, merged incidents, reconciled tolls.

``store`` (tables, engines), ``ingest`` (documents in, idempotent and batched),
``merge`` (events into incidents), ``reconcile`` (tolls and their history),
``query`` (what the CLI and the exports read), ``cli`` (the commands).
"""
