"""PyTorch version of the @halp/encoders HCN image encoder, timed for tooling/bench/image-encoder.mjs.

    /usr/bin/python3 tooling/bench/image_encoder_torch.py --config '{"kind":"image",...}' \
        --batch 32 --steps 10 --warmup 2 --threads 1

Written for this bench from the description of Skeleton-Contrast's HCN (method spec §4 and the
@halp/encoders README), not copied from the reference code. Same network as ours: per body a
position stream on the coordinates and a motion stream on the frame differences resampled to T
frames, each conv1 1×1 → ReLU → conv2 3×1 → joints into channels → conv3 3×3 → max-pool → conv4 3×3
→ max-pool; streams concatenated, conv5 → ReLU → max-pool → conv6 → ReLU → max-pool; elementwise max
over bodies; linear head. No dropout (ours has none). One step: forward, loss mean(embedding²),
backward into every parameter.

Prints one JSON object on stdout: the median and minimum step time.

With `--fixture PATH` it instead writes a test fixture for packages/encoders/test/image-torch.test.ts:
the config, PyTorch-initialised parameters under their PyTorch names and layouts, a random input
[B, M, T, V, C], and the features (flattened as PyTorch does, channel-major) and embedding:

    /usr/bin/python3 tooling/bench/image_encoder_torch.py --fixture \
        packages/encoders/test/fixtures/image-encoder-torch.json
"""

import argparse
import json
import statistics
import sys
import time


def build(torch, config):
    nn = torch.nn
    functional = nn.functional

    class Stream(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(config["inputChannels"], config["pointChannels"], 1)
            self.conv2 = nn.Conv2d(
                config["pointChannels"], config["pointFeatures"], (3, 1), padding=(1, 0)
            )
            self.conv3 = nn.Conv2d(config["joints"], config["cooccurrenceChannels"], 3, padding=1)
            self.conv4 = nn.Conv2d(
                config["cooccurrenceChannels"], config["streamChannels"], 3, padding=1
            )

        def forward(self, grids):  # [N, C, T, V]
            points = self.conv2(functional.relu(self.conv1(grids)))  # [N, P, T, V]
            image = points.permute(0, 3, 2, 1)  # joints into channels: [N, V, T, P]
            pooled = functional.max_pool2d(self.conv3(image), 2)
            return functional.max_pool2d(self.conv4(pooled), 2)

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.position = Stream()
            self.motion = Stream()
            self.conv5 = nn.Conv2d(
                2 * config["streamChannels"], config["fusionChannels"], 3, padding=1
            )
            self.conv6 = nn.Conv2d(config["fusionChannels"], config["outputChannels"], 3, padding=1)
            side = lambda n: n // 16  # noqa: E731 (four 2× poolings)
            features = config["outputChannels"] * side(config["frames"]) * side(config["pointFeatures"])
            self.head = nn.Linear(features, config["embeddingSize"])

        def forward(self, clips):  # [B, M, T, V, C]
            batch, bodies, frames, joints, channels = clips.shape
            grids = clips.reshape(batch * bodies, frames, joints, channels).permute(0, 3, 1, 2)
            differences = grids[:, :, 1:] - grids[:, :, :-1]
            motion = functional.interpolate(
                differences, size=(frames, joints), mode="bilinear", align_corners=False
            )
            fused = torch.cat([self.position(grids), self.motion(motion)], dim=1)
            out = functional.max_pool2d(functional.relu(self.conv5(fused)), 2)
            out = functional.max_pool2d(functional.relu(self.conv6(out)), 2)
            features = out.reshape(batch, bodies, -1).max(dim=1).values
            return features, self.head(features)

    return Encoder()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", help="the ImageEncoderConfig as JSON")
    parser.add_argument("--fixture", help="write a test fixture to this path instead of timing")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    if args.fixture:
        write_fixture(torch, args.fixture)
        return
    config = json.loads(args.config)
    encoder = build(torch, config)
    clips = torch.randn(
        args.batch, config["bodies"], config["frames"], config["joints"], config["inputChannels"]
    )
    durations = []
    for step in range(args.warmup + args.steps):
        start = time.perf_counter()
        encoder.zero_grad(set_to_none=True)
        _, embedding = encoder(clips)
        embedding.square().mean().backward()
        if step >= args.warmup:
            durations.append(time.perf_counter() - start)
    json.dump(
        {
            "torch": torch.__version__,
            "threads": args.threads,
            "steps": len(durations),
            "medianSeconds": round(statistics.median(durations), 3),
            "minSeconds": round(min(durations), 3),
        },
        sys.stdout,
    )


FIXTURE_CONFIG = {
    "kind": "image",
    "inputChannels": 3,
    "joints": 5,
    "frames": 32,
    "bodies": 2,
    "pointChannels": 4,
    "pointFeatures": 16,
    "cooccurrenceChannels": 3,
    "streamChannels": 4,
    "fusionChannels": 5,
    "outputChannels": 6,
    "head": "linear",
    "embeddingSize": 3,
}


def write_fixture(torch, path):
    """PyTorch's default initialisation (random biases too), so that every parameter matters."""
    config = FIXTURE_CONFIG
    encoder = build(torch, config)
    batch = 2
    clips = torch.randn(
        batch, config["bodies"], config["frames"], config["joints"], config["inputChannels"]
    )
    with torch.no_grad():
        features, embedding = encoder(clips)
    as_list = lambda tensor: [round(value, 7) for value in tensor.flatten().tolist()]  # noqa: E731
    fixture = {
        "generatedBy": "tooling/bench/image_encoder_torch.py --fixture",
        "torch": torch.__version__,
        "config": config,
        "parameters": {
            name: {"shape": list(value.shape), "values": as_list(value)}
            for name, value in encoder.state_dict().items()
        },
        "input": {"shape": list(clips.shape), "values": as_list(clips)},
        "features": {"shape": list(features.shape), "values": as_list(features)},
        "embedding": {"shape": list(embedding.shape), "values": as_list(embedding)},
    }
    with open(path, "w") as file:
        json.dump(fixture, file)
        file.write("\n")


if __name__ == "__main__":
    main()
