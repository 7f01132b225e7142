"""délib: French local-government deliberations and conventions -> normalized tables.

Layers, each a sub-package that only imports the ones before it:
lang -> ingest -> segment -> extract -> output -> batch -> analysis -> cli (see README.md).
"""
__version__ = "0.1.0"


def __getattr__(name: str):
    """`from delib import run` loads the pipeline only when asked: `import delib`
    (and the `delib` command's start-up) stays light."""
    if name == "run":
        from delib.batch.api import run

        return run
    raise AttributeError(f"module 'delib' has no attribute {name!r}")
