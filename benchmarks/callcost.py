"""Call cost, data in and out, and threads: timed in worker processes, rounds interleaved.

Every case is calibrated once, then each round times every case once, in a shuffled order, in
its own worker process (see ``worker.py``). The figure is the median over rounds, so a slow moment
of the machine hits every case alike instead of one of them.
"""

from __future__ import annotations

import json
import random
import subprocess
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from common import Plan, Results, median, say, spread
from lab import HERE, Lab

WORKER = HERE / "worker.py"
KINDS = ("c_shared", "c_archive", "c", "capi", "plain_archive", "plain_c_shared", "plain_c_archive")


class Worker:
    """One ``worker.py`` process in the runtime venv, asked one JSON line at a time."""

    def __init__(self, lab: Lab, kind: str, *, pin: bool, script: Path = WORKER) -> None:
        args = [str(lab.runtime.python), str(script), kind, *(["--pin"] if pin else [])]
        # A long-lived process with a line protocol: _process.run only runs commands to completion.
        self.process = subprocess.Popen(  # noqa: TID251
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=lab.worker_env()
        )
        self.kind = kind

    def ask(self, op: str, **fields: Any) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"op": op, **fields}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(
                f"worker {self.kind} exited ({self.process.wait()}) on {op} {fields}"
            )
        reply: dict[str, Any] = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"worker {self.kind}, {op} {fields}: {reply['error']}")
        return reply

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.write('{"op": "quit"}\n')
            self.process.stdin.close()
        self.process.wait(timeout=60)


@contextmanager
def worker_pool(
    lab: Lab, plan: Plan, kinds: Sequence[str] = KINDS, script: Path = WORKER
) -> Iterator[list[Worker]]:
    pool: list[Worker] = []
    try:
        pool.extend(Worker(lab, kind, pin=plan.pin, script=script) for kind in kinds)
        yield pool
    finally:
        for worker in pool:
            worker.close()


def measure(lab: Lab, plan: Plan, results: Results) -> None:
    with worker_pool(lab, plan) as pool:
        results.info.update({f"runtime_{k}": v for k, v in pool[0].ask("versions").items()})
        say(f"call cost and data: {plan.rounds} interleaved rounds")
        timed = catalogue(pool, "cases")
        measure_timed(timed, plan, results)
        say("threads: a CPU-bound call from 1 and 2 Python threads")
        spinners = catalogue(pool, "spinners")
        measure_threads(spinners, plan, results)


def catalogue(pool: list[Worker], kind: str) -> dict[str, Worker]:
    """The cases (or spinners) by name, with the worker that runs each."""
    return {name: worker for worker in pool for name in worker.ask("cases")[kind]}


def measure_timed(
    timed: dict[str, Worker],
    plan: Plan,
    results: Results,
    summarize: Callable[[Sequence[float]], float] = median,
) -> None:
    """Calibrate every case, time it once a round (shuffled), keep *summarize* of the rounds."""
    numbers = {
        name: w.ask("calibrate", case=name, target=plan.target_s)["number"]
        for name, w in timed.items()
    }
    samples: dict[str, list[float]] = {name: [] for name in timed}
    order = list(timed)
    for round_number in range(plan.rounds):
        random.Random(round_number).shuffle(order)
        for name in order:
            samples[name].append(timed[name].ask("time", case=name, number=numbers[name])["ns"])
    for name, values in samples.items():
        results.put(name, summarize(values))
        results.put(f"spread.{name}", spread(values))


def measure_threads(spinners: dict[str, Worker], plan: Plan, results: Results) -> None:
    sizes = {
        name: w.ask("calibrate_spin", case=name, target=plan.spin_s)["n"]
        for name, w in spinners.items()
    }
    walls: dict[tuple[str, int], list[float]] = {}
    for _ in range(plan.thread_rounds):
        for name, worker in spinners.items():
            for threads in (1, 2):
                request = {
                    "case": name,
                    "n": sizes[name],
                    "threads": threads,
                    "calls": plan.thread_calls,
                }
                walls.setdefault((name, threads), []).append(
                    worker.ask("threads", **request)["seconds"]
                )
    for (name, threads), values in walls.items():
        results.put(f"threads_s.{name.removeprefix('spin.')}.{threads}", median(values))
