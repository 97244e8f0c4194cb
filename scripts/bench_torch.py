#!/usr/bin/python3
"""The PyTorch side of scripts/bench-vs-torch.sh (issue 15, item 5).

Times, on a unkd split directory (train.txt / valid.txt / test.txt, "user<TAB>item" lines, ids
indexed as unkd does: the union of the three files, numeric ids in numeric order), the same work
as unkd's defaults: batch 2048, every training pair once per epoch in a random order with one
uniform negative that is not a training item of the user, mean BPR + L2 (decay * 0.5 * (|p_u|^2 +
|q_i|^2 + |q_j|^2) / batch on the batch's layer-0 rows, unkd's L2Regularizer), Adam lr 0.001.

Each configuration: one warm-up epoch, then the median of --repeat epochs; an epoch's time
includes its shuffle and negative sampling (as unkd's epoch does). Prints one line per
configuration:  RESULT <figure> torch <config> <seconds> <load at start> <load at end>.
`bench_torch.py table FILE` prints the side-by-side table of a file of RESULT lines (both sides).
"""
import argparse
import math
import os
import statistics
import sys
import time

# Debian's torch calls whatever libblas.so.3 is installed; with the reference BLAS every matmul is
# several times slower (the teacher's top-100 ranking: 26 s against 5.4 s on a loaded machine), so use OpenBLAS (apt-get install libopenblas0-openmp; its OpenMP threads follow
# torch.set_num_threads) for this process only, whatever the system's alternative says.
OPENBLAS = '/usr/lib/x86_64-linux-gnu/openblas-openmp'
if __name__ == '__main__' and os.path.isdir(OPENBLAS) and OPENBLAS not in os.environ.get('LD_LIBRARY_PATH', ''):
    os.environ['LD_LIBRARY_PATH'] = OPENBLAS + ':' + os.environ.get('LD_LIBRARY_PATH', '')
    os.execv(sys.executable, [sys.executable] + sys.argv)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

BATCH, LR, DECAY, K = 2048, 0.001, 0.01, 20


def loadavg():
    return open('/proc/loadavg').read().split()[0]


# ---------------------------------------------------------------- data

def read_split(directory):
    parts = {}
    for name in ('train', 'valid', 'test'):
        path = os.path.join(directory, name + '.txt')
        parts[name] = np.loadtxt(path, dtype=np.int64, ndmin=2)[:, :2] if os.path.exists(path) else np.zeros((0, 2), np.int64)
    users = np.unique(np.concatenate([p[:, 0] for p in parts.values()]))
    items = np.unique(np.concatenate([p[:, 1] for p in parts.values()]))
    idx = {n: torch.from_numpy(np.stack([np.searchsorted(users, p[:, 0]), np.searchsorted(items, p[:, 1])], 1)) for n, p in parts.items()}
    return Data(len(users), len(items), idx['train'], idx['test']), users, items


class Data:
    def __init__(self, n_users, n_items, train, test):
        self.n_users, self.n_items = n_users, n_items
        self.train_u, self.train_i = train[:, 0].contiguous(), train[:, 1].contiguous()
        self.train_keys = (self.train_u * n_items + self.train_i).sort().values
        self.test_keys = (test[:, 0] * n_items + test[:, 1]).sort().values
        self.test_users = test[:, 0].unique()  # users with held-out items, ascending
        self.test_count = torch.bincount(test[:, 0], minlength=n_users)


def member(keys, sorted_keys):
    pos = torch.searchsorted(sorted_keys, keys).clamp_(max=sorted_keys.numel() - 1)
    return sorted_keys[pos] == keys


def negatives(users, data):
    """One uniform item per user that is not a training item of that user (vectorised rejection)."""
    j = torch.randint(data.n_items, users.shape)
    redo = torch.arange(users.numel())
    while redo.numel():
        j[redo] = torch.randint(data.n_items, redo.shape)
        redo = redo[member(users[redo] * data.n_items + j[redo], data.train_keys)]
    return j


