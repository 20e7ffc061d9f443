"""ONNX Runtime provider and thread choices, kept small so each is testable."""

from __future__ import annotations

import os

import onnxruntime as ort

_PREFERRED = ("CUDAExecutionProvider", "CPUExecutionProvider")


def choose_providers(requested: tuple[str, ...] = ()) -> list[str]:
    """Requested providers that this build has, else CUDA when present, else CPU."""
    available = set(ort.get_available_providers())
    if requested:
        chosen = [name for name in requested if name in available]
        if chosen:
            return chosen
    return [name for name in _PREFERRED if name in available] or ["CPUExecutionProvider"]


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def guest_workers(requested: int = 0) -> int:
    """How many guest selfies are analysed at once: `requested`, else one per core."""
    return requested or usable_cores()


def session_options(threads: int = 0) -> ort.SessionOptions:
    """One intra-op thread per core; inter-op parallelism off (our graphs are linear).

    Spinning is disabled so idle ORT threads do not steal the core that decodes the
    next photo while the recogniser waits.
    """
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or usable_cores()
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options
