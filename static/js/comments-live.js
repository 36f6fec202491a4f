// Live comments: appends newly approved comments to the open page as they arrive over
// Server-Sent Events. The page works without it; the server sends each comment already
// rendered and escaped, exactly as the page would show it.
(() => {
  const section = document.querySelector('.comments[data-live]');
  if (!section || !('EventSource' in window)) return;
  const status = section.querySelector('.comments__live');
  const newestFirst = section.dataset.sort !== 'oldest';

  function threadList() {
    let list = section.querySelector('.comment-threads');
    if (!list) {
      list = document.createElement('ol');
      list.className = 'comment-threads';
      const empty = section.querySelector('.comments__empty');
      if (empty) empty.replaceWith(list);
      else section.appendChild(list);
    }
    return list;
  }

  const signedIn = section.dataset.viewer === 'signed-in';

  // A signed-in reader gets the comment as the page would show it to them: with Reply,
  // Recommend and Flag. Everyone else (or if that fails) gets the public version.
  async function htmlFor(comment) {
    if (!signedIn) return comment.html;
    try {
      const answer = await fetch('/comments/' + comment.id + '/fragment', {
        credentials: 'same-origin',
        headers: { Accept: 'text/html' },
      });
      if (answer.ok) return await answer.text();
    } catch {
      // offline for a moment: the public version will do
    }
    return comment.html;
  }

  const source = new EventSource(section.dataset.live);
  source.addEventListener('open', () => {
    section.dataset.liveState = 'open';
  });
  source.addEventListener('error', () => {
    section.dataset.liveState = 'reconnecting';
  });
  source.addEventListener('comment', async (event) => {
    let comment;
    try {
      comment = JSON.parse(event.data);
    } catch {
      return;
    }
    if (document.getElementById('comment-' + comment.id)) return;  // already on the page
    const html = await htmlFor(comment);
    if (document.getElementById('comment-' + comment.id)) return;  // arrived meanwhile
    const holder = document.createElement('template');
    holder.innerHTML = html;
    const node = holder.content.firstElementChild;
    if (!node) return;
    node.classList.add('comment--new');
    const top = comment.thread_id && document.getElementById('comment-' + comment.thread_id);
    if (top) {
      top.closest('.comment-thread').appendChild(node);
    } else {
      const item = document.createElement('li');
      item.className = 'comment-thread';
      item.appendChild(node);
      const list = threadList();
      if (newestFirst) list.prepend(item);
      else list.appendChild(item);
    }
    if (status) status.textContent = 'New comment from ' + comment.author + '.';
  });
  // More arrived while away than can be replayed: offer a reload instead of a partial list.
  source.addEventListener('gap', () => {
    if (!status || status.querySelector('a')) return;
    status.textContent = 'Many new comments have arrived. ';
    const link = document.createElement('a');
    link.href = window.location.pathname + '#comments';
    link.textContent = 'Show them';
    link.addEventListener('click', () => window.location.reload());
    status.appendChild(link);
  });
})();