def epoch_triples(data):
    perm = torch.randperm(data.train_u.numel())
    u, i = data.train_u[perm], data.train_i[perm]
    return u, i, negatives(u, data)


def bpr_l2(pu, qi, qj):
    x = (pu * (qi - qj)).sum(1)
    l2 = pu.square().sum() + qi.square().sum() + qj.square().sum()
    return F.softplus(-x).mean() + DECAY * 0.5 * l2 / pu.shape[0]


def batches(n, max_batches):
    starts = range(0, n, BATCH)
    return starts[:max_batches] if max_batches else starts


# ---------------------------------------------------------------- models

class MF(torch.nn.Module):
    def __init__(self, data, dim, sparse):
        super().__init__()
        self.user = torch.nn.Embedding(data.n_users, dim, sparse=sparse)
        self.item = torch.nn.Embedding(data.n_items, dim, sparse=sparse)
        torch.nn.init.normal_(self.user.weight, std=0.1)
        torch.nn.init.normal_(self.item.weight, std=0.1)

    def final(self):
        return self.user.weight, self.item.weight


def optimiser(params, sparse, lr=LR):
    return torch.optim.SparseAdam(params, lr=lr) if sparse else torch.optim.Adam(params, lr=lr)


def mf_epoch(model, opt, data, max_batches):
    u, i, j = epoch_triples(data)
    for b in batches(u.numel(), max_batches):
        ub, ib, jb = u[b:b + BATCH], i[b:b + BATCH], j[b:b + BATCH]
        loss = bpr_l2(model.user(ub), model.item(ib), model.item(jb))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()


def normalised_adjacency(data):
    """Symmetric D^-1/2 A D^-1/2 of the user-item graph (users first), a coalesced COO tensor."""
    n = data.n_users + data.n_items
    rows = torch.cat([data.train_u, data.train_i + data.n_users])
    cols = torch.cat([data.train_i + data.n_users, data.train_u])
    deg = torch.bincount(rows, minlength=n).float()
    val = deg[rows].rsqrt() * deg[cols].rsqrt()
    return torch.sparse_coo_tensor(torch.stack([rows, cols]), val, (n, n)).coalesce()


class LightGCN(torch.nn.Module):
    def __init__(self, data, dim, layers=2):
        super().__init__()
        self.n_users, self.layers, self.adj = data.n_users, layers, normalised_adjacency(data)
        self.user = torch.nn.Parameter(torch.randn(data.n_users, dim) * 0.1)
        self.item = torch.nn.Parameter(torch.randn(data.n_items, dim) * 0.1)

    def final(self):
        e = torch.cat([self.user, self.item])
        acc = e
        for _ in range(self.layers):
            e = torch.sparse.mm(self.adj, e)
            acc = acc + e
        acc = acc / (self.layers + 1)
        return acc[:self.n_users], acc[self.n_users:]


def lightgcn_epoch(model, opt, data, max_batches):
    u, i, j = epoch_triples(data)
    for b in batches(u.numel(), max_batches):
        ub, ib, jb = u[b:b + BATCH], i[b:b + BATCH], j[b:b + BATCH]
        users, items = model.final()
        pu, qi, qj = users[ub], items[ib], items[jb]
        x = (pu * (qi - qj)).sum(1)
        l2 = model.user[ub].square().sum() + model.item[ib].square().sum() + model.item[jb].square().sum()
        loss = F.softplus(-x).mean() + DECAY * 0.5 * l2 / ub.numel()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()


# ---------------------------------------------------------------- full ranking

def train_mask_pairs(data, users):
    """(row in users, item) of the training pairs of the given ascending users, sorted by row."""
    row_of = torch.full((data.n_users,), -1, dtype=torch.long)
    row_of[users] = torch.arange(users.numel())
    rows = row_of[data.train_u]
    keep = rows >= 0
    rows, items = rows[keep], data.train_i[keep]
    order = rows.argsort()
    return rows[order], items[order]


