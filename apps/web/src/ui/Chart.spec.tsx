import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type uPlot from 'uplot';
import { Chart, ChartBuild } from './Chart';
import { FakeResizeObserver, FakeUPlot } from '../testing/fake-uplot';

jest.mock('uplot', () => ({ __esModule: true, default: jest.requireActual('../testing/fake-uplot').FakeUPlot }));

const build: ChartBuild = (colour) => ({ series: [{}, { label: 'Steps', stroke: colour('--chart-steps') }] });
const DATA: uPlot.AlignedData = [
  [0, 86_400],
  [5000, null],
];

describe('the chart wrapper', () => {
  beforeEach(() => {
    FakeUPlot.made = [];
    FakeResizeObserver.observers = [];
    (globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = FakeResizeObserver;
    document.documentElement.dataset['theme'] = 'light';
    document.documentElement.style.setProperty('--chart-steps', '#0b63ce');
  });

  it('makes one uPlot with the options, the data and the height given, as a labelled picture', async () => {
    const ready = jest.fn();
    render(<Chart label="Steps, last 2 days" build={build} data={DATA} height={150} onReady={ready} />);
    const [plot] = FakeUPlot.made;
    expect(FakeUPlot.made).toHaveLength(1);
    expect(plot.data).toBe(DATA);
    expect(plot.options.height).toBe(150);
    expect(plot.options.series[1]).toEqual({ label: 'Steps', stroke: '#0b63ce' });
    expect(plot.target).toBe(screen.getByRole('img', { name: 'Steps, last 2 days' }));
    await act(async () => undefined);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('follows its container’s width', () => {
    render(<Chart label="Steps" build={build} data={DATA} height={150} />);
    const [observer] = FakeResizeObserver.observers;
    act(() => observer.resize(480.6));
    expect(FakeUPlot.made[0].sizes).toEqual([{ width: 480, height: 150 }]);
    act(() => observer.resize(480));
    expect(FakeUPlot.made[0].sizes).toHaveLength(1);
  });

  it('takes new data into the same chart, is made anew for new options or another theme, and destroyed when it goes', async () => {
    const { rerender, unmount } = render(<Chart label="Steps" build={build} data={DATA} height={150} />);
    rerender(<Chart label="Steps" build={build} data={DATA} height={150} onPick={() => undefined} />);
    expect(FakeUPlot.made).toHaveLength(1);

    const next: uPlot.AlignedData = [[0], [1]];
    rerender(<Chart label="Steps" build={build} data={next} height={150} />);
    expect(FakeUPlot.made).toHaveLength(1);
    expect(FakeUPlot.made[0].data).toBe(next);

    const other: ChartBuild = (colour) => build(colour);
    rerender(<Chart label="Steps" build={other} data={next} height={150} />);
    expect(FakeUPlot.made).toHaveLength(2);
    expect(FakeUPlot.made[0].destroyed).toBe(true);
    expect(FakeUPlot.made[1].data).toBe(next);

    document.documentElement.style.setProperty('--chart-steps', '#5aa2ff');
    document.documentElement.dataset['theme'] = 'dark';
    await waitFor(() => expect(FakeUPlot.made).toHaveLength(3));
    expect(FakeUPlot.made[2].options.series[1].stroke).toBe('#5aa2ff');
    unmount();
    expect(FakeUPlot.live()).toEqual([]);
    expect(FakeResizeObserver.observers.every((observer) => observer.targets.length === 0)).toBe(true);
  });

  it('says it is ready again once it has drawn new data, not before', async () => {
    const ready = jest.fn();
    const { rerender } = render(<Chart label="Steps" build={build} data={DATA} height={150} onReady={ready} />);
    await act(async () => undefined);
    expect(ready).toHaveBeenCalledTimes(1);

    const draws: uPlot.AlignedData[] = [];
    const [plot] = FakeUPlot.made;
    ready.mockImplementation(() => draws.push(plot.data));
    const next: uPlot.AlignedData = [[0], [1]];
    rerender(<Chart label="Steps" build={build} data={next} height={150} onReady={ready} />);
    expect(ready).toHaveBeenCalledTimes(1);
    await act(async () => undefined);
    expect(ready).toHaveBeenCalledTimes(2);
    expect(draws).toEqual([next]);
    act(() => FakeResizeObserver.observers[0].resize(300));
    await act(async () => undefined);
    expect(ready).toHaveBeenCalledTimes(2);
  });

  it('says which point was clicked', () => {
    const pick = jest.fn();
    render(<Chart label="Steps" build={build} data={DATA} height={150} onPick={pick} />);
    const [plot] = FakeUPlot.made;
    fireEvent.click(plot.over);
    expect(pick).not.toHaveBeenCalled();
    plot.cursor.idx = 1;
    fireEvent.click(plot.over);
    expect(pick).toHaveBeenCalledWith(1);
  });
});
