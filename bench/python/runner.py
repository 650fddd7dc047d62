"""One benchmark workload with HappyBase or AIOHappyBase, in its own process.

The command line and the JSON printed are the same as bench/ts/runner.ts's, so the orchestrator
(bench/run.mjs) treats the three libraries alike. Usage:

    bench/.venv/bin/python bench/python/runner.py --lib=happybase --workload=put-get --table=t --n=100
"""

import asyncio
import json
import os
import platform
import resource
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

FOUR_COLUMNS = [b'd:c0', b'd:c1', b'd:c2', b'd:c3']
# Markers around the timed part, for bench/lib/run-one.mjs (which sets the variable).
MARKERS = os.environ.get('BENCH_TIMED_MARKERS') == '1'


def parse_args(argv):
    raw = {}
    for arg in argv:
        if not arg.startswith('--') or '=' not in arg:
            raise SystemExit(f'bad argument {arg!r}: expected --name=value')
        name, value = arg[2:].split('=', 1)
        raw[name] = value

    def integer(name, default=None):
        value = raw.get(name, default)
        if value is None:
            raise SystemExit(f'missing --{name}')
        return int(value)

    columns = raw.get('columns', '')
    return {
        'lib': raw['lib'],
        'workload': raw['workload'],
        'host': raw.get('host', 'localhost'),
        'port': integer('port', 9090),
        'transport': raw.get('transport', 'buffered'),
        'protocol': raw.get('protocol', 'binary'),
        'table': raw.get('table', ''),
        'n': integer('n'),
        'warmup': integer('warmup', 0),
        'concurrency': integer('concurrency', 64),
        'pool_size': integer('pool-size', 8),
        'batch_size': integer('batch-size', 1000),
        'value_size': integer('value-size', 100),
        'key_prefix': raw.get('key-prefix', 'k'),
        'data_rows': integer('data-rows', 0),
        'columns': [c.encode() for c in columns.split(',')] if columns else None,
        'seed': integer('seed', 1),
        'min_seconds': float(raw.get('min-seconds', '0')),
    }


def row_key(prefix, i):
    """Row key `<prefix><i, 8 digits>`, the same in every runner."""
    return b'%s%08d' % (prefix.encode(), i)


def random_indexes(seed, count, below):
    """xorshift32, the same sequence as bench/ts/cli.ts's randomIndexes."""
    out = []
    x = (seed & 0xFFFFFFFF) or 1
    for _ in range(count):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        out.append(x % below)
    return out


def cell_value(i, column, size):
    head = f'{i}:{column}:'.encode()[:size]
    return head + b'x' * (size - len(head))


class Timer:
    """Wall clock and this process's CPU time (all threads), like the TS runner's `timedPasses`.

    The markers on stderr let the orchestrator read the servers' CPU time around the timed part.
    """

    def __init__(self, min_seconds):
        self.min_seconds = min_seconds
        self.passes = 0

    def __enter__(self):
        if MARKERS:
            sys.stderr.write('@timed-start\n')
            sys.stderr.flush()
        self.usage = resource.getrusage(resource.RUSAGE_SELF)
        self.start = time.perf_counter()
        return self

    def more(self):
        """True while another pass is due: always before the first, then until min_seconds."""
        self.passes += 1
        return self.passes == 1 or time.perf_counter() - self.start < self.min_seconds

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self.user = usage.ru_utime - self.usage.ru_utime
        self.system = usage.ru_stime - self.usage.ru_stime
        if MARKERS:
            sys.stderr.write('@timed-end\n')
            sys.stderr.flush()


def timed_passes(args, unit, one_pass):
    """Repeats `one_pass(p)` (returns its operation count) until `--min-seconds` have passed."""
    ops = 0
    with Timer(args['min_seconds']) as timer:
        while timer.more():
            ops += one_pass(timer.passes - 1)
    return timer, ops


async def timed_passes_async(args, unit, one_pass):
    ops = 0
    with Timer(args['min_seconds']) as timer:
        while timer.more():
            ops += await one_pass(timer.passes - 1)
    return timer, ops


def pass_prefix(args, p):
    """Keys of pass `p` of a writing workload (one pass without --min-seconds: the plain prefix)."""
    return f"{args['key_prefix']}p{p}_" if args['min_seconds'] > 0 else args['key_prefix']


def measurement(ops, unit, timer, check=None):
    result = {
        'ops': ops,
        'unit': unit,
        'seconds': timer.seconds,
        'cpuUserSeconds': timer.user,
        'cpuSystemSeconds': timer.system,
        'passes': timer.passes - 1,
    }
    if check:
        result['check'] = check
    return result


