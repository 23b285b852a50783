#!/usr/bin/env python3
"""The measurements behind bench/run-bench; see there for the environment."""
import os
import platform
import signal
import statistics
import subprocess
import time

BUILD = os.environ['PKIO_BENCH_BUILDDIR']
SRC = os.environ['PKIO_BENCH_SRCDIR']
WORK = os.environ['PKIO_BENCH_WORK']
SOFTHSM = os.environ['PKIO_BENCH_SOFTHSM']
RUNS = int(os.environ.get('PKIO_BENCH_RUNS', '10'))
SETTLE = float(os.environ.get('PKIO_BENCH_SETTLE', '2'))

# The app with the benchmark's hooks (bench/bench-app.c); the app itself has none.
APP = [os.path.join(BUILD, 'bench', 'bench-app')]
BASELINE = [os.path.join(BUILD, 'bench', 'bench-baseline')]
LATENCY = os.path.join(BUILD, 'bench', 'bench-token-latency')
ORDERS = os.path.join(BUILD, 'bench', 'bench-orders')
EXAMPLE = os.path.join(SRC, 'tests', 'data', 'example-1.json')
SEEDED = 10000

# CertCentral's documented limits (api/certcentral-notes.md): the floor for
# N requests is when the last may start, the first going at once.
BURST, BURST_S = 100, 5
SUSTAINED, SUSTAINED_S = 1000, 180

ENV = dict(os.environ,
           GSETTINGS_SCHEMA_DIR=os.path.join(BUILD, 'data'),
           GSETTINGS_BACKEND='memory',
           NO_AT_BRIDGE='1')


def rss_kib(pid):
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def words_of(line, what):
    """A line of ours, "pkio-bench WHAT key=value…", as a dict; else None."""
    words = line.split()
    if words[:2] != ['pkio-bench', what]:
        return None
    return dict((k, float(v)) for k, v in (w.split('=') for w in words[2:]))


