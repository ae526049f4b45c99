#!/usr/bin/env python3
"""Writes the small LSET files beside this script that lie about their sizes (one per
class of reader finding; docs/files.md). Run: python3 make.py tests/data/hostile"""
import struct, zlib, sys, os
out = sys.argv[1]
def chunkfile(chunks):
    head = b'LSET' + struct.pack('<II', 1, len(chunks))
    b = head + struct.pack('<I', zlib.crc32(head))
    for tag, ver, payload in chunks:
        c = tag.encode() + struct.pack('<IQ', ver, len(payload)) + payload
        b += c + struct.pack('<I', zlib.crc32(c))
    return b
def mat(rows, cols, data=b''):
    return struct.pack('<QQ', rows, cols) + data
def aecf(inp, hidden, latent):  # tied, relu/linear, relu/sigmoid, bce
    return ('AECF', 1, struct.pack('<qQqq', inp, 1, hidden, latent) + bytes([1, 0, 1, 2]) + bytes([1]) + bytes([0]))
def write(name, data):
    with open(os.path.join(out, name), 'wb') as f: f.write(data)
    print(name, len(data), 'bytes')
# 1. a class set claiming 10 members of 784-1000000-16 (3.1 GB each) in 4 KB
write('huge-members.lset', chunkfile([aecf(784, 1000000, 16),
    ('AESE', 1, struct.pack('<QQQ', 1, 10, 0) + b'\0' * 4000)]))
# 3. a cube model: side count INT_MAX + top 1 (the int sum wraps negative)
def cube_head(side, top, image, subsamples):
    cfg = struct.pack('<iiii', side, top, image, 28) + struct.pack('<dddd', 30.0, 4.0, 30.0, 0.0) \
        + struct.pack('<i', subsamples) + bytes([1]) + struct.pack('<dd', 0.35, 0.25)
    recipe = struct.pack('<qqiifQ', 256, 16, 32, 1, 1e-3, 1)
    return ('CUBE', 1, cfg + recipe + struct.pack('<qddd', 0, 0, 0, 0))
write('cube-count-overflow.lset', chunkfile([cube_head(2**31 - 1, 1, 64, 2), aecf(16, 4, 2),
    ('AESE', 1, struct.pack('<QQQ', 1, 2, 0) + b'\0' * 64)]))
# 4. a cube model: 2 contexts at 1024 px x 16^2 subsamples for members of 16 inputs
def member(inp, hidden, latent):  # tied: 2 weights, 4 biases, values only
    shapes = [(hidden, inp), (latent, hidden), (hidden, 1), (latent, 1), (hidden, 1), (inp, 1)]
    b = struct.pack('<Q', 0)
    for r, c in shapes: b += mat(r, c, b'\0' * (4 * r * c)) + bytes([0])
    return b
# 2. an MLP claiming 784-1000000-10 beside a tiny valid-shaped set config
write('huge-mlp.lset', chunkfile([aecf(4, 3, 2),
    ('AESE', 1, struct.pack('<QQQ', 1, 1, 0) + member(4, 3, 2)),
    ('MLPN', 1, struct.pack('<qqqQ', 784, 1000000, 10, 0) + b'\0' * 1024)]))
write('cube-huge-frame.lset', chunkfile([cube_head(1, 1, 1024, 16), aecf(16, 4, 2),
    ('AESE', 1, struct.pack('<QQQ', 1, 2, 0) + member(16, 4, 2) * 2)]))
# 5. a project holding only a concept chunk whose calibration tables are 0 x 0
def concept(contexts, hidden, ucols):
    b = struct.pack('<iIq', contexts, 1, hidden) + struct.pack('<iifQi', 150, 32, 3e-3, 1, 3) + bytes([1])
    shapes = [(hidden, contexts), (1, hidden), (hidden, 1), (contexts, hidden),  # untied weights
              (hidden, 1), (1, 1), (hidden, 1), (contexts, 1)]                  # biases
    b += struct.pack('<I', len(shapes))
    for r, c in shapes: b += mat(r, c, b'\0' * (4 * r * c))
    b += mat(0, ucols) + mat(0, ucols) + struct.pack('<Idd', 0, 0.1, 0.0)
    return ('CNCP', 2, b)
write('concept-empty-calibration.lset', chunkfile([concept(4, 3, 0)]))
# 6. the same with a well-formed empty calibration (must open)
write('concept-ok.lset', chunkfile([concept(4, 3, 1)]))
# 7. a matrix shape 0 x 2^63 inside a member
write('zero-dim-shape.lset', chunkfile([aecf(4, 3, 2),
    ('AESE', 1, struct.pack('<QQQ', 1, 1, 0) + struct.pack('<Q', 0) + mat(0, 2**63) + b'\0' * 400)]))