def warmup_scan_options(args):
    """The untimed scan: the first `--warmup` rows (all of them when warmup >= n)."""
    options = scan_options(args)
    if args['warmup'] < args['n']:
        options['limit'] = args['warmup']
    return options


def scan_options(args):
    options = {'batch_size': args['batch_size']}
    if args['key_prefix']:
        options['row_prefix'] = args['key_prefix'].encode()
    if args['columns']:
        options['columns'] = args['columns']
    return options


def connection_options(args):
    return dict(host=args['host'], port=args['port'], transport=args['transport'],
                protocol=args['protocol'], timeout=120_000)


# ---------------------------------------------------------------- HappyBase (blocking, threads)

def happybase_workload(args):
    import happybase

    name = args['workload']
    table_name = args['table'].encode()
    warmup, n = args['warmup'], args['n']

    if name == 'pool-get':
        pool = happybase.ConnectionPool(size=args['pool_size'], **connection_options(args))
        indexes = random_indexes(args['seed'], warmup + n, args['data_rows'])

        def run(start, stop):
            position = iter(range(start, stop))
            lock = threading.Lock()
            found = [0]

            def worker():
                while True:
                    with lock:
                        i = next(position, None)
                    if i is None:
                        return
                    with pool.connection() as connection:
                        row = connection.table(table_name).row(row_key('r', indexes[i]))
                    if b'd:c0' in row:
                        with lock:
                            found[0] += 1

            with ThreadPoolExecutor(max_workers=args['concurrency']) as executor:
                for future in [executor.submit(worker) for _ in range(args['concurrency'])]:
                    future.result()
            if found[0] != stop - start:
                raise RuntimeError(f'{stop - start - found[0]} rows missing')

        run(0, warmup)

        def one_pass(_):
            run(warmup, warmup + n)
            return n

        timer, ops = timed_passes(args, 'ops', one_pass)
        return measurement(ops, 'ops', timer)

    connection = happybase.Connection(**connection_options(args))
    table = connection.table(table_name)
    try:
        if name == 'put-get':
            value = cell_value(0, 0, args['value_size'])

            def once(key):
                table.put(key, {b'd:c0': value})
                if len(table.row(key).get(b'd:c0', b'')) != len(value):
                    raise RuntimeError(f'row {key} did not come back')

            for i in range(warmup):
                once(row_key(args['key_prefix'] + 'w', i))

            def one_pass(p):
                for i in range(n):
                    once(row_key(pass_prefix(args, p), i))
                return 2 * n

            timer, ops = timed_passes(args, 'ops', one_pass)
            return measurement(ops, 'ops', timer)

        if name == 'bulk-load':
            values = [cell_value(0, c, args['value_size']) for c in range(4)]

            def load(prefix, rows):
                with table.batch(batch_size=args['batch_size']) as batch:
                    for i in range(rows):
                        batch.put(row_key(prefix, i), {
                            b'd:c0': values[0], b'd:c1': values[1],
                            b'd:c2': values[2], b'd:c3': values[3],
                        })

            if warmup:  # one untimed load of the same size (see bench/README.md)
                load(args['key_prefix'] + 'w', n)

            def one_pass(p):
                load(pass_prefix(args, p), n)
                return n

            timer, ops = timed_passes(args, 'rows', one_pass)
            return measurement(ops, 'rows', timer)

        if name in ('scan-full', 'scan-columns'):
            options = scan_options(args)
            if warmup:  # one untimed pass over the same rows (see bench/README.md)
                for _ in table.scan(**warmup_scan_options(args)):
                    pass
            cells = [0]

            def one_pass(_):
                rows = 0
                for _, data in table.scan(**options):
                    rows += 1
                    cells[0] += len(data)
                if rows != n:
                    raise RuntimeError(f'scanned {rows} rows, expected {n}')
                return rows

            timer, ops = timed_passes(args, 'rows', one_pass)
            return measurement(ops, 'rows', timer, {'cells': cells[0]})

        if name == 'counters':
            for _ in range(warmup):
                table.counter_inc((args['key_prefix'] + 'w').encode(), b'c:n')
            key = args['key_prefix'].encode()

            def one_pass(p):
                for _ in range(n):
                    last = table.counter_inc(key, b'c:n')
                if last != n * (p + 1):
                    raise RuntimeError(f'counter is {last}, expected {n * (p + 1)}')
                return n

            timer, ops = timed_passes(args, 'ops', one_pass)
            return measurement(ops, 'ops', timer)
    finally:
        connection.close()
    raise SystemExit(f'unknown workload {name}')


# ---------------------------------------------------------------- AIOHappyBase (asyncio)

