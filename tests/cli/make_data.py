#!/usr/bin/env python3
"""Writes the small data the golden CLI runs read (tests/cli/README.md), into OUT:

  OUT/mnist/     MNIST-shaped IDX files: 400 training and 200 test images, 28x28, 10 classes.
                 Class k is a soft stroke through the centre at k x 18 degrees, jittered in angle,
                 position, length and width (a digit-like task a tiny class set learns in seconds).
  OUT/fashion/   the same shape and size, filled boxes and rings: the anomalies of `likelihood`.
  OUT/folder/    an image-folder dataset: class folders a/ and b/ with three 8x8 PNGs each.
  OUT/bad/       hostile inputs: truncated IDX files, a CSV with a bad number, a folder with mixed sizes.
  OUT/empty/     an empty data folder (no MNIST) for the "data missing" cases.
  OUT/paired/    a paired folder (3 contexts x 12 items, contexts.csv); OUT/bad/paired-*: its malformed layouts.

Pure Python (no numpy), seeded: the same bytes on every run. Run: python3 make_data.py OUT"""
import math, os, random, struct, sys, zlib

SIZE = 28


def stroke(rng, k):
    angle = math.radians(k * 18.0 + rng.uniform(-5, 5))
    cx, cy = 13.5 + rng.uniform(-2, 2), 13.5 + rng.uniform(-2, 2)
    half, width = rng.uniform(7, 10), rng.uniform(1.4, 2.2)
    dx, dy = math.cos(angle), math.sin(angle)
    px = bytearray(SIZE * SIZE)
    for y in range(SIZE):
        for x in range(SIZE):
            rx, ry = x - cx, y - cy
            along = rx * dx + ry * dy
            across = abs(-rx * dy + ry * dx)
            beyond = max(0.0, abs(along) - half)
            d = math.hypot(across, beyond)
            v = max(0.0, min(1.0, (width + 0.8 - d) / 1.6))
            px[y * SIZE + x] = int(round(255 * v))
    return px


def blob(rng, k):
    px = bytearray(SIZE * SIZE)
    x0, y0 = rng.randint(2, 12), rng.randint(2, 12)
    x1, y1 = x0 + rng.randint(8, 14), y0 + rng.randint(8, 14)
    ring = k % 2 == 1
    for y in range(y0, min(SIZE, y1)):
        for x in range(x0, min(SIZE, x1)):
            edge = min(x - x0, x1 - 1 - x, y - y0, y1 - 1 - y)
            if not ring or edge < 2:
                px[y * SIZE + x] = 200 + rng.randint(0, 55)
    return px


def write_idx(folder, prefix, images, labels):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, prefix + '-images-idx3-ubyte'), 'wb') as f:
        f.write(struct.pack('>IIII', 0x803, len(images), SIZE, SIZE))
        for im in images:
            f.write(im)
    with open(os.path.join(folder, prefix + '-labels-idx1-ubyte'), 'wb') as f:
        f.write(struct.pack('>II', 0x801, len(labels)) + bytes(labels))


def split(rng, draw, count):
    labels = [i % 10 for i in range(count)]
    rng.shuffle(labels)
    return [draw(rng, k) for k in labels], labels


def write_png(path, width, height, gray):
    def chunk(tag, data):
        c = tag + data
        return struct.pack('>I', len(data)) + c + struct.pack('>I', zlib.crc32(c))
    raw = b''.join(b'\0' + bytes(gray[y * width:(y + 1) * width]) for y in range(height))
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 0, 0, 0, 0))
                + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))


