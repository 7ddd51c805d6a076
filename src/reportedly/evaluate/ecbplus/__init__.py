"""ECB+ research code: the corpus aligned with our parses, and the general event-mention detector and
cross-document event coreference scored on it (`reportedly eval coref`, scripts/train_event_*.py).

Nothing in the product path (runner, ledger, API) imports this package.
"""
