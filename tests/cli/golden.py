#!/usr/bin/env python3
"""Golden runs of latentset-cli (tests/cli/README.md). The expectations are data, in golden.json;
this driver runs one case of it:

    golden.py --cli PATH --cases golden.json --data DIR --work DIR --case NAME

It prepares the case's files (copies, truncated copies), runs the command in a clean environment
(LATENTSET_DATA_DIR = DIR, its own cache and home folders, no XDG_RUNTIME_DIR, no display) and
checks: the exit code; stderr (empty on success, else one line matching the case's pattern, never
a signal); on success with --json the last stdout line's exact key set and each value's
expectation; the files the command wrote. Exit 0 = pass, 1 = fail (the reasons on stderr)."""
import argparse, json, math, os, re, shutil, struct, subprocess, sys, time, zlib


def expand(value, places):
    if isinstance(value, str):
        for k, v in places.items():
            value = value.replace('{' + k + '}', v)
        return value
    if isinstance(value, list):
        return [expand(v, places) for v in value]
    if isinstance(value, dict):
        return {expand(k, places): expand(v, places) for k, v in value.items()}
    return value


def lookup(obj, path):
    """`a.b.0.-1`: object keys and array indices (negative from the end)."""
    for part in path.split('.'):
        if isinstance(obj, list):
            obj = obj[int(part)]
        else:
            obj = obj[part]
    return obj


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def check_value(v, spec):
    """Returns None when `v` meets `spec`, else what is wrong. spec keys: near+abs|rel, range,
    equals, oneof, finite, falling (array: last < first), rising, len, all_range (every element)."""
    problems = []
    if 'equals' in spec and v != spec['equals']:
        problems.append('expected %r' % (spec['equals'],))
    if 'oneof' in spec and v not in spec['oneof']:
        problems.append('expected one of %r' % (spec['oneof'],))
    if 'near' in spec:
        tol = spec['abs'] if 'abs' in spec else spec.get('rel', 1e-6) * abs(spec['near'])
        if not is_number(v) or abs(v - spec['near']) > tol:
            problems.append('expected %r within %g' % (spec['near'], tol))
    if 'range' in spec:
        lo, hi = spec['range']
        if not is_number(v) or not (lo <= v <= hi):
            problems.append('expected a number in [%g, %g]' % (lo, hi))
    if spec.get('finite') and not (is_number(v) or (isinstance(v, list) and all(is_number(x) for x in v))):
        problems.append('expected finite number(s)')
    if 'len' in spec and (not isinstance(v, list) or len(v) != spec['len']):
        problems.append('expected an array of %d' % spec['len'])
    if 'min_len' in spec and (not isinstance(v, list) or len(v) < spec['min_len']):
        problems.append('expected an array of at least %d' % spec['min_len'])
    if 'all_range' in spec:
        lo, hi = spec['all_range']
        if not isinstance(v, list) or not all(is_number(x) and lo <= x <= hi for x in v):
            problems.append('expected every element in [%g, %g]' % (lo, hi))
    if spec.get('falling') and (not isinstance(v, list) or len(v) < 2 or not v[-1] < v[0]):
        problems.append('expected an array whose last element is below its first')
    return '; '.join(problems) or None


