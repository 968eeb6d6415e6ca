// TutorialSite's one script. Loaded in <head> so the colour mode is applied before the first paint;
// everything else waits for the DOM. Without JavaScript every feature still works through plain forms.
(() => {
  'use strict';
  const root = document.documentElement;
  root.classList.add('js');

  // Colour mode: "auto" follows the system; an explicit choice is remembered in this browser.
  const system = window.matchMedia('(prefers-color-scheme: dark)');
  const storedTheme = () => {
    try { return localStorage.getItem('theme'); } catch { return null; }
  };
  const applyTheme = (choice) => {
    const theme = choice === 'light' || choice === 'dark' ? choice : (system.matches ? 'dark' : 'light');
    root.setAttribute('data-bs-theme', theme);
  };
  applyTheme(storedTheme());
  system.addEventListener('change', () => applyTheme(storedTheme()));

  const setUpThemePicker = () => {
    const picker = document.getElementById('theme');
    if (!picker) return;
    picker.value = storedTheme() || 'auto';
    picker.addEventListener('change', () => {
      try {
        if (picker.value === 'auto') localStorage.removeItem('theme');
        else localStorage.setItem('theme', picker.value);
      } catch { /* storage blocked: the choice lasts for this page only */ }
      applyTheme(picker.value);
    });
  };

  // Checklists: a tick is saved with fetch; the box only shows what the server confirmed. The meter, the
  // course outline's mark for this tutorial and the completion panel follow each confirmed save.
  const updateProgress = (progress) => {
    if (!progress) return;
    const bar = document.querySelector('[data-tutorial-progress] progress');
    const text = document.querySelector('[data-progress-text]');
    if (bar && text) {
      bar.max = progress.total;
      bar.value = progress.done;
      text.textContent = `${progress.done} of ${progress.total} checked off`;
    }
    const mark = document.querySelector('.outline-list [aria-current="page"] .outline-mark');
    const complete = progress.total > 0 && progress.done >= progress.total;
    if (mark) {
      // The same markup the server writes (LearnerPageTemplate.OutlineMark).
      mark.className = complete ? 'outline-mark is-complete' : 'outline-mark';
      mark.innerHTML = complete ? '<span class="visually-hidden">complete</span>'
        : `${progress.done}<span class="visually-hidden"> of </span><span aria-hidden="true">/</span>${progress.total}<span class="visually-hidden"> done</span>`;
    }
    const panel = document.querySelector('[data-completion-panel]');
    if (panel) panel.hidden = !complete;
  };

  // Shared (anonymous) pages carry no antiforgery token: the first tick fetches one and adds it to every form.
  const TOKEN = '__RequestVerificationToken';
  let fetchingToken = null; // one fetch for quick clicks: two would set two different cookies
  const ensureToken = (form) => {
    if (form.elements[TOKEN]) return Promise.resolve();
    fetchingToken ??= fetchToken(form).finally(() => { fetchingToken = null; });
    return fetchingToken;
  };
  const fetchToken = async (form) => {
    const url = new URL(form.action);
    url.searchParams.set('handler', 'Token');
    const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { token } = await response.json();
    document.querySelectorAll('form[data-tick-form]').forEach((f) => {
      if (f.elements[TOKEN]) return;
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = TOKEN;
      input.value = token;
      f.prepend(input);
    });
  };

  // Saves are sent one at a time: the first tick in a new browser creates the learner and its cookie, and
  // a second request sent before that answer arrived would create a second learner and lose a tick.
  let queue = Promise.resolve();

  const save = (form, box) => {
    const wanted = box.checked;
    const body = new FormData(form);
    const status = form.querySelector('[data-tick-status]');
    const attempt = (Number(form.dataset.attempt) || 0) + 1;
    form.dataset.attempt = String(attempt);
    form.classList.add('is-saving');
    status.classList.remove('text-danger-emphasis', 'is-fading');
    clearTimeout(Number(status.dataset.timer));
    status.textContent = 'Saving…';
    const send = async () => {
      try {
        await ensureToken(form);
        body.set(TOKEN, form.elements[TOKEN].value);
        const response = await fetch(form.action, {
          method: 'POST',
          body,
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const result = await response.json();
        updateProgress(result.progress);
        if (form.dataset.attempt !== String(attempt)) return; // a newer click on this box follows
        box.checked = result.done;
        status.textContent = result.done ? 'Saved: ticked' : 'Saved: unticked';
        // Seen, then gone: a line that fades and is cleared, so no item keeps a "Saved" under it.
        status.classList.remove('is-fading');
        void status.offsetWidth; // restart the fade on a second save
        status.classList.add('is-fading');
        clearTimeout(Number(status.dataset.timer));
        status.dataset.timer = String(setTimeout(() => {
          if (form.dataset.attempt !== String(attempt)) return;
          status.textContent = '';
          status.classList.remove('is-fading');
        }, 3000));
      } catch {
        if (form.dataset.attempt !== String(attempt)) return;
        box.checked = !wanted;
        status.classList.add('text-danger-emphasis');
        status.textContent = 'Not saved. Check your connection and try again.';
      } finally {
        if (form.dataset.attempt === String(attempt)) form.classList.remove('is-saving');
      }
    };
    queue = queue.then(send);
  };

  const setUpChecklists = () => {
    document.querySelectorAll('form[data-tick-form]').forEach((form) => {
      const box = form.querySelector('input[type="checkbox"]');
      if (!box) return;
      box.addEventListener('change', () => save(form, box));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        save(form, box);
      });
    });
  };

  // Code and wide tables scroll sideways on small screens. Keyboard users scroll them once focused: recent
  // browsers make such boxes focusable by themselves, older ones need a tabindex.
  const markScrollables = () => {
    document.querySelectorAll('main pre, main table').forEach((box) => {
      if (box.scrollWidth > box.clientWidth) box.setAttribute('tabindex', '0');
      else box.removeAttribute('tabindex');
    });
  };

  // The Courses menu is a <details> and works without script; with it, Escape, a click elsewhere or moving
  // the focus out of the menu closes it, as menus usually behave.
  const setUpMenus = () => {
    document.querySelectorAll('.courses-menu details, details.site-menu').forEach((menu) => {
      const close = () => { menu.open = false; };
      menu.addEventListener('keydown', (event) => {
        if (event.key !== 'Escape' || !menu.open) return;
        close();
        menu.querySelector('summary').focus();
      });
      menu.addEventListener('focusout', (event) => {
        if (event.relatedTarget && !menu.contains(event.relatedTarget)) close();
      });
      document.addEventListener('click', (event) => {
        if (menu.open && !menu.contains(event.target)) close();
      });
    });
  };

  // Search: results follow the typing (debounced), fetched from the same page the form submits to. Only the
  // status line ("3 results for …") is a live region: announcing the whole list on every keystroke would drown
  // a screen reader.
  const setUpLiveSearch = () => {
    const form = document.querySelector('form[data-live-search]');
    const results = document.getElementById('search-results');
    const status = results?.querySelector('[role="status"]');
    if (!form || !status) return;
    let timer = 0;
    let latest = 0;
    const refresh = async () => {
      const query = new URLSearchParams([...new FormData(form)].filter(([, value]) => value !== ''));
      const url = `${form.action}?${query}`;
      const attempt = ++latest;
      try {
        const response = await fetch(url, { headers: { Accept: 'text/html' } });
        if (!response.ok || attempt !== latest) return;
        const page = new DOMParser().parseFromString(await response.text(), 'text/html');
        const freshStatus = page.querySelector('#search-results [role="status"]');
        if (!freshStatus || attempt !== latest) return;
        status.textContent = freshStatus.textContent;
        // Everything after the status line (correction, filters, results or a way on) comes from the fresh page.
        while (status.nextSibling) status.nextSibling.remove();
        let next = freshStatus.nextSibling;
        for (; next; next = next.nextSibling) results.append(document.importNode(next, true));
        document.title = page.title;
        history.replaceState(null, '', url);
      } catch { /* offline: the form still submits normally */ }
    };
    form.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
  };

  // Code blocks get a header bar: the block's title (its caption) or its language, and a Copy button, only
  // with script since copying needs it. The button copies the code alone and says how it went, in the button
  // and, for screen readers, in a status line.
  const LANGUAGES = {
    cs: 'C#', csharp: 'C#', js: 'JavaScript', javascript: 'JavaScript', ts: 'TypeScript', typescript: 'TypeScript',
    sh: 'Shell', bash: 'Shell', shell: 'Shell', console: 'Shell', ps1: 'PowerShell', powershell: 'PowerShell',
    pwsh: 'PowerShell', py: 'Python', python: 'Python', json: 'JSON', yaml: 'YAML', yml: 'YAML', html: 'HTML',
    xml: 'XML', css: 'CSS', sql: 'SQL', dockerfile: 'Dockerfile', docker: 'Dockerfile', md: 'Markdown',
    markdown: 'Markdown', text: 'Text', txt: 'Text', diff: 'Diff', ini: 'INI', toml: 'TOML', java: 'Java',
  };
  const languageOf = (pre, code) => {
    const id = pre.dataset.lang || code.dataset.lang || pre.closest('[data-lang]')?.dataset.lang
      || (/(?:^|\s)language-(\S+)/.exec(code.className) || [])[1];
    return id ? (LANGUAGES[id.toLowerCase()] || id) : 'Code';
  };
  const setUpCodeBlocks = () => {
    const blocks = document.querySelectorAll('main pre > code');
    if (blocks.length === 0) return;
    const announcer = document.createElement('p');
    announcer.className = 'visually-hidden';
    announcer.setAttribute('role', 'status');
    document.querySelector('main').append(announcer);
    blocks.forEach((code) => {
      const pre = code.parentElement;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-code';
      button.append('Copy');
      const hidden = document.createElement('span');
      hidden.className = 'visually-hidden';
      hidden.textContent = ' code';
      button.append(hidden);
      const caption = pre.parentElement.matches('figure.code-figure') ? pre.parentElement.querySelector('figcaption') : null;
      if (caption) {
        caption.append(button);
      } else {
        const block = document.createElement('div');
        block.className = 'code-block';
        const header = document.createElement('div');
        header.className = 'code-header';
        const language = document.createElement('span');
        language.className = 'code-lang';
        language.textContent = languageOf(pre, code);
        header.append(language, button); // the bar first: read (and tabbed to) before the code it copies
        pre.before(block);
        block.append(header, pre);
      }
      let restore = 0;
      const say = (shown, announced) => {
        button.firstChild.textContent = shown;
        announcer.textContent = announced;
        clearTimeout(restore);
        restore = setTimeout(() => {
          button.firstChild.textContent = 'Copy';
          announcer.textContent = ''; // so that a second copy is announced again
        }, 2000);
      };
      button.addEventListener('click', async () => {
        try {
          await navigator.clipboard.writeText(code.textContent.replace(/\n$/, ''));
          say('Copied', 'Copied');
        } catch {
          // No clipboard here (plain HTTP, or the browser said no): select the code for a manual copy.
          getSelection().selectAllChildren(code);
          say('Press Ctrl+C', 'Could not copy. The code is selected: press Control+C, or Command+C, to copy it.');
        }
      });
    });
  };

  // Copy buttons beside short texts (the device code): shown only with script, since copying needs it.
  const setUpCopyText = () => {
    document.querySelectorAll('button[data-copy]').forEach((button) => {
      const source = document.querySelector(button.dataset.copy);
      if (!source) return;
      button.hidden = false;
      button.addEventListener('click', async () => {
        try {
          await navigator.clipboard.writeText(source.textContent.trim());
          button.textContent = 'Copied';
        } catch {
          getSelection().selectAllChildren(source);
          button.textContent = 'Press Ctrl+C';
        }
        setTimeout(() => { button.textContent = 'Copy'; }, 2000);
      });
    });
  };

  // The page's contents mark the section being read (aria-current), updated as the reader scrolls: the last
  // heading that has passed just under the sticky header. Only an attribute changes, so nothing moves.
  const setUpContents = () => {
    const links = [...document.querySelectorAll('.toc-list a[href^="#"]')];
    const targets = links.map((link) => document.getElementById(decodeURIComponent(link.hash.slice(1))));
    if (links.length === 0) return;
    let current = null;
    const mark = () => {
      const line = (document.querySelector('.site-header')?.offsetHeight || 0) + 24;
      let index = 0;
      targets.forEach((target, i) => {
        if (target && target.getBoundingClientRect().top <= line) index = i;
      });
      // At the very end of the page the last short sections cannot reach the line: mark the last.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) index = links.length - 1;
      if (links[index] === current) return;
      current?.removeAttribute('aria-current');
      current = links[index];
      current.setAttribute('aria-current', 'true');
    };
    let pending = false;
    window.addEventListener('scroll', () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; mark(); });
    }, { passive: true });
    mark();
  };

  // Reviews (/review): an answer is sent with fetch. "Still true" says in place when the takeaway comes back and
  // moves focus to the next one; "Not anymore" goes to the item, unticked, as the plain form does.
  const setUpReviews = () => {
    const count = document.querySelector('[data-review-count]');
    let due = Number(count?.dataset.reviewCount) || 0;
    document.querySelectorAll('form[data-review-form]').forEach((form) => {
      const item = form.closest('.review-item');
      const status = form.querySelector('[data-review-status]');
      const buttons = [...form.querySelectorAll('button')];
      const answered = (text) => {
        item.classList.add('is-answered');
        status.textContent = text;
        due = Math.max(0, due - 1);
        if (count) count.textContent = due === 0 ? 'All done for now.' : `${due} ${due === 1 ? 'takeaway' : 'takeaways'} to review.`;
        const next = [...document.querySelectorAll('.review-item:not(.is-answered) button')][0];
        if (next) next.focus();
        else if (count) { count.tabIndex = -1; count.focus(); }
      };
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (form.classList.contains('is-saving')) return;
        const body = new FormData(form, event.submitter);
        form.classList.add('is-saving');
        buttons.forEach((b) => { b.disabled = true; });
        status.classList.remove('text-danger-emphasis');
        status.textContent = 'Saving…';
        try {
          const response = await fetch(form.action, {
            method: 'POST',
            body,
            headers: { Accept: 'application/json' },
            credentials: 'same-origin',
          });
          if (response.status === 409) {
            answered('Answered already.');
            return;
          }
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const result = await response.json();
          if (result.answer === 'not-anymore') {
            status.textContent = 'Unticked. Taking you to it…';
            window.location.assign(result.section);
            return;
          }
          answered(`Still true: it comes back ${result.next}.`);
        } catch {
          status.classList.add('text-danger-emphasis');
          status.textContent = 'Not saved. Check your connection and try again.';
          buttons.forEach((b) => { b.disabled = false; });
        } finally {
          form.classList.remove('is-saving');
        }
      });
    });
  };

  document.addEventListener('DOMContentLoaded', () => {
    setUpThemePicker();
    setUpMenus();
    setUpChecklists();
    setUpReviews();
    setUpLiveSearch();
    setUpCodeBlocks();
    setUpContents();
    setUpCopyText();
    markScrollables();
    let pending = false;
    window.addEventListener('resize', () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; markScrollables(); });
    });
  });
})();
