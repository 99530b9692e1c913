/** A labelled part of a ReAct-style reply (`Thought:`, `Action:`, `Action Input:`, `Final Answer:`). */
export interface ReactSection {
  /** The label, normalised. */
  label: 'thought' | 'action' | 'action input' | 'observation' | 'final answer';
  /** The text after the label, up to the next label, trimmed. */
  text: string;
}

const LABEL_LINE =
  /^[ \t>#*_-]*(thought|action[ _]input|action|observation|final[ _]answer)[ \t*_]*:[ \t*_]*/i;

/**
 * Splits a reply into ReAct sections, line by line, in order; text before the first label counts as a
 * thought. Returns an empty list unless the reply has
 * an `Action:` or `Final Answer:` line, so ordinary prose that happens to contain "Thought:" is left
 * alone. Tolerates markdown decoration such as `**Action:**`.
 */
export function splitReactSections(text: string): ReactSection[] {
  const sections: ReactSection[] = [];
  let current: { label: ReactSection['label']; lines: string[] } = { label: 'thought', lines: [] };
  for (const line of text.split('\n')) {
    const match = LABEL_LINE.exec(line);
    if (match) {
      sections.push(close(current));
      const label = match[1]!.toLowerCase().replace('_', ' ') as ReactSection['label'];
      current = { label, lines: [line.slice(match[0].length)] };
    } else {
      current.lines.push(line);
    }
  }
  sections.push(close(current));
  const isReact = sections.some((section) => section.label === 'action' || section.label === 'final answer');
  return isReact ? sections.filter((section) => section.text !== '' || section.label !== 'thought') : [];
}

function close(section: { label: ReactSection['label']; lines: string[] }): ReactSection {
  return { label: section.label, text: section.lines.join('\n').trim() };
}