@torch.no_grad()
def top_lists(user_emb, item_emb, data, users, k, block, mask_rows, mask_items):
    """Top-k unobserved items of every user in blocks of users; returns the lists (users x k)."""
    out = torch.empty(users.numel(), k, dtype=torch.long)
    bounds = torch.searchsorted(mask_rows, torch.arange(0, users.numel() + block, block))
    item_t = item_emb.t().contiguous()
    for n, b in enumerate(range(0, users.numel(), block)):
        scores = user_emb[users[b:b + block]] @ item_t
        lo, hi = bounds[n], bounds[n + 1]
        scores[mask_rows[lo:hi] - b, mask_items[lo:hi]] = -math.inf
        out[b:b + block] = scores.topk(k, dim=1, sorted=True).indices
    return out


@torch.no_grad()
def evaluate(user_emb, item_emb, data, block, mask):
    """Full ranking of the test users with Recall@10/20 and NDCG@10/20 (the figure unkd bench times)."""
    users = data.test_users
    top = top_lists(user_emb, item_emb, data, users, K, block, *mask)
    hits = member(users[:, None] * data.n_items + top, data.test_keys).float()
    n = data.test_count[users].float()
    disc = 1 / torch.log2(torch.arange(2, K + 2).float())
    ideal = torch.cumsum(disc, 0)
    out = {}
    for k in (10, 20):
        out[f'recall@{k}'] = (hits[:, :k].sum(1) / n).mean().item()
        out[f'ndcg@{k}'] = ((hits[:, :k] * disc[:k]).sum(1) / ideal[(n.clamp(max=k) - 1).long()]).mean().item()
    return out


# ---------------------------------------------------------------- DE-RRD (student MF-10, teacher MF-100)

class Experts(torch.nn.Module):
    """E experts Linear(s, h)-ReLU-Linear(h, t) as batched matmuls, and the selection network Linear(t, E) + softmax."""
    def __init__(self, s, t, experts):
        super().__init__()
        h = (s + t) // 2
        self.first = torch.nn.Linear(s, experts * h)
        bound = 1 / math.sqrt(h)
        self.w2 = torch.nn.Parameter(torch.empty(experts, h, t).uniform_(-bound, bound))
        self.b2 = torch.nn.Parameter(torch.empty(experts, 1, t).uniform_(-bound, bound))
        self.gate = torch.nn.Linear(t, experts)
        self.experts, self.h = experts, h

    def loss(self, s, t, temperature=10.0):
        """Mean over the rows of |t - sum_e z_e f_e(s)|^2, z the Gumbel-softmax of the gate on t."""
        hidden = F.relu(self.first(s)).view(-1, self.experts, self.h).transpose(0, 1)  # E x n x h
        out = torch.baddbmm(self.b2, hidden, self.w2)  # E x n x t
        p = F.softmax(self.gate(t), 1)
        g = -torch.log(-torch.log(torch.rand_like(p).clamp_(1e-20, 1 - 1e-7)))
        z = F.softmax((torch.log(p + 1e-10) + g) / temperature, 1)  # n x E
        mix = torch.einsum('ne,ent->nt', z, out)
        return (t - mix).square().sum(1).mean()


def rrd_excluded(data, top):
    """Sorted keys user * n_items + item of each user's training items and teacher's top-T items."""
    return torch.cat([data.train_keys, (torch.arange(top.shape[0])[:, None] * data.n_items + top).flatten()]).sort().values


