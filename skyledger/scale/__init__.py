"""Archives beyond one machine: corpus JSONL and Parquet archives read in partitions, passed
through a relevance pre-filter and extracted on a Dask cluster (or in this process), the claims
written as a Parquet dataset or the documents and claims into the ledger (docs/archives.md)."""
