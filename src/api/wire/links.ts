/**
 * `<collection>_links` for a paginated list (semantics.md §5): `next` unless
 * a forward page came back short, `previous` unless a reversed page came back
 * short. Hrefs repeat the request's query with the marker moved. An empty
 * page past the end still links back: `previous` without a marker, reversed,
 * is the last page (clients walk back from there, as Neutron's do).
 */
export function paginationLinks(
  baseUrl: string, search: URLSearchParams, ids: string[], limit: number, reverse: boolean,
): Array<{ rel: string; href: string }> {
  const links: Array<{ rel: string; href: string }> = [];
  if (ids.length > 0 && !(ids.length < limit && !reverse)) {
    const next = new URLSearchParams(search);
    next.delete('marker');
    next.delete('page_reverse');
    next.append('marker', ids.at(-1)!);
    links.push({ rel: 'next', href: `${baseUrl}?${next.toString()}` });
  }
  if (!(ids.length < limit && reverse)) {
    const previous = new URLSearchParams(search);
    previous.delete('marker');
    previous.delete('page_reverse');
    if (ids.length > 0) previous.append('marker', ids[0]!);
    previous.append('page_reverse', 'True');
    links.push({ rel: 'previous', href: `${baseUrl}?${previous.toString()}` });
  }
  return links;
}