def rrd_samples(data, top, excluded, k=20, l=20, temperature=30.0):
    """Per user: k of the teacher's top-T unobserved items drawn without replacement with
    p(r) ~ exp(-(r+1)/temperature), kept in rank order, and l items drawn uniformly without
    replacement from the unobserved items outside that top T."""
    n_users, t = top.shape
    law = torch.exp(-(torch.arange(t) + 1.0) / temperature).expand(n_users, t)
    interesting = top.gather(1, torch.multinomial(law, k).sort(1).values)
    users = torch.arange(n_users)[:, None].expand(n_users, l)
    cand = torch.empty(n_users, l, dtype=torch.long)
    bad = torch.ones(n_users, l, dtype=torch.bool)
    while bad.any():
        cand[bad] = torch.randint(data.n_items, (int(bad.sum()),))
        bad = member(users * data.n_items + cand, excluded)
        s, order = cand.sort(1)
        dup = torch.zeros_like(bad)
        dup.scatter_(1, order[:, 1:], s[:, 1:] == s[:, :-1])
        bad |= dup
    return interesting, cand


def relaxed_ranking(pu, q_int, q_unint):
    """-[sum_k x_k - sum_k log(sum_{j>=k} e^{x_j} + sum_l e^{y_l})] on sigmoid scores, mean over rows."""
    x = torch.sigmoid((pu[:, None, :] * q_int).sum(2))
    y = torch.sigmoid((pu[:, None, :] * q_unint).sum(2))
    tail = torch.flip(torch.cumsum(torch.flip(x.exp(), [1]), 1), [1])
    return -(x.sum(1) - torch.log(tail + y.exp().sum(1, keepdim=True)).sum(1)).mean()


def derrd_epoch(state, data, max_batches, kd_weight=0.01, de_weight=0.001):
    student, opt, ue, ie, eopt, teacher_u, teacher_i, top, excluded = state
    interesting, uninteresting = rrd_samples(data, top, excluded)  # redrawn every epoch (unkd's default)
    u, i, j = epoch_triples(data)
    for b in batches(u.numel(), max_batches):
        ub, ib, jb = u[b:b + BATCH], i[b:b + BATCH], j[b:b + BATCH]
        pu = student.user(ub)
        loss = bpr_l2(pu, student.item(ib), student.item(jb))
        loss = loss + kd_weight * relaxed_ranking(pu, student.item(interesting[ub]), student.item(uninteresting[ub]))
        du, dp, dn = ub.unique(), ib.unique(), jb.unique()  # DE on the batch's distinct users, positives, negatives
        de = ue.loss(student.user(du), teacher_u[du]) + 0.5 * ie.loss(student.item(dp), teacher_i[dp]) \
            + 0.5 * ie.loss(student.item(dn), teacher_i[dn])
        loss = loss + de_weight * de
        opt.zero_grad(set_to_none=True)
        eopt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        eopt.step()


def load_teacher(directory, users, items, data):
    """The teacher's exported embeddings (unkd export: users.npy, items.npy, *.ids.txt) in this script's row order."""
    if directory is None:
        print('# no --teacher: random MF-100 teacher embeddings', file=sys.stderr)
        return torch.randn(data.n_users, 100) * 0.1, torch.randn(data.n_items, 100) * 0.1
    out = []
    for side, ids in (('users', users), ('items', items)):
        emb = np.load(os.path.join(directory, side + '.npy')).astype(np.float32)
        row = {int(x): r for r, x in enumerate(open(os.path.join(directory, side + '.ids.txt')).read().split())}
        out.append(torch.from_numpy(emb[[row[int(x)] for x in ids]]))
    return out


# ---------------------------------------------------------------- driver

