import { defineConfig } from 'tsup';

export default defineConfig({
  // src/cli.ts is the `coinslot-server` bin; tsup keeps its shebang and marks it executable.
  entry: ['src/index.ts', 'src/web.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: ['src/index.ts', 'src/web.ts'], compilerOptions: { composite: false } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // Optional dependencies (tsup bundles those by default): the SQLite and PostgreSQL stores import them when opened.
  external: ['better-sqlite3', 'pg'],
});
