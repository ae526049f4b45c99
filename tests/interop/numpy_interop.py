#!/usr/bin/env python3
"""LatentSet models in NumPy and back (docs/interop.md), checked with Debian's python3-numpy:

1. A small class set is trained and exported (`latentset-cli export`); NumPy rebuilds every
   member from the NPZ alone, reconstructs the test images it reads from the IDX file itself,
   computes the squared errors 1/2 |x - x*|^2 and the decision by the smallest, and compares them
   with `latentset-cli reconstruct` on the same images: reconstructions within 1e-5, the same
   decisions.
2. NumPy writes sets with known weights (tied and untied; float32 and float64; C and Fortran
   order; numpy.savez and numpy.savez_compressed); `latentset-cli import` builds model files of
   them; LatentSet's reconstructions must equal NumPy's (1e-5), the imported model must open in
   `mnist --load`, and its re-export must hold the weights NumPy wrote.
3. The two code blocks of docs/interop.md run as they stand there: the NumPy lines write a set
   that imports, and (when PyTorch is installed) the PyTorch lines reproduce LatentSet's
   reconstructions and decisions.
4. With --app, the desktop app opens an imported model (offscreen, a screenshot).

Usage: numpy_interop.py --cli latentset-cli [--app latentset] --work DIR"""
import argparse, json, os, shutil, struct, subprocess, sys

try:
    import numpy as np
except ImportError:
    sys.exit('numpy_interop: numpy is missing (Debian package python3-numpy; tools/setup.sh installs it)')

HERE = os.path.dirname(os.path.abspath(__file__))

TOL = 1e-5
ACT = {'linear': lambda a: a, 'relu': lambda a: np.maximum(a, 0), 'tanh': np.tanh,
       'sigmoid': lambda a: 1 / (1 + np.exp(-a))}