def png_size(path):
    """(width, height) of a PNG whose chunks all pass their CRC and whose IDAT inflates, else raises."""
    with open(path, 'rb') as f:
        b = f.read()
    if b[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    i, size, idat, ended = 8, None, b'', False
    while i < len(b):
        n, = struct.unpack('>I', b[i:i + 4])
        tag, data = b[i + 4:i + 8], b[i + 8:i + 8 + n]
        crc, = struct.unpack('>I', b[i + 8 + n:i + 12 + n])
        if zlib.crc32(tag + data) != crc:
            raise ValueError('bad CRC in chunk %r' % tag)
        if tag == b'IHDR':
            size = struct.unpack('>II', data[:8])
        elif tag == b'IDAT':
            idat += data
        elif tag == b'IEND':
            ended = True
        i += 12 + n
    zlib.decompress(idat)
    if size is None or not ended:
        raise ValueError('no IHDR or IEND')
    return list(size)


def check_file(path, spec):
    if not os.path.isfile(path):
        return 'not written'
    if 'png' in spec:
        try:
            size = png_size(path)
        except (ValueError, zlib.error, struct.error) as e:
            return 'not a valid PNG (%s)' % e
        if spec['png'] and size != spec['png']:
            return 'PNG is %dx%d, expected %dx%d' % (size[0], size[1], spec['png'][0], spec['png'][1])
    if 'min_bytes' in spec and os.path.getsize(path) < spec['min_bytes']:
        return 'only %d bytes' % os.path.getsize(path)
    if 'csv_header' in spec or 'csv_rows' in spec:
        with open(path) as f:
            lines = f.read().splitlines()
        if 'csv_header' in spec and (not lines or not lines[0].startswith(spec['csv_header'])):
            return 'CSV header %r, expected it to start with %r' % (lines[0] if lines else '', spec['csv_header'])
        if 'csv_rows' in spec and len(lines) - 1 != spec['csv_rows']:
            return '%d CSV rows, expected %d' % (len(lines) - 1, spec['csv_rows'])
    return None


def environment(case, places):
    env = {k: v for k, v in os.environ.items()
           if k not in ('XDG_RUNTIME_DIR', 'DISPLAY', 'WAYLAND_DISPLAY', 'QT_QPA_PLATFORM', 'XDG_DATA_HOME',
                        'XDG_CACHE_HOME', 'LATENTSET_DATA_DIR')}
    slug = re.sub(r'[^A-Za-z0-9]+', '-', case['name'])
    env['LATENTSET_DATA_DIR'] = places['data']
    env['XDG_CACHE_HOME'] = os.path.join(places['work'], 'cache', slug)
    env['HOME'] = os.path.join(places['work'], 'home')
    env.update(expand(case.get('env', {}), places))
    shutil.rmtree(env['XDG_CACHE_HOME'], ignore_errors=True)  # every run starts with a cold cache
    os.makedirs(env['XDG_CACHE_HOME'], exist_ok=True)
    os.makedirs(env['HOME'], exist_ok=True)
    return env


def prepare(case, places):
    for src, dst in expand(case.get('copy', []), places):
        shutil.copyfile(src, dst)
    for src, dst, keep in expand(case.get('truncate', []), places):
        with open(src, 'rb') as f:
            data = f.read(keep)
        with open(dst, 'wb') as f:
            f.write(data)


def run_case(cli, case, places):
    prepare(case, places)
    for path in expand(list(case.get('files', {})), places):
        if os.path.exists(path):
            os.remove(path)
    args = [cli] + expand(case['args'], places)
    started = time.monotonic()
    p = subprocess.run(args, env=environment(case, places), cwd=places['work'], capture_output=True,
                       text=True, timeout=case.get('timeout', 120))
    seconds = time.monotonic() - started
    print('$', ' '.join(args), '  (%.1f s, exit %d)' % (seconds, p.returncode))
    print(p.stdout[-3000:], end='')
    print(p.stderr, end='', file=sys.stderr)
    failures = []
    want = case.get('exit', 0)
    if p.returncode != want:
        failures.append('exit code %d, expected %d' % (p.returncode, want))
    if want == 0:
        if p.stderr.strip():
            failures.append('stderr is not empty')
    else:
        lines = p.stderr.splitlines()
        pattern = expand(case.get('stderr'), places)
        if pattern is not None and not any(re.search(pattern, line) for line in lines):
            failures.append('no stderr line matches %r' % pattern)
        if p.stdout.strip() and p.stdout.strip().splitlines()[-1].startswith('{'):
            failures.append('a JSON line was printed on failure')
    if want == 0 and '--json' in case['args']:
        last = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ''
        try:
            result = json.loads(last)
        except ValueError:
            result = None
            failures.append('the last stdout line is not JSON')
        if result is not None:
            if 'keys' in case and sorted(result) != sorted(case['keys']):
                missing = sorted(set(case['keys']) - set(result))
                extra = sorted(set(result) - set(case['keys']))
                failures.append('JSON keys differ: missing %s, unexpected %s' % (missing, extra))
            for path, spec in expand(case.get('values', {}), places).items():
                try:
                    v = lookup(result, path)
                except (KeyError, IndexError, ValueError, TypeError):
                    failures.append('%s: absent' % path)
                    continue
                problem = check_value(v, spec)
                if problem:
                    failures.append('%s = %s: %s' % (path, json.dumps(v)[:200], problem))
    if want == 0:
        for path, spec in expand(case.get('files', {}), places).items():
            problem = check_file(path, spec)
            if problem:
                failures.append('%s: %s' % (path, problem))
    for pattern in case.get('stdout', []):
        if not re.search(expand(pattern, places), p.stdout, re.M):
            failures.append('no stdout line matches %r' % pattern)
    if 'max_seconds' in case and seconds > case['max_seconds']:
        failures.append('took %.1f s, more than %g' % (seconds, case['max_seconds']))
    return failures


SKIP = 77  # ctest's SKIP_RETURN_CODE for these tests


def real_data_dir():
    """The data folder a user's latentset-cli reads (docs/cli.md), if it holds MNIST; else None."""
    if os.environ.get('LATENTSET_DATA_DIR'):
        folder = os.environ['LATENTSET_DATA_DIR']
    elif os.environ.get('XDG_DATA_HOME'):
        folder = os.path.join(os.environ['XDG_DATA_HOME'], 'latentset')
    else:
        folder = os.path.join(os.path.expanduser('~'), '.local', 'share', 'latentset')
    for name in ('train-images-idx3-ubyte', 'train-images-idx3-ubyte.gz'):
        if os.path.isfile(os.path.join(folder, 'mnist', name)):
            return folder
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cli', required=True)
    ap.add_argument('--cases', required=True)
    ap.add_argument('--data', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--case', required=True)
    a = ap.parse_args()
    with open(a.cases) as f:
        cases = json.load(f)['cases']
    matching = [c for c in cases if c['name'] == a.case]
    if len(matching) != 1:
        print('golden.py: no single case named %r in %s' % (a.case, a.cases), file=sys.stderr)
        return 1
    os.makedirs(a.work, exist_ok=True)
    # {legacy}: the files written by the code before the experiments moved into core
    # (tests/data/legacy/README.md), opened in place (read only).
    legacy = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'legacy')
    places = {'data': os.path.abspath(a.data), 'work': os.path.abspath(a.work), 'legacy': os.path.normpath(legacy)}
    if matching[0].get('real_mnist'):
        # A README / docs/cli.md figure on the real MNIST: skipped cleanly without it (CI, --no-data).
        real = real_data_dir()
        if real is None:
            print('skipped: the real MNIST is not installed (tools/setup.sh)')
            return SKIP
        places['real'] = real
    failures = run_case(os.path.abspath(a.cli), matching[0], places)
    for f in failures:
        print('FAIL:', f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