def timed(figure, config, threads, run, repeat):
    torch.set_num_threads(threads)
    start = loadavg()
    run()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    print(f'RESULT {figure} torch {config},threads={threads} {statistics.median(times):.4f} {start} {loadavg()}', flush=True)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default='../shared/data/citeulike')
    ap.add_argument('--figures', default='mf,lightgcn,eval,derrd')
    ap.add_argument('--repeat', type=int, default=3, help='timed epochs after the warm-up (median)')
    ap.add_argument('--threads', default='1,2')
    ap.add_argument('--teacher', help='directory of `unkd export` of the MF-100 teacher (DE-RRD); default: random')
    ap.add_argument('--quick', action='store_true', help='smoke check: 5 batches per epoch, 1 timed epoch, 512 test users')
    args = ap.parse_args(argv)
    torch.manual_seed(2022)
    data, users, items = read_split(args.data)
    max_batches = 5 if args.quick else 0
    repeat = 1 if args.quick else args.repeat
    if args.quick:
        data.test_users = data.test_users[:512]
    figures = args.figures.split(',')
    threads = [int(t) for t in args.threads.split(',')]
    blas = sorted({line.split('/')[-1].strip() for line in open('/proc/self/maps') if 'blas' in line})
    print(f'# torch {torch.__version__} (BLAS: {", ".join(blas) or "none loaded"}), {data.n_users} users, {data.n_items} items, {data.train_u.numel()} train pairs, '
          f'{data.test_users.numel()} test users', flush=True)
    if 'derrd' in figures:  # preparation, untimed (as in unkd): the teacher's top-100 unobserved items per user
        teacher_u, teacher_i = load_teacher(args.teacher, users, items, data)
        everyone = torch.arange(data.n_users)
        top = top_lists(teacher_u, teacher_i, data, everyone, 100, 1024, *train_mask_pairs(data, everyone))
        excluded = rrd_excluded(data, top)
    for t in threads:
        for sparse in (True, False):
            name = 'SparseAdam' if sparse else 'Adam'
            if 'mf' in figures:
                model = MF(data, 100, sparse)
                opt = optimiser(list(model.parameters()), sparse)
                timed('mf100-epoch', f'{name}', t, lambda: mf_epoch(model, opt, data, max_batches), repeat)
            if 'derrd' in figures:
                student = MF(data, 10, sparse)
                ue, ie = Experts(10, 100, 5), Experts(10, 100, 5)
                state = (student, optimiser(list(student.parameters()), sparse), ue, ie,
                         torch.optim.Adam(list(ue.parameters()) + list(ie.parameters()), lr=LR), teacher_u, teacher_i, top, excluded)
                timed('derrd-epoch', f'{name}', t, lambda: derrd_epoch(state, data, max_batches), repeat)
        if 'lightgcn' in figures:  # propagation touches every row: dense Adam only
            model = LightGCN(data, 100)
            opt = torch.optim.Adam(model.parameters(), lr=LR)
            timed('lightgcn100-epoch', 'Adam,coo', t, lambda: lightgcn_epoch(model, opt, data, max_batches), repeat)
        if 'eval' in figures:
            model = MF(data, 100, False)
            mask = train_mask_pairs(data, data.test_users)
            for block in (256, 1024):
                timed('mf100-eval', f'block={block}', t, lambda: evaluate(*model.final(), data, block, mask), repeat)


def table(path):
    rows = [line.split() for line in open(path) if line.startswith('RESULT ')]
    out = [('figure', 'unkd s', 'fastest unkd config', 'PyTorch s', 'fastest PyTorch config', 'PyTorch / unkd')]
    for figure in dict.fromkeys(r[1] for r in rows):
        best = {side: min((r for r in rows if r[1] == figure and r[2] == side), key=lambda r: float(r[4]), default=None)
                for side in ('unkd', 'torch')}
        u, t = best['unkd'], best['torch']
        out.append((figure, u[4] if u else '-', u[3] if u else '-', t[4] if t else '-', t[3] if t else '-',
                    f'{float(t[4]) / float(u[4]):.2f}x' if u and t else '-'))
    widths = [max(len(r[c]) for r in out) for c in range(len(out[0]))]
    for r in out:
        print('  '.join(v.ljust(w) for v, w in zip(r, widths)))
    print('\nevery measurement: figure side config seconds load-at-start load-at-end (1-minute /proc/loadavg)')
    for r in rows:
        print('  ' + ' '.join(r[1:]))


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == 'table':
        table(sys.argv[2])
    else:
        main(sys.argv[1:])
