import { Time } from '../../app/feedback';

/**
 * The next fire times of a schedule as the API computed them (`nextRuns`); the console computes none
 * itself, so what it shows is what the scheduler will do.
 */
export function NextFireTimes({ times }: { times: readonly string[] }) {
  if (times.length === 0) return <p className="muted">It will not fire again.</p>;
  return (
    <>
      <h3>Next fire times</h3>
      <ol aria-label="Next fire times">
        {times.map((time) => (
          <li key={time}>
            <Time value={time} />
          </li>
        ))}
      </ol>
    </>
  );
}
