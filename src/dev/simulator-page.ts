/**
 * The simulator's single page, kept in a TS string so `tsc` output carries it (no asset copying)
 * and fully self-contained: the machines it runs on reach nothing outside, so no CDN.
 * String.raw keeps the backslashes of the embedded regexes; the page script therefore avoids
 * backticks and dollar-brace sequences. Every dynamic value is inserted with textContent, never
 * innerHTML: bot messages are data, not markup.
 */
export const SIMULATOR_PAGE = String.raw`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>Mô phỏng Zalo OA</title>
<link rel="icon" href="data:,">
<style>
  :root { --blue: #0068ff; --bg: #eef0f3; --line: #d5d9df; --text: #1b1e23; --muted: #6b7280; }
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; }
  html { background: #d9dde3; }
  body { font: 16px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text);
         background: var(--bg); display: flex; flex-direction: column; height: 100vh; height: 100dvh;
         width: 100%; max-width: 760px; margin: 0 auto; box-shadow: 0 0 12px rgba(0,0,0,.08); }
  small { font-size: 0.72em; color: var(--muted); font-weight: normal; }
  button { font: inherit; min-height: 44px; padding: 6px 12px; border-radius: 10px; border: 1px solid var(--line);
           background: #fff; color: var(--text); cursor: pointer; }
  button:active { background: #e5efff; }
  button.primary { background: var(--blue); border-color: var(--blue); color: #fff; }
  button.primary small { color: #dbe8ff; }
  button:disabled { opacity: 0.5; }
  header { background: var(--blue); color: #fff; padding: 8px 10px; display: flex; flex-direction: column; gap: 6px;
           padding-top: max(8px, env(safe-area-inset-top)); }
  header h1 { margin: 0; font-size: 18px; }
  header h1 small { color: #dbe8ff; }
  header button.primary { background: #fff; border-color: #fff; color: var(--blue); font-weight: 600; white-space: nowrap; }
  header button.primary small { color: var(--blue); }
  .user-row { display: flex; gap: 6px; }
  .user-row select { flex: 1; min-width: 0; min-height: 44px; font: inherit; border-radius: 10px; border: 0; padding: 0 8px; }
  #chat { flex: 1; overflow-y: auto; overflow-anchor: none; padding: 12px 10px; display: flex; flex-direction: column; gap: 8px; }
  .empty { margin: auto; text-align: center; color: var(--muted); }
  .msg { max-width: 82%; display: flex; flex-direction: column; gap: 4px; }
  .msg.user { align-self: flex-end; align-items: flex-end; }
  .msg.bot { align-self: flex-start; }
  .bubble { padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }
  .user .bubble { background: #d7e7ff; border-bottom-right-radius: 4px; }
  .bot .bubble { background: #fff; border-bottom-left-radius: 4px; box-shadow: 0 1px 1px rgba(0,0,0,.06); }
  .bubble img { display: block; max-width: 100%; border-radius: 8px; }
  .meta { font-size: 12px; color: var(--muted); }
  .btns { display: flex; flex-direction: column; gap: 4px; align-self: stretch; }
  .btns button { text-align: left; color: var(--blue); font-weight: 600; }
  .note { align-self: center; font-size: 13px; color: var(--muted); background: #e2e5ea; padding: 4px 10px; border-radius: 10px; }
  .template { border-left: 4px solid #f5a623; }
  .template dl { margin: 4px 0 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; font-size: 14px; }
  .template dt { color: var(--muted); }
  .template dd { margin: 0; }
  #status { padding: 2px 10px; font-size: 13px; min-height: 20px; color: var(--muted); }
  #status.bad { color: #c62828; font-weight: 600; }
  #status.good { color: #2e7d32; }
  .actions { display: flex; flex-wrap: wrap; gap: 6px; padding: 6px 10px; background: #fff; border-top: 1px solid var(--line); }
  .actions button { flex: 1 1 auto; display: flex; flex-direction: column; align-items: center; justify-content: center;
                    line-height: 1.1; padding: 4px 8px; font-size: 15px; }
  form { display: flex; gap: 6px; padding: 6px 10px; background: #fff;
         padding-bottom: max(6px, env(safe-area-inset-bottom)); }
  textarea { flex: 1; min-width: 0; font: inherit; font-size: 16px; padding: 10px; border-radius: 10px;
             border: 1px solid var(--line); resize: none; max-height: 30vh; }
  textarea::placeholder { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  /* Small phones (320 px): drop the English captions beside the buttons that share a row. */
  @media (max-width: 360px) {
    header button.primary small, form button small { display: none; }
  }
  #toast { position: fixed; left: 50%; bottom: 200px; transform: translateX(-50%); background: #1b1e23; color: #fff;
           padding: 10px 16px; border-radius: 12px; display: none; max-width: 90vw; text-align: center; }
  #toast a { color: #9cc3ff; font-size: 20px; }
</style>
</head>
<body>
<header>
  <h1>Mô phỏng Zalo OA <small>Zalo OA simulator</small></h1>
  <div class="user-row">
    <select id="user" aria-label="Người dùng (user)"></select>
    <button id="new-user" class="primary" type="button">+ Người mới <small>New user</small></button>
  </div>
</header>
<main id="chat"><p class="empty">Tạo hoặc chọn một người dùng để bắt đầu.<br><small>Create or pick a user to start.</small></p></main>
<div id="status" role="status"></div>
<nav class="actions">
  <button type="button" data-kind="follow">Quan tâm <small>Follow</small></button>
  <button type="button" data-kind="chatnow">Nhắn tin <small>chat now</small></button>
  <button type="button" data-kind="image">Gửi ảnh <small>Send photo</small></button>
  <button type="button" data-kind="location">Gửi vị trí <small>Send location</small></button>
  <button type="button" data-kind="unfollow">Bỏ quan tâm <small>Unfollow</small></button>
</nav>
<form id="composer">
  <textarea id="text" rows="1" placeholder="Nhập tin nhắn… (type a message)" autocomplete="off"></textarea>
  <button class="primary" type="submit">Gửi <small>Send</small></button>
</form>
<div id="toast" role="alert"></div>
<script>
(function () {
  'use strict';
  var base = location.pathname.replace(/\/+$/, '');
  var chat = document.getElementById('chat');
  var select = document.getElementById('user');
  var statusLine = document.getElementById('status');
  var textBox = document.getElementById('text');
  var toastBox = document.getElementById('toast');
  var current = localStorage.getItem('zalo-sim.user') || '';
  var next = 0;
  var generation = 0;
  var inflight = false;
  var again = false;
  var toastTimer = 0;
  var pinned = true;
  var autoTop = -1;
  var offline = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function api(method, path, body) {
    var init = { method: method, cache: 'no-store', headers: {} };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json; charset=utf-8';
      init.body = JSON.stringify(body);
    }
    return fetch(base + path, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        return { ok: res.ok, status: res.status, data: data };
      });
    });
  }

  function showStatus(text, good) {
    statusLine.textContent = text;
    statusLine.className = good ? 'good' : 'bad';
  }

  function toast(text, href) {
    toastBox.replaceChildren(el('div', '', text));
    if (href) {
      var link = el('a', '', href.replace(/^tel:/, ''));
      link.href = href;
      toastBox.appendChild(link);
    }
    toastBox.style.display = 'block';
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toastBox.style.display = 'none'; }, 5000);
  }

  function loadUsers() {
    return api('GET', '/api/users').then(function (r) {
      var users = Array.isArray(r.data) ? r.data : [];
      select.replaceChildren();
      users.forEach(function (u) {
        var option = el('option', '', u.name + ' · ' + u.id);
        option.value = u.id;
        select.appendChild(option);
      });
      var known = users.some(function (u) { return u.id === current; });
      if (!known) current = users.length ? users[users.length - 1].id : '';
      select.value = current;
      selectUser(current);
    });
  }

  function createUser() {
    var name = prompt('Tên hiển thị? (display name, để trống = tự đặt)', '');
    if (name === null) return;
    api('POST', '/api/users', name.trim() ? { name: name.trim() } : {}).then(function (r) {
      if (!r.ok) return showStatus('Không tạo được (could not create): ' + JSON.stringify(r.data), false);
      current = r.data.id;
      // A new person follows the OA first, as a citizen does: the OA may then write to them
      // (Zalo's 7-day window), e.g. as a village team member given a role through the API.
      return loadUsers().then(function () { return send('follow'); });
    });
  }

  function selectUser(id) {
    current = id;
    localStorage.setItem('zalo-sim.user', id);
    generation += 1;
    next = 0;
    chat.replaceChildren();
    if (!id) chat.appendChild(el('p', 'empty', 'Tạo một người dùng để bắt đầu. (Create a user to start.)'));
    pollSoon();
  }

  function pollSoon() {
    if (!current) return;
    if (inflight) { again = true; return; }
    inflight = true;
    var gen = generation;
    api('GET', '/api/messages?userId=' + encodeURIComponent(current) + '&after=' + next).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      if (offline) return reconnected();
      if (gen !== generation) return;
      r.data.messages.forEach(render);
      next = r.data.next;
    }).catch(function () {
      // The dev server restarts often; the next tick retries, but say so instead of going quiet.
      if (!offline) showStatus('Mất kết nối tới máy chủ, đang thử lại… (server unreachable, retrying)', false);
      offline = true;
    }).then(function () {
      inflight = false;
      if (again) { again = false; pollSoon(); }
    });
  }

  /** Back after an outage: a restarted server forgot its users, so start again from its list. */
  function reconnected() {
    var before = current;
    offline = false;
    return loadUsers().then(function () {
      if (before && current !== before) {
        showStatus('Máy chủ đã khởi động lại, người dùng cũ đã mất (server restarted: users were reset)', false);
      } else {
        showStatus('Đã kết nối lại (reconnected)', true);
      }
    });
  }

  function scrollDown() {
    chat.scrollTop = chat.scrollHeight;
    autoTop = chat.scrollTop;
    pinned = true;
  }
  // Follow growing images only while the reader stays at the bottom, not once they scroll back.
  // Our own scrollDown also fires this, possibly after an image has grown: that one is skipped.
  chat.addEventListener('scroll', function () {
    if (chat.scrollTop === autoTop) return;
    pinned = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 40;
  });

  /** Images get their height only once loaded: keep the newest message in view when they do. */
  function image(url, alt) {
    var img = el('img');
    img.alt = alt;
    img.addEventListener('load', function () { if (pinned) scrollDown(); });
    img.src = url;
    return img;
  }

  var NOTES = {
    follow: 'Đã quan tâm OA (follow)',
    unfollow: 'Đã bỏ quan tâm OA (unfollow)',
    chatnow: 'Đã bấm "Nhắn tin" trên trang OA (chat now)'
  };

  function render(entry) {
    if (entry.from === 'user') renderUser(entry); else renderBot(entry.message);
    scrollDown();
  }

  function renderUser(entry) {
    if (NOTES[entry.kind]) { chat.appendChild(el('div', 'note', NOTES[entry.kind])); return; }
    var box = el('div', 'msg user');
    var bubble = el('div', 'bubble');
    if (entry.imageUrl) bubble.appendChild(image(entry.imageUrl, 'ảnh (photo)'));
    if (entry.location) bubble.appendChild(el('div', '', '📍 ' + entry.location.latitude + ', ' + entry.location.longitude));
    if (entry.text) bubble.appendChild(el('div', '', entry.text));
    box.appendChild(bubble);
    box.appendChild(el('div', 'meta', time(entry.at)));
    chat.appendChild(box);
  }

  function renderBot(m) {
    var box = el('div', 'msg bot');
    box.appendChild(m.kind === 'template' ? templateBubble(m) : csBubble(m));
    if (m.buttons && m.buttons.length) box.appendChild(buttonList(m.buttons));
    box.appendChild(el('div', 'meta', time(m.at)));
    chat.appendChild(box);
  }

  function csBubble(m) {
    var bubble = el('div', 'bubble');
    mediaUrls(m.attachment).forEach(function (url) { bubble.appendChild(image(url, 'ảnh (image)')); });
    if (m.text) bubble.appendChild(el('div', '', m.text));
    if (!m.text && !bubble.childNodes.length) bubble.appendChild(el('small', '', '[' + (m.attachment && m.attachment.type) + ']'));
    return bubble;
  }

  function mediaUrls(attachment) {
    var elements = attachment && attachment.payload && attachment.payload.elements;
    if (!Array.isArray(elements)) return [];
    return elements.filter(function (e) { return e && typeof e.url === 'string'; }).map(function (e) { return e.url; });
  }

  function templateBubble(m) {
    var bubble = el('div', 'bubble template');
    bubble.appendChild(el('strong', '', 'Tin mẫu (template) ' + m.templateId));
    var list = el('dl');
    Object.keys(m.templateData || {}).forEach(function (key) {
      list.appendChild(el('dt', '', key));
      list.appendChild(el('dd', '', String(m.templateData[key])));
    });
    bubble.appendChild(list);
    return bubble;
  }

  function buttonList(buttons) {
    var list = el('div', 'btns');
    buttons.forEach(function (b) {
      var button = el('button', '', b.title);
      button.type = 'button';
      button.title = b.type;
      button.addEventListener('click', function () { press(b); });
      list.appendChild(button);
    });
    return list;
  }

  function press(b) {
    if (b.type === 'oa.query.hide') return send('text', b.payload, true);
    if (b.type === 'oa.query.show') return send('text', b.payload, false);
    if (b.type === 'oa.open.url') return void window.open(b.payload.url, '_blank', 'noopener');
    if (b.type === 'oa.open.phone') return toast('Gọi điện (call)', 'tel:' + b.payload.phone_code);
    if (b.type === 'oa.open.sms') return toast('Nhắn SMS tới ' + b.payload.phone_code + ': ' + b.payload.content);
  }

  function time(ms) {
    return new Date(ms).toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function send(kind, text, hidden) {
    if (!current) return showStatus('Hãy tạo người dùng trước (create a user first)', false);
    var body = { userId: current, kind: kind };
    if (text) body.text = text;
    if (hidden) body.hidden = true;
    return api('POST', '/api/send', body).then(function (r) {
      if (r.status === 404) return loadUsers();
      reportDelivery(r);
      pollSoon();
    }).catch(function (err) { showStatus('Lỗi mạng (network error): ' + err, false); });
  }

  function reportDelivery(r) {
    var d = r.data || {};
    if (r.status === 400) return showStatus('Dữ liệu không hợp lệ (invalid): ' + JSON.stringify(d.fields), false);
    if (!d.status) return showStatus('Webhook không phản hồi (unreachable): ' + (d.error || r.status), false);
    var ok = d.status >= 200 && d.status < 300;
    var hint = d.status === 401 || d.status === 403 ? ' — chữ ký sai? (signature rejected?)' : '';
    showStatus('Webhook → HTTP ' + d.status + ' · ' + d.eventName + hint, ok);
  }

  document.getElementById('composer').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = textBox.value;
    if (!text.trim()) return;
    textBox.value = '';
    send('text', text, false);
    textBox.focus();
  });
  textBox.addEventListener('keydown', function (e) {
    // Vietnamese IMEs (Telex/VNI) compose with Enter pending: never send mid-composition.
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    document.getElementById('composer').requestSubmit();
  });
  document.querySelectorAll('[data-kind]').forEach(function (button) {
    button.addEventListener('click', function () {
      var caption = button.dataset.kind === 'image' || button.dataset.kind === 'location' ? textBox.value.trim() : '';
      if (caption) textBox.value = '';
      send(button.dataset.kind, caption, false);
    });
  });
  select.addEventListener('change', function () { selectUser(select.value); });
  document.getElementById('new-user').addEventListener('click', createUser);

  loadUsers();
  var idleTicks = 0;
  setInterval(function () {
    // While the server is away, knock every few seconds rather than filling the console.
    if (offline && (idleTicks = (idleTicks + 1) % 4) !== 0) return;
    pollSoon();
  }, 700);
})();
</script>
</body>
</html>
`;
