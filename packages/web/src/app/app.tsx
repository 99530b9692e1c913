import { Layout } from './layout';
import { useLocation } from './router';
import { pageFor } from './routes';

/** The console: the layout around the page of the current location. */
export function App() {
  const location = useLocation();
  return <Layout>{pageFor(location)}</Layout>;
}
