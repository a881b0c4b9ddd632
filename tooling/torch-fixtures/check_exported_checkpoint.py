#!/usr/bin/env python3
"""Checks that a checkpoint written by halp (`halp export`, `referenceCheckpointBytes`) loads into the
HaLP reference's own model the way its linear evaluation loads a pretrained checkpoint, and that the
reference then computes the expected features.

    python3 tooling/torch-fixtures/check_exported_checkpoint.py --reference ../HaLP \
        --checkpoint exported.pth.tar --clips clips.npy --expected baseline.expected.json

The reference's evaluation keeps the `encoder_q.*` entries of `checkpoint['state_dict']` except
`fc`, then calls `model.load_state_dict(state_dict, strict=False)`; this does the same with its
MoCo(pretrain=False) model, sized from the checkpoint, and compares `model(clips, knn_eval=True)`
with the expected features. Prints the largest difference; exits 1 above 1e-5 or when a GRU or
input-norm weight was not loaded.
"""
import argparse
import json
import os
import sys
import types

import numpy as np
import torch


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--reference', required=True)
    parser.add_argument('--checkpoint', required=True)
    parser.add_argument('--clips', required=True)
    parser.add_argument('--expected', required=True)
    options = parser.parse_args()
    for name in ['torchvision', 'tqdm']:
        try:
            __import__(name)
        except ImportError:
            sys.modules[name] = types.ModuleType(name)
    sys.path.insert(0, os.path.abspath(options.reference))
    import moco.builder_single_modality_baseline as builder

    checkpoint = torch.load(options.checkpoint, map_location='cpu')
    state_dict = {k: v for k, v in checkpoint['state_dict'].items() if k.startswith('encoder_q') and '.fc' not in k}
    hidden = state_dict['encoder_q.encoder.gru.weight_hh_l0'].shape[1]
    layers = len([k for k in state_dict if k.startswith('encoder_q.encoder.gru.weight_ih_l') and not k.endswith('_reverse')])
    inputs = state_dict['encoder_q.encoder.gru.weight_ih_l0'].shape[1]
    args = {'en_input_size': inputs, 'en_hidden_size': hidden, 'en_num_layers': layers, 'num_class': 10}
    with open(os.devnull, 'w') as quiet:
        stdout, sys.stdout = sys.stdout, quiet
        try:
            model = builder.MoCo('seq-based', args, pretrain=False)
        finally:
            sys.stdout = stdout
    message = model.load_state_dict(state_dict, strict=False)
    missing = [k for k in message.missing_keys if '.fc' not in k and 'num_batches_tracked' not in k]
    model.eval()
    with torch.no_grad():
        features = model(torch.from_numpy(np.load(options.clips)), knn_eval=True)
    expected = torch.tensor(json.load(open(options.expected))['features'])
    worst = float((features - expected).abs().max())
    print(json.dumps({'max_abs_difference': worst, 'missing': missing, 'unexpected': message.unexpected_keys,
                      'epoch': checkpoint.get('epoch')}))
    sys.exit(0 if worst < 1e-5 and not missing and not message.unexpected_keys else 1)


if __name__ == '__main__':
    main()
