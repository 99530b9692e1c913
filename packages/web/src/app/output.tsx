/**
 * Preformatted text (tool arguments and output, answers, memory entries) in a box that scrolls when long.
 * It is focusable so keyboard users can scroll it (axe: scrollable-region-focusable), and titled for
 * pointer users (title).
 */
export function Output({ label, children }: { label: string; children: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <pre className="output" tabIndex={0} title={label}>
      {children}
    </pre>
  );
}
