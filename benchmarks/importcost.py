"""Import time: a generated module against a plain out-of-line cffi module of the same Go code.

Each import runs in a fresh interpreter of the runtime venv and is timed inside it, from just
before the ``import`` statement to just after, so interpreter start-up is not part of the figure.
Rounds are interleaved across the cases.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence

from common import Plan, Results, median, say
from lab import Lab, run

CASES = {
    "import_ms.generated_c_shared": "import bench_shared._native",
    "import_ms.plain_cffi_abi": "import plain_pkg.shared",
    "import_ms.generated_c_archive": "import bench_archive._native",
    "import_ms.plain_cffi_api": "import plain_pkg.archive_cffi",
    "import_ms.cffi_backend": "import _cffi_backend",
}

TIMED = (
    "import time\nstart = time.perf_counter()\n{statement}\nprint(time.perf_counter() - start)\n"
)


def measure(
    lab: Lab,
    plan: Plan,
    results: Results,
    cases: Mapping[str, str] = CASES,
    summarize: Callable[[Sequence[float]], float] = median,
) -> None:
    """Time each import statement of *cases* in fresh interpreters; keep *summarize* of them."""
    say(f"import time: {plan.import_rounds} fresh interpreters per case")
    env = lab.worker_env()
    samples: dict[str, list[float]] = {key: [] for key in cases}
    order = list(cases)
    for round_number in range(plan.import_rounds):
        random.Random(round_number).shuffle(order)
        for key in order:
            code = TIMED.format(statement=cases[key])
            samples[key].append(float(run([lab.runtime.python, "-c", code], env)) * 1000)
    for key, values in samples.items():
        results.put(key, summarize(values))
