// SPDX-License-Identifier: MIT
// A stand-in for `parley serve` while the real server is being written: answers the contract's
// endpoints (docs/api.md) by running the parley command. Development only; loopback only.
'use strict';
const http = require('http'), fs = require('fs'), os = require('os'), path = require('path');
const {execFileSync, spawn} = require('child_process');
const [parley, page, port] = process.argv.slice(2);
const run = args => execFileSync(parley, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
function cliArgs(b) {
  const a = [];
  for (const [p, v] of b.set || []) a.push('--set', p + '=' + v);
  if (b.variant) a.push('--variant', b.variant);
  return a;
}
function fail(res, status, msg) {
  const m = /^--set ([^:]+): /.exec(msg);
  send(res, status, {ok: false, error: {status, message: msg, path: m ? m[1] : undefined}});
}
function send(res, status, obj, type) {
  const body = typeof obj === 'string' ? obj : JSON.stringify(obj);
  res.writeHead(status, {'Content-Type': type || 'application/json'});
  res.end(body);
}
function inputs() {
  const d = JSON.parse(run(['stress', '-n', '1', '-f', 'json']));
  return d.stress.inputs.map(i => {
    const w = i.input.split(' ');
    const p = w.length === 2 && w[1] === 'capability' ? 'actors.' + w[0] + '.capability'
      : w.length === 3 && (w[2] === 'position' || w[2] === 'salience') ? 'positions.' + w[0] + '.' + w[1] + '.' + w[2] : null;
    return {label: i.input, path: p, value: i.value, low: i.low, high: i.high, stated: true};
  });
}
const text = run(['scenario']);
const info = {name: 'ukraine-2025', text, scenario: JSON.parse(run(['scenario', '-f', 'json'])),
  variants: [...text.matchAll(/^  - id: (\S+)\n    name: (.*)$/mg)].map(m => ({name: m[1], description: m[2]})),
  proposals: ['moscow-terms', 'europe-kyiv', 'istanbul-2022'], charts: [], inputs: inputs()};
let job = null;
http.createServer((req, res) => {
  let body = '';
  req.on('data', c => { body += c; });
  req.on('end', () => {
    let b = {};
    try { if (body) b = JSON.parse(body); } catch (e) { return fail(res, 400, 'malformed JSON'); }
    try {
      if (req.method === 'GET' && req.url === '/') return send(res, 200, fs.readFileSync(page, 'utf8'), 'text/html');
      if (req.method === 'GET' && req.url === '/api/scenario') return send(res, 200, info);
      if (req.method === 'POST' && req.url === '/api/run') {
        const results = {}, ms = {};
        for (const a of b.analyses || ['forecast', 'settle', 'power', 'durability', 'claims']) {
          const t = Date.now();
          const extra = b.proposal && ['settle', 'durability', 'claims'].includes(a) ? ['--proposal', b.proposal] : [];
          results[a] = JSON.parse(run([a, '-f', 'json', ...cliArgs(b), ...extra]));
          ms[a] = Date.now() - t;
        }
        return send(res, 200, {ok: true, results, ms});
      }
      if (req.method === 'POST' && req.url === '/api/charts') {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-'));
        run(['report', '-n', '0', '--svg-dir', dir, ...cliArgs(b)]);
        const charts = {};
        for (const f of fs.readdirSync(dir).sort()) charts[f.replace(/\.svg$/, '')] = fs.readFileSync(path.join(dir, f), 'utf8');
        fs.rmSync(dir, {recursive: true});
        return send(res, 200, {ok: true, charts});
      }
      if (req.method === 'POST' && req.url === '/api/stress') {
        if (job && job.state === 'running') return fail(res, 409, 'a Monte Carlo run is under way');
        const n = (b.options && b.options.draws) || 200;
        job = {id: String(Date.now()), state: 'running', done: 0, total: n, out: ''};
        const j = job, p = spawn(parley, ['stress', '-n', String(n), '-f', 'json', ...cliArgs(b)]);
        p.stdout.on('data', c => { j.out += c; });
        p.on('close', code => { j.state = code === 0 ? 'done' : 'error'; j.done = n; if (code === 0) j.result = JSON.parse(j.out); });
        return send(res, 202, {job: j.id});
      }
      const m = /^\/api\/stress\/(\w+)$/.exec(req.url);
      if (m && job && job.id === m[1]) {
        if (req.method === 'DELETE') { job.state = 'cancelled'; return send(res, 200, {ok: true}); }
        return send(res, 200, {state: job.state, done: job.done, total: job.total, result: job.result});
      }
      return fail(res, 404, 'no such endpoint');
    } catch (e) {
      return fail(res, 400, String(e.stderr || e.message).trim().replace(/^parley: /, ''));
    }
  });
}).listen(Number(port || 0), '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port + '/'); });
