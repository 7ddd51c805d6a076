"""Storage: the SQLite database the ledger lives in (connection, migrations, codec, the writer of
analyzed articles and the entity store). Registered under the `stores` kind."""
