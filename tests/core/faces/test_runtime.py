from __future__ import annotations

import onnxruntime as ort

from eventlens.core.faces.runtime import (
    choose_providers,
    guest_workers,
    session_options,
    usable_cores,
)


def test_cpu_is_chosen_when_cuda_is_absent() -> None:
    providers = choose_providers()
    assert providers[-1] == "CPUExecutionProvider"
    if "CUDAExecutionProvider" in ort.get_available_providers():
        assert providers[0] == "CUDAExecutionProvider"
    else:
        assert providers == ["CPUExecutionProvider"]


def test_an_unavailable_requested_provider_falls_back() -> None:
    assert choose_providers(("NoSuchExecutionProvider",)) == choose_providers()


def test_a_requested_available_provider_is_kept() -> None:
    assert choose_providers(("CPUExecutionProvider",)) == ["CPUExecutionProvider"]


def test_thread_counts_are_set_deliberately() -> None:
    assert session_options().intra_op_num_threads == usable_cores()
    assert session_options(3).intra_op_num_threads == 3
    assert session_options().inter_op_num_threads == 1


def test_guests_get_one_worker_per_core_unless_told() -> None:
    assert guest_workers() == usable_cores()
    assert guest_workers(3) == 3
