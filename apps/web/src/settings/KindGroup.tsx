import type { AbsentKindView, CatalogKindView, DataKind } from '@fittrack/contracts';
import { formatDateTime } from '../ui/dates';
import { kindName } from './kind-names';

interface Props {
  legend: string;
  kinds: CatalogKindView[];
  chosen: ReadonlySet<DataKind>;
  deploymentDefault: ReadonlySet<DataKind>;
  absent: ReadonlyMap<DataKind, AbsentKindView>;
  onToggle: (kind: DataKind) => void;
  onSetAll: (kinds: DataKind[], on: boolean) => void;
}

/** The data kinds of one job-level kind (Activities, Health …): a checkbox each, the default and the absent ones marked. */
export function KindGroup({ legend, kinds, chosen, deploymentDefault, absent, onToggle, onSetAll }: Props) {
  const names = kinds.map((entry) => entry.kind);
  const count = names.filter((kind) => chosen.has(kind)).length;
  return (
    <fieldset className="kind-group">
      <legend>
        {legend} <span className="muted">({count} of {names.length})</span>
      </legend>
      <div className="row wrap kind-group-actions">
        <button type="button" className="link" onClick={() => onSetAll(names, true)} aria-label={`Choose all of ${legend}`}>
          All
        </button>
        <button type="button" className="link" onClick={() => onSetAll(names, false)} aria-label={`Choose none of ${legend}`}>
          None
        </button>
      </div>
      <ul className="kind-list">
        {names.map((kind) => {
          const missing = absent.get(kind);
          const noteId = `absent-${kind}`;
          return (
            <li key={kind}>
              <label className="check">
                <input type="checkbox" name="kinds" value={kind} checked={chosen.has(kind)} onChange={() => onToggle(kind)} aria-describedby={missing ? noteId : undefined} />
                {kindName(kind)}
              </label>
              {deploymentDefault.has(kind) && <span className="tag">default</span>}
              {missing && (
                <span className="tag tag-absent" id={noteId}>
                  no data from your devices (found {formatDateTime(missing.since)})
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
