"""Imported at CPython start-up by make_expected.py (through PYTHONPATH) to change the
clock of asyncio's event loop, chosen by the environment variable LOOPSCOPE_CPYTHON_CLOCK:

  virtual   the loop's time() is a counter: waiting for the next timer advances it at once
            instead of sleeping. Each time() call adds 1 ns, as a real clock would, so
            deadlines are never exactly equal. Outputs come out exact (no scheduling delay
            accumulates on a busy machine) and the run takes no wall time. time.sleep is
            virtual too: in the loop's thread it moves the clock on (the loop is frozen
            meanwhile); in a to_thread worker it waits until the clock reaches its end, and
            the clock never moves while a worker is computing.
  virtual-batch  the virtual clock, but every timer due within 10 ms of the first fires in
            the same loop iteration (up to 10 ms early)
  virtual-split  the virtual clock, but each time() call adds 0.1 ms, so timers scheduled
            one after the other are never due in the same loop iteration
  batch     real time, and every timer due within 10 ms fires in the same loop iteration.
Real CPython may fire two timers a few microseconds apart in one iteration or in two; a
program whose output differs between these clocks depends on that race.

Unset: nothing changes. Only make_expected.py sets it.
"""
import os

_mode = os.environ.get("LOOPSCOPE_CPYTHON_CLOCK", "")

if _mode:
    import asyncio.base_events as _be
    import asyncio.selector_events as _se

    if _mode in ("virtual", "virtual-batch", "virtual-split"):
        import concurrent.futures.thread as _cft
        import threading as _threading
        import time as _time_module

        _now = [1000.0]
        _cv = _threading.Condition()
        _busy = [0]        # thread-pool work items submitted and not sleeping or finished
        _sleepers = []     # virtual wake-up times of worker threads inside time.sleep

        _tick = 1e-4 if _mode == "virtual-split" else 1e-9

        def _time(self):
            _now[0] += _tick
            return _now[0]

        def _sleep(seconds):
            with _cv:
                if _threading.current_thread() is _threading.main_thread():
                    # a blocking call in the loop's thread: the loop is frozen while the
                    # clock moves on
                    _now[0] += max(0.0, seconds)
                    return
                deadline = _now[0] + max(0.0, seconds)
                _busy[0] -= 1
                _sleepers.append(deadline)
                _cv.notify_all()
                while _now[0] < deadline:
                    _cv.wait()
                _sleepers.remove(deadline)
                _busy[0] += 1

        _submit = _cft.ThreadPoolExecutor.submit

        def _patched_submit(self, fn, /, *args, **kwargs):
            with _cv:
                _busy[0] += 1
            try:
                return _submit(self, fn, *args, **kwargs)
            except BaseException:
                with _cv:
                    _busy[0] -= 1
                raise

        _worker = _threading.local()

        _work_item_run = _cft._WorkItem.run

        def _counted_run(self):
            # the worker stops counting as busy only after set_result() has posted the
            # result to the loop, so the loop never moves the clock before it sees it
            _worker.counted = True
            try:
                _work_item_run(self)
            finally:
                _worker.counted = False
                with _cv:
                    _busy[0] -= 1
                    _cv.notify_all()

        _cft._WorkItem.run = _counted_run

        def _idle_while(method):
            # a worker blocked on the loop (run_coroutine_threadsafe(...).result()) is
            # not computing, so the clock may move on meanwhile
            def wait(self, *args, **kwargs):
                if not getattr(_worker, "counted", False):
                    return method(self, *args, **kwargs)
                with _cv:
                    _busy[0] -= 1
                    _cv.notify_all()
                try:
                    return method(self, *args, **kwargs)
                finally:
                    with _cv:
                        _busy[0] += 1

            return wait

        import concurrent.futures._base as _cfb
        _cfb.Future.result = _idle_while(_cfb.Future.result)
        _cfb.Future.exception = _idle_while(_cfb.Future.exception)

        _be.BaseEventLoop.time = _time
        _time_module.sleep = _sleep
        _cft.ThreadPoolExecutor.submit = _patched_submit
        _init = _se.BaseSelectorEventLoop.__init__

        def _patched_init(self, *args, **kwargs):
            _init(self, *args, **kwargs)
            if _mode == "virtual-batch":
                self._clock_resolution = 0.01
            elif _mode == "virtual-split":
                # the loop fires timers due before time() + resolution; time() itself has
                # just moved on by a tick, so only the earliest timer stays due
                self._clock_resolution = -_tick / 2
            real_select = self._selector.select

            def select(timeout=None):
                while True:
                    events = real_select(0)
                    if events or timeout == 0:
                        return events
                    with _cv:
                        if _busy[0] > 0:
                            # a worker thread is computing: wait for it in real time
                            _cv.wait(0.005)
                            continue
                        target = None if timeout is None else _now[0] + timeout
                        if _sleepers and (target is None or min(_sleepers) < target):
                            # a sleeping worker wakes before the next timer
                            if min(_sleepers) > _now[0]:
                                _now[0] = min(_sleepers)
                                _cv.notify_all()
                            else:
                                _cv.wait(0.005)
                            continue
                        if target is None:
                            break  # nothing will ever happen: a deadlock; wait for real
                        _now[0] = max(_now[0], target)
                        return []
                return real_select(None)

            self._selector.select = select

        _se.BaseSelectorEventLoop.__init__ = _patched_init
    elif _mode == "batch":
        _init = _be.BaseEventLoop.__init__

        def _patched_init(self, *args, **kwargs):
            _init(self, *args, **kwargs)
            self._clock_resolution = 0.01

        _be.BaseEventLoop.__init__ = _patched_init
