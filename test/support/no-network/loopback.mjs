// @ts-check
/**
 * Which destinations stay on this machine: the loopback addresses (127.0.0.0/8, ::1, their IPv4-mapped forms),
 * the unspecified addresses (0.0.0.0 and ::, which Linux connects to loopback) and the name `localhost` (resolved
 * from /etc/hosts, never by a DNS server). Every other name or address may leave the machine.
 */
import { isIP } from 'node:net';

/**
 * Whether an IP address literal is loopback (or unspecified).
 * @param {string} address
 */
export function isLoopbackAddress(address) {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  const version = isIP(bare);
  if (version === 4) return bare.startsWith('127.') || bare === '0.0.0.0';
  if (version !== 6) return false;
  // The URL parser writes an IPv6 address in its shortest form: ::ffff:127.0.0.1 becomes ::ffff:7f00:1.
  const canonical = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  return canonical === '::1' || canonical === '::' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(canonical);
}

/**
 * Whether a host (a name or an address literal) stays on this machine.
 * @param {string | null | undefined} host
 */
export function isLoopbackHost(host) {
  if (host === undefined || host === null || host === '') return true; // Node's default host is localhost
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || isLoopbackAddress(name);
}
