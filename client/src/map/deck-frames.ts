/**
 * Animation frames for deck.gl's render loop only while its picture may change.
 *
 * deck.gl's loop (luma.gl's AnimationLoop) asks for a frame at every display refresh, only to find
 * most times that nothing needs drawing. On an idle map that cost about 33 ms of script a second on
 * the benchmark machine, every second the atlas stays open. deck.gl lets the loop take its frames
 * from a provider (`animationFrameProvider`); this one passes a request on while the map is busy
 * (see `wake`) and holds it otherwise, until the next wake.
 */

/** How long after the last wake the loop keeps its frames: time for deck.gl to pick, lay out and draw. */
const ACTIVE_MS = 500;
/** The id a held request answers: no browser frame id is negative. */
const HELD_ID = -1;

/** The shape luma.gl's AnimationLoop reads from deck.gl's props. */
export interface AnimationFrameProvider {
  requestAnimationFrame(callback: FrameRequestCallback): number;
  cancelAnimationFrame(id: number): void;
}

export class DeckFrames implements AnimationFrameProvider {
  #held: FrameRequestCallback | null = null;
  #activeUntilMs = 0;

  readonly requestAnimationFrame = (callback: FrameRequestCallback): number => {
    if (performance.now() < this.#activeUntilMs) return window.requestAnimationFrame(callback);
    this.#held = callback;
    return HELD_ID;
  };

  readonly cancelAnimationFrame = (id: number): void => {
    if (id === HELD_ID) this.#held = null;
    else window.cancelAnimationFrame(id);
  };

  /**
   * Something may change what deck.gl draws: a camera move (layers update for the new view), a pointer on the
   * map (deck.gl picks in its frame), new layers, or deck.gl's own drawing, which may take frames.
   */
  wake(): void {
    this.#activeUntilMs = performance.now() + ACTIVE_MS;
    const held = this.#held;
    if (!held) return;
    this.#held = null;
    window.requestAnimationFrame(held);
  }
}
