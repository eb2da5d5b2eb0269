/**
 * The NHS pattern for a page showing an error: its title starts "Error: ", so a screen reader says so before anything
 * else. For pages whose errors appear in the browser (React islands); a page rendered with its errors on the server
 * passes the title so prefixed to `BaseLayout`.
 */
const PREFIX = 'Error: ';

/** How many errors on the page hold the prefix now: it goes when the last one does. */
let holders = 0;

/**
 * Marks the page's title as showing an error, until the function it returns is called (call it when the error goes,
 * for example as a React effect's cleanup). Several errors at once share one prefix.
 */
export function showErrorInTitle(): () => void {
  holders += 1;
  if (!document.title.startsWith(PREFIX)) document.title = `${PREFIX}${document.title}`;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0 && document.title.startsWith(PREFIX)) document.title = document.title.slice(PREFIX.length);
  };
}
