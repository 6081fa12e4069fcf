import { Link, useLocation } from 'wouter';
import { PageHead } from '../components/Layout';
import { RecordPicker, type LinkKind } from '../components/RecordPicker';

/**
 * Where a person starts recording or correcting: a button per record kind, and a search per kind
 * that opens the record's form. Components are entered on their item (one marking at a time).
 */
const KINDS: { kind: LinkKind; label: string; create: string; edit: (id: string) => string; what: string }[] = [
  { kind: 'incidents', label: 'Incident', create: '/incidents/new', edit: (id) => `/incidents/${id}/edit`, what: 'A strike or event, placed on the map' },
  { kind: 'sources', label: 'Source', create: '/sources/new', edit: (id) => `/sources/${id}/edit`, what: 'A report, statement or note, with its text or document' },
  { kind: 'claims', label: 'Claim', create: '/claims/new', edit: (id) => `/claims/${id}/edit`, what: 'What an official said, with the number and date' },
  { kind: 'items', label: 'Item', create: '/items/new', edit: (id) => `/items/${id}/edit`, what: 'A recovered weapon or part, and its custody' },
  { kind: 'organisations', label: 'Organisation', create: '/organisations/new', edit: (id) => `/organisations/${id}/edit`, what: 'A maker, distributor or other party' },
  { kind: 'cases', label: 'Case', create: '/cases/new', edit: (id) => `/cases/${id}/edit`, what: 'An investigation grouping incidents, items, sources and claims' },
];

export default function NewRecord() {
  const [, navigate] = useLocation();
  return (
    <>
      <PageHead title="Record or correct" lede="Create a record, or find one to change. Every form checks its input with the same rules as the API and imports." />
      <div className="grid cols-2" style={{ alignItems: 'start' }}>
        {KINDS.map((k) => (
          <section key={k.kind} className="card" aria-label={k.label}>
            <div className="card-head">
              <div><h2>{k.label}</h2><div className="hint">{k.what}</div></div>
              <Link href={k.create} className="button small primary">New {k.label.toLowerCase()}</Link>
            </div>
            <div className="card-body">
              <RecordPicker kind={k.kind} label={`Change an existing ${k.label.toLowerCase()}`} single value={[]} onChange={(ids) => ids[0] && navigate(k.edit(ids[0]))} />
            </div>
          </section>
        ))}
        <section className="card" aria-label="Component">
          <div className="card-head"><div><h2>Component</h2><div className="hint">Entered on its item, one marking at a time, with the identification engine's reading</div></div></div>
          <div className="card-body small muted">Open an item and choose “Enter components”.</div>
        </section>
      </div>
    </>
  );
}
