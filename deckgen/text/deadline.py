"""A time limit for a template, in whichever thread it runs, on every platform."""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TooSlow(BaseException):
    """Raised in the rendering thread at its deadline; a BaseException so that nothing in Jinja
    swallows it."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds`, in whichever thread it runs, on every platform.

    A watchdog timer raises `TooSlow` in this thread the way a signal handler would: between two
    bytecodes (CPython's asynchronous exceptions), so a template loop stops within milliseconds
    and nothing keeps running after the error. SIGALRM would do the same but exists neither on
    Windows nor outside the main thread; a render in a worker thread could not be stopped at all.
    """
    target = threading.get_ident()
    lock = threading.Lock()
    fired = done = False

    def expire() -> None:
        nonlocal fired
        with lock:
            if not done:
                fired = True
                raise_in_thread(target, TooSlow)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            done = True
            if fired:  # the block ended as the timer fired: drop an exception still pending
                raise_in_thread(target, None)
    if fired:
        raise TooSlow


def raise_in_thread(thread: int, exception: type[BaseException] | None) -> None:
    """Raise `exception` in the thread `thread` at its next bytecode (None: cancel that)."""
    what = ctypes.c_void_p() if exception is None else ctypes.py_object(exception)  # NULL cancels
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), what)
