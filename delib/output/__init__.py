"""Output: what extraction found → the contract's DataFrames → Parquet, CSV, DuckDB, SCDL, Popolo, JSONL.

Maps extractor results to tables; never parses a document's text.
"""
