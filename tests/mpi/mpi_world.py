#!/usr/bin/env python3
"""Sharded world training under mpirun (docs/scale.md), one case per ctest entry.

  same    mpirun -np 1, 2, 3 on a tiny rotation world: the saved members (values AND Adam
          moments: the "AESE" chunk) are byte for byte the same, and the transfer figures equal
          the ones of the ordinary one-process run (no mpirun) exactly.
  resume  6 rounds on 2 ranks, then --resume for 6 more on 3 ranks: the 12-round members.
  kill    rank 1 killed (SIGKILL) mid-run: the job ends within seconds with a non-zero status,
          and the checkpoint file is whole (it resumes).
  hang    rank 2 stopped (SIGSTOP): the others notice within --rank-timeout and end the job
          with a message naming the rank they waited for; the checkpoint is whole.

Usage: mpi_world.py --cli CLI --mpirun MPIRUN --make-data make_data.py --work DIR --case NAME
"""
import argparse
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import time

TINY = ['world', 'train', '--world', 'rotation', '--contexts', '7', '--hidden', '16', '--latent', '4',
        '--batch', '8', '--eval-items', '5', '--threads', '1']


def chunks(path):
    """{tag: [payload, ...]} of a LatentSet ChunkFile (util/ChunkFile.h)."""
    with open(path, 'rb') as f:
        data = f.read()
    assert data[:4] == b'LSET', path + ': not a LatentSet file'
    count = struct.unpack_from('<I', data, 8)[0]
    at, out = 16, {}
    for _ in range(count):
        tag = data[at:at + 4].decode()
        length = struct.unpack_from('<Q', data, at + 8)[0]
        out.setdefault(tag, []).append(data[at + 16:at + 16 + length])
        at += 16 + length + 4
    assert at == len(data), path + ': trailing bytes'
    return out


def children(pid):
    """Process ids whose parent is `pid` (from /proc: no procps needed)."""
    out = []
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open('/proc/%s/stat' % entry) as f:
                    fields = f.read().rsplit(')', 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry))
    return out


class Runner:
    def __init__(self, args):
        self.args = args
        self.work = os.path.join(args.work, args.case)
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        data = os.path.join(args.work, 'data')
        if not os.path.isdir(os.path.join(data, 'mnist')):
            subprocess.run([sys.executable, args.make_data, data], check=True, capture_output=True)
        self.env = dict(os.environ, LATENTSET_DATA_DIR=data, HOME=self.work, XDG_CACHE_HOME=self.work)

    def path(self, name):
        return os.path.join(self.work, name)

    def mpi(self, ranks, extra):
        return [self.args.mpirun, '--oversubscribe', '--allow-run-as-root', '-x', 'LATENTSET_DATA_DIR', '-x', 'HOME',
                '-x', 'XDG_CACHE_HOME', '-np', str(ranks), self.args.cli] + TINY + extra

    def run(self, command):
        p = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=120)
        if p.returncode != 0:
            sys.exit('FAILED (%d): %s\n%s\n%s' % (p.returncode, ' '.join(command), p.stdout, p.stderr))
        return json.loads(p.stdout.strip().splitlines()[-1])

    def start_killable(self, ranks, extra):
        """Starts a long run; returns (process, {rank: pid}) once its first checkpoint exists."""
        p = subprocess.Popen(self.mpi(ranks, extra), env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
        save = self.path('run.lset')
        for _ in range(600):
            if os.path.exists(save):
                break
            time.sleep(0.05)
        assert os.path.exists(save), 'no checkpoint appeared'
        time.sleep(0.3)
        pids = {}
        for child in children(p.pid):
            with open('/proc/%d/environ' % child, 'rb') as f:
                env = dict(kv.split(b'=', 1) for kv in f.read().split(b'\0') if b'=' in kv)
            if b'OMPI_COMM_WORLD_RANK' in env:
                pids[int(env[b'OMPI_COMM_WORLD_RANK'])] = child
        assert len(pids) == ranks, 'ranks not found: %r' % pids
        return p, pids

    def check_whole_checkpoint(self):
        """The checkpoint loads and resumes (one process, 2 more rounds)."""
        out = self.run([self.args.cli] + TINY + ['--resume', self.path('run.lset'), '--steps', '2',
                                                 '--save', self.path('after.lset'), '--json'])
        assert out['resumed_rounds'] > 0 and out['resumed_rounds'] % 50 == 0, out
        print('checkpoint whole: resumed at round', out['resumed_rounds'])


def case_same(r):
    plain = r.run([r.args.cli] + TINY + ['--steps', '12', '--json'])
    members = None
    for ranks in (1, 2, 3):
        out = r.run(r.mpi(ranks, ['--steps', '12', '--save', r.path('k%d.lset' % ranks), '--json']))
        assert out['ranks'] == ranks and out['rounds'] == 12, out
        for key in ('self_error', 'transfer_error', 'noise_variance'):
            assert out[key] == plain[key], (ranks, key, out[key], plain[key])
        got = chunks(r.path('k%d.lset' % ranks))['AESE']
        assert members is None or got == members, '%d ranks: other members than 1 rank' % ranks
        members = got
        assert (out['bytes_per_cross_round'] > 0) == (ranks > 1), out
        print('%d ranks: same members; %.0f bytes per cross round' % (ranks, out['bytes_per_cross_round']))


def case_resume(r):
    r.run(r.mpi(2, ['--steps', '12', '--save', r.path('straight.lset'), '--json']))
    r.run(r.mpi(2, ['--steps', '6', '--save', r.path('resumed.lset'), '--json']))
    out = r.run(r.mpi(3, ['--steps', '6', '--resume', r.path('resumed.lset'), '--json']))
    assert out['resumed_rounds'] == 6 and out['rounds'] == 12, out
    assert chunks(r.path('resumed.lset'))['AESE'] == chunks(r.path('straight.lset'))['AESE'], 'resume differs'
    print('6 + 6 rounds on 2 then 3 ranks = 12 rounds on 2 ranks')


def fault(r, rank, sig, extra, bound, expect):
    """Sends `sig` to `rank` of a running 3-rank job: it ends within `bound` s, non-zero, saying `expect`."""
    p, pids = r.start_killable(3, ['--steps', '0', '--minutes', '2', '--checkpoint-every', '50',
                                   '--save', r.path('run.lset')] + extra)
    t0 = time.time()
    os.kill(pids[rank], sig)
    _, err = p.communicate(timeout=60)
    seconds = time.time() - t0
    print('job ended %.1f s after signal %d to rank %d, status %d' % (seconds, sig, rank, p.returncode))
    assert p.returncode != 0 and seconds < bound, err
    assert expect in err, err
    r.check_whole_checkpoint()


def case_kill(r):
    fault(r, 1, signal.SIGKILL, [], 10, 'rank 1')


def case_hang(r):
    # The first rank whose wait runs out names the rank it waited for: rank 2, or a rank that was
    # itself waiting for rank 2 (docs/scale.md, "Faults").
    fault(r, 2, signal.SIGSTOP, ['--rank-timeout', '2'], 12, 'sent nothing for 2 s')


def main():
    ap = argparse.ArgumentParser()
    for name in ('cli', 'mpirun', 'make-data', 'work', 'case'):
        ap.add_argument('--' + name, required=True)
    args = ap.parse_args()
    {'same': case_same, 'resume': case_resume, 'kill': case_kill, 'hang': case_hang}[args.case](Runner(args))
    print('ok')


if __name__ == '__main__':
    main()
