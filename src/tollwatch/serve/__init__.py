"""The ledger as a web service and a dashboard: ``tollwatch serve``.

``app.create_app`` builds the FastAPI application; ``api`` holds the JSON
endpoints, ``pages`` the HTML pages (each with a JSON twin), ``auth`` tokens,
cookie sessions and CSRF, ``data`` the queries both share, ``text`` the
highlighting and redaction of article text, ``charts`` the SVG charts.
"""
