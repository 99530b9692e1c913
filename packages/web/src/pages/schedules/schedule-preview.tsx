import { NextFireTimes } from './next-fire-times';
import type { SchedulePreviewState } from './use-schedule-preview';

/**
 * The next five fire times of the schedule being typed, as the server computes them, before it is saved.
 * A refused timing shows its message at the field instead (see `ScheduleForm`).
 */
export function SchedulePreview({ preview }: { preview: SchedulePreviewState }) {
  const refused = Object.keys(preview.errors).length > 0;
  return (
    <section
      className="preview"
      aria-label="Fire time preview"
      aria-live="polite"
      aria-busy={preview.pending}
    >
      {preview.times !== undefined ? (
        <NextFireTimes times={preview.times} />
      ) : (
        <p className="muted">
          {refused
            ? 'Fix the timing to see when it would fire.'
            : 'Type a timing to see the next fire times before saving.'}
        </p>
      )}
    </section>
  );
}
