"""NumPy reference of @halp/prototypes' sphericalKMeans, timed on the same points.

The same algorithm as the TypeScript package (packages/prototypes/src): rows normalised, k-means++
seeding weighted by the objective's cost (zero for points on a chosen centroid), assignment by
largest cosine, empty clusters re-seeded with the farthest unused point, centroid update by the
normalised mean or by the Fréchet mean (Karcher iteration warm-started at the previous centroid,
stopped at gradient norm ≤ tolerance/10, kept only if it does not raise the cluster's cost), stop
when the mean geodesic centroid shift < tolerance. (The Karcher log map here does not special-case
exactly antipodal points, which the benchmark's data never contains.) Written in idiomatic
vectorised NumPy: one matrix product per assignment, and the per-cluster sums and Karcher steps of
all clusters batched with bincount / add.at instead of a Python loop per cluster.
Random streams differ from the TypeScript generator, so individual runs differ; the benchmark
compares medians over many seeds.

Usage: python3 prototypes_numpy.py POINTS.f32 N D K CENTROID FIRST_SEED RUNS WARMUP
times seeds FIRST_SEED .. FIRST_SEED+RUNS−1 after WARMUP untimed runs and prints one JSON object:
{"times": [ms per run], "iterations": [...], "objectives": [...]}.
"""

import json
import sys
import time

import numpy as np

COINCIDENT_SIMILARITY = 1 - 1e-12
FRECHET_TOLERANCE_FRACTION = 0.1
MAX_KARCHER_ITERATIONS = 100


def point_cost(similarity, centroid_rule):
    clamped = np.clip(similarity, -1.0, 1.0)
    return np.arccos(clamped) ** 2 if centroid_rule == "frechet" else 1.0 - clamped


def seed_kmeans_plus_plus(points, k, centroid_rule, rng):
    n = points.shape[0]
    chosen = [int(rng.integers(n))]
    nearest = np.full(n, -1.0)
    for _ in range(1, k):
        nearest = np.maximum(nearest, points @ points[chosen[-1]])
        weights = np.where(nearest >= COINCIDENT_SIMILARITY, 0.0, point_cost(nearest, centroid_rule))
        total = weights.sum()
        chosen.append(int(rng.choice(n, p=weights / total)) if total > 0 else int(rng.integers(n)))
    return points[chosen].copy()


def assign(points, centroids):
    similarities = points @ centroids.T
    assignments = similarities.argmax(axis=1)
    return assignments, similarities[np.arange(points.shape[0]), assignments]


def reseed_empty_clusters(points, centroids, sizes, similarities):
    used = set()
    order = np.argsort(similarities, kind="stable")
    for cluster in np.flatnonzero(sizes == 0):
        candidates = [i for i in order if i not in used and similarities[i] < COINCIDENT_SIMILARITY]
        if not candidates:
            return
        used.add(candidates[0])
        centroids[cluster] = points[candidates[0]]


def cluster_sums(values, assignments, k):
    sums = np.zeros((k,) + values.shape[1:])
    np.add.at(sums, assignments, values)
    return sums


def normalised_means(points, assignments, k, _previous, _tolerance):
    sums = cluster_sums(points, assignments, k)
    lengths = np.linalg.norm(sums, axis=1, keepdims=True)
    return np.divide(sums, lengths, out=np.zeros_like(sums), where=lengths > 0), lengths[:, 0] > 0


def karcher_means(points, assignments, k, previous, tolerance):
    means = previous.copy()
    counts = np.bincount(assignments, minlength=k).astype(float)
    active = counts > 0
    for _ in range(MAX_KARCHER_ITERATIONS):
        base = means[assignments]
        cosines = np.einsum("ij,ij->i", points, base)
        tangent = points - cosines[:, None] * base
        tangent_norms = np.linalg.norm(tangent, axis=1)
        angles = np.arctan2(tangent_norms, cosines)
        scale = np.divide(angles, tangent_norms, out=np.zeros_like(angles), where=tangent_norms > 0)
        steps = cluster_sums(tangent * scale[:, None], assignments, k) / np.maximum(counts, 1)[:, None]
        step_norms = np.linalg.norm(steps, axis=1)
        active &= step_norms > tolerance
        if not active.any():
            break
        lengths = step_norms[active][:, None]
        moved = np.cos(lengths) * means[active] + np.sin(lengths) * steps[active] / lengths
        means[active] = moved / np.linalg.norm(moved, axis=1, keepdims=True)
    return means, counts > 0


def spherical_kmeans(points, k, centroid_rule, rng, tolerance=1e-3, max_iterations=100):
    points = points / np.linalg.norm(points, axis=1, keepdims=True)
    fit = karcher_means if centroid_rule == "frechet" else normalised_means
    centroids = seed_kmeans_plus_plus(points, k, centroid_rule, rng)
    assignments, similarities = assign(points, centroids)
    objective = point_cost(similarities, centroid_rule).sum()
    iterations = 0
    while iterations < max_iterations:
        previous = centroids.copy()
        sizes = np.bincount(assignments, minlength=k)
        reseed_empty_clusters(points, centroids, sizes, similarities)
        candidates, defined = fit(points, assignments, k, centroids, FRECHET_TOLERANCE_FRACTION * tolerance)
        accept = defined & (sizes > 0)
        if centroid_rule == "frechet":
            # A Fréchet estimate replaces a centroid only if it does not raise the cluster's cost.
            current_cost = np.bincount(assignments, point_cost(similarities, centroid_rule), minlength=k)
            candidate_similarities = np.einsum("ij,ij->i", points, candidates[assignments])
            candidate_cost = np.bincount(
                assignments, point_cost(candidate_similarities, centroid_rule), minlength=k
            )
            accept &= candidate_cost <= current_cost
        centroids[accept] = candidates[accept]
        assignments, similarities = assign(points, centroids)
        objective = point_cost(similarities, centroid_rule).sum()
        iterations += 1
        shift = 2 * np.arctan2(
            np.linalg.norm(centroids - previous, axis=1), np.linalg.norm(centroids + previous, axis=1)
        )
        can_reseed = (np.bincount(assignments, minlength=k) == 0).any() and (
            similarities < COINCIDENT_SIMILARITY
        ).any()
        if shift.mean() < tolerance and not can_reseed:
            break
    return centroids, assignments, iterations, objective


def main():
    path, n, d, k, centroid_rule, first_seed, runs, warmup = sys.argv[1:9]
    n, d, k, first_seed, runs, warmup = int(n), int(d), int(k), int(first_seed), int(runs), int(warmup)
    points = np.fromfile(path, dtype=np.float32).reshape(n, d).astype(np.float64)
    for seed in range(warmup):
        spherical_kmeans(points, k, centroid_rule, np.random.default_rng(seed))
    times, iterations, objectives = [], [], []
    for seed in range(first_seed, first_seed + runs):
        start = time.perf_counter()
        _, _, steps, objective = spherical_kmeans(points, k, centroid_rule, np.random.default_rng(seed))
        times.append((time.perf_counter() - start) * 1000)
        iterations.append(steps)
        objectives.append(objective)
    print(json.dumps({"times": times, "iterations": iterations, "objectives": [float(j) for j in objectives]}))


if __name__ == "__main__":
    main()
