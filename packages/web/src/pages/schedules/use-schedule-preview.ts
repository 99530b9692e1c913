import { useEffect, useState } from 'react';
import { fieldErrors } from '../../api/problem';
import { previewSchedule, type ScheduleTimingBody } from '../../api/schedules';

/** What {@link useSchedulePreview} knows about the timing being typed. */
export interface SchedulePreviewState {
  /** The next fire times the server computed, once it answered for the current timing. */
  times: string[] | undefined;
  /** The API's messages by field (`cron`, `every`, `at`, `timezone`) when it refused the timing. */
  errors: Record<string, string>;
  /** Whether an answer for the current timing is still to come (waiting out the debounce or the request). */
  pending: boolean;
}

/** How long typing must pause before the preview is asked for. */
const DEBOUNCE_MS = 350;

/**
 * Asks the server for the next fire times of `timing` as the user types: once typing pauses for
 * {@link DEBOUNCE_MS}, and only the answer for the latest timing is kept. Null timing clears the preview.
 */
export function useSchedulePreview(timing: ScheduleTimingBody | null): SchedulePreviewState {
  const key = timing === null ? '' : JSON.stringify(timing);
  const [state, setState] = useState<SchedulePreviewState>({ times: undefined, errors: {}, pending: false });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `timing`'s content.
  useEffect(() => {
    if (timing === null) {
      setState({ times: undefined, errors: {}, pending: false });
      return;
    }
    let active = true;
    setState((old) => ({ ...old, pending: true }));
    const timer = setTimeout(() => {
      previewSchedule(timing).then(
        (times) => active && setState({ times, errors: {}, pending: false }),
        (error: unknown) =>
          active && setState({ times: undefined, errors: fieldErrors(error), pending: false }),
      );
    }, DEBOUNCE_MS);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [key]);

  return state;
}
