/** What was requested and how it ended: status badge, method and URL (masked already). */
export function RequestLine({
  status,
  method,
  url,
}: {
  status: number;
  method: string;
  url: string;
}) {
  return (
    <>
      <span class={`status s${status}`}>{status}</span>
      <code class="url" title={url}>
        {method} {url}
      </code>
    </>
  );
}
