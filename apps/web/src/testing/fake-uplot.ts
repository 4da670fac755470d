import type uPlot from 'uplot';

/**
 * What the component tests put in place of uPlot (jsdom has no canvas; `jest.mock('uplot', …)`): it records the
 * options and data each chart was given, fires `draw` then `ready` in a microtask after being made as uPlot does,
 * `draw` again after `setData`, and counts resizes and destroys.
 */
export class FakeUPlot {
  static made: FakeUPlot[] = [];
  static paths = {
    bars: (options: unknown) => ({ bars: options }),
    stepped: (options: unknown) => ({ stepped: options }),
  };
  static tzDate = (date: Date) => date;

  readonly over = document.createElement('div');
  readonly cursor: { idx: number | null } = { idx: null };
  readonly sizes: { width: number; height: number }[] = [];
  width: number;
  destroyed = false;

  constructor(
    readonly options: uPlot.Options,
    public data: uPlot.AlignedData,
    readonly target: HTMLElement,
  ) {
    this.width = options.width;
    FakeUPlot.made.push(this);
    queueMicrotask(() => {
      this.fire('draw');
      this.fire('ready');
    });
  }

  setData(data: uPlot.AlignedData) {
    this.data = data;
    queueMicrotask(() => this.fire('draw'));
  }

  setSize(size: { width: number; height: number }) {
    this.sizes.push(size);
    this.width = size.width;
  }

  destroy() {
    this.destroyed = true;
  }

  private fire(hook: 'draw' | 'ready') {
    if (!this.destroyed) this.options.hooks?.[hook]?.forEach((call) => call?.(this as unknown as uPlot));
  }

  /** The charts on the page now. */
  static live(): FakeUPlot[] {
    return FakeUPlot.made.filter((plot) => !plot.destroyed);
  }

  /** The live chart with a series of this label. */
  static labelled(label: string): FakeUPlot | undefined {
    return FakeUPlot.live().find((plot) => plot.options.series.some((series) => series.label === label));
  }
}

/** jsdom has no ResizeObserver: this one lets a test say the container's new width. */
export class FakeResizeObserver {
  static observers: FakeResizeObserver[] = [];
  readonly targets: Element[] = [];

  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.observers.push(this);
  }

  observe(target: Element) {
    this.targets.push(target);
  }

  unobserve() {
    this.targets.length = 0;
  }

  disconnect() {
    this.targets.length = 0;
  }

  resize(width: number) {
    this.callback([{ contentRect: { width } } as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
}
