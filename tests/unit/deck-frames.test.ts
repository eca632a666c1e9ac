import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeckFrames } from '../../client/src/map/deck-frames';

describe('DeckFrames', () => {
  let browserFrames: FrameRequestCallback[];
  let cancelled: number[];

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance'] });
    browserFrames = [];
    cancelled = [];
    vi.stubGlobal('window', {
      requestAnimationFrame: (callback: FrameRequestCallback) => browserFrames.push(callback),
      cancelAnimationFrame: (id: number) => cancelled.push(id),
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('holds a request while the map is idle and passes it on once when something wakes it', () => {
    const frames = new DeckFrames();
    const loop = vi.fn();
    expect(frames.requestAnimationFrame(loop)).toBeLessThan(0);
    expect(browserFrames).toHaveLength(0);
    frames.wake();
    expect(browserFrames).toEqual([loop]);
    frames.wake();
    expect(browserFrames).toHaveLength(1);
  });

  it('passes requests straight on for half a second after a wake, then holds them again', () => {
    const frames = new DeckFrames();
    frames.wake();
    expect(frames.requestAnimationFrame(vi.fn())).toBeGreaterThan(0);
    vi.advanceTimersByTime(499);
    expect(frames.requestAnimationFrame(vi.fn())).toBeGreaterThan(0);
    vi.advanceTimersByTime(2);
    expect(frames.requestAnimationFrame(vi.fn())).toBeLessThan(0);
    expect(browserFrames).toHaveLength(2);
  });

  it('forgets a cancelled held request and cancels a passed-on one in the browser', () => {
    const frames = new DeckFrames();
    frames.cancelAnimationFrame(frames.requestAnimationFrame(vi.fn()));
    frames.wake();
    expect(browserFrames).toHaveLength(0);
    const id = frames.requestAnimationFrame(vi.fn());
    frames.cancelAnimationFrame(id);
    expect(cancelled).toEqual([id]);
  });
});
