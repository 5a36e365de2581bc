"""nbval's kernel start is retried when the kernel dies while starting, and only then."""
import nbval.kernel
import pytest


def _flaky(failures, message="Kernel died before replying to kernel_info"):
    calls = []

    def start(*args, **kwargs):
        calls.append(1)
        if len(calls) <= failures:
            raise RuntimeError(message)
        return "km", "kc"
    return start, calls


def test_a_kernel_that_dies_while_starting_is_started_again(monkeypatch):
    wrapper = nbval.kernel.start_new_kernel
    start, calls = _flaky(2)
    monkeypatch.setattr(wrapper, "original", start)
    assert wrapper(kernel_name="python3") == ("km", "kc") and len(calls) == 3


def test_it_gives_up_after_three_tries_and_other_errors_are_not_retried(monkeypatch):
    wrapper = nbval.kernel.start_new_kernel
    start, calls = _flaky(3)
    monkeypatch.setattr(wrapper, "original", start)
    with pytest.raises(RuntimeError, match="died"):
        wrapper()
    assert len(calls) == 3
    start, calls = _flaky(1, "Kernel didn't respond in 60 seconds")
    monkeypatch.setattr(wrapper, "original", start)
    with pytest.raises(RuntimeError, match="respond"):
        wrapper()
    assert len(calls) == 1
