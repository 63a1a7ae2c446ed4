import { describe, expect, it } from 'vitest';
import { hashPassword } from '../src/admin/password-hash.js';
import { createPayServer as createNodePayServer } from '../src/index.js';
import { createPayServer as createWebPayServer } from '../src/web.js';

// The admin console needs node:crypto and the file system, so only the Node entry brings it (admin-console-part.ts).
describe('the admin console and the two entries', () => {
  it('the web entry refuses admin users, naming the Node entry; the Node entry serves /admin', async () => {
    const admin = { keys: [], users: [{ name: 'ops', passwordHash: await hashPassword('correct horse battery') }] };
    await expect(createWebPayServer({ auth: { development: true }, admin })).rejects.toThrow(
      /@coinslot\/server \(Node\)/,
    );
    const server = await createNodePayServer({ auth: { development: true }, admin });
    try {
      const page = await server.handle(new Request('http://127.0.0.1/admin'));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    } finally {
      await server.close();
    }
  });

  it('a web-entry server without admin users answers /admin 404', async () => {
    const server = await createWebPayServer({ auth: { development: true } });
    try {
      expect((await server.handle(new Request('http://127.0.0.1/admin'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