async def aiohappybase_workload(args):
    import aiohappybase

    name = args['workload']
    table_name = args['table'].encode()
    warmup, n = args['warmup'], args['n']

    if name == 'pool-get':
        pool = aiohappybase.ConnectionPool(size=args['pool_size'], **connection_options(args))
        indexes = random_indexes(args['seed'], warmup + n, args['data_rows'])

        async def run(start, stop):
            position = iter(range(start, stop))
            found = 0

            async def worker():
                nonlocal found
                for i in position:  # shared iterator: each index is taken once
                    async with pool.connection() as connection:
                        row = await connection.table(table_name).row(row_key('r', indexes[i]))
                    if b'd:c0' in row:
                        found += 1

            await asyncio.gather(*(worker() for _ in range(args['concurrency'])))
            if found != stop - start:
                raise RuntimeError(f'{stop - start - found} rows missing')

        async def one_pass(_):
            await run(warmup, warmup + n)
            return n

        try:
            await run(0, warmup)
            timer, ops = await timed_passes_async(args, 'ops', one_pass)
        finally:
            pool.close()
        return measurement(ops, 'ops', timer)

    connection = aiohappybase.Connection(**connection_options(args))
    await connection.open()
    table = connection.table(table_name)
    try:
        if name == 'put-get':
            value = cell_value(0, 0, args['value_size'])

            async def once(key):
                await table.put(key, {b'd:c0': value})
                if len((await table.row(key)).get(b'd:c0', b'')) != len(value):
                    raise RuntimeError(f'row {key} did not come back')

            for i in range(warmup):
                await once(row_key(args['key_prefix'] + 'w', i))

            async def one_pass(p):
                for i in range(n):
                    await once(row_key(pass_prefix(args, p), i))
                return 2 * n

            timer, ops = await timed_passes_async(args, 'ops', one_pass)
            return measurement(ops, 'ops', timer)

        if name == 'bulk-load':
            values = [cell_value(0, c, args['value_size']) for c in range(4)]

            async def load(prefix, rows):
                async with table.batch(batch_size=args['batch_size']) as batch:
                    for i in range(rows):
                        await batch.put(row_key(prefix, i), {
                            b'd:c0': values[0], b'd:c1': values[1],
                            b'd:c2': values[2], b'd:c3': values[3],
                        })

            if warmup:  # one untimed load of the same size (see bench/README.md)
                await load(args['key_prefix'] + 'w', n)

            async def one_pass(p):
                await load(pass_prefix(args, p), n)
                return n

            timer, ops = await timed_passes_async(args, 'rows', one_pass)
            return measurement(ops, 'rows', timer)

        if name in ('scan-full', 'scan-columns'):
            options = scan_options(args)
            if warmup:  # one untimed pass over the same rows (see bench/README.md)
                async for _ in table.scan(**warmup_scan_options(args)):
                    pass
            cells = [0]

            async def one_pass(_):
                rows = 0
                async for _, data in table.scan(**options):
                    rows += 1
                    cells[0] += len(data)
                if rows != n:
                    raise RuntimeError(f'scanned {rows} rows, expected {n}')
                return rows

            timer, ops = await timed_passes_async(args, 'rows', one_pass)
            return measurement(ops, 'rows', timer, {'cells': cells[0]})

        if name == 'counters':
            for _ in range(warmup):
                await table.counter_inc((args['key_prefix'] + 'w').encode(), b'c:n')
            key = args['key_prefix'].encode()

            async def one_pass(p):
                for _ in range(n):
                    last = await table.counter_inc(key, b'c:n')
                if last != n * (p + 1):
                    raise RuntimeError(f'counter is {last}, expected {n * (p + 1)}')
                return n

            timer, ops = await timed_passes_async(args, 'ops', one_pass)
            return measurement(ops, 'ops', timer)
    finally:
        connection.close()  # synchronous in aiohappybase 1.4
    raise SystemExit(f'unknown workload {name}')


def main():
    args = parse_args(sys.argv[1:])
    if args['lib'] == 'happybase':
        import happybase
        result = happybase_workload(args)
        version = happybase.__version__
    elif args['lib'] == 'aiohappybase':
        import aiohappybase
        result = asyncio.run(aiohappybase_workload(args))
        version = aiohappybase.__version__
    else:
        raise SystemExit(f"unknown --lib={args['lib']}")
    result = {
        'lib': args['lib'],
        'workload': args['workload'],
        **result,
        # ru_maxrss is in KiB on Linux.
        'peakRssKb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        'runtime': f'python {platform.python_version()}, {args["lib"]} {version}',
    }
    sys.stdout.write(json.dumps(result) + '\n')


if __name__ == '__main__':
    main()
