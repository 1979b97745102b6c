/* What the browser tests measure in a page, from the boxes the browser laid out: one file that
   Chromium (through Playwright) and WebKitGTK (webkit_driver.py) both load, so that both
   engines are held to the same checks (browser.measure calls a function of it by name).
   The file is one expression: an object of functions. */
({
  /* Each character (a code point, white space left out) of the text nodes under `root` that
     `accept` takes, with a range over it: in document order. */
  characters(root, accept = () => true) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: n => accept(n) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT});
    const found = [];
    let node;
    while ((node = walker.nextNode())) {
      let offset = 0;
      for (const c of node.data) {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + c.length);
        offset += c.length;
        if (!/\s/.test(c)) found.push({node, c, range});
      }
    }
    return found;
  },

  /* The text of each line of the blocks under `selector`, from the boxes of their characters,
     readings and their brackets left out. */
  lineTexts(selector) {
    const lines = [];
    const root = document.querySelector(selector);
    for (const block of root.querySelectorAll("h1, h2, h3, p, li, td, th, figcaption")) {
      let line = null;
      for (const {c, range} of this.characters(block, n => !n.parentElement.closest("rt, rp"))) {
        // WebKit gives the first character of a line a rect of no width at the end of the
        // line before as well (源 of 来源 broken between the two): its first with a width.
        const rect = [...range.getClientRects()].find(r => r.width > 0);
        if (!rect) continue;
        if (!line || rect.top >= line.top + line.height / 2) {
          line = {top: rect.top, height: rect.height, text: ""};
          lines.push(line);
        }
        line.text += c;
      }
    }
    return lines.map(l => l.text);
  },

  /* The ruby grid (tests/visual/test_ruby_grid.py): each reading shown with its characters'
     em boxes, the advances between neighbouring annotated characters, the readings that
     overlap another reading or a character, those off their characters' centre, and the
     page's scroll width against its width. */
  rubyGrid() {
    const isHan = c => /\p{Script=Han}/u.test(c);
    const clipped = e => {
      for (; e; e = e.parentElement) if (getComputedStyle(e).clipPath !== 'none') return true;
      return false;
    };
    const items = [];
    for (const ruby of document.body.querySelectorAll('ruby')) {
      const rt = ruby.querySelector('rt');
      // Not set (a table cell's label on a wide screen), or hidden from sight (a narrow
      // table's header row, clipped to nothing; its cells show labels): not on the grid.
      if (!rt || getComputedStyle(rt).display === 'none' || !ruby.getClientRects().length ||
          clipped(ruby)) continue;
      const style = getComputedStyle(ruby);
      const size = parseFloat(style.fontSize);
      // A character's range includes the letter-spacing after it: its glyph is the first em.
      const spacing = parseFloat(style.letterSpacing) || 0;
      const chars = [];
      for (const {c, range} of this.characters(ruby, n => n.parentNode === ruby)) {
        if (!isHan(c)) continue;
        const box = range.getBoundingClientRect();
        const middle = (box.top + box.bottom) / 2;
        chars.push({c, left: box.left, right: box.right - spacing,
                    top: middle - size / 2, bottom: middle + size / 2});
      }
      if (!chars.length) continue;
      // A site with both readings shows one of the two (each condensed on its own); a word's
      // reading is a box of its own in the <rt> (common/ruby.html).
      const shown = [...rt.children].find(
        e => e.matches('.py, .zy, .reading') && getComputedStyle(e).display !== 'none');
      const box = (shown || rt).getBoundingClientRect();
      // The width of the line the ruby is set in: its block's content box.
      const block = ruby.closest('h1, h2, h3, h4, h5, h6, p, li, th, td, dt, dd, figcaption');
      const blockStyle = block && getComputedStyle(block);
      const line = block ? block.clientWidth - parseFloat(blockStyle.paddingLeft) -
        parseFloat(blockStyle.paddingRight) : document.documentElement.clientWidth;
      items.push({ruby, chars, size, spacing, line, text: rt.textContent,
                  rt: {left: box.left, right: box.right, top: box.top, bottom: box.bottom}});
    }
    const name = item => item.chars.map(c => c.c).join('') + ' ' + item.text;
    const advances = [], overlaps = [], clashes = [], offcentre = [], split = [];
    items.forEach((item, k) => {
      const chars = item.chars;
      const oneLine = chars.every(c => Math.abs(c.top - chars[0].top) < 1);
      if (oneLine) {
        const base = (chars[0].left + chars[chars.length - 1].right) / 2;
        const off = (item.rt.left + item.rt.right) / 2 - base;
        if (Math.abs(off) > 1) offcentre.push([name(item), off]);
      } else {
        // Only a word wider than its line may be set on two lines, its reading over the first.
        const width = chars.length * (item.size + item.spacing);
        if (width < item.line - 1) split.push([name(item), width, item.line]);
      }
      const pairs = chars.slice(1).map((c, i) => [chars[i], c]);
      const next = items[k + 1];
      // Neighbours: two rubies, or two words' boxes, one right after the other.
      const box = ruby => ruby.closest('.word') || ruby;
      if (next && box(item.ruby).nextSibling === box(next.ruby)) {
        pairs.push([chars[chars.length - 1], next.chars[0]]);
      }
      for (const [a, b] of pairs) {
        if (Math.abs(a.top - b.top) >= 1) continue;  // a line ends between them
        advances.push([item.size, (b.left + b.right - a.left - a.right) / 2, a.c + b.c]);
      }
      // Every reading within 80 rubies of this one: its line and the lines next to it.
      for (const other of items.slice(Math.max(0, k - 80), k + 80)) {
        const r = item.rt;
        if (other !== item && other.rt.left > r.left) {
          const o = other.rt;
          const x = Math.min(r.right, o.right) - o.left;
          const y = Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top);
          if (x > 0.01 && y > 0.01) overlaps.push([name(item), name(other), x]);
        }
        for (const c of other.chars) {
          const x = Math.min(r.right, c.right) - Math.max(r.left, c.left);
          const y = Math.min(r.bottom, c.bottom) - Math.max(r.top, c.top);
          if (x > 0.01 && y > 0.01) clashes.push([name(item), c.c, y]);
        }
      }
    });
    return {readings: items.length, advances, overlaps, clashes, offcentre, split,
            scroll: [document.documentElement.scrollWidth, document.documentElement.clientWidth]};
  },

  /* Characters of the page's tables outside their cell or the window, and lines inside a
     cell that start with a mark of `neverFirst` (tests/visual/test_tables.py). */
  tableProblems(neverFirst) {
    const width = document.documentElement.clientWidth;
    const found = [];
    for (const table of document.querySelectorAll('table')) {
      const shown = table.getBoundingClientRect();
      for (const cell of table.querySelectorAll('caption, th, td')) {
        // A narrow screen hides the header row from sight only (clipped): its cells show their
        // headers as labels, and the header cells stay for screen readers.
        if (getComputedStyle(cell.closest('thead') || cell).clipPath !== 'none') continue;
        const box = cell.getBoundingClientRect();
        // A word wider than its cell is set on two lines under one reading, centred over both
        // (as the ruby grid allows): its reading is left out, its characters are not.
        const split = ruby => ruby.getClientRects().length > 1 ||
          ruby.getBoundingClientRect().height > 2.5 * parseFloat(getComputedStyle(ruby).fontSize);
        const accept = n => {
          const rt = n.parentElement.closest('rt');
          return !(rt && split(rt.parentElement));
        };
        let last = null;
        for (const {node, c, range} of this.characters(cell, accept)) {
          // A character's range includes the letter-spacing after it: its glyph is the
          // first em (as in the ruby grid).
          const spacing = parseFloat(getComputedStyle(node.parentElement).letterSpacing) || 0;
          const rects = [...range.getClientRects()].filter(r => r.width);
          // A character below the one before it starts a line of the cell (readings aside).
          const reading = node.parentElement.closest('rt');
          if (!reading && rects.length && last && rects[0].top > last.top + last.height / 2 &&
              neverFirst.includes(c)) {
            found.push(`${c} starts a line in "${cell.textContent.trim()}"`);
          }
          if (!reading && rects.length) last = rects[rects.length - 1];
          for (const r of rects) {
            const left = Math.max(0, box.left, shown.left) - 0.5;
            const right = Math.min(width, box.right, shown.right) + 0.5;
            const end = r.right - spacing;
            if (r.left < left || end > right) {
              found.push(`${c} at ${r.left.toFixed(1)}-${end.toFixed(1)} ` +
                         `outside ${left.toFixed(1)}-${right.toFixed(1)}`);
            }
          }
        }
      }
    }
    const scroll = document.documentElement.scrollWidth;
    if (scroll > width) found.push(`the page scrolls sideways: ${scroll} > ${width} px`);
    return {tables: document.querySelectorAll('table').length, found};
  },
})
