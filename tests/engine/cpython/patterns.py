import asyncio
T = lambda: round(asyncio.get_running_loop().time() - T0, 2)

async def work(name, d, log, fail=False):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        log.append(f'{T()} {name} cancelled'); raise
    if fail:
        log.append(f'{T()} {name} fails'); raise ValueError(name)
    log.append(f'{T()} {name} done'); return d

async def gather_tests():
    log = []
    r = await asyncio.gather(work('a',5,log), work('b',3,log), work('c',4,log))
    print('gather', r, T(), log)
    log = []
    try:
        await asyncio.gather(work('a',5,log), work('b',1,log,True), work('c',3,log))
    except ValueError as e:
        print('gather exc', repr(e), T(), log)
    await asyncio.sleep(5); print('others ran on', log)
    log = []
    r = await asyncio.gather(work('a',2,log), work('b',1,log,True), return_exceptions=True)
    print('gather re', r, T())
    log = []
    g = asyncio.gather(work('a',2,log), work('b',3,log))
    await asyncio.sleep(1)
    g.cancel()
    try: await g
    except asyncio.CancelledError: print('gather cancelled', T(), log)
    print('empty', await asyncio.gather())

async def wait_tests():
    log = []
    ts = [asyncio.create_task(work(n, d, log)) for n, d in (('a',5),('b',3),('c',4))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print('first', T(), sorted(t.result() for t in done), len(pending))
    done, pending = await asyncio.wait(ts, timeout=0.5)
    print('timeout', T(), len(done), len(pending), [t.cancelled() for t in ts])
    done, pending = await asyncio.wait(ts)
    print('all', T(), len(done), len(pending))
    ts = [asyncio.create_task(work(n, d, log, f)) for n, d, f in (('a',5,False),('b',2,True),('c',1,False))]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print('first_exc', T(), len(done), len(pending))
    await asyncio.wait(ts)

async def as_completed_tests():
    log = []
    out = []
    for f in asyncio.as_completed([work('a',5,log), work('b',3,log), work('c',4,log)]):
        out.append((await f, T()))
    print('as_completed', out)
    out = []
    try:
        for f in asyncio.as_completed([work('a',5,log), work('b',3,log), work('c',4,log)], timeout=3.5):
            out.append((await f, T()))
    except asyncio.TimeoutError:
        print('as_completed timeout', out, T())
    await asyncio.sleep(2)

async def cleanup_worker(log, swallow=False):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append(f'{T()} inner cancelled')
        await asyncio.sleep(0.5)
        log.append(f'{T()} inner cleaned')
        if swallow: return 'swallowed'
        raise

async def wait_for_tests():
    log = []
    try:
        await asyncio.wait_for(cleanup_worker(log), timeout=2)
    except asyncio.TimeoutError:
        print('wait_for timeout', T(), log)
    log = []
    r = await asyncio.wait_for(cleanup_worker(log, True), timeout=1)
    print('wait_for swallowed', r, T(), log)
    print('wait_for ok', await asyncio.wait_for(work('x', 1, log), 2), T())

async def timeout_tests():
    log = []
    try:
        async with asyncio.timeout(1.5) as cm:
            await work('t', 5, log)
    except TimeoutError:
        print('timeout scope', T(), log, cm.expired())
    async with asyncio.timeout(5) as cm:
        cm.reschedule(asyncio.get_running_loop().time() + 10)
        await asyncio.sleep(6)
    print('rescheduled', T(), cm.expired())

async def shield_tests():
    log = []
    inner = asyncio.create_task(work('s', 2, log))
    outer = asyncio.shield(inner)
    await asyncio.sleep(1)
    outer.cancel()
    try: await outer
    except asyncio.CancelledError: print('shield outer cancelled', T())
    print('inner', await inner, T(), log)

async def taskgroup_tests():
    log = []
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work('ok', 5, log))
            tg.create_task(work('bad1', 1, log, True))
            tg.create_task(work('bad2', 1, log, True))
            await asyncio.sleep(10)
    except* ValueError as eg:
        print('taskgroup', T(), [str(e) for e in eg.exceptions], log)

async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    await gather_tests(); await wait_tests(); await as_completed_tests(); await wait_for_tests()
    await timeout_tests(); await shield_tests(); await taskgroup_tests()
T0 = 0
asyncio.run(main())
