import asyncio
T = lambda: round(asyncio.get_running_loop().time() - T0, 2)

async def lock_user(lock, name, log, hold):
    async with lock:
        log.append(f'{T()} {name} got')
        await asyncio.sleep(hold)
    log.append(f'{T()} {name} released')

async def lock_tests():
    lock = asyncio.Lock(); log = []
    ts = [asyncio.create_task(lock_user(lock, n, log, 1)) for n in 'abc']
    await asyncio.gather(*ts); print('lock fifo', log)
    # cancel a waiter that was just chosen
    log = []
    await lock.acquire()
    t1 = asyncio.create_task(lock_user(lock, 'w1', log, 1))
    t2 = asyncio.create_task(lock_user(lock, 'w2', log, 1))
    await asyncio.sleep(0)
    lock.release()      # w1 chosen
    t1.cancel()         # ...but cancelled before it runs
    await asyncio.gather(t1, t2, return_exceptions=True)
    print('lock pass-on', log, t1.cancelled(), lock.locked())
    try: lock.release()
    except RuntimeError as e: print('release unlocked:', e)

async def sem_worker(sem, i, log, state):
    async with sem:
        state['now'] += 1; state['max'] = max(state['max'], state['now'])
        log.append(f'{T()} fetch {i}')
        await asyncio.sleep(1 + i % 3 * 0.5)
        state['now'] -= 1

async def sem_tests():
    sem = asyncio.Semaphore(3); log = []; st = {'now':0,'max':0}
    await asyncio.gather(*(sem_worker(sem, i, log, st) for i in range(12)))
    print('sem', st['max'], T(), log)
    sem = asyncio.Semaphore(0); log = []
    async def taker(n):
        try:
            await sem.acquire(); log.append(f'{n} got')
        except asyncio.CancelledError:
            log.append(f'{n} cancelled'); raise
    t1 = asyncio.create_task(taker('a')); t2 = asyncio.create_task(taker('b'))
    await asyncio.sleep(0)
    sem.release(); t1.cancel()
    await asyncio.gather(t1, t2, return_exceptions=True)
    print('sem pass-on', log, sem._value, sem.locked())
    b = asyncio.BoundedSemaphore(1)
    try: b.release()
    except ValueError as e: print('bounded:', e)

async def event_tests():
    ev = asyncio.Event(); log = []
    async def waiter(n):
        await ev.wait(); log.append(f'{T()} {n} woke')
    ts = [asyncio.create_task(waiter(n)) for n in 'xyz']
    asyncio.get_running_loop().call_later(2, ev.set)
    await asyncio.gather(*ts); print('event', log, ev.is_set())

async def cond_tests():
    cond = asyncio.Condition(); log = []
    async def consumer(n):
        async with cond:
            await cond.wait(); log.append(f'{T()} {n} notified')
    ts = [asyncio.create_task(consumer(i)) for i in range(5)]
    await asyncio.sleep(1)
    async with cond: cond.notify(1)
    await asyncio.sleep(1)
    async with cond: cond.notify(2)
    await asyncio.sleep(1)
    async with cond: cond.notify_all()
    await asyncio.gather(*ts); print('condition', log)
    state = {'n': 0}
    async def bump():
        for _ in range(3):
            await asyncio.sleep(1)
            async with cond: state['n'] += 1; cond.notify_all()
    t = asyncio.create_task(bump())
    async with cond:
        r = await cond.wait_for(lambda: state['n'] >= 3)
    print('wait_for', r, T()); await t
    try: cond.notify()
    except RuntimeError as e: print('notify unlocked:', e)

async def queue_tests():
    q = asyncio.Queue(maxsize=2); log = []
    async def producer():
        for i in range(5):
            await q.put(i); log.append(f'{T()} put {i}')
    async def consumer():
        for _ in range(5):
            await asyncio.sleep(1)
            v = await q.get(); log.append(f'{T()} got {v}'); q.task_done()
    await asyncio.gather(producer(), consumer()); await q.join()
    print('queue', log)
    pq = asyncio.PriorityQueue()
    for item in [(3,'c'),(1,'a'),(2,'b'),(1,'A'),(5,'e')]: pq.put_nowait(item)
    print('pq', [pq.get_nowait() for _ in range(5)])
    lq = asyncio.LifoQueue()
    for i in range(4): lq.put_nowait(i)
    print('lifo', [lq.get_nowait() for _ in range(4)])
    q = asyncio.Queue(1); q.put_nowait(1)
    try: q.put_nowait(2)
    except asyncio.QueueFull: print('QueueFull', q.full(), q.qsize(), q.maxsize)
    q.get_nowait()
    try: q.get_nowait()
    except asyncio.QueueEmpty: print('QueueEmpty', q.empty())
    q.task_done()
    try: q.task_done()
    except ValueError as e: print('task_done:', e)
    # cancel a getter that was chosen
    q = asyncio.Queue(); log = []
    async def getter(n):
        try: log.append(f'{n} got {await q.get()}')
        except asyncio.CancelledError: log.append(f'{n} cancelled'); raise
    g1 = asyncio.create_task(getter('g1')); g2 = asyncio.create_task(getter('g2'))
    await asyncio.sleep(0)
    q.put_nowait('item'); g1.cancel()
    await asyncio.gather(g1, g2, return_exceptions=True)
    print('getter pass-on', log)

async def main():
    global T0
    for f in (lock_tests, sem_tests, event_tests, cond_tests, queue_tests):
        T0 = asyncio.get_running_loop().time()
        await f()
T0 = 0
asyncio.run(main())
