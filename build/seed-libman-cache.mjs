// Seeds LibMan's download cache from the npm registry, so that LibMan's own restore
// (run right after this by build/ClientLibraries.targets) needs no CDN.
//
//   node seed-libman-cache.mjs <path/to/libman.json> <LibMan cache root>
//
// For every jsdelivr/unpkg library in libman.json whose file list or requested files are
// missing from the cache, `npm pack <name>@<version>` (npm checks the registry's integrity
// hash) is unpacked into exactly what LibMan 3.x would have downloaded:
//   <cache root>/<provider>/<name>/<version>-filelist.json   (the provider's file-list JSON)
//   <cache root>/<provider>/<name>/<version>/<file>          (the package's files)
// jsDelivr's and unpkg's npm files are the npm package's files, byte for byte. Entries that
// are already cached are never touched. Exit code 0: nothing to do or seeded; 1: failed (the
// build then lets LibMan download from its CDN).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const [manifestPath, cacheRoot] = process.argv.slice(2);
if (!manifestPath || !cacheRoot) {
  console.error('usage: node seed-libman-cache.mjs <libman.json> <LibMan cache root>');
  process.exit(2);
}

const SEEDABLE = new Set(['jsdelivr', 'unpkg']);
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8').replace(/^\uFEFF/, ''));
let failed = false;

for (const lib of manifest.libraries ?? []) {
  const provider = (lib.provider ?? manifest.defaultProvider ?? '').toLowerCase();
  const at = (lib.library ?? '').lastIndexOf('@');
  if (!SEEDABLE.has(provider) || at <= 0) continue;
  const name = lib.library.slice(0, at);
  const version = lib.library.slice(at + 1);
  // jsDelivr GitHub libraries (owner/repo@ref) are not npm packages; "latest" needs a lookup.
  if ((provider === 'jsdelivr' && !name.startsWith('@') && name.includes('/')) || version === 'latest') continue;

  const libDir = path.join(cacheRoot, provider, ...name.split('/'));
  const fileList = path.join(libDir, `${version}-filelist.json`);
  const versionDir = path.join(libDir, version);
  if (fs.existsSync(fileList) && requestedFiles(lib).every((f) => fs.existsSync(path.join(versionDir, f)))) continue;

  try {
    seed(provider, name, version, libDir, fileList, versionDir);
  } catch (e) {
    console.error(`Could not seed the LibMan cache for ${lib.library} from npm: ${e.message}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);

/** Files named without wildcards; globs are covered by the whole package being cached. */
function requestedFiles(lib) {
  const plain = (f) => typeof f === 'string' && !/[*?[\]{}!]/.test(f);
  const files = (lib.files ?? []).filter(plain);
  for (const m of lib.fileMappings ?? []) {
    const root = (m.root ?? '').replace(/^\/+|\/+$/g, '');
    for (const f of (m.files ?? []).filter(plain)) files.push(root ? `${root}/${f}` : f);
  }
  return files.map((f) => f.replace(/^\/+/, ''));
}

function seed(provider, name, version, libDir, fileList, versionDir) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'libman-seed-'));
  try {
    const npm = spawnSync('npm', ['pack', `${name}@${version}`, '--json', '--ignore-scripts', '--pack-destination', tmp],
      { encoding: 'utf8', shell: process.platform === 'win32', cwd: tmp });
    if (npm.error) throw npm.error;
    if (npm.status !== 0) throw new Error(`npm pack exited with ${npm.status}: ${npm.stderr.trim().split('\n').slice(-3).join(' ')}`);
    const packed = JSON.parse(npm.stdout.slice(npm.stdout.indexOf('[')))[0];
    const entries = untar(zlib.gunzipSync(fs.readFileSync(path.join(tmp, packed.filename))));

    let written = 0;
    for (const e of entries) {
      const dest = path.join(versionDir, ...e.path.split('/'));
      if (fs.existsSync(dest)) continue; // never rewrite what LibMan (or an earlier seed) cached
      writeAtomically(dest, e.data);
      written++;
    }
    if (!fs.existsSync(fileList)) {
      const listing = provider === 'jsdelivr'
        ? { // https://data.jsdelivr.com/v1/package/npm/<name>@<version>/flat
            files: entries.map((e) => ({ name: `/${e.path}`, hash: sha256(e.data), time: e.mtime, size: e.data.length })),
          }
        : { // https://unpkg.com/<name>@<version>/?meta
            package: name, version, prefix: '/',
            files: entries.map((e) => ({ path: `/${e.path}`, size: e.data.length, type: 'file', integrity: `sha256-${sha256(e.data)}` })),
          };
      listing.seededFrom = `npm ${packed.id} ${packed.integrity}`;
      writeAtomically(fileList, Buffer.from(JSON.stringify(listing, null, 1)));
    }
    console.log(`Seeded LibMan cache (${provider}) with ${packed.id} from npm: ${written} files, ${libDir}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function sha256(data) {
  return createHash('sha256').update(data).digest('base64');
}

/** Write to a temp file beside the target, then rename: concurrent builds never see half a file. */
function writeAtomically(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** Regular files of a (ustar/pax/GNU) tar, with the package's top folder ("package/") stripped. */
function untar(buf) {
  const out = [];
  const str = (o, n) => buf.toString('utf8', o, o + n).replace(/\0.*$/s, '');
  const octal = (o, n) => parseInt(str(o, n).trim() || '0', 8);
  let pax = {};
  let longName = null;
  for (let hdr = 0; hdr + 512 <= buf.length;) {
    if (buf[hdr] === 0) break; // end-of-archive block
    const size = octal(hdr + 124, 12);
    const type = String.fromCharCode(buf[hdr + 156] || 48);
    const body = buf.subarray(hdr + 512, hdr + 512 + size);
    const { path: paxPath, mtime: paxMtime } = pax;
    const gnuName = longName;
    pax = {};
    longName = null;
    if (type === 'x') pax = parsePax(body);
    else if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if (type === '0' || type === '7') { // regular files; directories, links, global headers are skipped
      const prefix = str(hdr + 345, 155);
      const name = paxPath ?? gnuName ?? (prefix ? `${prefix}/${str(hdr, 100)}` : str(hdr, 100));
      const rel = name.replace(/\\/g, '/').split('/').slice(1).filter((p) => p && p !== '.');
      if (rel.length > 0 && !rel.includes('..')) {
        const mtime = new Date(Number(paxMtime ?? octal(hdr + 136, 12)) * 1000).toISOString();
        out.push({ path: rel.join('/'), data: body, mtime });
      }
    }
    hdr += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

/** pax records: "<length> <key>=<value>\n", length in bytes. */
function parsePax(body) {
  const rec = {};
  for (let i = 0; i < body.length;) {
    const sp = body.indexOf(0x20, i);
    const len = parseInt(body.toString('utf8', i, sp), 10);
    if (!(len > 0)) break;
    const kv = body.toString('utf8', sp + 1, i + len - 1);
    const eq = kv.indexOf('=');
    rec[kv.slice(0, eq)] = kv.slice(eq + 1);
    i += len;
  }
  return rec;
}
