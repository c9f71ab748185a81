/**
 * A dependency-free, offline API browser for /openapi.json: lists operations with their
 * parameters, bodies and responses. (Swagger UI would need a CDN or a large bundle.)
 */
export const docsPage = (title: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem;color:#1a1a1a}
h1{font-size:1.4rem}details{border:1px solid #ccc;border-radius:6px;margin:.5rem 0;padding:.4rem .8rem}
summary{cursor:pointer}code,pre{font-family:ui-monospace,monospace;font-size:13px}
pre{background:#f4f4f4;padding:.6rem;overflow:auto;max-height:24rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700;text-transform:uppercase}
.get{color:#0b5394}.post{color:#38761d}.put,.patch{color:#7f6000}.delete{color:#990000}
</style></head><body><h1>${title} API</h1><p>Generated from the same zod schemas that validate requests.
Raw document: <a href="openapi.json">openapi.json</a></p><main id="ops">Loading…</main>
<script>
fetch('openapi.json').then(r=>r.json()).then(doc=>{
  const root=document.getElementById('ops');root.textContent='';
  for(const [path,ops] of Object.entries(doc.paths)) for(const [method,op] of Object.entries(ops)){
    const d=document.createElement('details');const s=document.createElement('summary');
    const m=document.createElement('span');m.className='m '+method;m.textContent=method;
    const c=document.createElement('code');c.textContent=path;
    s.append(m,c,document.createTextNode(' — '+(op.summary||'')));d.append(s);
    const pre=document.createElement('pre');pre.textContent=JSON.stringify({security:op.security,parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,2);
    d.append(pre);root.append(d);
  }
}).catch(e=>{document.getElementById('ops').textContent='Could not load openapi.json: '+e});
</script></body></html>`;
