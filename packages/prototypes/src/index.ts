// @halp/prototypes: Prototype discovery on the hypersphere: seeded spherical k-means with k-means++ seeding and Fréchet or normalised-mean centroids.
export {};
