"""Batch: one document in isolation (`process`), run in a worker (`work`), many of them
incrementally and journaled (`runner`, `executors`); `api.run` is the entry point for Python users."""
