"""PyTorch timing of one training step of the graph encoder, for tooling/bench/graph-encoder.mjs.

    /usr/bin/python3 tooling/bench/graph_encoder_torch.py --config '<GraphEncoderConfig JSON>' \
        --batch 32 --frames 64 --steps 10 --warmup 2 --threads 1

Written for this bench from the description of @halp/encoders' graph encoder (2s-AGCN, as the ISC
reference uses it), not copied from the reference code: the same blocks, widths, partition and
head as ours, in PyTorch's channels-first layout [N, C, T, V]. One step: forward in training mode,
loss mean(embedding²), backward, SGD. BatchNorm running statistics are updated inside the forward
(PyTorch's way), so there is no separate statistics pass.

Prints one JSON object on stdout: the median step time over `--steps` after `--warmup` steps.
"""

import argparse
import json
import resource
import statistics
import sys
import time

SUBSETS = 3


def spatial_partition(joints, edges, center):
    """A_k [3, V, V], row = receiving joint: root / centripetal / centrifugal, rows averaging."""
    neighbours = [{j} for j in range(joints)]
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    distance = [float("inf")] * joints
    distance[center] = 0
    frontier = [center]
    while frontier:
        following = []
        for joint in frontier:
            for neighbour in neighbours[joint]:
                if distance[neighbour] == float("inf"):
                    distance[neighbour] = distance[joint] + 1
                    following.append(neighbour)
        frontier = following
    partition = [[[0.0] * joints for _ in range(joints)] for _ in range(SUBSETS)]
    for i in range(joints):
        members = [[], [], []]
        for j in neighbours[i]:
            members[0 if distance[j] == distance[i] else 1 if distance[j] < distance[i] else 2].append(j)
        for k, subset in enumerate(members):
            for j in subset:
                partition[k][i][j] = 1.0 / len(subset)
    return partition


def build(torch, config):
    nn = torch.nn

    class GraphConv(nn.Module):
        def __init__(self, partition, input, output):
            super().__init__()
            embedding = output // 4
            self.register_buffer("partition", partition)
            self.offset = nn.Parameter(torch.full_like(partition, 1e-6))
            self.receiving = nn.Conv2d(input, SUBSETS * embedding, 1)
            self.sending = nn.Conv2d(input, SUBSETS * embedding, 1)
            self.conv = nn.Conv2d(SUBSETS * input, output, 1)
            self.norm = nn.BatchNorm2d(output)
            self.down = (
                nn.Sequential(nn.Conv2d(input, output, 1), nn.BatchNorm2d(output))
                if input != output
                else nn.Identity()
            )

        def forward(self, x):
            n, c, t, v = x.shape
            # [N·K, V, E·T] embeddings; C_k[w, v] = softmax over v of θ_w·φ_v / (E·T).
            receiving = self.receiving(x).view(n, SUBSETS, -1, t, v).permute(0, 1, 4, 2, 3).reshape(n * SUBSETS, v, -1)
            sending = self.sending(x).view(n, SUBSETS, -1, t, v).permute(0, 1, 4, 2, 3).reshape(n * SUBSETS, v, -1)
            attention = torch.softmax(receiving @ sending.transpose(1, 2) / receiving.shape[-1], dim=-1)
            adjacency = attention.view(n, SUBSETS, v, v) + self.partition + self.offset  # [N, K, W, V]
            # All subsets in one product: [N, 1, C·T, V] × [N, K, V, W] → [N, K, C·T, W].
            aggregated = x.reshape(n, 1, c * t, v) @ adjacency.transpose(2, 3)
            y = self.conv(aggregated.view(n, SUBSETS * c, t, v))
            return torch.relu(self.norm(y) + self.down(x))

    class Block(nn.Module):
        def __init__(self, partition, input, output, stride, first):
            super().__init__()
            span = config["temporalKernel"]
            self.graph = GraphConv(partition, input, output)
            self.temporal = nn.Sequential(
                nn.Conv2d(output, output, (span, 1), padding=((span - 1) // 2, 0), stride=(stride, 1)),
                nn.BatchNorm2d(output),
            )
            if first:
                self.residual = None
            elif input == output and stride == 1:
                self.residual = nn.Identity()
            else:
                self.residual = nn.Sequential(
                    nn.Conv2d(input, output, 1, stride=(stride, 1)), nn.BatchNorm2d(output)
                )

        def forward(self, x):
            y = self.temporal(self.graph(x))
            return torch.relu(y if self.residual is None else y + self.residual(x))

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            joints, bodies, channels = config["joints"], config["bodies"], config["inputChannels"]
            partition = torch.tensor(
                spatial_partition(joints, config["edges"], config["center"]), dtype=torch.float32
            )
            self.input_norm = nn.BatchNorm1d(bodies * joints * channels)
            widths = [channels] + [block["channels"] for block in config["blocks"]]
            self.blocks = nn.Sequential(
                *[
                    Block(partition, widths[b], widths[b + 1], block["stride"], b == 0)
                    for b, block in enumerate(config["blocks"])
                ]
            )
            self.head = nn.Linear(widths[-1], config["embeddingSize"])

        def forward(self, x):
            # x [B, M, T, V, C] as our grids; data BN over (M, V, C) channels, then [B·M, C, T, V].
            b, m, t, v, c = x.shape
            frames = x.permute(0, 1, 3, 4, 2).reshape(b, m * v * c, t)
            h = self.input_norm(frames).view(b, m, v, c, t).permute(0, 1, 3, 4, 2)
            h = self.blocks(h.reshape(b * m, t, v, c).permute(0, 3, 1, 2).contiguous())
            features = h.view(b, m, h.shape[1], -1).mean(dim=3).mean(dim=1)
            return self.head(features)

    return Encoder()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True, help="GraphEncoderConfig as JSON")
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--frames", type=int, required=True)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    config = json.loads(args.config)
    encoder = build(torch, config)
    optimizer = torch.optim.SGD(encoder.parameters(), lr=0.01)
    x = torch.rand(args.batch, config["bodies"], args.frames, config["joints"], config["inputChannels"]) * 2 - 1
    durations = []
    for step in range(args.warmup + args.steps):
        start = time.perf_counter()
        loss = encoder(x).square().mean()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        loss.item()
        durations.append(time.perf_counter() - start)
    timed = durations[args.warmup :]
    json.dump(
        {
            "torch": torch.__version__,
            "threads": args.threads,
            "parameters": sum(p.numel() for p in encoder.parameters() if p.requires_grad),
            "steps": len(timed),
            "medianSeconds": statistics.median(timed),
            "minSeconds": min(timed),
            "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
