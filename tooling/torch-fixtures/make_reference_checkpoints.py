#!/usr/bin/env python3
"""Writes the PyTorch fixtures of @halp/torch-checkpoint with the HaLP reference's own modules.

Run by developers, not by CI (it needs torch; Debian: `apt-get install python3-torch`):

    python3 tooling/torch-fixtures/make_reference_checkpoints.py --reference ../HaLP \
        --out packages/torch-checkpoint/test/fixtures

`--reference` is a checkout of https://github.com/anshulbshah/HaLP. Its `moco` package is imported
as it is (nothing of it is copied here); only its unused imports (torchvision, tqdm, networkx, geomstats,
which the builders import at module level) are stubbed when missing.

Small seeded models (150 input channels = 25 joints x 3 coordinates x 2 bodies, H = 6, 2 layers,
E = 16, K = 32) are trained for two steps, so that the key encoder, the queue, the running
statistics and SGD's momentum buffers all differ from their initial values, then saved exactly as
`pretrain_moco_single_modality.py` saves them:

    torch.save({'epoch': epoch + 1, 'state_dict': model.state_dict(),
                'optimizer': optimizer.state_dict()}, 'checkpoint_{:04d}.pth.tar'.format(epoch))

- baseline.pth.tar: the MoCo baseline builder with `--mlp`, without DistributedDataParallel (how
  the reference's scripts run), storages on the CPU;
- halp-ddp-cuda.pth.tar: the HaLP builder (its `prototypes` buffer), linear head, wrapped in
  DistributedDataParallel (keys start with `module.`), storages tagged `cuda:0` as a GPU run tags
  them;
- cmd.pth.tar: CMD's builder (one BiGRU pair and queue per modality: encoder_q, encoder_q_motion,
  encoder_q_bone, queue_motion, …), tiny sizes, its encoders fed `inputs` from the expected file;
- isc-intra-sequence.pth.tar (with --isc-reference): ISC's intra-skeleton MoCo builder on the
  sequence representation (its BiGRU without input BatchNorm), linear head, saved as its
  `main_moco_intra_skeleton.py` does;
- legacy.pth: a small checkpoint in the pre-1.6 format (views sharing a storage, an int64 tensor); evil.pth: a checkpoint whose pickle calls
  os.system (halp must refuse it, not run it); other.pth: no MoCo, but a strided view, float16 and
  float64 tensors.

`clips.npy` holds 4 clips (N, C, T, V, M); `<name>.expected.json` the reference's outputs for them in eval mode: features (what `encoder_q.fc` receives, `knn_eval`),
embeddings (the head's output) and the key encoder's features, plus probes of the saved state
(epoch, queue pointer, a queue column, the first values of some momentum buffers, by parameter name).
"""
import argparse
import json
import os
import sys
import types

import numpy as np
import torch
import torch.nn.functional as F

INPUT_SIZE = 150  # 25 joints x 3 coordinates x 2 bodies, as NTU
HIDDEN = 6
LAYERS = 2
EMBEDDING = 16
QUEUE = 32
CLIPS, FRAMES = 4, 10


def stub_unused_imports():
    for name in ['torchvision', 'tqdm', 'networkx', 'geomstats', 'geomstats.learning', 'geomstats.learning.kmeans',
                 'geomstats.geometry', 'geomstats.geometry.hypersphere']:
        try:
            __import__(name)
        except ImportError:
            sys.modules[name] = types.ModuleType(name)
    sys.modules['tqdm'].__dict__.setdefault('tqdm', lambda iterable, *a, **k: iterable)
    sys.modules['geomstats.learning.kmeans'].__dict__.setdefault('RiemannianKMeans', None)
    sys.modules['geomstats.geometry.hypersphere'].__dict__.setdefault('Hypersphere', None)


def sequences(clips):
    """The reference's own (N, C, T, V, M) -> (N, T, V*C*M) reshape, as in MoCo.forward."""
    n, c, t, v, m = clips.shape
    return clips.permute(0, 2, 3, 1, 4).reshape(n, t, -1)


def train_two_steps(model, moco, optimizer, generator, batch=6):
    for _ in range(2):
        model.train()
        clips = torch.randn(batch, 3, FRAMES, 25, 2, generator=generator)
        other = clips + 0.1 * torch.randn(clips.shape, generator=generator)
        q = F.normalize(moco.encoder_q(sequences(clips)), dim=1)
        loss = torch.logsumexp(q @ moco.queue.clone().detach() / moco.T, dim=1).mean() - (q * q.detach()).sum(1).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            moco._momentum_update_key_encoder()
            moco._dequeue_and_enqueue(F.normalize(moco.encoder_k(sequences(other)), dim=1))


