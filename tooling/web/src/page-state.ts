/** What the page shows, readable by scripts (the browser test compares `features` with Node's). */
export interface PageState {
  ready: boolean;
  busy: boolean;
  backend: string | null;
  encoder: string | null;
  clip: string | null;
  features: number[] | null;
  predicted: string | null;
  error: string | null;
}
