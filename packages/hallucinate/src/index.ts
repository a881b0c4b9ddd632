// @halp/hallucinate: HaLP: hallucinate hard latent positives by slerping keys towards prototypes, with the closed-form maximum interpolation t*.
export {};