def main(out):
    rng = random.Random(12)
    for name, draw, train, test in (('mnist', stroke, 400, 200), ('fashion', blob, 100, 100)):
        images, labels = split(rng, draw, train)
        write_idx(os.path.join(out, name), 'train', images, labels)
        images, labels = split(rng, draw, test)
        write_idx(os.path.join(out, name), 't10k', images, labels)
    for cls, value in (('a', 40), ('b', 220)):
        os.makedirs(os.path.join(out, 'folder', cls), exist_ok=True)
        for i in range(3):
            write_png(os.path.join(out, 'folder', cls, '%d.png' % i), 8, 8, [value + 5 * i] * 64)
    bad = os.path.join(out, 'bad')
    trunc = os.path.join(bad, 'truncated')
    os.makedirs(trunc, exist_ok=True)
    with open(os.path.join(out, 'mnist', 'train-images-idx3-ubyte'), 'rb') as f:
        head = f.read(16 + 1024)  # header claims 400 images, 1024 data bytes follow
    with open(os.path.join(trunc, 'train-images-idx3-ubyte'), 'wb') as f:
        f.write(head)
    with open(os.path.join(out, 'mnist', 'train-labels-idx1-ubyte'), 'rb') as f:
        labels = f.read()
    with open(os.path.join(trunc, 'train-labels-idx1-ubyte'), 'wb') as f:
        f.write(labels)
    with open(os.path.join(bad, 'fewshot-truncated.csv'), 'w') as f:  # fewshot --csv cut inside its last row
        f.write('per_class,seed,train_images,set_accuracy,mlp_accuracy\n1,1,10,0.4478,0.439\n1,2,10,0.35')
    with open(os.path.join(bad, 'badnumber.csv'), 'w') as f:
        f.write('label,' + ','.join('p%d' % i for i in range(16)) + '\n')
        f.write('1,' + ','.join(['0'] * 16) + '\n')
        f.write('2,' + ','.join(['0'] * 7 + ['abc'] + ['0'] * 8) + '\n')
    for cls, side in (('a', 8), ('b', 6)):
        os.makedirs(os.path.join(bad, 'mixed', cls), exist_ok=True)
        write_png(os.path.join(bad, 'mixed', cls, '0.png'), side, side, [100] * (side * side))
    os.makedirs(os.path.join(out, 'empty'), exist_ok=True)
    write_paired(out)


def paired_image(item, context, side=12):
    """Item `item` (a bar at a height of its own) seen in context `context` (moved right by 2 per context)."""
    gray = [0] * (side * side)
    row = 2 + item % 8
    for x in range(2 + 2 * context, min(side, 6 + 2 * context)):
        gray[row * side + x] = 200 + 4 * (item % 10)
        gray[(row + 1) * side + x] = 120
    return gray


def write_paired(out):
    """OUT/paired/: a good paired folder (3 contexts x 12 items, contexts.csv); OUT/bad/paired-*: each malformed layout."""
    def folder(root, contexts, items, side=12, skip=None, sizes=None):
        for c, name in enumerate(contexts):
            os.makedirs(os.path.join(root, name), exist_ok=True)
            for i in range(items):
                if skip == (name, i):
                    continue
                s = (sizes or {}).get((name, i), side)
                write_png(os.path.join(root, name, 'item%02d.png' % i), s, s, paired_image(i, c, s))
    good = os.path.join(out, 'paired')
    folder(good, ['left', 'middle', 'right'], 12)
    with open(os.path.join(good, 'contexts.csv'), 'w') as f:
        f.write('context,shift\nleft,0\nmiddle,2\nright,4\n')
    bad = os.path.join(out, 'bad')
    folder(os.path.join(bad, 'paired-missing'), ['left', 'right'], 4, skip=('right', 2))
    folder(os.path.join(bad, 'paired-one'), ['left'], 4)
    folder(os.path.join(bad, 'paired-mixed'), ['left', 'right'], 4, sizes={('right', 3): 10})
    folder(os.path.join(bad, 'paired-unreadable'), ['left', 'right'], 4)
    with open(os.path.join(bad, 'paired-unreadable', 'left', 'item01.png'), 'wb') as f:
        f.write(b'not a png')
    folder(os.path.join(bad, 'paired-csv'), ['left', 'right'], 4)
    with open(os.path.join(bad, 'paired-csv', 'contexts.csv'), 'w') as f:
        f.write('context,shift\nleft,0\nright,2\ntop,4\n')


if __name__ == '__main__':
    main(sys.argv[1])
