import { type ReactNode, useEffect, useState, useSyncExternalStore } from 'react';
import { connection } from '../api/connection';
import { DemoNotice } from './demo-notice';
import { PendingCount } from './pending-count';
import { Link, useLocation } from './router';

/** The console's sections, in navigation order. */
export const sections = [
  { path: '/', label: 'Overview' },
  { path: '/agents', label: 'Agents' },
  { path: '/run', label: 'Run an agent' },
  { path: '/workflows', label: 'Workflows' },
  { path: '/schedules', label: 'Schedules' },
  { path: '/triggers', label: 'Triggers' },
  { path: '/approvals', label: 'Approvals' },
  { path: '/tools', label: 'Tools & plugins' },
  { path: '/mcp-servers', label: 'MCP servers' },
  { path: '/memory', label: 'Memory' },
  { path: '/settings', label: 'Settings' },
] as const;

function isCurrent(section: string, location: string): boolean {
  const path = location.split('?')[0] ?? '/';
  return section === '/' ? path === '/' : path === section || path.startsWith(`${section}/`);
}

/**
 * The frame around every page: a persistent navigation (a menu button on narrow screens), the banner
 * shown while the server cannot be reached, the demo-mode notice, and the page itself in `<main>`.
 */
export function Layout({ children, header }: { children: ReactNode; header?: ReactNode }) {
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const state = useSyncExternalStore(connection.subscribe, connection.get);

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the menu whenever the page changes.
  useEffect(() => setOpen(false), [location]);

  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Agentry
        </Link>
        <button
          type="button"
          className="menu-button"
          aria-expanded={open}
          aria-controls="site-nav"
          onClick={() => setOpen((value) => !value)}
        >
          Menu
        </button>
        {header}
      </header>
      <nav id="site-nav" aria-label="Sections" className={open ? 'nav open' : 'nav'}>
        <ul>
          {sections.map((section) => (
            <li key={section.path}>
              <Link to={section.path} aria-current={isCurrent(section.path, location) ? 'page' : undefined}>
                {section.label}
                {section.path === '/approvals' && <PendingCount />}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">
        {state.lost && (
          <div className="banner" role="alert">
            The connection to the Agentry server is lost. Retrying…
          </div>
        )}
        <DemoNotice />
        {children}
      </main>
    </div>
  );
}
