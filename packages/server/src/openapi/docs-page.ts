/**
 * A self-contained page that renders /api/v1/openapi.json: every operation with its parameters, body and
 * answers. No external scripts or fonts, so it works offline and behind strict networks.
 */
export const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Agentry API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem 2rem;color:#1d232a}
h1{margin-bottom:0}h2{border-bottom:1px solid #ddd;margin-top:2rem;text-transform:capitalize}
details{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.4rem .8rem}
summary{cursor:pointer}code,pre{font:13px ui-monospace,monospace}pre{background:#f5f6f8;padding:.6rem;overflow:auto}
.m{display:inline-block;min-width:4.5em;font-weight:700}.GET{color:#0969da}.POST{color:#1a7f37}
.PUT,.PATCH{color:#9a6700}.DELETE{color:#cf222e}
</style></head><body><h1>Agentry API</h1><p id="intro">Loading <a href="/api/v1/openapi.json">openapi.json</a>…</p>
<main id="ops"></main>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'})[c]);
const json = (v) => '<pre>' + esc(JSON.stringify(v, null, 2)) + '</pre>';
fetch('/api/v1/openapi.json').then((r) => r.json()).then((doc) => {
  document.getElementById('intro').innerHTML = esc(doc.info.description) + ' Version ' + esc(doc.info.version) +
    '. Authenticate with <code>Authorization: Bearer &lt;key&gt;</code>.';
  const byTag = {};
  for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) {
    (byTag[op.tags[0]] ??= []).push({ path, method: method.toUpperCase(), op });
  }
  let html = '';
  for (const [tag, ops] of Object.entries(byTag)) {
    html += '<h2>' + esc(tag) + '</h2>';
    for (const { path, method, op } of ops) {
      html += '<details><summary><span class="m ' + method + '">' + method + '</span> <code>' + esc(path) +
        '</code> — ' + esc(op.summary) + '</summary>' + (op.description ? '<p>' + esc(op.description) + '</p>' : '');
      if (op.parameters.length) html += '<h4>Parameters</h4>' + json(op.parameters);
      if (op.requestBody) html += '<h4>Body</h4>' + json(op.requestBody.content['application/json'].schema);
      html += '<h4>Answers</h4>' + json(op.responses) + '</details>';
    }
  }
  document.getElementById('ops').innerHTML = html;
});
</script></body></html>`;
