/** Where in a numbered list the table is, and the way to the pages before and after. */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  // The list can shrink under an open page (jobs are removed with their user).
  const where = total === 0 ? 'No job' : first > total ? `Nothing on this page of ${total} jobs` : `Jobs ${first}–${last} of ${total}`;
  return (
    <nav className="row wrap between pager" aria-label="Pages of jobs">
      <span className="muted">
        {where} · page {page} of {pages}
      </span>
      <span className="row">
        <button type="button" className="secondary" disabled={page <= 1} onClick={() => onPage(Math.min(page - 1, pages))}>
          Previous
        </button>
        <button type="button" className="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          Next
        </button>
      </span>
    </nav>
  );
}
