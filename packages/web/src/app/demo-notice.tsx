import { api } from '../api/client';
import { useApi } from './use-api';

/**
 * Says on every page that the model is simulated when the server runs in demo mode (`/health` answers
 * `"demo": true`), so nobody takes a demo answer for a real model's.
 */
export function DemoNotice() {
  const { data } = useApi(async () => (await api.GET('/health')).data, []);
  if (!data?.demo) return null;
  return (
    <p className="banner demo-banner" role="status">
      <strong>Demo mode:</strong> the model is simulated. Answers come from a scripted planner, not from
      Ollama; see docs/demo.md to leave demo mode.
    </p>
  );
}
