// Builds the same deck as mnemo's export with genanki-js 2.0.0 and prints
// how long it took in milliseconds, as JSON. genanki-js is written for
// browsers: the package's own steps (Package.writeToFile) are run here with
// the zip written by Node instead of FileSaver.
//
// usage: node genanki.mjs FIELDS.json OUT.apkg
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const initSqlJs = require("sql.js");
const JSZip = require("jszip");

// dist/genanki.js is an ES module in a package without "type": "module":
// load its source as one.
const src = fs.readFileSync(require.resolve("genanki-js/dist/genanki.js"), "utf8");
const url = "data:text/javascript;base64," + Buffer.from(
  src.replace(/^import .*$/gm, "")
).toString("base64");
globalThis.sha256 = require("js-sha256").sha256;
globalThis.JSZip = JSZip;
globalThis.bigInt = require("big-integer");
globalThis.saveAs = () => { throw new Error("saveAs is not used in Node"); };
const { Model, Deck, Package, APKG_SCHEMA } = await import(url);

const [fieldsPath, out] = process.argv.slice(2);
const notes = JSON.parse(fs.readFileSync(fieldsPath, "utf8"));
const SQL = await initSqlJs();

const start = process.hrtime.bigint();
const model = new Model({
  name: "Basic (mnemo)", id: "1700000000001",
  flds: [{ name: "Front" }, { name: "Back" }],
  req: [[0, "all", [0]]],
  tmpls: [{ name: "Card 1", qfmt: "{{Front}}", afmt: "{{FrontSide}}<hr id=answer>{{Back}}" }],
});
const decks = new Map();
for (const n of notes) {
  let d = decks.get(n.deck);
  if (!d) {
    d = new Deck(1700000000000 + decks.size, n.deck);
    decks.set(n.deck, d);
  }
  d.addNote(model.note([n.front, n.back], n.tags));
}
const pkg = new Package();
for (const d of decks.values()) pkg.addDeck(d);
const db = new SQL.Database();
db.run(APKG_SCHEMA);
pkg.write(db);
const zip = new JSZip();
zip.file("collection.anki2", db.export());
zip.file("media", "{}");
// JSZip's default compression (none), as Package.writeToFile uses it.
const buf = await zip.generateAsync({ type: "nodebuffer" });
fs.writeFileSync(out, buf);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ notes: notes.length, ms, bytes: buf.length }));
