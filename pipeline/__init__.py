"""délib: French local-government deliberations and conventions -> normalized tables.

Stages: ingest -> segment -> extract -> tables -> write (see README.md).
"""
__version__ = "0.1.0"
