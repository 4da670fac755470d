import { Alert } from '../ui/Alert';
import { Read } from './useRead';

/** A section's read failed: the gateway's words, and a way to read it again (what was shown before stays below). */
export function ReadProblem({ read, what }: { read: Read<unknown>; what: string }) {
  if (!read.error) return null;
  return (
    <Alert tone="error">
      {what} could not be loaded: {read.error.message}{' '}
      <button type="button" className="link" onClick={() => void read.reload()}>
        Try again
      </button>
    </Alert>
  );
}
