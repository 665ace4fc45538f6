import asyncio

async def t_timers():
    loop = asyncio.get_running_loop()
    log = []
    t0 = loop.time()
    loop.call_later(1, log.append, 'a')
    loop.call_later(1, log.append, 'b')
    loop.call_later(0.5, log.append, 'c')
    loop.call_at(t0 - 5, log.append, 'past2')
    loop.call_at(t0 - 10, log.append, 'past1')
    loop.call_soon(lambda: (log.append('s1'), loop.call_soon(log.append, 's3')))
    loop.call_soon(log.append, 's2')
    h = loop.call_later(0.7, log.append, 'cancelled')
    h.cancel()
    await asyncio.sleep(2)
    print('timers', log)

async def worker(name, n, log):
    for i in range(n):
        log.append(f'{name}{i}')
        await asyncio.sleep(0)
    return name

async def t_yield():
    log = []
    t1 = asyncio.create_task(worker('a', 3, log))
    t2 = asyncio.create_task(worker('b', 3, log))
    print('yield', await t1, await t2, log, t1.get_name(), t2.get_name())

async def sleeper(log, name, d):
    try:
        log.append(f'{name} start')
        await asyncio.sleep(d)
        log.append(f'{name} end')
        return d
    except asyncio.CancelledError as e:
        log.append(f'{name} cancelled {e.args}')
        await asyncio.sleep(0.5)
        log.append(f'{name} cleaned')
        raise

async def t_cancel():
    loop = asyncio.get_running_loop()
    log = []
    t = asyncio.create_task(sleeper(log, 'x', 5))
    t.cancel()   # before first step
    await asyncio.sleep(0)
    print('before-start', t.cancelled(), log)
    t = asyncio.create_task(sleeper(log, 'y', 5))
    await asyncio.sleep(1)
    print('cancel ->', t.cancel('stop it'), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print('awaited cancelled', e.args, loop.time() - 0, t.cancelled())
    print(log)
    print('cancel done ->', t.cancel())

async def swallow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        return 'swallowed'

async def t_swallow():
    t = asyncio.create_task(swallow())
    await asyncio.sleep(1)
    t.cancel(); t.cancel()
    r = await t
    print('swallow', r, t.cancelled(), t.cancelling(), t.uncancel(), t.cancelling())

async def waiter(fut, log):
    try:
        v = await fut
        log.append(f'got {v}')
    except asyncio.CancelledError:
        log.append('cancelled though result set')
        raise

async def t_cancel_while_woken():
    loop = asyncio.get_running_loop()
    log = []
    fut = loop.create_future()
    t = asyncio.create_task(waiter(fut, log))
    await asyncio.sleep(0)
    fut.set_result(42)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        pass
    print('woken', log, t.cancelled(), fut.result())

async def inner():
    await asyncio.sleep(10)

async def outer():
    await asyncio.create_task(inner(), name='inner')

async def t_cancel_chain():
    t = asyncio.create_task(outer(), name='outer')
    await asyncio.sleep(1)
    t.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    inner_task = [x for x in asyncio.all_tasks() if x.get_name() == 'inner']
    try:
        await t
    except asyncio.CancelledError:
        print('chain', t.cancelled(), [x.get_name() for x in asyncio.all_tasks()])

async def selfcancel(log):
    asyncio.current_task().cancel()
    log.append('still running')
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        log.append('cancelled at await')
        raise

async def t_self_cancel():
    log = []
    t = asyncio.create_task(selfcancel(log))
    try:
        await t
    except asyncio.CancelledError:
        print('self', log, t.cancelled())

async def boom():
    await asyncio.sleep(1)
    raise ValueError('bad')

async def t_exception():
    t = asyncio.create_task(boom())
    try:
        await t
    except ValueError as e:
        print('exc', repr(e), t.done(), repr(t.exception()))
    a = asyncio.create_task(boom())
    async def w(): 
        try: return await a
        except ValueError as e: return 'w saw ' + str(e)
    print('multi', await asyncio.gather(w(), w()))

async def main():
    await t_timers()
    await t_yield()
    await t_cancel()
    await t_swallow()
    await t_cancel_while_woken()
    await t_cancel_chain()
    await t_self_cancel()
    await t_exception()
    print('end', asyncio.get_running_loop().time())

asyncio.run(main())