def expectations(moco, optimizer, epoch, clips, prefix, isc=False):
    moco.eval()
    with torch.no_grad():
        if isc:  # ISC's MoCo.forward needs two views; its feeder makes the sequences
            features = moco.encoder_q(sequences(clips), knn_eval=True)
        else:  # MoCo.forward: reshape, encoder_q(x, knn_eval=True)
            features = moco(clips, knn_eval=True)
        embeddings = moco.encoder_q(sequences(clips))
        key_features = moco.encoder_k(sequences(clips), knn_eval=True)
    names = {id(p): prefix + n for n, p in moco.named_parameters()}
    momentum = {}
    for group in optimizer.param_groups:
        for p in group['params']:
            name = names[id(p)]
            state = optimizer.state.get(p, {})
            if 'momentum_buffer' in state and any(
                    s in name for s in ['weight_ih_l0_reverse', 'bias_hh_l1', 'input_norm.weight', 'fc.0.weight',
                                        'fc.weight']):
                momentum[name] = state['momentum_buffer'].flatten()[:32].tolist()
    return {
        'epoch': epoch,
        'queue_pointer': int(moco.queue_ptr[0]),
        'queue_column_5': moco.queue[:, 5].tolist(),
        'momentum': momentum,
        'features': features.tolist(),
        'embeddings': embeddings.tolist(),
        'key_features': key_features.tolist(),
    }


def build(builder, mlp, seed, halp_args=None, isc=False):
    torch.manual_seed(seed)
    args_bi_gru = {'en_input_size': INPUT_SIZE, 'en_hidden_size': HIDDEN, 'en_num_layers': LAYERS,
                   'num_class': EMBEDDING}
    kwargs = {'dim': EMBEDDING, 'K': QUEUE, 'm': 0.5, 'T': 0.07, 'mlp': mlp}
    if halp_args is not None:
        kwargs['args'] = halp_args
    if isc:  # ISC's builders also take the graph and image encoders' arguments (unused for seq-based)
        kwargs.update(args_agcn={}, args_hcn={})
    with open(os.devnull, 'w') as quiet:  # the builders print the modules
        stdout, sys.stdout = sys.stdout, quiet
        try:
            return builder.MoCo('seq-based', args_bi_gru, **kwargs)
        finally:
            sys.stdout = stdout


def write(out, name, checkpoint, expected):
    torch.save(checkpoint, os.path.join(out, name + '.pth.tar'))
    with open(os.path.join(out, name + '.expected.json'), 'w') as f:
        json.dump(expected, f)
        f.write('\n')


CMD_STREAMS = ['', '_motion', '_bone']


