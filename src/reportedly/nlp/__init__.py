"""The spaCy pipeline, built once per process."""
