"""Executors: where the per-document work runs. Each takes (paths, workers, timeout) and
yields one DocOutput per path, in any order, as documents finish.

- local: this machine's cores, a process pool (runner.execute_local);
- dask: a Dask distributed cluster — an existing one (`--scheduler tcp://host:8786`)
  or a LocalCluster started for the run. Workers run the same `process_to_rows` and
  stream results back to the single writer here. They must see the input paths
  (shared storage) and have délib installed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator, Optional

from delib import errors
from delib.batch.work import DocOutput, failed_output, limit_memory, process_to_rows, warm_up

Executor = Callable[[list[Path], int, float], Iterator[DocOutput]]


CLOSE_TIMEOUT_S = 30


class ExecutorUnavailable(Exception):
    """The executor asked for cannot run here (a missing package, an unreachable scheduler)."""


def dask_executor(scheduler: Optional[str] = None, max_memory_mb: Optional[int] = None) -> Executor:
    """Runs documents on Dask. `max_memory_mb` caps each worker of the local cluster it starts,
    as the local executor caps its own (a document that needs more gets an error row); the
    workers of an existing cluster (`scheduler`) are that cluster's, under its own limits."""
    try:
        from dask.distributed import Client, LocalCluster, WorkerPlugin, as_completed
    except ImportError as exc:
        raise ExecutorUnavailable(
            "the dask executor needs Dask: install délib with its extra, pip install -e '.[dask]'") from exc

    class StartWorker(WorkerPlugin):
        """What the local executor's workers do as they start (work.start_worker): cap their
        memory, load the models. A plugin, not a one-off `client.run`: Dask restarts a worker
        that died — a document too big for it — and the new one must be capped too."""

        def __init__(self, max_memory_mb: Optional[int]):
            self.max_memory_mb = max_memory_mb

        def setup(self, worker) -> None:
            if self.max_memory_mb:
                limit_memory(self.max_memory_mb)
            warm_up()

    def run(paths: list[Path], workers: int, timeout: float) -> Iterator[DocOutput]:
        if not paths:
            return
        cluster = None
        try:
            if scheduler:
                client = Client(scheduler, timeout="30s")
            else:
                # One thread per worker process: documents are CPU-bound Python. So a worker that
                # dies was running one document, the one that killed it: that document fails at
                # once (allowed_failures=0) instead of killing three more workers, each restart
                # loading the models again — minutes under load, for the same error row.
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, scheduler_kwargs={"allowed_failures": 0})
                client = Client(cluster)
        except (OSError, TimeoutError) as exc:
            raise ExecutorUnavailable(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
        try:
            client.register_plugin(StartWorker(max_memory_mb if cluster is not None else None))
            futures = {client.submit(process_to_rows, str(p), timeout, pure=False): p for p in paths}
            for future in as_completed(futures):
                try:
                    yield future.result()
                except Exception as exc:  # a worker that died on it, or lost it
                    yield failed_output(futures[future], errors.WORKER_CRASHED.tag(
                        f"the Dask worker processing this file died (out of memory, or a crash inside a PDF "
                        f"library) or failed: {exc}"))
                future.release()
        finally:
            # Bounded: closing while a nanny restarts a dead worker must not hang the batch.
            client.close(timeout=CLOSE_TIMEOUT_S)
            if cluster is not None:
                cluster.close(timeout=CLOSE_TIMEOUT_S)

    return run
