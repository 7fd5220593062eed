// In-page timing probes, injected as source text (like axe in the e2e tests): functions passed to
// page.evaluate would be re-serialized after tsx's transform, which can reference helpers that
// do not exist in the page. Installed as `window.cashierProbe`.

/** Source of the probe; every timing is performance.now() inside the renderer. */
export const PROBE_SOURCE = String.raw`
(() => {
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  // Resolves with the time of the first DOM mutation under root after which check() holds.
  const until = (root, check, timeoutMs) =>
    new Promise((resolve) => {
      const done = (value) => { observer.disconnect(); clearTimeout(timer); resolve(value); };
      const observer = new MutationObserver(() => { if (check()) done(performance.now()); });
      observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
      const timer = setTimeout(() => done(null), timeoutMs);
    });
  const fold = (t) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const setInput = (input, value) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  window.cashierProbe = {
    // Clicks item buttons of the shown category in turn; times click → cart changed (DOM) → next frame.
    async addItems(count, distinct) {
      const cart = () => document.querySelector('ol.cmd-cart');
      const buttons = [...document.querySelectorAll('button.cmd-item:not([disabled])')]
        .filter((b) => !b.textContent.includes('…'))
        .slice(0, distinct);
      if (buttons.length === 0) throw new Error('no item buttons without modifiers');
      const dom = [], frame = [], misses = [];
      for (let i = 0; i < count; i++) {
        const before = cart() ? cart().textContent : '';
        const t0 = performance.now();
        const changed = until(document.body, () => (cart() ? cart().textContent : '') !== before, 2000);
        buttons[i % buttons.length].click();
        const tDom = await changed;
        if (tDom === null) { misses.push(i); continue; }
        const tFrame = await nextFrame();
        dom.push(tDom - t0);
        frame.push(tFrame - t0);
        await sleep(20); // let the save settle, as between a cashier's taps
      }
      return { dom, frame, misses, lines: cart() ? cart().querySelectorAll(':scope > li').length : 0 };
    },
    // Baseline for add: a trivial DOM append, same observer and frame wait.
    async baselineAppend(count) {
      const list = document.createElement('ol');
      list.setAttribute('aria-hidden', 'true');
      document.body.append(list);
      const dom = [], frame = [];
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        const changed = until(list, () => list.childElementCount === i + 1, 2000);
        const li = document.createElement('li');
        li.textContent = 'line ' + i;
        list.append(li);
        const tDom = await changed;
        const tFrame = await nextFrame();
        dom.push(tDom - t0);
        frame.push(tFrame - t0);
        await sleep(20);
      }
      list.remove();
      return { dom, frame };
    },
    // Types each query into the search box (as one input event); times input → grid updated → next frame.
    async search(queries) {
      const input = document.querySelector('.cmd-search input');
      const menu = input.closest('section');
      const dom = [], frame = [], results = [], misses = [];
      for (const q of queries) {
        if (input.value !== '') {
          const cleared = until(menu, () => true, 2000);
          setInput(input, '');
          await cleared;
          await nextFrame();
          await sleep(10);
        }
        const before = menu.textContent;
        const t0 = performance.now();
        const changed = until(menu, () => menu.textContent !== before, 2000);
        setInput(input, q);
        const tDom = await changed;
        if (tDom === null) { misses.push(q); continue; }
        const tFrame = await nextFrame();
        dom.push(tDom - t0);
        frame.push(tFrame - t0);
        results.push(menu.querySelectorAll('button.cmd-item').length);
      }
      setInput(input, '');
      return { dom, frame, results, misses };
    },
    // Baseline for search: Array.filter over the same names (accent-folded once up front).
    baselineFilter(names, queries, rounds) {
      const folded = names.map(fold);
      const times = [];
      let hits = 0;
      for (let r = 0; r < rounds; r++) {
        for (const q of queries) {
          const t0 = performance.now();
          const words = q.split(/\s+/).filter(Boolean);
          hits += folded.filter((n) => words.every((w) => n.includes(w))).length;
          times.push(performance.now() - t0);
        }
      }
      return { times, hits };
    },
  };
})();
`;
