"""Imported once by the forkserver that starts a local run's workers (`runner.worker_pool`).

The models load here, in the forkserver, and every worker forked from it starts with them
in memory, shared page by page until written: a run pays the models' load (about 9 s) once,
not once per worker, and a worker that replaces a crashed one starts at once.
`warm_up` keeps any failure for the documents to report."""
from delib.batch.work import warm_up

warm_up()
