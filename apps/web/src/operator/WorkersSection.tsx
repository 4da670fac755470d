import type { FleetWorkers } from '../api/operator';
import { ReadProblem } from './ReadProblem';
import { Read } from './useRead';
import { WorkerCard } from './WorkerCard';

/** The worker replicas seen in the last ten minutes, each with what it is doing now. */
export function WorkersSection({ read }: { read: Read<FleetWorkers> }) {
  const workers = read.data?.workers;
  return (
    <section className="card stack" aria-labelledby="workers-title">
      <h2 id="workers-title">Workers</h2>
      <ReadProblem read={read} what="The workers" />
      {!workers && !read.error && <p className="muted">Loading…</p>}
      {workers?.length === 0 && <p className="empty">No worker has reported in the last 10 minutes: jobs wait in the queue until one starts.</p>}
      {workers && workers.length > 0 && (
        <div className="stack">
          {workers.map((worker) => (
            <WorkerCard key={worker.id} worker={worker} />
          ))}
        </div>
      )}
    </section>
  );
}
