"""PyTorch timing of one HaLP (or MoCo baseline) pretraining step, for tooling/bench/train-step.mjs.

    /usr/bin/python3 tooling/bench/train_step_torch.py --configs S --steps 20 --warmup 3 \
        --threads 2 --methods halp,moco --steppings reference,sequence
    /usr/bin/python3 tooling/bench/train_step_torch.py --peak    # NumPy matMul GFLOP/s only

Written for this bench from the method spec (/work/shared/spec/method.md §1-3, §6), not copied from
the reference code. One step is what the references do on one batch:
  1. momentum update of the key encoder θ_k ← m·θ_k + (1 − m)·θ_q (m = 0.999);
  2. keys z_k = normalize(f_k(x_k)) without gradient;
  3. HaLP only: hallucinate 100 positives per key along geodesics towards prototypes (§3);
  4. queries z_q = normalize(f_q(x_q)), L = CE([z_q·z_k, z_q·Q] / τ, 0) (+ μ·L_HaLP), backward,
     SGD (momentum 0.9, weight decay 1e-4);
  5. enqueue the keys; HaLP only: re-cluster the newest 256 queue keys into 20 prototypes every
     10 steps (spherical k-means with the normalised-mean centroid, k-means++ seeding).
The encoder is BatchNorm1d(150) → nn.GRU(bidirectional, L layers, batch_first) → last frame →
MLP head (2H → 2H → 128). `--steppings reference` feeds the GRU one frame per call carrying the
hidden state (what the references do, and what the issue's PyTorch numbers are); `sequence` passes
the whole clip in one call (cuDNN-style, a true bidirectional GRU).

Prints one JSON object on stdout: per (config, method, stepping) the median step time and peak RSS.
"""

import argparse
import json
import math
import resource
import statistics
import sys
import time

CONFIGS = {
    "S": {"hidden": 256, "layers": 2, "frames": 32, "batch": 32, "queue": 4096},
    "M": {"hidden": 512, "layers": 3, "frames": 64, "batch": 64, "queue": 16384},
}
CHANNELS = 150
EMBEDDING = 128
TEMPERATURE = 0.07
KEY_MOMENTUM = 0.999
LEARNING_RATE = 0.01
HALP = {
    "mu": 2.0,
    "prototypes": 20,
    "keys_for_prototypes": 256,
    "update_every": 10,
    "positives": 100,
    "skip_closest": 1,
    "pool": 20,
    "lambda": 0.8,
}


def peak_rss_mib():
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def numpy_matmul_gflops(size=2048, repeats=5):
    """Best-of-`repeats` GFLOP/s of a size×size float32 matMul (BLAS threads as the environment sets)."""
    import numpy as np

    rng = np.random.default_rng(0)
    a = rng.standard_normal((size, size), dtype=np.float32)
    b = rng.standard_normal((size, size), dtype=np.float32)
    a @ b
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - start)
    return 2 * size**3 / best / 1e9


def build(torch, sizes):
    nn = torch.nn

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            hidden = sizes["hidden"]
            self.norm = nn.BatchNorm1d(CHANNELS)
            self.gru = nn.GRU(
                CHANNELS, hidden, num_layers=sizes["layers"], batch_first=True, bidirectional=True
            )
            self.head = nn.Sequential(
                nn.Linear(2 * hidden, 2 * hidden), nn.ReLU(), nn.Linear(2 * hidden, EMBEDDING)
            )
            # The references initialise every 2-dim weight Xavier-uniform.
            for parameter in self.parameters():
                if parameter.dim() == 2:
                    nn.init.xavier_uniform_(parameter)

        def forward(self, clips, stepping):
            frames = self.norm(clips.transpose(1, 2)).transpose(1, 2)
            if stepping == "reference":
                state = None
                for t in range(frames.shape[1]):
                    output, state = self.gru(frames[:, t : t + 1], state)
            else:
                output, _ = self.gru(frames)
            return nn.functional.normalize(self.head(output[:, -1]), dim=1)

    return Encoder


def spherical_kmeans(torch, points, clusters, generator, iterations=50, tolerance=1e-3):
    """Normalised-mean spherical k-means with k-means++ seeding (cosine distance 1 − x·c)."""
    first = torch.randint(points.shape[0], (1,), generator=generator)
    centroids = [points[first[0]]]
    for _ in range(1, clusters):
        nearest = (1 - points @ torch.stack(centroids).T).min(dim=1).values.clamp_min(0)
        weights = nearest + 1e-12
        centroids.append(points[torch.multinomial(weights, 1, generator=generator)[0]])
    centroids = torch.stack(centroids)
    for _ in range(iterations):
        assignment = (points @ centroids.T).argmax(dim=1)
        sums = torch.zeros_like(centroids).index_add_(0, assignment, points)
        counts = torch.bincount(assignment, minlength=clusters)
        # An emptied cluster keeps its centroid.
        updated = torch.where(
            (counts > 0)[:, None], torch.nn.functional.normalize(sums, dim=1), centroids
        )
        shift = (1 - (updated * centroids).sum(dim=1)).max()
        centroids = updated
        if shift < tolerance:
            break
    return centroids