def start_once(argv, env=None):
    """Exec to first painted frame (ms) and resident memory once settled (MiB)."""
    t0 = time.monotonic_ns() // 1000
    proc = subprocess.Popen(argv, env=env or ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        for line in proc.stdout:
            if line.startswith('pkio-bench first-frame'):
                first = int(line.split()[2])
                break
        else:
            raise RuntimeError(f'{argv[0]} ended without a first frame')
        time.sleep(SETTLE)
        rss = rss_kib(proc.pid) / 1024
    finally:
        stop(proc)
    return (first - t0) / 1000, rss


def probe_once(argv, env):
    """Exec to first frame, and to the stores loaded (ms; None for the
    baseline), and the latency probe's gaps from the first frame on."""
    t0 = time.monotonic_ns() // 1000
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    first = loaded = gaps = None
    try:
        for line in proc.stdout:
            words = line.split()
            if words[:2] == ['pkio-bench', 'first-frame']:
                first = (int(words[2]) - t0) / 1000
            elif words[:2] == ['pkio-bench', 'orders-loaded']:
                loaded = (int(words[2]) - t0) / 1000
            elif (gaps := words_of(line, 'latency')) is not None:
                break
        if first is None or gaps is None:
            raise RuntimeError(f'{argv[0]} ended without its benchmark lines')
    finally:
        stop(proc)
    return first, loaded, gaps


def type_once(argv):
    """The main thread's CPU time per keystroke (µs): median and p99."""
    proc = subprocess.Popen(argv, env=dict(ENV, PKIO_BENCH_TYPE='1'), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    result = None
    try:
        for line in proc.stdout:
            if (result := words_of(line, 'typing')) is not None:
                break
        if result is None:
            raise RuntimeError(f'{argv[0]} ended without typing')
    finally:
        stop(proc)
    return result['median_us'], result['p99_us']


def keyvalues(argv):
    out = subprocess.run(argv, env=ENV, capture_output=True, text=True, check=True).stdout
    return dict((k, float(v)) for k, v in (kv.split('=') for kv in out.split()))


def floor_s(n):
    """The rate-limit floor for n requests, in seconds."""
    return max((n - 1) // BURST * BURST_S, (n - 1) // SUSTAINED * SUSTAINED_S)


def gaps(runs):
    """p50 and p99 as medians over the runs; max and the longest stretch of
    the loop's own work (busy) as the worst of them."""
    return {
        'p50_ms': statistics.median(r['p50_ms'] for r in runs),
        'p99_ms': statistics.median(r['p99_ms'] for r in runs),
        'max_ms': max(r['max_ms'] for r in runs),
        'busy_max_ms': max(r['busy_max_ms'] for r in runs),
    }


def show_gaps(g):
    return (f'{g["p50_ms"]:.1f} / {g["p99_ms"]:.1f} / {g["max_ms"]:.1f} ms '
            f'({g["busy_max_ms"]:.1f} ms)')


def gap_row(rows, what, runs, base, goal=True):
    g = gaps(runs)
    met = g['p99_ms'] <= 16 and g['max_ms'] <= 50
    rows.append((f'Main loop, {what}: gap p50 / p99 / max (longest own work)', show_gaps(g),
                 show_gaps(base), '', 'p99 ≤ 16 ms, max ≤ 50 ms' if goal else '',
                 met if goal else None))


def wall_ms(argv, env=None):
    t0 = time.monotonic()
    subprocess.run(argv, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return (time.monotonic() - t0) * 1000


def latency(*args):
    return keyvalues([LATENCY, *args])


def ratio(a, b):
    return a / b if b else float('inf')


def main():
    rows = []

    # Start-up and memory, alternating so that both see the same machine.
    app, base = [], []
    start_once(APP)  # warm the caches for both
    start_once(BASELINE)
    for _ in range(RUNS):
        app.append(start_once(APP))
        base.append(start_once(BASELINE))
    a_ms = statistics.median(x[0] for x in app)
    b_ms = statistics.median(x[0] for x in base)
    a_mb = statistics.median(x[1] for x in app)
    b_mb = statistics.median(x[1] for x in base)
    rows.append(('Start-up, exec to first frame (median)', f'{a_ms:.0f} ms', f'{b_ms:.0f} ms',
                 f'{ratio(a_ms, b_ms):.2f}×', '≤ 1.15×', ratio(a_ms, b_ms) <= 1.15))
    rows.append(('Resident memory after settling (median)', f'{a_mb:.1f} MiB', f'{b_mb:.1f} MiB',
                 f'{ratio(a_mb, b_mb):.2f}×', '≤ 1.15×', ratio(a_mb, b_mb) <= 1.15))

    # Typing into the applicant's email with every page built, against
    # typing into the baseline's one entry row, alternating: the main
    # thread's CPU time per keystroke (issue 19: each one used to validate
    # the whole order several times).
    typed, typed_base = [], []
    for _ in range(3):
        typed.append(type_once(APP))
        typed_base.append(type_once(BASELINE))
    t_med = statistics.median(x[0] for x in typed)
    t_p99 = statistics.median(x[1] for x in typed)
    b_med = statistics.median(x[0] for x in typed_base)
    b_p99 = statistics.median(x[1] for x in typed_base)
    rows.append(('Typing, main-thread CPU per keystroke: median / p99 (medians of 3 runs)',
                 f'{t_med:.0f} / {t_p99:.0f} µs', f'{b_med:.0f} / {b_p99:.0f} µs',
                 f'{ratio(t_med, b_med):.2f}×', '', None))

    # Token enumeration: the app's monitor, in a process that runs only it,
    # against p11-kit's own listing of the same registered modules, both
    # from exec to exit. `pkio-order tokens` adds loading GTK (the command
    # line shares the app's binary): shown, not held to the goal.
    ours, p11, cli = [], [], []
    for _ in range(RUNS):
        ours.append(wall_ms([LATENCY, 'enumerate-registered']))
        p11.append(wall_ms(['p11-kit', 'list-modules']))
        cli.append(wall_ms(APP + ['tokens']))
    o, p, c = statistics.median(ours), statistics.median(p11), statistics.median(cli)
    rows.append(('Token enumeration: the monitor vs `p11-kit list-modules`', f'{o:.0f} ms',
                 f'{p:.0f} ms', f'{ratio(o, p):.2f}×', '≤ 1.2×', ratio(o, p) <= 1.2))
    rows.append(('Token enumeration: `pkio-order tokens` (loads GTK too)', f'{c:.0f} ms',
                 f'{p:.0f} ms', f'{ratio(c, p):.2f}×', '', None))

    # Start-up with 10,000 drafts and 10,000 history entries, written
    # through the store as the app writes them, against an empty store
    # (the same keyring key, another data folder), alternating; with the
    # latency probe on from the first frame until a second after the
    # stores are loaded, against the baseline window idle as long.
    seeded_home = os.path.join(WORK, 'seeded-data')
    empty_home = os.path.join(WORK, 'empty-data')
    os.makedirs(empty_home, exist_ok=True)
    subprocess.run([ORDERS, 'seed', EXAMPLE, str(SEEDED), str(SEEDED)],
                   env=dict(ENV, XDG_DATA_HOME=seeded_home), check=True,
                   stdout=subprocess.DEVNULL)
    probe_env = dict(ENV, PKIO_BENCH_PROBE='1')
    seeded_env = dict(probe_env, XDG_DATA_HOME=seeded_home)
    empty_env = dict(probe_env, XDG_DATA_HOME=empty_home)
    probe_once(APP, seeded_env)  # warm the page cache for the seeded files
    seeded, empty, idle_window = [], [], []
    for _ in range(RUNS // 2):
        seeded.append(probe_once(APP, seeded_env))
        empty.append(probe_once(APP, empty_env))
        idle_window.append(probe_once(BASELINE, probe_env))
    s_ff = statistics.median(x[0] for x in seeded)
    e_ff = statistics.median(x[0] for x in empty)
    s_ld = statistics.median(x[1] for x in seeded)
    e_ld = statistics.median(x[1] for x in empty)
    rows.append((f'Start-up with {SEEDED:,} drafts + {SEEDED:,} history entries vs an empty store, '
                 'exec to first frame', f'{s_ff:.0f} ms', f'{e_ff:.0f} ms (empty)',
                 f'{ratio(s_ff, e_ff):.2f}×', '≤ 1.10×', ratio(s_ff, e_ff) <= 1.10))
    rows.append((f'… exec to drafts, outbox and history loaded', f'{s_ld:.0f} ms',
                 f'{e_ld:.0f} ms (empty)', f'{ratio(s_ld, e_ld):.2f}×', '', None))
    base_idle = gaps([x[2] for x in idle_window])

    # Main-loop latency: the monitor scanning a slow module and SoftHSM.
    scan = latency('scan', '10', os.path.join(WORK, 'slow-module.so'), SOFTHSM)
    gap_row(rows, '(a) scanning a slow token module', [scan], base_idle)

    # (b) one order through the outbox to a simulator that answers in 3 s.
    slow = [keyvalues([ORDERS, 'submit-slow', EXAMPLE, os.path.join(WORK, f'slow-{i}'), '3000'])
            for i in range(3)]
    gap_row(rows, '(b) submitting to a simulator that answers after 3 s', slow, base_idle)

    # (c) the window starting with the seeded store.
    gap_row(rows, f'(c) starting with {SEEDED:,} drafts + {SEEDED:,} history entries',
            [x[2] for x in seeded], base_idle)

    # The same, drawn with GTK's cairo renderer instead of GL: this machine
    # has no GPU, so GL runs on Mesa's llvmpipe, where every frame of an
    # animation (the key banner, a toast) costs 20-40 ms, in the baseline
    # window too. Shown to tell drawing from the app's own work; no goal.
    cairo_env = dict(seeded_env, GSK_RENDERER='cairo')
    cairo_base_env = dict(probe_env, GSK_RENDERER='cairo')
    cairo_app, cairo_base = [], []
    for _ in range(3):
        cairo_app.append(probe_once(APP, cairo_env)[2])
        cairo_base.append(probe_once(BASELINE, cairo_base_env)[2])
    gap_row(rows, '… (c) drawn with GTK\'s cairo renderer instead of GL (diagnostic)',
            cairo_app, gaps(cairo_base), goal=False)

    # (d) flushing 200 queued orders.
    flush200 = keyvalues([ORDERS, 'flush', EXAMPLE, os.path.join(WORK, 'flush-200'), '200'])
    gap_row(rows, '(d) flushing 200 queued orders', [flush200], base_idle)

    # 1,000 queued balance orders against the rate-limit floor.
    flush = keyvalues([ORDERS, 'flush', EXAMPLE, os.path.join(WORK, 'flush-1000'), '1000'])
    total = flush['flush_ms'] / 1000
    floor = floor_s(1000)
    rows.append(('Outbox flush, 1,000 balance orders: total vs the rate-limit floor',
                 f'{total:.1f} s', f'{floor:.1f} s (floor)', f'{ratio(total, floor):.3f}×',
                 '≤ 1.05×', ratio(total, floor) <= 1.05 and flush['sent'] == 1000))
    rows.append(('… 429 answers; orders sent / placed', f'{flush["rate_limited"]:.0f}; '
                 f'{flush["sent"]:.0f} / {flush["placed"]:.0f}', '', '', '0; 1000 / 1000',
                 flush['rate_limited'] == 0 and flush['sent'] == 1000 and flush['placed'] == 1000))

    cpu = 'unknown'
    try:
        with open('/proc/cpuinfo') as f:
            cpu = next(l.split(':', 1)[1].strip() for l in f if l.startswith('model name'))
    except (OSError, StopIteration):
        pass
    print(f'Machine: {os.cpu_count()} cores, {cpu}, {platform.platform()}; '
          f'Xvfb, GTK {subprocess.run(["pkg-config", "--modversion", "gtk4"], capture_output=True, text=True).stdout.strip()}; '
          f'{RUNS} alternating runs each for start-up and memory, medians; '
          f'{RUNS // 2} for the store start-up. Main-loop gaps: p50 and p99 are medians over '
          f'the runs, max the worst run; "longest own work" is the most CPU time the main thread '
          f'spent within one gap (the rest of a gap is waiting: for a CPU, a lock or the disk); '
          f'the baseline column '
          f'for gaps is the baseline window idling as long.')
    print()
    print('| measure | PKIo Order | baseline | ratio | goal | met |')
    print('|---|---|---|---|---|---|')
    for name, a, b, r, goal, met in rows:
        shown = '—' if met is None else 'yes' if met else '**no**'
        print(f'| {name} | {a} | {b} | {r} | {goal} | {shown} |')


if __name__ == '__main__':
    main()
