"""Shared foundations: problems and exit codes, vocabularies, small text helpers, where the
shipped data lives, the content-addressed cache and atomic file writing.

May import: nothing else in ``checker`` (every other package may import this one).
"""