def hallucinate(torch, keys, prototypes, generator):
    """§3: positives z(t_c) on the geodesic from each key towards a prototype drawn from its pool.

    t* = (1/Ω)·atan(sin Ω / (κ + cos Ω)), κ = (1 − P_sel·P*) / (z_k·(P* − P_sel)), cos Ω = P_sel·z_k;
    t_c = (1 − u)·t*, u ~ U(0, λ) (the reference's sampling); kept when P* is still the closest.
    Returns positives [B, N, E] and the keep mask [B, N].
    """
    batch = keys.shape[0]
    order = (keys @ prototypes.T).argsort(dim=1, descending=True)
    closest = order[:, 0]
    pool = order[:, HALP["skip_closest"] : HALP["skip_closest"] + HALP["pool"]]
    draws = torch.randint(pool.shape[1], (batch, HALP["positives"]), generator=generator)
    selected = prototypes[pool.gather(1, draws)]  # [B, N, E]
    anchor = keys[:, None, :]
    nearest = prototypes[closest][:, None, :]
    cos_omega = (selected * anchor).sum(-1).clamp(-1, 1)
    omega = torch.acos(cos_omega)
    sin_omega = torch.sin(omega)
    kappa = (1 - (selected * nearest).sum(-1)) / ((anchor * (nearest - selected)).sum(-1) + 1e-8)
    t_star = (torch.atan2(sin_omega, kappa + cos_omega) / (omega + 1e-8)).clamp(0, 1)
    u = torch.rand(t_star.shape, generator=generator) * HALP["lambda"]
    t = (1 - u) * t_star
    safe_sin = sin_omega.clamp_min(1e-8)
    positives = (torch.sin((1 - t) * omega) / safe_sin)[..., None] * anchor + (
        torch.sin(t * omega) / safe_sin
    )[..., None] * selected
    keep = (positives @ prototypes.T).argmax(-1) == closest[:, None]
    return positives, keep


def time_steps(torch, sizes, method, stepping, steps, warmup, generator):
    Encoder = build(torch, sizes)
    query_encoder = Encoder()
    key_encoder = Encoder()
    key_encoder.load_state_dict(query_encoder.state_dict())
    for parameter in key_encoder.parameters():
        parameter.requires_grad_(False)
    optimizer = torch.optim.SGD(
        query_encoder.parameters(), lr=LEARNING_RATE, momentum=0.9, weight_decay=1e-4
    )
    queue = torch.nn.functional.normalize(
        torch.randn(sizes["queue"], EMBEDDING, generator=generator), dim=1
    )
    pointer = 0
    shape = (sizes["batch"], sizes["frames"], CHANNELS)
    batches = [
        (torch.randn(shape, generator=generator), torch.randn(shape, generator=generator))
        for _ in range(4)
    ]
    prototypes = None
    durations = []
    for step in range(warmup + steps):
        query_clips, key_clips = batches[step % len(batches)]
        start = time.perf_counter()
        with torch.no_grad():
            for key_parameter, query_parameter in zip(
                key_encoder.parameters(), query_encoder.parameters()
            ):
                key_parameter.mul_(KEY_MOMENTUM).add_(query_parameter, alpha=1 - KEY_MOMENTUM)
            keys = key_encoder(key_clips, stepping)
            if method == "halp":
                if prototypes is None:
                    prototypes = refresh_prototypes(torch, queue, pointer, generator)
                positives, keep = hallucinate(torch, keys, prototypes, generator)
        queries = query_encoder(query_clips, stepping)
        logits = torch.cat(
            [(queries * keys).sum(1, keepdim=True), queries @ queue.T], dim=1
        ) / TEMPERATURE
        loss = torch.nn.functional.cross_entropy(
            logits, torch.zeros(queries.shape[0], dtype=torch.long)
        )
        if method == "halp":
            similarities = (positives * queries[:, None, :]).sum(-1) / TEMPERATURE
            halp_loss = -(similarities * keep).sum() / (keep.sum() + 1e-8)
            loss = loss + HALP["mu"] * halp_loss
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            rows = torch.arange(pointer, pointer + keys.shape[0]) % queue.shape[0]
            queue[rows] = keys
            pointer = (pointer + keys.shape[0]) % queue.shape[0]
            if method == "halp" and (step + 1) % HALP["update_every"] == 0:
                prototypes = refresh_prototypes(torch, queue, pointer, generator)
        durations.append(time.perf_counter() - start)
        if not math.isfinite(loss.item()):
            raise FloatingPointError(f"non-finite loss at step {step}")
    return durations[warmup:]


def refresh_prototypes(torch, queue, pointer, generator):
    count = HALP["keys_for_prototypes"]
    newest = queue[(torch.arange(pointer - count, pointer)) % queue.shape[0]]
    return spherical_kmeans(torch, newest, HALP["prototypes"], generator)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--configs", default="S")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--methods", default="halp,moco")
    parser.add_argument("--steppings", default="reference,sequence")
    parser.add_argument("--peak", action="store_true", help="only the NumPy matMul peak")
    args = parser.parse_args()
    if args.peak:
        json.dump({"matmulGflops": numpy_matmul_gflops()}, sys.stdout)
        return
    import torch

    torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(0)
    results = []
    for name in args.configs.split(","):
        for method in args.methods.split(","):
            for stepping in args.steppings.split(","):
                durations = time_steps(
                    torch, CONFIGS[name], method, stepping, args.steps, args.warmup, generator
                )
                results.append(
                    {
                        "config": name,
                        "method": method,
                        "stepping": stepping,
                        "threads": args.threads,
                        "steps": len(durations),
                        "medianSeconds": statistics.median(durations),
                        "minSeconds": min(durations),
                        "peakRssMiB": peak_rss_mib(),
                    }
                )
                print(json.dumps(results[-1]), file=sys.stderr)
    json.dump({"torch": torch.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
