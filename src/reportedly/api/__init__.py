"""The web UI and JSON API over the ledger: app.py (FastAPI routes), views.py (view data shared by
the HTML and JSON answers), queries.py, highlight.py and network.py (what the views compute)."""
