// Reads sentences (one a line) on standard input and prints, for each, one engine-spelled
// syllable per character (`lv4`, `de5`), `-` for a character without one: pinyin-pro as its
// README shows it, bare or with @pinyin-pro/data/complete added (benchmarks/pinyin_text.py).
// Usage: node benchmarks/pinyin_pro.mjs PREFIX bare|complete   (PREFIX: npm install --prefix)
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const [prefix, variant] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(prefix), "package.json"));
const { pinyin, addDict } = require("pinyin-pro");
if (variant === "complete") {
  addDict(require("@pinyin-pro/data/complete"));
}

const lines = readFileSync(0, "utf8").split("\n");
const out = [];
for (const line of lines) {
  const syllables = [];
  for (const item of pinyin(line, { type: "all", toneType: "num", v: true })) {
    for (const _ of item.origin) {
      if (item.isZh && item.pinyin) {
        const reading = item.pinyin.replace(/0$/, "5");
        syllables.push(/[1-5]$/.test(reading) ? reading : reading + "5");
      } else {
        syllables.push("-");
      }
    }
  }
  out.push(syllables.join(" "));
}
process.stdout.write(out.join("\n") + "\n");
