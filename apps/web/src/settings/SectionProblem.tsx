import { Alert } from '../ui/Alert';

/** A section's read failed: the reason, and the way to read it again. */
export function SectionProblem({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Alert tone="error">
      {message}{' '}
      <button type="button" className="link" onClick={onRetry}>
        Try again
      </button>
    </Alert>
  );
}