def cmd_fixture(builder, generator):
    torch.manual_seed(4)
    args_bi_gru = {'en_input_size': 6, 'en_hidden_size': 4, 'en_num_layers': 1, 'num_class': 8}
    with open(os.devnull, 'w') as quiet:
        stdout, sys.stdout = sys.stdout, quiet
        try:
            model = builder.MoCo('seq-based', args_bi_gru, dim=8, K=16, m=0.5, T=0.07, mlp=True)
        finally:
            sys.stdout = stdout
    optimizer = torch.optim.SGD(model.parameters(), 0.01, momentum=0.9, weight_decay=1e-4)
    for _ in range(2):
        model.train()
        loss = 0
        for stream in CMD_STREAMS:
            x = torch.randn(4, 5, 6, generator=generator)
            q = F.normalize(getattr(model, 'encoder_q' + stream)(x), dim=1)
            loss = loss + torch.logsumexp(q @ getattr(model, 'queue' + stream).clone().detach() / 0.07, dim=1).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            for stream in CMD_STREAMS:
                getattr(model, '_momentum_update_key_encoder' + stream)()
                k = F.normalize(getattr(model, 'encoder_k' + stream)(torch.randn(4, 5, 6, generator=generator)), dim=1)
                getattr(model, '_dequeue_and_enqueue' + stream)(k)
    model.eval()
    inputs = torch.randn(3, 5, 6, generator=generator)
    names = {id(p): n for n, p in model.named_parameters()}
    momentum = {names[id(p)]: optimizer.state[p]['momentum_buffer'].flatten()[:32].tolist()
                for p in model.parameters() if p in optimizer.state and 'weight_ih_l0_reverse' in names[id(p)]}
    streams = {}
    with torch.no_grad():
        for stream in CMD_STREAMS:
            encoder_q, encoder_k = getattr(model, 'encoder_q' + stream), getattr(model, 'encoder_k' + stream)
            streams[stream.lstrip('_') or 'joint'] = {
                'features': encoder_q(inputs, knn_eval=True).tolist(),
                'embeddings': encoder_q(inputs).tolist(),
                'key_features': encoder_k(inputs, knn_eval=True).tolist(),
                'queue_pointer': int(getattr(model, 'queue_ptr' + stream)[0]),
                'queue_column_5': getattr(model, 'queue' + stream)[:, 5].tolist(),
            }
    epoch = 4
    checkpoint = {'epoch': epoch + 1, 'state_dict': model.state_dict(), 'optimizer': optimizer.state_dict()}
    return checkpoint, {'epoch': epoch + 1, 'inputs': inputs.tolist(), 'momentum': momentum, 'streams': streams}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--reference', required=True, help='checkout of anshulbshah/HaLP')
    parser.add_argument('--isc-reference', help='checkout of fmthoker/skeleton-contrast (ISC), optional')
    parser.add_argument('--out', required=True)
    options = parser.parse_args()
    os.makedirs(options.out, exist_ok=True)
    stub_unused_imports()
    sys.path.insert(0, os.path.abspath(options.reference))
    import moco.builder_single_modality_baseline as baseline_builder
    import moco.builder_single_modality_halp as halp_builder

    generator = torch.Generator().manual_seed(7)
    clips = torch.randn(CLIPS, 3, FRAMES, 25, 2, generator=generator)
    np.save(os.path.join(options.out, 'clips.npy'), clips.numpy().astype(np.float32))

    # Baseline, --mlp, single process (the reference's scripts).
    model = build(baseline_builder, mlp=True, seed=1)
    optimizer = torch.optim.SGD(model.parameters(), 0.01, momentum=0.9, weight_decay=1e-4)
    train_two_steps(model, model, optimizer, generator)
    epoch = 2
    write(options.out, 'baseline',
          {'epoch': epoch + 1, 'state_dict': model.state_dict(), 'optimizer': optimizer.state_dict()},
          expectations(model, optimizer, epoch + 1, clips, ''))

    # HaLP builder, linear head, DistributedDataParallel (gloo, one process), storages tagged cuda:0.
    # (The script's SyncBatchNorm conversion needs GPUs; it keeps every state_dict name as it is.)
    import torch.distributed as dist
    dist.init_process_group('gloo', init_method='tcp://127.0.0.1:29517', rank=0, world_size=1)
    halp_args = types.SimpleNamespace(queue_els_for_prototypes=16, num_prototypes=4)
    inner = build(halp_builder, mlp=False, seed=2, halp_args=halp_args)
    inner.prototypes.copy_(F.normalize(torch.randn(4, EMBEDDING, generator=generator), dim=1))
    model = torch.nn.parallel.DistributedDataParallel(inner, find_unused_parameters=True)
    optimizer = torch.optim.SGD(model.parameters(), 0.01, momentum=0.9, weight_decay=1e-4)
    inner.train()
    train_two_steps(inner, inner, optimizer, generator)
    epoch = 199
    import torch.serialization as serialization
    location_tag = serialization.location_tag
    serialization.location_tag = lambda storage: 'cuda:0'
    try:
        write(options.out, 'halp-ddp-cuda',
              {'epoch': epoch + 1, 'state_dict': model.state_dict(), 'optimizer': optimizer.state_dict()},
              expectations(inner, optimizer, epoch + 1, clips, 'module.'))
    finally:
        serialization.location_tag = location_tag
    dist.destroy_process_group()

    # CMD (HaLP's builder_mm_cmd): one BiGRU pair and queue per modality. Tiny sizes (6 channels,
    # H = 4, one layer), its encoders fed directly: the modalities' transforms are not what is tested.
    import moco.builder_mm_cmd as cmd_builder
    write(options.out, 'cmd', *cmd_fixture(cmd_builder, generator))

    # ISC's intra-skeleton MoCo on the sequence representation: its BiGRU has no input BatchNorm.
    if options.isc_reference is not None:
        for name in [n for n in sys.modules if n == 'moco' or n.startswith('moco.')]:
            del sys.modules[name]
        # ISC's moco/ has no __init__.py: HaLP's package must leave the path for it to be found.
        sys.path.remove(os.path.abspath(options.reference))
        sys.path.insert(0, os.path.abspath(options.isc_reference))
        import moco.builder_intra as isc_builder
        model = build(isc_builder, mlp=False, seed=3, isc=True)
        optimizer = torch.optim.SGD(model.parameters(), 0.01, momentum=0.9, weight_decay=1e-4)
        train_two_steps(model, model, optimizer, generator, batch=8)  # ISC's queue wants K % batch == 0
        epoch = 9
        write(options.out, 'isc-intra-sequence',
              {'epoch': epoch + 1, 'state_dict': model.state_dict(), 'optimizer': optimizer.state_dict()},
              expectations(model, optimizer, epoch + 1, clips, '', isc=True))

    # The legacy (pre-1.6) format, and a checkpoint whose pickle would run a shell command.
    shared = torch.arange(6.).reshape(2, 3)
    torch.save({'epoch': 1, 'state_dict': {'w': torch.ones(2), 'transposed': shared.t(), 'row': shared[1],
                                           'long': torch.tensor([5, -7], dtype=torch.int64)}},
               os.path.join(options.out, 'legacy.pth'), _use_new_zipfile_serialization=False)

    class Evil:
        def __reduce__(self):
            return (os.system, ('echo this should never run',))

    torch.save({'epoch': 1, 'state_dict': {'w': torch.ones(2)}, 'arch': Evil()}, os.path.join(options.out, 'evil.pth'))

    # Not a MoCo BiGRU: a strided view (a transpose shares its storage), float16 and float64 tensors.
    torch.save({'epoch': 1, 'state_dict': {'transposed': torch.arange(6.).reshape(2, 3).t(),
                                           'half': torch.tensor([1.5, -2.0, 65504.0, 2 ** -24], dtype=torch.float16),
                                           'double': torch.tensor([0.1, -1e300], dtype=torch.float64)}},
               os.path.join(options.out, 'other.pth'))


if __name__ == '__main__':
    main()
