"""Merging across articles: which entity mentions are one entity (entities.py) and which event
mentions are one real-world event (events.py), as pure functions the ledger's writer calls."""
