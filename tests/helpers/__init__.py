"""Helpers shared by the store and domain tests: file fingerprints and worker processes."""