def run(args, env=None):
    p = subprocess.run(args, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit('numpy_interop: %s exited %d\n%s%s' % (' '.join(args), p.returncode, p.stdout, p.stderr))
    return json.loads(p.stdout.strip().splitlines()[-1]) if '--json' in args else p.stdout


def read_idx_images(path):
    with open(path, 'rb') as f:
        magic, n, h, w = struct.unpack('>IIII', f.read(16))
        assert magic == 0x803
        return np.frombuffer(f.read(n * h * w), dtype=np.uint8).reshape(n, h * w)


def reconstruct(z, x):
    """Every member's reconstruction of x (B, n) from the NPZ's arrays alone: (M, B, n)."""
    hidden = [int(h) for h in z['hidden_sizes']]
    acts = [str(a) for a in z['encoder_activations']] + [str(a) for a in z['decoder_activations']]
    layers = 2 * (len(hidden) + 1)
    out = []
    for i in range(z['W0'].shape[0]):
        y = x.astype(np.float64)
        for l in range(layers):
            W = z['W%d' % l][i] if 'W%d' % l in z else z['W%d' % (layers - 1 - l)][i].T
            y = ACT[acts[l]](y @ W.T.astype(np.float64) + z['b%d' % l][i])
        out.append(y)
    return np.stack(out)


def decide(x, recon):
    errors = 0.5 * ((x[None, :, :] - recon) ** 2).sum(axis=2).T  # (B, M), eq. 5's term
    return errors, errors.argmin(axis=1)


def check(cond, what):
    if not cond:
        sys.exit('numpy_interop: FAILED: ' + what)
    print('ok:', what)


def exported_set(cli, data, work):
    model, npz, out = [os.path.join(work, f) for f in ('trained.lset', 'trained.npz', 'cli-recon.npz')]
    run([cli, 'mnist', '--dataset', data + '/mnist', '--epochs', '2', '--mlp-epochs', '0', '--hidden', '48',
         '--latent', '4', '--lr', '0.005', '--threads', '2', '--calibration', '20', '--save', model])
    run([cli, 'export', '--model', model, '--format', 'npz', '--out', npz, '--json'])
    cli_out = run([cli, 'reconstruct', '--model', model, '--dataset', data + '/mnist', '--limit', '200', '--out', out,
                   '--json'])
    z = np.load(npz)
    x = read_idx_images(data + '/mnist/t10k-images-idx3-ubyte')[:200].astype(np.float32) * np.float32(1 / 255)
    recon = reconstruct(z, x)
    errors, decisions = decide(x, recon)
    r = np.load(out)
    check(np.array_equal(r['images'], x), 'the CLI saw the same images as NumPy (pixel * float32(1/255))')
    gap = float(np.abs(recon - r['reconstructions']).max())
    print('  max |NumPy - LatentSet| reconstruction difference: %.3g' % gap)
    check(gap <= TOL, 'reconstructions of %d members x %d images within %g' % (recon.shape[0], x.shape[0], TOL))
    rel = float((np.abs(errors - r['errors']) / np.maximum(errors, 1e-6)).max())
    print('  max relative squared-error difference: %.3g' % rel)
    check(rel <= TOL, 'squared errors within %g (relative)' % TOL)
    check(np.array_equal(decisions, r['decisions']), 'the same %d decisions' % len(decisions))
    acc = float((decisions == r['labels']).mean())
    check(abs(acc - cli_out['accuracy']) < 1e-12, 'the same accuracy (%.3f)' % acc)
    return model


def known_set(tied, rng, dims=(16, 6, 3)):
    n, h, d = dims
    M = 3
    arrays = {'format': np.array('latentset-set'), 'format_version': np.array(1), 'input_size': np.array(n),
              'latent_size': np.array(d), 'hidden_sizes': np.array([h]), 'tied': np.array(tied),
              'encoder_activations': np.array(['tanh', 'linear']), 'decoder_activations': np.array(['relu', 'sigmoid']),
              'loss': np.array('mse'), 'member_names': np.array(['ring', 'bar', 'dot'])}
    sizes = [n, h, d, h, n]
    for l in range(4):
        if not tied or l < 2:
            arrays['W%d' % l] = rng.normal(0, 0.7, size=(M, sizes[l + 1], sizes[l])).astype(np.float32)
        arrays['b%d' % l] = rng.normal(0, 0.1, size=(M, sizes[l + 1])).astype(np.float32)
    return arrays


def write_idx(folder, images, labels, side):
    os.makedirs(folder, exist_ok=True)
    for split in ('train', 't10k'):
        with open(os.path.join(folder, split + '-images-idx3-ubyte'), 'wb') as f:
            f.write(struct.pack('>IIII', 0x803, len(images), side, side) + images.tobytes())
        with open(os.path.join(folder, split + '-labels-idx1-ubyte'), 'wb') as f:
            f.write(struct.pack('>II', 0x801, len(labels)) + labels.tobytes())


def imported_sets(cli, work):
    rng = np.random.default_rng(18)
    pixels = rng.integers(0, 256, size=(30, 16), dtype=np.uint8)
    labels = (np.arange(30) % 3).astype(np.uint8)
    write_idx(os.path.join(work, 'tiny'), pixels, labels, 4)
    x = pixels.astype(np.float32) * np.float32(1 / 255)
    variants = [('tied float32 savez', True, np.float32, False, np.savez),
                ('untied float64 Fortran savez_compressed', False, np.float64, True, np.savez_compressed)]
    for name, tied, dtype, fortran, save in variants:
        arrays = known_set(tied, rng)
        written = {k: (np.asfortranarray(v.astype(dtype)) if fortran else v.astype(dtype))
                   if k[0] in 'Wb' and k[1:].isdigit() else v for k, v in arrays.items()}
        stem = os.path.join(work, name.replace(' ', '-'))
        save(stem + '.npz', **written)
        imported = run([cli, 'import', stem + '.npz', '--out', stem + '.lset', '--json'])
        check(imported['members'] == 3, name + ': imported 3 members (%s)' % imported['member'])
        out = run([cli, 'reconstruct', '--model', stem + '.lset', '--dataset', os.path.join(work, 'tiny'),
                   '--limit', '0', '--out', stem + '-recon.npz', '--json'])
        ours = reconstruct(written, x)
        r = np.load(stem + '-recon.npz')
        gap = float(np.abs(ours - r['reconstructions']).max())
        print('  max |NumPy - LatentSet| reconstruction difference: %.3g' % gap)
        check(gap <= TOL, name + ': LatentSet reconstructs as NumPy within %g' % TOL)
        check(np.array_equal(decide(x, ours)[1], r['decisions']), name + ': the same decisions')
        check(out['images'] == 30, name + ': all 30 images')
        run([cli, 'export', '--model', stem + '.lset', '--out', stem + '-again.npz'])
        again = np.load(stem + '-again.npz')
        same = all(np.array_equal(again[k], arrays[k]) for k in arrays if k[0] in 'Wb' and k[1:].isdigit())
        check(same and ('W2' in again) == (not tied), name + ': the re-export holds the weights NumPy wrote')
        check(list(again['member_names']) == ['ring', 'bar', 'dot'], name + ': member names kept')
    return stem + '.lset'


def doc_block(tag):
    """The ```python block after '<!-- interop-test: TAG -->' in docs/interop.md."""
    text = open(os.path.join(HERE, '..', '..', 'docs', 'interop.md'), encoding='utf-8').read()
    after = text.split('<!-- interop-test: %s -->' % tag, 1)[1]
    return after.split('```python\n', 1)[1].split('```', 1)[0]


def documented_code(cli, work):
    docs = os.path.join(work, 'docs')
    os.makedirs(docs)
    subprocess.run([sys.executable, '-c', doc_block('numpy')], cwd=docs, check=True)
    imported = run([cli, 'import', os.path.join(docs, 'myset.npz'), '--out', os.path.join(docs, 'myset.lset'),
                    '--json'])
    check(imported['member'] == '784-256relu-16linear-256relu-784sigmoid, untied, bce',
          "docs/interop.md's NumPy lines write a set that imports (%s)" % imported['member'])
    try:
        import torch  # noqa: F401
    except ImportError:
        print('skipped: the PyTorch lines of docs/interop.md (no python3-torch here)')
        return
    shutil.copy(os.path.join(work, 'trained.npz'), os.path.join(docs, 'set.npz'))
    shutil.copy(os.path.join(work, 'cli-recon.npz'), os.path.join(docs, 'recon.npz'))
    p = subprocess.run([sys.executable, '-c', doc_block('pytorch')], cwd=docs, check=True, capture_output=True,
                       text=True)
    gap, same = p.stdout.split()
    print('  PyTorch: max |PyTorch - LatentSet| reconstruction difference: %.3g' % float(gap))
    check(float(gap) <= TOL and same == 'True',
          "docs/interop.md's PyTorch lines reproduce the reconstructions and decisions")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cli', required=True)
    ap.add_argument('--app')
    ap.add_argument('--work', required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    data = os.path.join(a.work, 'data')
    subprocess.run([sys.executable, os.path.join(HERE, '..', 'cli', 'make_data.py'), data], check=True,
                   capture_output=True)
    trained = exported_set(a.cli, data, a.work)
    # The model rebuilt from its own NPZ opens in the class-set commands like the original.
    back = os.path.join(a.work, 'back.lset')
    run([a.cli, 'import', os.path.join(a.work, 'trained.npz'), '--out', back])
    env = dict(os.environ, LATENTSET_DATA_DIR=data)
    first = run([a.cli, 'mnist', '--load', trained, '--dataset', data + '/mnist', '--json'], env)
    second = run([a.cli, 'mnist', '--load', back, '--dataset', data + '/mnist', '--json'], env)
    check(first['ae_set_accuracy_raw'] == second['ae_set_accuracy_raw']
          and first['ae_set_accuracy_calibrated'] == second['ae_set_accuracy_calibrated'],
          'mnist --load: the imported set decides as the original (raw %.3f, calibrated %.3f)'
          % (second['ae_set_accuracy_raw'], second['ae_set_accuracy_calibrated']))
    imported_sets(a.cli, a.work)
    documented_code(a.cli, a.work)
    if a.app:
        shot = os.path.join(a.work, 'app.png')
        env = dict(os.environ, QT_QPA_PLATFORM='offscreen', LATENTSET_DATA_DIR=data,
                   HOME=a.work, XDG_CONFIG_HOME=os.path.join(a.work, 'config'))
        run([a.app, '--project', back, '--view', 'training', '--screenshot', shot], env)
        check(os.path.getsize(shot) > 1000, 'the app opens the imported model (%s)' % shot)


if __name__ == '__main__':
    main()
