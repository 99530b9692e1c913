import { Layout } from './layout';
import { useLocation } from './router';
import { pageFor } from './routes';
import { SignInPage } from './sign-in-page';
import { useSession } from './use-session';

/** The console: the sign-in form when the server needs a key, else the layout around the current page. */
export function App() {
  const location = useLocation();
  const session = useSession();
  if (session.loading) return null;
  if (session.needsSignIn) {
    return (
      <main id="main" className="sign-in-main">
        <SignInPage onSignedIn={session.refresh} />
      </main>
    );
  }
  const header = session.signedIn ? (
    <button type="button" onClick={() => void session.signOut()}>
      Sign out
    </button>
  ) : undefined;
  return <Layout header={header}>{pageFor(location)}</Layout>;
}
