// Build step of the extension (no bundler): copies Mozilla Readability from node_modules into
// vendor/, draws the toolbar icons into icons/, and writes the Firefox variant of the extension
// into dist/firefox/ (Firefox runs background scripts instead of a service worker and wants an
// add-on id). The source tree itself, after this step, is the Chromium extension.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const HERE = dirname(fileURLToPath(import.meta.url));
const READABILITY_DIR = join(HERE, "node_modules", "@mozilla", "readability");
const VENDOR_DIR = join(HERE, "vendor");
const ICON_DIR = join(HERE, "icons");
const FIREFOX_DIR = join(HERE, "dist", "firefox");
const ICON_SIZES = [16, 32, 48, 128];
const ICON_BACKGROUND = [26, 79, 214];          // #1a4fd6, the overlay's accent colour
const FIREFOX_ID = "quotetrail@quotetrail.invalid";
// 140 (ESR) is the first Firefox that reads data_collection_permissions; Android got it in 142.
const FIREFOX_MIN_VERSION = "140.0";
const FIREFOX_ANDROID_MIN_VERSION = "142.0";
// Folders and files that make up the extension (everything else here is tooling).
const EXTENSION_PARTS = ["src", "vendor", "icons"];

function vendorReadability() {
  mkdirSync(VENDOR_DIR, { recursive: true });
  copyFileSync(join(READABILITY_DIR, "Readability.js"), join(VENDOR_DIR, "Readability.js"));
  copyFileSync(join(READABILITY_DIR, "LICENSE.md"), join(VENDOR_DIR, "Readability-LICENSE.md"));
}

// --- a minimal PNG writer, enough for an RGBA icon -------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x + 0.5, y + 0.5), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

// A rounded blue square with two white quotation marks (a dot with a tail each).
function iconPixel(size) {
  const r = size * 0.2;
  return (x, y) => {
    const u = x / size;
    const v = y / size;
    const cx = Math.min(Math.max(x, r), size - r);
    const cy = Math.min(Math.max(y, r), size - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0];
    for (const mx of [0.36, 0.66]) {
      const dot = (u - mx) ** 2 + (v - 0.42) ** 2 < 0.11 ** 2;
      const tail = v > 0.42 && v < 0.7 && u > mx - 0.02 + (v - 0.42) * -0.5 && u < mx + 0.11 - (v - 0.42) * 0.6;
      if (dot || tail) return [255, 255, 255, 255];
    }
    return [...ICON_BACKGROUND, 255];
  };
}

function drawIcons() {
  mkdirSync(ICON_DIR, { recursive: true });
  for (const size of ICON_SIZES) writeFileSync(join(ICON_DIR, `icon-${size}.png`), png(size, iconPixel(size)));
}

function firefoxManifest(manifest) {
  const out = structuredClone(manifest);
  delete out.minimum_chrome_version;
  out.background = {
    scripts: ["src/shared/settings.js", "src/background/api.js", "src/background/worker.js"],
  };
  out.browser_specific_settings = {
    gecko: {
      id: FIREFOX_ID,
      strict_min_version: FIREFOX_MIN_VERSION,
      data_collection_permissions: { required: ["websiteContent"] },
    },
    gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
  };
  return out;
}

function buildFirefox() {
  const manifest = JSON.parse(readFileSync(join(HERE, "manifest.json"), "utf8"));
  rmSync(FIREFOX_DIR, { recursive: true, force: true });
  mkdirSync(FIREFOX_DIR, { recursive: true });
  for (const part of EXTENSION_PARTS) cpSync(join(HERE, part), join(FIREFOX_DIR, part), { recursive: true });
  writeFileSync(join(FIREFOX_DIR, "manifest.json"), JSON.stringify(firefoxManifest(manifest), null, 2) + "\n");
}

vendorReadability();
drawIcons();
buildFirefox();
console.log(`QuoteTrail extension built: vendor/, icons/ and ${FIREFOX_DIR}`);
