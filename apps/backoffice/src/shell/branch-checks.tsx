/**
 * The branches a staff member works in or a bulk edit applies to: a checkbox per branch, with the
 * server's message for the field (`branchIds`) under them.
 */
export function BranchChecks(props: {
  legend: string;
  branches: readonly { id: string; name: string }[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  const { legend, branches, selected, onChange, error } = props;
  return (
    <fieldset aria-invalid={Boolean(error)}>
      <legend>{legend}</legend>
      {branches.map((b) => (
        <label key={b.id} className="check">
          <input
            type="checkbox"
            checked={selected.includes(b.id)}
            onChange={(e) =>
              onChange(
                e.target.checked ? [...selected, b.id] : selected.filter((id) => id !== b.id),
              )
            }
          />
          {b.name}
        </label>
      ))}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
