import type { Request } from 'express';

/** Centra takes `Authorization: Bearer <token>` or the cookie `graphql-access=<token>` (docs/design.md C4). */
export function presentedToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const bearer = header ? /^Bearer\s+(.+)$/i.exec(header.trim())?.[1] : undefined;
  if (bearer) return bearer;
  const cookie = req
    .get('cookie')
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith('graphql-access='));
  return cookie ? decodeURIComponent(cookie.slice('graphql-access='.length)) : undefined;
}
