"""Scorers over gold sets (`reportedly eval ...`), each registered under the `scorers` kind, and the
ECB+ research code they use (ecbplus/)."""
