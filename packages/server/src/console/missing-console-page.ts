/** The page served at `/` when the console's static files are missing (not built or not installed). */
export const missingConsolePage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Agentry: console not built</title></head>
<body>
<h1>The Agentry console is not built</h1>
<p>The API is running: see <a href="/docs">/docs</a> and <a href="/health">/health</a>.</p>
<p>To serve the web console, build it from the repository root with <code>npm run build</code>
(or <code>npm run build -w packages/web</code>) and restart <code>agentry serve</code>.
An installed <code>@agentry/server</code> serves the console from its <code>@agentry/web</code> dependency.</p>
</body>
</html>
`;
